// Tests for screening owners and parents against the pack's parties and the imported lists
// (src/eval/related_party_screen.cc), decided through an Engine with the published-format list
// file tests/data/lists/csl.csv: listed owners on an imported list alone and in the aggregate,
// possible matches, which lists count, and the ultimate parent with and without shares.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/screening_list.h"
#include "engine/engine_internal.h"
#include "eval/related_party_screen.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// One class nothing in these tests reaches, a pack party on the Entity List, and the affiliates
// rule counting `lists` (entity_list and sdn unless said otherwise): every decision below comes
// from who the parties are.
std::string Pack(const std::string& lists = "[entity_list, sdn]",
                 const std::string& unknown_ownership = "review") {
  return R"(
pack: {name: t}
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
parties:
  - {id: el-a, name: Alpha Semiconductor, cite: ca, list: entity_list}
affiliates:
  id: affiliates-rule
  cite: "744.11"
  message: owned 50 % or more by listed parties
  lists: )" +
         lists + R"(
  unknown_ownership: )" +
         unknown_ownership + R"(
  periods:
    - {effective: {from: 2025-09-29, until: 2025-11-10}, cite: in force}
    - {effective: {from: 2025-11-10, until: 2026-11-10}, status: suspended, cite: suspended}
    - {effective: {from: 2026-11-10}, cite: in force again}
)";
}

const char* const kInForce = "2026-12-01";
const char* const kSuspended = "2026-01-15";

// The names of the sample file's entries (tests/data/lists/README.md).
const char* const kHuawei = "Huawei Technologies Co., Ltd.";            // EL
const char* const kDawning = "Dawning Information Industry Co., Ltd.";  // EL
const char* const kRosoboronexport = "ROSOBORONEXPORT OAO";             // SDN
const char* const kUnverified = "Test Unverified Trading Co.";          // UVL
const char* const kHuaweiEntry = "list:EL:4a1c0e6b52d3f0a8c9e7b1d2f3a4b5c6d7e8f901";

ScreeningLists Lists(std::string extra_rows = "") {
  ScreeningListRead r;
  if (extra_rows.empty()) {
    r = ReadScreeningList(SourcePath("tests/data/lists/csl.csv"));
  } else {
    r = ParseScreeningList("csl.csv",
                           ReadFile(SourcePath("tests/data/lists/csl.csv")) + extra_rows);
  }
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.file.has_value());
  std::vector<ScreeningListFile> files;
  files.push_back(std::move(*r.file));
  return ScreeningLists::Build(std::move(files));
}

struct Own {
  std::string name;
  double share;
};

// A shipment to Foo Ltd (DE) as consignee and end user, owned directly as `owners` says (nodes
// 1, 2, ...; no ownership given at all when `given` is false), with ultimate parent `parent`.
ShipmentFacts To(const std::string& date, const std::vector<Own>& owners, bool given = true,
                 const std::string& parent = "") {
  ShipmentFacts s;
  s.id = "S";
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of("Foo Ltd", "DE", "DE");
  s.consignee.parent_name = parent;
  if (given) {
    s.consignee.ownership = OwnershipState::kGiven;
    s.consignee.owners.nodes.push_back({"", "Foo Ltd", "DE", {}});
    for (const Own& o : owners) {
      int self = static_cast<int>(s.consignee.owners.nodes.size());
      s.consignee.owners.nodes.push_back({"", o.name, "", {}});
      s.consignee.owners.links.push_back({self, 0, o.share, {}});
    }
  }
  s.end_user = s.consignee;
  return s;
}

LineDecision Decide(const Engine& e, const ScreeningLists& lists, const ShipmentFacts& s) {
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);
  std::vector<Diagnostic> diags;
  ResolvedShipment rs = e.ResolveShipment(s, diags, &lists);
  ResolvedItem ri = e.ResolveItem(item, diags);
  REQUIRE(diags.empty());
  LineDecision d;
  e.Decide(rs, ri, d);
  return d;
}

std::vector<Reason> Affiliate(const LineDecision& d) {
  std::vector<Reason> out;
  for (const auto& r : d.reasons)
    if (r.source == ReasonSource::kAffiliate) out.push_back(r);
  return out;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("ImportedListCodesMapToThePackListNames", "[eval][affiliates]") {
  CHECK(PackListOfCode("EL") == "entity_list");
  CHECK(PackListOfCode("MEU") == "meu");
  CHECK(PackListOfCode("SDN") == "sdn");
  for (const char* other : {"UVL", "DPL", "ISN", "OTHER", "", "el"}) {
    INFO(other);
    CHECK(PackListOfCode(other).empty());
  }
}

TEST_CASE("AHalfOwnerOnAnImportedEntityListMakesAnAffiliate", "[eval][affiliates]") {
  Engine e = MustLoad(Pack());
  ScreeningLists lists = Lists();
  LineDecision d = Decide(e, lists, To(kInForce, {{kHuawei, 50}, {"Someone Else", 50}}));
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  auto r = Affiliate(d);
  REQUIRE(r.size() == 1);
  CHECK(r[0].rule == "affiliates-rule");
  CHECK(r[0].decision == DecisionKind::kLicenseRequired);
  // The reason names the party, the owner, the list entry it matched and the list version.
  CHECK(r[0].detail.rfind("consignee and end user `Foo Ltd` is owned 50 %, directly or "
                          "indirectly, by listed parties and their affiliates: `Huawei "
                          "Technologies Co., Ltd.` matches `Huawei Technologies Co., Ltd.` (EL "
                          "entry `4a1c0e6b52d3f0a8c9e7b1d2f3a4b5c6d7e8f901`, 84 FR 22961",
                          0) == 0);
  CHECK(Has(r[0].detail, "; list " + lists.versions()[0].Label() + ")"));
  CHECK(Has(r[0].detail, lists.versions()[0].digest));
  // The owner's exact hit adds no reason of its own, and the party's name hits nothing.
  CHECK(d.reasons.size() == 1);
  // 49 % is not enough.
  LineDecision below = Decide(e, lists, To(kInForce, {{kHuawei, 49}, {"Someone Else", 51}}));
  CHECK(below.decision == DecisionKind::kNoLicenseRequired);
  // Without the lists the same owner is nobody.
  ScreeningLists none;
  CHECK(Decide(e, none, To(kInForce, {{kHuawei, 50}})).decision ==
        DecisionKind::kNoLicenseRequired);
}

TEST_CASE("ListedOwnersOnListsAndInThePackCountInTheAggregate", "[eval][affiliates]") {
  Engine e = MustLoad(Pack());
  ScreeningLists lists = Lists();
  // Two imported Entity List entries, one written by its alias: 30 % + 20 %.
  LineDecision two = Decide(e, lists, To(kInForce, {{kHuawei, 30}, {"Sugon", 20}}));
  CHECK(two.decision == DecisionKind::kLicenseRequired);
  REQUIRE(Affiliate(two).size() == 1);
  const std::string detail = Affiliate(two)[0].detail;  // a copy: the vector is a temporary
  CHECK(Has(detail, "is owned 50 %"));
  CHECK(
      Has(detail, "`Sugon` matches `Sugon`, a name of `" + std::string(kDawning) + "` (EL entry"));
  CHECK(Has(detail, "`Huawei Technologies Co., Ltd.` matches"));
  // An imported entry and a pack party together.
  LineDecision mixed = Decide(e, lists, To(kInForce, {{kHuawei, 30}, {"Alpha Semiconductor", 20}}));
  CHECK(mixed.decision == DecisionKind::kLicenseRequired);
  REQUIRE(Affiliate(mixed).size() == 1);
  CHECK(Has(Affiliate(mixed)[0].detail, "`Alpha Semiconductor` (party `el-a`, entity_list)"));
  // An SDN owner's prohibition is the more restrictive effect.
  LineDecision sdn = Decide(e, lists, To(kInForce, {{kRosoboronexport, 30}, {kHuawei, 20}}));
  CHECK(sdn.decision == DecisionKind::kProhibited);
  REQUIRE(Affiliate(sdn).size() == 1);
  CHECK(Affiliate(sdn)[0].decision == DecisionKind::kProhibited);
  CHECK(Has(Affiliate(sdn)[0].detail, "(SDN entry"));
}

TEST_CASE("AnOwnerResemblingAListedNameIsReview", "[eval][affiliates]") {
  Engine e = MustLoad(Pack());
  ScreeningLists lists = Lists();
  // One letter off (`Technolgies`), holding 10 %: a possible match, review, never cleared.
  LineDecision d =
      Decide(e, lists, To(kInForce, {{"Huawei Technolgies Co., Ltd.", 10}, {"Other", 90}}));
  CHECK(d.decision == DecisionKind::kReview);
  REQUIRE(d.reasons.size() == 1);
  CHECK(d.reasons[0].rule == kHuaweiEntry);
  CHECK(d.reasons[0].source == ReasonSource::kParty);
  CHECK(d.reasons[0].message == "possible match with a screening-list entry");
  CHECK(d.reasons[0].detail.rfind("owner `Huawei Technolgies Co., Ltd.` of consignee and end user "
                                  "`Foo Ltd` resembles `Huawei Technologies Co., Ltd.` (score ",
                                  0) == 0);
  CHECK(Has(d.reasons[0].detail, "; list " + lists.versions()[0].Label() + ")"));
  // With 60 % it could make Foo an affiliate: the affiliates rule says so too, as review.
  LineDecision tip = Decide(e, lists, To(kInForce, {{"Huawei Technolgies Co., Ltd.", 60}}));
  CHECK(tip.decision == DecisionKind::kReview);
  REQUIRE(Affiliate(tip).size() == 1);
  CHECK(Affiliate(tip)[0].decision == DecisionKind::kReview);
  CHECK(Has(Affiliate(tip)[0].detail, "`Huawei Technolgies Co., Ltd.` (possible match)"));
  // A listed owner and a possible one together: the listed one is named with its entry.
  LineDecision mixed = Decide(
      e, lists, To(kInForce, {{kRosoboronexport, 30}, {"Huawei Technolgies Co., Ltd.", 25}}));
  CHECK(mixed.decision == DecisionKind::kReview);
  REQUIRE(Affiliate(mixed).size() == 1);
  CHECK(Has(Affiliate(mixed)[0].detail,
            "would be owned 55 % by listed parties if its possible matches are listed: "
            "`ROSOBORONEXPORT OAO` matches `ROSOBORONEXPORT OAO` (SDN entry"));
  CHECK(Has(Affiliate(mixed)[0].detail, "), `Huawei Technolgies Co., Ltd.` (possible match)"));
  // Possible owner matches are review while the rule is suspended too.
  CHECK(Decide(e, lists, To(kSuspended, {{"Huawei Technolgies Co., Ltd.", 10}})).decision ==
        DecisionKind::kReview);
}

TEST_CASE("OnlyTheListsTheRuleNamesCountAsListedOwners", "[eval][affiliates]") {
  // An invented Military End-User List row in the published layout.
  std::string meu_row =
      "aa00000000000000000000000000000000000001,Military End User (MEU) List - Bureau of "
      "Industry and Security,,Entity,,Test Military Works,,\"Moscow, RU\",,2020-12-23,,,,,,,,,,"
      ",,,,,,,,,\n";
  ScreeningLists lists = Lists(meu_row);
  Engine counts_el_sdn = MustLoad(Pack());
  // UVL and (here) MEU entries are not lists the rule counts: a full owner adds nothing.
  CHECK(Decide(counts_el_sdn, lists, To(kInForce, {{kUnverified, 100}})).decision ==
        DecisionKind::kNoLicenseRequired);
  CHECK(Decide(counts_el_sdn, lists, To(kInForce, {{"Test Military Works", 100}})).decision ==
        DecisionKind::kNoLicenseRequired);
  // A pack whose rule names `meu` counts the imported MEU entry.
  Engine counts_meu = MustLoad(Pack("[entity_list, meu, sdn]"));
  LineDecision meu = Decide(counts_meu, lists, To(kInForce, {{"Test Military Works", 100}}));
  CHECK(meu.decision == DecisionKind::kLicenseRequired);
  REQUIRE(Affiliate(meu).size() == 1);
  CHECK(Has(Affiliate(meu)[0].detail, "(MEU entry `aa00000000000000000000000000000000000001`"));
  // Outside the rule's periods in force a listed owner adds nothing.
  CHECK(Decide(counts_el_sdn, lists, To(kSuspended, {{kHuawei, 100}})).decision ==
        DecisionKind::kNoLicenseRequired);
}

TEST_CASE("AListedParentWithoutSharesIsReview", "[eval][affiliates]") {
  ScreeningLists lists = Lists();
  for (const char* unknown : {"review", "note"}) {
    INFO(unknown);
    Engine e = MustLoad(Pack("[entity_list, sdn]", unknown));
    LineDecision d = Decide(e, lists, To(kInForce, {}, false, kHuawei));
    CHECK(d.decision == DecisionKind::kReview);
    auto r = Affiliate(d);
    REQUIRE(r.size() == 1);
    CHECK(r[0].decision == DecisionKind::kReview);
    CHECK(r[0].message ==
          "the party's parent is a listed party and its share of the party is not known: very "
          "likely an affiliate of a listed party");
    CHECK(r[0].detail.rfind("the parent of consignee and end user `Foo Ltd` is listed: `Huawei "
                            "Technologies Co., Ltd.` matches `Huawei Technologies Co., Ltd.` (EL "
                            "entry `4a1c0e6b52d3f0a8c9e7b1d2f3a4b5c6d7e8f901`",
                            0) == 0);
    CHECK(Has(r[0].detail, lists.versions()[0].Label()));
    CHECK(
        Has(r[0].detail, "; who owns the party is not given, so the parent's share is not known"));
  }
  Engine e = MustLoad(Pack());
  // A pack party as parent, written in capitals.
  LineDecision pack = Decide(e, lists, To(kInForce, {}, false, "ALPHA SEMICONDUCTOR"));
  CHECK(pack.decision == DecisionKind::kReview);
  REQUIRE(Affiliate(pack).size() == 1);
  CHECK(Has(Affiliate(pack)[0].detail,
            "is listed: `ALPHA SEMICONDUCTOR` (party `el-a`, entity_list); who owns"));
  // Owners given that leave the listed parent out: its share is not known either.
  LineDecision left_out = Decide(e, lists, To(kInForce, {{"Someone Else", 100}}, true, kHuawei));
  CHECK(left_out.decision == DecisionKind::kReview);
  REQUIRE(Affiliate(left_out).size() == 1);
  CHECK(Has(Affiliate(left_out)[0].detail, "; the owners given do not include it"));
  CHECK(Decide(e, lists, To(kInForce, {}, true, kHuawei)).decision == DecisionKind::kReview);
  // An unlisted parent, and a listed one while the rule is suspended, add nothing.
  CHECK(Decide(e, lists, To(kInForce, {}, true, "Plain Holding AG")).decision ==
        DecisionKind::kNoLicenseRequired);
  CHECK(Decide(e, lists, To(kSuspended, {}, true, kHuawei)).decision ==
        DecisionKind::kNoLicenseRequired);
  // A parent resembling a listed name is a possible match, review, in force or not.
  LineDecision alike = Decide(e, lists, To(kSuspended, {}, true, "Huawei Technolgies Co., Ltd."));
  CHECK(alike.decision == DecisionKind::kReview);
  REQUIRE(alike.reasons.size() == 1);
  CHECK(alike.reasons[0].rule == kHuaweiEntry);
  CHECK(alike.reasons[0].detail.rfind("parent `Huawei Technolgies Co., Ltd.` of consignee and end "
                                      "user `Foo Ltd` resembles",
                                      0) == 0);
}

TEST_CASE("AListedParentWithSharesIsDecidedByTheAffiliatesRule", "[eval][affiliates]") {
  Engine e = MustLoad(Pack());
  ScreeningLists lists = Lists();
  LineDecision full = Decide(e, lists, To(kInForce, {{kHuawei, 100}}, true, kHuawei));
  CHECK(full.decision == DecisionKind::kLicenseRequired);
  auto r = Affiliate(full);
  REQUIRE(r.size() == 1);  // the affiliate, not also "share not known"
  CHECK(r[0].decision == DecisionKind::kLicenseRequired);
  CHECK(Has(r[0].detail, "is owned 100 %"));
  // The parent written as its alias in the owners is the same listing.
  LineDecision alias = Decide(e, lists, To(kInForce, {{"Sugon", 100}}, true, kDawning));
  CHECK(alias.decision == DecisionKind::kLicenseRequired);
  CHECK(Affiliate(alias).size() == 1);
  // The shares decide: a listed parent given as holding 10 % does not make an affiliate.
  CHECK(Decide(e, lists, To(kInForce, {{kHuawei, 10}, {"Other", 90}}, true, kHuawei)).decision ==
        DecisionKind::kNoLicenseRequired);
}

TEST_CASE("ListHitsOfOwnersAndParentsAreTraced", "[eval][affiliates]") {
  Engine e = MustLoad(Pack());
  ScreeningLists lists = Lists();
  ShipmentFacts s = To(kInForce, {{kHuawei, 100}}, true, kHuawei);
  std::vector<Diagnostic> diags;
  ResolvedShipment rs = e.ResolveShipment(s, diags, &lists);
  const auto& hits = EngineInternals::DataOf(rs).related_hits;
  REQUIRE(hits.size() == 2);
  CHECK(std::string(hits[0].hit.role) == "parent");
  CHECK(std::string(hits[1].hit.role) == "owner");
  for (const auto& h : hits) {
    CHECK(h.on_list);
    CHECK(h.of == "consignee and end user `Foo Ltd`");
    CHECK(h.hit.kind == PartyMatchKind::kExact);
  }
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);
  ResolvedItem ri = e.ResolveItem(item, diags);
  Trace trace;
  LineDecision d;
  e.Decide(rs, ri, d, &trace);
  int list_entries = 0;
  for (const auto& t : trace.entries) {
    if (t.kind != "list") continue;
    ++list_entries;
    CHECK(t.id == kHuaweiEntry);
    CHECK((t.result == "parent match" || t.result == "owner match"));
  }
  CHECK(list_entries == 2);
}

}  // namespace chipgate::testing
