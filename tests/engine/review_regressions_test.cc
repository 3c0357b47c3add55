// Regressions found in review: each case once gave a wrong decision, a crash or a silently
// accepted rule.
#include <catch2/catch.hpp>
#include <filesystem>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

std::vector<std::string> Codes(const LoadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.code);
  return out;
}

ShipmentFacts ToCountry(const std::string& c) {
  ShipmentFacts s;
  s.date = *ParseDate("2024-06-01");
  s.consignee = PartyFacts::Of("Buyer", c, c, "");
  s.end_user = s.consignee;
  return s;
}

const char* kBase = R"(
attributes: [{name: tpp, type: number}, {name: dc, type: bool}]
country_groups: [{id: "D:5", cite: c, members: [CN, KP]}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
)";

}  // namespace

TEST_CASE("ExceptionIsNullWhenTheLineIsReview", "[regression]") {
  Engine e = MustLoad(std::string(kBase) + R"(
license_rules:
  - {id: r1, cite: c, classes: [X.a], when: "destination in D:5"}
  - {id: r2, cite: c, classes: [X.a], when: "dc"}
exceptions:
  - {id: EX, cite: c, covers: [r1], when: "tpp < 100"}
)");
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 50.0);  // dc unknown -> r2 undecided -> review
  LineDecision d = e.Decide(ToCountry("CN"), item);
  CHECK(d.decision == DecisionKind::kReview);
  CHECK_FALSE(d.exception.has_value());
}

TEST_CASE("PartWithoutDataStillMeetsTheEmbargo", "[regression]") {
  Engine e = MustLoad(std::string(kBase) + R"(
license_rules:
  - {id: embargo, cite: c, classes: any, decision: prohibited, when: "destination == 'KP'"}
)");
  ItemFacts unknown;
  unknown.part = "MYSTERY";
  LineDecision d = e.Decide(ToCountry("KP"), unknown);
  CHECK(d.decision == DecisionKind::kProhibited);
  CHECK(e.Decide(ToCountry("DE"), unknown).decision == DecisionKind::kReview);
}

TEST_CASE("SetsMayNotContainFactsOrAttributes", "[regression]") {
  LoadResult r = LoadPackText({{"p.yaml", std::string(kBase) + R"(
license_rules:
  - {id: r1, cite: c, classes: [X.a], when: "destination in D:5 | end_user.headquarters"}
)"}});
  CHECK_FALSE(r.engine.has_value());
  CHECK(Codes(r) == std::vector<std::string>{"E203"});
}

TEST_CASE("DerivedAttributesMayNotUseCountryGroups", "[regression]") {
  LoadResult r = LoadPackText({{"p.yaml", R"(
attributes: [{name: fab, type: country}, {name: fab_d5, derived: "fab in D:5"}]
country_groups: [{id: "D:5", cite: c, members: [CN]}]
)"}});
  CHECK_FALSE(r.engine.has_value());
  CHECK(Codes(r) == std::vector<std::string>{"E203"});
}

TEST_CASE("VeryLongConditionIsAnErrorNotACrash", "[regression]") {
  std::string cond = "tpp > 0";
  for (int i = 0; i < 20000; ++i) cond += " or tpp > " + std::to_string(i);
  LoadResult r = LoadPackText({{"p.yaml",
                                "attributes: [{name: tpp, type: number}]\n"
                                "classes: [{id: X, cite: c, when: \"" +
                                    cond + "\"}]\n"}});
  CHECK_FALSE(r.engine.has_value());
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics[0].code == "E201");
  CHECK(r.diagnostics[0].message.find("too long") != std::string::npos);
}

TEST_CASE("HexAndMalformedNumbersAreRejected", "[regression]") {
  for (const char* cond : {"tpp >= 0x10", "tpp >= 12abc", "tpp >= 1e999"}) {
    LoadResult r = LoadPackText({{"p.yaml", std::string("attributes: [{name: tpp, type: number}]\n"
                                                        "classes: [{id: X, cite: c, when: \"") +
                                                cond + "\"}]\n"}});
    INFO(cond);
    CHECK(Codes(r) == std::vector<std::string>{"E201"});
  }
}

TEST_CASE("RuleDecisionsMustHoldTheLine", "[regression]") {
  LoadResult r = LoadPackText({{"p.yaml", std::string(kBase) + R"(
license_rules:
  - {id: r1, cite: c, classes: [X.a], decision: license_exception}
)"}});
  CHECK(Codes(r) == std::vector<std::string>{"E106"});
}

TEST_CASE("PackNameAndDigestDoNotDependOnHowThePathIsWritten", "[regression]") {
  TempDir dir;
  dir.Write("mypack/p.yaml", kBase);
  auto a = Engine::Load(dir.path() + "/mypack");
  auto b = Engine::Load(dir.path() + "/mypack/");
  auto c = Engine::Load(dir.path() + "/./mypack/.");
  REQUIRE(a.engine);
  REQUIRE(b.engine);
  REQUIRE(c.engine);
  CHECK(a.engine->pack_name() == "mypack");
  CHECK(b.engine->pack_name() == "mypack");
  CHECK(a.engine->digest() == b.engine->digest());
  CHECK(a.engine->digest() == c.engine->digest());
}

TEST_CASE("SamePartyAsConsigneeAndEndUserIsOneReason", "[regression]") {
  Engine e = MustLoad(std::string(kBase) + R"(
parties: [{id: p1, name: Bad Corp, cite: c}]
)");
  ShipmentFacts s = ToCountry("DE");
  s.consignee.name = "Bad Corp";
  s.end_user = s.consignee;
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);
  LineDecision d = e.Decide(s, item);
  int hits = 0;
  for (const auto& r : d.reasons) hits += r.rule == "p1";
  CHECK(hits == 1);

  ShipmentFacts bad = ToCountry("XX");
  std::vector<Diagnostic> diags;
  e.ResolveShipment(bad, diags);
  int e504 = 0;
  for (const auto& dg : diags)
    e504 += dg.code == "E504" && dg.message.find("country") != std::string::npos;
  CHECK(e504 ==
        2);  // consignee.country and consignee.headquarters, not the copies for the end user
}

}  // namespace chipgate::testing

namespace chipgate::testing {

TEST_CASE("AttributeBoundsRejectZeroOrNegativeValues", "[regression]") {
  auto loaded = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(loaded.engine);
  std::vector<std::pair<std::string, std::string>> bad = {
      {"die_area_mm2", "0"}, {"die_area_mm2", "-5"},
      {"tpp", "-1"},         {"dram_bandwidth_gbs", "-0.5"},
      {"tpp", "nan"},        {"tpp", "inf"},
      {"tpp", "1e999"}};
  for (const auto& [name, value] : bad) {
    ItemFacts item;
    item.part = "P";
    item.Set("type", "ic").Set(name, value);
    std::vector<Diagnostic> diags;
    loaded.engine->ResolveItem(item, diags);
    INFO(name << " = " << value);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "E503");
    ShipmentFacts s;
    s.date = *ParseDate("2025-06-01");
    s.consignee = PartyFacts::Of("Buyer", "DE", "DE", "");
    s.end_user = s.consignee;
    CHECK(loaded.engine->Decide(s, item).decision ==
          DecisionKind::kReview);  // fails closed, never a clearance
  }
  ItemFacts ok;
  ok.part = "P";
  ok.Set("type", "ic").Set("tpp", 0.0).Set("die_area_mm2", 0.5);
  std::vector<Diagnostic> diags;
  loaded.engine->ResolveItem(ok, diags);
  CHECK(diags.empty());
}

TEST_CASE("ManifestWithZeroDieAreaIsALocatedError", "[regression]") {
  TempDir dir;
  std::string m = dir.Write(
      "m.yaml",
      "shipment: {id: S, date: 2025-06-01, consignee: {name: A, country: DE, headquarters: DE}}\n"
      "lines:\n"
      "  - {part: X, specs: {type: ic, tpp: 5000, die_area_mm2: 0, datacenter: true}}\n");
  RunResult r = RunChipgate({"check", m, "--rules", SourcePath("rules/us-ear"), "--no-audit"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("m.yaml:3:58: error[E503]: attribute `die_area_mm2` must be greater than zero, "
                   "found `0`") != std::string::npos);
}

TEST_CASE("AttributeBoundsMustBeNumbers", "[regression]") {
  LoadResult r = LoadPackText(
      {{"p.yaml", "attributes: [{name: tpp, type: number, min: low, positive: maybe}]\n"}});
  CHECK_FALSE(r.engine.has_value());
  std::vector<std::string> codes;
  for (const auto& d : r.diagnostics) codes.push_back(d.code);
  CHECK(codes == std::vector<std::string>{"E103", "E103"});
}

}  // namespace chipgate::testing
