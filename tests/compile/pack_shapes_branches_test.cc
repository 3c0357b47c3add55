// Pack shapes no other test pack has, decided through an Engine: an affiliates rule whose period
// gives an empty citation (its reasons cite the rule alone), a party on no list next to the
// rule (never counted as a listed owner, whatever its effect), and a rule naming the same class
// twice (one reason, not two).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kPack = R"yaml(
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules: [{id: r, cite: c, classes: [X.a, X.a], when: "destination == 'CN'"}]
parties:
  - {id: el-a, name: Alpha Semiconductor Foundry, cite: ca, list: entity_list}
  - {id: un-o, name: Omega Trading House, cite: co, effect: prohibited}
affiliates:
  id: affiliates-rule
  cite: "744.11"
  lists: [entity_list]
  periods:
    - {effective: {from: 2025-09-29}, cite: ""}
)yaml";

const Engine& TheEngine() {
  static const Engine engine = MustLoad(kPack);
  return engine;
}

ShipmentFacts OwnedBy(const std::string& owner, const std::string& country = "DE") {
  ShipmentFacts s;
  s.date = *ParseDate("2026-01-15");
  s.consignee = PartyFacts::Of("Foo Ltd", country);
  s.consignee.ownership = OwnershipState::kGiven;
  s.consignee.owners.nodes.push_back({"", "Foo Ltd", country, {}});
  s.consignee.owners.nodes.push_back({"", owner, "", {}});
  s.consignee.owners.links.push_back({1, 0, 60, {}});
  s.end_user = s.consignee;
  return s;
}

ItemFacts Chip(double tpp) {
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", tpp);
  return item;
}

}  // namespace

TEST_CASE("APeriodWithAnEmptyCiteCitesTheAffiliatesRuleAlone", "[compile][affiliates]") {
  LineDecision d = TheEngine().Decide(OwnedBy("Alpha Semiconductor Foundry"), Chip(1));
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  std::vector<std::string> cites;
  for (const Reason& r : d.reasons)
    if (r.rule == "affiliates-rule") cites.push_back(std::string(r.cite));
  CHECK(cites == std::vector<std::string>{"744.11"});
}

TEST_CASE("APartyOnNoListIsNeverAListedOwner", "[compile][affiliates]") {
  LineDecision d = TheEngine().Decide(OwnedBy("Omega Trading House"), Chip(1));
  CHECK(d.decision == DecisionKind::kNoLicenseRequired);
  for (const Reason& r : d.reasons) CHECK(r.rule != "affiliates-rule");
}

TEST_CASE("ARuleNamingAClassTwiceGivesOneReason", "[compile][rules]") {
  ShipmentFacts s;
  s.date = *ParseDate("2026-01-15");
  s.consignee = PartyFacts::Of("Foo Ltd", "CN");
  s.end_user = s.consignee;
  s.consignee.ownership = s.end_user.ownership = OwnershipState::kGiven;
  LineDecision d = TheEngine().Decide(s, Chip(12));
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  int fired = 0;
  for (const Reason& r : d.reasons) fired += r.rule == "r";
  CHECK(fired == 1);
}

}  // namespace chipgate::testing
