#!/usr/bin/env bash
# Installs chipgate into a temporary prefix, builds examples/embed against the installed CMake
# package, and runs it from outside the source tree: proves `find_package(chipgate)`, the public
# headers and the installed rule packs work.
set -euo pipefail
src=$1
build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/examples/embed" -B "$tmp/embed" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/embed" >/dev/null
cd "$tmp"
rc=0
"$tmp/embed/embed" "$tmp/prefix/share/chipgate/rules/examples" > out.txt || rc=$?
cat out.txt
[ "$rc" -eq 1 ] || { echo "embed: expected exit 1 (license required), got $rc"; exit 1; }
grep -q "ACCEL-1: license_required" out.txt
# The installed binary finds its bundled packs relative to itself.
"$tmp/prefix/bin/chipgate" lint "$tmp/prefix/share/chipgate/rules/examples"
# The man page generated at build time is installed with the binary.
grep -q '^\.TH CHIPGATE 1 ' "$tmp/prefix/share/man/man1/chipgate.1" \
  || { echo "install: share/man/man1/chipgate.1 missing or not the man page"; exit 1; }
echo "install test: ok"
