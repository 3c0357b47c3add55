// `chipgate audit --db DB [--rules DIR] [--date D] [--compare-date D2 [--destinations CC,...]]
// [--format text|json|html|csv] [--output FILE] [--csv FILE] [--audit FILE | --no-record]
// [--threads N]`: exit 0
// without findings, 1 with findings, 2 on bad input. The inventory audit
// (docs/inventory-audit.md): goes through every part and recorded shipment of the database with
// the pack, records the run and its findings (unless --no-record) with one audit-log record for
// the run (in --audit FILE when given, else in DB), then writes the report. As with `check`, no
// result is shown unless it was recorded first. Every report says who ran it on which database
// and when (AuditRunInfo).
#include <limits.h>
#include <unistd.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>

#include "chipgate/file_digest.h"
#include "chipgate/inventory_audit.h"
#include "chipgate/terminal_text.h"
#include "cli/audit_export.h"
#include "cli/audit_html.h"
#include "cli/audit_report.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "cli/output_file.h"
#include "cli/output_format.h"
#include "cli/progress_bar.h"

namespace chipgate::cli {
namespace {

// `fallback` when the option is absent; nullopt with `bad` set (after printing why) when it is
// not a date. Callers check `bad` before using the value.
std::optional<Date> DateOption(const Args& args, const char* name, Date fallback, bool& bad) {
  auto v = args.Get(name);
  if (!v) return fallback;
  auto d = ParseDate(*v);
  if (!d) {
    std::fprintf(stderr, "chipgate audit: --%s must be YYYY-MM-DD, found `%s`\n", name,
                 TerminalSafe(*v).c_str());
    bad = true;
  }
  return d;
}

// `--destinations CN, my,SG`: the codes split at commas, trimmed and upper-cased (checked by the
// audit, which names a code that is not a country). Empty when the list names none.
std::vector<std::string> DestinationsOption(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string code;
    for (char c : list.substr(start, end - start)) {
      if (c != ' ') code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (!code.empty()) out.push_back(code);
    start = end + 1;
  }
  return out;
}

// Progress on stderr through `bar` (ProgressBar: only on a terminal), with the stored parts and
// shipments as totals. Null when the bar is off, so logs and pipes never receive carriage
// returns. At trace level the same calls are log lines instead (a bar would be cut by them).
std::function<void(const char*, int64_t)> Progress(ProgressBar& bar, const Store& store) {
  if (LogEnabled(LogLevel::kTrace)) {
    return [](const char* phase, int64_t n) {
      Log(LogLevel::kTrace, LogComponent::kAudit, "progress", {{"phase", phase}, {"done", n}});
    };
  }
  if (!bar.enabled()) return nullptr;
  auto size = store.CountInventory();  // no totals (0) when it cannot be read
  int64_t parts = size.ok() ? size->parts : 0, shipments = size.ok() ? size->shipments : 0;
  return [&bar, parts, shipments](const char* phase, int64_t n) {
    bool on_parts = std::string_view(phase) == "parts";
    bar.Update(std::string("audit ") + phase, n, on_parts ? parts : shipments);
  };
}

// What the audit read and found: the counts at info, the findings per kind at debug, each
// finding at trace.
void LogReport(const InventoryAuditReport& r, const LogTimer& timer) {
  Log(LogLevel::kInfo, LogComponent::kAudit, "audited the database",
      {{"date", FormatDate(r.date)},
       {"parts", r.parts},
       {"shipments", r.shipments},
       {"shipment_lines", r.shipment_lines},
       {"findings", r.findings.size()},
       {"changes", r.changes.size()},
       {"list_versions", r.list_versions.size()},
       {"licenses", r.licenses.size()},
       timer.Elapsed()});
  if (LogEnabled(LogLevel::kDebug)) {
    std::map<std::string, int64_t> by_kind;
    for (const auto& f : r.findings) ++by_kind[f.kind];
    for (const auto& [kind, n] : by_kind)
      Log(LogLevel::kDebug, LogComponent::kAudit, "findings of a kind",
          {{"kind", kind}, {"count", n}});
  }
  if (!LogEnabled(LogLevel::kTrace)) return;
  for (const auto& f : r.findings) {
    Log(LogLevel::kTrace, LogComponent::kAudit, "finding",
        {{"kind", f.kind},
         {"severity", f.severity},
         {"part", f.part},
         {"shipment", f.shipment},
         {"line", f.line}});
  }
}

// The machine's host name; empty when the system does not say.
std::string HostName() {
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

// Now, UTC, as "2026-12-07T02:41:33Z".
std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Where the HTML report finds the CSV: its path relative to the report's directory (the two are
// handed on together), percent-encoded for a URL, `/` kept.
std::string CsvLink(const std::string& csv, const std::optional<std::string>& html) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path base = html ? fs::absolute(*html, ec).parent_path() : fs::current_path(ec);
  fs::path rel = fs::proximate(fs::absolute(csv, ec), base, ec);
  std::string path = ec ? csv : rel.generic_string();
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

int RunAudit(const Args& args) {
  auto db = args.Get("db");
  if (!db || !args.positional.empty()) {
    std::fprintf(stderr, "chipgate audit: expected --db DB and no other argument\n%s",
                 UsageOf("audit").c_str());
    return kExitBadInput;
  }
  auto format_option = FormatOption(
      args, "audit",
      {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kHtml, OutputFormat::kCsv});
  if (!format_option) return kExitBadInput;
  const OutputFormat format = *format_option;
  // The actor and the log's place are recorded with the run; with --no-record they would be
  // ignored, so they are refused.
  for (const char* option : {"actor", "audit"}) {
    if (args.Has("no-record") && args.Get(option)) {
      std::fprintf(stderr,
                   "chipgate audit: --%s has no effect with --no-record (nothing is recorded)\n",
                   option);
      return kExitBadInput;
    }
  }
  bool bad = false;
  InventoryAuditOptions options;
  options.date = DateOption(args, "date", Today(), bad).value_or(Date{});
  // Without --compare-date no comparison is made (the fallback is never used here).
  if (args.Get("compare-date"))
    options.compare_date = DateOption(args, "compare-date", Today(), bad);
  if (bad) return kExitBadInput;
  if (auto list = args.Get("destinations")) {
    if (!options.compare_date) {
      std::fprintf(stderr, "chipgate audit: --destinations has no effect without --compare-date\n");
      return kExitBadInput;
    }
    options.destinations = DestinationsOption(*list);
    if (options.destinations.empty()) {
      std::fprintf(stderr,
                   "chipgate audit: --destinations needs ISO country codes separated by commas "
                   "(e.g. CN,MY)\n");
      return kExitBadInput;
    }
  }
  // --threads N: the parts pass's workers; absent, one per core (InventoryAuditOptions::threads).
  options.threads = 0;
  if (auto v = args.Get("threads")) {
    int n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < 1 || n > 256) {
      std::fprintf(stderr,
                   "chipgate audit: --threads must be a whole number from 1 to 256, found `%s`\n",
                   TerminalSafe(*v).c_str());
      return kExitBadInput;
    }
    options.threads = n;
  }
  // Options are all checked before the pack is loaded and the database opened.
  std::vector<std::string> rules = RulesDirs(args);
  if (rules.empty()) return kExitBadInput;
  LoadResult loaded = LoadPackLogged(rules, LogComponent::kPack);
  if (!loaded.engine) {
    PrintDiagnostics(loaded.diagnostics,
                     format == OutputFormat::kJson ? OutputFormat::kJson : OutputFormat::kText);
    return kExitBadInput;
  }
  // The database as audited: its digest is taken before the run is recorded into it.
  AuditRunInfo info;
  info.actor = Actor(args);
  info.host = HostName();
  info.database = *db;
  info.started = UtcNow();
  if (auto digest = FileSha256(*db); digest.ok()) info.database_digest = digest.value();
  // The database must exist (it is not created); it is opened for writing unless --no-record,
  // since the run and its findings are stored in it.
  auto store =
      OpenStoreLogged(*db, StoreOptions{.read_only = args.Has("no-record")}, LogComponent::kStore);
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate audit: %s\n", TerminalSafe(store.status().message()).c_str());
    return kExitBadInput;
  }
  // The progress bar is erased once the audit ends, before anything else is printed.
  ProgressBar bar(ProgressBar::Wanted(2, args.Has("no-progress")));
  options.progress = Progress(bar, store.value());
  LogTimer timer;
  const auto audit_start = std::chrono::steady_clock::now();
  auto report = RunInventoryAudit(*loaded.engine, store.value(), options);
  bar.Clear();
  if (!report.ok()) {
    std::fprintf(stderr, "chipgate audit: %s\n", TerminalSafe(report.status().message()).c_str());
    return kExitBadInput;
  }
  info.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - audit_start).count();
  LogReport(report.value(), timer);
  if (!args.Has("no-record")) {
    LogTimer record_timer;
    // The run's log record goes to --audit FILE (created when missing, as check's), else to DB.
    std::optional<Store> elsewhere;
    if (auto file = args.Get("audit"); file && *file != *db) {
      auto opened = OpenStoreLogged(*file, StoreOptions{.create = true}, LogComponent::kStore);
      if (!opened.ok()) {
        std::fprintf(stderr,
                     "chipgate audit: %s\nchipgate audit: no result is given without a record\n",
                     TerminalSafe(opened.status().message()).c_str());
        return kExitBadInput;
      }
      elsewhere.emplace(std::move(opened.value()));
    }
    if (Status s = RecordInventoryAudit(store.value(), report.value(), Actor(args),
                                        elsewhere ? &*elsewhere : nullptr);
        !s.ok()) {
      std::fprintf(stderr,
                   "chipgate audit: %s\nchipgate audit: no result is given without a record\n",
                   TerminalSafe(s.message()).c_str());
      return kExitBadInput;
    }
    Log(LogLevel::kInfo, LogComponent::kAudit, "recorded the audit run",
        {{"db", *db},
         {"audit", args.Get("audit").value_or(*db)},
         {"run_id", report->run_id},
         {"findings", report->findings.size()},
         record_timer.Elapsed()});
  }
  // The report is rendered only after the record is written; text and HTML are built whole, JSON
  // and CSV are streamed. The CSV of --csv is written before the report that links to it.
  auto csv = args.Get("csv");
  if (csv) {
    if (Status s =
            WriteFileAtomically(*csv, [&](std::ostream& os) { AuditCsv(report.value(), os); });
        !s.ok()) {
      std::fprintf(stderr, "chipgate audit: %s\n", TerminalSafe(s.message()).c_str());
      return kExitBadInput;
    }
    std::fprintf(stderr, "chipgate audit: wrote %s\n", TerminalSafe(*csv).c_str());
    info.csv_link = CsvLink(*csv, args.Get("output"));
  }
  auto write = [&](std::ostream& os) {
    switch (format) {
      case OutputFormat::kJson:
        AuditJson(report.value(), info, os);
        break;
      case OutputFormat::kCsv:
        AuditCsv(report.value(), os);
        break;
      case OutputFormat::kHtml:
        os << AuditHtml(report.value(), info);
        break;
      default:
        os << AuditText(report.value(), info);
    }
  };
  if (auto out = args.Get("output")) {
    // main() has refused an output that is the database, one of its journals or an input.
    if (Status s = WriteFileAtomically(*out, write); !s.ok()) {
      std::fprintf(stderr, "chipgate audit: %s\n", TerminalSafe(s.message()).c_str());
      return kExitBadInput;
    }
    std::fprintf(stderr, "chipgate audit: wrote %s\n", TerminalSafe(*out).c_str());
  } else {
    write(std::cout);  // main() checks that stdout took it all
  }
  // Findings are exit 1 even when the report went to a file.
  return report->findings.empty() ? kExitOk : kExitFindings;
}

}  // namespace chipgate::cli
