// Who the parties are, in three cases the other tests do not give: a party that is itself listed
// and gives its ownership (its own name is screened once, under its role, not again as node 0 of
// its ownership graph); an owner whose name is listed twice (the first listing is named); and an
// owner matching an imported entry not yet listed on the shipment's date (no hit).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/screening_list.h"
#include "support/csl_lists.h"
#include "support/test_support.h"
#include "support/trace_entries.h"

namespace chipgate::testing {
namespace {

const char* const kPack = R"yaml(
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules: [{id: r, cite: c, classes: [X.a], when: "destination == 'CN'"}]
parties:
  - {id: el-a, name: Alpha Semiconductor Foundry, cite: ca, list: entity_list}
  - {id: el-a2, name: Alpha Semiconductor Foundry Group, aliases: [Alpha Semiconductor Foundry], cite: ca2, list: entity_list}
affiliates:
  id: affiliates-rule
  cite: "744.11"
  lists: [entity_list]
  periods:
    - {effective: {from: 2025-09-29}, cite: in force}
)yaml";

const Engine& TheEngine() {
  static const Engine engine = MustLoad(kPack);
  return engine;
}

// Two Entity List entries: one in force, one listed only from 2027.
const ScreeningLists& Lists() {
  static const ScreeningLists lists = [] {
    ScreeningListEntry later = CslEntry("el-2", "EL", "Future Quartz Devices");
    later.start_date = ParseDate("2027-01-01");
    return OneCslVersion("sha256:cd", "2024-01-01",
                         {CslEntry("el-1", "EL", "Granite Peak Electronics"), later});
  }();
  return lists;
}

// `name` as consignee and end user, owned 60 % by `owner`.
ShipmentFacts Owned(const std::string& name, const std::string& owner) {
  ShipmentFacts s;
  s.date = *ParseDate("2026-01-15");
  s.consignee = PartyFacts::Of(name, "DE");
  s.consignee.ownership = OwnershipState::kGiven;
  s.consignee.owners.nodes.push_back({"", name, "DE", {}});
  s.consignee.owners.nodes.push_back({"", owner, "", {}});
  s.consignee.owners.links.push_back({1, 0, 60, {}});
  s.end_user = s.consignee;
  return s;
}

struct Decided {
  LineDecision d;
  Trace trace;
};

Decided Decide(const ShipmentFacts& s) {
  std::vector<Diagnostic> diags;
  ResolvedShipment rs = TheEngine().ResolveShipment(s, diags, &Lists());
  ItemFacts facts;
  facts.part = "P";
  facts.Set("tpp", 1.0);
  ResolvedItem item = TheEngine().ResolveItem(facts, diags);
  REQUIRE(diags.empty());
  Decided out;
  TheEngine().Decide(rs, item, out.d, &out.trace);
  return out;
}

std::vector<std::string> AffiliateDetails(const LineDecision& d) {
  std::vector<std::string> out;
  for (const Reason& r : d.reasons)
    if (r.rule == "affiliates-rule") out.push_back(r.detail);
  return out;
}

}  // namespace

TEST_CASE("AListedPartyGivingItsOwnershipIsScreenedOnceUnderItsRole", "[eval][related]") {
  Decided pack = Decide(Owned("Alpha Semiconductor Foundry", "Nobody Holdings"));
  CHECK(pack.d.decision == DecisionKind::kLicenseRequired);
  for (const std::string& e : Entries(pack.trace, "party"))
    CHECK(e.find("owner") == std::string::npos);
  Decided listed = Decide(Owned("Granite Peak Electronics", "Nobody Holdings"));
  CHECK(listed.d.decision == DecisionKind::kLicenseRequired);
  std::vector<std::string> list = Entries(listed.trace, "list");
  REQUIRE(list.size() == 1);
  CHECK(list[0].starts_with("list:EL:el-1: match: consignee `Granite Peak Electronics` matches"));
}

TEST_CASE("AnOwnerListedTwiceIsNamedByItsFirstListing", "[eval][related]") {
  Decided x = Decide(Owned("Foo Ltd", "Alpha Semiconductor Foundry"));
  CHECK(x.d.decision == DecisionKind::kLicenseRequired);
  CHECK(AffiliateDetails(x.d) ==
        std::vector<std::string>{
            "consignee and end user `Foo Ltd` is owned 60 %, directly or indirectly, by listed "
            "parties and their affiliates: `Alpha Semiconductor Foundry` (party `el-a`, "
            "entity_list)"});
}

TEST_CASE("AnOwnerOnAnEntryNotYetListedIsNoHit", "[eval][related]") {
  Decided x = Decide(Owned("Foo Ltd", "Future Quartz Devices"));
  CHECK(x.d.decision == DecisionKind::kNoLicenseRequired);
  CHECK(AffiliateDetails(x.d).empty());
  CHECK(Entries(x.trace, "list").empty());
}

}  // namespace chipgate::testing
