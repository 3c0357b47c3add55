// Audit-run records (docs/audit-log.md, "Audit-run records"): an inventory-audit run appends one
// audit-log record whatever its number of findings; the record's hash covers the findings through
// their digest, which `log verify` recomputes from audit_findings, here or in the audited database
// when the log is kept elsewhere. Tampering is done with SQLite on the file, as anyone can.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/sha256.h"
#include "chipgate/audit_entry.h"
#include "chipgate/store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kFacts = "sha256:" + std::string(64, 'e');

Store::RunRow Run(const std::string& date = "2026-01-01") {
  return {"2026-01-01T00:00:00.000Z", "auditor", date, "", "sha256:pack", 7, 3};
}

// `n` findings, alternately about a part and about a shipment line.
std::vector<Store::FindingRow> Findings(int n) {
  std::vector<Store::FindingRow> out;
  for (int i = 1; i <= n; ++i) {
    if (i % 2) {
      out.push_back({"misclassified", "high", "P-" + std::to_string(i), "", "EAR99", "3A090.a",
                     "[]", 0, "", kFacts});
    } else {
      out.push_back(
          {"unlicensed_shipment", "high", "P-" + std::to_string(i), "SO-" + std::to_string(i), "",
           "license_required",
           R"([{"cite":"15 CFR 742.6","decision":"license_required","message":"m","rule":"r"}])", 1,
           "", kFacts});
    }
  }
  return out;
}

Store MustOpen(const std::string& path, bool create = false) {
  auto s = Store::Open(path, StoreOptions{.create = create});
  REQUIRE(s.ok());
  return std::move(s.value());
}

AuditVerifyResult Verify(const std::string& path, const std::string& audited = "") {
  Store s = MustOpen(path);
  std::optional<Store> other;
  if (!audited.empty()) other.emplace(MustOpen(audited));
  auto r = s.VerifyAudit({}, other ? &*other : nullptr);
  REQUIRE(r.ok());
  return r.value();
}

int64_t Records(const std::string& path) {
  return std::stoll(RawScalar(path, "SELECT count(*) FROM audit_log"));
}

}  // namespace

TEST_CASE("FindingsDigestIsPinned", "[store][audit][run][backend]") {
  StoredFinding f;
  f.seq = 1;
  f.kind = "misclassified";
  f.severity = "high";
  f.part = "P\"1";
  f.declared = "";
  f.reasons_json = "[]";
  f.facts_digest = kFacts;
  const std::string json = CanonicalFindingJson(f);
  CHECK(json ==
        R"({"computed":null,"declared":"","facts_digest":")" + kFacts +
            R"(","kind":"misclassified","license":null,"line":null,"part":"P\"1","reasons":[],)"
            R"("seq":1,"severity":"high","shipment":null})");
  FindingsDigest d;
  d.Add(f);
  f.seq = 2;
  const std::string second = CanonicalFindingJson(f);
  d.Add(f);
  CHECK(d.count() == 2);
  CHECK(d.Finish() == "sha256:" + Sha256Hex(json + "\n" + second + "\n"));
  FindingsDigest none;
  CHECK(none.Finish() == "sha256:" + Sha256Hex(""));

  AuditRunSummary run{
      3,     std::string(32, 'a'), "2026-01-01T00:00:00.000Z", "2026-01-01", std::nullopt, 7, 2, 1,
      kFacts};
  const std::string run_json = CanonicalRunJson(run);
  CHECK(run_json ==
        R"({"compare_date":null,"database":")" + std::string(32, 'a') +
            R"(","date":"2026-01-01","findings":1,"findings_digest":")" + kFacts +
            R"(","id":3,"parts":7,"shipments":2,"started":"2026-01-01T00:00:00.000Z"})");
  CHECK(ParseCanonicalRunJson(run_json) == run);
  CHECK_FALSE(ParseCanonicalRunJson(" " + run_json));
  CHECK_FALSE(ParseCanonicalRunJson(R"({"id":3})"));
}

TEST_CASE("AnAuditRunAppendsOneRecordWhateverItsFindings", "[store][audit][run][backend]") {
  TempDir dir;
  const std::string path = TestDatabase(dir, "inv.db");
  Store s = MustOpen(path, true);
  int64_t expected = 0;
  for (int n : {0, 1, 250}) {
    INFO(n << " findings");
    auto run = s.RecordAuditRun(Run(), Findings(n));
    REQUIRE(run.ok());
    ++expected;
    CHECK(Records(path) == expected);
    CHECK(run->record.count() == 1);
    CHECK(run->run.findings == n);
    CHECK(RawScalar(path, "SELECT count(*) FROM audit_findings WHERE run_id = " +
                              std::to_string(run->run_id)) == std::to_string(n));
    CHECK(RawScalar(path, "SELECT findings_digest FROM audit_runs WHERE id = " +
                              std::to_string(run->run_id)) == run->run.findings_digest);
    // The record's run is the run, with this database's id.
    std::string stored =
        RawScalar(path, "SELECT run FROM audit_log WHERE seq = " + std::to_string(expected));
    auto parsed = ParseCanonicalRunJson(stored);
    REQUIRE(parsed);
    CHECK(*parsed == run->run);
    CHECK(parsed->database == RawScalar(path, "SELECT id FROM database_id"));
    CHECK(
        RawScalar(path, "SELECT subject FROM audit_log WHERE seq = " + std::to_string(expected)) ==
        "audit run " + std::to_string(run->run_id) + " date 2026-01-01");
    CHECK(RawScalar(path, "SELECT decision FROM audit_log WHERE seq = " +
                              std::to_string(expected)) == (n ? "findings" : "no_findings"));
  }
  AuditVerifyResult r = Verify(path);
  CHECK(r.ok);
  CHECK(r.records == 3);
  CHECK(r.runs_checked == 3);
}

// Each kind of change to a recorded run's findings, or to its row, fails verification at the
// run's record, naming the run; the other runs are untouched.
TEST_CASE("ChangedFindingsFailVerifyNamingTheRun", "[store][audit][run][backend]") {
  struct Edit {
    const char* name;
    const char* sql;
  };
  const Edit edits[] = {
      {"a finding's severity changed",
       "UPDATE audit_findings SET severity = 'low' WHERE run_id = 2 AND seq = 2"},
      {"a finding's reasons changed",
       "UPDATE audit_findings SET reasons = '[]' WHERE run_id = 2 AND seq = 2"},
      {"a finding's shipment emptied instead of NULL",
       "UPDATE audit_findings SET shipment_id = '' WHERE run_id = 2 AND seq = 1"},
      {"a finding deleted", "DELETE FROM audit_findings WHERE run_id = 2 AND seq = 3"},
      {"a finding added",
       "INSERT INTO audit_findings (run_id, seq, kind, severity, reasons) VALUES (2, 9, "
       "'misclassified', 'high', '[]')"},
      {"findings renumbered", "UPDATE audit_findings SET seq = seq + 10 WHERE run_id = 2"},
      {"a finding moved to another run",
       "UPDATE audit_findings SET run_id = 1, seq = 4 WHERE run_id = 2 AND seq = 3"},
      {"the run row's counts changed", "UPDATE audit_runs SET parts = 1 WHERE id = 2"},
      {"the run row's digest changed", "UPDATE audit_runs SET findings_digest = NULL WHERE id = 2"},
      {"the run row deleted",
       "DELETE FROM audit_findings WHERE run_id = 2; DELETE FROM audit_runs WHERE id = 2"},
  };
  for (const Edit& e : edits) {
    INFO(e.name);
    TempDir dir;
    const std::string path = TestDatabase(dir, "inv.db");
    {
      Store s = MustOpen(path, true);
      for (int i = 0; i < 3; ++i) REQUIRE(s.RecordAuditRun(Run(), Findings(3)).ok());
    }
    REQUIRE(Verify(path).ok);
    RawExec(path, e.sql);
    AuditVerifyResult r = Verify(path);
    CHECK_FALSE(r.ok);
    CHECK(r.kind == AuditProblem::kFindings);
    // "a finding moved" changes run 1 as well; the first run whose findings fail is reported.
    const int64_t run = std::string(e.name) == "a finding moved to another run" ? 1 : 2;
    CHECK(r.run_id == run);
    CHECK(r.first_bad_seq == run);
    CHECK(r.problem.find("run " + std::to_string(run)) != std::string::npos);
  }
}

// The run record's own bytes are under the chain like any record's, and its `run` must be
// canonical (one spelling, one meaning).
TEST_CASE("AnEditedRunRecordIsCaught", "[store][audit][run][backend]") {
  TempDir dir;
  const std::string path = TestDatabase(dir, "inv.db");
  {
    Store s = MustOpen(path, true);
    REQUIRE(s.RecordAuditRun(Run(), Findings(2)).ok());
  }
  Tamper(path, "UPDATE audit_log SET run = replace(run, '\"findings\":2', '\"findings\":1')");
  AuditVerifyResult edited = Verify(path);
  CHECK(edited.kind == AuditProblem::kHash);
  Tamper(path, "UPDATE audit_log SET run = replace(run, '\"findings\":1', '\"findings\": 2')");
  AuditVerifyResult spaced = Verify(path);
  CHECK(spaced.kind == AuditProblem::kNotCanonical);
  Tamper(path, "UPDATE audit_log SET run = NULL");
  AuditVerifyResult dropped = Verify(path);
  CHECK(dropped.kind == AuditProblem::kHash);
}

// `--audit FILE`: the run and its findings in the audited database, the one record in FILE.
TEST_CASE("ARunRecordKeptElsewhereIsCheckedAgainstTheAuditedDatabase",
          "[store][audit][run][backend]") {
  TempDir dir;
  const std::string inv = TestDatabase(dir, "inv.db"), log = TestDatabase(dir, "log.db"),
                    other = TestDatabase(dir, "other.db");
  {
    Store s = MustOpen(inv, true);
    Store l = MustOpen(log, true);
    MustOpen(other, true);
    auto run = s.RecordAuditRun(Run(), Findings(4), &l);
    REQUIRE(run.ok());
    CHECK(run->record.count() == 1);
  }
  CHECK(Records(inv) == 0);
  CHECK(Records(log) == 1);
  CHECK(RawScalar(inv, "SELECT count(*) FROM audit_findings") == "4");
  CHECK(RawScalar(log, "SELECT count(*) FROM audit_findings") == "0");

  // Without the audited database the findings cannot be checked: never valid.
  AuditVerifyResult alone = Verify(log);
  CHECK_FALSE(alone.ok);
  CHECK(alone.kind == AuditProblem::kFindingsNotChecked);
  CHECK(alone.run_id == 1);
  CHECK(alone.problem.find("could not be checked") != std::string::npos);
  // Another database than the one the record names does not do either.
  AuditVerifyResult wrong = Verify(log, other);
  CHECK(wrong.kind == AuditProblem::kFindingsNotChecked);
  // With it, the findings are checked.
  AuditVerifyResult checked = Verify(log, inv);
  CHECK(checked.ok);
  CHECK(checked.runs_checked == 1);
  // The audited database's own log is empty and valid.
  CHECK(Verify(inv).ok);

  RawExec(inv, "UPDATE audit_findings SET kind = 'party_hit' WHERE seq = 4");
  AuditVerifyResult tampered = Verify(log, inv);
  CHECK_FALSE(tampered.ok);
  CHECK(tampered.kind == AuditProblem::kFindings);
  CHECK(tampered.run_id == 1);
  CHECK(tampered.problem.find(inv) != std::string::npos);
}

// A failed append to the other log leaves nothing in the audited database. SQLite only: the
// failure is planted with a SQLite trigger (RAISE(IGNORE) has no PostgreSQL twin that the audit
// schema check would let through).
TEST_CASE("ARunWhoseRecordCannotBeWrittenElsewhereIsNotStored", "[store][audit][run]") {
  TempDir dir;
  const std::string inv = TestDatabase(dir, "inv.db"), log = TestDatabase(dir, "log.db");
  MustOpen(log, true);
  RawExec(log, "CREATE TRIGGER swallow BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE); END");
  {
    Store s = MustOpen(inv, true);
    Store l = MustOpen(log);
    auto run = s.RecordAuditRun(Run(), Findings(2), &l);
    CHECK_FALSE(run.ok());
  }
  CHECK(RawScalar(inv, "SELECT count(*) FROM audit_runs") == "0");
  CHECK(RawScalar(inv, "SELECT count(*) FROM audit_findings") == "0");
  CHECK(Records(log) == 0);
}

// SQLite only (an older SQLite schema). A database of an older schema with per-finding audit
// records (as chipgate wrote them before migration 12) opens, verifies, and takes run records after
// them. Version 5, the first with format-2 records: later migrations need chipgate's SQL functions,
// which only a Store registers, and bring it to version 12 when it is opened.
TEST_CASE("PerFindingRecordsOfAnOlderDatabaseStillVerify", "[store][audit][run]") {
  TempDir dir;
  const std::string path = TestDatabase(dir, "v5.db");
  // Migrations 1 to 5, as a version-5 chipgate created the database.
  std::vector<std::string> files;
  for (const auto& f : std::filesystem::directory_iterator(SourcePath("db/migrations/sqlite"))) {
    std::string name = f.path().filename().string();
    if (name.size() > 4 && std::stoi(name.substr(0, 4)) <= 5) files.push_back(f.path().string());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() == 5);
  std::string schema;
  for (const auto& f : files) schema += ReadFile(f) + "\n";
  // Two findings of run 1, each with its own format-2 record (MakeFindingEntry).
  std::string sql = schema + "PRAGMA user_version = 5;" +
                    "INSERT INTO audit_runs (started, actor, date, pack_digest, parts, "
                    "shipments, findings) VALUES ('2025-01-01T00:00:00.000Z', 'old', "
                    "'2025-01-01', 'sha256:pack', 2, 0, 2);";
  std::string prev = kGenesisHash;
  for (int i = 1; i <= 2; ++i) {
    const std::string part = "P-" + std::to_string(i);
    std::vector<AuditReason> reasons;
    AuditRecord r{kAuditFormat,
                  i,
                  "2025-01-01T00:00:00.000Z",
                  MakeFindingEntry({.actor = "old",
                                    .pack_digest = "sha256:pack",
                                    .kind = "misclassified",
                                    .computed = "3A090.a",
                                    .part = part,
                                    .shipment = "",
                                    .line = 0,
                                    .date = *ParseDate("2025-01-01"),
                                    .reasons = reasons,
                                    .facts_digest = kFacts}),
                  prev,
                  ""};
    r.hash = AuditRecordHash(r);
    const AuditEntry& e = r.entry;
    sql +=
        "INSERT INTO audit_findings (run_id, seq, kind, severity, part_number, computed, "
        "reasons) VALUES (1, " +
        std::to_string(i) + ", 'misclassified', 'high', '" + part + "', '3A090.a', '[]');";
    sql +=
        "INSERT INTO audit_log (seq, ts, actor, command, subject, input_digest, decision, "
        "classes, reasons, pack_digest, prev_hash, hash, format, facts_digest) VALUES (" +
        std::to_string(i) + ", '" + r.ts + "', '" + e.actor + "', '" + e.command + "', '" +
        e.subject + "', '" + e.input_digest + "', '" + e.decision + "', '" +
        CanonicalClassesJson(e.classes) + "', '" + CanonicalReasonsJson(e.reasons) + "', '" +
        e.pack_digest + "', '" + prev + "', '" + r.hash + "', 2, '" + e.facts_digest + "');";
    prev = r.hash;
  }
  RawExec(path, sql);
  {
    Store s = MustOpen(path);  // applies migrations 6 to 12
    CHECK(s.schema_version() == kSchemaVersion);
    auto r = s.VerifyAudit({{2, prev, "test"}});
    REQUIRE(r.ok());
    CHECK(r->ok);
    CHECK(r->records == 2);
    CHECK(r->runs_checked == 0);
    REQUIRE(s.RecordAuditRun(Run(), Findings(5)).ok());
  }
  CHECK(RawScalar(path, "SELECT findings_digest IS NULL FROM audit_runs WHERE id = 1") == "1");
  AuditVerifyResult after = Verify(path);
  CHECK(after.ok);
  CHECK(after.records == 3);
  CHECK(after.runs_checked == 1);
}

}  // namespace chipgate::testing
