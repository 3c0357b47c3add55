// A truncated database (a copy cut short, a disk that filled while copying): every command that
// reads the missing pages fails with exit 2 and a message naming the file, and prints no
// decision; nothing is appended to a separate audit log for a check that failed.
#include <filesystem>

#include <catch2/catch.hpp>

#include "support/test_support.h"

namespace chipgate::testing {

TEST_CASE("TruncatedDatabaseGivesExitTwoAndNoDecision", "[reliability][store]") {
  TempDir dir;
  std::string csv = "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n";
  std::string manifest =
      "shipment: {id: T1, date: 2025-06-01, consignee: {name: Lab, country: DE}}\nlines:\n";
  for (int i = 0; i < 6000; ++i) {
    std::string part = "PART-" + std::to_string(100000 + i) + "-WITH-A-LONG-NUMBER-TO-FILL-PAGES";
    csv += part + ",3A090.a,ic," + std::to_string(1000 + i) + ",800,true\n";
    if (i % 7 == 0) manifest += "  - {part: " + part + "}\n";
  }
  std::string db = dir.path() + "/inv.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  RunResult imported = RunChipgate({"db", "import", db, "--parts", dir.Write("parts.csv", csv)});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  REQUIRE_FALSE(std::filesystem::exists(db + "-wal"));  // checkpointed when the import closed it
  auto size = std::filesystem::file_size(db);
  REQUIRE(size > 200000);
  std::filesystem::resize_file(db, size / 3);
  std::string m = dir.Write("m.yaml", manifest), audit = dir.path() + "/audit.db";

  RunResult check = RunChipgate({"check", m, "--db", db, "--audit", audit});
  CHECK(check.exit_code == 2);
  CHECK(check.out.empty());
  CHECK(check.err.find("inv.db") != std::string::npos);
  RunResult audit_run = RunChipgate({"audit", "--db", db, "--no-record"});
  CHECK(audit_run.exit_code == 2);
  CHECK(audit_run.out.empty());
  CHECK(audit_run.err.find("inv.db") != std::string::npos);
  // The separate audit log holds no record of the failed check.
  if (std::filesystem::exists(audit)) {
    RunResult verify = RunChipgate({"log", "verify", "--db", audit});
    CHECK(verify.exit_code == 0);
    CHECK(verify.out.find("0 records") != std::string::npos);
  }
}

}  // namespace chipgate::testing
