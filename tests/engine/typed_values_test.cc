// Typed spec values (SpecValue::number, as the inventory database supplies them) must decide
// exactly as the same values written as text, and must be checked as strictly: bounds, NaN,
// flags other than 0/1, numbers given to non-number attributes.
#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const Engine& UsEar() {
  static const Engine engine = [] {
    LoadResult r = Engine::Load(SourcePath("rules/us-ear"));
    REQUIRE(r.engine);
    return *r.engine;
  }();
  return engine;
}

ItemFacts Typed(std::vector<std::pair<std::string, double>> numbers, std::string type = "ic") {
  ItemFacts item;
  item.part = "P";
  item.has_specs = true;
  item.specs.emplace_back("type", SpecValue{type, {}, std::nullopt, FactSource::kManifest});
  for (auto& [name, v] : numbers)
    item.specs.emplace_back(name, SpecValue{"", {}, v, FactSource::kManifest});
  return item;
}

std::vector<Diagnostic> Resolve(const ItemFacts& item) {
  std::vector<Diagnostic> diags;
  UsEar().ResolveItem(item, diags);
  return diags;
}

}  // namespace

TEST_CASE("TypedNumbersDecideAsTheirText", "[engine][typed]") {
  ShipmentFacts ship;
  ship.date = *ParseDate("2025-06-01");
  ship.consignee = PartyFacts::Of("Buyer", "CN", "CN", "");
  ship.end_user = ship.consignee;
  const double tpps[] = {1000, 1599.9, 1600, 2400, 4799.99, 4800, 15832};
  const double areas[] = {100, 270.5, 600, 814};
  for (double tpp : tpps) {
    for (double area : areas) {
      for (double dc : {0.0, 1.0}) {
        ItemFacts typed = Typed({{"tpp", tpp}, {"die_area_mm2", area}, {"datacenter", dc}});
        ItemFacts text;
        text.part = "P";
        text.Set("type", "ic")
            .Set("tpp", tpp)
            .Set("die_area_mm2", area)
            .Set("datacenter", dc == 1.0);
        LineDecision a = UsEar().Decide(ship, typed), b = UsEar().Decide(ship, text);
        INFO("tpp " << tpp << " area " << area << " datacenter " << dc);
        CHECK(a.decision == b.decision);
        CHECK(a.classes == b.classes);
        CHECK(Resolve(typed).empty());
      }
    }
  }
}

TEST_CASE("TypedNumbersAreCheckedLikeText", "[engine][typed]") {
  auto message = [](const ItemFacts& item) {
    auto d = Resolve(item);
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "E503");
    return d[0].message;
  };
  CHECK(message(Typed({{"die_area_mm2", 0}})) ==
        "attribute `die_area_mm2` must be greater than zero, found `0`");
  CHECK(message(Typed({{"tpp", -2.5}})).find("must not be less than 0, found `-2.5`") !=
        std::string::npos);
  CHECK(message(Typed({{"tpp", std::nan("")}})).find("must be a finite number") !=
        std::string::npos);
  CHECK(message(Typed({{"tpp", std::numeric_limits<double>::infinity()}}))
            .find("must be a finite number") != std::string::npos);
  CHECK(message(Typed({{"datacenter", 2}})) ==
        "attribute `datacenter` must be `true` or `false`, found `2`");
  ItemFacts number_as_type = Typed({});
  number_as_type.specs[0].second = SpecValue{"", {}, 3, FactSource::kManifest};
  CHECK(message(number_as_type) == "attribute `type`: `3` is not one of its declared values");
  // A value that fails is unknown, so the line is held, never cleared.
  ShipmentFacts ship;
  ship.date = *ParseDate("2025-06-01");
  ship.consignee = PartyFacts::Of("Buyer", "DE", "DE", "");
  ship.end_user = ship.consignee;
  CHECK(UsEar()
            .Decide(ship, Typed({{"tpp", std::nan("")}, {"die_area_mm2", 800}, {"datacenter", 1}}))
            .decision == DecisionKind::kReview);
}

}  // namespace chipgate::testing
