// `chipgate check` on who the parties are, end to end with the bundled us-ear pack: an end user
// owned by an Entity List party, a consignee whose owners are not given (the notice in text and
// JSON), and the audit record of such a line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "chipgate/audit_entry.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kUsEar = SourcePath("rules/us-ear");

// Shipped on 2026-11-20, when the affiliates rule is in force again: the consignee's owners are
// not given; the end user is half owned by Huawei.
const char* const kManifest = R"(shipment:
  id: SO-W1
  date: 2026-11-20
  consignee: {name: Rhein Netz GmbH, country: DE, headquarters: DE}
  end_user:
    name: Foo Ltd
    country: DE
    headquarters: DE
    owners: [{name: "Huawei Technologies Co., Ltd.", share: 50}, {name: Rhein Familie, share: 50}]
lines:
  - {part: NIC-25G, specs: {type: other}}
)";

}  // namespace

TEST_CASE("CheckTextSaysWhichPartiesTheAffiliatesRuleCouldNotCheck", "[cli][affiliates]") {
  TempDir dir;
  std::string m = dir.Write("m.yaml", kManifest);
  RunResult r = RunChipgate({"check", m, "--rules", kUsEar, "--no-audit"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  // The first reason is the end user's affiliate requirement; the notice and the review are
  // printed under the row.
  CHECK(r.out.find("license_required  -          affiliates-rule: affiliate of listed parties "
                   "(owned 50 % or more") != std::string::npos);
  CHECK(r.out.find("    affiliates rule not checked: who owns consignee `Rhein Netz GmbH` is not "
                   "given\n") != std::string::npos);
  CHECK(r.out.find("    review (affiliates-rule): who owns the party is not given, so the "
                   "affiliates rule could not be checked: consignee `Rhein Netz GmbH`") !=
        std::string::npos);
}

TEST_CASE("CheckJsonListsAffiliatesUncheckedAndTheReasons", "[cli][affiliates]") {
  TempDir dir;
  std::string m = dir.Write("m.yaml", kManifest);
  RunResult r = RunChipgate({"check", m, "--rules", kUsEar, "--no-audit", "--format", "json"});
  INFO(r.out << r.err);
  auto j = nlohmann::json::parse(r.out);
  const auto& line = j["lines"][0];
  CHECK(line["decision"] == "license_required");
  CHECK(line["affiliates_unchecked"] == nlohmann::json::array({"consignee `Rhein Netz GmbH`"}));
  REQUIRE(line["reasons"].size() == 2);
  CHECK(line["reasons"][0]["rule"] == "affiliates-rule");
  CHECK(line["reasons"][0]["decision"] == "license_required");
  CHECK(line["reasons"][0]["message"].get<std::string>().find(
            "end user `Foo Ltd` is owned 50 %, directly or indirectly, by listed parties and "
            "their affiliates: `Huawei Technologies Co., Ltd.` (party `el-huawei`, entity_list)") !=
        std::string::npos);
  CHECK(line["reasons"][1]["rule"] == "affiliates-rule");
  CHECK(line["reasons"][1]["decision"] == "review");
  // With owners given for both (none for the consignee), the field is absent and the card clears.
  std::string known = kManifest;
  known.replace(known.find("headquarters: DE}"), 17, "headquarters: DE, owners: []}");
  known.replace(known.find("share: 50}, {name: Rhein"), 9, "share: 49");  // Huawei: 49 %
  known.replace(known.find("share: 50}]"), 9, "share: 51");
  std::string m2 = dir.Write("m2.yaml", known);
  RunResult ok = RunChipgate({"check", m2, "--rules", kUsEar, "--no-audit", "--format", "json"});
  INFO(ok.out << ok.err);
  auto k = nlohmann::json::parse(ok.out);
  CHECK(k["lines"][0]["decision"] == "no_license_required");
  CHECK_FALSE(k["lines"][0].contains("affiliates_unchecked"));
  CHECK(ok.exit_code == 0);
}

TEST_CASE("TheAuditRecordKeepsTheAffiliatesReasons", "[cli][affiliates]") {
  LineDecision d;
  d.decision = DecisionKind::kReview;
  d.reasons.push_back({"affiliates-rule",
                       DecisionKind::kReview,
                       "744.11",
                       "who owns the party is not given, so the affiliates rule could not be "
                       "checked",
                       "consignee `A`",
                       {},
                       ReasonSource::kOwnershipUnknown});
  d.affiliates_unchecked = {"consignee `A`"};
  ShipmentFacts s;
  s.id = "S";
  s.date = *ParseDate("2026-11-20");
  ItemFacts item;
  item.part = "P";
  AuditEntry e = MakeCheckEntry({"alice", "sha256:0", "sha256:1", s, 1, item, d});
  REQUIRE(e.reasons.size() == 1);
  CHECK(e.reasons[0].rule == "affiliates-rule");
  CHECK(e.reasons[0].decision == "review");
  CHECK(e.reasons[0].message ==
        "who owns the party is not given, so the affiliates rule could not be checked: consignee "
        "`A`");
}

}  // namespace chipgate::testing
