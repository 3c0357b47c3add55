#!/usr/bin/env bash
# ctest serve_sample: the service step of scripts/run (scripts/serve-sample) on a fresh sample
# database in a temporary directory, so the step cannot rot: it must exit 0, answer every sample
# manifest with a recorded decision, screen the two names (Huawei listed, the other clear) and
# leave an audit log that verifies.
# Usage: serve_sample_test.sh SOURCE_DIR CHIPGATE_BINARY
set -euo pipefail
src=$1
bin=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/sample.db
"$bin" db init "$db" >/dev/null
"$bin" db import "$db" --parts "$src/db/sample/parts.csv" --components "$src/db/sample/components.csv" \
  --parties "$src/db/sample/parties.csv" --ownership "$src/db/sample/ownership.csv" \
  --licenses "$src/db/sample/licenses.csv" --shipments "$src/db/sample/shipments.csv" >/dev/null
cd "$src"
out=$(scripts/serve-sample "$bin" "$db" "$work")
printf '%s\n' "$out"
manifests=$(ls examples/manifests/*.yaml examples/manifests/*.json | wc -l)
recorded=$(printf '%s\n' "$out" | grep -c '"recorded": true' || true)
[ "$recorded" -eq "$manifests" ] || { echo "FAIL: $recorded of $manifests answers recorded" >&2; exit 1; }
printf '%s\n' "$out" | grep -q '"outcome": "license_required"' || { echo "FAIL: Huawei not hit" >&2; exit 1; }
printf '%s\n' "$out" | grep -q '"outcome": "clear"' || { echo "FAIL: no clear name" >&2; exit 1; }
printf '%s\n' "$out" | grep -q 'audit log valid,' || { echo "FAIL: log verify printed nothing valid" >&2; exit 1; }
echo "serve_sample: ok"
