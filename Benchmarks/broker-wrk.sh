#!/usr/bin/env bash
# Benchmark 11 over TCP with wrk (an independent load generator, C, one event loop per thread):
# the token broker's `GET /v1/profiles/service/token` against the bare Hummingbird route of the
# same size, both served by `BrokerLoad --serve-only` (release build), 64 keep-alive connections.
# wrk speaks TCP only, so the Unix socket is measured by BrokerLoad's own client.
#
#   Benchmarks/broker-wrk.sh [SECONDS] [CONNECTIONS] [THREADS]     (defaults 10 64 2)
#
# Needs wrk (Debian: apt-get install -y wrk). Builds BrokerLoad in release mode if it is missing.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-10}
connections=${2:-64}
threads=${3:-2}
command -v wrk >/dev/null || { echo "broker-wrk.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
binary=.build/release/BrokerLoad
[ -x "$binary" ] || swift build -c release --product BrokerLoad

out=$(mktemp)
"$binary" --serve-only >"$out" 2>&1 &
server=$!
cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    # The socket folder and the emulator sandbox, which a killed BrokerLoad leaves behind.
    for folder in $(sed -n 's/^FOLDERS=//p' "$out"); do case "$folder" in */bl-*|*/box-auth-sandbox-*) rm -rf "$folder" ;; esac; done
    rm -f "$out"
}
trap cleanup EXIT
for _ in $(seq 1 600); do grep -q '^BODY_BYTES=' "$out" && break; sleep 0.1; done
grep -q '^BODY_BYTES=' "$out" || { echo "broker-wrk.sh: BrokerLoad did not start:" >&2; cat "$out" >&2; exit 1; }
value() { sed -n "s/^$1=//p" "$out"; }
broker_port=$(value BROKER_PORT)
bare_port=$(value BARE_PORT)
secret=$(value BROKER_SECRET)
echo "wrk -t$threads -c$connections -d${seconds}s, body $(value BODY_BYTES) bytes; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

micros() {  # a wrk duration (312.00us, 1.23ms, 2.00s) in µs
    awk -v t="$1" 'BEGIN { v = t + 0; if (t ~ /us$/) print v; else if (t ~ /ms$/) print v * 1000; else if (t ~ /s$/) print v * 1000000; else print v }'
}
declare -A rps p50 p99
run() {  # key name port
    echo "== $2 (127.0.0.1:$3)"
    local url="http://127.0.0.1:$3/v1/profiles/service/token" result
    # 2 s of warm-up, not reported.
    wrk -t"$threads" -c"$connections" -d2s -H 'Box-Auth-Broker: 1' -H "Authorization: Bearer $secret" "$url" >/dev/null
    result=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency \
        -H 'Box-Auth-Broker: 1' -H "Authorization: Bearer $secret" "$url")
    echo "$result"
    if grep -q 'Non-2xx' <<<"$result"; then echo "broker-wrk.sh: $2 answered other than 2xx" >&2; exit 1; fi
    rps[$1]=$(awk '/^Requests\/sec/ { print $2 }' <<<"$result")
    p50[$1]=$(micros "$(awk '$1 == "50%" { print $2 }' <<<"$result")")
    p99[$1]=$(micros "$(awk '$1 == "99%" { print $2 }' <<<"$result")")
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
run broker "broker, TCP" "$broker_port"
run bare "bare, TCP" "$bare_port"
echo
echo "| wrk, TCP | requests/s | p50 µs | p99 µs |"
echo "|---|---|---|---|"
for key in broker bare; do echo "| $key | ${rps[$key]} | ${p50[$key]} | ${p99[$key]} |"; done
awk -v a="${rps[broker]}" -v b="${rps[bare]}" -v c="${p50[broker]}" -v d="${p50[bare]}" 'BEGIN {
    t = a / b; m = c / d
    printf "throughput broker/bare %.2fx (target >= 0.70: %s), p50 broker/bare %.2fx (target <= 1.30: %s)\n",
        t, (t >= 0.7 ? "PASS" : "MISS"), m, (m <= 1.3 ? "PASS" : "MISS") }'
