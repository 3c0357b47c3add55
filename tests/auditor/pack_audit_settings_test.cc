// What a pack tells an inventory audit, read through the Engine: class families marked
// `controlled`, the `audit:` section (comparison destinations, citations), `pack: reason_cites:`,
// and the diagnostics for getting them wrong (E301, E305, E311, E104, W404).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "support/diag_text.h"
#include "support/test_support.h"

namespace chipgate {
namespace {

using testing::Briefs;
using testing::PosOf;

const std::string kAttributes = R"Y(attributes:
  - {name: type, type: enum, values: [ic, other]}
  - {name: tpp, type: number}
country_groups:
  - {id: "Q:1", cite: c, members: [AQ, {code: BV, effective: {from: 2025-01-01}}]}
)Y";

LoadResult LoadWith(const std::string& yaml) {
  return Engine::LoadFromStrings({{"pack/test.yaml", yaml}});
}

std::vector<std::string> Of(const LoadResult& r, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& b : Briefs(r.diagnostics)) {
    if (b.find(" " + code + " ") != std::string::npos) out.push_back(b);
  }
  return out;
}

const std::string kPack = R"Y(attributes:
  - {name: type, type: enum, values: [ic, other]}
  - {name: tpp, type: number}
country_groups:
  - {id: "Q:1", cite: c, members: [AQ, {code: BV, effective: {from: 2025-01-01}}]}
classes:
  - {id: 9Z999.a.1, cite: c, controlled: true, when: "tpp >= 100"}
  - {id: 9Z999.b, cite: c, when: "tpp >= 10"}
  - {id: 8Y888.a, cite: c, controlled: false, when: "type == 'ic'"}
audit:
  compare_destinations: [NO, "Q:1", CN]
  reason_cites: {item-data: "R 1", bill-of-materials: "R 2", item-review: "R 3"}
)Y";

}  // namespace

TEST_CASE("ControlledFamiliesComeFromTheClasses", "[auditor]") {
  LoadResult r = LoadWith(kPack);
  std::string all;
  for (const auto& b : Briefs(r.diagnostics)) all += b + "\n";
  INFO(all);
  REQUIRE(r.engine);
  CHECK(r.diagnostics.empty());
  const Engine& e = *r.engine;
  // The family is the id before its first dot: a declared `9Z999` or `9Z999.z` names no class
  // but is in the controlled family, and 9Z999.b inherits what 9Z999.a.1 states.
  for (const char* c : {"9Z999", "9Z999.a", "9Z999.a.1", "9Z999.b", "9Z999.z"})
    CHECK(e.IsControlled(c));
  for (const char* c : {"8Y888.a", "8Y888", "3A090.a", "EAR99", "", "uncontrolled", "9Z99"})
    CHECK_FALSE(e.IsControlled(c));
}

TEST_CASE("CompareDestinationsExpandGroupsInPackOrder", "[auditor]") {
  LoadResult r = LoadWith(kPack);
  REQUIRE(r.engine);
  // A group stands for every country ever its member (BV only from 2025), in member order.
  CHECK(r.engine->CompareDestinations() == std::vector<std::string>{"NO", "AQ", "BV", "CN"});
  CHECK(r.engine->AuditCite(AuditReasonId::kItemData) == "R 1");
  CHECK(r.engine->AuditCite(AuditReasonId::kBillOfMaterials) == "R 2");
  CHECK(r.engine->AuditCite(AuditReasonId::kItemReview) == "R 3");
}

TEST_CASE("APackWithoutAnAuditSectionComparesNothingAndCitesNothing", "[auditor]") {
  LoadResult r = LoadWith(kAttributes +
                          "classes: [{id: X1.a, cite: c, controlled: true, when: "
                          "\"tpp > 1\"}]\n");
  REQUIRE(r.engine);
  CHECK(r.engine->CompareDestinations().empty());
  CHECK(r.engine->AuditCite(AuditReasonId::kItemData).empty());
  CHECK(r.engine->IsControlled("X1"));
}

TEST_CASE("UsEarPackDeclaresWhatTheAuditUsedToHardCode", "[auditor]") {
  LoadResult r = Engine::Load(testing::SourcePath("rules/us-ear"));
  REQUIRE(r.engine);
  const Engine& e = *r.engine;
  CHECK(e.CompareDestinations() ==
        std::vector<std::string>{"CN", "HK", "MO", "RU", "BY", "IR", "KP", "CU", "SY", "VN", "KH",
                                 "NI", "SA", "AE", "QA", "KZ", "PK", "EG", "IN", "IL", "TW", "SG",
                                 "MY", "CY", "DE", "GB", "JP", "KR", "BR", "MX", "US"});
  for (const char* c : {"3A090", "3A090.a", "3A090.c", "4A090.b", "4A090.z"})
    CHECK(e.IsControlled(c));
  for (const char* c : {"5A992.c", "4A994.l", "EAR99", "3A991"}) CHECK_FALSE(e.IsControlled(c));
  for (auto id :
       {AuditReasonId::kItemData, AuditReasonId::kBillOfMaterials, AuditReasonId::kItemReview})
    CHECK(e.AuditCite(id) == "15 CFR 732.3(b)");
}

TEST_CASE("ClassesOfOneFamilyMustAgreeOnControlled", "[auditor]") {
  std::string yaml = kAttributes + R"Y(classes:
  - {id: 9Z999.a, cite: c, controlled: true, when: "tpp >= 100"}
  - {id: 9Z999.b, cite: c, controlled: false, when: "tpp >= 10"}
)Y";
  LoadResult r = LoadWith(yaml);
  CHECK_FALSE(r.engine);
  CHECK(Of(r, "E311") ==
        std::vector<std::string>{PosOf(yaml, "controlled: false") +
                                 " E311 class `9Z999.b`: `controlled: false` disagrees with class "
                                 "`9Z999.a` of the same family `9Z999` (pack/test.yaml:7)"});
}

TEST_CASE("BadCompareDestinationsAreLocatedErrors", "[auditor]") {
  std::string yaml =
      kAttributes + R"Y(classes: [{id: X1.a, cite: c, controlled: true, when: "tpp > 1"}]
audit:
  compare_destinations: [AQ, UK, "Q:9", AQ]
)Y";
  LoadResult r = LoadWith(yaml);
  CHECK_FALSE(r.engine);
  CHECK(Of(r, "E305") ==
        std::vector<std::string>{
            PosOf(yaml, "UK") +
                " E305 audit compare_destinations: `UK` is neither a country group of the pack "
                "nor an ISO 3166-1 alpha-2 code",
            PosOf(yaml, "\"Q:9\"") +
                " E305 audit compare_destinations: `Q:9` is neither a country group of the pack "
                "nor an ISO 3166-1 alpha-2 code"});
  CHECK(Of(r, "E301") ==
        std::vector<std::string>{PosOf(yaml, "AQ]") +
                                 " E301 audit compare_destinations: `AQ` is listed twice"});
}

TEST_CASE("UnknownReasonCiteKeysAreUnknownFields", "[auditor]") {
  std::string yaml =
      kAttributes + R"Y(classes: [{id: X1.a, cite: c, controlled: true, when: "tpp > 1"}]
audit:
  reason_cites: {item-data: a, item-dta: b}
pack:
  name: p
  reason_cites: {uncontrolled: x, item-review: y}
)Y";
  LoadResult r = LoadWith(yaml);
  CHECK_FALSE(r.engine);
  std::vector<std::string> e104 = Of(r, "E104");
  REQUIRE(e104.size() == 2);
  CHECK(e104[0].find("item-dta") != std::string::npos);
  CHECK(e104[1].find("item-review") != std::string::npos);  // an audit reason, not the engine's
}

TEST_CASE("HeadquartersRulesNameLicenseRules", "[auditor]") {
  std::string yaml =
      kAttributes + R"Y(classes: [{id: X1.a, cite: c, controlled: true, when: "tpp > 1"}]
license_rules:
  - {id: hq, cite: c, classes: any}
  - {id: dest, cite: c, classes: any}
audit:
  headquarters_rules: [hq]
)Y";
  LoadResult good = LoadWith(yaml);
  INFO(RenderDiagnostics(good.diagnostics));
  REQUIRE(good.engine);
  CHECK(good.engine->IsHeadquartersRule("hq"));
  CHECK_FALSE(good.engine->IsHeadquartersRule("dest"));
  CHECK_FALSE(good.engine->IsHeadquartersRule("X1.a"));
  // The us-ear pack marks its two headquarters rules, and no destination rule.
  LoadResult us = Engine::Load(testing::SourcePath("rules/us-ear"));
  REQUIRE(us.engine);
  CHECK(us.engine->IsHeadquartersRule("ac-hq-d5"));
  CHECK(us.engine->IsHeadquartersRule("ac-hbm-hq"));
  CHECK_FALSE(us.engine->IsHeadquartersRule("ac-d1-d4"));

  std::string bad = kAttributes + R"Y(license_rules:
  - {id: hq, cite: c, classes: any}
audit:
  headquarters_rules: [hq, nope, hq]
)Y";
  LoadResult r = LoadWith(bad);
  CHECK_FALSE(r.engine);
  CHECK(Of(r, "E307") ==
        std::vector<std::string>{PosOf(bad, "nope") + " E307 audit headquarters_rules: unknown "
                                                      "license rule `nope`"});
  CHECK(Of(r, "E301") ==
        std::vector<std::string>{PosOf(bad, "hq]") + " E301 audit headquarters_rules: `hq` is "
                                                     "listed twice"});
}

TEST_CASE("TwoAuditSectionsAreAnError", "[auditor]") {
  LoadResult r = Engine::LoadFromStrings(
      {{"pack/a.yaml", kAttributes + "audit: {compare_destinations: [AQ]}\n"},
       {"pack/b.yaml", "audit: {compare_destinations: [BV]}\n"}});
  CHECK_FALSE(r.engine);
  CHECK(Of(r, "E301") == std::vector<std::string>{"1:1 E301 duplicate `audit` section (first at "
                                                  "pack/a.yaml:6)"});
}

TEST_CASE("AFamilyThatNeverSaysControlledIsAWarning", "[auditor]") {
  std::string yaml = kAttributes + R"Y(classes:
  - {id: 9Z999.a, cite: c, controlled: true, when: "tpp >= 100"}
  - {id: 9Z999.b, cite: c, when: "tpp >= 10"}
  - {id: 7X777.a, cite: c, when: "tpp >= 1"}
  - {id: 7X777.b, cite: c, when: "tpp >= 2"}
  - {id: 6W666.a, cite: c, when: "tpp >= 3"}
license_rules:
  - {id: r, cite: c, classes: [9Z999.b, 7X777.b, 6W666.a], enabled: false}
  - {id: s, cite: c, classes: [9Z999.b, 7X777.b]}
)Y";
  LoadResult r = LoadWith(yaml);
  REQUIRE(r.engine);  // a warning only: the pack still loads
  // One warning for the family, at its first class; 9Z999.b inherits 9Z999.a's statement, and
  // 6W666 is named only by a disabled rule: it requires no license, so the audit loses nothing.
  CHECK(Of(r, "W404") ==
        std::vector<std::string>{PosOf(yaml, "{id: 7X777.a") +
                                 " W404 class family `7X777` does not say whether it is "
                                 "controlled: an inventory audit treats it as uncontrolled and "
                                 "checks no declared classification against it (state "
                                 "`controlled: true` or `controlled: false` on its classes)"});
  CHECK_FALSE(r.engine->IsControlled("7X777.a"));
}

TEST_CASE("BuiltInReasonsCiteWhatThePackSays", "[auditor]") {
  std::string yaml = kAttributes + R"Y(pack:
  name: p
  reason_cites: {item-data: "Reg 1", uncontrolled: "Reg 0"}
classes: [{id: X1.a, cite: c, controlled: true, when: "tpp > 1"}]
)Y";
  LoadResult r = LoadWith(yaml);
  REQUIRE(r.engine);
  ShipmentFacts s;
  s.date = *ParseDate("2025-01-01");
  s.consignee = PartyFacts::Of("", "NO", "NO", "");
  s.end_user = s.consignee;
  ItemFacts nothing;
  nothing.part = "P";
  LineDecision d = r.engine->Decide(s, nothing);
  REQUIRE(!d.reasons.empty());
  CHECK(d.reasons.front().rule == "item-data");
  CHECK(d.reasons.front().cite == "Reg 1");
  ItemFacts small;
  small.part = "S";
  small.has_specs = true;
  small.specs.push_back({"tpp", SpecValue{"0", {}, std::nullopt, FactSource::kManifest}});
  LineDecision u = r.engine->Decide(s, small);
  REQUIRE(!u.reasons.empty());
  CHECK(u.reasons.front().rule == "uncontrolled");
  CHECK(u.reasons.front().cite == "Reg 0");
}

}  // namespace chipgate
