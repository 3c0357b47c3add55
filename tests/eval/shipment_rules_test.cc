// Rule conditions that read only shipment facts are evaluated once per shipment by the resolver
// (Code::shipment_only, ResolvedShipmentData::rule_when); conditions that read the item, the
// quantity, is() or contains() must still be evaluated per line, and dated group membership
// must follow the shipment's date.
#include <catch2/catch.hpp>

#include "chipgate/engine.h"
#include "compile/program.h"
#include "engine/engine_internal.h"
#include "eval/resolved.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kPack = R"yaml(
attributes: [{name: tpp, type: number}]
country_groups:
  - {id: "D:5", cite: c, members: [CN, {code: VN, effective: {from: 2025-01-01}, cite: c}]}
classes: [{id: X.a, cite: c, when: "tpp >= 10"}, {id: X.b, cite: c, when: "tpp >= 100"}]
end_uses: [{id: weapons}]
license_rules:
  - {id: by-destination, cite: c, classes: [X.a], when: "destination in D:5"}
  - {id: by-quantity, cite: c, classes: [X.a], when: "destination == 'DE' and quantity > 5"}
  - {id: by-attribute, cite: c, classes: [X.a], when: "destination == 'FR' and tpp > 50"}
  - {id: by-class, cite: c, classes: [X.a], when: "destination == 'JP' and is('X.b')"}
  - {id: by-end-use, cite: c, classes: any, decision: prohibited, when: "known(end_use) and end_use == 'weapons'"}
)yaml";

ShipmentFacts To(const std::string& country, const std::string& date = "2025-06-01") {
  ShipmentFacts s;
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of("Buyer", country, country, "");
  s.end_user = s.consignee;
  return s;
}

ItemFacts Chip(double tpp, double quantity = 1) {
  ItemFacts item;
  item.part = "P";
  item.quantity = quantity;
  item.Set("tpp", tpp);
  return item;
}

}  // namespace

TEST_CASE("OnlyShipmentFactConditionsArePrecomputed", "[eval][shipment]") {
  Engine e = MustLoad(kPack);
  std::vector<bool> flags;
  for (const auto& r : EngineInternals::ProgramOf(e).rules) flags.push_back(r.when.shipment_only);
  CHECK(flags == std::vector<bool>{true, false, false, false, true});
  std::vector<Diagnostic> diags;
  ResolvedShipment s = e.ResolveShipment(To("CN"), diags);
  REQUIRE(EngineInternals::DataOf(s).rule_when.size() == 5);
  CHECK(EngineInternals::DataOf(s).rule_when[0] == kTrue);
  CHECK(EngineInternals::DataOf(s).rule_when[1] == ResolvedShipmentData::kNotPrecomputed);
  CHECK(EngineInternals::DataOf(s).rule_when[4] == kFalse);
}

TEST_CASE("PerLineConditionsStillDependOnTheLine", "[eval][shipment]") {
  Engine e = MustLoad(kPack);
  std::vector<Diagnostic> diags;
  ResolvedShipment de = e.ResolveShipment(To("DE"), diags), fr = e.ResolveShipment(To("FR"), diags),
                   jp = e.ResolveShipment(To("JP"), diags);
  auto decide = [&](const ResolvedShipment& s, const ItemFacts& item) {
    LineDecision d;
    e.Decide(s, e.ResolveItem(item, diags), d);
    return d.decision;
  };
  // One resolved shipment, lines differing in quantity, attribute and class.
  CHECK(decide(de, Chip(20, 2)) == DecisionKind::kNoLicenseRequired);
  CHECK(decide(de, Chip(20, 6)) == DecisionKind::kLicenseRequired);
  CHECK(decide(fr, Chip(20)) == DecisionKind::kNoLicenseRequired);
  CHECK(decide(fr, Chip(60)) == DecisionKind::kLicenseRequired);
  CHECK(decide(jp, Chip(20)) == DecisionKind::kNoLicenseRequired);
  CHECK(decide(jp, Chip(200)) == DecisionKind::kLicenseRequired);
  ItemFacts unknown;
  unknown.part = "P";
  unknown.has_specs = true;  // tpp unknown: the per-line condition cannot be decided
  CHECK(decide(fr, unknown) == DecisionKind::kReview);
}

TEST_CASE("PrecomputedConditionsFollowTheShipmentDate", "[eval][shipment]") {
  Engine e = MustLoad(kPack);
  CHECK(e.Decide(To("VN", "2024-12-31"), Chip(20)).decision == DecisionKind::kNoLicenseRequired);
  CHECK(e.Decide(To("VN", "2025-01-01"), Chip(20)).decision == DecisionKind::kLicenseRequired);
  ShipmentFacts weapons = To("DE");
  weapons.end_use = "weapons";
  CHECK(e.Decide(weapons, Chip(1)).decision == DecisionKind::kProhibited);
  CHECK(e.Decide(To("DE"), Chip(1)).decision == DecisionKind::kNoLicenseRequired);
}

}  // namespace chipgate::testing
