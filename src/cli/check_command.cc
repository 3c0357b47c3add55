// `chipgate check` and `chipgate explain` (lint is lint_command.cc; ship, which decides through
// DecideManifest below, is ship_command.cc), as specified in docs/cli.md. The flow of check /
// explain, each step ending the command with exit 2 and a message on stderr when it fails:
//   options -> rule pack -> manifest (limits, --date) -> inventory (--db) -> resolve every line
//   -> decide -> record in the audit log (check only) -> print -> exit 0 (may ship) or 1 (held).
// The one rule that matters most: `check` prints no decision unless every decision was recorded
// first (docs/audit-log.md); a failure to record is exit 2 with no verdict on stdout.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <future>
#include <iostream>
#include <limits>
#include <span>
#include <sstream>

#include <unistd.h>

#include "chipgate/audit_entry.h"
#include "chipgate/engine.h"
#include "chipgate/explanation.h"
#include "chipgate/manifest.h"
#include "chipgate/screening_list.h"
#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/check_junit.h"
#include "cli/check_run.h"
#include "cli/check_spool.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/explain_report.h"
#include "cli/fail_on.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "cli/output_format.h"
#include "cli/progress_bar.h"
#include "cli/stdin_input.h"
#include "cli/text_wrap.h"
#include "pipeline/check_report.h"

namespace chipgate::cli {
namespace {

// The rule pack of --rules, or the stack of several (or the bundled pack); nullopt after printing
// its diagnostics (as JSON Lines when `format` is not text).
std::shared_ptr<const Engine> LoadEngine(const Args& args, OutputFormat format) {
  std::vector<std::string> dirs = RulesDirs(args);
  if (dirs.empty()) return nullptr;
  LoadResult loaded = LoadPackLogged(dirs, LogComponent::kPack);
  if (!loaded.engine) {
    PrintDiagnostics(loaded.diagnostics, format);
    std::fprintf(stderr, "chipgate: rule pack `%s` has errors\n",
                 TerminalSafe(StackName(dirs)).c_str());
    return nullptr;
  }
  return std::make_shared<const Engine>(std::move(*loaded.engine));
}

// Decides the manifest through the library (DecideManifestLines); nullopt after printing the
// diagnostics of a bad value. `traces`, when wanted, gets one trace per entry of report.lines.
// The report points into `manifest`, `engine` and `lists`, which must outlive it.
std::optional<CheckReport> Decide(const Engine& engine, Manifest& manifest,
                                  const ScreeningLists& lists, bool want_trace, int only_line,
                                  std::vector<Trace>* traces, OutputFormat format,
                                  ProgressBar* bar = nullptr) {
  DecideOptions options{.want_trace = want_trace, .only_line = only_line, .progress = {}};
  bool drawn = false;
  if (bar && bar->enabled()) {
    options.progress = [&](int64_t done, int64_t total) {
      bar->Update("check lines", done, total);
      drawn = true;
    };
  }
  Decided decided = DecideManifestLines(engine, manifest, lists, options);
  if (drawn) bar->Clear();
  if (!decided.report) {
    PrintDiagnostics(decided.diagnostics, format);
    return std::nullopt;
  }
  if (LogEnabled(LogLevel::kTrace)) {
    for (const auto& cl : decided.report->lines) {
      Log(LogLevel::kTrace, LogComponent::kCheck, "decided line",
          {{"line", cl.line->index},
           {"part", cl.line->item.part},
           {"decision", DecisionName(cl.decision.decision)}});
    }
  }
  *traces = std::move(decided.traces);
  return std::move(decided.report);
}

// A positive whole-number option (`fallback` when absent); false after printing why.
template <typename T>
// Rejects zero, negatives, signs, spaces, trailing text and values above T's maximum.
bool LimitOption(const Args& args, const char* name, T fallback, T& out) {
  out = fallback;
  auto v = args.Get(name);
  if (!v) return true;
  long long n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size() || n <= 0 ||
      static_cast<unsigned long long>(n) >
          static_cast<unsigned long long>(std::numeric_limits<T>::max())) {
    std::fprintf(stderr, "chipgate: --%s must be a positive whole number, found `%s`\n", name,
                 TerminalSafe(*v).c_str());
    return false;
  }
  out = static_cast<T>(n);
  return true;
}

// The manifest limits (docs/security.md): safe defaults, each configurable on the command line;
// shipment dates may be at most a year after today.
std::optional<ManifestLimits> Limits(const Args& args) {
  ManifestLimits limits, defaults;
  if (!LimitOption(args, "max-manifest-bytes", defaults.max_bytes, limits.max_bytes) ||
      !LimitOption(args, "max-lines", defaults.max_lines, limits.max_lines) ||
      !LimitOption(args, "max-depth", defaults.max_depth, limits.max_depth)) {
    return std::nullopt;
  }
  limits.latest_date = LatestCheckedDate(Today());
  return limits;
}

// The manifest named on the command line: a file, or `-` for standard input, read once within
// the same size limit and named `<stdin>` in every diagnostic (an over-large or unreadable input
// is E100 with no line, as for a file).
ManifestLoad LoadManifestArg(const std::string& path, Date default_date,
                             const ManifestLimits& limits) {
  if (path != kStdinArg) return LoadManifest(path, default_date, limits);
  const std::string name(kStdinName);
  auto text = ReadStdin(limits.max_bytes);
  if (!text.ok()) {
    ManifestLoad out;
    out.diagnostics.push_back({Severity::kError, "E100", {name, 0, 0}, text.status().message()});
    return out;
  }
  return LoadManifestFromString(name, text.value(), default_date, limits);
}

// Loads and checks the manifest within the limits. --date replaces the manifest's own
// shipment.date (and is the default while loading, for a manifest that has none); without it a
// manifest with no date is decided for today. A date beyond the latest checked is refused.
std::optional<Manifest> ReadManifest(const Args& args, const std::string& path,
                                     OutputFormat format) {
  auto limits = Limits(args);
  if (!limits) return std::nullopt;
  Date date = Today();
  std::optional<Date> override_date;
  if (auto d = args.Get("date")) {
    override_date = ParseDate(*d);
    if (!override_date) {
      std::fprintf(stderr, "chipgate: --date must be YYYY-MM-DD, found `%s`\n",
                   TerminalSafe(*d).c_str());
      return std::nullopt;
    }
    if (*override_date > limits->latest_date) {
      std::fprintf(stderr,
                   "chipgate: --date %s is after %s, the latest date checked (a year from today): "
                   "the rules in force then are not known\n",
                   TerminalSafe(*d).c_str(), FormatDate(limits->latest_date).c_str());
      return std::nullopt;
    }
  }
  LogTimer timer;
  ManifestLoad load = LoadManifestArg(path, override_date.value_or(date), *limits);
  if (!load.manifest) {
    Log(LogLevel::kInfo, LogComponent::kCheck, "manifest not read",
        {{"manifest", path}, {"diagnostics", load.diagnostics.size()}, timer.Elapsed()});
    PrintDiagnostics(load.diagnostics, format);
    return std::nullopt;
  }
  Log(LogLevel::kInfo, LogComponent::kCheck, "read manifest",
      {{"manifest", path},
       {"digest", load.manifest->digest},
       {"lines", load.manifest->lines.size()},
       timer.Elapsed()});
  // Where the date came from, for explanations: --date, the manifest, or today by default.
  ApplyShipmentDate(*load.manifest, override_date);
  return std::move(load.manifest);
}

// Fills each line from the inventory database (--db), the shipment's consignee and end user from
// its customer master, and reads the screening lists imported into it (`chipgate lists import`);
// false (after printing why) on failure. The database is opened read-only here; its parts fill
// in the lines' missing specs and bills of materials (Store::CompleteAll), its parties what the
// manifest leaves out (Store::CompleteShipment). Every fact the manifest and the database
// disagree on is printed to stderr: the disagreement is part of the recorded facts and makes the
// line `review`. Without --db the manifest is used as given and no list is screened. The
// licenses the lines can be matched to (Store::ReadLicensesFor), with their use as of the ship
// date, are read in the same snapshot into `licenses` (for AuthorizeLines).
bool CompleteFromInventory(const Args& args, Manifest& manifest, ScreeningLists& lists,
                           std::vector<HeldLicense>& licenses) {
  auto path = args.Get("db");
  if (!path) return true;
  // SQLite's default page cache (about 2 MiB): the parts are read in batches, and pages
  // read again come from the operating system's cache. A 64 MiB cache here held 54 MB more at
  // the peak of a 100,000-line check and saved no time (docs/performance.md, "Issue 19").
  auto store = OpenStoreLogged(*path, StoreOptions{.read_only = true}, LogComponent::kStore);
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate: %s\n", TerminalSafe(store.status().message()).c_str());
    return false;
  }
  LogTimer timer;
  Result<StoreFacts> read = ReadStoreFacts(*store, manifest);
  if (!read.ok()) {
    std::fprintf(stderr, "chipgate: %s\n", TerminalSafe(read.status().message()).c_str());
    return false;
  }
  lists = std::move(read->lists);
  licenses = std::move(read->licenses);
  Log(LogLevel::kInfo, LogComponent::kStore, "completed the manifest from the database",
      {{"db", *path},
       {"lines", manifest.lines.size()},
       {"list_versions", read->list_versions},
       {"licenses", licenses.size()},
       {"conflicts", manifest.shipment.conflicts.size()},
       timer.Elapsed()});
  for (const FactConflict& c : manifest.shipment.conflicts) {
    std::fprintf(stderr, "chipgate: conflict: %s: %s says `%s`, %s says `%s`\n",
                 TerminalSafe(c.fact).c_str(), TerminalSafe(c.first.source).c_str(),
                 TerminalSafe(c.first.value).c_str(), TerminalSafe(c.second.source).c_str(),
                 TerminalSafe(c.second.value).c_str());
  }
  return true;
}

}  // namespace

// Recorded as the actor of each audit record; not an authentication (any caller can pass
// --actor), only an attribution.
std::string Actor(const Args& args) {
  // An empty --actor is kept as given; empty environment variables are skipped.
  if (auto a = args.Get("actor")) return *a;
  for (const char* var : {"CHIPGATE_ACTOR", "USER", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v && *v) return v;
  }
  return "uid:" + std::to_string(getuid());
}

namespace {

// Appends every decision to the audit log (docs/audit-log.md). False after printing why: the
// caller then gives no decision at all.
// The audit database is --audit, else --db (the inventory database then also holds the log),
// else ./chipgate-audit.db, created when missing. All the lines go in one append, so a failure
// records none of them; their records are built a chunk at a time while they are written
// (CheckAuditChunks), never all held at once. On success the report learns where and which
// sequence numbers.
bool Record(const Args& args, CheckReport& report) {
  if (args.Has("no-audit")) return true;
  std::string path = args.Get("audit").value_or(args.Get("db").value_or("chipgate-audit.db"));
  auto store = OpenStoreLogged(path, StoreOptions{.create = true}, LogComponent::kStore);
  Result<Store::AppendResult> written =
      store.ok() ? store->AppendAuditChunks(CheckAuditChunks(Actor(args), report))
                 : Result<Store::AppendResult>(store.status());
  if (!written.ok()) {
    std::fprintf(stderr,
                 "chipgate: cannot record the decisions in the audit log: %s\n"
                 "chipgate: no decision is given without a record\n",
                 TerminalSafe(written.status().message()).c_str());
    return false;
  }
  MarkRecorded(report, path, *written);
  Log(LogLevel::kInfo, LogComponent::kCheck,
      "recorded " + std::to_string(written->count()) + " decisions in " + path + " (seq " +
          std::to_string(report.first_seq) + "-" + std::to_string(report.last_seq) + ")",
      {{"audit", path},
       {"records", written->count()},
       {"first_seq", report.first_seq},
       {"last_seq", report.last_seq}});
  return true;
}

// --line: 0 when absent and optional, the line number when valid, -1 otherwise (absent but
// required, not a whole number, or not positive).
int LineArg(const Args& args, bool required) {
  auto v = args.Get("line");
  if (!v) return required ? -1 : 0;
  int n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  return ec == std::errc() && end == v->data() + v->size() && n > 0 ? n : -1;
}

// The formats a command line can be answered in: `check` writes text, JSON or JUnit; with
// --explain (and `explain`) text or JSON, as there is no JUnit form of a trace. nullopt after
// printing why.
std::optional<OutputFormat> CheckFormat(const Args& args, bool explain, bool line_required) {
  const char* name = line_required ? "explain" : "check";
  if (!explain) {
    return FormatOption(args, name,
                        {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kJunit});
  }
  if (!line_required && args.Get("format") == "junit") {
    std::fprintf(stderr, "chipgate %s: --format junit has no form for a trace; use text or json\n",
                 name);
    return std::nullopt;
  }
  return FormatOption(args, name, {OutputFormat::kText, OutputFormat::kJson});
}

// `check` options that only matter when the decisions are recorded: with --no-audit they would be
// ignored, which is a usage error instead (docs/cli.md, "Options refused together").
bool RecordingOptionsAgree(const Args& args) {
  if (!args.Has("no-audit")) return true;
  for (const char* option : {"audit", "actor"}) {
    if (args.Get(option)) {
      std::fprintf(stderr,
                   "chipgate check: --%s has no effect with --no-audit (nothing is recorded)\n",
                   option);
      return false;
    }
  }
  return true;
}

// Shared by `check` (line_required false; `explain` true only with --explain) and `explain`
// (both true). `explain` never records. Every format is written only after the records are.
int CheckOrExplain(const Args& args, bool explain, bool line_required) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "chipgate %s: expected exactly one MANIFEST\n",
                 line_required ? "explain" : "check");
    return kExitBadInput;
  }
  auto format = CheckFormat(args, explain, line_required);
  if (!format || !RecordingOptionsAgree(args)) return kExitBadInput;
  if (args.Has("trace") && !explain) {
    std::fprintf(stderr,
                 "chipgate check: --trace is a part of the explanation; use it with --explain\n");
    return kExitBadInput;
  }
  // Checked with the other options, before the pack is loaded: an unknown level is a usage
  // error naming the option, never the default.
  FailOn fail_on = FailOn::kReview;
  if (auto v = args.Get("fail-on")) {
    auto parsed = ParseFailOn(*v);
    if (!parsed) {
      std::fprintf(stderr,
                   "chipgate check: --fail-on must be review, license_required or prohibited, "
                   "found `%s`\n%s",
                   TerminalSafe(*v).c_str(), UsageOf("check").c_str());
      return kExitBadInput;
    }
    fail_on = *parsed;
  }
  int line = LineArg(args, line_required);
  if (line < 0) {
    std::fprintf(stderr, "chipgate: --line must be a line number (1, 2, ...)\n");
    return kExitBadInput;
  }
  CheckRun run;
  if (!DecideManifest(args, line, explain, run, *format)) return kExitBadInput;
  auto& report = run.report;
  const std::vector<Trace>& traces = run.traces;
  bool record =
      !line_required;  // `explain` only explains; `check` (with or without --explain) records
  // Traced output and JUnit: recorded first, then rendered and printed whole.
  if (explain || *format == OutputFormat::kJunit) {
    if (record && !Record(args, *report)) return kExitBadInput;
    std::string text;
    if (*format == OutputFormat::kJunit) {
      text = CheckJunit(*report);
    } else {
      // Each line explained: its deciding reasons, their facts and the counterfactuals that
      // change it, decided again against the same pack, facts and lists.
      std::vector<LineExplanation> explanations;
      for (const CheckedLine& l : report->lines)
        explanations.push_back(ExplainDecision(*run.engine, run.manifest->shipment, l.line->item,
                                               &run.lists, l.decision));
      text = *format == OutputFormat::kJson
                 ? ExplainJsonBody(*report, traces, explanations, !line_required) +
                       CheckJsonTail(*report)
                 : ExplainText(*report, traces, explanations,
                               {.trace = args.Has("trace"), .width = OutputWidth()});
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
    return ReportFails(*report, fail_on) ? kExitFindings : kExitOk;
  }
  // The body (every decision) is rendered on a second thread while the records are written;
  // nothing is printed unless they were. The body only reads the decisions; Record only
  // writes the report's recording fields (check_report.h). A JSON body goes to a spool file
  // (CheckSpool: a 100,000-line document is some 70 MB, not held in memory), text into a string.
  // The task captures by reference: `report`, `format` and `spool` outlive it, since body.get()
  // below waits for it (and, were Record to throw, so would the destructor of std::async's future).
  bool text_format = *format == OutputFormat::kText;
  CheckSpool spool;
  auto body = std::async(std::launch::async, [&] {
    if (text_format) return CheckTextBody(*report);
    CheckJsonBody(*report, [&spool](std::string_view text) { spool.Write(text); });
    return std::string();
  });
  bool recorded = !record || Record(args, *report);
  std::string text = body.get();  // rethrows a rendering failure here, on this thread
  if (!recorded) return kExitBadInput;
  if (!text_format && !spool.CopyTo(stdout)) {
    std::fprintf(stderr, "chipgate: cannot write the report: %s\n", spool.Error().c_str());
    return kExitBadInput;
  }
  text += text_format ? CheckTextTail(*report) : CheckJsonTail(*report);
  // One write of the rest of the document; a short write is caught by main()'s FlushStdout
  // (exit 2).
  std::fwrite(text.data(), 1, text.size(), stdout);
  return ReportFails(*report, fail_on) ? kExitFindings : kExitOk;
}

}  // namespace

// The steps in this order: a bad pack is reported before a bad manifest, and the manifest is
// complete (--db) before --line is checked against its count and before anything is decided.
bool DecideManifest(const Args& args, int only_line, bool want_trace, CheckRun& run,
                    OutputFormat format) {
  run.engine = LoadEngine(args, format);
  if (!run.engine) return false;
  run.manifest = ReadManifest(args, args.positional[0], format);
  std::vector<HeldLicense> licenses;  // from --db, with their use as of the shipment date
  if (!run.manifest || !CompleteFromInventory(args, *run.manifest, run.lists, licenses))
    return false;
  // Checked against the count; Decide then selects by the line's manifest index.
  if (only_line > static_cast<int>(run.manifest->lines.size())) {
    std::fprintf(stderr, "chipgate: --line %d: the manifest has %zu lines\n", only_line,
                 run.manifest->lines.size());
    return false;
  }
  LogTimer timer;
  ProgressBar bar(ProgressBar::Wanted(2, args.Has("no-progress")));
  run.report = Decide(*run.engine, *run.manifest, run.lists, want_trace, only_line, &run.traces,
                      format, &bar);
  if (!run.report) return false;
  Log(LogLevel::kInfo, LogComponent::kCheck, "decided manifest",
      {{"lines", run.report->lines.size()},
       {"verdict", DecisionName(run.report->verdict)},
       {"date", FormatDate(run.report->date)},
       timer.Elapsed()});
  // With --db, license_required lines are matched to the licenses held (license_authorization.h).
  // `ship` matches again against the balances it reads in its write transaction.
  if (args.Get("db")) AuthorizeLines(std::move(licenses), *run.report);
  return true;
}

// Every --rules in order, else the bundled us-ear pack (FindBundledPack); empty after printing
// why when neither. A stack always names its base explicitly: the bundled pack is only the
// default when no --rules is given at all.
std::vector<std::string> RulesDirs(const Args& args) {
  if (auto dirs = args.GetAll("rules"); !dirs.empty()) return dirs;
  std::string dir = FindBundledPack("us-ear");
  if (dir.empty()) {
    std::fprintf(stderr,
                 "chipgate: the bundled rule pack `us-ear` was not found; pass --rules DIR\n");
    return {};
  }
  return {dir};
}

std::string StackName(const std::vector<std::string>& dirs) {
  std::string out;
  for (const auto& d : dirs) out += (out.empty() ? "" : " + ") + d;
  return out;
}

// Exit codes (docs/cli.md, "Exit codes"): 0 when every line may ship, 1 when any line is held or
// the manifest has no lines, 2 for bad input or a failure to record. A license_required line
// covered by a license held in --db may ship (ReportMayShip). --fail-on raises the least severe
// held decision that exits 1 (fail_on.h); the report is the same whatever it is.
int RunCheck(const Args& args) {
  // `check` gives one verdict (and exit code) for the whole manifest and records every line; an
  // option that narrowed what is decided would narrow the verdict, so `--line` belongs to
  // `explain` only (which records nothing).
  if (args.Get("line")) {
    std::fprintf(stderr,
                 "chipgate check: --line is an option of `chipgate explain MANIFEST --line N`; "
                 "check always decides every line of the manifest\n");
    return kExitBadInput;
  }
  return CheckOrExplain(args, args.Has("explain"), false);
}
int RunExplain(const Args& args) { return CheckOrExplain(args, true, true); }

}  // namespace chipgate::cli
