#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for swift-box-auth's PostgreSQL tests.
#
#   eval "$(scripts/postgres-cluster.sh start)"   # initdb into a temporary folder, start on 127.0.0.1
#   swift test --filter BoxAuthPostgres           # the tests read BOX_AUTH_TEST_POSTGRES_URL
#   scripts/postgres-cluster.sh stop              # stop it and delete the folder
#
# `start` prints the exports (BOX_AUTH_TEST_POSTGRES_URL, BOX_AUTH_TEST_POSTGRES_CA,
# BOX_AUTH_POSTGRES_CLUSTER) on stdout and everything else on stderr. The cluster trusts connections
# from the loopback only (it is a test cluster: never point it at data you keep). Run as root,
# initdb and the server run as `postgres`.
#
# TLS: the server accepts plain and TLS connections. `start` makes, with the openssl CLI, a
# throwaway CA (BOX_AUTH_TEST_POSTGRES_CA, its PEM) and a server certificate it signs for
# DNS:localhost and IP:127.0.0.1. The server also listens on 127.0.0.2, an address the certificate
# does not name, so tests can tell `sslmode=verify-ca` (no host check) from `verify-full`.
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

# Makes, in folder $1, ca.pem (a throwaway CA) and server.pem and server.key (a certificate the
# CA signs for localhost and 127.0.0.1). The CA's key is deleted once it has signed: nothing else
# can be made to chain to this CA. The server's key is 0600, and everything is owned by `postgres`.
make_certificates() {
  local tls="$1"
  command -v openssl >/dev/null || { echo "postgres-cluster: no openssl (install Debian's openssl package)" >&2; exit 1; }
  mkdir -m 0755 "$tls"
  (
    umask 077
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 \
      -subj "/CN=swift-box-auth throwaway test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$tls/ca.key" -out "$tls/ca.pem"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
      -keyout "$tls/server.key" -out "$tls/server.csr"
    printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=critical,CA:FALSE" \
      "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" >"$tls/server.ext"
    openssl x509 -req -days 7 -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" \
      -set_serial "0x$(openssl rand -hex 16)" -extfile "$tls/server.ext" -out "$tls/server.pem"
  ) >"$tls/openssl.log" 2>&1 || { cat "$tls/openssl.log" >&2; exit 1; }
  rm -f "$tls/ca.key" "$tls/server.csr" "$tls/server.ext" "$tls/openssl.log"
  chmod 0644 "$tls/ca.pem" "$tls/server.pem"
  chmod 0600 "$tls/server.key"
  # The server reads its certificate and key; the CA is for clients, which refuse an sslrootcert
  # that another user (postgres) owns, so it stays the caller's.
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$tls" "$tls/server.pem" "$tls/server.key"; fi
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
  # 127.0.0.2 (not in the certificate) is trusted like 127.0.0.1; plain and TLS connections alike.
  printf '%s\n' "host all all 127.0.0.2/32 trust" | as_owner tee -a "$dir/data/pg_hba.conf" >/dev/null
  make_certificates "$dir/tls"
  port=$(free_port)
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1,127.0.0.2 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c ssl=on -c ssl_cert_file=$dir/tls/server.pem -c ssl_key_file=$dir/tls/server.key" \
    start >&2
  echo "postgres-cluster: started on 127.0.0.1:$port (and 127.0.0.2) in $dir, TLS CA $dir/tls/ca.pem" >&2
  echo "export BOX_AUTH_POSTGRES_CLUSTER='$dir'"
  echo "export BOX_AUTH_TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:$port/postgres'"
  echo "export BOX_AUTH_TEST_POSTGRES_CA='$dir/tls/ca.pem'"
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
