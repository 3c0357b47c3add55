#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then, from outside the source tree:
#  - builds examples/embed against the installed CMake package and runs it (find_package, the
#    public headers and the installed rule packs work);
#  - checks that everything the tool needs is installed: binary, packs, JSON schemas, man page,
#    completion scripts, docs;
#  - checks which pack each kind of binary uses by default (docs/install.md, "Which rule pack"):
#    the installed copy of us-ear is marked so its digest differs from the source tree's, and
#    `check --format json` names the digest of the pack it read. An installed binary uses its
#    prefix's pack, also after the prefix is moved; the build-tree binary the source tree's;
#    $CHIPGATE_RULES_DIR wins over both and never falls back; a binary copied out of the build
#    tree never reads the source tree;
#  - lints and tests the installed packs and checks a sample manifest with the installed binary.
# Usage: install_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/examples/embed" -B "$tmp/embed" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/embed" >/dev/null
cd "$tmp"
rc=0
"$tmp/embed/embed" "$tmp/prefix/share/chipgate/rules/examples" > out.txt || rc=$?
cat out.txt
[ "$rc" -eq 1 ] || fail "embed: expected exit 1 (license required), got $rc"
grep -q "ACCEL-1: license_required" out.txt || fail "embed: no ACCEL-1 decision"

# ---- what is installed
p=$tmp/prefix
[ -x "$p/bin/chipgate" ] || fail "bin/chipgate missing"
for pack in us-ear examples; do
  [ -f "$p/share/chipgate/rules/$pack/pack.yaml" ] || fail "share/chipgate/rules/$pack missing"
done
# The man page generated at build time is installed with the binary.
grep -q '^\.TH CHIPGATE 1 ' "$p/share/man/man1/chipgate.1" \
  || fail "share/man/man1/chipgate.1 missing or not the man page"
# The completion scripts, each as `chipgate completion SHELL` prints it, where each shell looks.
for f in bash:bash-completion/completions/chipgate zsh:zsh/vendor-completions/_chipgate \
         fish:fish/vendor_completions.d/chipgate.fish; do
  shell=${f%%:*}
  "$p/bin/chipgate" completion "$shell" | cmp -s - "$p/share/${f#*:}" \
    || fail "share/${f#*:} missing or not the $shell completion"
done
bash -n "$p/share/bash-completion/completions/chipgate" || fail "bash completion: syntax error"
for doc in README.md docs/cli.md docs/install.md docs/rule-language.md; do
  [ -f "$p/share/doc/chipgate/$doc" ] || fail "share/doc/chipgate/$doc missing"
done
# The JSON schemas: every file of the source tree's schemas/ (none when it does not exist).
(cd "$src" && { [ -d schemas ] && find schemas -type f | sort; } || true) > schemas-src.txt
(cd "$p/share/chipgate" && { [ -d schemas ] && find schemas -type f | sort; } || true) > schemas-inst.txt
diff schemas-src.txt schemas-inst.txt || fail "share/chipgate/schemas differs from schemas/"

# ---- which pack a binary uses without --rules
manifest=$src/examples/manifests/inline-specs.yaml
# The digest of the pack `check` read: with --rules DIR when given, else the default.
digest() {
  local bin=$1
  shift
  "$bin" check "$manifest" --no-audit --format json "$@" > check.json || [ $? -eq 1 ] \
    || fail "$bin check $*: exit code above 1"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rules"]["digest"])' check.json
}
echo "# the installed copy, marked" >> "$p/share/chipgate/rules/us-ear/pack.yaml"
source_digest=$(digest "$build/chipgate" --rules "$src/rules/us-ear")
installed_digest=$(digest "$build/chipgate" --rules "$p/share/chipgate/rules/us-ear")
[ "$source_digest" != "$installed_digest" ] || fail "the marked copy has the source's digest"

[ "$(digest "$p/bin/chipgate")" = "$installed_digest" ] \
  || fail "the installed binary did not use its installed pack"
[ "$(digest "$build/chipgate")" = "$source_digest" ] \
  || fail "the build-tree binary did not use the source tree's pack"
# A moved prefix (a relocated install) still finds its own packs beside the binary.
mv "$p" "$tmp/moved"
p=$tmp/moved
[ "$(digest "$p/bin/chipgate")" = "$installed_digest" ] \
  || fail "the moved installed binary did not use its installed pack"
# The environment variable wins, and a pack missing there is not replaced by another.
mkdir -p env && cp -r "$src/rules/us-ear" env/ && echo "# env copy" >> env/us-ear/pack.yaml
env_digest=$(digest "$build/chipgate" --rules env/us-ear)
[ "$(CHIPGATE_RULES_DIR=$tmp/env digest "$p/bin/chipgate")" = "$env_digest" ] \
  || fail "CHIPGATE_RULES_DIR did not win over the installed pack"
mkdir -p empty
rc=0
CHIPGATE_RULES_DIR=$tmp/empty "$p/bin/chipgate" check "$manifest" --no-audit 2> err.txt || rc=$?
[ "$rc" -eq 2 ] && grep -q "was not found" err.txt \
  || fail "CHIPGATE_RULES_DIR without the pack: expected exit 2 and not found, got $rc"
# A binary copied out of its build tree, with no prefix around it, never reads the source tree:
# it uses the configured prefix's pack if that is installed, else reports none.
mkdir lone && cp "$build/chipgate" lone/
configured=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")/share/chipgate/rules/us-ear
if [ -d "$configured" ]; then
  [ "$(digest lone/chipgate)" = "$(digest "$build/chipgate" --rules "$configured")" ] \
    || fail "a copied binary did not use the configured prefix's pack $configured"
else
  rc=0
  lone/chipgate check "$manifest" --no-audit 2> err.txt || rc=$?
  [ "$rc" -eq 2 ] && grep -q "was not found" err.txt \
    || fail "a copied binary found a pack although $configured does not exist (exit $rc)"
fi

# ---- the installed tool on its installed packs
"$p/bin/chipgate" version
"$p/bin/chipgate" lint "$p/share/chipgate/rules/us-ear"
"$p/bin/chipgate" lint "$p/share/chipgate/rules/examples"
"$p/bin/chipgate" test "$p/share/chipgate/rules/examples" > test.txt || fail "test examples pack"
rc=0
"$p/bin/chipgate" check "$src/examples/manifests/order-json.json" --no-audit > check.txt || rc=$?
[ "$rc" -le 1 ] || fail "check of a sample manifest: exit $rc"
grep -q "rules us-ear " check.txt || fail "check did not name the us-ear pack"
echo "install test: ok"
