// `chipgate audit --db DB [--rules DIR] [--date D] [--compare-date D2] [--format text|json|html]
// [--output FILE] [--audit FILE | --no-record]`: exit 0 without findings, 1 with findings, 2 on
// bad input. The inventory audit (docs/inventory-audit.md): goes through every part and recorded
// shipment of the database with the pack, records the run and its findings (unless --no-record)
// with one audit-log record for the run (in --audit FILE when given, else in DB), then writes the
// report. As with `check`, no result is shown unless it was recorded first.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <string>

#include "chipgate/inventory_audit.h"
#include "chipgate/terminal_text.h"
#include "cli/audit_report.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "cli/output_file.h"

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

// Progress on stderr, only for a terminal and only once the audit has run for a second.
// Null when stderr is not a terminal, so logs and pipes never receive carriage returns.
// At trace level the same calls are log lines instead (a progress line would be cut by them).
std::function<void(const char*, int64_t)> Progress() {
  if (LogEnabled(LogLevel::kTrace)) {
    return [](const char* phase, int64_t n) {
      Log(LogLevel::kTrace, LogComponent::kAudit, "progress", {{"phase", phase}, {"done", n}});
    };
  }
  if (!isatty(2)) return nullptr;
  auto start = std::chrono::steady_clock::now();
  return [start](const char* phase, int64_t n) {
    if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) return;
    std::fprintf(stderr, "\raudit: %s %lld...", phase, static_cast<long long>(n));
    std::fflush(stderr);
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

}  // namespace

int RunAudit(const Args& args) {
  auto db = args.Get("db");
  std::string format = args.Get("format").value_or("text");
  if (!db || !args.positional.empty() ||
      (format != "text" && format != "json" && format != "html")) {
    std::fprintf(stderr,
                 "chipgate audit: expected --db DB, no other argument, and --format text, "
                 "json or html\n%s",
                 UsageOf("audit").c_str());
    return kExitBadInput;
  }
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
  // Options are all checked before the pack is loaded and the database opened.
  std::vector<std::string> rules = RulesDirs(args);
  if (rules.empty()) return kExitBadInput;
  LoadResult loaded = LoadPackLogged(rules, LogComponent::kPack);
  if (!loaded.engine) {
    PrintDiagnostics(loaded.diagnostics,
                     format == "json" ? OutputFormat::kJson : OutputFormat::kText);
    return kExitBadInput;
  }
  // The database must exist (it is not created); it is opened for writing unless --no-record,
  // since the run and its findings are stored in it.
  auto store =
      OpenStoreLogged(*db, StoreOptions{.read_only = args.Has("no-record")}, LogComponent::kStore);
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate audit: %s\n", TerminalSafe(store.status().message()).c_str());
    return kExitBadInput;
  }
  // The progress line is erased once the audit ends, before anything else is printed.
  options.progress = Progress();
  LogTimer timer;
  auto report = RunInventoryAudit(*loaded.engine, store.value(), options);
  if (options.progress && !LogEnabled(LogLevel::kTrace)) std::fputs("\r\033[K", stderr);
  if (!report.ok()) {
    std::fprintf(stderr, "chipgate audit: %s\n", TerminalSafe(report.status().message()).c_str());
    return kExitBadInput;
  }
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
  // is streamed.
  auto write = [&](std::ostream& os) {
    if (format == "json") {
      AuditJson(report.value(), os);
    } else {
      os << (format == "html" ? AuditHtml(report.value()) : AuditText(report.value()));
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
