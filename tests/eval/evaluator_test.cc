// Decision semantics on small packs: three-valued logic, fail-closed review, dated entries,
// exceptions, parties, components, and concurrent use of one engine.
#include <algorithm>
#include <catch2/catch.hpp>
#include <thread>

#include "compile/program.h"
#include "engine/engine_internal.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

Engine Examples() {
  auto r = Engine::Load(SourcePath("rules/examples"));
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.engine.has_value());
  return std::move(*r.engine);
}

ShipmentFacts To(const std::string& country, const std::string& date, const std::string& hq = "") {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate(date);
  s.consignee.name = "Some Customer Ltd";
  s.consignee.country = country;
  s.consignee.headquarters = hq.empty() ? country : hq;
  s.end_user = s.consignee;
  return s;
}

ItemFacts Chip(double tpp, double area, bool dc) {
  ItemFacts i;
  i.part = "CHIP";
  i.Set("type", "ic").Set("tpp", tpp).Set("die_area_mm2", area).Set("datacenter", dc);
  return i;
}

bool HasReason(const LineDecision& d, std::string_view rule) {
  for (const auto& r : d.reasons) {
    if (r.rule == rule) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("DatacenterChipToChinaNeedsLicense", "[eval]") {
  Engine e = Examples();
  LineDecision d = e.Decide(To("CN", "2024-06-01"), Chip(15832, 814, true));
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  CHECK(d.classes == std::vector<std::string_view>{"3A090.a", "3A090.a.1", "3A090.a.2"});
  CHECK(HasReason(d, "d5-advanced-computing"));
  CHECK(d.reasons.front().decision == DecisionKind::kLicenseRequired);
  CHECK_FALSE(d.exception.has_value());
}

TEST_CASE("SameChipToAnAllyNeedsNoLicense", "[eval]") {
  Engine e = Examples();
  LineDecision d = e.Decide(To("DE", "2024-06-01"), Chip(15832, 814, true));
  CHECK(d.decision == DecisionKind::kNoLicenseRequired);
  CHECK_FALSE(d.classes.empty());
}

TEST_CASE("RulesBeforeTheirEffectiveDateDoNotApply", "[eval]") {
  Engine e = Examples();
  LineDecision before = e.Decide(To("CN", "2023-11-16"), Chip(15832, 814, true));
  LineDecision on = e.Decide(To("CN", "2023-11-17"), Chip(15832, 814, true));
  CHECK(before.decision == DecisionKind::kNoLicenseRequired);
  CHECK(before.classes.empty());
  CHECK(on.decision == DecisionKind::kLicenseRequired);
}

TEST_CASE("ThresholdIsInclusive", "[eval]") {
  Engine e = Examples();
  CHECK(e.Decide(To("CN", "2024-06-01"), Chip(4800, 10000, false)).decision ==
        DecisionKind::kLicenseException);
  CHECK(e.Decide(To("CN", "2024-06-01"), Chip(4799.999, 10000, false)).decision ==
        DecisionKind::kNoLicenseRequired);
}

TEST_CASE("NonDatacenterChipUsesTheExceptionWithItsConditions", "[eval]") {
  Engine e = Examples();
  LineDecision d = e.Decide(To("CN", "2024-06-01"), Chip(5285, 609, false));
  REQUIRE(d.decision == DecisionKind::kLicenseException);
  REQUIRE(d.exception.has_value());
  CHECK(d.exception->code == "NAC");
  CHECK(d.exception->cite == "15 CFR 740.8");
  CHECK(d.exception->conditions.size() == 1);
}

TEST_CASE("MissingAttributeThatMattersGivesReviewNamingIt", "[eval]") {
  Engine e = Examples();
  ItemFacts chip;
  chip.part = "NODATA-TPP";
  chip.Set("type", "ic").Set("die_area_mm2", 500.0).Set("datacenter", true);
  LineDecision d = e.Decide(To("CN", "2024-06-01"), chip);
  CHECK(d.decision == DecisionKind::kReview);
  REQUIRE_FALSE(d.reasons.empty());
  CHECK(d.reasons.front().detail.find("tpp") != std::string::npos);
}

TEST_CASE("MissingAttributeThatCannotMatterDoesNotHold", "[eval]") {
  // Kleene: `type == 'ic' and ...` is false for a computer whatever tpp is.
  Engine e = Examples();
  ItemFacts board;
  board.part = "NIC";
  board.Set("type", "other");
  CHECK(e.Decide(To("CN", "2024-06-01"), board).decision == DecisionKind::kNoLicenseRequired);
}

TEST_CASE("UnknownClassOnlyMattersWhereARuleWouldApply", "[eval]") {
  Engine e = Examples();
  ItemFacts chip;
  chip.part = "PARTIAL";
  chip.Set("type", "ic").Set("datacenter", true);  // tpp unknown
  CHECK(e.Decide(To("DE", "2024-06-01"), chip).decision == DecisionKind::kNoLicenseRequired);
  CHECK(e.Decide(To("CN", "2024-06-01"), chip).decision == DecisionKind::kReview);
}

TEST_CASE("ItemWithNoDataIsReview", "[eval]") {
  Engine e = Examples();
  ItemFacts unknown;
  unknown.part = "MYSTERY";
  LineDecision d = e.Decide(To("DE", "2024-06-01"), unknown);
  CHECK(d.decision == DecisionKind::kReview);
  CHECK(d.reasons.front().rule == "item-data");
}

TEST_CASE("ComputerIsClassifiedFromItsComponents", "[eval]") {
  Engine e = Examples();
  ItemFacts server;
  server.part = "SRV";
  server.Set("type", "computer");
  server.components.push_back(Chip(15832, 814, true));
  LineDecision d = e.Decide(To("CN", "2024-06-01"), server);
  CHECK(d.classes == std::vector<std::string_view>{"4A090.a"});
  CHECK(d.decision == DecisionKind::kLicenseRequired);
}

TEST_CASE("ComponentWithoutDataHoldsTheComputer", "[eval]") {
  Engine e = Examples();
  ItemFacts server;
  server.part = "SRV";
  server.Set("type", "computer");
  ItemFacts gpu;
  gpu.part = "GPU-NOT-IN-DB";
  server.components.push_back(gpu);
  LineDecision d = e.Decide(To("DE", "2024-06-01"), server);
  CHECK(d.decision == DecisionKind::kReview);
  CHECK(d.reasons.front().detail.find("GPU-NOT-IN-DB") != std::string::npos);
}

TEST_CASE("HeadquartersRuleAppliesWhereverTheEntityIs", "[eval]") {
  Engine e = Examples();
  CHECK(e.Decide(To("SG", "2024-06-01", "CN"), Chip(15832, 814, true)).decision ==
        DecisionKind::kLicenseRequired);
  CHECK(e.Decide(To("SG", "2024-06-01", "SG"), Chip(15832, 814, true)).decision ==
        DecisionKind::kNoLicenseRequired);
}

TEST_CASE("UnknownHeadquartersFailsClosed", "[eval]") {
  Engine e = Examples();
  ShipmentFacts s = To("SG", "2024-06-01");
  s.end_user.headquarters.clear();
  LineDecision d = e.Decide(s, Chip(15832, 814, true));
  CHECK(d.decision == DecisionKind::kReview);
  CHECK(d.reasons.front().detail.find("end_user.headquarters") != std::string::npos);
}

TEST_CASE("DatedGroupMembershipFollowsTheDate", "[eval]") {
  Engine e = Examples();
  CHECK(e.Decide(To("KH", "2026-02-02"), Chip(15832, 814, true)).decision ==
        DecisionKind::kLicenseRequired);
  CHECK(e.Decide(To("KH", "2026-02-03"), Chip(15832, 814, true)).decision ==
        DecisionKind::kNoLicenseRequired);
}

TEST_CASE("EmbargoIsProhibitedForAnyItem", "[eval]") {
  Engine e = Examples();
  ItemFacts nic;
  nic.part = "NIC";
  nic.Set("type", "other");
  LineDecision d = e.Decide(To("KP", "2020-01-01"), nic);
  CHECK(d.decision == DecisionKind::kProhibited);
  CHECK(d.reasons.front().rule == "embargo");
}

TEST_CASE("ListedPartyMatchesAfterNormalisation", "[eval]") {
  Engine e = Examples();
  for (const char* name :
       {"Example Advanced Fabrication Co., Ltd.", "EXAMPLE ADVANCED FABRICATION CO LTD",
        "Fabrication Example Advanced", "EAF Semiconductor"}) {
    ShipmentFacts s = To("DE", "2024-06-01");
    s.end_user.name = name;
    LineDecision d = e.Decide(s, Chip(100, 100, false));
    INFO(name);
    CHECK(d.decision == DecisionKind::kLicenseRequired);
    CHECK(HasReason(d, "el-example-fabrication"));
  }
  ShipmentFacts other = To("DE", "2024-06-01");
  other.end_user.name = "Example Trading GmbH";
  CHECK(e.Decide(other, Chip(100, 100, false)).decision == DecisionKind::kNoLicenseRequired);
}

TEST_CASE("PartyRequirementIsNotCoveredByAnItemException", "[eval]") {
  Engine e = Examples();
  ShipmentFacts s = To("CN", "2024-06-01");
  s.end_user.name = "EAF Semiconductor";
  LineDecision d = e.Decide(s, Chip(5285, 609, false));
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  CHECK_FALSE(d.exception.has_value());
}

TEST_CASE("InvalidFactsMakeTheLineReview", "[eval]") {
  Engine e = Examples();
  ItemFacts chip = Chip(100, 100, false);
  chip.Set("tpp_typo", 5.0);
  CHECK(e.Decide(To("DE", "2024-06-01"), chip).decision == DecisionKind::kReview);
  std::vector<Diagnostic> diags;
  e.ResolveItem(chip, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "E501");
}

TEST_CASE("ResolverRejectsBadValues", "[eval]") {
  Engine e = Examples();
  ItemFacts chip;
  chip.part = "BAD";
  chip.Set("type", "gpu").Set("tpp", "lots").Set("datacenter", "yes").Set("pd", 3.0);
  std::vector<Diagnostic> diags;
  e.ResolveItem(chip, diags);
  std::vector<std::string> codes;
  for (const auto& d : diags) codes.push_back(d.code);
  CHECK(codes == std::vector<std::string>{"E503", "E503", "E503", "E502"});
  ShipmentFacts s = To("XX", "2024-06-01");
  diags.clear();
  e.ResolveShipment(s, diags);
  CHECK_FALSE(diags.empty());
  CHECK(diags[0].code == "E504");
}

TEST_CASE("OneEngineDecidesFromManyThreads", "[eval]") {
  Engine e = Examples();
  std::vector<DecisionKind> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      DecisionKind last = DecisionKind::kReview;
      for (int i = 0; i < 2000; ++i)
        last = e.Decide(To(t % 2 ? "CN" : "DE", "2024-06-01"), Chip(15832, 814, true)).decision;
      results[t] = last;
    });
  }
  for (auto& th : threads) th.join();
  CHECK(results[0] == DecisionKind::kNoLicenseRequired);
  CHECK(results[1] == DecisionKind::kLicenseRequired);
  CHECK(results[2] == DecisionKind::kNoLicenseRequired);
  CHECK(results[3] == DecisionKind::kLicenseRequired);
}

}  // namespace chipgate::testing

namespace chipgate::testing {

// A disabled rule is never evaluated; explain lists it as `disabled` with the pack's
// disabled_reason (or without one when the pack gives none), looked up by rule index.
TEST_CASE("ExplainGivesTheReasonARuleIsDisabled", "[eval]") {
  Engine e = MustLoad(R"yaml(
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: on, cite: c, classes: [X.a], when: "destination == 'CN'"}
  - {id: off, cite: c, classes: any, when: "true", enabled: false, disabled_reason: "rescinded by 90 FR 1"}
  - {id: off-silent, cite: c, classes: any, when: "true", enabled: false}
)yaml");
  REQUIRE(EngineInternals::ProgramOf(e).rules.size() == 3);
  CHECK(EngineInternals::ProgramOf(e).rules[0].enabled);
  CHECK_FALSE(EngineInternals::ProgramOf(e).rules[1].enabled);
  CHECK(EngineInternals::ProgramOf(e).rules[1].disabled_reason == "rescinded by 90 FR 1");
  ShipmentFacts s;
  s.date = *ParseDate("2024-06-01");
  s.consignee = PartyFacts::Of("Buyer", "DE", "DE", "");
  s.end_user = s.consignee;
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 50.0);
  Trace trace;
  LineDecision d = e.Decide(s, item, &trace);
  CHECK(d.decision ==
        DecisionKind::kNoLicenseRequired);  // `off` would have made it license_required
  std::vector<std::string> rules;
  for (const auto& t : trace.entries) {
    if (t.kind == "rule") rules.push_back(t.id + ": " + t.result + ": " + t.detail);
  }
  std::sort(rules.begin(), rules.end());
  CHECK(rules == std::vector<std::string>{
                     "off-silent: disabled: switched off in the pack",
                     "off: disabled: switched off in the pack: rescinded by 90 FR 1",
                     "on: false: classes true, condition false; `destination == 'CN'` with "
                     "destination=DE"});
}

}  // namespace chipgate::testing
