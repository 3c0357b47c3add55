// `chipgate check` on who the parties are, end to end with the bundled us-ear pack: an end user
// owned by an Entity List party, a consignee whose owners are not given (the notice in text and
// JSON), and the audit record of such a line; with `--db`, owners and parents screened against
// the imported list file tests/data/lists/csl.csv.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "base/sha256.h"
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

const std::string kCsl = SourcePath("tests/data/lists/csl.csv");

// A pack whose only listed party is not in the list file: what the owners and parents below hit,
// they hit on the imported list.
const char* const kPack = R"(pack: {name: who-lists, version: "1"}
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
parties:
  - {id: el-a, name: Alpha Semiconductor, cite: ca, list: entity_list}
affiliates:
  id: affiliates-rule
  cite: "744.11"
  message: owned 50 % or more by listed parties
  lists: [entity_list, meu, sdn]
  unknown_ownership: review
  periods:
    - {effective: {from: 2025-09-29}, cite: in force}
)";

// A manifest shipped on 2026-11-20 to `end_user` (a YAML flow mapping's fields), consignee and
// end user at once.
std::string WhoManifest(const std::string& end_user) {
  return "shipment:\n"
         "  id: SO-L1\n"
         "  date: 2026-11-20\n"
         "  consignee: {name: Foo Ltd, country: DE, headquarters: DE, " +
         end_user +
         "}\n"
         "lines:\n"
         "  - {part: P, specs: {tpp: 1}}\n";
}

// A database with the sample CSL file imported.
std::string ListsDb(const TempDir& dir) {
  std::string db = dir.path() + "/who.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  RunResult imported = RunChipgate({"lists", "import", "--db", db, kCsl});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  return db;
}

}  // namespace

TEST_CASE("CheckDbScreensOwnersAndParentsAgainstTheImportedLists", "[cli][affiliates][lists]") {
  TempDir dir;
  std::string db = ListsDb(dir);
  std::string digest = "sha256:" + Sha256Hex(ReadFile(kCsl));
  std::string pack = dir.path() + "/pack";
  dir.Write("pack/pack.yaml", kPack);
  auto check = [&](const std::string& name, const std::string& end_user,
                   const std::string& format) {
    std::string m = dir.Write(name + ".yaml", WhoManifest(end_user));
    return RunChipgate({"check", m, "--rules", pack, "--db", db, "--no-audit", "--format", format});
  };
  // An owner of 50 % on the imported Entity List: an affiliate, in text and in JSON.
  const std::string half =
      "owners: [{name: \"Huawei Technologies Co., Ltd.\", share: 50}, {name: Else, share: 50}]";
  RunResult text = check("half", half, "text");
  INFO(text.out << text.err);
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("affiliates-rule: owned 50 % or more by listed parties: consignee and end "
                      "user `Foo Ltd` is owned 50 %") != std::string::npos);
  RunResult json = check("half", half, "json");
  INFO(json.out << json.err);
  auto j = nlohmann::json::parse(json.out);
  const auto& line = j["lines"][0];
  CHECK(line["decision"] == "license_required");
  REQUIRE(line["reasons"].size() == 1);
  CHECK(line["reasons"][0]["rule"] == "affiliates-rule");
  std::string message = line["reasons"][0]["message"];
  CHECK(message.find("`Huawei Technologies Co., Ltd.` matches `Huawei Technologies Co., Ltd.` "
                     "(EL entry `4a1c0e6b52d3f0a8c9e7b1d2f3a4b5c6d7e8f901`, 84 FR 22961") !=
        std::string::npos);
  CHECK(message.find("list csl-csv csl.csv " + digest.substr(0, 19)) != std::string::npos);
  // A listed parent and no shares: review, naming the parent and its entry.
  RunResult parent = check("parent", "parent: {name: Sugon, headquarters: CN}", "json");
  INFO(parent.out << parent.err);
  auto p = nlohmann::json::parse(parent.out);
  CHECK(p["lines"][0]["decision"] == "review");
  bool named = false;
  for (const auto& r : p["lines"][0]["reasons"]) {
    std::string m = r["message"];
    named |= m.find(
                 "the parent of consignee and end user `Foo Ltd` is listed: `Sugon` matches "
                 "`Sugon`, a name of `Dawning Information Industry Co., Ltd.` (EL entry") !=
             std::string::npos;
  }
  CHECK(named);
  RunResult parent_text = check("parent", "parent: {name: Sugon, headquarters: CN}", "text");
  INFO(parent_text.out);
  CHECK(parent_text.out.find("the parent of consignee and end user `Foo Ltd` is listed: `Sugon` "
                             "matches `Sugon`, a name of `Dawning Information Industry Co., "
                             "Ltd.` (EL entry") != std::string::npos);
  // The parent holding all of it: the affiliates rule decides, an affiliate.
  RunResult owned = check("owned",
                          "parent: {name: Sugon}, owners: [{name: \"Dawning Information Industry "
                          "Co., Ltd.\", share: 100}]",
                          "json");
  INFO(owned.out << owned.err);
  auto o = nlohmann::json::parse(owned.out);
  CHECK(o["lines"][0]["decision"] == "license_required");
  CHECK(o["lines"][0]["reasons"].size() == 1);
  // One letter off a listed name: a possible match, review.
  RunResult alike = check(
      "alike",
      "owners: [{name: \"Huawei Technolgies Co., Ltd.\", share: 10}, {name: Else, share: 90}]",
      "text");
  INFO(alike.out << alike.err);
  CHECK(alike.out.find("owner `Huawei Technolgies Co., Ltd.` of consignee and end user `Foo Ltd` "
                       "resembles `Huawei Technologies Co., Ltd.`") != std::string::npos);
  CHECK(alike.out.find("review") != std::string::npos);
}

TEST_CASE("CheckDbWithUsEarCountsAnImportedSdnOwner", "[cli][affiliates][lists]") {
  TempDir dir;
  std::string db = ListsDb(dir);
  std::string m = dir.Write("m.yaml", R"(shipment:
  id: SO-L2
  date: 2026-11-20
  consignee:
    name: Rhein Netz GmbH
    country: DE
    headquarters: DE
    owners: [{name: ROSOBORONEXPORT OAO, share: 50}, {name: Rhein Familie, share: 50}]
lines:
  - {part: NIC-25G, specs: {type: other}}
)");
  RunResult r =
      RunChipgate({"check", m, "--rules", kUsEar, "--db", db, "--no-audit", "--format", "json"});
  INFO(r.out << r.err);
  auto j = nlohmann::json::parse(r.out);
  // The SDN List is one of the lists the us-ear affiliates rule counts (`sdn`): prohibited.
  CHECK(j["lines"][0]["decision"] == "prohibited");
  bool named = false;
  for (const auto& reason : j["lines"][0]["reasons"]) {
    std::string text = reason["message"];
    named |= reason["rule"] == "affiliates-rule" &&
             text.find("`ROSOBORONEXPORT OAO` matches `ROSOBORONEXPORT OAO` (SDN entry") !=
                 std::string::npos;
  }
  CHECK(named);
}

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
  CHECK(k["lines"][0]["affiliates_unchecked"].empty());
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
