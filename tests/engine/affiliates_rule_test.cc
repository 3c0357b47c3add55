// Tests for the affiliates rule and who the parties are, decided through an Engine: listed owners
// alone and in the aggregate, indirectly, the most restrictive effect, the rule's periods, possible
// owner matches, ownership nobody gave (a note or `review`), conflicts between sources, and the
// bundled us-ear pack's encoding.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/engine_internal.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// A small pack: one class with a license rule to CN that an exception covers, listed parties on
// counted lists (Entity List, SDN) and one on a list the rule does not count.
std::string Pack(const std::string& unknown_ownership = "review") {
  return R"(
pack: {name: t, reason_cites: {party-conflict: "conflict cite"}}
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: r-x, classes: [X.a], cite: rc, when: "destination in ['CN']"}
exceptions:
  - {id: EXC, covers: [r-x], cite: ec}
parties:
  - {id: el-a, name: Alpha Semiconductor, cite: ca, list: entity_list}
  - {id: el-b, name: Beta Microsystems, cite: cb, list: entity_list}
  - {id: sdn-c, name: Gamma Trading, cite: cc, list: sdn, effect: prohibited}
  - {id: uvl-d, name: Delta Holdings, cite: cd, list: uvl, effect: review}
affiliates:
  id: affiliates-rule
  cite: "744.11"
  message: owned 50 % or more by listed parties
  lists: [entity_list, sdn]
  unknown_ownership: )" +
         unknown_ownership + R"(
  periods:
    - {effective: {from: 2025-09-29, until: 2025-11-10}, cite: in force}
    - {effective: {from: 2025-11-10, until: 2026-11-10}, status: suspended, cite: suspended}
    - {effective: {from: 2026-11-10}, cite: in force again}
)";
}

const char* const kInForce = "2026-12-01";

// An owner of node `owned` (0: the party) holding `share` percent.
struct Own {
  std::string name;
  double share;
  int owned = 0;
};

// A shipment to Foo Ltd in `country` as consignee and end user (one mapping), owned as `owners`
// says (owners are nodes 1, 2, ... in order).
ShipmentFacts To(const std::string& date, const std::vector<Own>& owners,
                 const std::string& country = "DE") {
  ShipmentFacts s;
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of("Foo Ltd", country);
  s.consignee.ownership = OwnershipState::kGiven;
  s.consignee.owners.nodes.push_back({"", "Foo Ltd", country, {}});
  for (const Own& o : owners) {
    int self = static_cast<int>(s.consignee.owners.nodes.size());
    s.consignee.owners.nodes.push_back({"", o.name, "", {}});
    s.consignee.owners.links.push_back({self, o.owned, o.share, {}});
  }
  s.end_user = s.consignee;
  return s;
}

ItemFacts Item(double tpp) {
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", tpp);
  return item;
}

// The reasons of `d` that the affiliates rule gave (affiliates, and owners not known).
std::vector<Reason> AffiliateReasons(const LineDecision& d) {
  std::vector<Reason> out;
  for (const auto& r : d.reasons) {
    if (r.source == ReasonSource::kAffiliate || r.source == ReasonSource::kOwnershipUnknown)
      out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("AHalfOwnerOnTheEntityListMakesAnAffiliate", "[engine][affiliates]") {
  Engine e = MustLoad(Pack());
  LineDecision d =
      e.Decide(To(kInForce, {{"Alpha Semiconductor", 50}, {"Someone Else", 50}}), Item(1));
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  auto r = AffiliateReasons(d);
  REQUIRE(r.size() == 1);
  CHECK(r[0].rule == "affiliates-rule");
  CHECK(r[0].cite == "744.11; in force again");
  CHECK(r[0].Text() ==
        "owned 50 % or more by listed parties: consignee and end user `Foo Ltd` is owned 50 %, "
        "directly or indirectly, by listed parties and their affiliates: `Alpha Semiconductor` "
        "(party `el-a`, entity_list)");
  CHECK(d.affiliates_unchecked.empty());
  // 49 % is not enough: the line is uncontrolled and clears.
  LineDecision below = e.Decide(To(kInForce, {{"Alpha Semiconductor", 49}}), Item(1));
  CHECK(below.decision == DecisionKind::kNoLicenseRequired);
  CHECK(AffiliateReasons(below).empty());
}

TEST_CASE("ListedOwnersCountInTheAggregateWithTheMostRestrictiveEffect", "[engine][affiliates]") {
  Engine e = MustLoad(Pack());
  LineDecision two =
      e.Decide(To(kInForce, {{"Alpha Semiconductor", 30}, {"Beta Microsystems", 25}}), Item(1));
  CHECK(two.decision == DecisionKind::kLicenseRequired);
  REQUIRE(AffiliateReasons(two).size() == 1);
  CHECK(AffiliateReasons(two)[0].detail.find("is owned 55 %") != std::string::npos);
  // An SDN owner's prohibition is the most restrictive of the two.
  LineDecision sdn =
      e.Decide(To(kInForce, {{"Gamma Trading", 30}, {"Alpha Semiconductor", 25}}), Item(1));
  CHECK(sdn.decision == DecisionKind::kProhibited);
  REQUIRE(AffiliateReasons(sdn).size() == 1);
  CHECK(AffiliateReasons(sdn)[0].decision == DecisionKind::kProhibited);
  // A party on a list the rule does not count (uvl) is not an owner that counts.
  LineDecision uvl = e.Decide(To(kInForce, {{"Delta Holdings", 100}}), Item(1));
  CHECK(AffiliateReasons(uvl).empty());
  CHECK(uvl.decision == DecisionKind::kNoLicenseRequired);
}

TEST_CASE("IndirectOwnershipThroughAffiliatesAndIntermediaries", "[engine][affiliates]") {
  Engine e = MustLoad(Pack());
  // Alpha holds 60 % of Mid, Mid 60 % of Foo: Mid is an affiliate, so Foo is 60 % owned.
  LineDecision via_affiliate =
      e.Decide(To(kInForce, {{"Mid Holdings", 60}, {"Alpha Semiconductor", 60, 1}}), Item(1));
  CHECK(via_affiliate.decision == DecisionKind::kLicenseRequired);
  REQUIRE(AffiliateReasons(via_affiliate).size() == 1);
  CHECK(AffiliateReasons(via_affiliate)[0].detail.find("is owned 60 %") != std::string::npos);
  // Alpha holds 40 % of Mid, Mid all of Foo: 40 %, not an affiliate.
  LineDecision via_unlisted =
      e.Decide(To(kInForce, {{"Mid Holdings", 100}, {"Alpha Semiconductor", 40, 1}}), Item(1));
  CHECK(via_unlisted.decision == DecisionKind::kNoLicenseRequired);
  // Mid holds 80 % and Alpha 20 % directly: 40 % of 80 % + 20 % = 52 %.
  LineDecision plus_direct = e.Decide(
      To(kInForce,
         {{"Mid Holdings", 80}, {"Alpha Semiconductor", 40, 1}, {"Alpha Semiconductor", 20}}),
      Item(1));
  CHECK(plus_direct.decision == DecisionKind::kLicenseRequired);
  REQUIRE(AffiliateReasons(plus_direct).size() == 1);
  CHECK(AffiliateReasons(plus_direct)[0].detail.find("is owned 52 %") != std::string::npos);
}

TEST_CASE("CrossHoldingsAreDecided", "[engine][affiliates]") {
  Engine e = MustLoad(Pack());
  // Foo holds 50 % of Mid and Mid 60 % of Foo; Alpha holds 50 % of Mid: Mid is an affiliate.
  ShipmentFacts s = To(kInForce, {{"Mid Holdings", 60}, {"Alpha Semiconductor", 50, 1}});
  s.consignee.owners.links.push_back({0, 1, 50, {}});
  s.end_user = s.consignee;
  LineDecision d = e.Decide(s, Item(1));
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  REQUIRE(AffiliateReasons(d).size() == 1);
  CHECK(AffiliateReasons(d)[0].detail.find("is owned 60 %") != std::string::npos);
}

TEST_CASE("TheRuleAppliesOnlyInItsPeriodsInForce", "[engine][affiliates]") {
  Engine e = MustLoad(Pack());
  auto decide = [&](const char* date) {
    return e.Decide(To(date, {{"Alpha Semiconductor", 50}}), Item(1)).decision;
  };
  CHECK(decide("2025-09-28") == DecisionKind::kNoLicenseRequired);  // before the rule
  CHECK(decide("2025-09-29") == DecisionKind::kLicenseRequired);    // in force
  CHECK(decide("2025-11-09") == DecisionKind::kLicenseRequired);
  CHECK(decide("2025-11-10") == DecisionKind::kNoLicenseRequired);  // suspended
  CHECK(decide("2026-11-09") == DecisionKind::kNoLicenseRequired);
  CHECK(decide("2026-11-10") == DecisionKind::kLicenseRequired);  // in force again
  // The periods' starts and ends are dated changes (for rule-test coverage).
  std::vector<std::string> changes;
  for (const auto& c : EngineInternals::ProgramOf(e).changes)
    changes.push_back(FormatDate(c.date) + ": " + c.what);
  CHECK(changes ==
        std::vector<std::string>{"2025-09-29: affiliates rule `affiliates-rule` takes effect",
                                 "2025-11-10: affiliates rule `affiliates-rule` ends",
                                 "2025-11-10: affiliates rule `affiliates-rule` is suspended",
                                 "2026-11-10: affiliates rule `affiliates-rule` suspension ends",
                                 "2026-11-10: affiliates rule `affiliates-rule` takes effect"});
}

TEST_CASE("NoLicenseExceptionCoversAnAffiliate", "[engine][affiliates]") {
  Engine e = MustLoad(Pack());
  // X.a to CN: the rule's requirement alone is covered by EXC.
  LineDecision plain = e.Decide(To(kInForce, {}, "CN"), Item(20));
  CHECK(plain.decision == DecisionKind::kLicenseException);
  LineDecision owned = e.Decide(To(kInForce, {{"Alpha Semiconductor", 50}}, "CN"), Item(20));
  CHECK(owned.decision == DecisionKind::kLicenseRequired);
  CHECK_FALSE(owned.exception.has_value());
}

TEST_CASE("PossibleOwnerMatchesAreReview", "[engine][affiliates]") {
  Engine e = MustLoad(Pack());
  // A misspelt listed owner with 10 %: a possible match of a restricted party, review.
  ShipmentFacts small = To(kInForce, {{"Alpha Semiconducter", 10}});
  std::vector<Diagnostic> diags;
  ResolvedShipment rs = e.ResolveShipment(small, diags);
  const auto& hits = EngineInternals::DataOf(rs).related_hits;
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].hit.kind == PartyMatchKind::kSimilar);
  CHECK(hits[0].of == "consignee and end user `Foo Ltd`");
  LineDecision d = e.Decide(small, Item(1));
  CHECK(d.decision == DecisionKind::kReview);
  REQUIRE(d.reasons.size() == 1);
  CHECK(d.reasons[0].rule == "el-a");
  CHECK(d.reasons[0].source == ReasonSource::kParty);
  CHECK(d.reasons[0].detail.rfind(
            "owner `Alpha Semiconducter` of consignee and end user `Foo Ltd` resembles "
            "`Alpha Semiconductor`",
            0) == 0);
  // With 60 % it could make Foo an affiliate: the affiliates rule says so too.
  LineDecision tip = e.Decide(To(kInForce, {{"Alpha Semiconducter", 60}}), Item(1));
  CHECK(tip.decision == DecisionKind::kReview);
  auto r = AffiliateReasons(tip);
  REQUIRE(r.size() == 1);
  CHECK(r[0].decision == DecisionKind::kReview);
  CHECK(r[0].detail ==
        "consignee and end user `Foo Ltd` would be owned 60 % by listed parties if its possible "
        "matches are listed: `Alpha Semiconducter` (possible match)");
  // Exact owner hits outside the rule's periods add nothing (and are screened all the same).
  LineDecision suspended = e.Decide(To("2026-01-01", {{"Alpha Semiconductor", 10}}), Item(1));
  CHECK(suspended.decision == DecisionKind::kNoLicenseRequired);
}

TEST_CASE("OwnershipNobodyGaveIsSaidAndHeldWhenThePackSaysReview", "[engine][affiliates]") {
  ShipmentFacts s;
  s.date = *ParseDate(kInForce);
  s.consignee = PartyFacts::Of("Forwarder GmbH", "DE");
  s.end_user = PartyFacts::Of("Foo Ltd", "DE");
  s.end_user.ownership = OwnershipState::kGiven;  // owners: [] for the end user only
  s.end_user.owners.nodes.push_back({"", "Foo Ltd", "DE", {}});
  Engine review = MustLoad(Pack("review"));
  LineDecision held = review.Decide(s, Item(1));
  CHECK(held.decision == DecisionKind::kReview);
  CHECK(held.affiliates_unchecked == std::vector<std::string>{"consignee `Forwarder GmbH`"});
  auto r = AffiliateReasons(held);
  REQUIRE(r.size() == 1);
  CHECK(r[0].Text() ==
        "who owns the party is not given, so the affiliates rule could not be checked: consignee "
        "`Forwarder GmbH`");
  Engine note = MustLoad(Pack("note"));
  LineDecision noted = note.Decide(s, Item(1));
  CHECK(noted.decision == DecisionKind::kNoLicenseRequired);
  CHECK(noted.affiliates_unchecked == held.affiliates_unchecked);
  REQUIRE(AffiliateReasons(noted).size() == 1);
  CHECK(AffiliateReasons(noted)[0].decision == DecisionKind::kNoLicenseRequired);
  // The note does not hide that the item matched no class.
  CHECK(noted.reasons[0].rule == "uncontrolled");
  // While the rule is suspended nothing is said.
  s.date = *ParseDate("2026-01-01");
  LineDecision suspended = review.Decide(s, Item(1));
  CHECK(suspended.affiliates_unchecked.empty());
  CHECK(suspended.decision == DecisionKind::kNoLicenseRequired);
}

TEST_CASE("ConflictsBetweenSourcesHoldEveryLine", "[engine][conflicts]") {
  Engine e = MustLoad(Pack());
  ShipmentFacts s = To("2025-01-01", {});
  s.conflicts.push_back({"end_user.headquarters", {"manifest", "SG"}, {"database", "CN"}});
  s.conflicts.push_back({"end_user.parent_headquarters", {"manifest", ""}, {"database", "CN"}});
  LineDecision d = e.Decide(s, Item(1));
  CHECK(d.decision == DecisionKind::kReview);
  REQUIRE(d.reasons.size() == 2);
  CHECK(d.reasons[0].rule == "party-conflict");
  CHECK(d.reasons[0].source == ReasonSource::kConflict);
  CHECK(d.reasons[0].cite == "conflict cite");
  CHECK(d.reasons[0].Text() ==
        "sources disagree about a fact of the shipment; the line is not decided on one source's "
        "word: `end_user.headquarters`: manifest says `SG`, database says `CN`");
  CHECK(d.reasons[1].detail ==
        "`end_user.parent_headquarters`: manifest states none, database says `CN`");
  // A line that would need a license stays license_required (more restrictive than review) and
  // is never cleared by an exception while the conflict stands.
  ShipmentFacts cn = To("2025-01-01", {}, "CN");
  cn.conflicts = s.conflicts;
  LineDecision held = e.Decide(cn, Item(20));
  CHECK(held.decision == DecisionKind::kReview);
  CHECK_FALSE(held.exception.has_value());
}

TEST_CASE("UsEarHoldsAPartyWithoutCountryOrOwners", "[engine][affiliates]") {
  auto loaded = Engine::Load(SourcePath("rules/us-ear"));
  INFO(RenderDiagnostics(loaded.diagnostics));
  REQUIRE(loaded.engine.has_value());
  const Engine& e = *loaded.engine;
  ItemFacts nic;
  nic.part = "NIC-25G";
  nic.Set("type", "other");
  // A party known only by its customer-master id, its country never filled: the destination is
  // unknown, so the line is review (embargo rules cannot be decided).
  ShipmentFacts by_id;
  by_id.date = *ParseDate("2026-06-01");
  by_id.consignee.id = "C-404";
  by_id.consignee.ownership = OwnershipState::kGiven;
  by_id.consignee.owners.nodes.push_back({"C-404", "", "", {}});
  by_id.end_user = by_id.consignee;
  CHECK(e.Decide(by_id, nic).decision == DecisionKind::kReview);
  // In force again from 2026-11-10: an ordinary NIC to Germany without owners is review, with
  // owners: [] it clears, and owned 50 % by an Entity List party it needs a license.
  ShipmentFacts de;
  de.date = *ParseDate("2026-11-10");
  de.consignee = PartyFacts::Of("Foo GmbH", "DE", "DE");
  de.end_user = de.consignee;
  LineDecision unknown = e.Decide(de, nic);
  CHECK(unknown.decision == DecisionKind::kReview);
  CHECK(unknown.affiliates_unchecked ==
        std::vector<std::string>{"consignee and end user `Foo GmbH`"});
  de.consignee.ownership = OwnershipState::kGiven;
  de.consignee.owners.nodes.push_back({"", "Foo GmbH", "DE", {}});
  de.end_user = de.consignee;
  CHECK(e.Decide(de, nic).decision == DecisionKind::kNoLicenseRequired);
  de.consignee.owners.nodes.push_back({"", "Huawei Technologies Co., Ltd.", "CN", {}});
  de.consignee.owners.links.push_back({1, 0, 51, {}});
  de.end_user = de.consignee;
  LineDecision owned = e.Decide(de, nic);
  CHECK(owned.decision == DecisionKind::kLicenseRequired);
  REQUIRE(AffiliateReasons(owned).size() == 1);
  CHECK(AffiliateReasons(owned)[0].rule == "affiliates-rule");
  // The day before, the suspension still holds.
  de.date = *ParseDate("2026-11-09");
  CHECK(e.Decide(de, nic).decision == DecisionKind::kNoLicenseRequired);
}

}  // namespace chipgate::testing
