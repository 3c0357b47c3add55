#!/usr/bin/env bash
# No container engine runs where the suite runs, so the Dockerfile is checked by reading it:
#  - the build stage is Debian 12, installs every library -dev package scripts/setup installs
#    for the tool itself (a new dependency added there and not here fails this test), plus what
#    scripts/package needs, and builds with scripts/package;
#  - the runtime stage is debian:12-slim, copies the .deb from where scripts/package writes it,
#    installs it with apt-get (so its dependencies resolve), has no -dev package, and its
#    entry point is chipgate.
# Usage: dockerfile_test.sh SOURCE_DIR
set -euo pipefail
src=$1
fail() { echo "dockerfile test: $*" >&2; exit 1; }
dockerfile=$src/Dockerfile
[ -f "$dockerfile" ] || fail "no Dockerfile"

# The text of each stage (from its FROM line to the next), continuation lines joined.
stage() {
  sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$dockerfile" \
    | awk -v want="$1" '/^FROM /{cur=$NF} cur==want'
}
build=$(stage build)
runtime=$(stage runtime)
grep -q '^FROM debian:12 AS build$' <<< "$build" || fail "the build stage is not FROM debian:12 AS build"
grep -q '^FROM debian:12-slim AS runtime$' <<< "$runtime" || fail "the runtime stage is not debian:12-slim"

# The packages scripts/setup installs, less those only the tests and tools use.
test_only=" catch2 libbenchmark-dev clang-format libxml2-utils python3-jsonschema curl postgresql-15 "
setup_pkgs=$(sed -n '/^packages=(/,/)/p' "$src/scripts/setup" | tr -d '()' | sed 's/packages=//')
[ -n "$setup_pkgs" ] || fail "could not read the package list of scripts/setup"
apt_line=$(grep 'apt-get install' <<< "$build") || fail "the build stage installs no packages"
for p in $setup_pkgs dpkg-dev file; do
  [[ "$test_only" == *" $p "* ]] && continue
  grep -Eq "(^| )$p( |$)" <<< "$apt_line" || fail "the build stage does not install $p"
done
grep -Eq '^RUN scripts/package$' <<< "$build" || fail "the build stage does not run scripts/package"

# The .deb: where scripts/package writes it, installed by apt-get in the runtime stage.
grep -q '^build_dir=build-package$' "$src/scripts/package" \
  || fail "scripts/package no longer builds in build-package/"
grep -Eq '^COPY --from=build /src/build-package/chipgate_\*\.deb /tmp/$' <<< "$runtime" \
  || fail "the runtime stage does not copy build-package/chipgate_*.deb"
grep -Eq 'apt-get install -y --no-install-recommends /tmp/chipgate_\*\.deb' <<< "$runtime" \
  || fail "the runtime stage does not apt-get install the .deb"
! grep -q -- '-dev' <<< "$runtime" || fail "the runtime stage installs a -dev package"
grep -q '^ENTRYPOINT \["chipgate"\]$' <<< "$runtime" || fail "the entry point is not chipgate"
echo "dockerfile test: ok"
