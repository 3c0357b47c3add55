// Reliability of `chipgate ship` (docs/licenses.md, "Ship"): eight processes shipping at once
// against one license with room for five shipments record exactly five and refuse three, the
// license ends at zero and never below; and kill -9 during `ship` (at random moments, and while
// it holds the database's write lock) always leaves license balances, shipments, license uses
// and the audit log agreeing with each other.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <iterator>
#include <random>
#include <thread>

#include "chipgate/store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kHeader =
    "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
    "valid_until,conditions\n";

// The sample database with one more license for DGX servers to Lion City Cloud (C-1010, SG).
std::string DatabaseWithLicense(const TempDir& dir, const std::string& number, int quantity) {
  std::string db = BuildSampleDatabase(dir);
  std::string csv = std::string(kHeader) + number + ",4A090.a,SG,C-1010,C-1010," +
                    std::to_string(quantity) + ",,2025-01-01,2025-12-31,test\n";
  RunResult r = RunChipgate({"db", "import", db, "--licenses", dir.Write("lic.csv", csv)});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return db;
}

// A shipment `id` of `lines` lines, each one DGX H100 under `license`.
std::string Manifest(const TempDir& dir, const std::string& id, const std::string& license,
                     int lines) {
  std::string text =
      "shipment:\n  id: " + id + "\n  date: 2025-03-01\n  consignee: {id: C-1010}\nlines:\n";
  for (int i = 0; i < lines; ++i)
    text += "  - {part: NV-DGX-H100, quantity: 1, license: " + license + "}\n";
  return dir.Write(id + ".yaml", text);
}

int WaitExit(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int64_t Int(const std::string& db, const std::string& query) {
  return std::stoll(RawScalar(db, query));
}

// Whether another connection holds the database's write lock (a `ship` inside its transaction):
// BEGIN IMMEDIATE without waiting fails exactly then. Our own lock is released at once.
bool WriteLockHeld(sqlite3* probe) {
  int rc = sqlite3_exec(probe, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) sqlite3_exec(probe, "ROLLBACK", nullptr, nullptr, nullptr);
  return rc == SQLITE_BUSY;
}

// Everything `ship` wrote agrees, whatever moment it was killed at: each shipment of `ids` is
// either recorded whole (its `lines` lines, a use per line, a `shipped` record per line) or not
// at all (no use, no record); the license's balance is its quantity less the uses of the lines
// recorded, never below zero; the audit log verifies. Returns how many of `ids` were recorded.
int CheckAgreement(const std::string& db, const std::string& license, int64_t quantity,
                   const std::vector<std::string>& ids, int lines) {
  int shipped = 0;
  for (const std::string& id : ids) {
    INFO("shipment " << id);
    int64_t recorded = Int(db, "SELECT count(*) FROM shipments WHERE id = '" + id + "'");
    int64_t line_rows =
        Int(db, "SELECT count(*) FROM shipment_lines WHERE shipment_id = '" + id + "'");
    int64_t uses = Int(db, "SELECT count(*) FROM license_uses WHERE shipment_id = '" + id + "'");
    int64_t records = Int(db,
                          "SELECT count(*) FROM audit_log WHERE command = 'ship' AND subject LIKE "
                          "'shipment " +
                              id + " %' AND reasons LIKE '%\"decision\":\"shipped\"%'");
    REQUIRE((recorded == 0 || recorded == 1));
    CHECK(line_rows == recorded * lines);
    CHECK(uses == recorded * lines);
    CHECK(records == recorded * lines);
    shipped += static_cast<int>(recorded);
  }
  // Every use belongs to a recorded line that names the license, and the balance is the
  // quantity less those uses, the same through `license show`.
  int64_t used = Int(db,
                     "SELECT coalesce(sum(u.quantity), 0) FROM license_uses u JOIN licenses l "
                     "ON l.id = u.license WHERE l.number = '" +
                         license + "'");
  int64_t line_total =
      Int(db, "SELECT coalesce(sum(quantity), 0) FROM shipment_lines WHERE license = '" + license +
                  "'");
  CHECK(used == line_total);
  CHECK(quantity - used >= 0);
  auto store = Store::Open(db, StoreOptions{.read_only = true});
  REQUIRE(store.ok());
  auto held = store->ReadLicense(license, *ParseDate("2025-12-31"));
  REQUIRE(held.ok());
  REQUIRE(held.value());
  CHECK(RemainingOf(**held).quantity == quantity - used);
  AuditVerifyResult v = VerifyAuditLog(db);
  INFO(v.problem);
  CHECK(v.ok);
  return shipped;
}

}  // namespace

TEST_CASE("EightShipProcessesAgainstRoomForFiveShipExactlyFive", "[reliability][ship]") {
  TempDir dir;
  std::string db = DatabaseWithLicense(dir, "D7300001", 5);
  std::vector<std::string> ids;
  std::vector<int> pids;
  for (int p = 0; p < 8; ++p) {
    ids.push_back("S-RACE-" + std::to_string(p));
    pids.push_back(StartChipgate({"ship", Manifest(dir, ids.back(), "D7300001", 1), "--db", db},
                                 dir.path(), dir.path() + "/err." + std::to_string(p)));
  }
  int shipped = 0, refused = 0;
  for (size_t p = 0; p < pids.size(); ++p) {
    int code = WaitExit(pids[p]);
    std::ifstream err(dir.path() + "/err." + std::to_string(p));
    INFO("process " << p << " stderr: " << std::string(std::istreambuf_iterator<char>(err), {}));
    CHECK((code == 0 || code == 1));  // shipped or refused; never a busy error (exit 2)
    shipped += code == 0;
    refused += code == 1;
  }
  CHECK(shipped == 5);
  CHECK(refused == 3);
  CHECK(CheckAgreement(db, "D7300001", 5, ids, 1) == 5);
  CHECK(RawScalar(db, "SELECT sum(quantity) FROM license_uses") == "5");
  // The three refused attempts are in the log, each saying why.
  CHECK(RawScalar(db,
                  "SELECT count(*) FROM audit_log WHERE reasons LIKE '%not shipped: license "
                  "D7300001 does not cover the line (quantity-exhausted)%'") == "3");
  RunResult show = RunChipgate({"license", "show", "D7300001", "--db", db, "--date", "2025-03-01"});
  CHECK(show.out.find("quantity: limit 5, used 5, remaining 0\n") != std::string::npos);
  CHECK(RunChipgate({"log", "verify", "--db", db}).exit_code == 0);
}

TEST_CASE("KillNineDuringShipLeavesBalancesShipmentsAndLogAgreeing", "[reliability][ship]") {
  TempDir dir;
  constexpr int kLines = 200;
  constexpr int64_t kQuantity = 100000;
  std::string db = DatabaseWithLicense(dir, "D7300002", kQuantity);
  std::vector<std::string> ids;
  // How long a whole run takes here, only to aim the random kills (nothing is asserted on it).
  ids.push_back("S-KILL-FULL");
  auto t0 = std::chrono::steady_clock::now();
  REQUIRE(
      RunChipgate({"ship", Manifest(dir, ids.back(), "D7300002", kLines), "--db", db}).exit_code ==
      0);
  int full_ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count());
  std::mt19937 rng(17);
  int killed = 0, killed_holding_lock = 0;
  for (int round = 0; round < 16; ++round) {
    ids.push_back("S-KILL-" + std::to_string(round));
    int pid = StartChipgate({"ship", Manifest(dir, ids.back(), "D7300002", kLines), "--db", db},
                            dir.path());
    bool reaped = false;  // the run ended before the probe saw the lock
    if (round % 2 == 0) {
      // At a random moment of the run (loading, deciding, the transaction, or after it).
      std::this_thread::sleep_for(std::chrono::milliseconds(
          std::uniform_int_distribution<int>(0, full_ms + full_ms / 4)(rng)));
    } else {
      // Inside the write transaction: once the lock is seen held, a few random milliseconds on.
      sqlite3* probe = nullptr;
      REQUIRE(sqlite3_open(db.c_str(), &probe) == SQLITE_OK);
      bool held = false;
      for (int tries = 0; tries < 20000 && !held; ++tries) {
        held = WriteLockHeld(probe);
        if (!held) std::this_thread::sleep_for(std::chrono::microseconds(500));
        if (!held && waitpid(pid, nullptr, WNOHANG) != 0) reaped = true;
        if (reaped) break;
      }
      sqlite3_close(probe);
      killed_holding_lock += held;
      std::this_thread::sleep_for(
          std::chrono::microseconds(std::uniform_int_distribution<int>(0, 20000)(rng)));
    }
    if (!reaped) {
      kill(pid, SIGKILL);
      killed += WaitExit(pid) == 128 + SIGKILL;
    }
    INFO("round " << round);
    CheckAgreement(db, "D7300002", kQuantity, ids, kLines);
  }
  CHECK(killed > 0);
  CHECK(killed_holding_lock > 0);
  // After all that, a ship still runs to the end and everything still agrees.
  ids.push_back("S-KILL-AFTER");
  REQUIRE(
      RunChipgate({"ship", Manifest(dir, ids.back(), "D7300002", kLines), "--db", db}).exit_code ==
      0);
  int shipped = CheckAgreement(db, "D7300002", kQuantity, ids, kLines);
  CHECK(shipped >= 2);
  CHECK(RunChipgate({"log", "verify", "--db", db}).exit_code == 0);
}

}  // namespace chipgate::testing
