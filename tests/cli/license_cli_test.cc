// `chipgate license list|show` and `db import --licenses` through the binary: the text and JSON
// views of the sample licenses with their used and remaining balances as of a date, and located
// import errors with nothing imported.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// The sample database with one use recorded: SO-25-0403's 16 H200 under D3456789 on 2025-02-11,
// worth $640,000.00.
std::string SampleWithUse(const TempDir& dir) {
  std::string db = BuildSampleDatabase(dir);
  RawExec(db,
          "INSERT INTO license_uses (license, shipment_id, line, date, quantity, value_cents) "
          "SELECT id, 'SO-25-0403', 1, '2025-02-11', 16, 64000000 FROM licenses WHERE number = "
          "'D3456789'");
  return db;
}

}  // namespace

TEST_CASE("LicenseShowPrintsLimitsUseAndRemainingAsOfTheDate", "[cli][license]") {
  TempDir dir;
  std::string db = SampleWithUse(dir);
  RunResult r = RunChipgate({"license", "show", "D3456789", "--db", db, "--date", "2025-06-01"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "license D3456789\n"
        "  status: in force on 2025-06-01\n"
        "  valid: 2025-01-01 to 2025-12-31\n"
        "  classes: 3A090.a\n"
        "  destinations: MY\n"
        "  consignee: C-1011\n"
        "  end user: C-1011\n"
        "  quantity: limit 32, used 16, remaining 16\n"
        "  value (USD): limit 1280000.00, used 640000.00, remaining 640000.00\n"
        "  conditions: fictitious; quarterly report of installed units\n");
  // Before the shipment nothing was used; after the end of the year the license has expired.
  RunResult before =
      RunChipgate({"license", "show", "D3456789", "--db", db, "--date", "2025-02-10"});
  CHECK(before.out.find("quantity: limit 32, used 0, remaining 32\n") != std::string::npos);
  RunResult after =
      RunChipgate({"license", "show", "D3456789", "--db", db, "--date", "2026-01-01"});
  CHECK(after.out.find("status: expired on 2026-01-01\n") != std::string::npos);
}

TEST_CASE("LicenseListShowsEverySampleLicenseByNumber", "[cli][license]") {
  TempDir dir;
  std::string db = SampleWithUse(dir);
  RunResult r = RunChipgate({"license", "list", "--db", db, "--date", "2025-03-01"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> numbers;
  for (size_t at = r.out.find("license "); at != std::string::npos;
       at = r.out.find("\nlicense ", at + 1))
    numbers.push_back(r.out.substr(r.out.find("D", at), 8));
  CHECK(numbers == std::vector<std::string>{"D0456789", "D1234567", "D2345678", "D3456789",
                                            "D4567890", "D5678901", "D6789012"});
  CHECK(r.out.find("license D4567890\n  status: not yet valid on 2025-03-01\n") !=
        std::string::npos);
  CHECK(r.out.find("license D6789012\n  status: in force on 2025-03-01\n") != std::string::npos);
}

TEST_CASE("LicenseJsonGivesBalancesAsExactDollarStrings", "[cli][license]") {
  TempDir dir;
  std::string db = SampleWithUse(dir);
  RunResult r = RunChipgate(
      {"license", "show", "D3456789", "--db", db, "--date", "2025-06-01", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto shown = nlohmann::json::parse(r.out);
  CHECK(shown["schema"] == "chipgate.license-show/v1");
  CHECK(shown["date"] == "2025-06-01");
  auto j = shown["license"];
  CHECK(j["number"] == "D3456789");
  CHECK(j["status"] == "in force");
  CHECK(j["classes"] == nlohmann::json::array({"3A090.a"}));
  CHECK(j["destinations"] == nlohmann::json::array({"MY"}));
  CHECK(j["consignee"] == "C-1011");
  CHECK(j["quantity"] == nlohmann::json({{"limit", 32}, {"used", 16}, {"remaining", 16}}));
  CHECK(
      j["value_usd"] ==
      nlohmann::json({{"limit", "1280000.00"}, {"used", "640000.00"}, {"remaining", "640000.00"}}));
  CHECK(j["line"] == 5);

  RunResult list =
      RunChipgate({"license", "list", "--db", db, "--date", "2025-06-01", "--format", "json"});
  REQUIRE(list.exit_code == 0);
  auto all = nlohmann::json::parse(list.out);
  CHECK(all["date"] == "2025-06-01");
  REQUIRE(all["licenses"].size() == 7);
  CHECK(all["licenses"][3] == j);
}

TEST_CASE("LicenseWithoutLimitsShowsNullLimits", "[cli][license]") {
  TempDir dir;
  std::string db = dir.path() + "/l.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  std::string csv = dir.Write(
      "l.csv",
      "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
      "valid_until,conditions\nD2000000,3A090,SG,,,,,2025-01-01,2025-12-31,\n");
  REQUIRE(RunChipgate({"db", "import", db, "--licenses", csv}).exit_code == 0);
  RunResult text = RunChipgate({"license", "list", "--db", db, "--date", "2025-06-01"});
  CHECK(text.out.find("  consignee: any\n  end user: any\n  quantity: no limit (used 0)\n"
                      "  value (USD): no limit (used 0.00)\n") != std::string::npos);
  RunResult r = RunChipgate(
      {"license", "show", "D2000000", "--db", db, "--date", "2025-06-01", "--format", "json"});
  auto j = nlohmann::json::parse(r.out)["license"];
  CHECK(j["consignee"].is_null());
  CHECK(j["conditions"].is_null());  // an empty cell is no conditions: null, never ""
  CHECK(j["quantity"]["limit"].is_null());
  CHECK(j["quantity"]["remaining"].is_null());
  CHECK(j["value_usd"]["used"] == "0.00");
}

TEST_CASE("LicenseRefusesAnUnknownNumberABadDateAndMissingDb", "[cli][license]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult unknown = RunChipgate({"license", "show", "D7777777", "--db", db});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "chipgate license: no license `D7777777` is stored\n");
  CHECK(RunChipgate({"license", "list", "--db", db, "--date", "2025-02-30"}).exit_code == 2);
  CHECK(RunChipgate({"license", "list"}).exit_code == 2);
  CHECK(RunChipgate({"license", "list", "--db", db, "--format", "html"}).exit_code == 2);
}

TEST_CASE("DbImportLicensesReportsEveryBadCellAndImportsNothing", "[cli][license]") {
  TempDir dir;
  std::string db = dir.path() + "/l.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  std::string csv = dir.Write(
      "l.csv",
      "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
      "valid_until,conditions\n"
      "D2000000,3A090.a,SG,,,10,,2025-01-01,2025-12-31,\n"
      "N/A,3A090.a,SG,,,10,1e6,2025-01-01,2025-12-31,\n");
  RunResult r = RunChipgate({"db", "import", db, "--licenses", csv});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(csv + ":3:1: error[E611]: column `license_number`: `N/A` is not a license "
                         "number") != std::string::npos);
  CHECK(r.err.find(csv + ":3:21: error[E613]: column `value_usd`: `1e6`") != std::string::npos);
  CHECK(r.err.find("2 errors; nothing was imported") != std::string::npos);
  CHECK(RunChipgate({"license", "list", "--db", db}).out == "no licenses stored\n");
}

}  // namespace chipgate::testing
