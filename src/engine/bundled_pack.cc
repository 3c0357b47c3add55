// Locating the bundled rule packs: FindBundledPack gathers where this binary runs (environment,
// executable, the build and install directories compiled in) and tries PackCandidates in order.
// The order and its reasons are in bundled_pack.h; docs/install.md explains it to users.
#include "engine/bundled_pack.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

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

fs::path Canonical(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal() : c;
}

// The real search inputs of this process. The build and source directories are compiled in by
// CMake; a build without them (another build system) only has the first, second and last steps.
PackSearch ThisProcess() {
  PackSearch where;
  if (const char* env = std::getenv("CHIPGATE_RULES_DIR"); env && *env) where.env_rules_dir = env;
  where.exe_dir = ExecutableDir();
#ifdef CHIPGATE_BUILD_DIR
  where.build_dir = CHIPGATE_BUILD_DIR;
#endif
#ifdef CHIPGATE_SOURCE_RULES_DIR
  where.source_rules = CHIPGATE_SOURCE_RULES_DIR;
#endif
#ifdef CHIPGATE_INSTALL_RULES_DIR
  where.install_rules = CHIPGATE_INSTALL_RULES_DIR;
#endif
  return where;
}

}  // namespace

bool IsWithin(const fs::path& path, const fs::path& dir) {
  if (path.empty() || dir.empty()) return false;
  fs::path p = Canonical(path), d = Canonical(dir);
  if (d.filename().empty()) d = d.parent_path();  // "/work/build/" names /work/build
  // Component by component, so /work/build-asan is not inside /work/build.
  auto d_end = std::mismatch(d.begin(), d.end(), p.begin(), p.end()).first;
  return d_end == d.end();
}

std::vector<fs::path> PackCandidates(const PackSearch& where, const std::string& name) {
  if (where.env_rules_dir) return {*where.env_rules_dir / name};
  std::vector<fs::path> out;
  if (!where.exe_dir.empty())
    out.push_back(where.exe_dir.parent_path() / "share" / "chipgate" / "rules" / name);
  if (!where.source_rules.empty() && IsWithin(where.exe_dir, where.build_dir))
    out.push_back(where.source_rules / name);
  if (!where.install_rules.empty()) out.push_back(where.install_rules / name);
  return out;
}

// The directory of the bundled pack `name`, or "" when no candidate exists (the caller reports
// it, naming --rules and the environment variable).
std::string FindBundledPack(const std::string& name) {
  for (const auto& c : PackCandidates(ThisProcess(), name)) {
    if (IsPack(c)) return c.string();
  }
  return "";
}

}  // namespace chipgate
