// Reliability: `kill -9` at chosen points of a write (src/store/crash_point.h), not at a random
// moment: before the database is opened, while a new one is built and migrated, while audit
// records are appended, between the append and its COMMIT, and after the COMMIT. At each point the
// database is all or nothing: absent or whole when it was being created, holding exactly the
// records before or exactly those and the new ones, and its log verifies; the next run works.
// Deterministic, so they can be repeated (`ctest --repeat until-fail:50 -R CrashAt`).
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "chipgate/store.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

constexpr int kKilled = 128 + SIGKILL;
constexpr int kLines = 200;

// A manifest of `kLines` lines with inline technical data (no inventory needed): one audit
// record per line.
std::string Manifest(const TempDir& dir) {
  std::string text =
      "shipment: {id: CRASH, date: 2025-06-01, consignee: {name: Buyer, country: SG, "
      "headquarters: CN}}\nlines:\n";
  for (int i = 0; i < kLines; ++i) {
    text += "  - {part: P" + std::to_string(i) +
            ", quantity: 1, specs: {type: ic, tpp: " + std::to_string(1000 + (i * 37) % 20000) +
            ", die_area_mm2: 600, datacenter: " + (i % 3 ? "true" : "false") + "}}\n";
  }
  return dir.Write("m.yaml", text);
}

// `check` recording into `db`, killed at `point` (empty: not killed).
RunResult CheckKilledAt(const std::string& manifest, const std::string& db,
                        const std::string& point) {
  RunOptions options;
  if (!point.empty()) options.env = {{"CHIPGATE_TEST_CRASH_AT", point}};
  return RunChipgateWith(
      {"check", manifest, "--rules", SourcePath("rules/us-ear"), "--audit", db, "--format", "json"},
      options);
}

// The records in `db`, after checking that its log verifies (REQUIREs both).
int64_t VerifiedRecords(const std::string& db) {
  AuditVerifyResult v = VerifyAuditLog(db);
  INFO(v.problem);
  REQUIRE(v.ok);
  return v.records;
}

// After the crash, the next check works and adds its records.
void NextCheckWorks(const std::string& manifest, const std::string& db, int64_t before) {
  RunResult again = CheckKilledAt(manifest, db, "");
  INFO(again.err);
  CHECK(again.exit_code == 1);
  CHECK(VerifiedRecords(db) == before + kLines);
}

}  // namespace

TEST_CASE("CrashAtEachPointOfCreatingAnAuditLogLeavesNoFileOrAWholeOne", "[reliability][crash]") {
  // Transaction 1 is the migrations (in the file built aside), transaction 2 the append.
  struct Case {
    const char* point;
    bool exists;      // the database is at its path after the crash
    int64_t records;  // and holds this many records
  };
  const Case cases[] = {
      {"open", false, 0},           {"migration:1", false, 0},
      {"migration:7", false, 0},    {"before-commit:1", false, 0},
      {"after-commit:1", false, 0}, {"create", false, 0},
      {"audit-append:1", true, 0},  {"audit-append:150", true, 0},
      {"before-commit:2", true, 0}, {"after-commit:2", true, kLines},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION("killed at " << c.point) {
      TempDir dir;
      std::string manifest = Manifest(dir), db = dir.path() + "/audit.db";
      RunResult killed = CheckKilledAt(manifest, db, c.point);
      INFO(killed.err);
      REQUIRE(killed.exit_code == kKilled);
      CHECK(killed.out.empty());  // the decisions are printed after the records are committed
      REQUIRE(std::filesystem::exists(db) == c.exists);
      if (c.exists) {
        CHECK(VerifiedRecords(db) == c.records);
      } else {
        RunResult verify = RunChipgate({"log", "verify", "--db", db});
        CHECK(verify.exit_code == 2);
        CHECK(verify.err.find("does not exist") != std::string::npos);
      }
      NextCheckWorks(manifest, db, c.records);
    }
  }
}

TEST_CASE("CrashAtEachPointOfAppendingToAnAuditLogKeepsAllOrNothing", "[reliability][crash]") {
  // The log exists with one check's records; the append is the run's only write transaction.
  struct Case {
    const char* point;
    int64_t records;
  };
  const Case cases[] = {{"open", kLines},
                        {"audit-append:1", kLines},
                        {"audit-append:100", kLines},
                        {"audit-append:200", kLines},
                        {"before-commit:1", kLines},
                        {"after-commit:1", 2 * kLines}};
  for (const Case& c : cases) {
    DYNAMIC_SECTION("killed at " << c.point) {
      TempDir dir;
      std::string manifest = Manifest(dir), db = dir.path() + "/audit.db";
      REQUIRE(CheckKilledAt(manifest, db, "").exit_code == 1);
      RunResult killed = CheckKilledAt(manifest, db, c.point);
      INFO(killed.err);
      REQUIRE(killed.exit_code == kKilled);
      CHECK(killed.out.empty());
      CHECK(VerifiedRecords(db) == c.records);
      NextCheckWorks(manifest, db, c.records);
    }
  }
}

TEST_CASE("CrashAtMigratingAnEmptyFileLeavesItUninitialisedAndSaysSo", "[reliability][crash]") {
  // An existing empty file (made by hand, or left by an older chipgate killed while creating) is
  // migrated in place, in one transaction: killed part-way, it has still no table.
  for (const char* point : {"migration:1", "migration:7", "before-commit:1"}) {
    DYNAMIC_SECTION("killed at " << point) {
      TempDir dir;
      std::string manifest = Manifest(dir), db = dir.Write("audit.db", "");
      RunResult killed = CheckKilledAt(manifest, db, point);
      REQUIRE(killed.exit_code == kKilled);
      RunResult verify = RunChipgate({"log", "verify", "--db", db});
      CHECK(verify.exit_code == 2);
      CHECK(verify.out.empty());
      CHECK(verify.err == "chipgate log: `" + db +
                              "` is not an initialised chipgate database: it is empty (its "
                              "creation was interrupted, or it was never created by chipgate) "
                              "and holds no records; `chipgate db init` initialises it\n");
      NextCheckWorks(manifest, db, 0);
    }
  }
}

TEST_CASE("CrashAtEachPointOfAnAuditRunKeepsAllOrNothing", "[reliability][crash]") {
  // `audit` records its run (the run row, its findings and one audit record) in one transaction.
  struct Case {
    const char* point;
    int64_t records;  // after `db init` and the import, whose transactions wrote none
  };
  TempDir dir;
  std::string parts = "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n";
  for (int i = 0; i < 300; ++i) {
    parts += "P" + std::to_string(i) + ",EAR99,ic," + std::to_string(1000 + i * 17) + ",600,true\n";
  }
  std::string csv = dir.Write("p.csv", parts);
  const Case cases[] = {
      {"open", 0}, {"audit-append:1", 0}, {"before-commit:1", 0}, {"after-commit:1", 1}};
  for (const Case& c : cases) {
    DYNAMIC_SECTION("killed at " << c.point) {
      TempDir run_dir;
      std::string db = run_dir.path() + "/inv.db";
      REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
      REQUIRE(RunChipgate({"db", "import", db, "--parts", csv}).exit_code == 0);
      std::vector<std::string> audit = {
          "audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date", "2025-06-01"};
      RunResult killed =
          RunChipgateWith(audit, RunOptions{"", {{"CHIPGATE_TEST_CRASH_AT", c.point}}, 0});
      INFO(killed.err);
      REQUIRE(killed.exit_code == kKilled);
      CHECK(killed.out.empty());
      CHECK(VerifiedRecords(db) == c.records);
      RunResult again = RunChipgate(audit);
      CHECK(again.exit_code == 1);
      CHECK(VerifiedRecords(db) == c.records + 1);
    }
  }
}

TEST_CASE("LogVerifyOfAFileWithAnInterruptedWriteSaysSo", "[reliability]") {
  // A process that dies inside a rollback-journal transaction leaves a hot journal (older
  // chipgates switched a new file to WAL that way). Reading cannot roll it back: `log verify`
  // says what happened instead of blaming the directory.
  TempDir dir;
  std::string db = dir.path() + "/old.db";
  pid_t pid = fork();
  if (pid == 0) {
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    sqlite3_exec(h,
                 "PRAGMA journal_mode = DELETE; CREATE TABLE t (x); BEGIN; PRAGMA cache_size = 1; "
                 "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 300) "
                 "INSERT INTO t SELECT randomblob(2000) FROM c;",
                 nullptr, nullptr, nullptr);
    _exit(0);  // dies inside the transaction: no COMMIT, no ROLLBACK
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(std::filesystem::file_size(db + "-journal") > 0);
  RunResult verify = RunChipgate({"log", "verify", "--db", db});
  CHECK(verify.exit_code == 2);
  CHECK(verify.out.empty());
  CHECK(verify.err.find("a write to it was interrupted and `" + db +
                        "-journal` must be rolled back first") != std::string::npos);
}

}  // namespace chipgate::testing
