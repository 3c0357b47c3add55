// Item facts a typed source gives (the inventory database: numbers, not text) for a country
// attribute, which is refused like any other non-country (E504, the value unknown: the line is
// held, never cleared); and a cyclic bill of materials whose cycle was not recorded, named as
// containing itself.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kPack = R"yaml(
attributes:
  - {name: tpp, type: number}
  - {name: origin, type: country}
classes: [{id: X.a, cite: c, when: "tpp >= 10 and origin == 'US'"}]
license_rules: [{id: r, cite: c, classes: [X.a]}]
)yaml";

// A class that reads what the components say: an unusable bill of materials leaves it unknown.
const char* const kContentsPack = R"yaml(
attributes:
  - {name: tpp, type: number}
  - {name: datacenter, type: bool, from_components: any}
classes: [{id: X.a, cite: c, when: "tpp >= 10 and datacenter"}]
license_rules: [{id: r, cite: c, classes: [X.a]}]
)yaml";

}  // namespace

TEST_CASE("ANumberGivenForACountryAttributeIsRefused", "[eval][resolve]") {
  Engine e = MustLoad(kPack);
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 12.0);
  item.specs.emplace_back("origin", SpecValue{"", {}, 840.0, FactSource::kDatabase});
  std::vector<Diagnostic> diags;
  ResolvedItem resolved = e.ResolveItem(item, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "E504");
  CHECK(diags[0].message.find("`840` is not an ISO 3166-1 alpha-2 country code") !=
        std::string::npos);
  ShipmentFacts s;
  s.date = *ParseDate("2025-06-01");
  s.consignee = PartyFacts::Of("Buyer", "DE");
  s.end_user = s.consignee;
  CHECK(e.Decide(s, item).decision == DecisionKind::kReview);
}

TEST_CASE("ACycleWithoutItsPartsIsNamedAsContainingItself", "[eval][contents]") {
  Engine e = MustLoad(kContentsPack);
  ItemFacts item;
  item.part = "LOOP";
  item.Set("tpp", 12.0);
  item.contents = ContentsState::kCyclic;
  ShipmentFacts s;
  s.date = *ParseDate("2025-06-01");
  s.consignee = PartyFacts::Of("Buyer", "DE");
  s.end_user = s.consignee;
  LineDecision d = e.Decide(s, item);
  CHECK(d.decision == DecisionKind::kReview);
  bool named = false;
  for (const Reason& r : d.reasons)
    named |= r.detail.find("the bill of materials of part `LOOP` is cyclic: itself") !=
             std::string::npos;
  CHECK(named);
}

}  // namespace chipgate::testing
