// Reliability: an I/O error at every write point, as SQLite tests itself. The real chipgate binary
// runs with a test VFS preloaded (tests/fault_vfs) that fails the N-th write, sync or truncate;
// each test first counts the write points of one run, then runs once for every N. Each run either
// fails with exit 2, shows no decision and leaves the database exactly as it was (it opens and
// its log verifies with exactly the records before), or (an error SQLite absorbs: the checkpoint
// after the COMMIT, whose records the WAL already holds durably) succeeds with everything
// recorded. A run whose error was neither is a failure naming N and the call.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "chipgate/store.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

namespace fs = std::filesystem;

// `args` with the fault VFS preloaded: failing call `fail_at` (0: none), logging every call to
// `log` when given.
RunResult RunWithFaults(const std::vector<std::string>& args, long fail_at,
                        const std::string& log = "") {
  RunOptions options;
  options.env = {{"LD_PRELOAD", CHIPGATE_FAULT_VFS_LIB},
                 {"CHIPGATE_FAULT_VFS_FAIL", std::to_string(fail_at)}};
  if (!log.empty()) options.env.push_back({"CHIPGATE_FAULT_VFS_LOG", log});
  return RunChipgateWith(args, options);
}

// The calls one run of `args` makes (one line each: number, kind, file), REQUIREd to be some.
std::vector<std::string> WritePoints(const std::vector<std::string>& args, const TempDir& dir,
                                     int expected_exit) {
  std::string log = dir.path() + "/calls.log";
  fs::remove(log);
  RunResult r = RunWithFaults(args, 0, log);
  INFO(r.err);
  REQUIRE(r.exit_code == expected_exit);
  std::ifstream in(log);
  std::vector<std::string> calls;
  for (std::string line; std::getline(in, line);) calls.push_back(line);
  REQUIRE(!calls.empty());
  return calls;
}

// Rows of `table` in `db`, read directly (-1 when it cannot be read).
int64_t RowCount(const std::string& db, const char* table) {
  sqlite3* h = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    std::string q = std::string("SELECT count(*) FROM ") + table;
    if (sqlite3_prepare_v2(h, q.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return n;
}

// Puts the database `from` (one file: checkpointed when its last user closed it) at `to`.
void Restore(const std::string& from, const std::string& to) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(to + suffix);
  if (!from.empty()) fs::copy_file(from, to);
}

// No `.creating-` file is left beside `db` after a run that ended by itself.
bool NoCreatingLeftovers(const std::string& db) {
  for (const auto& e : fs::directory_iterator(fs::path(db).parent_path())) {
    if (e.path().filename().string().find(".creating-") != std::string::npos) return false;
  }
  return true;
}

std::string Manifest(const TempDir& dir, int lines) {
  std::string text =
      "shipment: {id: IO, date: 2025-06-01, consignee: {name: Buyer, country: SG, "
      "headquarters: CN}}\nlines:\n";
  for (int i = 0; i < lines; ++i) {
    text += "  - {part: P" + std::to_string(i) +
            ", quantity: 1, specs: {type: ic, tpp: " + std::to_string(1000 + i * 997) +
            ", die_area_mm2: 600, datacenter: true}}\n";
  }
  return dir.Write("m.yaml", text);
}

// Runs `args` once per write point of `base` (the database before, "" for none) restored at
// `db`, failing that point. `check` gets `records_before` and `added` (what success adds) and
// judges the database after a run.
struct Outcomes {
  int failed = 0, absorbed = 0;
};
template <typename Judge>
Outcomes FailEveryWritePoint(const std::vector<std::string>& args, const std::string& base,
                             const std::string& db, const std::vector<std::string>& calls,
                             int success_exit, Judge&& judge) {
  Outcomes o;
  // The sync of the -wal file after its last write makes the last COMMIT durable: only a call
  // after it may fail without failing the run (SQLite absorbs errors of the checkpoint when the
  // database closes, which syncs the -wal again and then writes the database file).
  size_t last_wal_write = 0, committed = 0;
  for (size_t i = 0; i < calls.size(); ++i) {
    if (!calls[i].ends_with("-wal")) continue;
    if (calls[i].find(" write ") != std::string::npos) last_wal_write = i + 1;
  }
  for (size_t i = last_wal_write; i < calls.size() && committed == 0; ++i) {
    if (calls[i].find(" sync ") != std::string::npos && calls[i].ends_with("-wal"))
      committed = i + 1;
  }
  REQUIRE(committed > 0);
  for (size_t n = 1; n <= calls.size(); ++n) {
    Restore(base, db);
    RunResult r = RunWithFaults(args, static_cast<long>(n));
    INFO("failing call " << calls[n - 1] << " of " << calls.size() << "; stderr: " << r.err);
    if (r.exit_code == 2) {
      ++o.failed;
      CHECK(r.out.empty());  // no decision shown
      judge(false);
    } else {
      ++o.absorbed;
      CHECK(n > committed);
      CHECK(r.exit_code == success_exit);
      CHECK(!r.out.empty());
      judge(true);
    }
    CHECK(NoCreatingLeftovers(db));
  }
  return o;
}

}  // namespace

TEST_CASE("IoErrorAtEveryWriteOfACheckAppendingToItsLogRecordsAllOrNothing", "[reliability][io]") {
  TempDir dir;
  std::string manifest = Manifest(dir, 40), base = dir.path() + "/base.db",
              db = dir.path() + "/audit.db";
  std::vector<std::string> setup = {"check",   manifest, "--rules", SourcePath("rules/us-ear"),
                                    "--audit", base};
  REQUIRE(RunChipgate(setup).exit_code == 1);
  std::vector<std::string> args = {"check",   manifest, "--rules",  SourcePath("rules/us-ear"),
                                   "--audit", db,       "--format", "json"};
  Restore(base, db);
  auto calls = WritePoints(args, dir, 1);
  Outcomes o = FailEveryWritePoint(args, base, db, calls, 1, [&](bool recorded) {
    AuditVerifyResult v = VerifyAuditLog(db);
    INFO(v.problem);
    CHECK(v.ok);
    CHECK(v.records == (recorded ? 80 : 40));
  });
  WARN("check appending 40 records: " << calls.size() << " write points, " << o.failed
                                      << " gave exit 2, " << o.absorbed << " absorbed after the "
                                      << "commit");
  CHECK(o.failed > 0);
}

TEST_CASE("IoErrorAtEveryWriteOfACheckCreatingItsLogLeavesNoneOrAWholeOne", "[reliability][io]") {
  TempDir dir;
  std::string manifest = Manifest(dir, 40), db = dir.path() + "/audit.db";
  std::vector<std::string> args = {"check",   manifest, "--rules",  SourcePath("rules/us-ear"),
                                   "--audit", db,       "--format", "json"};
  Restore("", db);
  auto calls = WritePoints(args, dir, 1);
  Outcomes o = FailEveryWritePoint(args, "", db, calls, 1, [&](bool recorded) {
    if (!recorded && !fs::exists(db)) return;  // failed while it was built aside
    AuditVerifyResult v = VerifyAuditLog(db);
    INFO(v.problem);
    CHECK(v.ok);
    CHECK(v.records == (recorded ? 40 : 0));
  });
  WARN("check creating its log: " << calls.size() << " write points, " << o.failed
                                  << " gave exit 2, " << o.absorbed << " absorbed");
  CHECK(o.failed > 0);
}

TEST_CASE("IoErrorAtEveryWriteOfAnImportImportsAllOrNothing", "[reliability][io]") {
  TempDir dir;
  std::string parts = "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n";
  for (int i = 0; i < 200; ++i)
    parts += "P" + std::to_string(i) + ",EAR99,ic," + std::to_string(1000 + i) + ",600,true\n";
  std::string csv = dir.Write("p.csv", parts), base = dir.path() + "/base.db",
              db = dir.path() + "/inv.db";
  REQUIRE(RunChipgate({"db", "init", base}).exit_code == 0);
  REQUIRE(RunChipgate({"db", "import", base, "--parts",
                       dir.Write("first.csv", "part_number,declared_eccn,type\nFIRST,EAR99,ic\n")})
              .exit_code == 0);
  std::vector<std::string> args = {"db", "import", db, "--parts", csv};
  Restore(base, db);
  auto calls = WritePoints(args, dir, 0);
  Outcomes o = FailEveryWritePoint(args, base, db, calls, 0, [&](bool imported) {
    CHECK(RowCount(db, "parts") == (imported ? 201 : 1));
    CHECK(VerifyAuditLog(db).ok);
  });
  WARN("db import of 200 parts: " << calls.size() << " write points, " << o.failed
                                  << " gave exit 2, " << o.absorbed << " absorbed");
  CHECK(o.failed > 0);
}

TEST_CASE("IoErrorAtEveryWriteOfAnAuditRecordsItsRunAllOrNothing", "[reliability][io]") {
  TempDir dir;
  std::string parts = "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n";
  for (int i = 0; i < 100; ++i)
    parts += "P" + std::to_string(i) + ",EAR99,ic," + std::to_string(1000 + i * 90) + ",600,true\n";
  std::string base = dir.path() + "/base.db", db = dir.path() + "/inv.db";
  REQUIRE(RunChipgate({"db", "init", base}).exit_code == 0);
  REQUIRE(RunChipgate({"db", "import", base, "--parts", dir.Write("p.csv", parts)}).exit_code == 0);
  std::vector<std::string> args = {"audit",  "--db",      db, "--rules", SourcePath("rules/us-ear"),
                                   "--date", "2025-06-01"};
  Restore(base, db);
  auto calls = WritePoints(args, dir, 1);
  Outcomes o = FailEveryWritePoint(args, base, db, calls, 1, [&](bool recorded) {
    AuditVerifyResult v = VerifyAuditLog(db);
    INFO(v.problem);
    CHECK(v.ok);
    CHECK(v.records == (recorded ? 1 : 0));
    CHECK(RowCount(db, "audit_runs") == (recorded ? 1 : 0));
    int64_t findings = RowCount(db, "audit_findings");
    CHECK((recorded ? findings > 0 : findings == 0));
  });
  WARN("audit recording its run: " << calls.size() << " write points, " << o.failed
                                   << " gave exit 2, " << o.absorbed << " absorbed");
  CHECK(o.failed > 0);
}

}  // namespace chipgate::testing
