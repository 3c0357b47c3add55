// `chipgate audit`: ECCN normalisation, one constructed case of every finding kind, the two-date
// comparison across 2023-11-17, recording of runs and findings, exit codes, and the sample
// database's findings against a golden file.
#include <sqlite3.h>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "base/eccn.h"
#include "chipgate/inventory_audit.h"
#include "support/golden_version.h"
#include "support/json_fields.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kParts =
    "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter,memory_bandwidth_density,io_"
    "bandwidth_gbs\n"
    "H100,3A090.a,ic,15832,814,true,,900\n"          // correct
    "L4,EAR99,ic,1940,294.5,true,,64\n"              // misclassified (high): really 3A090.a.2
    "OLD-GPU,3A090.a,ic,1000,500,true,,64\n"         // misclassified (low): meets no class
    "TPU,EAR99,ic,3152,,true,,400\n"                 // unclassifiable: die area missing
    "RTX4090,ECCN 3a090a,ic,5285,608.5,false,,64\n"  // correct, written differently
    "HBM,3A090.c,memory,,,,9.5,\n"                   // correct
    "NIC,5A992.c,other,,,,,\n";                      // outside the pack, no finding

const char* kShipments =
    "shipment_id,date,consignee,consignee_country,end_user,end_user_country,end_user_headquarters,"
    "part_number,quantity,license\n"
    "S-OK,2024-06-01,Lab GmbH,DE,Lab GmbH,DE,DE,H100,8,\n"
    "S-UNLIC,2024-06-01,Cloud Co,SA,Cloud Co,SA,SA,H100,8,\n"        // unlicensed_shipment
    "S-LIC,2024-06-01,Cloud Co,CN,Cloud Co,CN,CN,H100,8,D1234567\n"  // licensed: fine
    "S-NAC,2024-06-01,Cloud Co,CN,Cloud Co,CN,CN,H100,8,NAC\n"  // exception_misused (datacenter .a)
    "S-WRONG,2024-10-01,Gamer Co,SA,Gamer Co,SA,SA,RTX4090,8,NAC\n"    // exception_misused (ACA was
                                                                       // due)
    "S-MISSING-EX,2024-10-01,Gamer Co,SA,Gamer Co,SA,SA,RTX4090,8,\n"  // unlicensed (ACA not
                                                                       // recorded)
    "S-PARTY,2024-06-01,Sugon,CN,Sugon,CN,CN,NIC,2,\n"                 // party_hit + unlicensed
    "S-REVIEW,2024-06-01,Cloud Co,CN,Cloud Co,CN,CN,TPU,1,\n";         // shipment_needs_review

// The license S-LIC names, held and covering it (3A090.a to CN in 2024, any party): a recorded
// license number is checked against the licenses held (tests/auditor/license_*_test.cc).
const char* kLicenses =
    "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
    "valid_until,conditions\n"
    "D1234567,3A090.a,CN,,,8,,2024-01-01,2024-12-31,test\n";

struct Fixture {
  TempDir dir;
  std::string db = dir.path() + "/inv.db";
  Fixture() {
    REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
    RunResult r =
        RunChipgate({"db", "import", db, "--parts", dir.Write("p.csv", kParts), "--licenses",
                     dir.Write("l.csv", kLicenses), "--shipments", dir.Write("s.csv", kShipments)});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  nlohmann::json Audit(std::vector<std::string> extra, int want_exit) {
    std::vector<std::string> args = {"audit",    "--db", db, "--rules", SourcePath("rules/us-ear"),
                                     "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = RunChipgate(args);
    INFO(r.err);
    CHECK(r.exit_code == want_exit);
    return nlohmann::json::parse(r.out);
  }
};

std::multiset<std::string> Kinds(const nlohmann::json& j) {
  std::multiset<std::string> out;
  for (const auto& f : j["findings"]) {
    out.insert(f["kind"].get<std::string>() + " " + TextOr(f, "shipment", TextOr(f, "part", "")) +
               " " + f["severity"].get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("EccnSpellingsNormalise", "[auditor]") {
  CHECK(NormalizeEccn("3A090.a") == "3A090.a");
  CHECK(NormalizeEccn("ECCN 3a090a") == "3A090.a");
  CHECK(NormalizeEccn("3A090.a.1") == "3A090.a");
  CHECK(NormalizeEccn(" 4a090.B ") == "4A090.b");
  CHECK(NormalizeEccn("ear 99") == "EAR99");
  CHECK(NormalizeEccn("5A992.c") == "5A992.c");
  CHECK(NormalizeEccn("9z999 b") == "9Z999.b");  // any group letter: packs other than us-ear
  CHECK(NormalizeEccn("") == "");
}

TEST_CASE("EveryFindingKindIsFound", "[auditor]") {
  Fixture fx;
  nlohmann::json j = fx.Audit({"--date", "2026-11-29", "--no-record"}, 1);
  CHECK(j["parts"] == 7);
  CHECK(j["shipments"] == 8);
  CHECK(Kinds(j) == std::multiset<std::string>{
                        "misclassified L4 high",
                        "misclassified OLD-GPU low",
                        "unclassifiable TPU high",
                        "unlicensed_shipment S-UNLIC high",
                        "exception_misused S-NAC high",
                        "exception_misused S-WRONG medium",
                        "unlicensed_shipment S-MISSING-EX medium",
                        "party_hit S-PARTY high",
                        "unlicensed_shipment S-PARTY high",
                        "shipment_needs_review S-REVIEW medium",
                    });
  for (const auto& f : j["findings"]) {
    if (f["kind"] == "unclassifiable")
      CHECK(f["summary"].get<std::string>().find("missing die_area_mm2") != std::string::npos);
    if (f["kind"] == "misclassified" && f["part"] == "L4") CHECK(f["computed"] == "3A090.a");
    if (f.contains("shipment") && f["shipment"] == "S-WRONG")
      CHECK(f["computed"] == "license_exception ACA");
  }
  CHECK(j["parts_by_class"]["3A090.a"] == 3);
  CHECK(j["parts_by_class"]["unclassifiable"] == 1);
}

TEST_CASE("CleanInventoryHasNoFindingsAndExitsZero", "[auditor]") {
  TempDir dir;
  std::string db = dir.path() + "/clean.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  REQUIRE(RunChipgate({"db", "import", db, "--parts",
                       dir.Write("p.csv",
                                 "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\nH100,"
                                 "3A090.a,ic,15832,814,true\n")})
              .exit_code == 0);
  RunResult r = RunChipgate(
      {"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date", "2025-01-01"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("findings: 0") != std::string::npos);
}

TEST_CASE("CompareDateAcrossTheOctober2023Rule", "[auditor]") {
  Fixture fx;
  nlohmann::json j =
      fx.Audit({"--date", "2023-11-16", "--compare-date", "2023-11-17", "--no-record"}, 1);
  std::set<std::string> changes;
  for (const auto& g : j["changes"]["groups"]) {
    for (const auto& c : g["changes"]) {
      changes.insert(c["part"].get<std::string>() + " " + c["destination"].get<std::string>() +
                     " " + c["before"].get<std::string>() + ">" + c["after"].get<std::string>());
    }
  }
  CHECK(changes.count("RTX4090 CN no_license_required>license_exception"));  // NAC from 2023-11-17
  CHECK(changes.count("RTX4090 SA no_license_required>license_exception"));
  CHECK(changes.count("L4 VN no_license_required>license_required"));    // 3A090.a.2 appears
  CHECK(changes.count("H100 SA no_license_required>license_required"));  // D:4 destination added
  CHECK_FALSE(changes.count("H100 DE no_license_required>license_required"));
  CHECK_FALSE(changes.count("H100 CN license_required>license_required"));
}

// Every finding is a row of audit_findings; each run is one audit-log record covering them.
TEST_CASE("AuditRunIsStoredAndItsFindingsAreCoveredByTheAuditLog", "[auditor]") {
  Fixture fx;
  nlohmann::json j = fx.Audit({"--date", "2026-11-29", "--actor", "auditor"}, 1);
  CHECK(j["run"] == 1);
  nlohmann::json again = fx.Audit({"--date", "2026-11-29"}, 1);
  CHECK(again["run"] == 2);
  CHECK(RawScalar(fx.db, "SELECT count(*) FROM audit_findings") ==
        std::to_string(2 * j["findings"].size()));
  CHECK(RawScalar(fx.db,
                  "SELECT count(*) FROM audit_findings WHERE kind = "
                  "'unlicensed_shipment'") != "0");
  RunResult v = RunChipgate({"log", "verify", "--db", fx.db});
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("2 records, findings of 2 audit runs match") != std::string::npos);
  RunResult e = RunChipgate({"log", "export", "--db", fx.db});
  CHECK(e.out.find("\"command\":\"audit\"") != std::string::npos);
  CHECK(e.out.find("\"decision\":\"findings\"") != std::string::npos);
  CHECK(e.out.find("\"actor\":\"auditor\"") != std::string::npos);
}

TEST_CASE("AuditBadInputExitsTwo", "[auditor]") {
  TempDir dir;
  CHECK(RunChipgate({"audit"}).exit_code == 2);
  CHECK(RunChipgate({"audit", "--db", dir.path() + "/none.db"}).exit_code == 2);
  std::string junk = dir.Write("junk.db", std::string(4096, 'q'));
  CHECK(RunChipgate({"audit", "--db", junk}).exit_code == 2);
  Fixture fx;
  CHECK(RunChipgate({"audit", "--db", fx.db, "--date", "2024-02-30"}).exit_code == 2);
  CHECK(RunChipgate({"audit", "--db", fx.db, "--format", "pdf"}).exit_code == 2);
}

TEST_CASE("SampleDatabaseAuditMatchesTheGoldenFindings", "[auditor][sample]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2026-11-29", "--format", "json", "--no-record"});
  CHECK(r.exit_code == 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  // The pack's digest changes with every pack edit: a fixed one keeps the document's shape (the
  // golden file validates against schemas/chipgate.audit.v1.schema.json).
  j["rules"]["digest"] = "sha256:" + std::string(64, '0');
  // Who ran it, on which copy of the database and when change with every run: fixed values keep
  // the shape (the digest is that of the database file, which is built anew for the test).
  REQUIRE(j["generated"].is_object());
  CHECK(j["generated"]["database"]["digest"].get<std::string>().rfind("sha256:", 0) == 0);
  j["generated"] = {
      {"actor", "actor"},
      {"host", "host"},
      {"database", {{"path", "sample.db"}, {"digest", "sha256:" + std::string(64, '0')}}},
      {"started", "2026-11-29T00:00:00Z"},
      {"seconds", 0}};
  NeutraliseVersion(j);
  std::string golden = SourcePath("tests/golden/audit/sample.json");
  if (std::getenv("CHIPGATE_UPDATE_GOLDEN") &&
      std::string(std::getenv("CHIPGATE_UPDATE_GOLDEN")) == "1") {
    std::ofstream(golden) << j.dump(2) << "\n";
    return;
  }
  std::ifstream in(golden);
  REQUIRE(in.good());
  CHECK(j == nlohmann::json::parse(in));
}

}  // namespace chipgate::testing

namespace chipgate::testing {
namespace {

// Writes into an existing database behind the importer's back (a database filled before import
// checked license values, or by another tool).
void RawSql(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(h);
  REQUIRE(rc == SQLITE_OK);
}

std::multiset<std::string> KindsOf(const nlohmann::json& j, const std::string& shipment) {
  std::multiset<std::string> out;
  for (const auto& f : j["findings"]) {
    if (TextOr(f, "shipment", "") == shipment)
      out.insert(f["kind"].get<std::string>() + " " + f["severity"].get<std::string>());
  }
  return out;
}

}  // namespace

// A placeholder stored as a license never counts as one: the line is treated as unlicensed and
// the value itself is a finding, as is an exception code the pack does not know.
TEST_CASE("PlaceholderLicenseInTheDatabaseIsTreatedAsUnlicensed", "[auditor][license]") {
  Fixture fx;
  RawSql(fx.db,
         "INSERT INTO shipments (id, date, consignee, consignee_country, end_user, "
         "end_user_country, end_user_headquarters) "
         "VALUES ('S-PH', '2024-06-01', 'Cloud Co', 'SA', 'Cloud Co', 'SA', 'SA'), "
         "('S-PH-OK', '2024-06-01', 'Lab GmbH', 'DE', 'Lab GmbH', 'DE', 'DE'), "
         "('S-GBS', '2024-06-01', 'Cloud Co', 'SA', 'Cloud Co', 'SA', 'SA');"
         "INSERT INTO shipment_lines (shipment_id, line, part_number, quantity, license) VALUES "
         "('S-PH', 1, 'H100', 8, 'N/A'), ('S-PH', 2, 'H100', 8, 'EAR99'), ('S-PH', 3, 'H100', 8, "
         "'pending'),"
         "('S-PH-OK', 1, 'H100', 8, 'none'), ('S-GBS', 1, 'H100', 8, 'GBS');");
  nlohmann::json j = fx.Audit({"--date", "2026-11-29", "--no-record"}, 1);
  CHECK(KindsOf(j, "S-PH") ==
        std::multiset<std::string>{"invalid_license high", "unlicensed_shipment high",
                                   "invalid_license high", "unlicensed_shipment high",
                                   "invalid_license high", "unlicensed_shipment high"});
  CHECK(KindsOf(j, "S-PH-OK") == std::multiset<std::string>{"invalid_license low"});
  CHECK(KindsOf(j, "S-GBS") ==
        std::multiset<std::string>{"invalid_license high", "unlicensed_shipment high"});
  for (const auto& f : j["findings"]) {
    if (f["kind"] != "invalid_license" || f["shipment"] != "S-GBS") continue;
    CHECK(f["summary"] ==
          "recorded license `GBS` is not a License Exception the us-ear pack knows; the line is "
          "treated as unlicensed");
  }
}

// A shipment dated before the pack's coverage cannot be re-checked: its own finding kind.
TEST_CASE("ShipmentOutsideThePackCoverageIsAFinding", "[auditor][coverage]") {
  Fixture fx;
  RawSql(fx.db,
         "INSERT INTO shipments (id, date, consignee, consignee_country, end_user, "
         "end_user_country, end_user_headquarters) "
         "VALUES ('S-2002', '2002-06-01', 'Lab GmbH', 'DE', 'Lab GmbH', 'DE', 'DE');"
         "INSERT INTO shipment_lines (shipment_id, line, part_number, quantity, license) VALUES "
         "('S-2002', 1, 'NIC', 1, NULL);");
  nlohmann::json j = fx.Audit({"--date", "2026-11-29", "--no-record"}, 1);
  REQUIRE(KindsOf(j, "S-2002") == std::multiset<std::string>{"outside_coverage medium"});
  for (const auto& f : j["findings"]) {
    if (TextOr(f, "shipment", "") != "S-2002") continue;
    CHECK_THAT(f["summary"].get<std::string>(),
               Catch::Contains("the shipment date is outside the period this rule pack models: "
                               "shipment date 2002-06-01"));
  }
}

}  // namespace chipgate::testing

namespace chipgate::testing {

// Issue 16: a `misclassified` finding says why: the `declared-class` reason (the declaration
// against the computed class, cited as the pack cites classifying from the item's data) first,
// then each class the data meets, with the class's title and citation. The text and HTML showed
// no reason for them before (only `classified` pseudo-reasons, which they left out), and an
// over-declared part that meets no class had no reason at all.
TEST_CASE("MisclassifiedFindingsGiveTheirReasons", "[auditor]") {
  Fixture fx;
  nlohmann::json j = fx.Audit({"--date", "2026-11-29", "--no-record"}, 1);
  int seen = 0;
  for (const auto& f : j["findings"]) {
    if (f["kind"] != "misclassified") continue;
    ++seen;
    INFO(f.dump(2));
    REQUIRE_FALSE(f["reasons"].empty());
    const auto& first = f["reasons"][0];
    CHECK(first["rule"] == "declared-class");
    CHECK(first["decision"] == "review");
    CHECK(first["cite"] == "15 CFR 732.3(b)");
    if (f["part"] == "L4") {
      CHECK(first["message"] ==
            "the declared ECCN EAR99 is not 3A090.a, the class its technical "
            "data meets");
      // The class met, with its citation and the values its condition read.
      bool met = false;
      for (const auto& r : f["reasons"]) {
        if (r["rule"] != "3A090.a.2") continue;
        met = true;
        CHECK(r["decision"] == "classified");
        CHECK(r["cite"].get<std::string>().find("ECCN 3A090.a.2") != std::string::npos);
        CHECK(r["message"].get<std::string>().rfind("datacenter IC with TPP of 1600 or more", 0) ==
              0);
      }
      CHECK(met);
    } else {
      CHECK(f["part"] == "OLD-GPU");
      CHECK(f["reasons"].size() == 1);
      CHECK(first["message"].get<std::string>().find("meets no class of that family") !=
            std::string::npos);
    }
  }
  CHECK(seen == 2);
  // The text report lists them under the finding.
  RunResult text = RunChipgate({"audit", "--db", fx.db, "--rules", SourcePath("rules/us-ear"),
                                "--date", "2026-11-29", "--no-record"});
  size_t at = text.out.find("misclassified: part OLD-GPU");
  REQUIRE(at != std::string::npos);
  CHECK(text.out.find("\n    declared-class (review): the declared ECCN 3A090.a is in a "
                      "controlled family",
                      at) == text.out.find('\n', at));
  CHECK(text.out.find("    3A090.a.2 (classified): datacenter IC with TPP of 1600 or more") !=
        std::string::npos);
}

// Shipment findings name their destination (the end user's country); part findings none.
TEST_CASE("ShipmentFindingsNameTheirDestination", "[auditor]") {
  Fixture fx;
  nlohmann::json j = fx.Audit({"--date", "2026-11-29", "--no-record"}, 1);
  for (const auto& f : j["findings"]) {
    INFO(f.dump());
    if (f["shipment"].is_null()) {
      CHECK(f["destination"].is_null());
    } else if (f["shipment"] == "S-UNLIC") {
      CHECK(f["destination"] == "SA");
    } else if (f["shipment"] == "S-PARTY") {
      CHECK(f["destination"] == "CN");
    }
  }
}

}  // namespace chipgate::testing
