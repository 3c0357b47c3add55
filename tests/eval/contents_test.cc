// What an item contains, decided with the bundled us-ear pack: unknown contents of a computer
// (the pack's `requires_contents`) are unknown, not empty; an explicit empty list is empty; a
// container is classified by its contents whatever its declared type or `datacenter`
// (`from_components`), and the contradiction is a review; a DAG of shared components is decided
// in time linear in its size.
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>

#include "chipgate/engine.h"
#include "engine/engine_internal.h"
#include "eval/resolved.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const Engine& UsEar() {
  static const Engine engine = [] {
    auto loaded = Engine::Load(SourcePath("rules/us-ear"));
    INFO(RenderDiagnostics(loaded.diagnostics));
    REQUIRE(loaded.engine.has_value());
    return *loaded.engine;
  }();
  return engine;
}

ShipmentFacts To(const char* country, const char* date = "2025-06-01") {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of("", country, country, "");
  s.end_user = s.consignee;
  return s;
}

ItemFacts H100() {
  ItemFacts f;
  f.part = "H100";
  f.Set("type", "ic").Set("tpp", 15832.0).Set("die_area_mm2", 814.0).Set("datacenter", true);
  return f;
}

ItemFacts Box(const char* type, std::optional<bool> datacenter = std::nullopt) {
  ItemFacts f;
  f.part = "BOX";
  f.Set("type", type);
  if (datacenter) f.Set("datacenter", *datacenter);
  return f;
}

bool HasRule(const LineDecision& d, std::string_view rule) {
  for (const auto& r : d.reasons) {
    if (r.rule == rule) return true;
  }
  return false;
}

std::string Details(const LineDecision& d) {
  std::string out;
  for (const auto& r : d.reasons) out += std::string(r.rule) + ": " + r.Text() + "\n";
  return out;
}

}  // namespace

TEST_CASE("AComputerWithoutBillOfMaterialsIsReviewNotCleared", "[eval][contents]") {
  LineDecision d = UsEar().Decide(To("CN"), Box("computer", true));
  INFO(Details(d));
  CHECK(d.decision == DecisionKind::kReview);
  CHECK(Details(d).find("the bill of materials of part `BOX` is not known") != std::string::npos);
}

// Components nested past the resolver's limit are refused (E505), and a caller that decides the
// resolved item anyway still gets `review`: the cut-off level is not an empty leaf (an H100 below
// the cut would otherwise be invisible and the server cleared).
TEST_CASE("ComponentsNestedPastTheLimitAreNotEmpty", "[eval][contents]") {
  ItemFacts level = H100();
  level.contents = ContentsState::kListed;
  for (int i = 0; i < 40; ++i) {
    ItemFacts outer = Box(i == 39 ? "computer" : "other");
    outer.part = "L" + std::to_string(i);
    outer.contents = ContentsState::kListed;
    outer.components.push_back(level);
    level = outer;
  }
  std::vector<Diagnostic> diags;
  ResolvedShipment shipment = UsEar().ResolveShipment(To("CN"), diags);
  ResolvedItem item = UsEar().ResolveItem(level, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "E505");
  LineDecision d;
  UsEar().Decide(shipment, item, d);
  INFO(Details(d));
  CHECK(d.decision == DecisionKind::kReview);
  CHECK(Details(d).find("nested more than 32 levels deep") != std::string::npos);
}

TEST_CASE("AnExplicitEmptyBillOfMaterialsMeansNothingControlled", "[eval][contents]") {
  ItemFacts box = Box("computer", true);
  box.contents = ContentsState::kListed;
  LineDecision d = UsEar().Decide(To("CN"), box);
  INFO(Details(d));
  CHECK(d.decision == DecisionKind::kNoLicenseRequired);
}

TEST_CASE("AnIcWithoutComponentsIsNotHeldForItsContents", "[eval][contents]") {
  ItemFacts ic;
  ic.part = "SMALL";
  ic.Set("type", "ic").Set("tpp", 300.0).Set("die_area_mm2", 100.0).Set("datacenter", false);
  LineDecision d = UsEar().Decide(To("CN"), ic);
  INFO(Details(d));
  CHECK(d.decision == DecisionKind::kNoLicenseRequired);
}

TEST_CASE("UnknownContentsMakeTheClassificationIncomplete", "[eval][contents]") {
  std::vector<Diagnostic> diags;
  auto c =
      UsEar().Classify(UsEar().ResolveItem(Box("computer", true), diags), *ParseDate("2025-06-01"));
  CHECK_FALSE(c.complete);
  CHECK(c.missing.find("the bill of materials of part `BOX` is not known") != std::string::npos);
}

TEST_CASE("ContainersDeclaredIcOrMemoryAreClassifiedByTheirContents", "[eval][contents]") {
  for (const char* type : {"ic", "memory"}) {
    INFO(type);
    ItemFacts box = Box(type, true);
    box.components.push_back(H100());
    LineDecision cn = UsEar().Decide(To("CN"), box);
    INFO(Details(cn));
    CHECK(cn.decision == DecisionKind::kLicenseRequired);
    CHECK(HasRule(cn, "ac-d5-macau"));
    CHECK(HasRule(cn, "contents-contradict-type"));
    LineDecision de =
        UsEar().Decide(To("DE"), box);  // no license rule, but the contradiction holds it
    INFO(Details(de));
    CHECK(de.decision == DecisionKind::kReview);
    std::vector<Diagnostic> diags;
    auto c = UsEar().Classify(UsEar().ResolveItem(box, diags), *ParseDate("2025-06-01"));
    REQUIRE(c.reviews.size() == 1);
    CHECK(c.reviews[0].rfind("contents-contradict-type: ", 0) == 0);
  }
}

TEST_CASE("AComputerDeclaredNotDatacenterOverDatacenterIcsGetsNoException", "[eval][contents]") {
  ItemFacts box = Box("computer", false);
  box.components.push_back(H100());
  LineDecision cn = UsEar().Decide(To("CN"), box);
  INFO(Details(cn));
  CHECK(cn.decision == DecisionKind::kLicenseRequired);  // NAC excludes datacenter 4A090.a items
  CHECK_FALSE(cn.exception.has_value());
  CHECK(HasRule(cn, "contents-contradiction"));
  CHECK(Details(cn).find(
            "part `BOX` declares `datacenter` false, but its component `H100` has it true") !=
        std::string::npos);
  LineDecision de = UsEar().Decide(To("DE"), box);
  CHECK(de.decision == DecisionKind::kReview);
  std::vector<Diagnostic> diags;
  auto c = UsEar().Classify(UsEar().ResolveItem(box, diags), *ParseDate("2025-06-01"));
  CHECK(c.reviews.size() == 1);
}

TEST_CASE("DatacenterIsTakenFromComponentsAtAnyDepth", "[eval][contents]") {
  ItemFacts module = Box("other");
  module.part = "MODULE";
  module.components.push_back(H100());
  ItemFacts rack = Box("computer");  // datacenter not said: the H100 inside makes it true
  rack.components.push_back(module);
  LineDecision cn = UsEar().Decide(To("CN"), rack);
  INFO(Details(cn));
  CHECK(cn.decision == DecisionKind::kLicenseRequired);
  CHECK_FALSE(cn.exception.has_value());
  CHECK_FALSE(HasRule(cn, "contents-contradiction"));
}

TEST_CASE("AStoredCycleInTheBillOfMaterialsIsReview", "[eval][contents]") {
  ItemFacts box = Box("computer", true);
  ItemFacts b = Box("other");
  b.part = "B";
  b.contents = ContentsState::kCyclic;
  b.bom_cycle = {"B", "BOX"};
  box.components.push_back(b);
  LineDecision de = UsEar().Decide(To("DE"), box);
  INFO(Details(de));
  CHECK(de.decision == DecisionKind::kReview);
  CHECK(Details(de).find(
            "the bill of materials of part `B` is cyclic: `B` contains `BOX` contains `B`") !=
        std::string::npos);
}

TEST_CASE("ASharedComponentGraphIsDecidedInLinearTime", "[eval][contents]") {
  // 30 levels, each item containing the next one twice: 2^30 paths, 31 distinct items.
  auto node = std::make_shared<ItemFacts>(H100());
  for (int i = 0; i < 30; ++i) {
    auto up = std::make_shared<ItemFacts>(Box("other"));
    up->part = "L" + std::to_string(i);
    up->components.push_back(node);
    up->components.push_back(node);
    node = up;
  }
  ItemFacts top = Box("computer", true);
  top.components.push_back(node);
  // The linear work is pinned by node_count below; the clock only catches a hang (walking the
  // 2^30 paths would take hours), so its bound is generous enough for any loaded machine.
  // bench/shape_bench.cc measures the time.
  auto start = std::chrono::steady_clock::now();
  std::vector<Diagnostic> diags;
  ResolvedItem item = UsEar().ResolveItem(top, diags);
  CHECK(diags.empty());
  LineDecision d;
  UsEar().Decide(UsEar().ResolveShipment(To("CN"), diags), item, d);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  CHECK(EngineInternals::DataOf(item).node_count == 32);
}

TEST_CASE("ChangingACopyNeverChangesASharedComponent", "[eval][contents]") {
  ItemFacts a = Box("computer", true);
  a.components.push_back(H100());
  ItemFacts b = a;
  b.components[0].part = "CHANGED";
  CHECK(a.components[0].part == "H100");
  CHECK(b.components[0].part == "CHANGED");
}

}  // namespace chipgate::testing
