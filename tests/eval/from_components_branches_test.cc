// `from_components: any` (docs/rule-language.md, contents): the item's own value or'ed with its
// components' values, Kleene-style. A component's explicit false adds nothing; a declared true
// stays true whatever the components say; a declared false with a component that does not say
// becomes unknown (the line is held, never cleared); and a conflict between sources of the
// shipment where the second source states none is named so.
#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kPack = R"yaml(
attributes:
  - {name: datacenter, type: bool, from_components: any}
  - {name: tpp, type: number}
classes: [{id: X.b, cite: c, when: "datacenter"}]
license_rules: [{id: r-b, cite: c, classes: [X.b]}]
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

// A system declaring `datacenter` as `own` (not at all when empty) with one board declaring it
// as `board` (not at all when empty; the board then gives only its tpp).
DecisionKind Decide(std::optional<bool> own, std::optional<bool> board) {
  ItemFacts b;
  b.part = "BOARD";
  b.Set("tpp", 1.0);
  if (board) b.Set("datacenter", *board);
  ItemFacts item;
  item.part = "SYSTEM";
  item.Set("tpp", 1.0);
  if (own) item.Set("datacenter", *own);
  item.components.push_back(b);
  return TheEngine().Decide(To(), item).decision;
}

}  // namespace

TEST_CASE("FromComponentsIsTheKleeneOrOfTheItemAndItsComponents", "[eval][contents]") {
  CHECK(Decide(false, false) == DecisionKind::kNoLicenseRequired);
  CHECK(Decide(true, false) == DecisionKind::kLicenseRequired);
  CHECK(Decide(true, true) == DecisionKind::kLicenseRequired);
  CHECK(Decide(true, std::nullopt) == DecisionKind::kLicenseRequired);
  // A component that does not say may make it true: held for review, never cleared.
  CHECK(Decide(false, std::nullopt) == DecisionKind::kReview);
  // An item that does not say is true when a component is; otherwise its own value is missing,
  // and a component's false cannot stand in for it.
  CHECK(Decide(std::nullopt, true) == DecisionKind::kLicenseRequired);
  CHECK(Decide(std::nullopt, false) == DecisionKind::kReview);
  CHECK(Decide(std::nullopt, std::nullopt) == DecisionKind::kReview);
}

TEST_CASE("AConflictWhoseSecondSourceStatesNoneSaysSo", "[eval][trace]") {
  ShipmentFacts s = To();
  s.conflicts.push_back({"end_user.headquarters", {"manifest", "SG"}, {"database", ""}});
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);
  item.Set("datacenter", false);
  LineDecision d = TheEngine().Decide(s, item);
  CHECK(d.decision == DecisionKind::kReview);
  REQUIRE_FALSE(d.reasons.empty());
  CHECK(d.reasons[0].source == ReasonSource::kConflict);
  CHECK(d.reasons[0].detail == "`end_user.headquarters`: manifest says `SG`, database states none");
}

}  // namespace chipgate::testing
