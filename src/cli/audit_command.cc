// `chipgate audit --db DB [--rules DIR] [--date D] [--compare-date D2] [--format text|json|html]
// [--output FILE] [--no-record]`: exit 0 without findings, 1 with findings, 2 on bad input.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "chipgate/inventory_audit.h"
#include "chipgate/terminal_text.h"
#include "cli/audit_report.h"
#include "cli/commands.h"
#include "cli/output_file.h"

namespace chipgate::cli {
namespace {

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
std::function<void(const char*, int64_t)> Progress() {
  if (!isatty(2)) return nullptr;
  auto start = std::chrono::steady_clock::now();
  return [start](const char* phase, int64_t n) {
    if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) return;
    std::fprintf(stderr, "\raudit: %s %lld...", phase, static_cast<long long>(n));
    std::fflush(stderr);
  };
}

}  // namespace

int RunAudit(const Args& args) {
  auto db = args.Get("db");
  std::string format = args.Get("format").value_or("text");
  if (!db || !args.positional.empty() ||
      (format != "text" && format != "json" && format != "html")) {
    std::fprintf(stderr,
                 "chipgate audit: usage: audit --db DB [--date D] [--compare-date D2] [--format "
                 "text|json|html]\n");
    return kExitBadInput;
  }
  bool bad = false;
  InventoryAuditOptions options;
  options.date = DateOption(args, "date", Today(), bad).value_or(Date{});
  if (args.Get("compare-date"))
    options.compare_date = DateOption(args, "compare-date", Today(), bad);
  if (bad) return kExitBadInput;
  std::string rules = RulesDir(args);
  if (rules.empty()) return kExitBadInput;
  LoadResult loaded = Engine::Load(rules);
  if (!loaded.engine) {
    std::fputs(RenderDiagnostics(loaded.diagnostics).c_str(), stderr);
    return kExitBadInput;
  }
  auto store = Store::Open(*db, StoreOptions{.read_only = args.Has("no-record")});
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate audit: %s\n", TerminalSafe(store.status().message()).c_str());
    return kExitBadInput;
  }
  options.progress = Progress();
  auto report = RunInventoryAudit(*loaded.engine, store.value(), options);
  if (options.progress) std::fputs("\r\033[K", stderr);
  if (!report.ok()) {
    std::fprintf(stderr, "chipgate audit: %s\n", TerminalSafe(report.status().message()).c_str());
    return kExitBadInput;
  }
  if (!args.Has("no-record")) {
    if (Status s = RecordInventoryAudit(store.value(), report.value(), Actor(args)); !s.ok()) {
      std::fprintf(stderr,
                   "chipgate audit: %s\nchipgate audit: no result is given without a record\n",
                   TerminalSafe(s.message()).c_str());
      return kExitBadInput;
    }
  }
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
  return report->findings.empty() ? kExitOk : kExitFindings;
}

}  // namespace chipgate::cli
