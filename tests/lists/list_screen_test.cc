// Screening shipments against imported lists (src/eval/list_screen.cc) with the examples pack:
// each list's effect, aliases, possible matches, listing dates, and the list version every hit
// names.
#include <catch2/catch.hpp>

#include "chipgate/screening_list.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

Engine Examples() {
  auto r = Engine::Load(SourcePath("rules/examples"));
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.engine.has_value());
  return std::move(*r.engine);
}

ScreeningLists CslLists() {
  ScreeningListRead r = ReadScreeningList(SourcePath("tests/data/lists/csl.csv"));
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.file.has_value());
  std::vector<ScreeningListFile> files;
  files.push_back(std::move(*r.file));
  return ScreeningLists::Build(std::move(files));
}

// An uncontrolled item to a German end user called `name` on `date`: whatever the decision is,
// it comes from the lists.
LineDecision DecideFor(const Engine& e, const ScreeningLists* lists, const std::string& name,
                       const std::string& date) {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of("Plain Consignee GmbH", "DE", "DE");
  s.end_user = PartyFacts::Of(name, "DE", "DE");
  ItemFacts item;
  item.part = "SMALL-IC";
  item.Set("type", "ic").Set("tpp", 300.0).Set("die_area_mm2", 100.0).Set("datacenter", false);
  std::vector<Diagnostic> diags;
  ResolvedShipment rs = e.ResolveShipment(s, diags, lists);
  ResolvedItem ri = e.ResolveItem(item, diags);
  REQUIRE(diags.empty());
  LineDecision d;
  e.Decide(rs, ri, d);
  return d;
}

const Reason* ListReason(const LineDecision& d) {
  for (const auto& r : d.reasons)
    if (r.rule.substr(0, 5) == "list:") return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("EntityListHitRequiresALicenseAndNamesTheListVersion", "[lists]") {
  Engine e = Examples();
  ScreeningLists lists = CslLists();
  LineDecision d = DecideFor(e, &lists, "Huawei Technologies Co., Ltd.", "2025-01-10");
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  CHECK_FALSE(d.exception.has_value());
  const Reason* r = ListReason(d);
  REQUIRE(r != nullptr);
  CHECK(r->rule == "list:EL:4a1c0e6b52d3f0a8c9e7b1d2f3a4b5c6d7e8f901");
  CHECK(r->source == ReasonSource::kParty);
  CHECK(r->cite == "15 CFR 744.11; Supp. No. 4 to part 744; 84 FR 22961");
  CHECK(r->policy == "Presumption of denial");
  CHECK(r->message.find("license requirement: For all items subject to the EAR") !=
        std::string_view::npos);
  // The detail names the entry, its Federal Register notice and the list version screened against.
  CHECK(r->detail.find("EL entry `4a1c0e6b52d3f0a8c9e7b1d2f3a4b5c6d7e8f901`, 84 FR 22961, listed "
                       "2019-05-16") != std::string::npos);
  CHECK(r->detail.find("list " + lists.versions()[0].Label()) != std::string::npos);
  CHECK(r->detail.find(lists.versions()[0].digest) != std::string::npos);
}

TEST_CASE("AnAliasHitsItsEntry", "[lists]") {
  Engine e = Examples();
  ScreeningLists lists = CslLists();
  LineDecision d = DecideFor(e, &lists, "Sugon", "2025-01-10");
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  const Reason* r = ListReason(d);
  REQUIRE(r != nullptr);
  CHECK(r->detail.find("a name of `Dawning Information Industry Co., Ltd.`") != std::string::npos);
}

TEST_CASE("EachListHasItsEffect", "[lists]") {
  Engine e = Examples();
  ScreeningLists lists = CslLists();
  CHECK(DecideFor(e, &lists, "Rosoboronexport OAO", "2025-01-10").decision ==
        DecisionKind::kProhibited);  // SDN
  CHECK(DecideFor(e, &lists, "Test Unverified Trading Co.", "2025-01-10").decision ==
        DecisionKind::kReview);  // UVL
  CHECK(DecideFor(e, &lists, "Expired Denial Test Trading Co.", "2019-06-01").decision ==
        DecisionKind::kProhibited);  // DPL, in force
  CHECK(EffectOfList("MEU").decision == DecisionKind::kLicenseRequired);
  CHECK(EffectOfList("SSI").decision == DecisionKind::kReview);  // no row of its own
  CHECK(EffectOfList("OTHER").decision == DecisionKind::kReview);
}

TEST_CASE("AnEntryAppliesOnlyWithinItsDates", "[lists]") {
  Engine e = Examples();
  ScreeningLists lists = CslLists();
  // Ended 2020-01-01: applies that day, not the day after.
  CHECK(DecideFor(e, &lists, "Expired Denial Test Trading Co.", "2020-01-01").decision ==
        DecisionKind::kProhibited);
  LineDecision after = DecideFor(e, &lists, "Expired Denial Test Trading Co.", "2020-01-02");
  CHECK(ListReason(after) == nullptr);
  CHECK(after.decision == DecisionKind::kNoLicenseRequired);
  // Cambricon was listed on 2022-12-16.
  CHECK(ListReason(DecideFor(e, &lists, "Cambricon Technologies", "2022-12-15")) == nullptr);
  CHECK(DecideFor(e, &lists, "Cambricon Technologies", "2022-12-16").decision ==
        DecisionKind::kLicenseRequired);
}

TEST_CASE("APossibleListMatchIsReview", "[lists]") {
  Engine e = Examples();
  ScreeningLists lists = CslLists();
  LineDecision d = DecideFor(e, &lists, "Huawey Technologies", "2025-01-10");
  CHECK(d.decision == DecisionKind::kReview);
  const Reason* r = ListReason(d);
  REQUIRE(r != nullptr);
  CHECK(r->message == "possible match with a screening-list entry");
  CHECK(r->detail.find("resembles") != std::string::npos);
  CHECK(r->detail.find(lists.versions()[0].digest) != std::string::npos);
}

TEST_CASE("WithoutListsNothingIsScreenedAgainstThem", "[lists]") {
  Engine e = Examples();
  ScreeningLists none;
  const ScreeningLists* kinds[] = {nullptr, &none};
  for (const ScreeningLists* lists : kinds) {
    LineDecision d = DecideFor(e, lists, "Huawei Technologies Co., Ltd.", "2025-01-10");
    CHECK(ListReason(d) == nullptr);
  }
  CHECK(none.empty());
}

// The hits' reasons point into the lists, which the resolved shipment keeps alive.
TEST_CASE("DecisionsStayValidAfterTheListsHandleIsGone", "[lists]") {
  Engine e = Examples();
  ShipmentFacts s;
  s.date = *ParseDate("2025-01-10");
  s.consignee = PartyFacts::Of("Huawei Technologies Co., Ltd.", "CN", "CN");
  s.end_user = s.consignee;
  std::vector<Diagnostic> diags;
  ResolvedShipment rs;
  {
    ScreeningLists lists = CslLists();
    rs = e.ResolveShipment(s, diags, &lists);
  }
  ItemFacts item;
  item.part = "X";
  item.Set("type", "other");
  LineDecision d;
  e.Decide(rs, e.ResolveItem(item, diags), d);
  const Reason* r = ListReason(d);
  REQUIRE(r != nullptr);
  CHECK(r->rule == "list:EL:4a1c0e6b52d3f0a8c9e7b1d2f3a4b5c6d7e8f901");
  CHECK(r->detail.find("consignee `Huawei Technologies Co., Ltd.`") != std::string::npos);
}

TEST_CASE("BuildingTheListsOfTenThousandEntries", "[lists]") {
  std::vector<ScreeningListFile> files(1);
  files[0].version.digest = "sha256:x";
  for (int i = 0; i < 10000; ++i) {
    ScreeningListEntry en;
    en.entry_id = std::to_string(i);
    en.list = "EL";
    en.name = "Listed Company " + std::to_string(i) + " Technology Co., Ltd.";
    en.aliases = {"LC" + std::to_string(i)};
    files[0].entries.push_back(std::move(en));
  }
  ScreeningLists lists = ScreeningLists::Build(std::move(files));
  CHECK(lists.entry_count() == 10000);
  Engine e = Examples();
  LineDecision d = DecideFor(e, &lists, "Listed Company 4242 Technology Co., Ltd.", "2025-01-10");
  REQUIRE(ListReason(d) != nullptr);
  CHECK(ListReason(d)->rule == "list:EL:4242");
}

}  // namespace chipgate::testing
