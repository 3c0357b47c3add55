// What a decided line says about hits on imported lists and about owners' and parents' hits:
// the parties' own list hits in the trace (exact and possible), and owners' and parents' hits on
// the pack's parties and on imported entries. An exact hit of an owner or parent adds no reason
// by itself (without the affiliates rule in force nothing follows from it) and is traced; a
// possible one holds the line for review, traced too. Without a trace the decisions are the same.
#include <algorithm>
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
  - {id: p-alpha, name: Alpha Semiconductor Foundry, aliases: [Alpha Fab Works], cite: ca, list: entity_list}
)yaml";

const Engine& TheEngine() {
  static const Engine engine = MustLoad(kPack);
  return engine;
}

// One imported Entity List entry, in force from 2024.
const ScreeningLists& Lists() {
  static const ScreeningLists lists = OneCslVersion(
      "sha256:ab", "2024-01-01", {CslEntry("el-1", "EL", "Granite Peak Electronics")});
  return lists;
}

ShipmentFacts To(const std::string& consignee, const std::string& end_user) {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate("2025-06-01");
  s.consignee = PartyFacts::Of(consignee, "DE");
  s.end_user = PartyFacts::Of(end_user, "DE");
  return s;
}

// Owned `share` (a fraction) by one owner called `owner`.
void OwnedBy(PartyFacts& p, const std::string& owner, double share) {
  p.ownership = OwnershipState::kGiven;
  p.owners.nodes.push_back({"", p.name, p.country, {}});
  p.owners.nodes.push_back({"", owner, "", {}});
  p.owners.links.push_back({1, 0, share, {}});
}

ItemFacts Uncontrolled() {
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);
  return item;
}

struct Decided {
  LineDecision d;
  Trace trace;
};

Decided Decide(const ShipmentFacts& s) {
  std::vector<Diagnostic> diags;
  ResolvedShipment rs = TheEngine().ResolveShipment(s, diags, &Lists());
  REQUIRE(diags.empty());
  ResolvedItem item = TheEngine().ResolveItem(Uncontrolled(), diags);
  Decided out;
  TheEngine().Decide(rs, item, out.d, &out.trace);
  // The same line without a trace: the same decision and reasons.
  LineDecision plain;
  TheEngine().Decide(rs, item, plain);
  CHECK(plain.decision == out.d.decision);
  CHECK(plain.reasons.size() == out.d.reasons.size());
  return out;
}

std::vector<std::string> Details(const LineDecision& d) {
  std::vector<std::string> out;
  for (const Reason& r : d.reasons) out.push_back(std::string(r.rule) + ": " + r.detail);
  return out;
}

}  // namespace

TEST_CASE("TheTraceSaysWhichListHitsAreMatchesAndWhichPossible", "[eval][trace][lists]") {
  Decided x = Decide(To("Granite Peak Electronics", "Granite Peek Electronics"));
  CHECK(x.d.decision == DecisionKind::kLicenseRequired);  // the Entity List's effect
  std::vector<std::string> list = Entries(x.trace, "list");
  REQUIRE(list.size() == 2);
  CHECK(list[0].starts_with(
      "list:EL:el-1: match: consignee `Granite Peak Electronics` matches `Granite Peak "
      "Electronics` (EL entry `el-1`; list csl-csv csl.csv sha256:ab of 2024-01-01)"));
  CHECK(list[1].starts_with(
      "list:EL:el-1: possible match: end user `Granite Peek Electronics` resembles `Granite Peak "
      "Electronics` (score 0."));
}

TEST_CASE("AnExactOwnerOrParentHitIsTracedAndAddsNoReason", "[eval][trace][related]") {
  ShipmentFacts s = To("Foo Ltd", "Baz AG");
  s.consignee.parent_name = "Alpha Semiconductor Foundry";
  OwnedBy(s.end_user, "Granite Peak Electronics", 0.6);
  Decided x = Decide(s);
  CHECK(x.d.decision == DecisionKind::kNoLicenseRequired);
  for (const Reason& r : x.d.reasons) CHECK(r.source != ReasonSource::kParty);
  CHECK(Entries(x.trace, "party") ==
        std::vector<std::string>{"p-alpha: parent match: parent `Alpha Semiconductor Foundry` of "
                                 "consignee `Foo Ltd` matches `Alpha Semiconductor Foundry`"});
  CHECK(Entries(x.trace, "list") ==
        std::vector<std::string>{
            "list:EL:el-1: owner match: owner `Granite Peak Electronics` of end user `Baz AG` "
            "matches `Granite Peak Electronics` (EL entry `el-1`; list csl-csv csl.csv "
            "sha256:ab of 2024-01-01)"});
}

TEST_CASE("APossibleOwnerOrParentHitHoldsTheLineForReview", "[eval][trace][related]") {
  ShipmentFacts s = To("Foo Ltd", "Bar GmbH");
  s.consignee.parent_name = "Alpha Fab Work";            // resembles an alias of the pack's party
  OwnedBy(s.end_user, "Granite Peek Electronics", 0.6);  // resembles the imported entry
  Decided x = Decide(s);
  CHECK(x.d.decision == DecisionKind::kReview);
  std::vector<std::string> reasons = Details(x.d);
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[0].starts_with(
      "p-alpha: parent `Alpha Fab Work` of consignee `Foo Ltd` resembles `Alpha Fab Works`, an "
      "alias of `Alpha Semiconductor Foundry` (score 0."));
  CHECK(reasons[1].starts_with(
      "list:EL:el-1: owner `Granite Peek Electronics` of end user `Bar GmbH` resembles `Granite "
      "Peak Electronics` (score 0."));
  for (const Reason& r : x.d.reasons) CHECK(r.decision == DecisionKind::kReview);
  std::vector<std::string> party = Entries(x.trace, "party");
  REQUIRE(party.size() == 1);
  CHECK(party[0].starts_with("p-alpha: possible parent match: parent `Alpha Fab Work`"));
  std::vector<std::string> list = Entries(x.trace, "list");
  REQUIRE(list.size() == 1);
  CHECK(list[0].starts_with("list:EL:el-1: possible owner match: owner `Granite Peek"));
}

}  // namespace chipgate::testing
