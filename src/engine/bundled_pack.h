// The search order for the bundled rule packs (FindBundledPack in chipgate/engine.h), as a pure
// function of where the binary runs, so tests can check every case without moving binaries.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace chipgate {

// Where a binary looks for the bundled packs. Empty paths mean "unknown" or "not configured".
struct PackSearch {
  std::optional<std::filesystem::path> env_rules_dir;  // $CHIPGATE_RULES_DIR, when set non-empty
  std::filesystem::path exe_dir;        // the running binary's directory (links resolved)
  std::filesystem::path build_dir;      // the CMake build tree the binary was built in
  std::filesystem::path source_rules;   // <source tree>/rules of that build
  std::filesystem::path install_rules;  // <configured prefix>/share/chipgate/rules
};

// The directories to try for pack `name`, in order; the first that exists is the pack.
//  1. $CHIPGATE_RULES_DIR/name alone when the variable is set: an explicit choice never falls
//     back to another pack (a missing directory is reported, not replaced).
//  2. <exe_dir>/../share/chipgate/rules/name: an installed binary, wherever its prefix was put
//     (`cmake --install --prefix P`, a moved prefix, the .deb's /usr).
//  3. source_rules/name, only when exe_dir lies inside build_dir: a binary in its build tree
//     reads the packs being edited, never a stale installed copy.
//  4. install_rules/name: a binary copied out of its build tree finds the configured prefix.
std::vector<std::filesystem::path> PackCandidates(const PackSearch& where, const std::string& name);

// Whether `path` is `dir` or lies below it (both made canonical as far as they exist).
bool IsWithin(const std::filesystem::path& path, const std::filesystem::path& dir);

}  // namespace chipgate
