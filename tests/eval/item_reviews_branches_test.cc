// Two evaluator paths the other tests do not take: the review rules that read only the item, which
// classification without a shipment reports (only those in force, only when true, never a rule
// reading a shipment fact or deciding anything but review); and a shipment dated before a pack
// coverage that has no end, whose reason names the coverage by its start alone.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kPack = R"yaml(
pack: {name: cov, coverage: {from: 2020-01-01}}
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: rev-any, cite: c, classes: any, decision: review, message: any item this big, when: "tpp >= 100"}
  - {id: rev-class, cite: c, classes: [X.a], decision: review, message: a big X.a, when: "tpp >= 50"}
  - {id: rev-ship, cite: c, classes: any, decision: review, message: to CN, when: "destination == 'CN'"}
  - {id: lic, cite: c, classes: [X.a], message: licensed}
  - id: rev-later
    cite: c
    classes: any
    decision: review
    message: not yet
    effective: {from: 2030-01-01}
    when: "tpp >= 1"
)yaml";

const Engine& TheEngine() {
  static const Engine engine = MustLoad(kPack);
  return engine;
}

Engine::Classification ClassifyTpp(std::optional<double> tpp) {
  ItemFacts item;
  item.part = "P";
  item.has_specs = true;
  if (tpp) item.Set("tpp", *tpp);
  std::vector<Diagnostic> diags;
  ResolvedItem resolved = TheEngine().ResolveItem(item, diags);
  REQUIRE(diags.empty());
  return TheEngine().Classify(resolved, *ParseDate("2025-06-01"));
}

}  // namespace

TEST_CASE("ClassificationReportsTheReviewRulesThatReadOnlyTheItem", "[eval][classify]") {
  CHECK(ClassifyTpp(120).reviews ==
        std::vector<std::string>{"rev-any: any item this big", "rev-class: a big X.a"});
  CHECK(ClassifyTpp(60).reviews == std::vector<std::string>{"rev-class: a big X.a"});
  // rev-any is true for no class at all: it applies to any item.
  CHECK(ClassifyTpp(5).reviews.empty());
  // Unknown is not reported: the classification is incomplete instead.
  Engine::Classification unknown = ClassifyTpp(std::nullopt);
  CHECK(unknown.reviews.empty());
  CHECK_FALSE(unknown.complete);
}

TEST_CASE("AShipmentBeforeAnOpenEndedCoverageNamesItsStart", "[eval][coverage]") {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate("2019-06-01");
  s.consignee = PartyFacts::Of("Buyer", "DE");
  s.end_user = s.consignee;
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);
  LineDecision d = TheEngine().Decide(s, item);
  CHECK(d.decision == DecisionKind::kReview);
  REQUIRE_FALSE(d.reasons.empty());
  CHECK(d.reasons[0].source == ReasonSource::kCoverage);
  CHECK(d.reasons[0].detail == "shipment date 2019-06-01; pack `cov` covers from 2020-01-01");
}

}  // namespace chipgate::testing
