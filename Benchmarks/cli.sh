#!/usr/bin/env bash
# Times `box-auth token` (release build) with a warm and a cold "cache": "file" against the emulator,
# and a bare Foundation program as the floor, in one run. Both builds are measured: the default
# (Swift runtime and Foundation as shared libraries) and `--static-swift-stdlib` (linked in, as a
# binary is usually shipped), each in its own build folder.
#
#   ./cli.sh            # RUNS=40 runs of each case
#   RUNS=100 ./cli.sh
#
# Wall time: bash's $EPOCHREALTIME (microseconds) around each run, without a wrapper. Peak RSS:
# GNU time's "Maximum resident set size" (`/usr/bin/time -v`, in separate runs). On Debian GNU time
# is the package `time`: `apt-get install -y time` if /usr/bin/time is missing.
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-40}

if [ ! -x /usr/bin/time ]; then
    echo "cli.sh needs GNU time: apt-get install -y time" >&2
    exit 1
fi

build() { swift build -c release "$@" >/dev/null 2>&1 || swift build -c release "$@"; }
for product in box-auth BenchSandbox FoundationFloor; do build --product "$product"; done
for product in box-auth FoundationFloor; do build --static-swift-stdlib --scratch-path .build-static --product "$product"; done
BIN=$(swift build -c release --show-bin-path)
STATIC=$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)

WORK=$(mktemp -d)
SANDBOX_PID=
cleanup() {
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null || true
    [ -f "$WORK/sandbox.out" ] && rm -rf "$(sed -n 's/^FOLDER=//p' "$WORK/sandbox.out")"
    rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN/BenchSandbox" >"$WORK/sandbox.out" &
SANDBOX_PID=$!
for _ in $(seq 1 200); do grep -q '^BASEURL=' "$WORK/sandbox.out" 2>/dev/null && break; sleep 0.05; done
PROFILES=$(sed -n 's/^PROFILES=//p' "$WORK/sandbox.out")
[ -n "$PROFILES" ] || { echo "the emulator sandbox did not start" >&2; exit 1; }
export XDG_CACHE_HOME="$WORK/cache"
unset BOX_PROFILE BOX_PROFILES_FILE BOX_AUTH_LOG_LEVEL

# run NAME WARM|COLD COMMAND...: RUNS timed runs, then RUNS runs under /usr/bin/time -v.
run() {
    local name=$1 mode=$2
    shift 2
    local walls=() rss=()
    [ "$mode" = warm ] && "$@" >/dev/null
    for _ in $(seq 1 "$RUNS"); do
        [ "$mode" = cold ] && rm -rf "$XDG_CACHE_HOME"
        local start=$EPOCHREALTIME
        "$@" >/dev/null
        local end=$EPOCHREALTIME
        walls+=("$(( (${end/./} - ${start/./}) ))")
    done
    for _ in $(seq 1 "$RUNS"); do
        [ "$mode" = cold ] && rm -rf "$XDG_CACHE_HOME"
        /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null
        rss+=("$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")")
    done
    echo "$name|${walls[*]}|${rss[*]}" >>"$WORK/results"
}

for variant in dynamic static; do
    dir=$BIN
    [ "$variant" = static ] && dir=$STATIC
    run "FoundationFloor, $variant (reference)" warm "$dir/FoundationFloor" "$PROFILES"
    for profile in jwt client-credentials; do
        run "box-auth token, $profile, warm file cache, $variant" warm "$dir/box-auth" token --profiles "$PROFILES" --profile "$profile"
        run "box-auth token, $profile, cold file cache, $variant" cold "$dir/box-auth" token --profiles "$PROFILES" --profile "$profile"
    done
done

echo "$(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each"
python3 - "$WORK/results" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("|") for line in open(sys.argv[1])]
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]
floor = None
print(f"{'case':60} {'wall p50':>9} {'wall p90':>9} {'x floor':>8} {'RSS p50':>9} {'RSS max':>9}")
for name, walls, rss in rows:
    walls = [int(w) / 1000 for w in walls.split()]
    rss = [int(r) / 1024 for r in rss.split()]
    median = statistics.median(walls)
    if name.startswith("FoundationFloor"):
        floor = median
    print(f"{name:60} {median:7.2f}ms {pct(walls, 0.9):7.2f}ms {median / floor:7.2f}x {statistics.median(rss):7.1f}MB {max(rss):7.1f}MB")
PY
