// The inventory audit re-decides stored shipments with the customer master, its ownership graph
// and the imported screening lists, and reports who a line is held for as findings of their own:
// an affiliate of listed parties, a disagreement between the shipment row and the master, a hit
// on an imported list (against the version in force on each shipment's date), a line held
// because the buyer or its parent is headquartered in D:5 or Macau; parties whose owners nobody
// gave are listed once in the report.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "base/sha256.h"
#include "support/json_fields.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// The findings of `kind` for `shipment` in an audit report.
std::vector<nlohmann::json> Findings(const nlohmann::json& report, const std::string& kind,
                                     const std::string& shipment) {
  std::vector<nlohmann::json> out;
  for (const auto& f : report["findings"]) {
    if (f["kind"] == kind && TextOr(f, "shipment", "") == shipment) out.push_back(f);
  }
  return out;
}

}  // namespace

TEST_CASE("AuditReportsAffiliatesConflictsAndListHitsAsFindings", "[auditor][who]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  // Huawen Trading Ltd (C-1024) is 60 % owned by Sugon, an Entity List party of the pack: an
  // affiliate while the affiliates rule is in force (from 2026-11-10 in the us-ear pack).
  std::string ownership = dir.Write("own.csv", "party,owner,share\nC-1024,Sugon,60\n");
  // Three shipments after that date: to Huawen; to Lion City Cloud Services (C-1010, which the
  // master records as headquartered in CN) with a row saying SG; to a party on the imported
  // Unverified List.
  std::string shipments = dir.Write(
      "ship.csv",
      "shipment_id,date,consignee,consignee_country,end_user,end_user_country,"
      "end_user_headquarters,part_number,quantity,license,consignee_id,end_user_id,end_use\n"
      "SO-T-1,2026-11-20,Huawen Trading Ltd,MY,Huawen Trading Ltd,MY,MY,NIC-CX7-400G,4,,"
      "C-1024,C-1024,\n"
      "SO-T-2,2026-11-20,Lion City Cloud Services Pte. Ltd.,SG,Lion City Cloud Services Pte. "
      "Ltd.,SG,SG,NIC-CX7-400G,2,,C-1010,C-1010,\n"
      "SO-T-3,2026-11-20,Test Unverified Trading Co.,HK,Test Unverified Trading Co.,HK,HK,"
      "NIC-CX7-400G,1,,,,\n");
  RunResult imported =
      RunChipgate({"db", "import", db, "--ownership", ownership, "--shipments", shipments});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  RunResult listed =
      RunChipgate({"lists", "import", "--db", db, SourcePath("tests/data/lists/csl.csv")});
  INFO(listed.err);
  REQUIRE(listed.exit_code == 0);

  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-11-29", "--format", "json", "--no-record"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  nlohmann::json j = nlohmann::json::parse(r.out);

  auto affiliate = Findings(j, "affiliate_of_listed_party", "SO-T-1");
  REQUIRE(affiliate.size() == 1);
  CHECK(affiliate[0]["severity"] == "high");
  CHECK(affiliate[0]["summary"].get<std::string>().find("Sugon") != std::string::npos);
  // The NIC needs a license only because of who owns the buyer, and none is recorded.
  CHECK(Findings(j, "unlicensed_shipment", "SO-T-1").size() == 1);

  // One finding per disagreement: the row's headquarters is the consignee's too (the same
  // party), so both roles disagree with the master.
  auto conflict = Findings(j, "party_conflict", "SO-T-2");
  REQUIRE(conflict.size() == 2);
  std::string says;
  for (const auto& f : conflict) says += f["summary"].get<std::string>() + "\n";
  CHECK(says.find("`end_user.headquarters`: shipment says `SG`, database says `CN`") !=
        std::string::npos);
  CHECK(says.find("`consignee.headquarters`") != std::string::npos);
  CHECK(Findings(j, "party_conflict", "SO-T-1").empty());

  auto hit = Findings(j, "party_hit", "SO-T-3");
  REQUIRE_FALSE(hit.empty());
  bool from_list = false;
  for (const auto& reason : hit[0]["reasons"])
    from_list = from_list || reason["rule"].get<std::string>().rfind("list:UVL:", 0) == 0;
  CHECK(from_list);

  // The list version screened against, and every party whose owners are unknown, once each.
  REQUIRE(j["lists"].size() == 1);
  CHECK(j["lists"][0].get<std::string>().find("csl.csv") != std::string::npos);
  // Huawen's owners were unknown for its sample shipment of 2026-11-12 before the import above;
  // now they are known, and it is checked (an affiliate). Desert Pearl's never are.
  bool desert_pearl = false, huawen = false;
  for (const auto& p : j["ownership_unknown"]) {
    desert_pearl = desert_pearl || p.get<std::string>().find("Desert Pearl") != std::string::npos;
    huawen = huawen || p.get<std::string>().find("Huawen") != std::string::npos;
  }
  CHECK(desert_pearl);
  CHECK_FALSE(huawen);
}

TEST_CASE("AuditReportsAHeadquartersInD5FindingOfItsOwn", "[auditor][who]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-11-29", "--format", "json", "--no-record"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  // SO-24-0304: DGX H100 servers and H100 modules to a Singapore end user headquartered in the
  // PRC, no license; ac-hq-d5 holds each line.
  auto hq = Findings(j, "headquarters_in_d5", "SO-24-0304");
  REQUIRE(hq.size() == 2);
  for (const auto& f : hq) {
    CHECK(f["severity"] == "high");
    CHECK(f["summary"].get<std::string>().find("(rule `ac-hq-d5`)") != std::string::npos);
    CHECK(f["reasons"].dump().find("\"rule\":\"ac-hq-d5\"") != std::string::npos);
  }
  CHECK(Findings(j, "unlicensed_shipment", "SO-24-0304").empty());
  // A line held by a destination rule keeps the old kind: SO-24-0305, H100 modules to Saudi
  // Arabia (ac-d1-d4), is not about headquarters.
  CHECK(Findings(j, "unlicensed_shipment", "SO-24-0305").size() == 1);
  CHECK(Findings(j, "headquarters_in_d5", "SO-24-0305").empty());
}

TEST_CASE("AuditScreensEachShipmentAgainstTheListsOfItsDate", "[auditor][who][lists]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  // Two CSL versions: of 2025-10-01 listing Cambricon, of 2026-03-01 no longer listing it.
  std::string json = ReadFile(SourcePath("tests/data/lists/csl.json"));
  std::string later = json;
  for (size_t at; (at = later.find("Cambricon")) != std::string::npos;)
    later.replace(at, 9, "Quietname");
  for (size_t at; (at = later.find("2025-10-01")) != std::string::npos;)
    later.replace(at, 10, "2026-03-01");
  std::string first_digest = "sha256:" + Sha256Hex(json);
  std::string second_digest = "sha256:" + Sha256Hex(later);
  for (const auto& [name, text] : {std::pair{"v1.json", json}, std::pair{"v2.json", later}}) {
    RunResult listed = RunChipgate({"lists", "import", "--db", db, dir.Write(name, text)});
    INFO(listed.err);
    REQUIRE(listed.exit_code == 0);
  }
  // The same NIC to Cambricon while it was listed (between the versions), and after.
  std::string shipments = dir.Write(
      "ship.csv",
      "shipment_id,date,consignee,consignee_country,end_user,end_user_country,"
      "end_user_headquarters,part_number,quantity,license\n"
      "SO-L-1,2025-12-01,Cambricon Technologies,CN,Cambricon Technologies,CN,CN,NIC-CX7-400G,1,\n"
      "SO-L-2,2026-04-01,Cambricon Technologies,CN,Cambricon Technologies,CN,CN,NIC-CX7-400G,1,"
      "\n");
  REQUIRE(RunChipgate({"db", "import", db, "--shipments", shipments}).exit_code == 0);
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-11-29", "--format", "json", "--no-record"});
  INFO(r.err);
  nlohmann::json j = nlohmann::json::parse(r.out);
  // The pack's own parties may hit Cambricon too: the finding of the imported list's entry is the
  // one whose summary names a list version.
  std::vector<nlohmann::json> listed;
  for (const auto& f : Findings(j, "party_hit", "SO-L-1"))
    if (f["summary"].get<std::string>().find("; list csl-json") != std::string::npos)
      listed.push_back(f);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["reasons"].dump().find("list:EL:6c3e2a8d74f5b2c0e1a9d3f4b5c6d7e8f90a1b23") !=
        std::string::npos);
  // The finding names the version in force on the shipment's date, not the latest one.
  std::string summary = listed[0]["summary"];
  CHECK(summary.find("list csl-json v1.json " + first_digest + " of 2025-10-01") !=
        std::string::npos);
  CHECK(summary.find(second_digest) == std::string::npos);
  // After the second version Cambricon is no longer on the imported list.
  for (const auto& f : Findings(j, "party_hit", "SO-L-2"))
    CHECK(f["summary"].get<std::string>().find("; list csl-json") == std::string::npos);
  // The report names every version stored.
  REQUIRE(j["lists"].size() == 2);
  CHECK(j["lists"][0].get<std::string>().find(first_digest) != std::string::npos);
  CHECK(j["lists"][1].get<std::string>().find(second_digest) != std::string::npos);
}

}  // namespace chipgate::testing
