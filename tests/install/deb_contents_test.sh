#!/usr/bin/env bash
# What the Debian package holds, from this build tree without running cpack (cpack first builds
# the whole tree, which a test must not do while the suite runs): the package is the `runtime`
# install component under /usr, so this stages that component into a temporary /usr and checks
# the file list, and reads CPackConfig.cmake for the package name and the component selection.
# scripts/package-smoke (CI) builds the real package with cpack and checks its Depends line.
# Usage: deb_contents_test.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "deb contents test: $*" >&2; exit 1; }

config=$build/CPackConfig.cmake
setting() { sed -n "s/^set($1 \"\(.*\)\")$/\1/p" "$config"; }
[ "$(setting CPACK_PACKAGE_NAME)" = chipgate ] || fail "the package is not named chipgate"
[ "$(setting CPACK_GENERATOR)" = DEB ] || fail "the CPack generator is not DEB"
[ "$(setting CPACK_DEBIAN_PACKAGE_SHLIBDEPS)" = ON ] || fail "Depends is not computed by dpkg-shlibdeps"
[ "$(setting CPACK_DEB_COMPONENT_INSTALL)" = ON ] && [ "$(setting CPACK_COMPONENTS_ALL)" = runtime ] \
  || fail "the package is not the runtime component alone"

cmake --install "$build" --component runtime --prefix "$tmp/usr" >/dev/null
(cd "$tmp" && find . -type f -o -type l | sort) > "$tmp/contents.txt"
for f in ./usr/bin/chipgate ./usr/share/chipgate/rules/us-ear/pack.yaml \
         ./usr/share/chipgate/rules/examples/pack.yaml ./usr/share/man/man1/chipgate.1 \
         ./usr/share/bash-completion/completions/chipgate ./usr/share/zsh/vendor-completions/_chipgate \
         ./usr/share/fish/vendor_completions.d/chipgate.fish ./usr/share/doc/chipgate/README.md \
         ./usr/share/doc/chipgate/docs/install.md; do
  grep -qxF "$f" "$tmp/contents.txt" || fail "the runtime component lacks $f"
done
! grep -Eq '^\./usr/(include|lib)/' "$tmp/contents.txt" \
  || fail "the runtime component holds development files"
echo "deb contents test: ok ($(wc -l < "$tmp/contents.txt") files)"
