// Logged wrappers of the library calls commands share (logged_calls.h).
#include "cli/logged_calls.h"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "cli/commands.h"

namespace chipgate::cli {

LoadResult LoadPackLogged(const std::vector<std::string>& dirs, LogComponent component) {
  Log(LogLevel::kDebug, component, "loading rule pack", {{"rules", StackName(dirs)}});
  LogTimer timer;
  LoadResult loaded = Engine::LoadStack(dirs);
  int64_t errors = 0;
  for (const auto& d : loaded.diagnostics) errors += d.severity == Severity::kError;
  if (!loaded.engine) {
    Log(LogLevel::kInfo, component, "rule pack not loaded",
        {{"rules", StackName(dirs)}, {"errors", errors}, timer.Elapsed()});
    return loaded;
  }
  const Engine& e = *loaded.engine;
  std::vector<LoadedPack> packs = e.packs();
  Log(LogLevel::kInfo, component, "loaded rule pack",
      {{"rules", StackName(dirs)},
       {"pack", e.pack_name()},
       {"version", e.pack_version()},
       {"digest", e.digest()},
       {"layers", packs.size()},
       {"warnings", static_cast<int64_t>(loaded.diagnostics.size()) - errors},
       timer.Elapsed()});
  for (const auto& p : packs) {
    Log(LogLevel::kDebug, component, "pack layer",
        {{"pack", p.name}, {"version", p.version}, {"digest", p.digest}});
  }
  return loaded;
}

Result<Store> OpenStoreLogged(const std::string& path, const StoreOptions& options,
                              LogComponent component) {
  Log(LogLevel::kDebug, component, "opening database",
      {{"db", path},
       {"create", options.create ? "yes" : "no"},
       {"read_only", options.read_only ? "yes" : "no"}});
  LogTimer timer;
  auto store = Store::Open(path, options);
  if (!store.ok()) {
    Log(LogLevel::kInfo, component, "database not opened", {{"db", path}, timer.Elapsed()});
    return store;
  }
  Log(LogLevel::kInfo, component, "opened database",
      {{"db", path},
       {"schema_version", store->schema_version()},
       {"read_only", options.read_only ? "yes" : "no"},
       timer.Elapsed()});
  return store;
}

int64_t CountPackFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  int64_t n = 0;
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    // The pack's rule tests are not pack files (Engine::Load skips tests/).
    if (it->is_directory(ec) && it->path().filename() == "tests") {
      it.disable_recursion_pending();
      continue;
    }
    n += it->is_regular_file(ec) && it->path().extension() == ".yaml";
  }
  return n;
}

int64_t CountCsvRecords(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return -1;
  int64_t records = 0;
  bool quoted = false, pending = false;  // pending: the current record has a character
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      char c = buf[i];
      // A doubled quote inside a quoted field toggles twice, so it leaves the state unchanged.
      if (c == '"') quoted = !quoted;
      if (c == '\n' && !quoted) {
        records += pending;
        pending = false;
      } else if (c != '\r') {
        pending = true;
      }
    }
  }
  return records + pending;
}

}  // namespace chipgate::cli
