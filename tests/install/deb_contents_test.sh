#!/usr/bin/env bash
# The Debian package's contents, from this build tree: cpack (as scripts/package runs it, for the
# prefix /usr) into a temporary directory, then the package's name and file list. The package is
# the `runtime` install component: binary, rule packs, man page, completions and docs, and no
# development files. Its Depends line (dpkg-shlibdeps, turned off here so the test needs no
# `file` program) is checked by scripts/package-smoke in CI, on the real package.
# Usage: deb_contents_test.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "deb contents test: $*" >&2; exit 1; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp" \
  -D CPACK_PACKAGING_INSTALL_PREFIX=/usr -D CPACK_DEBIAN_PACKAGE_SHLIBDEPS=OFF >/dev/null
debs=("$tmp"/chipgate_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "cpack wrote no single chipgate_*.deb"
deb=${debs[0]}
[ "$(dpkg-deb --field "$deb" Package)" = chipgate ] || fail "the package is not named chipgate"
dpkg-deb --contents "$deb" | awk '{print $NF}' > "$tmp/contents.txt"
for f in ./usr/bin/chipgate ./usr/share/chipgate/rules/us-ear/pack.yaml \
         ./usr/share/chipgate/rules/examples/pack.yaml ./usr/share/man/man1/chipgate.1 \
         ./usr/share/bash-completion/completions/chipgate ./usr/share/zsh/vendor-completions/_chipgate \
         ./usr/share/fish/vendor_completions.d/chipgate.fish ./usr/share/doc/chipgate/README.md \
         ./usr/share/doc/chipgate/docs/install.md; do
  grep -qxF "$f" "$tmp/contents.txt" || fail "the package lacks $f"
done
! grep -Eq '^\./usr/(include|lib)/' "$tmp/contents.txt" || fail "the package holds development files"
! grep -Eq '^\./usr/local/' "$tmp/contents.txt" || fail "the package installs under /usr/local"
echo "deb contents test: ok ($(wc -l < "$tmp/contents.txt") entries)"
