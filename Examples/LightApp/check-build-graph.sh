#!/usr/bin/env bash
# Builds Examples/LightApp (an app depending on BoxAuthProviders alone), prints the modules its
# build compiled, fails if a heavy one is among them, then runs it once on a developer-token
# profile (no network). CI runs it; `SCRATCH=dir` reuses a build folder.
set -euo pipefail
cd "$(dirname "$0")"
scratch="${SCRATCH:-.build}"
swift build --scratch-path "$scratch" 2>&1 | grep -E "error|warning:|Build complete" || true
bin="$(swift build --scratch-path "$scratch" --show-bin-path)"
[ -x "$bin/LightApp" ] || { echo "check-build-graph: LightApp was not built" >&2; exit 1; }

# SwiftPM makes a folder for every target of the resolved packages; a module was built when its
# folder holds object files.
modules="$(for folder in "$bin"/*.build; do
  if [ -n "$(find "$folder" -name '*.o' -print -quit)" ]; then basename "$folder" .build; fi
done | sort)"
echo "modules built for LightApp: $(echo "$modules" | tr '\n' ' ')"
heavy='^(PostgresNIO|NIOSSL|NIOCore|NIOPosix|ServiceLifecycle|Hummingbird.*|AsyncHTTPClient|BoxAuthPostgres|BoxAuthEmulator|BoxAuthAsyncHTTPClient|CNIOBoringSSL|BoxAuthOpenAPI|OpenAPIRuntime)$'
if found="$(echo "$modules" | grep -E "$heavy")"; then
  echo "check-build-graph: an app importing only BoxAuthProviders built: $(echo "$found" | tr '\n' ' ')" >&2
  exit 1
fi

folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
printf '%s\n' '{"version": 1, "profiles": {"dev": {"provider": "developer-token", "token": {"env": "LIGHT_APP_TOKEN"}}}}' \
  > "$folder/profiles.json"
chmod 600 "$folder/profiles.json"
LIGHT_APP_TOKEN="light-app-example-token" "$bin/LightApp" "$folder/profiles.json" dev
