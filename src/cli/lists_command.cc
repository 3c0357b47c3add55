// `chipgate lists import --db DB FILE`, `lists status --db DB` and `lists remove --db DB --digest
// sha256:…`, each with `--format text|json` (docs/cli.md): import a published screening list (CSL
// CSV or JSON, OpenSanctions targets.simple.csv) into the database as a new version of its source
// set, show every stored version, and delete one. `check --db` and `audit` screen each shipment
// against the versions in force on its date (docs/screening.md, "Imported lists").
#include <cstdio>
#include <map>
#include <string>

#include "chipgate/screening_list.h"
#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/capped_diagnostics.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "cli/output_format.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

std::string DateOrNone(const std::optional<Date>& d) { return d ? FormatDate(*d) : "none"; }

// One line per stored version: source set, format, file, digest, file date, import time, count,
// and the date it applies from (ScreeningListVersion::InForceFrom).
void PrintVersion(const ScreeningListVersion& v) {
  std::printf("%s: %s %s %s, file date %s, imported %s, %lld entries, in force from %s\n",
              std::string(ListSourceSet(v.format)).c_str(),
              std::string(ListFormatName(v.format)).c_str(), TerminalSafe(v.file_name).c_str(),
              v.digest.c_str(), DateOrNone(v.file_date).c_str(), v.imported_at.c_str(),
              static_cast<long long>(v.entries), DateOrNone(v.InForceFrom()).c_str());
}

// A version's members in JSON (no per-list counts: `status` adds them): dates not known are null.
void VersionMembers(PrettyJson& j, const ScreeningListVersion& v) {
  auto date = [&](const std::optional<Date>& d) -> PrettyJson& {
    return d ? j.String(FormatDate(*d)) : j.Null();
  };
  j.Key("source_set").String(ListSourceSet(v.format));
  j.Key("format").String(ListFormatName(v.format));
  j.Key("file_name").String(v.file_name);
  j.Key("digest").String(v.digest);
  j.Key("file_date");
  date(v.file_date);
  j.Key("imported_at").String(v.imported_at);
  j.Key("in_force_from");
  date(v.InForceFrom());
  j.Key("entries").Int(v.entries);
}

// The JSON document of `import` ({..., "already_stored", "version"}) and `remove` ({...,
// "removed"}): the version stored, found stored already, or removed.
std::string VersionJson(JsonKind kind, const ScreeningListVersion& v, bool already_stored) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, kind);
  if (kind == JsonKind::kListsImport) j.Key("already_stored").Bool(already_stored);
  j.Key(kind == JsonKind::kListsImport ? "version" : "removed").BeginObject();
  VersionMembers(j, v);
  j.EndObject().EndObject();
  return out + "\n";
}

// Entries per list code, in code order.
std::map<std::string, int> CountPerList(const ScreeningListFile& f) {
  std::map<std::string, int> out;
  for (const ScreeningListEntry& e : f.entries) ++out[e.list];
  return out;
}

// Reads the whole file first: a file with any error is refused with every problem named, and
// nothing is written (exit 2). A file stored already is not stored twice (exit 0, and says so).
int Import(Store& store, const std::string& file, OutputFormat format) {
  LogTimer timer;
  ScreeningListRead read = ReadScreeningList(file);
  Log(LogLevel::kInfo, LogComponent::kLists, read.file ? "read screening list" : "list not read",
      {{"file", file},
       {"entries", read.file ? read.file->entries.size() : 0},
       {"diagnostics", read.diagnostics.size()},
       timer.Elapsed()});
  if (!read.file) {
    if (format == OutputFormat::kText) {  // capped as `db import` caps them
      CappedDiagnostics capped = CapDiagnostics(read.diagnostics, kErrorsPerCode);
      std::fputs(RenderDiagnostics(capped.shown).c_str(), stderr);
      std::fputs(RenderOmitted(capped).c_str(), stderr);
    } else {
      PrintDiagnostics(read.diagnostics, format);
    }
    int n = CountSeverity(read.diagnostics, Severity::kError);
    std::fprintf(stderr, "chipgate lists import: %d error%s; nothing was imported\n", n,
                 n == 1 ? "" : "s");
    return kExitBadInput;
  }
  if (LogEnabled(LogLevel::kDebug)) {
    for (const auto& [code, n] : CountPerList(*read.file))
      Log(LogLevel::kDebug, LogComponent::kLists, "entries of a list",
          {{"list", code}, {"entries", n}});
  }
  LogTimer store_timer;
  auto stored = store.ImportScreeningList(*read.file);
  if (!stored.ok()) {
    std::fprintf(stderr, "chipgate lists import: %s\n",
                 TerminalSafe(stored.status().message()).c_str());
    return kExitBadInput;
  }
  Log(LogLevel::kInfo, LogComponent::kLists,
      stored->already_stored ? "list already stored" : "stored screening list",
      {{"version", stored->version.Label()},
       {"digest", stored->version.digest},
       {"entries", stored->version.entries},
       store_timer.Elapsed()});
  if (format == OutputFormat::kJson) {
    std::fputs(VersionJson(JsonKind::kListsImport, stored->version, stored->already_stored).c_str(),
               stdout);
    return kExitOk;
  }
  if (stored->already_stored) std::printf("already stored, nothing imported: ");
  PrintVersion(stored->version);
  return kExitOk;
}

// The JSON form of `lists status` (docs/cli.md): {"schema", "chipgate_version", "versions":
// [...]}, by source set, then in import order.
std::string StatusJson(const std::vector<ScreeningListFile>& files) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kListsStatus);
  j.Key("versions").BeginArray();
  for (const ScreeningListFile& f : files) {
    j.BeginObject();
    VersionMembers(j, f.version);
    j.Key("lists").BeginObject();
    for (const auto& [code, n] : CountPerList(f)) j.Key(code).Int(n);
    j.EndObject().EndObject();
  }
  j.EndArray().EndObject();
  return out + "\n";
}

// Every stored version, then the number of entries per list code.
int ShowStatus(const Store& store, bool json) {
  LogTimer timer;
  auto lists = store.ReadScreeningLists();
  if (!lists.ok()) {
    std::fprintf(stderr, "chipgate lists status: %s\n",
                 TerminalSafe(lists.status().message()).c_str());
    return kExitBadInput;
  }
  int64_t entries = 0;
  for (const ScreeningListFile& f : lists.value()) entries += f.version.entries;
  Log(LogLevel::kInfo, LogComponent::kLists, "read stored screening lists",
      {{"versions", lists->size()}, {"entries", entries}, timer.Elapsed()});
  if (LogEnabled(LogLevel::kTrace)) {
    for (const ScreeningListFile& f : lists.value())
      Log(LogLevel::kTrace, LogComponent::kLists, "stored version",
          {{"version", f.version.Label()}, {"entries", f.version.entries}});
  }
  if (json) {
    std::fputs(StatusJson(lists.value()).c_str(), stdout);
    return kExitOk;
  }
  if (lists->empty()) std::printf("no screening lists imported\n");
  for (const ScreeningListFile& f : lists.value()) {
    PrintVersion(f.version);
    for (const auto& [code, n] : CountPerList(f))
      std::printf("  %s: %d\n", TerminalSafe(code).c_str(), n);
  }
  return kExitOk;
}

int Remove(Store& store, const std::string& digest, OutputFormat format) {
  auto removed = store.RemoveScreeningList(digest);
  if (!removed.ok()) {
    std::fprintf(stderr, "chipgate lists remove: %s\n",
                 TerminalSafe(removed.status().message()).c_str());
    return kExitBadInput;
  }
  Log(LogLevel::kInfo, LogComponent::kLists, "removed screening list",
      {{"version", removed->Label()}, {"digest", digest}, {"entries", removed->entries}});
  if (format == OutputFormat::kJson) {
    std::fputs(VersionJson(JsonKind::kListsRemove, removed.value(), false).c_str(), stdout);
    return kExitOk;
  }
  std::printf("removed: ");
  PrintVersion(removed.value());
  return kExitOk;
}

}  // namespace

// Exit 0 when done, 2 on a usage error, a file that is refused or a database error (docs/cli.md,
// "Exit codes").
int RunLists(const Args& args) {
  const auto& pos = args.positional;
  bool import = pos.size() == 2 && pos[0] == "import";
  bool status = pos.size() == 1 && pos[0] == "status";
  bool remove = pos.size() == 1 && pos[0] == "remove";
  auto db = args.Get("db");
  auto digest = args.Get("digest");
  bool usable = (import || status || remove) && db && (remove == digest.has_value());
  if (!usable) {
    std::fprintf(stderr, "chipgate lists: expected one of the forms below\n%s",
                 UsageOf("lists").c_str());
    return kExitBadInput;
  }
  auto format = FormatOption(args, "lists", {OutputFormat::kText, OutputFormat::kJson});
  if (!format) return kExitBadInput;
  // The database must exist (`chipgate db init`); status only reads it.
  auto store = OpenStoreLogged(*db, StoreOptions{.read_only = status}, LogComponent::kStore);
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate lists: %s\n", TerminalSafe(store.status().message()).c_str());
    return kExitBadInput;
  }
  if (import) return Import(store.value(), pos[1], *format);
  if (remove) return Remove(store.value(), *digest, *format);
  return ShowStatus(store.value(), *format == OutputFormat::kJson);
}

}  // namespace chipgate::cli
