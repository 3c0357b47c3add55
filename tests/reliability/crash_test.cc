// Reliability: eight processes checking at once all get an answer and every decision is
// recorded; a lock held past the timeout and a failing disk write give exit 2 and no decision.
// (kill -9 during `check` and `audit`: crash_point_test.cc, at chosen points; I/O errors at every
// write: io_fault_test.cc.)
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "chipgate/store.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// A manifest of `n` lines with inline technical data (no inventory needed).
std::string BigManifest(const TempDir& dir, int n, const std::string& name = "big.yaml") {
  std::string text =
      "shipment: {id: BIG, date: 2025-06-01, consignee: {name: Buyer, country: SG, headquarters: "
      "CN}}\nlines:\n";
  for (int i = 0; i < n; ++i) {
    text += "  - {part: P" + std::to_string(i) +
            ", quantity: 1, specs: {type: ic, tpp: " + std::to_string(1000 + (i * 37) % 20000) +
            ", die_area_mm2: 600, datacenter: " + (i % 3 ? "true" : "false") + "}}\n";
  }
  return dir.Write(name, text);
}

int WaitExit(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("EightProcessesCheckingAtOnceAreAllRecorded", "[reliability]") {
  TempDir dir;
  std::string manifest = BigManifest(dir, 300);
  std::string db = dir.path() + "/audit.db";
  std::vector<int> pids;
  for (int p = 0; p < 8; ++p) {
    pids.push_back(
        StartChipgate({"check", manifest, "--rules", SourcePath("rules/us-ear"), "--audit", db},
                      dir.path(), dir.path() + "/err." + std::to_string(p)));
  }
  for (size_t p = 0; p < pids.size(); ++p) {
    int code = WaitExit(pids[p]);
    // What the process said when it failed (it ran rarely, under load: keep the evidence).
    std::ifstream err(dir.path() + "/err." + std::to_string(p));
    INFO("process " << p << " stderr: " << std::string(std::istreambuf_iterator<char>(err), {}));
    CHECK(code == 1);  // every line decided (held), no busy error (exit 2)
  }
  AuditVerifyResult v = VerifyAuditLog(db);
  CHECK(v.ok);
  CHECK(v.records == 8 * 300);
}

TEST_CASE("LockHeldPastTheTimeoutGivesNoDecision", "[reliability]") {
  TempDir dir;
  std::string manifest = BigManifest(dir, 10);
  std::string db = dir.path() + "/audit.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  sqlite3* holder = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &holder) == SQLITE_OK);
  REQUIRE(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  RunResult r =
      RunChipgateWith({"check", manifest, "--rules", SourcePath("rules/us-ear"), "--audit", db},
                      RunOptions{"", {{"CHIPGATE_BUSY_TIMEOUT_MS", "300"}}, 0});
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("no decision is given without a record") != std::string::npos);
}

TEST_CASE("FailingDiskWriteWhileAppendingGivesNoDecision", "[reliability]") {
  TempDir dir;
  std::string manifest = BigManifest(dir, 3000);
  std::string db = dir.path() + "/audit.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  // The WAL cannot grow past 64 KiB: appending 3000 records must fail part-way.
  RunResult r = RunChipgateWith(
      {"check", manifest, "--rules", SourcePath("rules/us-ear"), "--audit", db, "--format", "json"},
      RunOptions{"", {}, 64 * 1024});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("cannot record the decisions") != std::string::npos);
  AuditVerifyResult v = VerifyAuditLog(db);
  CHECK(v.ok);
  CHECK(v.records == 0);  // nothing half-written
}

}  // namespace chipgate::testing
