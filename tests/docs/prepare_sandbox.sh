#!/usr/bin/env bash
# Prepares OUT as a user's checkout looks after `scripts/run`, for the documentation examples
# (tests/docs/run_doc_examples.py): OUT/checkout is a copy of the source tree (never the tree
# itself, so an example that writes cannot change it) with build/chipgate and the sample database
# build/sample.db built, checked, shipped and checkpointed by the same commands as scripts/run;
# OUT/bin/chipgate is the binary for PATH.
# Usage: prepare_sandbox.sh SOURCE_DIR CHIPGATE_BINARY OUT
set -euo pipefail
src=$(cd "$1" && pwd)
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
out=$3

rm -rf "$out"
mkdir -p "$out/bin" "$out/checkout"
# Everything a clone has, except git's data and build trees (a directory with a CMakeCache.txt,
# such as the build tree this test runs from).
shopt -s dotglob nullglob
for entry in "$src"/*; do
  name=$(basename "$entry")
  [ "$name" != .git ] || continue
  [ ! -e "$entry/CMakeCache.txt" ] || continue
  cp -R "$entry" "$out/checkout/"
done
ln -s "$bin" "$out/bin/chipgate"
cd "$out/checkout"
mkdir -p build
ln -s "$bin" build/chipgate

# The database part of scripts/run, quietly: keep the two in step.
db=build/sample.db
{
  build/chipgate db init "$db"
  build/chipgate db import "$db" --parts db/sample/parts.csv --components db/sample/components.csv \
    --parties db/sample/parties.csv --ownership db/sample/ownership.csv \
    --licenses db/sample/licenses.csv --shipments db/sample/shipments.csv
  for manifest in examples/manifests/*.yaml examples/manifests/*.json; do
    rc=0
    build/chipgate check "$manifest" --db "$db" || rc=$?
    [ "$rc" -le 1 ] || { echo "prepare: check failed on $manifest (exit $rc)" >&2; exit 1; }
  done
  build/chipgate ship examples/manifests/order-cloud-sg.yaml --db "$db"
  build/chipgate log checkpoint --db "$db" --checkpoints build/sample.checkpoints
  rc=0
  build/chipgate audit --db "$db" --format html --output build/audit-report.html \
    --csv build/audit-report.csv || rc=$?
  [ "$rc" -le 1 ] || { echo "prepare: audit failed (exit $rc)" >&2; exit 1; }
} >"$out/prepare.log" 2>&1 || { cat "$out/prepare.log" >&2; exit 1; }
echo "sandbox ready: $out/checkout"
