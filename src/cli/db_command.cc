// `chipgate db init DB` and `chipgate db import DB --parts F [--components F] [--parties F]
// [--ownership F] [--shipments F] [--licenses F]`, each with `--format text|json`.
#include <cstdio>

#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/json_report.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "cli/output_format.h"

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
// given, or null}, "diagnostics": [the warnings, if any]}: written only when everything was
// imported.
std::string ImportJson(const std::string& path, const ImportFiles& files,
                       const std::vector<Diagnostic>& diags) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kDbImport);
  j.Key("db").String(path).Key("files").BeginObject();
  j.Key("parts").StringOrNull(files.parts).Key("components").StringOrNull(files.components);
  j.Key("parties").StringOrNull(files.parties).Key("ownership").StringOrNull(files.ownership);
  j.Key("licenses").StringOrNull(files.licenses).Key("shipments").StringOrNull(files.shipments);
  j.EndObject().Key("diagnostics").BeginArray();
  for (const auto& d : diags) DiagnosticJson(j, d);
  j.EndArray().EndObject();
  return out + "\n";
}

// The files of an import with their data rows (info), before the import reads them: the
// library reports no counts, so these are what a person debugging an import gets.
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

}  // namespace

// `init` creates the database when it does not exist (Store::Open with `create`) and prints its
// schema version; `import` needs an existing database and at least one CSV file
// (docs/db-schema.md, "Importing CSV"). Exit 0 when done, 2 otherwise (docs/cli.md, "Exit codes").
int RunDb(const Args& args) {
  if (args.positional.size() != 2 ||
      (args.positional[0] != "init" && args.positional[0] != "import")) {
    std::fprintf(stderr, "chipgate db: expected a subcommand, init or import, and DB\n%s",
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
       {"parts", "components", "parties", "ownership", "shipments", "licenses"}) {
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
  LogImportFiles(files);
  LogTimer timer;
  auto diags = store->Import(files);
  Log(LogLevel::kInfo, LogComponent::kImport, HasErrors(diags) ? "import refused" : "imported",
      {{"db", path},
       {"errors", CountSeverity(diags, Severity::kError)},
       {"warnings", CountSeverity(diags, Severity::kWarning)},
       timer.Elapsed()});
  if (LogEnabled(LogLevel::kTrace)) {
    for (const auto& d : diags) {
      Log(LogLevel::kTrace, LogComponent::kImport, "diagnostic",
          {{"code", d.code}, {"file", d.loc.file}, {"line", d.loc.line}});
    }
  }
  if (HasErrors(diags)) {
    PrintDiagnostics(diags, *format);
    std::fprintf(stderr, "chipgate db import: %d error%s; nothing was imported\n",
                 CountSeverity(diags, Severity::kError),
                 CountSeverity(diags, Severity::kError) == 1 ? "" : "s");
    return kExitBadInput;
  }
  if (json) {
    std::fputs(ImportJson(path, files, diags).c_str(), stdout);
    return kExitOk;
  }
  std::printf("%s: imported\n", TerminalSafe(path).c_str());
  return kExitOk;
}

}  // namespace chipgate::cli
