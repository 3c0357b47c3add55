// `chipgate test`: rule-test loading, pass/fail comparison, coverage and the command's output.
#include <catch2/catch.hpp>

#include "chipgate/rule_test.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kPack = R"(
attributes: [{name: tpp, type: number}]
classes:
  - {id: X.a, cite: c, when: "tpp >= 10", effective: {from: 2024-01-01}}
license_rules:
  - {id: r1, cite: c, classes: [X.a], when: "destination in ['CN']"}
exceptions:
  - {id: EX, cite: c, covers: [r1], when: "tpp < 20"}
)";

}  // namespace

TEST_CASE("RuleTestsPassFailAndExplainTheDifference", "[tester]") {
  Engine engine = MustLoad(kPack);
  RuleTestLoad tests = LoadRuleTestsFromString("t.yaml", R"(
tests:
  - name: passes
    date: 2024-06-01
    destination: CN
    item: {part: A, specs: {tpp: 50}}
    expect: {decision: license_required, classes: [X.a], exception: none, rules: [r1]}
  - name: wrong expectations
    date: 2024-06-01
    destination: CN
    item: {part: A, specs: {tpp: 15}}
    expect: {decision: license_required, classes: [], exception: none, not_rules: [r1]}
)");
  INFO(RenderDiagnostics(tests.diagnostics));
  REQUIRE(tests.cases.size() == 2);
  RuleTestRun run = RunRuleTests(engine, tests.cases);
  CHECK(run.passed == 1);
  CHECK(run.failed == 1);
  const auto& f = run.results[1].failures;
  REQUIRE(f.size() == 4);
  CHECK(f[0] == "decision: expected license_required, got license_exception");
  CHECK(f[1] == "classes: expected (none), got X.a");
  CHECK(f[2] == "exception: expected none, got EX");
  CHECK(f[3] == "not_rules: `r1` fired");
}

TEST_CASE("CoverageNamesWhatNoTestExercised", "[tester]") {
  Engine engine = MustLoad(kPack);
  RuleTestLoad tests = LoadRuleTestsFromString("t.yaml", R"(
tests:
  - name: only the class
    date: 2024-06-01
    destination: DE
    item: {part: A, specs: {tpp: 50}}
    expect: {decision: no_license_required}
)");
  RuleTestRun run = RunRuleTests(engine, tests.cases);
  std::vector<std::string> missing;
  for (const auto& e : run.coverage) {
    if (!e.covered) missing.push_back(e.kind + " " + e.id);
  }
  CHECK(missing == std::vector<std::string>{"rule r1", "exception EX",
                                            "change 2024-01-01: class `X.a` takes effect"});
  CHECK(run.coverage_percent == Approx(25.0));
}

TEST_CASE("BadRuleTestFilesAreLocatedErrors", "[tester]") {
  RuleTestLoad tests = LoadRuleTestsFromString("t.yaml", R"(
tests:
  - name: x
    date: 2024-13-01
    destination: CN
    item: {part: A}
    expect: {decision: maybe}
    extra: 1
)");
  std::vector<std::string> codes;
  for (const auto& d : tests.diagnostics)
    codes.push_back(d.code + "@" + std::to_string(d.loc.line));
  CHECK(codes == std::vector<std::string>{"E106@4", "E106@7", "E104@8"});
  CHECK(tests.cases.empty());
}

// An expectation that is not a code must not read as "no exception" (the test would then pass
// without checking anything); a non-scalar key is reported once, not once per reader.
TEST_CASE("ANonScalarExpectedExceptionIsAnError", "[tester]") {
  RuleTestLoad tests = LoadRuleTestsFromString("t.yaml", R"(
tests:
  - name: x
    date: 2024-06-01
    destination: CN
    item: {part: A, specs: {tpp: 15}}
    expect: {decision: license_exception,
             exception: [EX]}
  - name: y
    date: 2024-06-01
    destination: CN
    item: {part: A}
    expect: {decision: review}
    [k]: 1
)");
  std::vector<std::string> codes;
  for (const auto& d : tests.diagnostics)
    codes.push_back(d.code + "@" + std::to_string(d.loc.line));
  CHECK(codes == std::vector<std::string>{"E103@8", "E103@14"});
  CHECK(tests.cases.empty());
}

TEST_CASE("TestCommandReportsAndSetsExitCodes", "[tester]") {
  TempDir dir;
  dir.Write("pack.yaml", kPack);
  dir.Write("tests/t.yaml", R"(
tests:
  - name: fails
    date: 2024-06-01
    destination: CN
    item: {part: A, specs: {tpp: 50}}
    expect: {decision: no_license_required}
)");
  RunResult r = RunChipgate({"test", dir.path()});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAIL fails (") != std::string::npos);
  CHECK(r.out.find("decision: expected no_license_required, got license_required") !=
        std::string::npos);
  CHECK(r.out.find("r1 (license_required)") != std::string::npos);
  CHECK(r.out.substr(r.out.size() - 19) == "0 passed, 1 failed\n");

  RunResult json = RunChipgate({"test", dir.path(), "--format", "json"});
  CHECK(json.out.find("\"failed\": 1") != std::string::npos);

  TempDir empty;
  empty.Write("pack.yaml", kPack);
  RunResult none = RunChipgate({"test", empty.path()});
  CHECK(none.exit_code == 1);
  CHECK(none.out == "0 passed, 0 failed\n");
}

TEST_CASE("FailUnderEnforcesCoverage", "[tester]") {
  TempDir dir;
  dir.Write("pack.yaml", kPack);
  dir.Write("tests/t.yaml", R"(
tests:
  - {name: ok, date: 2024-06-01, destination: DE, item: {part: A, specs: {tpp: 50}}, expect: {decision: no_license_required}}
)");
  CHECK(RunChipgate({"test", dir.path()}).exit_code == 0);
  RunResult r = RunChipgate({"test", dir.path(), "--fail-under", "90"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("not exercised: rule r1") != std::string::npos);
  CHECK(RunChipgate({"test", dir.path(), "--fail-under", "20"}).exit_code == 0);
  CHECK(RunChipgate({"test", dir.path(), "--fail-under", "abc"}).exit_code == 2);
}

}  // namespace chipgate::testing

namespace chipgate::testing {

// A class whose id is also a later paragraph name (the 2022 `3A090.a` and the 2023 `3A090.a.1`,
// whose paragraph is `3A090.a`) is covered only by a test dated while it was in force; a
// disabled exception is not listed at all.
TEST_CASE("CoverageCountsAClassOnlyWhileItIsInForce", "[tester]") {
  Engine engine = MustLoad(R"(
attributes: [{name: tpp, type: number}]
classes:
  - {id: X.a, cite: c, when: "tpp >= 10", effective: {until: 2023-11-17}}
  - {id: X.a.1, cite: c, when: "tpp >= 20", effective: {from: 2023-11-17}}
license_rules:
  - {id: r1, cite: c, classes: [X.a], when: "destination in ['CN']"}
exceptions:
  - {id: OFF, cite: c, covers: [r1], when: "tpp < 30", enabled: false}
)");
  auto uncovered = [&](const std::string& date) {
    RuleTestLoad tests = LoadRuleTestsFromString(
        "t.yaml", "tests:\n  - name: t\n    date: " + date +
                      "\n    destination: CN\n    item: {part: A, specs: {tpp: 50}}\n"
                      "    expect: {decision: license_required}\n");
    INFO(RenderDiagnostics(tests.diagnostics));
    REQUIRE(tests.cases.size() == 1);
    RuleTestRun run = RunRuleTests(engine, tests.cases);
    REQUIRE(run.passed == 1);
    std::vector<std::string> out;
    for (const auto& e : run.coverage) {
      CHECK(e.id != "OFF");
      if (!e.covered && e.kind != "change") out.push_back(e.kind + " " + e.id);
    }
    return out;
  };
  CHECK(uncovered("2024-06-01") == std::vector<std::string>{"class X.a"});
  CHECK(uncovered("2023-01-01") == std::vector<std::string>{"class X.a.1"});
}

}  // namespace chipgate::testing

namespace chipgate::testing {

// A rule reached by a test but left undecided (its condition read missing data, so the reason
// is `review` with Reason::undecided set) was not exercised: coverage does not count it. The
// same rule decided by another test is covered. Disabled rules are not listed.
TEST_CASE("CoverageDoesNotCountAnUndecidedRule", "[tester]") {
  Engine engine = MustLoad(R"(
attributes: [{name: tpp, type: number}, {name: pd, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: r1, cite: c, classes: [X.a], when: "pd > 1"}
  - {id: off, cite: c, classes: [X.a], when: "true", enabled: false, disabled_reason: not yet}
)");
  auto rule_covered = [&](const std::string& specs, const std::string& decision) {
    RuleTestLoad tests =
        LoadRuleTestsFromString("t.yaml",
                                "tests:\n  - name: t\n    date: 2024-06-01\n    destination: CN\n"
                                "    item: {part: A, specs: " +
                                    specs + "}\n    expect: {decision: " + decision + "}\n");
    INFO(RenderDiagnostics(tests.diagnostics));
    REQUIRE(tests.cases.size() == 1);
    RuleTestRun run = RunRuleTests(engine, tests.cases);
    std::vector<std::string> rules;
    for (const auto& e : run.coverage) {
      if (e.kind == "rule") rules.push_back(e.id + (e.covered ? " covered" : " not covered"));
    }
    return std::make_pair(run.results.at(0).actual, rules);
  };
  auto [undecided, rules_undecided] = rule_covered("{tpp: 50}", "review");
  REQUIRE(undecided.reasons.size() == 2);  // the class, and r1 undecided
  CHECK(undecided.decision == DecisionKind::kReview);
  CHECK(undecided.reasons[0].rule == "r1");
  CHECK(undecided.reasons[0].undecided);
  CHECK_FALSE(undecided.reasons[1].undecided);
  CHECK(rules_undecided == std::vector<std::string>{"r1 not covered"});

  auto [decided, rules_decided] = rule_covered("{tpp: 50, pd: 2}", "license_required");
  CHECK(decided.decision == DecisionKind::kLicenseRequired);
  CHECK_FALSE(decided.reasons.at(0).undecided);
  CHECK(rules_decided == std::vector<std::string>{"r1 covered"});
}

}  // namespace chipgate::testing
