// The CI renderings of a `chipgate test` run (`--format junit|sarif|tap`): each rule-test case is
// a test (JUnit case, TAP point) or, when it failed, a SARIF result at its place in the test
// file. Coverage goes with it (JUnit properties, TAP comments, SARIF run properties), and a
// --fail-under threshold is one more test that fails when coverage is below it.
#pragma once

#include <optional>
#include <string>

#include "chipgate/rule_test.h"

namespace chipgate::cli {

// What the report covers besides the cases: DIR (the pack under test) and the --fail-under
// threshold, when given.
struct TestReportOptions {
  std::string dir = {};
  std::optional<double> fail_under = {};
};

// Whether the run's coverage meets the threshold (true when there is none). The tolerance keeps
// a percentage that equals the threshold but for floating-point rounding (the quotient behind it
// is not exact) from failing it.
bool CoverageMeets(const RuleTestRun& run, std::optional<double> fail_under);

// One suite per test file (in the order the cases were read), a case per rule test (classname
// the file, the failure's text its mismatches, location and the reasons that fired); then, with
// --fail-under, a suite `coverage` with the threshold case. Coverage figures are properties of
// the first suite.
std::string TestJunit(const RuleTestRun& run, const TestReportOptions& options);

// A result per failed case (rule `rule-test`, at the case's line in its test file) and, below
// the threshold, one `coverage` result without a location; coverage in the run's properties.
std::string TestSarif(const RuleTestRun& run, const TestReportOptions& options);

// A point per case, in order, then the threshold point; the entries not exercised as comments.
std::string TestTap(const RuleTestRun& run, const TestReportOptions& options);

}  // namespace chipgate::cli
