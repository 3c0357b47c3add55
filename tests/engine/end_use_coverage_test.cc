// End uses declared by the pack (matched by spelling, unknown ones held for review), the period a
// pack models (lines outside it held for review) and pack notes for a period: through the
// engine, the validator, `chipgate check` and `chipgate explain` on manifests.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kPack = R"(
pack: {name: t, coverage: {from: 2022-01-01}}
attributes: [{name: tpp, type: number}]
country_groups: [{id: "D:5", cite: c, members: [CN]}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
end_uses:
  - {id: supercomputer, aliases: [supercomputing]}
  - {id: civil}
notes:
  - {id: early, message: letters are not modelled, cite: n, effective: {from: 2022-01-01, until: 2022-10-07}}
license_rules:
  - {id: eu-sc, cite: c, classes: any, when: "known(end_use) and end_use == 'supercomputer' and destination in D:5"}
  - {id: dest, cite: c, classes: [X.a], effective: {from: 2022-10-07}, when: "destination in D:5"}
)";

ShipmentFacts Shipment(const std::string& date, const std::string& country,
                       const std::string& end_use = "") {
  ShipmentFacts s;
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of("Buyer", country, country, "");
  s.end_user = s.consignee;
  s.end_use = end_use;
  return s;
}

ItemFacts Nic() { return ItemFacts{}.Set("tpp", 1.0); }

const Reason* BySource(const LineDecision& d, ReasonSource source) {
  for (const auto& r : d.reasons) {
    if (r.source == source) return &r;
  }
  return nullptr;
}

std::vector<std::string> Codes(const LoadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.code);
  return out;
}

}  // namespace

TEST_CASE("StatedEndUseIsMatchedWhateverItsSpelling", "[engine][end_use]") {
  Engine e = MustLoad(kPack);
  for (const char* spelling : {"supercomputer", "Supercomputer", "super-computer", "SUPER_COMPUTER",
                               "Super Computer", "supercomputing", "Super-Computing"}) {
    INFO(spelling);
    LineDecision d = e.Decide(Shipment("2024-06-01", "CN", spelling), Nic());
    CHECK(d.decision == DecisionKind::kLicenseRequired);
    REQUIRE_FALSE(d.reasons.empty());
    CHECK(d.reasons.front().rule == "eu-sc");
  }
}

TEST_CASE("UnknownEndUseIsReviewNamingTheKnownOnes", "[engine][end_use]") {
  Engine e = MustLoad(kPack);
  for (const char* dest : {"CN", "DE"}) {
    LineDecision d = e.Decide(Shipment("2024-06-01", dest, "supercomputers for weather"), Nic());
    CHECK(d.decision == DecisionKind::kReview);
    const Reason* r = BySource(d, ReasonSource::kEndUse);
    REQUIRE(r != nullptr);
    CHECK(r->rule == "end-use");
    CHECK(r->detail == "`supercomputers for weather`; known end uses: supercomputer, civil");
  }
  // A known end use that no rule names clears; no end use at all is not a problem either.
  CHECK(e.Decide(Shipment("2024-06-01", "DE", "Civil"), Nic()).decision ==
        DecisionKind::kNoLicenseRequired);
  CHECK(e.Decide(Shipment("2024-06-01", "CN"), Nic()).decision == DecisionKind::kNoLicenseRequired);
}

TEST_CASE("EndUseLiteralInARuleMustBeDeclared", "[validate][end_use]") {
  std::string pack = kPack;
  std::string typo = pack;
  typo.replace(typo.find("end_use == 'supercomputer'"), 26, "end_use == 'super-computer'");
  LoadResult r = LoadPackText({{"p.yaml", typo}});
  REQUIRE(Codes(r) == std::vector<std::string>{"E309"});
  CHECK(r.diagnostics[0].loc.line == 12);
  CHECK(r.diagnostics[0].loc.col > 40);
  CHECK_THAT(r.diagnostics[0].message,
             Catch::Contains("`super-computer` is not a declared end use"));
  // `in` lists are checked too, and a pack without end_uses declares none.
  std::string list = pack;
  list.replace(list.find("end_use == 'supercomputer'"), 26, "end_use in ['civil', 'militery']");
  CHECK(Codes(LoadPackText({{"p.yaml", list}})) == std::vector<std::string>{"E309"});
  LoadResult none = LoadPackText(
      {{"p.yaml", "license_rules: [{id: r, cite: c, classes: any, when: \"end_use == 'x'\"}]\n"}});
  CHECK(Codes(none) == std::vector<std::string>{"E309"});
}

TEST_CASE("EndUseSpellingsThatCollideAreAnError", "[validate][end_use]") {
  std::string pack = kPack;
  pack.replace(pack.find("  - {id: civil}"), 15, "  - {id: civil, aliases: [Super_Computing]}");
  LoadResult r = LoadPackText({{"p.yaml", pack}});
  REQUIRE(Codes(r) == std::vector<std::string>{"E310"});
  CHECK_THAT(r.diagnostics[0].message,
             Catch::Contains("reads the same as `supercomputing` of end use `supercomputer`"));
}

TEST_CASE("DateOutsideThePackCoverageIsReview", "[engine][coverage]") {
  Engine e = MustLoad(kPack);
  LineDecision d = e.Decide(Shipment("2002-06-01", "DE"), Nic());
  CHECK(d.decision == DecisionKind::kReview);
  const Reason* r = BySource(d, ReasonSource::kCoverage);
  REQUIRE(r != nullptr);
  CHECK(r->rule == "pack-coverage");
  CHECK(r->detail == "shipment date 2002-06-01; pack `t` covers from 2022-01-01");
  // The day the coverage begins is decided normally; an `until` ends it.
  CHECK(e.Decide(Shipment("2022-01-01", "DE"), Nic()).decision == DecisionKind::kNoLicenseRequired);
  std::string bounded = kPack;
  bounded.replace(bounded.find("coverage: {from: 2022-01-01}"), 28,
                  "coverage: {from: 2022-01-01, until: 2026-01-01}");
  Engine b = MustLoad(bounded);
  LineDecision late = b.Decide(Shipment("2026-01-01", "DE"), Nic());
  CHECK(late.decision == DecisionKind::kReview);
  REQUIRE(BySource(late, ReasonSource::kCoverage) != nullptr);
  CHECK(BySource(late, ReasonSource::kCoverage)->detail ==
        "shipment date 2026-01-01; pack `t` covers from 2022-01-01 until 2026-01-01");
  // A prohibition still wins over the review.
  std::string embargo =
      std::string(kPack) +
      "  - {id: emb, cite: c, decision: prohibited, classes: any, when: \"destination == 'KP'\"}\n";
  CHECK(MustLoad(embargo).Decide(Shipment("2002-06-01", "KP"), Nic()).decision ==
        DecisionKind::kProhibited);
}

TEST_CASE("PackNoteIsShownForItsPeriodOnly", "[engine][coverage]") {
  Engine e = MustLoad(kPack);
  ItemFacts chip = ItemFacts{}.Set("tpp", 50.0);
  LineDecision mid = e.Decide(Shipment("2022-06-15", "CN"), chip);
  CHECK(mid.decision == DecisionKind::kNoLicenseRequired);
  const Reason* note = BySource(mid, ReasonSource::kNote);
  REQUIRE(note != nullptr);
  CHECK(note->rule == "early");
  CHECK(note->decision == DecisionKind::kNoLicenseRequired);
  CHECK(note->message == "letters are not modelled");
  LineDecision after = e.Decide(Shipment("2022-10-07", "CN"), chip);
  CHECK(after.decision == DecisionKind::kLicenseRequired);
  CHECK(BySource(after, ReasonSource::kNote) == nullptr);
}

TEST_CASE("ManifestEndUseAndDatesThroughCheckAndExplain", "[cli][end_use][coverage]") {
  TempDir dir;
  auto manifest = [&](const std::string& name, const std::string& date,
                      const std::string& end_use) {
    return dir.Write(name, "shipment: {date: " + date + ", consignee: {name: Buyer, country: CN}" +
                               (end_use.empty() ? "" : ", end_use: " + end_use) +
                               "}\n"
                               "lines: [{part: NIC, specs: {type: other}}]\n");
  };
  std::string rules = SourcePath("rules/us-ear");
  RunResult sc = RunChipgate({"check", manifest("a.yaml", "2024-06-01", "Super-Computer"),
                              "--rules", rules, "--no-audit"});
  CHECK(sc.exit_code == 1);
  CHECK_THAT(sc.out, Catch::Contains("eu-supercomputer"));
  RunResult unknown = RunChipgate(
      {"check", manifest("b.yaml", "2024-06-01", "weather"), "--rules", rules, "--no-audit"});
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.out,
             Catch::Contains("end-use: the stated end use is not one this rule pack knows"));
  RunResult old =
      RunChipgate({"check", manifest("c.yaml", "2002-06-01", ""), "--rules", rules, "--no-audit"});
  CHECK(old.exit_code == 1);
  CHECK_THAT(old.out,
             Catch::Contains(
                 "pack-coverage: the shipment date is outside the period this rule pack models"));
  RunResult explain = RunChipgate(
      {"explain", manifest("d.yaml", "2002-06-01", ""), "--rules", rules, "--line", "1"});
  CHECK_THAT(explain.out, Catch::Contains("pack-coverage"));
  // Mid-2022: cleared under the general rules, with the note in text and JSON.
  std::string mid = manifest("e.yaml", "2022-06-15", "");
  RunResult text = RunChipgate({"check", mid, "--rules", rules, "--no-audit"});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out,
             Catch::Contains("note (is-informed-2022): company-specific \"is-informed\" letters"));
  RunResult json = RunChipgate({"check", mid, "--rules", rules, "--no-audit", "--format", "json"});
  CHECK_THAT(json.out, Catch::Contains("\"rule\": \"is-informed-2022\""));
  // ... and in the audit record of the decision.
  std::string db = dir.path() + "/audit.db";
  REQUIRE(RunChipgate({"check", mid, "--rules", rules, "--audit", db}).exit_code == 0);
  RunResult exported = RunChipgate({"log", "export", "--db", db});
  CHECK(exported.exit_code == 0);
  CHECK_THAT(exported.out, Catch::Contains("is-informed-2022"));
}

}  // namespace chipgate::testing
