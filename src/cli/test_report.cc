// Rule-test runs as JUnit, SARIF and TAP (test_report.h).
#include "cli/test_report.h"

#include <cstdio>

#include "cli/junit_writer.h"
#include "cli/sarif_writer.h"
#include "cli/tap_writer.h"

namespace chipgate::cli {
namespace {

// One decimal, as the text output prints coverage ("100.0").
std::string Percent(double pct) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", pct);
  return buf;
}

std::string Location(const RuleTestCase& t) {
  return t.loc.file + ":" + std::to_string(t.loc.line);
}

// The body of a failure: each mismatch, the case's location, then every reason of the actual
// decision (most restrictive first), as the text output lists them.
std::string FailureDetail(const RuleTestResult& r) {
  std::string out;
  for (const auto& f : r.failures) out += f + "\n";
  out += "at " + Location(*r.test) + "\nreasons:\n";
  for (const auto& reason : r.actual.reasons) {
    out += "  " + std::string(reason.rule) + " (" + std::string(DecisionName(reason.decision)) +
           "): " + reason.Text() + "\n";
  }
  return out;
}

// The failures joined on one line: a failure message, a SARIF message, a TAP description stay
// one line.
std::string Mismatches(const RuleTestResult& r) {
  std::string out;
  for (const auto& f : r.failures) out += (out.empty() ? "" : "; ") + f;
  return out;
}

std::string ThresholdName(const TestReportOptions& o) {
  return "coverage at least " + Percent(*o.fail_under) + "%";
}

std::string CoverageSummary(const RuleTestRun& run) {
  return "coverage " + Percent(run.coverage_percent) + "% of " +
         std::to_string(run.coverage.size()) + " entries";
}

}  // namespace

bool CoverageMeets(const RuleTestRun& run, std::optional<double> fail_under) {
  return !fail_under || run.coverage_percent + 1e-9 >= *fail_under;
}

std::string TestJunit(const RuleTestRun& run, const TestReportOptions& o) {
  std::vector<JunitSuite> suites;
  for (const auto& r : run.results) {
    const std::string& file = r.test->loc.file;
    if (suites.empty() || suites.back().name != file) suites.push_back({.name = file});
    JunitCase c{.name = r.test->name, .classname = file};
    if (!r.passed) {
      c.failure =
          JunitFailure{.type = "rule-test", .message = Mismatches(r), .text = FailureDetail(r)};
    }
    suites.back().cases.push_back(std::move(c));
  }
  // Coverage is a property of the pack's run; it is put on the first suite, or on the coverage
  // suite when there are no cases at all.
  std::vector<std::pair<std::string, std::string>> props = {
      {"pack", o.dir},
      {"coverage_percent", Percent(run.coverage_percent)},
      {"coverage_entries", std::to_string(run.coverage.size())}};
  for (const auto& e : run.coverage) {
    if (!e.covered) props.push_back({"not_exercised", e.kind + " " + e.id});
  }
  if (o.fail_under) {
    JunitCase c{.name = ThresholdName(o), .classname = "coverage"};
    if (!CoverageMeets(run, o.fail_under))
      c.failure = JunitFailure{.type = "coverage",
                               .message = CoverageSummary(run) + " is below the threshold",
                               .text = ""};
    suites.push_back({.name = "coverage", .cases = {std::move(c)}});
  }
  if (!suites.empty()) suites.front().properties = std::move(props);
  return JunitXml("chipgate test " + o.dir, suites);
}

// Both rules are always listed, so a log's rule table does not depend on which results it has.
std::string TestSarif(const RuleTestRun& run, const TestReportOptions& o) {
  SarifLog log;
  log.rules.push_back({"rule-test", "a rule test case did not get the outcome it expects"});
  log.rules.push_back({"coverage", "rule-test coverage is below the --fail-under threshold"});
  for (const auto& r : run.results) {
    if (r.passed) continue;
    log.results.push_back({.rule_id = "rule-test",
                           .level = SarifLevel::kError,
                           .message = "test `" + r.test->name + "` failed: " + Mismatches(r),
                           .file = r.test->loc.file,
                           .line = r.test->loc.line,
                           .column = r.test->loc.col});
  }
  if (!CoverageMeets(run, o.fail_under)) {
    log.results.push_back({.rule_id = "coverage",
                           .level = SarifLevel::kError,
                           .message = CoverageSummary(run) + " is below " + ThresholdName(o)});
  }
  log.properties = {{"passed", std::to_string(run.passed)},
                    {"failed", std::to_string(run.failed)},
                    {"coverage_percent", Percent(run.coverage_percent)}};
  return SarifJson(log);
}

std::string TestTap(const RuleTestRun& run, const TestReportOptions& o) {
  std::vector<TapPoint> points;
  for (const auto& r : run.results) {
    TapPoint p{.ok = r.passed, .description = r.test->name};
    if (!r.passed) {
      p.yaml = {{"at", Location(*r.test)},
                {"message", Mismatches(r)},
                {"decision", std::string(DecisionName(r.actual.decision))}};
    }
    points.push_back(std::move(p));
  }
  if (o.fail_under) {
    points.push_back({.ok = CoverageMeets(run, o.fail_under),
                      .description = ThresholdName(o),
                      .yaml = {{"message", CoverageSummary(run)}}});
  }
  std::vector<std::string> comments = {CoverageSummary(run)};
  for (const auto& e : run.coverage) {
    if (!e.covered) comments.push_back("not exercised: " + e.kind + " " + e.id);
  }
  return TapText(points, comments);
}

}  // namespace chipgate::cli
