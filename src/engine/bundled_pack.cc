// Locating the bundled rule packs. Candidates, first existing directory wins:
// `$CHIPGATE_RULES_DIR`, then `share/chipgate/rules` beside the binary's directory (an installed
// binary), then the source tree a build tree was configured from, then the install prefix baked in
// at build time.
#include <unistd.h>

#include <filesystem>

#include "chipgate/engine.h"

namespace chipgate {
namespace fs = std::filesystem;

namespace {

// Only "is a directory": whether it holds a valid pack is for the loader to say, with diagnostics.
// Errors (permissions, a dangling link) count as "not here" so the search goes on.
bool IsPack(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// The running binary's directory (Linux /proc/self/exe, links resolved), or empty when unknown.
fs::path ExecutableDir() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  buf[n] = '\0';
  return fs::path(buf).parent_path();
}

}  // namespace

// The directory of the bundled pack `name`, or "" when no candidate exists (the caller reports
// it). The environment variable comes first so tests and operators can override every default.
std::string FindBundledPack(const std::string& name) {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("CHIPGATE_RULES_DIR"))
    candidates.push_back(fs::path(env) / name);
  // An installed binary finds the packs beside it; a build-tree binary falls back to the source.
  if (fs::path exe = ExecutableDir(); !exe.empty()) {
    candidates.push_back(exe.parent_path() / "share" / "chipgate" / "rules" / name);
  }
#ifdef CHIPGATE_SOURCE_RULES_DIR
  candidates.push_back(fs::path(CHIPGATE_SOURCE_RULES_DIR) / name);
#endif
#ifdef CHIPGATE_INSTALL_RULES_DIR
  candidates.push_back(fs::path(CHIPGATE_INSTALL_RULES_DIR) / name);
#endif
  for (const auto& c : candidates) {
    if (IsPack(c)) return c.string();
  }
  return "";
}

}  // namespace chipgate
