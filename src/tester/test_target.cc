// What `chipgate test PATH` runs: the pack under test and the tests to read (rule_test.h,
// FindRuleTestTarget). Test files live under a pack's `tests` directory at any depth, and the
// pack loader skips every directory named `tests`, so the nearest such directory above PATH (or
// PATH itself) whose parent holds rule files names the pack: that parent. Requiring rule files
// keeps a pack kept in a project's own `tests/` tree (`tests/data/pack`) a pack. Only names are
// read: the path's text and directory listings, never a file's contents.
#include <filesystem>

#include "chipgate/rule_test.h"

namespace chipgate {
namespace fs = std::filesystem;
namespace {

// Whether `dir` holds a `.yaml` or `.yml` file of its own: a pack's top directory does (its
// `pack.yaml`), a project directory that merely contains a `tests` tree usually does not.
bool HoldsRuleFiles(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    auto ext = it->path().extension();
    if ((ext == ".yaml" || ext == ".yml") && it->is_regular_file(ec)) return true;
  }
  return false;
}

}  // namespace

RuleTestTarget FindRuleTestTarget(const std::string& path) {
  RuleTestTarget t;
  std::error_code ec;
  const bool is_dir = fs::is_directory(path, ec);
  // Absolute and without `.`/`..`, so that `tests/..` or a relative path has real ancestors;
  // the pack directory is given back relative to the working directory when PATH was relative.
  fs::path abs = fs::absolute(fs::path(path), ec).lexically_normal();
  if (!abs.has_filename()) abs = abs.parent_path();  // a trailing slash
  for (fs::path p = is_dir ? abs : abs.parent_path(); !p.empty(); p = p.parent_path()) {
    if (p.filename() == "tests" && HoldsRuleFiles(p.parent_path())) {
      fs::path pack = p.parent_path();
      t.pack_dir = fs::path(path).is_absolute() ? pack.string() : fs::proximate(pack, ec).string();
      t.tests_path = path;
      return t;
    }
    if (p == p.root_path()) break;
  }
  if (is_dir) {
    t.pack_dir = path;
    t.tests_path = (fs::path(path) / "tests").string();
    t.whole_pack = true;
    return t;
  }
  t.tests_path = path;  // a file outside every pack: the caller names the pack (--rules)
  return t;
}

}  // namespace chipgate
