// The resolver's rejections and fail-closed paths that the manifest loader cannot produce: typed
// values (as the inventory database gives them) for date and country attributes, a shared
// component reached again on a path deeper than the limit, and a stored bill of materials too
// large to use. Each asserts the error code and location, or the `review` and its detail.
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kTypedPack = R"yaml(
attributes:
  - {name: tpp, type: number}
  - {name: made, type: date}
  - {name: origin, type: country}
  - {name: dc, type: bool}
  - {name: kind, type: enum, values: [ic, computer]}
  - {name: controlled, type: bool, from_components: any}
classes:
  - {id: X.a, cite: c, when: "tpp >= 10 or controlled"}
license_rules:
  - {id: r, cite: c, classes: [X.a]}
)yaml";

const Engine& Typed() {
  static const Engine engine = MustLoad(kTypedPack);
  return engine;
}

SpecValue Number(double n, int line) {
  SpecValue v;
  v.number = n;
  v.loc.file = "inventory";
  v.loc.line = line;
  v.source = FactSource::kDatabase;
  return v;
}

ShipmentFacts To(const char* country) {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate("2025-06-01");
  s.consignee = PartyFacts::Of("Buyer", country, country, "");
  s.end_user = s.consignee;
  return s;
}

std::string Details(const LineDecision& d) {
  std::string out;
  for (const auto& r : d.reasons) out += r.Text() + "\n";
  return out;
}

}  // namespace

// A number is no date and no country: the database's typed value is refused like text would be,
// with the code of the attribute's type and the value's location, and the attribute stays absent.
TEST_CASE("TypedNumbersAreNoDateAndNoCountry", "[eval][resolver]") {
  ItemFacts item;
  item.part = "P";
  item.has_specs = true;
  item.specs.emplace_back("made", Number(20240101, 3));
  item.specs.emplace_back("origin", Number(840, 4));
  std::vector<Diagnostic> diags;
  Typed().ResolveItem(item, diags);
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].code == "E503");
  CHECK(diags[0].loc.line == 3);
  CHECK(diags[0].message == "attribute `made` must be a date YYYY-MM-DD, found `20240101`");
  CHECK(diags[1].code == "E504");
  CHECK(diags[1].loc.line == 4);
  CHECK(diags[1].message == "attribute `origin`: `840` is not an ISO 3166-1 alpha-2 country code");
}

// Typed flags are 0 or 1 only, and a typed enum value is read as its text and must be declared.
TEST_CASE("TypedFlagsAndEnumsAreCheckedAsStrictlyAsText", "[eval][resolver]") {
  ItemFacts item;
  item.part = "P";
  item.has_specs = true;
  item.specs.emplace_back("dc", Number(2, 5));
  item.specs.emplace_back("kind", Number(7, 6));
  std::vector<Diagnostic> diags;
  Typed().ResolveItem(item, diags);
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].code == "E503");
  CHECK(diags[0].message == "attribute `dc` must be `true` or `false`, found `2`");
  CHECK(diags[1].code == "E503");
  CHECK(diags[1].loc.line == 6);
  CHECK(diags[1].message == "attribute `kind`: `7` is not one of its declared values");
}

// A component shared by two paths is typed once, on the first path that reaches it. When a later
// path reaches it deeper than the limit allows, that occurrence is refused (E505 at the
// component's location) and left out, and the item holding it is unusable: the line is `review`.
TEST_CASE("ASharedComponentReachedTooDeepIsRefusedWhereItIsReached", "[eval][resolver]") {
  // One object under two parents: Components::push_back of a shared_ptr shares it.
  auto shared = std::make_shared<ItemFacts>();
  shared->part = "S";
  shared->loc.line = 99;
  shared->contents = ContentsState::kListed;
  shared->Set("tpp", 50.0);
  // C1 > C2 > ... > C32 > S: S sits 33 levels below the root on this path.
  auto chain = std::make_shared<ItemFacts>();
  chain->part = "C32";
  chain->contents = ContentsState::kListed;
  chain->components.push_back(shared);
  std::shared_ptr<ItemFacts> c3;  // C3 > ... > C32 > S: S 31 levels below a root holding C3
  for (int i = 31; i >= 1; --i) {
    auto outer = std::make_shared<ItemFacts>();
    outer->part = "C" + std::to_string(i);
    outer->contents = ContentsState::kListed;
    outer->components.push_back(chain);
    chain = outer;
    if (i == 3) c3 = chain;
  }
  ItemFacts root;
  root.part = "ROOT";
  root.contents = ContentsState::kListed;
  root.Set("tpp", 1.0);
  root.components.push_back(shared);  // first reached at depth 1, where it is typed
  root.components.push_back(chain);   // C32 at depth 32 reaches it again: 33 levels
  std::vector<Diagnostic> diags;
  ResolvedShipment shipment = Typed().ResolveShipment(To("DE"), diags);
  ResolvedItem item = Typed().ResolveItem(root, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "E505");
  CHECK(diags[0].loc.line == 99);
  CHECK(diags[0].message == "components nested more than 32 levels deep");
  LineDecision d;
  Typed().Decide(shipment, item, d);
  INFO(Details(d));
  CHECK(d.decision != DecisionKind::kNoLicenseRequired);
  CHECK(Details(d).find("the bill of materials of part `C32` cannot be used: components nested "
                        "more than 32 levels deep") != std::string::npos);

  // The deep path first: S is typed 31 levels down, within the limit, and the short path reuses
  // it without an error.
  ItemFacts deep_first;
  deep_first.part = "ROOT2";
  deep_first.contents = ContentsState::kListed;
  deep_first.Set("tpp", 1.0);
  deep_first.components.push_back(c3);
  deep_first.components.push_back(shared);
  diags.clear();
  Typed().ResolveItem(deep_first, diags);
  CHECK(diags.empty());
}

// A stored bill of materials too large to expand is unusable, not empty: the line is held for
// review with the store's note, even when the item's own values would clear it.
TEST_CASE("ATooLargeBillOfMaterialsIsReviewWithItsNote", "[eval][resolver]") {
  ItemFacts item;
  item.part = "RACK";
  item.Set("tpp", 1.0).Set("controlled", false);
  item.contents = ContentsState::kTooLarge;
  item.note = "more than 100000 components";
  LineDecision d = Typed().Decide(To("DE"), item);
  INFO(Details(d));
  CHECK(d.decision == DecisionKind::kReview);
  CHECK(Details(d).find("the bill of materials of part `RACK` cannot be used: more than 100000 "
                        "components") != std::string::npos);
}

}  // namespace chipgate::testing
