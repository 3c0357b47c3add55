// `chipgate db init DB` and `chipgate db import DB --parts F [--components F] [--parties F]
// [--ownership F] [--shipments F] [--licenses F] [--replace] [--map 'NAME=column']...
// [--no-progress]`, each with `--format text|json`; `chipgate db migrate --from DB --to DB
// [--format text|json]`.
#include <cstdio>

#include "chipgate/store.h"
#include "chipgate/store_migration.h"
#include "chipgate/terminal_text.h"
#include "cli/capped_diagnostics.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "cli/output_format.h"
#include "cli/progress_bar.h"
#include "pipeline/json_report.h"

namespace chipgate::cli {
namespace {

// {"schema": "chipgate.db-init/v1", "chipgate_version", "db", "db_schema_version"}.
std::string InitJson(const std::string& path, int schema_version) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kDbInit);
  j.Key("db").String(path).Key("db_schema_version").Int(schema_version).EndObject();
  return out + "\n";
}

// {"schema": "chipgate.db-import/v1", "chipgate_version", "db", "files": {"parts", ...: the path
// given, or null}, "replace", "tables": [{"table", "added", "updated", "unchanged", "removed"}],
// "diagnostics": [the warnings, if any]}: written only when everything was imported.
std::string ImportJson(const std::string& path, const ImportFiles& files, bool replace,
                       const ImportResult& result) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kDbImport);
  j.Key("db").String(path).Key("files").BeginObject();
  j.Key("parts").StringOrNull(files.parts).Key("components").StringOrNull(files.components);
  j.Key("parties").StringOrNull(files.parties).Key("ownership").StringOrNull(files.ownership);
  j.Key("licenses").StringOrNull(files.licenses).Key("shipments").StringOrNull(files.shipments);
  j.EndObject().Key("replace").Bool(replace).Key("tables").BeginArray();
  for (const ImportCounts& c : result.tables) {
    j.BeginObject().Key("table").String(std::string(ImportTableName(c.table)));
    j.Key("added").Int(c.added).Key("updated").Int(c.updated).Key("unchanged").Int(c.unchanged);
    j.Key("removed").Int(c.removed).EndObject();
  }
  j.EndArray().Key("diagnostics").BeginArray();
  for (const auto& d : result.diagnostics) DiagnosticJson(j, d);
  j.EndArray().EndObject();
  return out + "\n";
}

// {"schema": "chipgate.db-migrate/v1", "chipgate_version", "from", "to" (as messages name them,
// no password), "tables": [{"table", "rows"}] in copy order, "records", "head" (`SEQ:HASH` as
// `log verify` gives it, null for an empty log), "runs_checked", "verified" (the copy's counts,
// contents and log were checked against the source: always true in a document, which is written
// only for a committed copy), "database_id"}.
std::string MigrateJson(const MigrationResult& result) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kDbMigrate);
  j.Key("from").String(result.from).Key("to").String(result.to).Key("tables").BeginArray();
  for (const MigratedTable& t : result.tables) {
    j.BeginObject().Key("table").String(std::string(t.table)).Key("rows").Int(t.rows);
    j.EndObject();
  }
  j.EndArray().Key("records").Int(result.records).Key("head");
  if (result.head.empty())
    j.Null();
  else
    j.String(std::to_string(result.records) + ":" + result.head);
  j.Key("runs_checked").Int(result.runs_checked).Key("verified").Bool(true);
  j.Key("database_id").String(result.database_id).EndObject();
  return out + "\n";
}

// The files of an import with their data rows (info), before the import reads them, so a person
// debugging an import that fails part-way still sees what it was given.
void LogImportFiles(const ImportFiles& files) {
  if (!LogEnabled(LogLevel::kInfo)) return;
  const std::pair<const char*, const std::string*> tables[] = {
      {"parts", &files.parts},       {"components", &files.components},
      {"parties", &files.parties},   {"ownership", &files.ownership},
      {"licenses", &files.licenses}, {"shipments", &files.shipments}};
  for (const auto& [table, path] : tables) {
    if (path->empty()) continue;
    int64_t records = CountCsvRecords(*path);
    // The header is a record of its own; an unreadable file (-1) is left to the importer.
    Log(LogLevel::kInfo, LogComponent::kImport, "reading a CSV file",
        {{"table", table}, {"file", *path}, {"rows", records > 0 ? records - 1 : records}});
  }
}

// What the import did, a row per table:
//   table            added  updated  unchanged  removed
//   parts                2        1          5        0
std::string CountsTable(const std::vector<ImportCounts>& tables) {
  std::string out;
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-16s %9s %9s %9s %9s\n", "table", "added", "updated",
                "unchanged", "removed");
  out += buf;
  for (const ImportCounts& c : tables) {
    std::snprintf(buf, sizeof buf, "  %-16s %9lld %9lld %9lld %9lld\n",
                  std::string(ImportTableName(c.table)).c_str(), static_cast<long long>(c.added),
                  static_cast<long long>(c.updated), static_cast<long long>(c.unchanged),
                  static_cast<long long>(c.removed));
    out += buf;
  }
  return out;
}

// `--map 'Part No=part_number'`: the name in the file, then the column (split at the last `=`,
// since a column name has none). nullopt (after a message) when a value has no `=`.
std::optional<std::vector<std::pair<std::string, std::string>>> ColumnMap(const Args& args) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& m : args.GetAll("map")) {
    size_t eq = m.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) {
      std::fprintf(stderr,
                   "chipgate db import: --map `%s` must be NAME=column (the name in the file, "
                   "then the column it is: --map 'Part No=part_number')\n",
                   TerminalSafe(m).c_str());
      return std::nullopt;
    }
    out.emplace_back(m.substr(0, eq), m.substr(eq + 1));
  }
  return out;
}

// `db migrate --from SRC --to DST`: the whole database copied into an empty one (any backend to
// any backend; MigrateDatabase), then a summary: the rows of each table and the log's head, equal
// in both. A SQLite target is created when it does not exist; a PostgreSQL one must exist
// (createdb) and is given chipgate's tables. Exit 0 when copied, 2 when refused or failed (nothing
// written; the reason on stderr, and nothing on stdout with --format json either).
int RunDbMigrate(const Args& args) {
  auto from = args.Get("from");
  auto to = args.Get("to");
  if (args.positional.size() != 1 || !from || !to) {
    std::fprintf(stderr, "chipgate db migrate: expected --from DB --to DB\n%s",
                 UsageOf("db").c_str());
    return kExitBadInput;
  }
  auto format = FormatOption(args, "db migrate", {OutputFormat::kText, OutputFormat::kJson});
  if (!format) return kExitBadInput;
  LogTimer timer;
  auto result = MigrateDatabase(*from, *to);
  if (!result.ok() || result->refused != MigrationRefusal::kNone) {
    std::string why = result.ok() ? result->problem : result.status().message();
    Log(LogLevel::kInfo, LogComponent::kStore, "migration refused",
        {{"from", result.ok() ? result->from : *from},
         {"to", result.ok() ? result->to : *to},
         timer.Elapsed()});
    std::fprintf(stderr, "chipgate db migrate: %s; nothing was written to the target\n",
                 TerminalSafe(why).c_str());
    return kExitBadInput;
  }
  Log(LogLevel::kInfo, LogComponent::kStore, "migrated",
      {{"from", result->from}, {"to", result->to}, {"records", result->records}, timer.Elapsed()});
  if (*format == OutputFormat::kJson) {
    std::fputs(MigrateJson(result.value()).c_str(), stdout);
    return kExitOk;
  }
  std::printf("%s -> %s: copied and verified\n", TerminalSafe(result->from).c_str(),
              TerminalSafe(result->to).c_str());
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-22s %9s\n", "table", "rows");
  std::string table = buf;
  for (const MigratedTable& t : result->tables) {
    std::snprintf(buf, sizeof buf, "  %-22s %9lld\n", std::string(t.table).c_str(),
                  static_cast<long long>(t.rows));
    table += buf;
  }
  std::fputs(table.c_str(), stdout);
  // As `log verify` says it: the head as SEQ:HASH, the audit runs whose findings match.
  std::string head =
      result->head.empty() ? "(empty)" : std::to_string(result->records) + ":" + result->head;
  std::printf(
      "audit log: %lld records, findings of %lld audit run%s match, head %s, in both\n"
      "database id: %s\n",
      static_cast<long long>(result->records), static_cast<long long>(result->runs_checked),
      result->runs_checked == 1 ? "" : "s", head.c_str(), result->database_id.c_str());
  return kExitOk;
}

}  // namespace

// `init` creates the database when it does not exist (Store::Open with `create`) and prints its
// schema version; `import` needs an existing database and at least one CSV file
// (docs/db-schema.md, "Importing CSV"). Exit 0 when done, 2 otherwise (docs/cli.md, "Exit codes").
int RunDb(const Args& args) {
  if (!args.positional.empty() && args.positional[0] == "migrate") return RunDbMigrate(args);
  for (const char* option : {"from", "to"}) {
    if (args.Get(option)) {
      std::fprintf(stderr, "chipgate db: --%s belongs to `db migrate`\n", option);
      return kExitBadInput;
    }
  }
  if (args.positional.size() != 2 ||
      (args.positional[0] != "init" && args.positional[0] != "import")) {
    std::fprintf(stderr,
                 "chipgate db: expected a subcommand, init or import, and DB (or migrate)\n%s",
                 UsageOf("db").c_str());
    return kExitBadInput;
  }
  auto format = FormatOption(args, "db", {OutputFormat::kText, OutputFormat::kJson});
  if (!format) return kExitBadInput;
  bool json = *format == OutputFormat::kJson;
  // main() has already refused a DB that is also one of the CSV inputs.
  const std::string& path = args.positional[1];
  bool init = args.positional[0] == "init";
  // `init` imports nothing: a CSV option given to it would be ignored, so it is refused.
  for (const char* option :
       {"parts", "components", "parties", "ownership", "shipments", "licenses", "map"}) {
    if (init && args.Get(option)) {
      std::fprintf(stderr, "chipgate db init: --%s belongs to `db import`; init imports nothing\n",
                   option);
      return kExitBadInput;
    }
  }
  auto store = OpenStoreLogged(path, StoreOptions{.create = init}, LogComponent::kStore);
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate db: %s\n", TerminalSafe(store.status().message()).c_str());
    return kExitBadInput;
  }
  if (init && json) {
    std::fputs(InitJson(path, store->schema_version()).c_str(), stdout);
    return kExitOk;
  }
  if (init) {
    std::printf("%s: chipgate database, schema version %d\n", TerminalSafe(path).c_str(),
                store->schema_version());
    return kExitOk;
  }
  ImportFiles files{args.Get("parts").value_or(""),     args.Get("components").value_or(""),
                    args.Get("parties").value_or(""),   args.Get("shipments").value_or(""),
                    args.Get("ownership").value_or(""), args.Get("licenses").value_or("")};
  if (files.parts.empty() && files.components.empty() && files.parties.empty() &&
      files.shipments.empty() && files.ownership.empty() && files.licenses.empty()) {
    std::fprintf(stderr,
                 "chipgate db import: give at least one of --parts, --components, --parties, "
                 "--ownership, --licenses, --shipments\n");
    return kExitBadInput;
  }
  // The import is all or nothing: any error row rejects every file (nothing is imported), and the
  // diagnostics name each bad row.
  auto column_map = ColumnMap(args);
  if (!column_map) return kExitBadInput;
  ImportOptions options{.replace = args.Has("replace"), .column_map = std::move(*column_map)};
  // The bar shows the rows of the file being read; it is erased before anything is printed.
  ProgressBar bar(ProgressBar::Wanted(2, args.Has("no-progress")));
  if (bar.enabled()) {
    options.progress = [&bar](ImportTable table, int64_t done, int64_t total) {
      bar.Update("import " + std::string(ImportTableName(table)), done, total);
    };
  }
  LogImportFiles(files);
  LogTimer timer;
  ImportResult result = store->Import(files, options);
  bar.Clear();
  const std::vector<Diagnostic>& diags = result.diagnostics;
  Log(LogLevel::kInfo, LogComponent::kImport, HasErrors(diags) ? "import refused" : "imported",
      {{"db", path},
       {"errors", CountSeverity(diags, Severity::kError)},
       {"warnings", CountSeverity(diags, Severity::kWarning)},
       timer.Elapsed()});
  for (const ImportCounts& c : result.tables) {
    Log(LogLevel::kInfo, LogComponent::kImport, "imported a table",
        {{"table", std::string(ImportTableName(c.table))},
         {"added", c.added},
         {"updated", c.updated},
         {"unchanged", c.unchanged},
         {"removed", c.removed}});
  }
  if (LogEnabled(LogLevel::kTrace)) {
    for (const auto& d : diags) {
      Log(LogLevel::kTrace, LogComponent::kImport, "diagnostic",
          {{"code", d.code}, {"file", d.loc.file}, {"line", d.loc.line}});
    }
  }
  if (HasErrors(diags)) {
    if (json) {
      PrintDiagnostics(diags, *format);
    } else {
      CappedDiagnostics capped = CapDiagnostics(diags, kErrorsPerCode);
      std::fputs(RenderDiagnostics(capped.shown).c_str(), stderr);
      std::fputs(RenderOmitted(capped).c_str(), stderr);
    }
    std::fprintf(stderr, "chipgate db import: %d error%s; nothing was imported\n",
                 CountSeverity(diags, Severity::kError),
                 CountSeverity(diags, Severity::kError) == 1 ? "" : "s");
    return kExitBadInput;
  }
  if (json) {
    std::fputs(ImportJson(path, files, options.replace, result).c_str(), stdout);
    return kExitOk;
  }
  if (!diags.empty()) PrintDiagnostics(diags, *format);  // warnings
  std::printf("%s: imported%s\n%s", TerminalSafe(path).c_str(),
              options.replace ? " (--replace: the tables were cleared first)" : "",
              CountsTable(result.tables).c_str());
  return kExitOk;
}

}  // namespace chipgate::cli
