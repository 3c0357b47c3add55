// The audit log: canonical encoding, chaining, verification, tamper detection (edit, delete,
// insert, reorder, cut tail) and concurrent appends from several processes.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "base/sha256.h"
#include "chipgate/checkpoint.h"
#include "chipgate/store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

std::string Sha256Of(const std::string& s) { return Sha256Hex(s); }

const std::string kFacts = "sha256:" + std::string(64, 'f');

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
  e.facts_digest = "sha256:" + std::string(64, 'f');
  return e;
}

// Recomputes every prev_hash and hash from the stored bytes, as someone rewriting history would.
void Rechain(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT seq, ts, actor, command, subject, input_digest, decision, "
                             "classes, reasons, pack_digest, "
                             "format, facts_digest FROM audit_log ORDER BY seq",
                             -1, &st, nullptr) == SQLITE_OK);
  auto text = [&](int c) {
    const unsigned char* t = sqlite3_column_text(st, c);
    return std::string(t ? reinterpret_cast<const char*>(t) : "");
  };
  std::string prev = kGenesisHash, sql;
  while (sqlite3_step(st) == SQLITE_ROW) {
    StoredAuditRecord r;
    r.seq = sqlite3_column_int64(st, 0);
    r.ts = text(1);
    r.actor = text(2);
    r.command = text(3);
    r.subject = text(4);
    r.input_digest = text(5);
    r.decision = text(6);
    r.classes_json = text(7);
    r.reasons_json = text(8);
    r.pack_digest = text(9);
    r.format = sqlite3_column_int(st, 10);
    if (sqlite3_column_type(st, 11) != SQLITE_NULL) r.facts_digest = text(11);
    r.prev_hash = prev;
    prev = AuditRecordHash(r);
    sql += "UPDATE audit_log SET prev_hash = '" + r.prev_hash + "', hash = '" + prev +
           "' WHERE seq = " + std::to_string(r.seq) + ";";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  Tamper(path, sql);
}

// A clock standing still at `now` (move it by assigning).
struct FixedClock final : Clock {
  std::chrono::system_clock::time_point now;
  explicit FixedClock(std::chrono::system_clock::time_point t) : now(t) {}
  std::chrono::system_clock::time_point Now() const override { return now; }
};

std::chrono::system_clock::time_point At(int64_t unix_ms) {
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(unix_ms));
}

struct Log {
  TempDir dir;
  std::string path = TestDatabase(dir, "audit.db");
  std::string head;
  Log(int n, const Clock* clock = nullptr) {
    auto s = Store::Open(path, StoreOptions{.create = true, .clock = clock});
    REQUIRE(s.ok());
    std::vector<AuditEntry> entries;
    for (int i = 1; i <= n; ++i) entries.push_back(Entry(i));
    auto w = s->AppendAudit(entries);
    REQUIRE(w.ok());
    head = w->head;
    REQUIRE(w->count() == static_cast<size_t>(n));
  }
  AuditVerifyResult Verify(const std::vector<AuditAnchor>& anchors = {}) {
    auto s = Store::Open(path, StoreOptions{.read_only = true});
    REQUIRE(s.ok());
    auto r = s->VerifyAudit(anchors);
    REQUIRE(r.ok());
    return r.value();
  }
  Result<Store::AppendResult> Append(const std::vector<AuditEntry>& entries,
                                     const Clock* clock = nullptr) {
    auto s = Store::Open(path, StoreOptions{.clock = clock});
    REQUIRE(s.ok());
    return s->AppendAudit(entries);
  }
  std::string HashOf(int64_t seq) {
    auto h = RawColumn(path, "SELECT hash FROM audit_log WHERE seq = " + std::to_string(seq));
    REQUIRE(h.size() == 1);
    return h[0];
  }
  size_t Count() { return RawColumn(path, "SELECT seq FROM audit_log").size(); }
};

}  // namespace

TEST_CASE("CanonicalEncodingIsStableAndSorted", "[audit][backend]") {
  AuditRecord r{kAuditFormatV1, 7, "2026-01-02T03:04:05.006Z", Entry(1), kGenesisHash, ""};
  CHECK(CanonicalAuditJson(r) ==
        "{\"actor\":\"tester\",\"classes\":[\"3A090.a\",\"3A090.a.1\"],\"command\":\"check\","
        "\"decision\":"
        "\"license_required\",\"input_digest\":\"sha256:abc\",\"pack_digest\":\"sha256:def\","
        "\"prev_hash\":\"" +
            kGenesisHash +
            "\",\"reasons\":[{\"cite\":\"15 CFR "
            "742.6\",\"decision\":\"license_required\",\"message\":\"needs a "
            "\\\"license\\\"\\u000a\",\"rule\":\"ac-d5-macau\"}],\"seq\":7,\"subject\":\"shipment "
            "S line 1\",\"ts\":"
            "\"2026-01-02T03:04:05.006Z\"}");
  CHECK(AuditRecordHash(r).size() == 64);
  AuditRecord changed = r;
  changed.entry.decision = "no_license_required";
  CHECK(AuditRecordHash(changed) != AuditRecordHash(r));
}

TEST_CASE("AppendedRecordsFormAValidChain", "[audit][backend]") {
  Log log(5);
  AuditVerifyResult r = log.Verify({{0, log.head, "test"}});
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

// SQLite only: its triggers through the C API (PostgreSQL: PgAuditTamperingIsRefusedOrReported).
TEST_CASE("TriggersRefuseEditsThroughSqlite", "[audit]") {
  Log log(2);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(log.path.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE audit_log SET decision = 'x'", nullptr, nullptr, nullptr) !=
        SQLITE_OK);
  CHECK(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr) != SQLITE_OK);
  sqlite3_close(db);
  CHECK(log.Verify().ok);
}

TEST_CASE("EditedRecordIsNamed", "[audit][backend]") {
  Log log(5);
  Tamper(log.path, "UPDATE audit_log SET decision = 'no_license_required' WHERE seq = 3");
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 3);
  CHECK(r.kind == AuditProblem::kHash);
  CHECK(r.problem.find("edited") != std::string::npos);
  CHECK(r.schema.empty());  // the attacker put the triggers back
}

TEST_CASE("DeletedRecordIsNamed", "[audit][backend]") {
  Log log(5);
  Tamper(log.path, "DELETE FROM audit_log WHERE seq = 2");
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 3);
}

// SQLite only: renumbering with one UPDATE relies on SQLite checking the key at the end of the
// statement; PostgreSQL checks it row by row, so the same tamper needs another statement there.
TEST_CASE("DeletedAndRenumberedRecordIsNamed", "[audit]") {
  Log log(5);
  Tamper(log.path,
         "DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2");
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 2);
  CHECK(r.problem.find("prev_hash") != std::string::npos);
}

TEST_CASE("InsertedRecordIsNamed", "[audit][backend]") {
  Log log(4);
  Tamper(log.path,
         "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3; UPDATE audit_log SET seq = seq - 99 "
         "WHERE seq >= 103;"
         "INSERT INTO audit_log SELECT 3, ts, actor, command, subject || ' forged', input_digest, "
         "decision, classes,"
         " reasons, pack_digest, prev_hash, hash || 'x', format, facts_digest, run FROM audit_log "
         "WHERE "
         "seq = 2");
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 3);
}

TEST_CASE("ReorderedRecordsAreNamed", "[audit][backend]") {
  Log log(4);
  Tamper(log.path,
         "UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3;"
         "UPDATE audit_log SET seq = 3 WHERE seq = 100");
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 2);
}

TEST_CASE("CutTailIsFoundWithTheExpectedHead", "[audit][backend]") {
  Log log(5);
  Tamper(log.path, "DELETE FROM audit_log WHERE seq >= 4");
  CHECK(log.Verify().ok);  // a clean cut is invisible without the head...
  AuditVerifyResult r = log.Verify({{0, log.head, "test"}});
  CHECK_FALSE(r.ok);  // ...and caught with it
  CHECK(r.kind == AuditProblem::kAnchor);
  CHECK(r.problem.find("expected head") != std::string::npos);
}

TEST_CASE("ConcurrentProcessesKeepEveryRecordInOneChain", "[audit][backend]") {
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

TEST_CASE("ExportWritesOneJsonLinePerRecord", "[audit][backend]") {
  Log log(3);
  RunResult r = RunChipgate({"log", "export", "--db", log.path});
  CHECK(r.exit_code == 0);
  int lines = 0;
  for (char c : r.out) lines += c == '\n';
  CHECK(lines == 3);
  CHECK(r.out.find("\"hash\":\"" + log.head + "\"}") != std::string::npos);
}

TEST_CASE("LogVerifyCommandExitCodes", "[audit][backend]") {
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

// Format-1 records (as chipgate wrote them before migration 5) as INSERT statements for a
// version-2 or version-3 audit_log; `head` gets the last hash.
std::string LegacyRecords(int n, std::string& head) {
  std::string sql, prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditRecord r{kAuditFormatV1, i,    "2025-01-0" + std::to_string(i) + "T00:00:00.000Z",
                  Entry(i),       prev, ""};
    r.entry.facts_digest.clear();
    r.hash = AuditRecordHash(r);
    auto q = [](const std::string& v) {
      std::string out = "'";
      for (char c : v) out += c == '\'' ? std::string("''") : std::string(1, c);
      return out + "'";
    };
    sql +=
        "INSERT INTO audit_log (seq, ts, actor, command, subject, input_digest, decision, classes, "
        "reasons, pack_digest, "
        "prev_hash, hash) VALUES (" +
        std::to_string(i) + "," + q(r.ts) + "," + q(r.entry.actor) + "," + q(r.entry.command) +
        "," + q(r.entry.subject) + "," + q(r.entry.input_digest) + "," + q(r.entry.decision) + "," +
        q(CanonicalClassesJson(r.entry.classes)) + "," + q(CanonicalReasonsJson(r.entry.reasons)) +
        "," + q(r.entry.pack_digest) + "," + q(prev) + "," + q(r.hash) + ");";
    prev = r.hash;
  }
  head = prev;
  return sql;
}

// Migration 3 rebuilt audit_log without the UNIQUE index on hash, migration 5 added format and
// facts_digest: a version-2 log must come through with every record, the same chain and head,
// and the append-only triggers; its format-1 records verify, and new records are format 2.
// SQLite only: an older SQLite schema upgraded by SQLite's migrations.
TEST_CASE("Version2AuditLogIsUpgradedWithItsChainIntact", "[store][audit]") {
  TempDir dir;
  std::string v2 = TestDatabase(dir, "v2.db"), head;
  RawExec(v2, ReadFile(SourcePath("db/migrations/sqlite/0001_initial.sql")) +
                  ReadFile(SourcePath("db/migrations/sqlite/0002_audit_runs.sql")) +
                  "PRAGMA user_version = 2;" + LegacyRecords(5, head));
  {
    auto s = Store::Open(v2);  // writable: applies migrations 3, 4 and 5
    REQUIRE(s.ok());
    CHECK(s->schema_version() == kSchemaVersion);
    auto r = s->VerifyAudit({{5, head, "test"}});
    REQUIRE(r.ok());
    CHECK(r->ok);
    CHECK(r->schema.empty());
    CHECK(r->records == 5);
    auto more = s->AppendAudit({Entry(6)});
    REQUIRE(more.ok());
    CHECK(more->prev_hash == head);
    auto again = s->VerifyAudit();
    REQUIRE(again.ok());
    CHECK(again->ok);
  }
  CHECK(RawColumn(v2, "SELECT format FROM audit_log ORDER BY seq") ==
        std::vector<std::string>{"1", "1", "1", "1", "1", "2"});
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(v2.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  CHECK(sqlite3_exec(db, "UPDATE audit_log SET decision = 'x' WHERE seq = 1", nullptr, nullptr,
                     &err) != SQLITE_OK);
  CHECK(std::string(err ? err : "").find("append-only") != std::string::npos);
  sqlite3_free(err);
  err = nullptr;
  CHECK(sqlite3_exec(db, "DELETE FROM audit_log WHERE seq = 6", nullptr, nullptr, &err) !=
        SQLITE_OK);
  sqlite3_free(err);
  sqlite3_close(db);
}

// A format-1 record after format-2 ones would be a downgrade: only a rewrite produces one.
// SQLite only: the history is rewritten and rechained through SQLite's C API (Rechain).
TEST_CASE("FormatOneRecordAfterFormatTwoIsRefused", "[store][audit]") {
  Log log(3);
  Tamper(log.path, "UPDATE audit_log SET format = 1, facts_digest = NULL WHERE seq = 3");
  Rechain(log.path);
  AuditVerifyResult r = log.Verify();
  CHECK_FALSE(r.ok);
  CHECK(r.kind == AuditProblem::kNotCanonical);
  CHECK(r.first_bad_seq == 3);
}

}  // namespace chipgate::testing

// ---- item 11: what is appended is what is recorded, whatever was done to the schema ----
namespace chipgate::testing {

// SQLite only: each attack is SQLite DDL (PostgreSQL's: PgAuditTamperingIsRefusedOrReported).
// Each attack on the schema, done with SQLite on the real file. The append must fail with nothing
// written, `RecordAuditRun` too, and `VerifyAudit` must name the foreign, missing or changed
// object.
struct SchemaAttack {
  const char* name;
  const char* sql;
  const char* object;  // the name VerifyAudit must report
};
const std::vector<SchemaAttack>& SchemaAttacks() {
  static const std::vector<SchemaAttack> attacks = {
      {"trigger that swallows appends",
       "CREATE TRIGGER swallow BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE); END",
       "swallow"},
      {"trigger that rewrites appends",
       "CREATE TRIGGER launder AFTER INSERT ON audit_log BEGIN INSERT INTO audit_runs (started, "
       "actor, date, pack_digest, "
       "parts, shipments, findings) VALUES ('x', 'x', 'x', 'x', 0, 0, 0); END",
       "launder"},
      {"trigger on audit_runs",
       "CREATE TRIGGER runs_gone BEFORE INSERT ON audit_runs BEGIN SELECT RAISE(IGNORE); END",
       "runs_gone"},
      {"trigger on audit_findings",
       "CREATE TRIGGER findings_gone BEFORE INSERT ON audit_findings BEGIN SELECT RAISE(IGNORE); "
       "END",
       "findings_gone"},
      {"trigger on an inventory table",
       "CREATE TRIGGER on_parts AFTER INSERT ON parts BEGIN SELECT 1; END", "on_parts"},
      {"append-only trigger dropped", "DROP TRIGGER audit_log_no_delete", "audit_log_no_delete"},
      {"append-only trigger emptied",
       "DROP TRIGGER audit_log_no_update; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON "
       "audit_log BEGIN SELECT 1; END",
       "audit_log_no_update"},
      {"index on the log", "CREATE UNIQUE INDEX one_per_decision ON audit_log(decision)",
       "one_per_decision"},
      {"table replaced by a view that drops writes",
       "ALTER TABLE audit_log RENAME TO audit_log_real; CREATE VIEW audit_log AS SELECT * FROM "
       "audit_log_real; "
       "CREATE TRIGGER eat INSTEAD OF INSERT ON audit_log BEGIN SELECT 1; END",
       "audit_log"},
      {"table rebuilt with ON CONFLICT IGNORE",
       "ALTER TABLE audit_log RENAME TO old_log; CREATE TABLE audit_log (seq INTEGER PRIMARY KEY "
       "ON CONFLICT IGNORE, ts "
       "TEXT NOT NULL, actor TEXT NOT NULL, command TEXT NOT NULL, subject TEXT NOT NULL, "
       "input_digest TEXT NOT NULL, "
       "decision TEXT NOT NULL, classes TEXT NOT NULL, reasons TEXT NOT NULL, pack_digest TEXT NOT "
       "NULL, prev_hash TEXT "
       "NOT NULL, hash TEXT NOT NULL, format INTEGER NOT NULL DEFAULT 1, facts_digest TEXT, run "
       "TEXT) "
       "STRICT; "
       "INSERT INTO audit_log SELECT * FROM old_log; DROP TABLE old_log",
       "audit_log"},
      {"a view", "CREATE VIEW audit_summary AS SELECT count(*) FROM audit_log", "audit_summary"},
  };
  return attacks;
}

TEST_CASE("ForeignSchemaObjectsStopEveryAuditWrite", "[store][audit]") {
  for (const SchemaAttack& a : SchemaAttacks()) {
    INFO(a.name);
    Log log(2);
    RawExec(log.path, a.sql);
    auto s = Store::Open(log.path);
    if (!s.ok()) {  // no audit_log table at all: the database is refused when opened
      CHECK(s.status().message().find("missing table(s) audit_log") != std::string::npos);
      continue;
    }
    auto appended = s->AppendAudit({Entry(3)});
    CHECK_FALSE(appended.ok());
    if (!appended.ok())
      CHECK(appended.status().message().find("schema is not chipgate's") != std::string::npos);
    auto run =
        s->RecordAuditRun({"2026-01-01T00:00:00.000Z", "t", "2026-01-01", "", "sha256:x", 1, 0},
                          {{"misclassified", "high", "P", "", "", "", "[]", 0, "", kFacts}});
    CHECK_FALSE(run.ok());
    CHECK(RawColumn(log.path, "SELECT count(*) FROM audit_runs") == std::vector<std::string>{"0"});
    CHECK(RawColumn(log.path, "SELECT count(*) FROM audit_findings") ==
          std::vector<std::string>{"0"});
    AuditVerifyResult r = log.Verify();
    CHECK_FALSE(r.ok);
    bool named = false;
    for (const auto& d : r.schema) named = named || d.name == a.object;
    CHECK(named);
  }
}

// A connection that has appended once (its schema check passed) and stays open, as the group
// commit's does: each attack made afterwards by another connection still stops its next append
// (the check is skipped only while SQLite's schema cookie is unchanged) and its group appends.
TEST_CASE("ForeignSchemaObjectsStopAppendsOfAnOpenConnection", "[store][audit]") {
  for (const SchemaAttack& a : SchemaAttacks()) {
    INFO(a.name);
    Log log(0);
    auto s = Store::Open(log.path);
    REQUIRE(s.ok());
    REQUIRE(s->AppendAudit({Entry(1)}).ok());
    REQUIRE(s->AppendAudit({Entry(2)}).ok());  // the second with the check remembered
    RawExec(log.path, a.sql);
    auto appended = s->AppendAudit({Entry(3)});
    CHECK_FALSE(appended.ok());
    if (!appended.ok()) {
      bool refused =
          appended.status().message().find("schema is not chipgate's") != std::string::npos ||
          appended.status().message().find("audit_log") != std::string::npos;
      CHECK(refused);
    }
    std::vector<AuditEntry> group = {Entry(3)};
    const std::vector<AuditEntry>* groups[] = {&group};
    CHECK_FALSE(s->AppendAuditGroups(groups).ok());
    CHECK(RawColumn(log.path, "SELECT count(*) FROM audit_log WHERE seq > 2") ==
          std::vector<std::string>{"0"});
  }
}

TEST_CASE("AuditRunFindingsAndLogRecordsAreOneTransaction", "[store][audit][backend]") {
  Log log(1);
  auto s = Store::Open(log.path);
  REQUIRE(s.ok());
  auto run =
      s->RecordAuditRun({"2026-01-01T00:00:00.000Z", "t", "2026-01-01", "", "sha256:x", 1, 0},
                        {{"misclassified", "high", "P", "", "", "", "[]", 0, "", kFacts},
                         {"misclassified", "high", "Q", "", "", "", "[]", 0, "", kFacts}});
  REQUIRE(run.ok());
  CHECK(log.Count() == 2);  // one record for the run, whatever its number of findings
  // A finding without facts refuses the whole run: no run, no finding, no record.
  auto refused =
      s->RecordAuditRun({"2026-01-01T00:00:00.000Z", "t", "2026-01-01", "", "sha256:x", 1, 0},
                        {{"misclassified", "high", "P", "", "", "", "[]", 0}});
  CHECK_FALSE(refused.ok());
  CHECK(RawColumn(log.path, "SELECT count(*) FROM audit_runs") == std::vector<std::string>{"1"});
  CHECK(log.Count() == 2);
  CHECK(log.Verify().ok);
}

}  // namespace chipgate::testing

// ---- item 12: stored bytes are hashed, and must be canonical ----
namespace chipgate::testing {

// SQLite only: the history is rewritten and rechained through SQLite's C API (Rechain).
TEST_CASE("NonCanonicalStoredJsonIsRefused", "[store][audit]") {
  struct Edit {
    const char* name;
    const char* sql;
    bool rechain;  // also recompute the chain, as a full rewrite would
  };
  const Edit edits[] = {
      {"duplicate key in reasons",
       "UPDATE audit_log SET reasons = replace(reasons, '{\"cite\":', "
       "'{\"cite\":\"forged\",\"cite\":') WHERE seq = 2",
       false},
      {"extra key in reasons",
       "UPDATE audit_log SET reasons = replace(reasons, '{\"cite\":', "
       "'{\"approved_by\":\"ceo\",\"cite\":') WHERE seq = 2",
       false},
      {"spacing in classes",
       "UPDATE audit_log SET classes = replace(classes, ',', ', ') WHERE seq = 2", false},
      {"escaped letter in classes",
       "UPDATE audit_log SET classes = replace(classes, '\"3A090.a\"', '\"\\u0033A090.a\"') WHERE "
       "seq = 2",
       false},
      {"keys reordered",
       "UPDATE audit_log SET reasons = '[{\"rule\":\"ac-d5-macau\",\"cite\":\"15 CFR "
       "742.6\",\"decision\":\"license_required\",\"message\":\"m\"}]' WHERE seq = 2",
       true},
      {"number instead of a string", "UPDATE audit_log SET classes = '[3]' WHERE seq = 2", true},
      {"duplicate key then rechained",
       "UPDATE audit_log SET reasons = replace(reasons, '{\"cite\":', "
       "'{\"cite\":\"forged\",\"cite\":') WHERE seq = 2",
       true},
  };
  for (const Edit& e : edits) {
    INFO(e.name);
    Log log(3);
    Tamper(log.path, e.sql);
    if (e.rechain) Rechain(log.path);
    AuditVerifyResult r = log.Verify();
    CHECK_FALSE(r.ok);
    CHECK(r.first_bad_seq == 2);
    CHECK(r.kind == AuditProblem::kNotCanonical);
  }
}

TEST_CASE("ExportWritesTheStoredBytesThatWereHashed", "[store][audit][backend]") {
  Log log(2);
  std::ostringstream out;
  auto s = Store::Open(log.path, StoreOptions{.read_only = true});
  REQUIRE(s.ok());
  REQUIRE(s->ExportAudit(out).ok());
  std::string first = out.str().substr(0, out.str().find('\n'));
  std::string hashed = first.substr(0, first.rfind(",\"hash\":")) + "}";
  CHECK(Sha256Of(hashed) == log.HashOf(1));
}

}  // namespace chipgate::testing

// ---- item 13: anchors that name their record, checkpoints ----
namespace chipgate::testing {

TEST_CASE("AnchorNamingItsRecordSurvivesLaterAppends", "[store][audit][backend]") {
  Log log(3);
  std::string third = log.HashOf(3);
  REQUIRE(log.Append({Entry(4), Entry(5)}).ok());
  CHECK(log.Verify({{3, third, "saved"}}).ok);
  CHECK_FALSE(log.Verify({{0, third, "saved"}}).ok);  // a bare head is the last record only
  AuditVerifyResult wrong = log.Verify({{2, third, "saved"}});
  CHECK_FALSE(wrong.ok);
  CHECK(wrong.kind == AuditProblem::kAnchor);
  CHECK(wrong.first_bad_seq == 2);
}

// SQLite only: the history is rewritten and rechained through SQLite's C API (Rechain).
TEST_CASE("RewrittenAndRechainedHistoryIsCaughtOnlyByAnAnchor", "[store][audit]") {
  Log log(5);
  std::string fifth = log.HashOf(5);
  Tamper(log.path, "UPDATE audit_log SET decision = 'no_license_required' WHERE seq = 3");
  Rechain(log.path);
  CHECK(log.Verify().ok);  // plain verify cannot tell a consistent rewrite from the original
  AuditVerifyResult r = log.Verify({{5, fifth, "checkpoints.txt:1"}});
  CHECK_FALSE(r.ok);
  CHECK(r.kind == AuditProblem::kAnchor);
  CHECK(r.first_bad_seq == 5);
  CHECK(r.problem.find("checkpoints.txt:1") != std::string::npos);
}

TEST_CASE("LogCutBelowAnAnchorIsCaught", "[store][audit][backend]") {
  Log log(5);
  std::string fifth = log.HashOf(5);
  Tamper(log.path, "DELETE FROM audit_log WHERE seq >= 4");
  AuditVerifyResult r = log.Verify({{5, fifth, "cp"}});
  CHECK_FALSE(r.ok);
  CHECK(r.kind == AuditProblem::kAnchor);
  CHECK(r.problem.find("ends at record 3, before record 5") != std::string::npos);
}

TEST_CASE("AnchorTextIsParsedStrictly", "[audit][backend]") {
  std::string h(64, 'a');
  auto ok = ParseAuditAnchor("12:" + h);
  REQUIRE(ok.ok());
  CHECK(ok->seq == 12);
  CHECK(ok->hash == h);
  auto bare = ParseAuditAnchor(std::string(64, 'B'));
  REQUIRE(bare.ok());
  CHECK(bare->seq == 0);
  CHECK(bare->hash == std::string(64, 'b'));
  for (const std::string& bad : std::vector<std::string>{
           "abc", "3:abc", "0:" + h, "-1:" + h, "+1:" + h, ":" + h, "x:" + h, "3:" + h.substr(1),
           "3:" + h + "0", "3:" + h.substr(1) + "g", "03:" + h, std::string(""),
           "99999999999999999999:" + h, "3 :" + h}) {
    INFO(bad);
    CHECK_FALSE(ParseAuditAnchor(bad).ok());
  }
}

}  // namespace chipgate::testing

// ---- item 14: timestamps come from a clock, and verify checks them ----
namespace chipgate::testing {

TEST_CASE("AppendTakesItsTimeFromTheInjectedClock", "[store][audit][backend]") {
  FixedClock clock(At(1764547200123));  // 2025-12-01T00:00:00.123Z
  Log log(2, &clock);
  CHECK(RawColumn(log.path, "SELECT ts FROM audit_log") ==
        std::vector<std::string>{"2025-12-01T00:00:00.123Z", "2025-12-01T00:00:00.123Z"});
  FixedClock earlier(At(1764547200123 - 86400000));  // the clock set back a day
  REQUIRE(log.Append({Entry(3)}, &earlier).ok());
  CHECK(RawColumn(log.path, "SELECT ts FROM audit_log WHERE seq = 3") ==
        std::vector<std::string>{"2025-12-01T00:00:00.123Z"});
  CHECK(log.Verify().ok);
}

// SQLite only: the history is rewritten and rechained through SQLite's C API (Rechain).
TEST_CASE("TimestampsAreCheckedByVerify", "[store][audit]") {
  struct Case {
    const char* name;
    const char* ts;  // set on record 3 (records 1-4 are at 2025-12-01T00:00:00.123Z)
  };
  const Case cases[] = {
      {"not a date", "yesterday"},
      {"no milliseconds", "2025-12-01T00:00:01Z"},
      {"offset instead of Z", "2025-12-01T00:00:01.000+00:00"},
      {"impossible day", "2025-02-30T00:00:01.000Z"},
      {"leap second", "2025-12-31T23:59:60.000Z"},
      {"earlier than the record before", "2025-11-30T23:59:59.999Z"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    FixedClock clock(At(1764547200123));
    Log log(4, &clock);
    Tamper(log.path, std::string("UPDATE audit_log SET ts = '") + c.ts + "' WHERE seq = 3");
    Rechain(log.path);
    AuditVerifyResult r = log.Verify();
    CHECK_FALSE(r.ok);
    CHECK(r.kind == AuditProblem::kTimestamp);
    CHECK(r.first_bad_seq == 3);
  }
}

TEST_CASE("AuditTimestampFormatIsExact", "[audit][backend]") {
  CHECK(FormatAuditTimestamp(At(0)) == "1970-01-01T00:00:00.000Z");
  CHECK(FormatAuditTimestamp(At(951782400999)) == "2000-02-29T00:00:00.999Z");
  CHECK(FormatAuditTimestamp(At(-1)) == "1969-12-31T23:59:59.999Z");
  CHECK(IsAuditTimestamp("2000-02-29T00:00:00.999Z"));
  CHECK(IsAuditTimestamp("2024-12-31T23:59:59.000Z"));
  for (const char* bad :
       {"1900-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-01-01T24:00:00.000Z",
        "2026-01-01 00:00:00.000Z", "2026-01-01T00:00:00.000z", "0000-01-01T00:00:00.000Z",
        "2026-01-01T00:00:00.0000Z", "2026-1-01T00:00:00.000Z", ""}) {
    INFO(bad);
    CHECK_FALSE(IsAuditTimestamp(bad));
  }
}

}  // namespace chipgate::testing
