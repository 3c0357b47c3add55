// ExplainDecision's facts and reasons on lines the other explanation tests do not decide: a note
// in force is never a deciding reason; a derived attribute the item lacks the inputs for is
// shown with its formula and no value; a bool true because a component has it shows as from the
// components, a declared true one as given.
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "chipgate/explanation.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kPack = R"yaml(
attributes:
  - {name: tpp, type: number}
  - {name: die_area_mm2, type: number}
  - {name: density, derived: tpp / die_area_mm2}
  - {name: datacenter, type: bool, from_components: any}
classes:
  - {id: X.a, cite: c, when: "density >= 5"}
  - {id: X.b, cite: c, when: "datacenter"}
license_rules:
  - {id: r-a, cite: c, classes: [X.a], decision: review}
  - {id: r-b, cite: c, classes: [X.b]}
notes:
  - {id: a-note, message: something the pack does not model, effective: {from: 2020-01-01}}
)yaml";

const Engine& TheEngine() {
  static const Engine engine = MustLoad(kPack);
  return engine;
}

ShipmentFacts To() {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate("2025-06-01");
  s.consignee = PartyFacts::Of("Buyer", "DE");
  s.end_user = s.consignee;
  return s;
}

// "name=value (source)" per fact of the deciding reason of rule `rule`.
std::vector<std::string> FactsOf(const LineExplanation& x, const LineDecision& d,
                                 const std::string& rule) {
  std::vector<std::string> out;
  for (const DecidingReason& r : x.deciding) {
    if (d.reasons[r.reason].rule != rule) continue;
    for (const ExplainedFact& f : r.facts)
      out.push_back(f.name + "=" + f.value.value_or("?") + " (" +
                    std::string(FactSourceName(f.source)) + ")");
  }
  return out;
}

// The text of the item's spec `name` ("" when not given).
std::string Spec(const ItemFacts& item, const std::string& name) {
  for (const auto& [n, v] : item.specs)
    if (n == name) return v.Text();
  return "";
}

}  // namespace

TEST_CASE("ANoteNeverDecidesAndAnUnknownDerivedValueIsShownWithout", "[engine][explain]") {
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 100.0);  // no die area: the density is unknown, the class undecided
  ShipmentFacts s = To();
  LineDecision d = TheEngine().Decide(s, item);
  REQUIRE(d.decision == DecisionKind::kReview);
  REQUIRE(std::any_of(d.reasons.begin(), d.reasons.end(),
                      [](const Reason& r) { return r.source == ReasonSource::kNote; }));
  LineExplanation x = ExplainDecision(TheEngine(), s, item, nullptr, d);
  for (const DecidingReason& r : x.deciding)
    CHECK(d.reasons[r.reason].source != ReasonSource::kNote);
  std::vector<std::string> facts = FactsOf(x, d, "r-a");
  CHECK(std::find(facts.begin(), facts.end(), "density=? (pack)") != facts.end());
  // With the die area the derived value is shown.
  item.Set("die_area_mm2", 10.0);
  LineDecision known = TheEngine().Decide(s, item);
  REQUIRE(known.decision == DecisionKind::kReview);
  LineExplanation xk = ExplainDecision(TheEngine(), s, item, nullptr, known);
  facts = FactsOf(xk, known, "r-a");
  CHECK(std::find(facts.begin(), facts.end(), "density=10 (pack)") != facts.end());
}

TEST_CASE("ABoolTrueFromAComponentIsExplainedAsFromTheComponents", "[engine][explain]") {
  auto board = std::make_shared<ItemFacts>();
  board->part = "BOARD";
  board->Set("datacenter", true);
  ItemFacts item;
  item.part = "SYSTEM";
  item.Set("tpp", 1.0);
  item.Set("die_area_mm2", 1.0);
  item.components.push_back(board);
  ShipmentFacts s = To();
  LineDecision d = TheEngine().Decide(s, item);
  REQUIRE(d.decision == DecisionKind::kLicenseRequired);
  LineExplanation x = ExplainDecision(TheEngine(), s, item, nullptr, d);
  CHECK(FactsOf(x, d, "r-b") == std::vector<std::string>{"datacenter=true (components)"});
  // The component is shared, not copied: changing it through this item copies it first, so
  // whoever else holds the board keeps theirs.
  item.components[0].Set("note", "copied");
  CHECK(Spec(*board, "note").empty());
  CHECK(Spec(std::as_const(item).components[0], "note") == "copied");
  CHECK(&std::as_const(item).components[0] != board.get());
  // Declared true by the item itself: as given.
  item.Set("datacenter", true);
  LineDecision own = TheEngine().Decide(s, item);
  REQUIRE(own.decision == DecisionKind::kLicenseRequired);
  LineExplanation xo = ExplainDecision(TheEngine(), s, item, nullptr, own);
  CHECK(FactsOf(xo, own, "r-b") == std::vector<std::string>{"datacenter=true (manifest)"});
}

}  // namespace chipgate::testing
