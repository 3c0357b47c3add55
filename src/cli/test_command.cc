// `chipgate test PATH`: runs rule tests (a pack's DIR/tests, one test file, or a directory of
// them; --run selects cases by name), prints failures with expected vs actual and the reasons
// that fired, optional coverage, and ends with `N passed, M failed`; or the run as JSON, or for
// CI as JUnit, SARIF or TAP (test_report.h). --watch runs again on every change
// (test_watch.h); --against-db replays the pack over a database instead (test_against_db.h).
#include <cstdio>
#include <optional>
#include <regex>

#include "chipgate/rule_test.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "cli/output_format.h"
#include "cli/test_against_db.h"
#include "cli/test_report.h"
#include "cli/test_watch.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

// `file:line` of a test case in the pack's test files.
std::string Location(const SourceLoc& loc) { return loc.file + ":" + std::to_string(loc.line); }

// Text output: names, locations and reasons come from the pack's files, made terminal-safe.
// Every reason of the actual decision is listed, most restrictive first, so a failure shows what
// fired as well as what was expected.
std::string FailureText(const RuleTestResult& r) {
  std::string out =
      "FAIL " + TerminalSafe(r.test->name) + " (" + TerminalSafe(Location(r.test->loc)) + ")\n";
  for (const auto& f : r.failures) out += "  " + TerminalSafe(f) + "\n";
  out += "  reasons:\n";
  for (const auto& reason : r.actual.reasons) {
    out += "    " + TerminalSafe(reason.rule) + " (" + std::string(DecisionName(reason.decision)) +
           "): " + TerminalSafe(reason.Text()) + "\n";
  }
  return out;
}

// The share of the pack's entries (classes, enabled rules, exceptions, parties, dated changes:
// docs/rule-tests.md, "Coverage") that some case exercised, then each one no case did.
std::string CoverageText(const RuleTestRun& run) {
  char pct[32];
  std::snprintf(pct, sizeof pct, "%.1f", run.coverage_percent);
  std::string out = "coverage: " + std::string(pct) + "% of " +
                    std::to_string(run.coverage.size()) + " entries\n";
  for (const auto& e : run.coverage) {
    if (!e.covered)
      out += "  not exercised: " + TerminalSafe(e.kind) + " " + TerminalSafe(e.id) + "\n";
  }
  return out;
}

// The --format json document (chipgate.test/v1): counts, each case with its failures and the
// rules that fired, and coverage (its percentage printed as a double, "100.0"); fields as
// docs/rule-tests.md lists them.
std::string Json(const RuleTestRun& run) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kTest);
  j.Key("passed").Int(run.passed).Key("failed").Int(run.failed);
  j.Key("cases").BeginArray();
  for (const auto& r : run.results) {
    j.BeginObject().Key("name").String(r.test->name).Key("location").String(Location(r.test->loc));
    j.Key("passed").Bool(r.passed).Key("failures").BeginArray();
    for (const auto& f : r.failures) j.String(f);
    j.EndArray().Key("decision").String(DecisionName(r.actual.decision));
    j.Key("reasons").BeginArray();
    for (const auto& reason : r.actual.reasons) j.String(reason.rule);
    j.EndArray().EndObject();
  }
  j.EndArray().Key("coverage").BeginObject().Key("percent").Double(run.coverage_percent);
  j.Key("not_exercised").BeginArray();
  for (const auto& e : run.coverage) {
    if (!e.covered) j.BeginObject().Key("kind").String(e.kind).Key("id").String(e.id).EndObject();
  }
  j.EndArray().EndObject().EndObject();
  return out + "\n";
}

// What one run reads: the pack stack (the --rules packs, then the pack under test) and where
// its tests are (rule_test.h, FindRuleTestTarget).
struct TestSetup {
  std::vector<std::string> stack;
  RuleTestTarget target;
  std::string tests_label;  // for "no test cases found under ..."
};

// The pack under test is PATH's enclosing pack stacked on the --rules packs; a test file outside
// every pack is run against the --rules stack itself, whose top pack is then the one covered.
std::optional<TestSetup> Setup(const Args& args, const std::string& path) {
  TestSetup s;
  s.target = FindRuleTestTarget(path);
  s.stack = args.GetAll("rules");
  if (!s.target.pack_dir.empty()) {
    s.stack.push_back(s.target.pack_dir);
  } else if (s.stack.empty()) {
    std::fprintf(stderr,
                 "chipgate test: `%s` is not inside a pack's `tests` directory; name the pack "
                 "with --rules DIR\n",
                 TerminalSafe(path).c_str());
    return std::nullopt;
  }
  s.tests_label = s.target.tests_path;
  return s;
}

// One run: load, select, decide, report. Returns the exit code (docs/cli.md, "Exit codes").
int RunOnce(const TestSetup& setup, const std::optional<std::regex>& select,
            const std::string& run_text, OutputFormat format, bool coverage,
            std::optional<double> fail_under) {
  LoadResult loaded = LoadPackLogged(setup.stack, LogComponent::kPack);
  if (!loaded.engine) {
    PrintDiagnostics(loaded.diagnostics, format);
    return kExitBadInput;
  }
  LogTimer timer;
  // A test file with an error stops the run: a partial run could pass by skipping cases.
  RuleTestLoad tests = setup.target.whole_pack ? LoadRuleTests(setup.target.pack_dir)
                                               : LoadRuleTestsAt(setup.target.tests_path);
  if (HasErrors(tests.diagnostics)) {
    PrintDiagnostics(tests.diagnostics, format);
    return kExitBadInput;
  }
  const size_t found = tests.cases.size();
  Log(LogLevel::kDebug, LogComponent::kTest, "read rule tests",
      {{"tests", setup.tests_label}, {"cases", found}, timer.Elapsed()});
  if (select) {
    // --run keeps the cases whose name the expression matches anywhere (std::regex_search).
    std::erase_if(tests.cases,
                  [&](const RuleTestCase& c) { return !std::regex_search(c.name, *select); });
  }
  RuleTestRun run = RunRuleTests(*loaded.engine, tests.cases);
  Log(LogLevel::kInfo, LogComponent::kTest, "ran rule tests",
      {{"tests", setup.tests_label},
       {"found", found},
       {"selected", tests.cases.size()},
       {"passed", run.passed},
       {"failed", run.failed},
       timer.Elapsed()});
  if (LogEnabled(LogLevel::kTrace)) {
    for (const auto& r : run.results) {
      Log(LogLevel::kTrace, LogComponent::kTest, "test case",
          {{"name", r.test ? r.test->name : std::string()},
           {"passed", r.passed ? "yes" : "no"},
           {"decision", DecisionName(r.actual.decision)}});
    }
  }
  // Invalid values in the cases' facts: as for a manifest, nothing is reported as run.
  if (HasErrors(run.diagnostics)) {
    PrintDiagnostics(run.diagnostics, format);
    return kExitBadInput;
  }
  // The report is printed before the exit code is decided, so a failing run still shows why.
  TestReportOptions report{.dir = setup.target.pack_dir, .fail_under = fail_under};
  if (format == OutputFormat::kJson) {
    std::fputs(Json(run).c_str(), stdout);
  } else if (format == OutputFormat::kJunit) {
    std::fputs(TestJunit(run, report).c_str(), stdout);
  } else if (format == OutputFormat::kSarif) {
    std::fputs(TestSarif(run, report).c_str(), stdout);
  } else if (format == OutputFormat::kTap) {
    std::fputs(TestTap(run, report).c_str(), stdout);
  } else {
    for (const auto& r : run.results) {
      if (!r.passed) std::fputs(FailureText(r).c_str(), stdout);
    }
    // --fail-under implies the coverage section: a threshold is shown with the figure it tested.
    if (coverage || fail_under) std::fputs(CoverageText(run).c_str(), stdout);
    std::printf("%d passed, %d failed\n", run.passed, run.failed);
  }
  if (found == 0) {
    std::fprintf(stderr, "chipgate test: no test cases found under %s\n",
                 TerminalSafe(setup.tests_label).c_str());
    return kExitFindings;
  }
  if (tests.cases.empty()) {
    std::fprintf(stderr, "chipgate test: no test case name matches --run `%s` (of %zu cases)\n",
                 TerminalSafe(run_text).c_str(), found);
    return kExitFindings;
  }
  if (!CoverageMeets(run, fail_under)) {
    std::fprintf(stderr, "chipgate test: coverage %.1f%% is below --fail-under %.1f%%\n",
                 run.coverage_percent, *fail_under);
    return kExitFindings;
  }
  return run.failed > 0 ? kExitFindings : kExitOk;
}

// Options that only one mode reads are refused in the others, so none is silently ignored.
bool OptionsFit(const Args& args, OutputFormat format) {
  auto refuse = [](const char* why) {
    std::fprintf(stderr, "chipgate test: %s\n", why);
    return false;
  };
  if (args.Get("against-db")) {
    if (args.Get("run") || args.Has("watch") || args.Has("coverage") || args.Get("fail-under"))
      return refuse("--against-db takes none of --run, --watch, --coverage, --fail-under");
  } else if (args.Get("baseline") || args.Get("date")) {
    return refuse("--baseline and --date go with --against-db DB");
  }
  if (args.Has("watch") && format != OutputFormat::kText) return refuse("--watch writes text only");
  return true;
}

}  // namespace

// Exit codes (docs/cli.md, "Exit codes"): 2 when the pack or a test file has errors, a case has
// an invalid value, or --run is not a regular expression (nothing is run); 1 when a case failed,
// no case was found or selected, or coverage is below --fail-under; else 0. With --watch, 0 once
// stopped by SIGINT or SIGTERM. --against-db: test_against_db.h.
int RunTest(const Args& args) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "chipgate test: expected exactly one PATH\n");
    return kExitBadInput;
  }
  auto format = FormatOption(args, "test",
                             {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kJunit,
                              OutputFormat::kSarif, OutputFormat::kTap});
  if (!format || !OptionsFit(args, *format)) return kExitBadInput;
  std::optional<double> fail_under;
  if (auto v = args.Get("fail-under")) {
    char* end = nullptr;
    // The whole value must be a number in [0, 100]; strtod also accepts forms such as "5e1".
    double pct = std::strtod(v->c_str(), &end);
    if (end == v->c_str() || *end != '\0' || pct < 0 || pct > 100) {
      std::fprintf(stderr, "chipgate test: --fail-under takes a percentage from 0 to 100\n");
      return kExitBadInput;
    }
    fail_under = pct;
  }
  // Compiled once, before anything is loaded: a bad expression is a usage error (exit 2).
  std::optional<std::regex> select;
  std::string run_text = args.Get("run").value_or("");
  if (args.Get("run")) {
    try {
      select.emplace(run_text, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      std::fprintf(stderr, "chipgate test: --run `%s` is not a regular expression: %s\n",
                   TerminalSafe(run_text).c_str(), e.what());
      return kExitBadInput;
    }
  }
  auto setup = Setup(args, args.positional[0]);
  if (!setup) return kExitBadInput;
  if (args.Get("against-db")) {
    if (setup->target.pack_dir.empty()) {
      std::fprintf(stderr, "chipgate test: --against-db replays a pack: give its directory\n");
      return kExitBadInput;
    }
    std::vector<std::string> below = args.GetAll("rules");
    return RunTestAgainstDb(args, setup->target.pack_dir, below, *format);
  }
  // One run with the same options each time; --watch repeats it, its exit code unused.
  auto once = [&] {
    return RunOnce(*setup, select, run_text, *format, args.Has("coverage"), fail_under);
  };
  if (!args.Has("watch")) return once();
  // Everything a run reads: every pack of the stack (its tests too) and the tests given.
  std::vector<std::string> roots = setup->stack;
  roots.push_back(setup->target.tests_path);
  return WatchAndRerun(roots, [&] { once(); });
}

}  // namespace chipgate::cli
