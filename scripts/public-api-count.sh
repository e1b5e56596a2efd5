#!/usr/bin/env bash
# Counts the public API of each library module from the symbol graph: types (struct, class, enum,
# protocol, actor, typealias) and members (everything else: initializers, methods, properties,
# cases, subscripts, operators), synthesized members skipped. `swift package dump-symbol-graph`
# builds the package first. Usage: scripts/public-api-count.sh [SCRATCH_PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-.build}"
out="$(swift package --scratch-path "$scratch" dump-symbol-graph --skip-synthesized-members 2>&1 | tee /dev/stderr | sed -n 's/^Files written to //p' | tail -n 1)"
[ -n "$out" ] || out="$scratch/symbolgraph"
python3 - "$out" <<'PY'
import json, os, sys, glob
folder = sys.argv[1]
types = {"swift.struct", "swift.class", "swift.enum", "swift.protocol", "swift.actor", "swift.typealias"}
rows = {}
for path in glob.glob(os.path.join(folder, "*.symbols.json")):
    name = os.path.basename(path).split(".symbols.json")[0]
    module = name.split("@")[0]
    # Library modules only: test targets and the tests-only kits are not API.
    if not module.startswith("BoxAuth") or module.endswith("Tests") or module in ("BoxAuthTestSupport", "BoxAuthTestKit"):
        continue
    graph = json.load(open(path))
    t, m = rows.get(module, (0, 0))
    for symbol in graph["symbols"]:
        if symbol["kind"]["identifier"] in types:
            t += 1
        else:
            m += 1
    rows[module] = (t, m)
print(f"{'module':28} {'types':>6} {'members':>8}")
for module in sorted(rows):
    print(f"{module:28} {rows[module][0]:>6} {rows[module][1]:>8}")
print(f"{'total':28} {sum(r[0] for r in rows.values()):>6} {sum(r[1] for r in rows.values()):>8}")
PY
