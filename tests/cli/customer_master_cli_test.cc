// The customer master through the command line: `db import --ownership`, its located errors,
// `check --db` completing a manifest's parties (and printing where the manifest and the database
// disagree), and `audit` re-deciding a stored shipment with the master's parent chain.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/json_fields.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {

TEST_CASE("DbImportReadsOwnershipAndReportsItsBadCells", "[cli][parties]") {
  TempDir dir;
  std::string db = dir.path() + "/m.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  std::string parties = dir.Write("p.csv",
                                  "party_id,name,aliases,country,headquarters,parent,"
                                  "parent_headquarters,note\n"
                                  "A-1,Alpha Holdings Ltd,Alpha,HK,HK,,,\n"
                                  "A-2,Alpha Compute Sdn Bhd,,MY,MY,A-1,,\n");
  std::string bad = dir.Write("bad.csv", "party,owner,share\nA-2,A-1,150\n");
  RunResult r = RunChipgate({"db", "import", db, "--parties", parties, "--ownership", bad});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(bad + ":2:9: error[E601]: column `share`: `150` must be at most 100") !=
        std::string::npos);
  CHECK(r.err.find("nothing was imported") != std::string::npos);
  CHECK(RawScalar(db, "SELECT count(*) FROM parties") == "0");
  std::string good = dir.Write("good.csv", "party,owner,share\nA-2,alpha,100\n");
  r = RunChipgate({"db", "import", db, "--parties", parties, "--ownership", good});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(RawScalar(db, "SELECT owner FROM ownership") ==
        RawScalar(db, "SELECT id FROM parties WHERE party_id = 'A-1'"));
}

// The second failure: a manifest saying headquarters SG for a customer the database
// records as headquartered in CN must not clear a DGX H100. The database's CN is decided with,
// and the disagreement is printed and part of the recorded facts.
TEST_CASE("CheckWithDbDecidesWithTheMastersHeadquartersAndReportsTheConflict", "[cli][parties]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string manifest = dir.Write(
      "m.yaml",
      "shipment:\n"
      "  id: T-SG\n"
      "  date: 2025-03-01\n"
      "  consignee: {name: \"LION CITY CLOUD SERVICES PTE LTD\", country: SG, headquarters: SG}\n"
      "lines:\n"
      "  - part: NV-DGX-H100\n"
      "    quantity: 2\n");
  RunResult r = RunChipgate(
      {"check", manifest, "--db", db, "--format", "json", "--rules", SourcePath("rules/us-ear")});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["lines"].size() == 1);
  CHECK(j["lines"][0]["decision"] != "no_license_required");
  CHECK(j["lines"][0]["decision"] == "license_required");
  CHECK(r.err.find("chipgate: conflict: end_user.headquarters: manifest says `SG`, database "
                   "says `CN`") != std::string::npos);
  CHECK(r.err.find("chipgate: conflict: consignee.headquarters: manifest says `SG`, database "
                   "says `CN`") != std::string::npos);
  // The disagreement is a reason of the line too (party-conflict, review), in the JSON output
  // and so in the audit record: the decision says which sources disagreed.
  std::string line = j["lines"][0].dump();
  CHECK(line.find("party-conflict") != std::string::npos);
  CHECK(line.find("`end_user.headquarters`: manifest says `SG`, database says `CN`") !=
        std::string::npos);
}

TEST_CASE("CheckWithDbDecidesForAPartyGivenOnlyById", "[cli][parties]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  // Only the customer-master id: country, headquarters and owners all come from the master
  // (C-1010, Lion City Cloud Services: SG, headquartered in CN, owned by its holding).
  std::string manifest = dir.Write("m.yaml",
                                   "shipment:\n"
                                   "  id: T-ID\n"
                                   "  date: 2026-11-20\n"
                                   "  consignee: {id: C-1010}\n"
                                   "lines:\n"
                                   "  - {part: NV-DGX-H100, quantity: 1}\n");
  RunResult r = RunChipgate({"check", manifest, "--db", db, "--format", "json", "--no-audit",
                             "--rules", SourcePath("rules/us-ear")});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["lines"][0]["decision"] == "license_required");
  CHECK(j["lines"][0].dump().find("ac-hq-d5") != std::string::npos);
  CHECK(r.err.find("conflict") == std::string::npos);
  // Without the database nothing says where the party is: never cleared.
  RunResult alone = RunChipgate(
      {"check", manifest, "--format", "json", "--no-audit", "--rules", SourcePath("rules/us-ear")});
  INFO(alone.err);
  auto k = nlohmann::json::parse(alone.out);
  CHECK(k["lines"][0]["decision"] == "review");
  // An id the master does not have is an error, not a guess.
  std::string unknown = dir.Write("u.yaml",
                                  "shipment:\n"
                                  "  date: 2026-11-20\n"
                                  "  consignee: {id: C-9999}\n"
                                  "lines:\n"
                                  "  - {part: NV-DGX-H100, quantity: 1}\n");
  CHECK(RunChipgate({"check", unknown, "--db", db, "--no-audit"}).exit_code == 2);
}

TEST_CASE("CheckWithDbFillsTheHeadquartersAManifestLeavesOut", "[cli][parties]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  // The first failure: a customer in the database but no headquarters in the manifest
  // was `review … missing end_user.headquarters`. The master says MY, ultimate parent in CN.
  std::string manifest = dir.Write("m.yaml",
                                   "shipment:\n"
                                   "  id: T-MY\n"
                                   "  date: 2025-12-02\n"
                                   "  consignee: {name: \"Kinabalu AI Compute\", country: MY}\n"
                                   "lines:\n"
                                   "  - part: NV-H200-SXM-141G\n"
                                   "    quantity: 3\n");
  RunResult r = RunChipgate(
      {"check", manifest, "--db", db, "--format", "json", "--rules", SourcePath("rules/us-ear")});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["lines"][0]["decision"] == "license_required");
  CHECK(j["lines"][0].dump().find("ac-hq-d5") != std::string::npos);
  CHECK(r.err.find("conflict") == std::string::npos);
}

TEST_CASE("AuditFlagsTheShipmentToAForeignSubsidiaryOfAChineseGroup", "[cli][parties]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-11-29", "--format", "json", "--no-record"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  int found = 0;
  for (const auto& f : j["findings"]) {
    if (TextOr(f, "shipment", "") != "SO-25-0412") continue;
    ++found;
    CHECK(f["kind"] == "headquarters_in_d5");
    CHECK(f["severity"] == "high");
    CHECK(f.dump().find("ac-hq-d5") != std::string::npos);
  }
  CHECK(found == 1);
  // The shipment row has no headquarters at all: only the master's parent chain flags it.
  CHECK(RawScalar(db,
                  "SELECT coalesce(end_user_headquarters, '') FROM shipments WHERE id = "
                  "'SO-25-0412'") == "");
}

}  // namespace chipgate::testing
