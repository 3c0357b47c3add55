// The rule-test shorthand's party (src/load/rule_test_loader.cc): `parent` and `owners` at the
// case level, read as a manifest party reads them, for the consignee and the end user alike;
// their errors located as in a manifest; and a case using them decided by the bundled pack.
#include <algorithm>
#include <catch2/catch.hpp>

#include "chipgate/engine.h"
#include "chipgate/rule_test.h"
#include "support/test_support.h"

namespace chipgate::testing {

TEST_CASE("ShorthandCasesGiveAPartysParentAndOwners", "[load][ruletest]") {
  RuleTestLoad tests = LoadRuleTestsFromString("t.yaml", R"(
tests:
  - name: owned
    date: 2025-10-01
    destination: MY
    party: Example Cloud Sdn Bhd
    parent: {name: Example Holdings, headquarters: CN}
    owners:
      - {name: Listed Corp, share: 30, country: CN}
      - {name: Holding Ltd, share: 70, owners: [{name: Deep Owner, share: 100}]}
    item: {part: A}
    expect: {decision: review}
  - name: nobody worth listing
    date: 2025-10-01
    destination: DE
    owners: []
    item: {part: A}
    expect: {decision: review}
  - name: not said
    date: 2025-10-01
    destination: DE
    item: {part: A}
    expect: {decision: review}
)");
  INFO(RenderDiagnostics(tests.diagnostics));
  CHECK(tests.diagnostics.empty());
  REQUIRE(tests.cases.size() == 3);
  for (const PartyFacts* p :
       {&tests.cases[0].shipment.consignee, &tests.cases[0].shipment.end_user}) {
    CHECK(p->parent_name == "Example Holdings");
    CHECK(p->parent_headquarters == "CN");
    CHECK(p->ownership == OwnershipState::kGiven);
    REQUIRE(p->owners.nodes.size() == 4);
    CHECK(p->owners.nodes[0].name == "Example Cloud Sdn Bhd");
    CHECK(p->owners.nodes[0].country == "MY");
    CHECK(p->owners.nodes[1].name == "Listed Corp");
    CHECK(p->owners.nodes[3].name == "Deep Owner");
    REQUIRE(p->owners.links.size() == 3);
    CHECK((p->owners.links[2].owner == 3 && p->owners.links[2].owned == 2));
  }
  CHECK(tests.cases[1].shipment.end_user.ownership == OwnershipState::kGiven);
  CHECK(tests.cases[1].shipment.end_user.owners.links.empty());
  CHECK(tests.cases[2].shipment.end_user.ownership == OwnershipState::kNotGiven);
}

TEST_CASE("ShorthandOwnersAndParentErrorsAreLocatedAsInAManifest", "[load][ruletest]") {
  RuleTestLoad tests = LoadRuleTestsFromString("t.yaml", R"(
tests:
  - name: bad
    date: 2025-10-01
    destination: MY
    parent_headquarters: SG
    parent: {name: P, headquarters: CN, extra: 1}
    owners:
      - {name: A, share: 0}
      - {name: B, share: 60}
      - {name: C, share: 60}
    item: {part: A}
    expect: {decision: review}
)");
  std::vector<std::string> got;
  for (const auto& d : tests.diagnostics)
    got.push_back(d.code + "@" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col));
  std::sort(got.begin(), got.end());
  // The parent's unknown field, the two headquarters that disagree, a share of 0, and shares
  // adding up to 120 %.
  CHECK(got == std::vector<std::string>{"E104@7:41", "E106@7:5", "E106@8:5", "E106@9:19"});
  CHECK(tests.cases.empty());
}

// With the bundled pack: half owned by a listed party while the affiliates rule is in force.
TEST_CASE("AShorthandCaseWithOwnersIsDecidedByTheAffiliatesRule", "[load][ruletest]") {
  LoadResult pack = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(pack.engine.has_value());
  RuleTestLoad tests = LoadRuleTestsFromString("t.yaml", R"(
tests:
  - name: half owned by a listed party
    date: 2025-10-01
    destination: DE
    party: Rhein Netz GmbH
    owners: [{name: "Huawei Technologies Co., Ltd.", share: 50, country: CN}]
    parent: {name: Rhein Holding AG, headquarters: DE}
    item: {part: NIC-25G, specs: {type: other}}
    expect: {decision: license_required, rules: [affiliates-rule]}
  - name: the same party with its owners not listed
    date: 2025-10-01
    destination: DE
    party: Rhein Netz GmbH
    owners: [{name: Rhein Holding AG, share: 100, country: DE}]
    item: {part: NIC-25G, specs: {type: other}}
    expect: {decision: no_license_required, not_rules: [affiliates-rule]}
)");
  INFO(RenderDiagnostics(tests.diagnostics));
  REQUIRE(tests.cases.size() == 2);
  RuleTestRun run = RunRuleTests(*pack.engine, tests.cases);
  std::string why;
  for (const auto& r : run.results)
    for (const auto& f : r.failures) why += r.test->name + ": " + f + "\n";
  INFO(why);
  CHECK(run.passed == 2);
  CHECK(run.failed == 0);
}

}  // namespace chipgate::testing
