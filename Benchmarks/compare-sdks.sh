#!/usr/bin/env bash
# swift-box-auth against the Python SDKs, and the CLI's whole process, against one token server in
# another process (the emulator of a release box-auth, on 127.0.0.1), interleaved round by round:
#
#   JWT refresh (median): box-sdk-gen / swift-box-auth, and legacy boxsdk 3.x / swift-box-auth
#   a new provider from the profile + its first token (PBES2 key) against key decryption + one refresh
#   `box-auth token` whole process, cold (memory cache), against the start floor + key decryption +
#   one refresh (needs hyperfine)
#
# Usage: Benchmarks/compare-sdks.sh [ROUNDS]   (default 5 rounds of 200 refreshes per side)
# Needs: a release box-auth (swift build -c release --product box-auth), python3 with venv (the SDKs
# are installed into Benchmarks/.venv from PyPI: box-sdk-gen, "boxsdk[jwt]<4"), hyperfine for the CLI row.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
rounds="${1:-5}"
cli="${BOX_AUTH_CLI:-$repo/.build/release/box-auth}"
[[ -x "$cli" ]] || { echo "compare-sdks: no $cli (swift build -c release --product box-auth)" >&2; exit 2; }

swift build -c release --package-path "$here/InstructionCounts" --product RefreshTiming >&2
swift build -c release --package-path "$here/InstructionCounts" --product StartFloor >&2
bin="$(swift build -c release --package-path "$here/InstructionCounts" --show-bin-path)"
venv="$here/.venv"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q box-sdk-gen "boxsdk[jwt]<4"
fi

work="$(mktemp -d)"
cp "$repo/Tests/BoxAuthTestKit/Fixtures/box_config.json" "$work/"
chmod 600 "$work/box_config.json"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$cli" emulator --port "$port" --app "$work/box_config.json" >"$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q listening "$work/emulator.log" && break; sleep 0.1; done
base="http://127.0.0.1:$port"
printf '{"profiles": {"jwt": {"provider": "jwt", "configFile": "box_config.json", "baseURL": "%s"}}}\n' "$base" \
  >"$work/profiles.json"
chmod 600 "$work/profiles.json"

field() { python3 -c "import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
echo -e "round\tswift_refresh_us\tsdk_gen_refresh_us\tlegacy_refresh_us\tswift_first_token_us\tkey_decrypt_us"
for round in $(seq "$rounds"); do
  swift_json="$("$bin/RefreshTiming" "$work/profiles.json" jwt "$work/box_config.json" 200)"
  gen_json="$("$venv/bin/python" "$here/python/refresh_timing.py" box-sdk-gen "$work/box_config.json" "$base" 20)"
  legacy_json="$("$venv/bin/python" "$here/python/refresh_timing.py" boxsdk "$work/box_config.json" "$base" 200)"
  echo -e "$round\t$(field "$swift_json" refresh_us)\t$(field "$gen_json" refresh_us)\t$(field "$legacy_json" refresh_us)\t$(field "$swift_json" first_token_us)\t$(field "$swift_json" key_decrypt_us)"
done | tee "$work/rounds.tsv"
python3 - "$work/rounds.tsv" <<'EOF'
import statistics, sys
rows = [list(map(float, line.split("\t"))) for line in open(sys.argv[1]) if line.strip()]
col = lambda i: [r[i] for r in rows]
swift, gen, legacy, first, decrypt = (statistics.median(col(i)) for i in range(1, 6))
print(f"JWT refresh, medians of the rounds: swift-box-auth {swift:.0f} µs, box-sdk-gen {gen:.0f} µs, legacy boxsdk {legacy:.0f} µs")
print(f"box-sdk-gen / swift-box-auth: {gen / swift:.2f}x   legacy boxsdk / swift-box-auth: {legacy / swift:.2f}x")
print(f"new provider + first token: {first:.0f} µs = key decryption {decrypt:.0f} µs + refresh {swift:.0f} µs + {first - decrypt - swift:.0f} µs")
EOF

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 30 \
    "$cli token --profiles $work/profiles.json --profile jwt" "$bin/StartFloor" 2>&1 | grep -E "Benchmark|Time|faster"
fi
