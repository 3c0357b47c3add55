// `chipgate lists import|status` and `check --db` screening against the imported lists: the
// round trip from a published file to a decision and an audit record that name the list version.
#include <catch2/catch.hpp>

#include "base/sha256.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kCsl = SourcePath("tests/data/lists/csl.csv");

std::string Manifest(const TempDir& dir, const std::string& end_user, const std::string& date) {
  return dir.Write("m-" + date + ".yaml",
                   "shipment:\n"
                   "  id: SO-1\n"
                   "  date: " +
                       date +
                       "\n"
                       "  consignee: {name: \"" +
                       end_user +
                       "\", country: DE, headquarters: DE}\n"
                       "lines:\n"
                       "  - part: SMALL-IC\n"
                       "    quantity: 1\n"
                       "    specs: {type: ic, tpp: 300, die_area_mm2: 100, datacenter: false}\n");
}

std::string InitDb(const TempDir& dir) {
  std::string db = dir.path() + "/l.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  return db;
}

}  // namespace

TEST_CASE("ListsImportStatusAndCheckNameTheVersion", "[cli][lists]") {
  TempDir dir;
  std::string db = InitDb(dir);
  std::string digest = "sha256:" + Sha256Hex(ReadFile(kCsl));
  RunResult imported = RunChipgate({"lists", "import", "--db", db, kCsl});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(imported.out.find("csl: csl-csv csl.csv " + digest) != std::string::npos);

  RunResult status = RunChipgate({"lists", "status", "--db", db});
  REQUIRE(status.exit_code == 0);
  CHECK(status.out.find(digest) != std::string::npos);
  CHECK(status.out.find("6 entries") != std::string::npos);
  CHECK(status.out.find("  EL: 3\n") != std::string::npos);
  CHECK(status.out.find("  SDN: 1\n") != std::string::npos);

  RunResult check =
      RunChipgate({"check", Manifest(dir, "Huawei Technologies Co., Ltd.", "2025-03-01"), "--rules",
                   SourcePath("rules/examples"), "--db", db, "--format", "json"});
  INFO(check.err);
  CHECK(check.exit_code == 1);
  CHECK(check.out.find("\"decision\": \"license_required\"") != std::string::npos);
  CHECK(check.out.find("list:EL:4a1c0e6b52d3f0a8c9e7b1d2f3a4b5c6d7e8f901") != std::string::npos);
  CHECK(check.out.find(digest) != std::string::npos);
  // The audit record of the decision names the version too.
  RunResult exported = RunChipgate({"log", "export", "--db", db});
  REQUIRE(exported.exit_code == 0);
  CHECK(exported.out.find("list:EL:4a1c0e6b52d3f0a8c9e7b1d2f3a4b5c6d7e8f901") != std::string::npos);
  CHECK(exported.out.find(digest) != std::string::npos);
}

TEST_CASE("AnExpiredEntryDoesNotHitAfterItsEndDate", "[cli][lists]") {
  TempDir dir;
  std::string db = InitDb(dir);
  REQUIRE(RunChipgate({"lists", "import", "--db", db, kCsl}).exit_code == 0);
  auto check = [&](const std::string& date) {
    return RunChipgate({"check", Manifest(dir, "Expired Denial Test Trading Co.", date), "--rules",
                        SourcePath("rules/examples"), "--db", db, "--no-audit"});
  };
  RunResult in_force = check("2019-12-31");
  CHECK(in_force.exit_code == 1);
  CHECK(in_force.out.find("prohibited") != std::string::npos);
  RunResult ended = check("2020-01-02");
  INFO(ended.out);
  CHECK(ended.out.find("list:DPL") == std::string::npos);
}

TEST_CASE("AMalformedListImportsNothingAndNamesTheLine", "[cli][lists]") {
  TempDir dir;
  std::string db = InitDb(dir);
  REQUIRE(RunChipgate({"lists", "import", "--db", db, kCsl}).exit_code == 0);
  std::string bad = dir.Write("bad.csv", ReadFile(kCsl) +
                                             "x1,Entity List (EL),,Entity,,Bad Date "
                                             "Co,,,,2019-02-30,,,,,,,,,,,,,,,,,,,\n");
  RunResult r = RunChipgate({"lists", "import", "--db", db, bad});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(bad + ":8:") != std::string::npos);
  CHECK(r.err.find("error[E703]") != std::string::npos);
  CHECK(r.err.find("nothing was imported") != std::string::npos);
  RunResult status = RunChipgate({"lists", "status", "--db", db});
  CHECK(status.out.find("csl.csv") != std::string::npos);  // the previous version stays
  CHECK(status.out.find("6 entries") != std::string::npos);
}

TEST_CASE("ListsCommandUsageErrors", "[cli][lists]") {
  TempDir dir;
  std::string db = InitDb(dir);
  CHECK(RunChipgate({"lists", "import", kCsl}).exit_code == 2);  // no --db
  CHECK(RunChipgate({"lists", "status", "--db", db, "extra"}).exit_code == 2);
  RunResult empty = RunChipgate({"lists", "status", "--db", db});
  CHECK(empty.exit_code == 0);
  CHECK(empty.out == "no screening lists imported\n");
  // The list file is an input: it cannot be the database.
  CHECK(RunChipgate({"lists", "import", "--db", db, db}).exit_code == 2);
}

}  // namespace chipgate::testing
