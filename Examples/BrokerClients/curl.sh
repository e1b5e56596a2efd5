#!/bin/sh
# The broker's API from the shell. Nothing here is secret but the TCP bearer secret, which curl
# reads from the token file itself (never put it in argv: other users can read a process's argv).
#
#   SOCK=/run/box-auth/broker.sock ./curl.sh            # over the Unix socket
#   PORT=8765 TOKEN_FILE=/path/broker.token ./curl.sh  # over loopback TCP
set -eu
PROFILE="${PROFILE:-service}"

if [ -n "${PORT:-}" ]; then
  # TCP: 'Authorization: Bearer <the token file's content>', handed to curl on standard input.
  printf 'Authorization: Bearer %s\n' "$(cat "${TOKEN_FILE:?set TOKEN_FILE}")" |
    curl -sS --fail-with-body -H @- -H 'Box-Auth-Broker: 1' \
      "http://127.0.0.1:$PORT/v1/profiles/$PROFILE/token"
  echo
  exit 0
fi

SOCK="${SOCK:-${BOX_AUTH_BROKER_SOCKET:-${XDG_RUNTIME_DIR:-}/box-auth/broker.sock}}"

# The profile's token: {"access_token": ..., "token_type": "bearer", "expires_at": ..., "expires_in": ...}
curl -sS --fail-with-body --unix-socket "$SOCK" -H 'Box-Auth-Broker: 1' \
  "http://localhost/v1/profiles/$PROFILE/token"
echo

# A downscoped token: scopes required; resource or sharedLink, not both.
curl -sS --fail-with-body --unix-socket "$SOCK" -H 'Box-Auth-Broker: 1' \
  -H 'Content-Type: application/json' \
  -d '{"scopes": ["item_preview"], "resource": "https://api.box.com/2.0/folders/0"}' \
  "http://localhost/v1/profiles/$PROFILE/token"
echo

# After Box answered 401 with a token: ask the broker to drop it (204), then GET the token again.
#   curl --unix-socket "$SOCK" -H 'Box-Auth-Broker: 1' -H 'Content-Type: application/json' \
#     -d '{"access_token": "..."}' "http://localhost/v1/profiles/$PROFILE/invalidate"

# Is it up, and how many profiles does it serve?
curl -sS --fail-with-body --unix-socket "$SOCK" -H 'Box-Auth-Broker: 1' http://localhost/v1/health
echo
