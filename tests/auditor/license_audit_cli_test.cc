// `chipgate audit` on a database with licenses (docs/licenses.md, "Audit"): the license findings
// come from stored rows through the CLI, with the parties completed from the customer master;
// they are recorded (audit_findings and the audit log, a license's own finding under the subject
// `license <number> date <date>`), and the JSON and text reports show each license's use.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "support/json_fields.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kParts =
    "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter,io_bandwidth_gbs\n"
    "H100,3A090.a,ic,15832,814,true,900\n";

const char* kParties =
    "party_id,name,aliases,country,headquarters,parent,parent_headquarters,note\n"
    "C-1,Cloud Co,,CN,CN,,,\n"
    "C-2,Other Co,,CN,CN,,,\n";

// D1111111: H100s (3A090.a) to CN for C-1, 11 units and $100,000, 2024. D2222222: the same to SG
// only, any party, no limits, through 2025.
const char* kLicenses =
    "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
    "valid_until,conditions\n"
    "D1111111,3A090.a,CN,C-1,C-1,11,100000,2024-01-01,2024-12-31,test\n"
    "D2222222,3A090.a,SG,,,,,2024-01-01,2025-12-31,test\n";

// Replayed by date, not by id: S-A (March), S-B and S-PARTY (May) fill D1111111 to 11 units;
// S-0 (June, first by id) is the one past its limits (13 units; $40,000 + $80,000 known). S-PARTY
// ships to another party, S-DEST to a destination D2222222 does not name, S-NOTHELD under a number
// no license has.
const char* kShipments =
    "shipment_id,date,consignee,consignee_country,end_user,end_user_country,end_user_headquarters,"
    "part_number,quantity,license,unit_value\n"
    "S-0,2024-06-01,Cloud Co,CN,Cloud Co,CN,CN,H100,2,D1111111,40000\n"
    "S-A,2024-03-01,Cloud Co,CN,Cloud Co,CN,CN,H100,4,D1111111,10000\n"
    "S-B,2024-05-01,Cloud Co,CN,Cloud Co,CN,CN,H100,6,D1111111,\n"
    "S-DEST,2024-05-02,Cloud Co,CN,Cloud Co,CN,CN,H100,1,D2222222,\n"
    "S-NOTHELD,2024-05-03,Cloud Co,CN,Cloud Co,CN,CN,H100,1,D3333333,\n"
    "S-PARTY,2024-05-04,Other Co,CN,Other Co,CN,CN,H100,1,D1111111,\n";

struct Fixture {
  TempDir dir;
  std::string db = dir.path() + "/lic.db";
  Fixture() {
    REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
    RunResult r =
        RunChipgate({"db", "import", db, "--parts", dir.Write("p.csv", kParts), "--parties",
                     dir.Write("c.csv", kParties), "--licenses", dir.Write("l.csv", kLicenses),
                     "--shipments", dir.Write("s.csv", kShipments)});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  RunResult Audit(std::vector<std::string> extra) {
    std::vector<std::string> args = {"audit", "--db", db, "--rules", SourcePath("rules/us-ear")};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunChipgate(args);
  }
};

std::multiset<std::string> LicenseKinds(const nlohmann::json& j) {
  std::multiset<std::string> out;
  for (const auto& f : j["findings"]) {
    std::string kind = f["kind"];
    if (kind.rfind("license_", 0) != 0) continue;
    out.insert(kind + " " + TextOr(f, "shipment", TextOr(f, "license", "")) + " " +
               f["severity"].get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("AuditReplaysStoredShipmentsAgainstTheLicensesHeld", "[auditor][license]") {
  Fixture fx;
  RunResult r = fx.Audit({"--date", "2024-12-02", "--format", "json", "--no-record"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(LicenseKinds(j) == std::multiset<std::string>{
                               "license_quantity_exceeded S-0 high",
                               "license_value_exceeded S-0 high",
                               "license_wrong_destination S-DEST high",
                               "license_not_a_license S-NOTHELD high",
                               "license_wrong_party S-PARTY high",
                           });
  // No license_expiring: D1111111 ends 29 days after the audit date but is used up, and
  // D2222222 ends a year later.
  REQUIRE(j["licenses"].size() == 2);
  const auto& d1 = j["licenses"][0];
  CHECK(d1["number"] == "D1111111");
  CHECK(d1["quantity"] == nlohmann::json::parse(R"({"limit": 11, "used": 13, "remaining": -2})"));
  // S-A and S-0 have known values ($40,000 and $80,000); S-B and S-PARTY have none.
  CHECK(d1["value_usd"]["used"] == "120000.00");
  CHECK(d1["lines"] == 4);
  CHECK(d1["unknown_value_lines"] == 2);
  CHECK(d1["recorded"]["quantity"] == 0);  // importing shipments records no use
  // The text report lists each license's use after the findings.
  RunResult text = fx.Audit({"--date", "2024-12-02", "--no-record"});
  CHECK(text.out.find("  D1111111 3A090.a to CN, valid 2024-01-01 to 2024-12-31: quantity 13 of "
                      "11, value $120000.00 of $100000.00, 4 lines (2 of unknown value, not "
                      "counted)\n") != std::string::npos);
}

TEST_CASE("ExpiringLicenseIsFoundThirtyDaysAhead", "[auditor][license]") {
  Fixture fx;
  // D2222222 ends 2025-12-31 and has no limit: a finding from 30 days before, not 31.
  auto expiring = [&](const char* date) {
    RunResult r = fx.Audit({"--date", date, "--format", "json", "--no-record"});
    std::multiset<std::string> kinds = LicenseKinds(nlohmann::json::parse(r.out));
    return kinds.count("license_expiring D2222222 low");
  };
  CHECK(expiring("2025-12-01") == 1);
  CHECK(expiring("2025-11-30") == 0);
}

TEST_CASE("LicenseFindingsAreRecordedAndLogged", "[auditor][license]") {
  Fixture fx;
  RunResult r = fx.Audit({"--date", "2025-12-02", "--format", "json", "--actor", "auditor"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["run"] == 1);
  CHECK(RawScalar(fx.db, "SELECT count(*) FROM audit_findings WHERE kind LIKE 'license_%'") == "6");
  CHECK(RawScalar(fx.db, "SELECT declared FROM audit_findings WHERE kind = 'license_expiring'") ==
        "D2222222");
  // The finding row keeps the license it is about; the run's one record covers the rows.
  CHECK(RawScalar(fx.db, "SELECT license FROM audit_findings WHERE kind = 'license_expiring'") ==
        "D2222222");
  CHECK(RawScalar(fx.db,
                  "SELECT count(*) FROM audit_findings WHERE kind = "
                  "'license_quantity_exceeded'") != "0");
  CHECK(RunChipgate({"log", "verify", "--db", fx.db}).exit_code == 0);
  RunResult e = RunChipgate({"log", "export", "--db", fx.db});
  CHECK(e.out.find("\"subject\":\"audit run 1 date 2025-12-02\"") != std::string::npos);
}

}  // namespace chipgate::testing
