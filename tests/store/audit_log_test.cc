// The audit log: canonical encoding, chaining, verification, tamper detection (edit, delete,
// insert, reorder, cut tail) and concurrent appends from several processes.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "chipgate/store.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

AuditEntry Entry(int i) {
  AuditEntry e;
  e.actor = "tester";
  e.command = "check";
  e.subject = "shipment S line " + std::to_string(i);
  e.input_digest = "sha256:abc";
  e.decision = i % 2 ? "license_required" : "no_license_required";
  e.classes = {"3A090.a", "3A090.a.1"};
  e.reasons = {{"ac-d5-macau", "license_required", "15 CFR 742.6", "needs a \"license\"\n"}};
  e.pack_digest = "sha256:def";
  return e;
}

void Tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  std::string all = "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; " + sql;
  char* err = nullptr;
  int rc = sqlite3_exec(db, all.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

struct Log {
  TempDir dir;
  std::string path = dir.path() + "/audit.db";
  std::string head;
  Log(int n) {
    auto s = Store::Open(path, StoreOptions{.create = true});
    REQUIRE(s.ok());
    std::vector<AuditEntry> entries;
    for (int i = 1; i <= n; ++i) entries.push_back(Entry(i));
    auto w = s->AppendAudit(entries);
    REQUIRE(w.ok());
    head = w->head;
    REQUIRE(w->count() == static_cast<size_t>(n));
  }
  AuditVerifyResult Verify(const std::string& expect = "") {
    auto s = Store::Open(path, StoreOptions{.read_only = true});
    REQUIRE(s.ok());
    auto r = s->VerifyAudit(expect);
    REQUIRE(r.ok());
    return r.value();
  }
};

}  // namespace

TEST_CASE("CanonicalEncodingIsStableAndSorted", "[audit]") {
  AuditRecord r{7, "2026-01-02T03:04:05.006Z", Entry(1), kGenesisHash, ""};
  CHECK(CanonicalAuditJson(r) ==
        "{\"actor\":\"tester\",\"classes\":[\"3A090.a\",\"3A090.a.1\"],\"command\":\"check\",\"decision\":"
        "\"license_required\",\"input_digest\":\"sha256:abc\",\"pack_digest\":\"sha256:def\",\"prev_hash\":\"" +
            kGenesisHash +
            "\",\"reasons\":[{\"cite\":\"15 CFR 742.6\",\"decision\":\"license_required\",\"message\":\"needs a "
            "\\\"license\\\"\\u000a\",\"rule\":\"ac-d5-macau\"}],\"seq\":7,\"subject\":\"shipment S line 1\",\"ts\":"
            "\"2026-01-02T03:04:05.006Z\"}");
  CHECK(AuditRecordHash(r).size() == 64);
  AuditRecord changed = r;
  changed.entry.decision = "no_license_required";
  CHECK(AuditRecordHash(changed) != AuditRecordHash(r));
}

TEST_CASE("AppendedRecordsFormAValidChain", "[audit]") {
  Log log(5);
  AuditVerifyResult r = log.Verify(log.head);
  CHECK(r.ok);
  CHECK(r.records == 5);
  CHECK(r.head == log.head);
  auto s = Store::Open(log.path);
  REQUIRE(s.ok());
  auto more = s->AppendAudit({Entry(6)});
  REQUIRE(more.ok());
  CHECK(more->first_seq == 6);
  CHECK(more->last_seq == 6);
  CHECK(more->prev_hash == log.head);
}

TEST_CASE("TriggersRefuseEditsThroughSqlite", "[audit]") {
  Log log(2);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(log.path.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE audit_log SET decision = 'x'", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr) != SQLITE_OK);
  sqlite3_close(db);
  CHECK(log.Verify().ok);
}

TEST_CASE("EditedRecordIsNamed", "[audit]") {
  Log log(5);
  Tamper(log.path, "UPDATE audit_log SET decision = 'no_license_required' WHERE seq = 3");
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 3);
  CHECK(r.problem.find("edited") != std::string::npos);
}

TEST_CASE("DeletedRecordIsNamed", "[audit]") {
  Log log(5);
  Tamper(log.path, "DELETE FROM audit_log WHERE seq = 2");
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 3);
}

TEST_CASE("DeletedAndRenumberedRecordIsNamed", "[audit]") {
  Log log(5);
  Tamper(log.path, "DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2");
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 2);
  CHECK(r.problem.find("prev_hash") != std::string::npos);
}

TEST_CASE("InsertedRecordIsNamed", "[audit]") {
  Log log(4);
  Tamper(log.path,
         "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3; UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103;"
         "INSERT INTO audit_log SELECT 3, ts, actor, command, subject || ' forged', input_digest, decision, classes,"
         " reasons, pack_digest, prev_hash, hash || 'x' FROM audit_log WHERE seq = 2");
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 3);
}

TEST_CASE("ReorderedRecordsAreNamed", "[audit]") {
  Log log(4);
  Tamper(log.path, "UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3;"
                   "UPDATE audit_log SET seq = 3 WHERE seq = 100");
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 2);
}

TEST_CASE("CutTailIsFoundWithTheExpectedHead", "[audit]") {
  Log log(5);
  Tamper(log.path, "DELETE FROM audit_log WHERE seq >= 4");
  CHECK(log.Verify().ok);  // a clean cut is invisible without the head...
  AuditVerifyResult r = log.Verify(log.head);
  CHECK_FALSE(r.ok);  // ...and caught with it
  CHECK(r.problem.find("expected head") != std::string::npos);
}

TEST_CASE("ConcurrentProcessesKeepEveryRecordInOneChain", "[audit]") {
  Log log(1);
  const int kProcs = 4, kEach = 60;
  std::vector<pid_t> kids;
  for (int p = 0; p < kProcs; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      auto s = Store::Open(log.path);
      if (!s.ok()) _exit(10);
      for (int i = 0; i < kEach; ++i) {
        if (!s->AppendAudit({Entry(i), Entry(i + 1)}).ok()) _exit(11);
      }
      _exit(0);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  AuditVerifyResult r = log.Verify();
  CHECK(r.ok);
  CHECK(r.records == 1 + kProcs * kEach * 2);
}

TEST_CASE("ExportWritesOneJsonLinePerRecord", "[audit]") {
  Log log(3);
  RunResult r = RunChipgate({"log", "export", "--db", log.path});
  CHECK(r.exit_code == 0);
  int lines = 0;
  for (char c : r.out) lines += c == '\n';
  CHECK(lines == 3);
  CHECK(r.out.find("\"hash\":\"" + log.head + "\"}") != std::string::npos);
}

TEST_CASE("LogVerifyCommandExitCodes", "[audit]") {
  Log log(3);
  RunResult ok = RunChipgate({"log", "verify", "--db", log.path, "--expect-head", log.head});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("audit log valid, 3 records") != std::string::npos);
  Tamper(log.path, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
  RunResult bad = RunChipgate({"log", "verify", "--db", log.path});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("INVALID at record 2") != std::string::npos);
  CHECK(RunChipgate({"log", "verify"}).exit_code == 2);
  CHECK(RunChipgate({"log", "verify", "--db", log.dir.path() + "/none.db"}).exit_code == 2);
}

}  // namespace chipgate::testing

namespace chipgate::testing {

// Migration 3 rebuilt audit_log without the UNIQUE index on hash: a version-2 log must come
// through with every record, the same chain and head, and the append-only triggers.
TEST_CASE("Version2AuditLogIsUpgradedWithItsChainIntact", "[store][audit]") {
  Log log(5);
  std::string v2 = log.dir.path() + "/v2.db";
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(v2.c_str(), &db) == SQLITE_OK);
  std::string script = ReadFile(SourcePath("db/migrations/0001_initial.sql")) +
                       ReadFile(SourcePath("db/migrations/0002_audit_runs.sql")) + "PRAGMA user_version = 2; ATTACH '" +
                       log.path + "' AS src; INSERT INTO audit_log SELECT * FROM src.audit_log; DETACH src;";
  REQUIRE(sqlite3_exec(db, script.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);

  {
    auto s = Store::Open(v2);  // writable: applies migrations 3 and 4
    REQUIRE(s.ok());
    CHECK(s->schema_version() == kSchemaVersion);
    auto r = s->VerifyAudit(log.head);
    REQUIRE(r.ok());
    CHECK(r->ok);
    CHECK(r->records == 5);
    auto more = s->AppendAudit({Entry(6)});
    REQUIRE(more.ok());
    CHECK(more->prev_hash == log.head);
  }
  REQUIRE(sqlite3_open(v2.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  CHECK(sqlite3_exec(db, "UPDATE audit_log SET decision = 'x' WHERE seq = 1", nullptr, nullptr, &err) != SQLITE_OK);
  CHECK(std::string(err ? err : "").find("append-only") != std::string::npos);
  sqlite3_free(err);
  err = nullptr;
  CHECK(sqlite3_exec(db, "DELETE FROM audit_log WHERE seq = 6", nullptr, nullptr, &err) != SQLITE_OK);
  sqlite3_free(err);
  sqlite3_close(db);
}

}  // namespace chipgate::testing
