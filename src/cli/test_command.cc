// `chipgate test DIR`: runs the pack's rule tests (DIR/tests), prints failures with expected vs
// actual and the reasons that fired, optional coverage, and ends with `N passed, M failed`; or
// the run as JSON, or for CI as JUnit, SARIF or TAP (test_report.h).
#include <cstdio>

#include "chipgate/rule_test.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/json_report.h"
#include "cli/output_format.h"
#include "cli/pretty_json.h"
#include "cli/test_report.h"

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

}  // namespace

// Exit codes (docs/cli.md, "Exit codes"): 2 when the pack or a test file has errors (nothing is
// run), 1 when a case failed, no case was found, or coverage is below --fail-under, else 0.
// The pack loaded is DIR itself, stacked on the --rules packs when given (`test --rules us-ear
// company`: base first, DIR last); the tests are read from DIR/tests (docs/rule-tests.md) and
// coverage is over DIR's entries.
int RunTest(const Args& args) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "chipgate test: expected exactly one DIR\n");
    return kExitBadInput;
  }
  auto format = FormatOption(args, "test",
                             {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kJunit,
                              OutputFormat::kSarif, OutputFormat::kTap});
  if (!format) return kExitBadInput;
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
  const std::string& dir = args.positional[0];
  std::vector<std::string> stack = args.GetAll("rules");
  stack.push_back(dir);
  LoadResult loaded = Engine::LoadStack(stack);
  if (!loaded.engine) {
    PrintDiagnostics(loaded.diagnostics, *format);
    return kExitBadInput;
  }
  // A test file with an error stops the run: a partial run could pass by skipping cases.
  RuleTestLoad tests = LoadRuleTests(dir);
  if (HasErrors(tests.diagnostics)) {
    PrintDiagnostics(tests.diagnostics, *format);
    return kExitBadInput;
  }
  RuleTestRun run = RunRuleTests(*loaded.engine, tests.cases);
  // The report is printed before the exit code is decided, so a failing run still shows why.
  TestReportOptions report{.dir = dir, .fail_under = fail_under};
  if (*format == OutputFormat::kJson) {
    std::fputs(Json(run).c_str(), stdout);
  } else if (*format == OutputFormat::kJunit) {
    std::fputs(TestJunit(run, report).c_str(), stdout);
  } else if (*format == OutputFormat::kSarif) {
    std::fputs(TestSarif(run, report).c_str(), stdout);
  } else if (*format == OutputFormat::kTap) {
    std::fputs(TestTap(run, report).c_str(), stdout);
  } else {
    for (const auto& r : run.results) {
      if (!r.passed) std::fputs(FailureText(r).c_str(), stdout);
    }
    // --fail-under implies the coverage section: a threshold is shown with the figure it tested.
    if (args.Has("coverage") || fail_under) std::fputs(CoverageText(run).c_str(), stdout);
    std::printf("%d passed, %d failed\n", run.passed, run.failed);
  }
  if (tests.cases.empty()) {
    std::fprintf(stderr, "chipgate test: no test cases found under %s/tests\n",
                 TerminalSafe(dir).c_str());
    return kExitFindings;
  }
  if (!CoverageMeets(run, fail_under)) {
    std::fprintf(stderr, "chipgate test: coverage %.1f%% is below --fail-under %.1f%%\n",
                 run.coverage_percent, *fail_under);
    return kExitFindings;
  }
  return run.failed > 0 ? kExitFindings : kExitOk;
}

}  // namespace chipgate::cli
