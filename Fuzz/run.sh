#!/usr/bin/env bash
# Builds the libFuzzer targets with the fuzzer and address sanitizers, seeds each from the test
# fixtures and the corpus of broken inputs, and runs it.
#
#   Fuzz/run.sh                     # every target, 1,000,000 runs each, one after the other
#   Fuzz/run.sh FuzzProfiles 50000  # one target, 50,000 runs
#   RUNS=200000 Fuzz/run.sh         # every target, 200,000 runs each
#   SECONDS_EACH=5 Fuzz/run.sh      # every target for 5 s (what CI runs); fails on any finding
#
# Work goes to Fuzz/.build/fuzz/NAME/ (seeds/, corpus/ with what libFuzzer found, artifacts/ with
# crashing inputs, log.txt). Extra libFuzzer flags can be given in LIBFUZZER_FLAGS; NICE and TIMEOUT
# set the priority (default 10) and the per-input time limit (default 120 s).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="$here/../Tests/BoxAuthTestKit/Fixtures"
corpus="$fixtures/Corpus"
targets=(FuzzProfiles FuzzAppConfig FuzzPrivateKey FuzzTokenResponse FuzzTrust)
runs="${RUNS:-1000000}"
# With SECONDS_EACH, each target runs that long (any number of runs) from the fixed seeds below,
# with libFuzzer's random seed fixed too (-seed=1), so that CI's runs are the same each time.
seconds_each="${SECONDS_EACH:-}"
# release (the default) fuzzes fastest; CI builds debug, which compiles in a fraction of the time.
configuration="${CONFIGURATION:-release}"
if [[ $# -ge 1 ]]; then targets=("$1"); fi
if [[ $# -ge 2 ]]; then runs="$2"; fi
# Share the machine: lower priority unless told otherwise.
nice_level="${NICE:-10}"
# Seconds one input may take before libFuzzer calls it a hang. Generous, because a niced process on
# a busy machine can wait many seconds for a CPU; no input legitimately takes more than a second.
timeout="${TIMEOUT:-120}"

build() {
    # Retried: a source file saved during the build makes SwiftPM stop ("modified during the build").
    local attempt
    for attempt in 1 2 3; do
        if nice -n "$nice_level" swift build -c "$configuration" --package-path "$here" \
            -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
            --product "$1"; then
            return 0
        fi
        echo "build of $1 failed (attempt $attempt)" >&2
        sleep 30
    done
    return 1
}

# seed NAME: fills Fuzz/.build/fuzz/NAME/seeds from the fixtures.
seed() {
    local dir="$1/seeds"
    rm -rf "$dir" && mkdir -p "$dir"
    case "$2" in
    FuzzProfiles)
        find "$corpus/profiles" -name '*.json' -size -16k -exec cp {} "$dir/" \;
        # Valid files, one per provider kind, resolving against the fuzzer's scratch folder.
        cat > "$dir/valid-all-kinds.json" <<'JSON'
{ "$schema": "https://example.com/profiles.schema.json", "version": 1, "defaultProfile": "service",
  "profiles": {
    "service": { "provider": "jwt", "configFile": "box_config.json", "algorithm": "RS512", "cache": "file" },
    "inline": { "provider": "jwt", "clientID": "c", "clientSecret": "s", "publicKeyID": "k",
                "privateKey": { "file": "Keys/rsa2048-pkcs8.pem" }, "enterpriseID": 1234567 },
    "automation": { "provider": "client-credentials", "clientID": "abc", "clientSecret": "s3cr3t",
                    "enterpriseID": "1234567", "baseURL": "http://127.0.0.1:8080/", "asUser": 33333,
                    "refreshMargin": 60, "timeout": 5.5, "maxAttempts": 3, "retryDeadline": 10 },
    "alice": { "provider": "user-access-token", "userID": "33333", "grant": "jwt", "configFile": "box_config.json" },
    "bob": { "provider": "user-access-token", "userID": "44444", "grant": "client-credentials",
             "clientID": "abc", "clientSecret": { "file": "Keys/rsa2048-pkcs1.pem" } },
    "dev": { "provider": "developer-token", "token": "T0KEN" }
  } }
JSON
        ;;
    FuzzAppConfig)
        find "$corpus/config" -name '*.json' -exec cp {} "$dir/" \;
        cp "$fixtures/box_config.json" "$dir/box_config.json"
        ;;
    FuzzPrivateKey)
        cp "$fixtures"/Keys/*.pem "$fixtures/Keys/garbage.txt" "$dir/"
        ;;
    FuzzTokenResponse)
        # Byte 0 picks the status (0 = 200, 7 = 400, 11 = 429, 12 = 500), byte 1 the Content-Type
        # (0 = application/json, 3 = text/html); see Sources/FuzzTokenResponse.
        for f in "$corpus"/token-responses/*; do
            { printf '\000\000'; cat "$f"; } > "$dir/$(basename "$f")"
        done
        printf '\000\001{"access_token":"T","expires_in":4169.5,"token_type":"bearer","restricted_to":[{"scope":"item_preview","object":{"id":"1","type":"file"}}]}' > "$dir/valid"
        printf '\007\000{"error":"invalid_grant","error_description":"Please check the '"'"'exp'"'"' claim."}' > "$dir/refused"
        printf '\013\000{"error":"rate_limited"}' > "$dir/rate-limited"
        printf '\014\003<html>Internal Server Error</html>' > "$dir/server-error"
        printf '\004\000' > "$dir/redirect"
        ;;
    FuzzTrust)
        # The trusted-profiles list, a NUL byte, then the profiles file (see Sources/FuzzTrust).
        # The first 40 seeds, without `| head` (under pipefail, `sort` killed by SIGPIPE fails the run).
        mapfile -t seeds < <(find "$corpus/profiles" -name '*.json' -size -8k | sort)
        for f in "${seeds[@]:0:40}"; do
            { printf '\000'; cat "$f"; } > "$dir/no-list-$(basename "$f")"
        done
        printf '{"version":1,"trusted":{}}\000{"profiles":{"dev":{"provider":"developer-token","token":{"command":["sh","-c","id"]}}}}' > "$dir/empty-list"
        printf '{"version":1,"trusted":{"/tmp/x/profiles.json":{"sha256":"%064d"}}}\000{"profiles":{}}' 0 > "$dir/other-entry"
        printf '{"trusted":{"/x":1}}\000{"profiles":{}}' > "$dir/broken-list"
        printf '[]\000{}' > "$dir/not-a-list"
        ;;
    esac
}

dictionary() {
    case "$1" in
    FuzzProfiles) echo "$here/Dictionaries/profiles.dict" ;;
    FuzzAppConfig) echo "$here/Dictionaries/config.dict" ;;
    FuzzPrivateKey) echo "$here/Dictionaries/pem.dict" ;;
    FuzzTokenResponse) echo "$here/Dictionaries/token-response.dict" ;;
    FuzzTrust) echo "$here/Dictionaries/profiles.dict" ;;
    esac
}

failed=()
for name in "${targets[@]}"; do
    echo "== $name: build"
    build "$name"
    binary="$(swift build -c "$configuration" --package-path "$here" --show-bin-path)/$name"
    work="$here/.build/fuzz/$name"
    mkdir -p "$work/corpus" "$work/artifacts"
    seed "$work" "$name"
    limits=(-runs="$runs")
    [[ -n "$seconds_each" ]] && limits=(-runs=-1 -max_total_time="$seconds_each" -seed=1)
    echo "== $name: ${limits[*]} (log: $work/log.txt)"
    start=$(date +%s)
    set +e
    # shellcheck disable=SC2086
    # Swift's own backtracer would fight ASan and libFuzzer over crash reports: leave them to those.
    BOX_AUTH_FUZZ_FIXTURES="$fixtures" SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
        nice -n "$nice_level" "$binary" "$work/corpus" "$work/seeds" \
        "${limits[@]}" -max_len=16384 -timeout="$timeout" -rss_limit_mb=4096 -print_final_stats=1 \
        -dict="$(dictionary "$name")" -artifact_prefix="$work/artifacts/" ${LIBFUZZER_FLAGS:-} \
        < /dev/null > "$work/log.txt" 2>&1
    status=$?
    set -e
    end=$(date +%s)
    grep -E '^(#[0-9]+ +DONE|stat::|Done )' "$work/log.txt" || true
    found=$(ls "$work/artifacts" | wc -l)
    echo "== $name: exit $status after $((end - start)) s; artifacts: $found"
    if [[ $status -ne 0 || $found -ne 0 ]]; then
        failed+=("$name")
        tail -n 40 "$work/log.txt" >&2
    fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "== findings in: ${failed[*]} (inputs in Fuzz/.build/fuzz/NAME/artifacts/)" >&2
    exit 1
fi
