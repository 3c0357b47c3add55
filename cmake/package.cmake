# CPack: the Debian package `chipgate` (scripts/package builds it; docs/install.md describes it).
# It holds the install component `runtime` only: the tool, its packs, schemas, man page,
# completions and docs, not the static library and headers. Its Depends line comes from
# dpkg-shlibdeps on the binary, so it names Debian's runtime library packages (libyaml-cpp0.7,
# libsqlite3-0, libspdlog1.10-fmt9, libfmt9, libssl3, libicu72, libstdc++6, libc6, ...), never -dev ones.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME chipgate)
set(CPACK_PACKAGE_VENDOR "chipgate")
set(CPACK_PACKAGE_CONTACT "chipgate maintainers <chipgate@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "export-control rule engine for semiconductor shipments (EAR rule packs)")
set(CPACK_PACKAGE_DESCRIPTION
  "chipgate decides whether each line of a shipment needs an export license, using rule packs\n\
written in YAML, and keeps a tamper-evident audit log. The package installs the chipgate\n\
command, the bundled rule packs under /usr/share/chipgate/rules, the JSON schemas of its\n\
output, the man page chipgate(1), shell completions and the documentation.")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # chipgate_<version>_<arch>.deb
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
# One package from the runtime component (component install, all of it in one package).
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
include(CPack)
