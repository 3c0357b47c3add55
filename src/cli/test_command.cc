// `chipgate test DIR`: runs the pack's rule tests (DIR/tests), prints failures with expected vs
// actual and the reasons that fired, optional coverage, and ends with `N passed, M failed`.
#include <cstdio>

#include "chipgate/rule_test.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/pretty_json.h"

namespace chipgate::cli {
namespace {

std::string Location(const SourceLoc& loc) { return loc.file + ":" + std::to_string(loc.line); }

// Text output: names, locations and reasons come from the pack's files, made terminal-safe.
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

// The --format json document: counts, each case with its failures and the rules that fired, and
// coverage (its percentage printed as a double, "100.0"); fields as docs/rule-tests.md lists them.
std::string Json(const RuleTestRun& run) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject().Key("passed").Int(run.passed).Key("failed").Int(run.failed);
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

int RunTest(const Args& args) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "chipgate test: expected exactly one DIR\n");
    return kExitBadInput;
  }
  std::string format = args.Get("format").value_or("text");
  if (format != "text" && format != "json") {
    std::fprintf(stderr, "chipgate test: --format must be text or json\n");
    return kExitBadInput;
  }
  std::optional<double> fail_under;
  if (auto v = args.Get("fail-under")) {
    char* end = nullptr;
    double pct = std::strtod(v->c_str(), &end);
    if (end == v->c_str() || *end != '\0' || pct < 0 || pct > 100) {
      std::fprintf(stderr, "chipgate test: --fail-under takes a percentage from 0 to 100\n");
      return kExitBadInput;
    }
    fail_under = pct;
  }
  const std::string& dir = args.positional[0];
  LoadResult loaded = Engine::Load(dir);
  if (!loaded.engine) {
    std::fputs(RenderDiagnostics(loaded.diagnostics).c_str(), stderr);
    return kExitBadInput;
  }
  RuleTestLoad tests = LoadRuleTests(dir);
  if (HasErrors(tests.diagnostics)) {
    std::fputs(RenderDiagnostics(tests.diagnostics).c_str(), stderr);
    return kExitBadInput;
  }
  RuleTestRun run = RunRuleTests(*loaded.engine, tests.cases);
  if (format == "json") {
    std::fputs(Json(run).c_str(), stdout);
  } else {
    for (const auto& r : run.results) {
      if (!r.passed) std::fputs(FailureText(r).c_str(), stdout);
    }
    if (args.Has("coverage") || fail_under) std::fputs(CoverageText(run).c_str(), stdout);
    std::printf("%d passed, %d failed\n", run.passed, run.failed);
  }
  if (tests.cases.empty()) {
    std::fprintf(stderr, "chipgate test: no test cases found under %s/tests\n",
                 TerminalSafe(dir).c_str());
    return kExitFindings;
  }
  if (fail_under && run.coverage_percent + 1e-9 < *fail_under) {
    std::fprintf(stderr, "chipgate test: coverage %.1f%% is below --fail-under %.1f%%\n",
                 run.coverage_percent, *fail_under);
    return kExitFindings;
  }
  return run.failed > 0 ? kExitFindings : kExitOk;
}

}  // namespace chipgate::cli
