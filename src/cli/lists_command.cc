// `chipgate lists import --db DB FILE` and `chipgate lists status --db DB` (docs/cli.md): import a
// published screening list (CSL CSV or JSON, OpenSanctions targets.simple.csv) into the
// database, replacing the previous version of the same source set, and show what is stored.
// `check --db` and `explain --db` screen against what is stored (docs/screening.md).
#include <cstdio>
#include <map>

#include "chipgate/screening_list.h"
#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"

namespace chipgate::cli {
namespace {

// One line per stored version: source set, format, file, digest, file date, import time, count.
void PrintVersion(const ScreeningListVersion& v) {
  std::printf("%s: %s %s %s, file date %s, imported %s, %lld entries\n",
              std::string(ListSourceSet(v.format)).c_str(),
              std::string(ListFormatName(v.format)).c_str(), TerminalSafe(v.file_name).c_str(),
              v.digest.c_str(), v.file_date ? FormatDate(*v.file_date).c_str() : "none",
              v.imported_at.c_str(), static_cast<long long>(v.entries));
}

// Reads the whole file first: a file with any error is refused with every problem named, and
// nothing is written (exit 2).
int Import(Store& store, const std::string& file) {
  ScreeningListRead read = ReadScreeningList(file);
  if (!read.file) {
    std::fputs(RenderDiagnostics(read.diagnostics).c_str(), stderr);
    int n = CountSeverity(read.diagnostics, Severity::kError);
    std::fprintf(stderr, "chipgate lists import: %d error%s; nothing was imported\n", n,
                 n == 1 ? "" : "s");
    return kExitBadInput;
  }
  auto stored = store.ImportScreeningList(*read.file);
  if (!stored.ok()) {
    std::fprintf(stderr, "chipgate lists import: %s\n",
                 TerminalSafe(stored.status().message()).c_str());
    return kExitBadInput;
  }
  PrintVersion(stored.value());
  return kExitOk;
}

// The stored versions, then the number of entries per list code.
int ShowStatus(const Store& store) {
  auto lists = store.ReadScreeningLists();
  if (!lists.ok()) {
    std::fprintf(stderr, "chipgate lists status: %s\n",
                 TerminalSafe(lists.status().message()).c_str());
    return kExitBadInput;
  }
  if (lists->empty()) std::printf("no screening lists imported\n");
  for (const ScreeningListFile& f : lists.value()) {
    PrintVersion(f.version);
    std::map<std::string, int> per_list;
    for (const ScreeningListEntry& e : f.entries) ++per_list[e.list];
    for (const auto& [code, n] : per_list) std::printf("  %s: %d\n", TerminalSafe(code).c_str(), n);
  }
  return kExitOk;
}

}  // namespace

// Exit 0 when done, 2 on a usage error, a file that is refused or a database error (docs/cli.md,
// "Exit codes").
int RunLists(const Args& args) {
  const auto& pos = args.positional;
  bool import = pos.size() == 2 && pos[0] == "import";
  bool status = pos.size() == 1 && pos[0] == "status";
  auto db = args.Get("db");
  if ((!import && !status) || !db) {
    std::fprintf(stderr,
                 "chipgate lists: expected `lists import --db DB FILE` or `lists status --db "
                 "DB`\n");
    return kExitBadInput;
  }
  // The database must exist (`chipgate db init`); status only reads it.
  auto store = Store::Open(*db, StoreOptions{.read_only = status});
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate lists: %s\n", TerminalSafe(store.status().message()).c_str());
    return kExitBadInput;
  }
  return import ? Import(store.value(), pos[1]) : ShowStatus(store.value());
}

}  // namespace chipgate::cli
