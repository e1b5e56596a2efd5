#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) of swift-box-auth's hot paths, compared with the
# committed baseline: repeatable for the same binaries and inputs, however busy the machine is.
#
#   Benchmarks/instruction-counts.sh            measure, print, compare; exit 1 when a guarded path
#                                               grew by more than TOLERANCE percent (default 10)
#   Benchmarks/instruction-counts.sh --update   measure and write the baseline; commit it in the same
#                                               commit as the change that is worth its cost, saying why
#
# What is measured (per call; see InstructionCounts/Sources/HotPaths): a cached read, building and
# signing an assertion, the endpoint (form encoding, request, response decoding over a transport that
# answers from memory), whole refreshes through a provider (JWT, client credentials), resolving a
# profile (client credentials; JWT with its PBES2 key), and the CLI's start (`box-auth --version`,
# whole process). Rows marked `floor` are the references (a Mutex read and Date(), one bare
# signature, the key's decryption alone, a Foundation program printing one line): shown for the
# ratios, not guarded. Paths built on OpenSSL's work (assertion, refresh-jwt, resolve-jwt) are
# guarded by their excess over that floor, which does not depend on the CPU's OpenSSL code paths.
#
# Environment:
#   BOX_AUTH_CLI    the box-auth binary whose start is counted (default: .build/debug/box-auth, the
#                   test build's; CI counts that one, so the baseline is a debug binary's)
#   BOX_AUTH_ROOT   another checkout to measure (with BOX_AUTH_API=3f9b01f for that commit's API);
#                   prints its counts and compares nothing
#   TOLERANCE       the growth allowed, in percent (default 10)
#   KEEP            a folder to keep callgrind's profiles in (for callgrind_annotate)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
package="$here/InstructionCounts"
baseline="$package/baseline.tsv"
tolerance="${TOLERANCE:-10}"
update=false
[[ "${1:-}" == "--update" ]] && update=true

command -v valgrind >/dev/null || { echo "instruction-counts: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }

scratch="$package/.build"
if [[ -n "${BOX_AUTH_ROOT:-}" ]]; then scratch="$package/.build-$(basename "$BOX_AUTH_ROOT")"; fi
swift build -c release --package-path "$package" --scratch-path "$scratch" >&2
bin="$(swift build -c release --package-path "$package" --scratch-path "$scratch" --show-bin-path)"

work="${KEEP:-$(mktemp -d)}"
mkdir -p "$work"
[[ -z "${KEEP:-}" ]] && trap 'rm -rf "$work"' EXIT

# valgrind 3.19 cannot read the DWARF 5 that Swift's toolchain writes: count stripped copies (the
# symbols stay, so callgrind_annotate still names functions).
stripped() { strip --strip-debug -o "$work/$(basename "$1")" "$1"; echo "$work/$(basename "$1")"; }

# Hash seeds and the like fixed, so that two runs of the same binary count the same.
export SWIFT_DETERMINISTIC_HASHING=1
# Lets valgrind 3.19 through the end of an `async` main (see Sources/CValgrindSigsuspend).
preload="$bin/libValgrindSigsuspend.so"

counts="$work/counts.tsv"
: >"$counts"

# The library's paths: one callgrind profile per path, named "NAME xN" by the harness.
LD_PRELOAD="$preload" valgrind --tool=callgrind --callgrind-out-file="$work/hotpaths.%p" \
  "$(stripped "$bin/HotPaths")" "$repo/Tests/BoxAuthTestKit/Fixtures" >"$work/hotpaths.log" 2>&1 ||
  { cat "$work/hotpaths.log" >&2; exit 2; }
for profile in "$work"/hotpaths.*; do
  [[ "$profile" == *.log ]] && continue
  trigger="$(sed -n 's/^desc: Trigger: Client Request: //p' "$profile")"
  [[ "$trigger" =~ ^([a-z-]+)\ x([0-9]+)$ ]] || continue
  total="$(sed -n 's/^summary: //p' "$profile")"
  echo -e "${BASH_REMATCH[1]}\t$((total / BASH_REMATCH[2]))" >>"$counts"
done

# The CLI's start, whole process, and its floor.
whole() {
  LD_PRELOAD="$preload" valgrind --tool=callgrind --callgrind-out-file="$work/$2.out" "$(stripped "$1")" "${@:3}" >"$work/$2.log" 2>&1 ||
    { cat "$work/$2.log" >&2; exit 2; }
  echo -e "$2\t$(sed -n 's/^summary: //p' "$work/$2.out")" >>"$counts"
}
cli="${BOX_AUTH_CLI:-$repo/.build/debug/box-auth}"
if [[ -z "${BOX_AUTH_ROOT:-}" ]]; then
  [[ -x "$cli" ]] || { echo "instruction-counts: no $cli (run swift build first, or set BOX_AUTH_CLI)" >&2; exit 2; }
  whole "$cli" cli-start --version
fi
whole "$bin/StartFloor" cli-start-floor

floor_of() {
  case "$1" in
    cached-read) echo cached-read-floor ;;
    assertion | refresh-jwt) echo signature ;;
    resolve-jwt) echo key-decrypt ;;
    cli-start) echo cli-start-floor ;;
  esac
}
is_floor() { [[ "$1" == *-floor || "$1" == signature || "$1" == key-decrypt ]]; }
value() { awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$2"; }

sort -o "$counts" "$counts"
if $update; then
  {
    echo "# Instructions per call of each hot path (Benchmarks/instruction-counts.sh --update)."
    echo "# CI fails when a path that is not a floor grows by more than 10 % over this file."
    cat "$counts"
  } >"$baseline"
  echo "instruction-counts: wrote $baseline" >&2
fi

# A path whose floor is OpenSSL's (a signature, the key's decryption) is guarded by its excess over
# that floor: what the library adds, whichever code paths OpenSSL picks for the machine's CPU.
guarded() {
  local name="$1" file="$2" count reference
  count="$(value "$name" "$file")"
  case "$(floor_of "$name")" in
    signature | key-decrypt)
      reference="$(value "$(floor_of "$name")" "$file")"
      [[ -n "$count" && -n "$reference" ]] && echo $((count - reference)) ;;
    *) echo "$count" ;;
  esac
}

status=0
printf '%-18s %14s %14s %9s  %s\n' "path" "instructions" "baseline" "change" "vs floor"
while IFS=$'\t' read -r name count; do
  base="$(value "$name" "$baseline" 2>/dev/null || true)"
  change="" ratio="" mark=""
  if [[ -n "$base" && -z "${BOX_AUTH_ROOT:-}" ]] && ! is_floor "$name"; then
    now_value="$(guarded "$name" "$counts")"
    base_value="$(guarded "$name" "$baseline")"
    change="$(awk -v a="$now_value" -v b="$base_value" 'BEGIN { printf "%+.1f%%", (a - b) * 100 / b }')"
    [[ "$now_value" != "$count" ]] && change="$change*"
    if awk -v a="$now_value" -v b="$base_value" -v t="$tolerance" 'BEGIN { exit !(a > b * (1 + t / 100)) }'; then
      mark="  GREW more than $tolerance %"
      status=1
    fi
  fi
  floor="$(floor_of "$name")"
  if [[ -n "$floor" ]]; then
    reference="$(value "$floor" "$counts")"
    [[ -n "$reference" ]] && ratio="$(awk -v a="$count" -v b="$reference" 'BEGIN { printf "%.2fx ", a / b }')$floor"
  fi
  is_floor "$name" && ratio="(floor)"
  printf '%-18s %14s %14s %9s  %s%s\n' "$name" "$count" "${base:--}" "${change:--}" "$ratio" "$mark"
done <"$counts"
echo "(* the change of the excess over the OpenSSL floor, which is what is guarded)"
if [[ $status -ne 0 ]]; then
  echo "instruction-counts: a hot path grew by more than $tolerance %. Make it cheaper, or, if the cost is worth it," >&2
  echo "run Benchmarks/instruction-counts.sh --update and commit the baseline with the change, saying why." >&2
fi
exit $status
