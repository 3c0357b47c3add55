// `chipgate lists import|status|remove` and `check --db` screening against the imported lists: the
// round trip from a published file to a decision and an audit record that name the list version,
// and the versions kept side by side, each applying from its own date.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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

TEST_CASE("AListWithManyBadRowsShowsTwentyErrorsOfACodeAndACount", "[cli][lists]") {
  TempDir dir;
  std::string db = InitDb(dir);
  std::string text = ReadFile(kCsl);
  for (int i = 0; i < 25; ++i) {
    text += "x" + std::to_string(i) + ",Entity List (EL),,Entity,,Bad Date Co " +
            std::to_string(i) + ",,,,2019-02-30,,,,,,,,,,,,,,,,,,,\n";
  }
  RunResult r = RunChipgate({"lists", "import", "--db", db, dir.Write("bad.csv", text)});
  CHECK(r.exit_code == 2);
  size_t shown = 0;
  for (size_t at = r.err.find("error[E703]"); at != std::string::npos;
       at = r.err.find("error[E703]", at + 1))
    ++shown;
  CHECK(shown == 20);
  CHECK(r.err.find("... and 5 more E703 errors") != std::string::npos);
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

TEST_CASE("CheckScreensAgainstTheVersionInForceOnTheShipDate", "[cli][lists]") {
  TempDir dir;
  std::string db = InitDb(dir);
  // The first version (of 2025-10-01) lists Cambricon; the second (of 2026-03-01) no longer does.
  std::string json = ReadFile(SourcePath("tests/data/lists/csl.json"));
  std::string second_text = json;
  for (size_t at; (at = second_text.find("Cambricon")) != std::string::npos;)
    second_text.replace(at, 9, "Quietname");
  for (size_t at; (at = second_text.find("2025-10-01")) != std::string::npos;)
    second_text.replace(at, 10, "2026-03-01");
  std::string first = dir.Write("csl-2025-10.json", json);
  std::string second = dir.Write("csl-2026-03.json", second_text);
  std::string first_digest = "sha256:" + Sha256Hex(json);
  std::string second_digest = "sha256:" + Sha256Hex(second_text);
  REQUIRE(RunChipgate({"lists", "import", "--db", db, first}).exit_code == 0);
  REQUIRE(RunChipgate({"lists", "import", "--db", db, second}).exit_code == 0);

  // Importing a stored file again stores nothing and says so.
  RunResult again = RunChipgate({"lists", "import", "--db", db, first});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("already stored, nothing imported: csl: csl-json csl-2025-10.json " +
                       first_digest) == 0);

  RunResult status = RunChipgate({"lists", "status", "--db", db});
  REQUIRE(status.exit_code == 0);
  size_t at_first = status.out.find(first_digest), at_second = status.out.find(second_digest);
  CHECK(at_first != std::string::npos);
  CHECK(at_second != std::string::npos);
  CHECK(at_first < at_second);  // in import order
  CHECK(status.out.find("in force from 2025-10-01") != std::string::npos);
  CHECK(status.out.find("in force from 2026-03-01") != std::string::npos);
  RunResult status_json = RunChipgate({"lists", "status", "--db", db, "--format", "json"});
  REQUIRE(status_json.exit_code == 0);
  nlohmann::json j = nlohmann::json::parse(status_json.out);
  REQUIRE(j["versions"].size() == 2);
  CHECK(j["versions"][0]["digest"] == first_digest);
  CHECK(j["versions"][0]["in_force_from"] == "2025-10-01");
  CHECK(j["versions"][0]["entries"] == 3);
  CHECK(j["versions"][0]["lists"]["EL"] == 2);
  CHECK(j["versions"][1]["digest"] == second_digest);
  CHECK(j["versions"][1]["source_set"] == "csl");
  CHECK(j["versions"][1]["file_date"] == "2026-03-01");

  auto check = [&](const std::string& date) {
    return RunChipgate({"check", Manifest(dir, "Cambricon Technologies", date), "--rules",
                        SourcePath("rules/examples"), "--db", db, "--no-audit"});
  };
  // Between the two versions: listed, and the reason names the first version.
  RunResult between = check("2025-12-01");
  INFO(between.out);
  CHECK(between.exit_code == 1);
  CHECK(between.out.find("list:EL:") != std::string::npos);
  CHECK(between.out.find(first_digest) != std::string::npos);
  CHECK(between.out.find(second_digest) == std::string::npos);
  // After the second version: no longer listed.
  RunResult after = check("2026-04-01");
  INFO(after.out);
  CHECK(after.out.find("list:EL:") == std::string::npos);
  // Huawei is in both: after the second version its hit names the second.
  RunResult huawei =
      RunChipgate({"check", Manifest(dir, "Huawei Technologies Co., Ltd.", "2026-04-01"), "--rules",
                   SourcePath("rules/examples"), "--db", db, "--no-audit"});
  CHECK(huawei.out.find(second_digest) != std::string::npos);
  CHECK(huawei.out.find(first_digest) == std::string::npos);

  // Removing the second version: the first applies again on every date.
  RunResult removed = RunChipgate({"lists", "remove", "--db", db, "--digest", second_digest});
  INFO(removed.err);
  CHECK(removed.exit_code == 0);
  CHECK(removed.out.find("removed: csl: csl-json csl-2026-03.json") == 0);
  CHECK(check("2026-04-01").out.find(first_digest) != std::string::npos);
  RunResult unknown = RunChipgate({"lists", "remove", "--db", db, "--digest", second_digest});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("no stored screening list has digest") != std::string::npos);
}

TEST_CASE("ListsCommandUsageErrors", "[cli][lists]") {
  TempDir dir;
  std::string db = InitDb(dir);
  CHECK(RunChipgate({"lists", "import", kCsl}).exit_code == 2);  // no --db
  CHECK(RunChipgate({"lists", "status", "--db", db, "extra"}).exit_code == 2);
  CHECK(RunChipgate({"lists", "status", "--db", db, "--format", "xml"}).exit_code == 2);
  CHECK(RunChipgate({"lists", "remove", "--db", db}).exit_code == 2);  // no --digest
  CHECK(RunChipgate({"lists", "import", "--db", db, "--digest", "sha256:ab", kCsl}).exit_code == 2);
  RunResult empty = RunChipgate({"lists", "status", "--db", db});
  CHECK(empty.exit_code == 0);
  CHECK(empty.out == "no screening lists imported\n");
  // The list file is an input: it cannot be the database.
  CHECK(RunChipgate({"lists", "import", "--db", db, db}).exit_code == 2);
}

}  // namespace chipgate::testing
