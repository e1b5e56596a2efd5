#!/usr/bin/env bash
# Regenerates Sources/BoxAPI/{Types,Client}.swift from openapi.yaml with swift-openapi-generator
# 1.14.3, built in a temporary package (`swift run`), so that neither this package nor CI builds the
# generator. Run from anywhere; commit the result.
#
#   Examples/OpenAPIClient/regenerate.sh
#
# OPENAPI_GENERATOR_WORKDIR keeps the temporary package (and its build) between runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="1.14.3"
work="${OPENAPI_GENERATOR_WORKDIR:-}"
if [[ -z "$work" ]]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/Sources/Placeholder"
cat >"$work/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "OpenAPIGeneratorRunner",
    dependencies: [.package(url: "https://github.com/apple/swift-openapi-generator", exact: "$version")],
    targets: [.target(name: "Placeholder", path: "Sources/Placeholder")]
)
SWIFT
echo "// The generator runs from this package; nothing to build here." >"$work/Sources/Placeholder/Placeholder.swift"
output="$here/Sources/OpenAPIClient/Generated"
mkdir -p "$output"
swift run --package-path "$work" swift-openapi-generator generate \
    --config "$here/openapi-generator-config.yaml" \
    --output-directory "$output" \
    "$here/openapi.yaml"
echo "Generated $(ls "$output" | tr '\n' ' ')in $output"
