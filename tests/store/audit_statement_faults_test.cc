// Every statement of the audit log's operations made to fail, one at a time
// (src/store/statement_fault.h): an append, a group commit, an audit run recording its findings
// (here and with its log in another database), `log verify` with checkpoints and `log export`.
// Each run with a fault must end in an error (or, for a statement without effect, in a result
// that is still exactly right), never in a crash or a success claimed for what was not done, and
// must leave the log exactly as it was: it verifies, with the records it had before. The last
// run of each loop reaches no armed statement and succeeds, so every statement was faulted once.
// [backend]: the same loops run on PostgreSQL (store_postgresql).
#include <catch2/catch.hpp>
#include <sstream>

#include "chipgate/checkpoint.h"
#include "chipgate/group_commit.h"
#include "chipgate/store.h"
#include "support/open_store.h"
#include "support/raw_sqlite.h"
#include "support/statement_faults.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kFacts = "sha256:" + std::string(64, 'f');
constexpr StatementFaultKind kKinds[] = {StatementFaultKind::kError, StatementFaultKind::kNothing};

std::vector<AuditEntry> Entries(int n, const std::string& tag) {
  std::vector<AuditEntry> out;
  for (int i = 0; i < n; ++i) {
    AuditEntry e;
    e.actor = "tester";
    e.command = "check";
    e.subject = tag + " line " + std::to_string(i);
    e.input_digest = "sha256:" + std::string(64, 'a');
    e.decision = "license_required";
    e.classes = {"3A090.a"};
    e.reasons = {{"r1", "license_required", "15 CFR 742.6", "needs a license"}};
    e.pack_digest = "sha256:" + std::string(64, 'b');
    e.facts_digest = kFacts;
    out.push_back(std::move(e));
  }
  return out;
}

Store::RunRow Run() {
  return {"2026-01-01T00:00:00.000Z", "auditor", "2026-01-01", "", "sha256:p", 7, 3};
}

std::vector<Store::FindingRow> Findings(int n) {
  std::vector<Store::FindingRow> out;
  for (int i = 1; i <= n; ++i) {
    out.push_back({"misclassified", "high", "P-" + std::to_string(i), i % 2 ? "" : "SO-1", "EAR99",
                   "3A090.a", "[]", i % 2 ? 0 : i, "", kFacts});
  }
  return out;
}

Store Open(const std::string& path, bool read_only = false) {
  auto s = Store::Open(path, StoreOptions{.read_only = read_only});
  INFO(s.status().message());
  REQUIRE(s.ok());
  return std::move(s.value());
}

// The log at `path`, read on a connection of its own (what another process sees): it verifies
// and holds exactly `records` records ending at `head`.
void LogIs(const std::string& path, int64_t records, const std::string& head) {
  AuditVerifyResult v = VerifyAuditLog(path);
  INFO(v.problem);
  CHECK(v.ok);
  CHECK(v.records == records);
  CHECK(v.head == head);
}

int64_t Count(const std::string& path, const std::string& table) {
  return std::stoll(RawScalar(path, "SELECT count(*) FROM " + table));
}

std::string KindName(StatementFaultKind kind) {
  return kind == StatementFaultKind::kError ? "error" : "nothing";
}

}  // namespace

TEST_CASE("EveryStatementOfAnAppendCanFailWritingNothing", "[store][audit][faults][backend]") {
  TempDir dir;
  const std::string path = TestDatabase(dir, "log.db");
  Store setup = MustOpen(path);
  REQUIRE(setup.AppendAudit(Entries(2, "before")).ok());
  // One record (PostgreSQL's single insert) and three (its batched insert).
  for (int size : {1, 3}) {
    for (StatementFaultKind kind : kKinds) {
      INFO(size << " records, fault " << KindName(kind));
      AuditVerifyResult start = VerifyAuditLog(path);
      int64_t records = start.records;
      std::string head = start.head;
      std::optional<Store> s;
      long statements = ForEachStatementFault(
          kind, [&] { s.emplace(Open(path)); },
          [&]() -> Status {
            auto r = s->AppendAudit(Entries(size, "faulted"));
            if (!r.ok()) return r.status();
            // Success claimed: the records are where it says.
            CHECK(r->first_seq == records + 1);
            CHECK(r->last_seq == records + size);
            records += size;
            head = r->head;
            return Status::Ok();
          },
          [&](long, const Status& st) {
            if (!st.ok()) {
              CHECK_THAT(st.message(), Catch::Contains("cannot write the audit log"));
            } else {
              CHECK(kind == StatementFaultKind::kNothing);  // an error is never success
            }
            LogIs(path, records, head);
          });
      CHECK(statements > 5);
      LogIs(path, records, head);
    }
  }
}

TEST_CASE("EveryStatementOfAGroupCommitCanFailWritingNothing", "[store][audit][faults][backend]") {
  TempDir dir;
  const std::string path = TestDatabase(dir, "log.db");
  MustOpen(path);
  for (StatementFaultKind kind : kKinds) {
    INFO("fault " << KindName(kind));
    AuditVerifyResult start = VerifyAuditLog(path);
    int64_t records = start.records;
    std::string head = start.head;
    std::unique_ptr<GroupCommitLog> log;
    long statements = ForEachStatementFault(
        kind,
        [&] {
          log.reset();
          auto opened = GroupCommitLog::Open(path, GroupCommitOptions{.checkpoint_pages = 0});
          REQUIRE(opened.ok());
          log = std::move(opened.value());
        },
        [&]() -> Status {
          auto r = log->Append(Entries(2, "group"));
          if (!r.ok()) return r.status();
          CHECK(r->first_seq == records + 1);
          records += 2;
          head = r->head;
          return Status::Ok();
        },
        [&](long, const Status& st) {
          if (st.ok()) CHECK(kind == StatementFaultKind::kNothing);
          LogIs(path, records, head);
        });
    log.reset();
    CHECK(statements > 5);
    LogIs(path, records, head);
  }
}

// The run, its findings and its record commit together: after a fault none of the three is
// there.
TEST_CASE("EveryStatementOfRecordingAnAuditRunCanFailWritingNothing",
          "[store][audit][faults][backend]") {
  TempDir dir;
  const std::string path = TestDatabase(dir, "inv.db");
  MustOpen(path);
  for (StatementFaultKind kind : kKinds) {
    INFO("fault " << KindName(kind));
    AuditVerifyResult start = VerifyAuditLog(path);
    int64_t records = start.records;
    int64_t runs = Count(path, "audit_runs");
    int64_t findings = Count(path, "audit_findings");
    std::string head = start.head;
    std::optional<Store> s;
    long statements = ForEachStatementFault(
        kind, [&] { s.emplace(Open(path)); },
        [&]() -> Status {
          auto r = s->RecordAuditRun(Run(), Findings(3));
          if (!r.ok()) return r.status();
          records += 1;
          runs += 1;
          findings += 3;
          head = r->record.head;
          return Status::Ok();
        },
        [&](long, const Status& st) {
          if (st.ok()) CHECK(kind == StatementFaultKind::kNothing);
          CHECK(Count(path, "audit_runs") == runs);
          CHECK(Count(path, "audit_findings") == findings);
          LogIs(path, records, head);
        });
    CHECK(statements > 10);
  }
}

// With its log in another database the run cannot commit in one transaction with its record: the
// record is appended (and committed) inside the run's transaction, before the run's COMMIT. A
// fault anywhere leaves the inventory without the run; a fault after the record's commit leaves
// the record, and `log verify` with the audited database then refuses the log, naming the run
// that is not there (fail closed: a run recorded without its record would not be noticed).
TEST_CASE("AnAuditRunWithItsLogElsewhereFailsClosed", "[store][audit][faults][backend]") {
  TempDir dir;
  const std::string path = TestDatabase(dir, "inv.db");
  MustOpen(path);
  long logs = 0;
  std::string log_path;
  int64_t log_records = 0;
  // A log left with a record of a run that is not stored stays so: the next run gets a new one.
  auto new_log = [&] {
    log_path = TestDatabase(dir, "log" + std::to_string(++logs) + ".db");
    MustOpen(log_path);
    log_records = 0;
  };
  new_log();
  for (StatementFaultKind kind : kKinds) {
    INFO("fault " << KindName(kind));
    int64_t runs = Count(path, "audit_runs");
    int64_t findings = Count(path, "audit_findings");
    int orphans = 0;
    std::optional<Store> s, log;
    long statements = ForEachStatementFault(
        kind,
        [&] {
          log.emplace(Open(log_path));
          s.emplace(Open(path));
        },
        [&]() -> Status {
          auto r = s->RecordAuditRun(Run(), Findings(3), &*log);
          if (!r.ok()) return r.status();
          runs += 1;
          findings += 3;
          log_records += 1;
          return Status::Ok();
        },
        [&](long, const Status& st) {
          if (st.ok()) CHECK(kind == StatementFaultKind::kNothing);
          CHECK(Count(path, "audit_runs") == runs);
          CHECK(Count(path, "audit_findings") == findings);
          log.reset();
          s.reset();
          Store log_store = Open(log_path, true), inventory = Open(path, true);
          auto v = log_store.VerifyAudit({}, &inventory);
          REQUIRE(v.ok());
          if (v->records == log_records) {
            CHECK(v->ok);
            return;
          }
          ++orphans;
          INFO(v->problem);
          CHECK(v->records == log_records + 1);
          CHECK_FALSE(v->ok);
          CHECK(v->kind == AuditProblem::kFindings);
          CHECK(v->first_bad_seq == log_records + 1);
          CHECK_THAT(v->problem, Catch::Contains("is not in audit_runs"));
          new_log();
        });
    CHECK(statements > 10);
    CHECK(orphans >= 1);  // the run's COMMIT, after its record's
    CHECK(Count(path, "audit_runs") == runs);
  }
}

// `log verify` with checkpoints (the head and an earlier record), run records kept here and in
// an audited database: a failing statement is an error, never a verdict; a statement that
// silently returns nothing is an error or a failed verification, never a clean one unless the
// verdict is exactly the right one (the statement was a read's last step).
TEST_CASE("EveryStatementOfLogVerifyCanFailWithoutAVerdict", "[store][audit][faults][backend]") {
  TempDir dir;
  const std::string path = TestDatabase(dir, "log.db");
  const std::string audited_path = TestDatabase(dir, "inv.db");
  {
    Store log = MustOpen(path);
    Store audited = MustOpen(audited_path);
    REQUIRE(log.AppendAudit(Entries(2, "first")).ok());
    REQUIRE(log.RecordAuditRun(Run(), Findings(2)).ok());
    REQUIRE(audited.RecordAuditRun(Run(), Findings(3), &log).ok());
    REQUIRE(log.AppendAudit(Entries(1, "last")).ok());
  }
  const std::string head = RawScalar(path, "SELECT hash FROM audit_log WHERE seq = 5");
  const std::string checkpoints = dir.path() + "/checkpoints.txt";
  REQUIRE(AppendCheckpointLine(checkpoints, {{2,
                                              RawScalar(path,
                                                        "SELECT hash FROM audit_log "
                                                        "WHERE seq = 2"),
                                              ""},
                                             "2026-01-01T00:00:00.000Z",
                                             ""})
              .ok());
  REQUIRE(AppendCheckpointLine(checkpoints, {{5, head, ""}, "2026-01-01T00:00:00.000Z", ""}).ok());
  auto anchors_read = ReadCheckpointFile(checkpoints);
  INFO(anchors_read.status().message());
  REQUIRE(anchors_read.ok());
  std::vector<AuditAnchor> anchors;
  for (const Checkpoint& cp : anchors_read.value()) anchors.push_back(cp.anchor);
  for (StatementFaultKind kind : kKinds) {
    INFO("fault " << KindName(kind));
    std::optional<Store> log, audited;
    Result<AuditVerifyResult> verdict = Status::Error("not run");
    long statements = ForEachStatementFault(
        kind,
        [&] {
          log.emplace(Open(path, true));
          audited.emplace(Open(audited_path, true));
        },
        [&]() -> Status {
          verdict = log->VerifyAudit(anchors, &*audited);
          if (!verdict.ok()) return verdict.status();
          if (!verdict->ok) return Status::Error("verification failed: " + verdict->problem);
          CHECK(verdict->records == 5);
          CHECK(verdict->runs_checked == 2);
          CHECK(verdict->head == head);
          return Status::Ok();
        },
        [&](long, const Status& st) {
          // Without effect, the last step of a read (which finds no more rows anyway) changes
          // nothing: a clean verdict is then checked in full above.
          if (kind == StatementFaultKind::kError) {
            CHECK_FALSE(st.ok());
            CHECK_FALSE(verdict.ok());
          }
        });
    CHECK(statements > 10);
  }
}

TEST_CASE("EveryStatementOfLogExportCanFail", "[store][audit][faults][backend]") {
  TempDir dir;
  const std::string path = TestDatabase(dir, "log.db");
  MustOpen(path).AppendAudit(Entries(3, "export"));
  std::optional<Store> s;
  std::string exported;
  long statements = ForEachStatementFault(
      StatementFaultKind::kError, [&] { s.emplace(Open(path, true)); },
      [&]() -> Status {
        std::ostringstream os;
        Status st = s->ExportAudit(os);
        exported = os.str();
        return st;
      },
      [&](long, const Status& st) { CHECK_FALSE(st.ok()); });
  CHECK(statements > 2);
  CHECK(std::count(exported.begin(), exported.end(), '\n') == 3);
}

}  // namespace chipgate::testing
