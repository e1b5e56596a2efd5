#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for swift-box-auth's PostgreSQL tests.
#
#   eval "$(scripts/postgres-cluster.sh start)"   # initdb into a temporary folder, start on 127.0.0.1
#   swift test --filter BoxAuthPostgres           # the tests read BOX_AUTH_TEST_POSTGRES_URL
#   scripts/postgres-cluster.sh stop              # stop it and delete the folder
#
# `start` prints the exports (BOX_AUTH_TEST_POSTGRES_URL, BOX_AUTH_POSTGRES_CLUSTER) on stdout and
# everything else on stderr. The cluster trusts connections from the loopback only (it is a test
# cluster: never point it at data you keep). Run as root, initdb and the server run as `postgres`.
set -euo pipefail

bindir() {
  if [ -n "${POSTGRES_BIN:-}" ]; then echo "$POSTGRES_BIN"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$found" ]; then echo "$found"; return; fi
  dirname "$(command -v initdb)"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin dir port
  bin=$(bindir)
  [ -x "$bin/initdb" ] || { echo "postgres-cluster: no initdb (install Debian's postgresql package)" >&2; exit 1; }
  dir=$(mktemp -d /tmp/box-auth-postgres.XXXXXX)
  chmod 0755 "$dir"
  mkdir "$dir/data"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir" "$dir/data"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port=$(free_port)
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off" \
    start >&2
  echo "postgres-cluster: started on 127.0.0.1:$port in $dir" >&2
  echo "export BOX_AUTH_POSTGRES_CLUSTER='$dir'"
  echo "export BOX_AUTH_TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:$port/postgres'"
}

stop() {
  local dir="${1:-${BOX_AUTH_POSTGRES_CLUSTER:-}}"
  [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "postgres-cluster: nothing to stop" >&2; return 0; }
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  rm -rf "$dir"
  echo "postgres-cluster: stopped and removed $dir" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop [folder]" >&2; exit 2 ;;
esac
