// A rule-test case with an invalid value is an error at its place in the test file, never a case
// decided without the value (which would be `review` and could pass): country codes of the
// shorthand at load time, everything else when the case is typed against the pack, as a
// manifest is.
#include <catch2/catch.hpp>

#include "chipgate/rule_test.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kPack = R"(
attributes:
  - {name: tpp, type: number}
  - {name: type, type: enum, values: [ic, other]}
classes:
  - {id: X.a, cite: c, when: "tpp >= 10"}
license_rules:
  - {id: r1, cite: c, classes: [X.a], when: "destination in ['CN']"}
)";

// "CODE@line:col" of each diagnostic, in order.
std::vector<std::string> Where(const std::vector<Diagnostic>& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags)
    out.push_back(d.code + "@" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col));
  return out;
}

// One case that expects `review`: exactly what a dropped value would have produced.
std::string Case(const std::string& facts, const std::string& item) {
  return "tests:\n  - name: c\n    date: 2024-06-01\n" + facts + "    item: " + item +
         "\n    expect: {decision: review}\n";
}

}  // namespace

TEST_CASE("AShorthandCountryThatIsNotIsoIsALocatedErrorNamingTheField", "[tester]") {
  struct Row {
    std::string facts, where, field;
  };
  const std::vector<Row> rows = {
      {"    destination: MYS\n", "E504@4:18", "`destination`: `MYS`"},
      {"    destination: CN\n    headquarters: XX\n", "E504@5:19", "`headquarters`: `XX`"},
      {"    destination: CN\n    parent_headquarters: eu\n", "E504@5:26",
       "`parent_headquarters`: `eu`"},
  };
  for (const auto& row : rows) {
    RuleTestLoad tests = LoadRuleTestsFromString("t.yaml", Case(row.facts, "{part: A}"));
    INFO(row.facts);
    CHECK(Where(tests.diagnostics) == std::vector<std::string>{row.where});
    REQUIRE(tests.diagnostics.size() == 1);
    CHECK(tests.diagnostics[0].message.find(row.field) == 0);
    CHECK(tests.cases.empty());  // the file contributes no case
  }
}

TEST_CASE("ADateThatDoesNotExistAndAnUnknownFieldAreLoadErrors", "[tester]") {
  RuleTestLoad bad_date =
      LoadRuleTestsFromString("t.yaml",
                              "tests:\n  - name: c\n    date: 2025-02-30\n    destination: CN\n"
                              "    item: {part: A}\n    expect: {decision: review}\n");
  CHECK(Where(bad_date.diagnostics) == std::vector<std::string>{"E106@3:5"});
  RuleTestLoad unknown = LoadRuleTestsFromString(
      "t.yaml", Case("    destination: CN\n    colour: red\n", "{part: A}"));
  CHECK(Where(unknown.diagnostics) == std::vector<std::string>{"E104@5:5"});
  CHECK(unknown.cases.empty());
}

// Values the pack types (the item's specs, the full form's parties) are the run's diagnostics,
// with the manifest's codes and locations (a spec at its value, a party at its mapping), and
// the case fails even for a caller that ignores them.
TEST_CASE("ValuesThePackCannotTypeAreRunDiagnosticsAndTheCaseFails", "[tester]") {
  Engine engine = MustLoad(kPack);
  struct Row {
    std::string facts, item, where;
  };
  const std::vector<Row> rows = {
      {"    destination: CN\n", "{part: A, specs: {colour: red}}", "E501@5:37"},
      {"    destination: CN\n", "{part: A, specs: {tpp: lots}}", "E503@5:34"},
      {"    destination: CN\n", "{part: A, specs: {type: gpu}}", "E503@5:35"},
      {"    shipment: {consignee: {name: L, country: MYS}}\n", "{part: A}", "E504@4:27"},
  };
  for (const auto& row : rows) {
    INFO(row.facts << row.item);
    RuleTestLoad tests = LoadRuleTestsFromString("t.yaml", Case(row.facts, row.item));
    REQUIRE(tests.diagnostics.empty());
    REQUIRE(tests.cases.size() == 1);
    RuleTestRun run = RunRuleTests(engine, tests.cases);
    CHECK(Where(run.diagnostics) == std::vector<std::string>{row.where});
    CHECK(run.failed == 1);
    REQUIRE(!run.results[0].failures.empty());
    CHECK(run.results[0].failures.back().rfind("facts: ", 0) == 0);
  }
}

TEST_CASE("ValidCasesHaveNoRunDiagnostics", "[tester]") {
  Engine engine = MustLoad(kPack);
  RuleTestLoad tests = LoadRuleTestsFromString(
      "t.yaml",
      "tests:\n  - name: c\n    date: 2024-06-01\n    destination: CN\n"
      "    headquarters: CN\n    item: {part: A, specs: {tpp: 50, type: ic}}\n"
      "    expect: {decision: license_required, rules: [r1]}\n");
  RuleTestRun run = RunRuleTests(engine, tests.cases);
  CHECK(run.diagnostics.empty());
  CHECK(run.passed == 1);
}

}  // namespace chipgate::testing
