// Classification without a shipment (Engine::Classify, the inventory audit's) of an item with no
// technical data: incomplete, never a class, and the reason names the item's own note when it has
// one (fail closed: an unknown part is not classified as uncontrolled).
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
classes:
  - {id: X.a, cite: c, when: "tpp >= 10"}
license_rules:
  - {id: r, cite: c, classes: [X.a]}
)yaml";

Engine::Classification ClassifyItem(const ItemFacts& item) {
  static const Engine engine = MustLoad(kPack);
  std::vector<Diagnostic> diags;
  ResolvedItem resolved = engine.ResolveItem(item, diags);
  REQUIRE(diags.empty());
  return engine.Classify(resolved, *ParseDate("2025-06-01"));
}

}  // namespace

TEST_CASE("ClassifyingAnItemWithoutDataIsIncompleteAndSaysWhy", "[engine][classify]") {
  ItemFacts item;
  item.part = "UNKNOWN";
  item.has_specs = false;
  Engine::Classification c = ClassifyItem(item);
  CHECK(!c.complete);
  CHECK(c.classes.empty());
  CHECK(c.missing == "no technical data");
  item.note = "not found in the inventory database";
  c = ClassifyItem(item);
  CHECK(!c.complete);
  CHECK(c.classes.empty());
  CHECK(c.missing == "no technical data (not found in the inventory database)");
}

TEST_CASE("ClassifyingAnItemWithDataGivesItsClasses", "[engine][classify]") {
  ItemFacts item;
  item.part = "P";
  item.has_specs = true;
  SpecValue v;
  v.text = "12";
  item.specs.emplace_back("tpp", v);
  Engine::Classification c = ClassifyItem(item);
  CHECK(c.complete);
  CHECK(c.missing.empty());
  REQUIRE(c.classes.size() == 1);
  CHECK(c.classes[0] == "X.a");
}

}  // namespace chipgate::testing
