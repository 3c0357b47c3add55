// Corrupt stored audit rows (the decisions of audit_record.cc's canonical-form checks and of
// audit_store.cc's FormProblem and chain walk): each damage, written with the database's own
// tools past the append-only triggers (Tamper), makes `log verify` name the damaged record and
// the kind of problem; none is taken for a valid record, none crashes.
#include <catch2/catch.hpp>

#include "chipgate/audit.h"
#include "chipgate/checkpoint.h"
#include "chipgate/store.h"
#include "support/open_store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kFacts = "sha256:" + std::string(64, 'f');

AuditEntry Entry(int i) {
  AuditEntry e;
  e.actor = "tester";
  e.command = "check";
  e.subject = "line " + std::to_string(i);
  e.input_digest = "sha256:" + std::string(64, 'a');
  e.decision = "license_required";
  e.classes = {"3A090.a", "5A992.c"};
  e.reasons = {{"r1", "license_required", "15 CFR 742.6", "needs a license"}};
  e.pack_digest = "sha256:" + std::string(64, 'b');
  e.facts_digest = kFacts;
  return e;
}

struct Damage {
  const char* name;
  std::string sql;  // run on a log of an audit-run record (seq 1) and two check records
  int64_t bad_seq;
  AuditProblem kind;
  const char* problem;  // part of the problem named
};

// A log of three records: an audit run's record (seq 1, with its run), then two check records.
std::string MakeLog(const TempDir& dir, const std::string& name) {
  const std::string path = TestDatabase(dir, name);
  Store s = MustOpen(path);
  Store::RunRow run{"2026-01-01T00:00:00.000Z", "auditor", "2026-01-01", "", "sha256:p", 1, 1};
  REQUIRE(s.RecordAuditRun(run, {}).ok());
  REQUIRE(s.AppendAudit({Entry(2), Entry(3)}).ok());
  return path;
}

void CheckDamage(const std::string& path, const Damage& d) {
  INFO(d.name);
  Tamper(path, d.sql);
  AuditVerifyResult r = VerifyAuditLog(path);
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == d.bad_seq);
  CHECK(r.kind == d.kind);
  CHECK_THAT(r.problem, Catch::Contains(d.problem));
  CHECK(r.head.empty());
}

}  // namespace

TEST_CASE("CorruptStoredAuditRowsAreNamedByVerify", "[store][audit][backend]") {
  const Damage damages[] = {
      {"classes not JSON", "UPDATE audit_log SET classes = '[' WHERE seq = 2", 2,
       AuditProblem::kNotCanonical, "stored classes are not in canonical form"},
      {"classes an object, not an array",
       "UPDATE audit_log SET classes = '{\"3A090.a\":1}' WHERE seq = 2", 2,
       AuditProblem::kNotCanonical, "stored classes are not in canonical form"},
      {"reasons not JSON", "UPDATE audit_log SET reasons = 'x' WHERE seq = 3", 3,
       AuditProblem::kNotCanonical, "stored reasons are not in canonical form"},
      {"reasons an object, not an array", "UPDATE audit_log SET reasons = '{}' WHERE seq = 3", 3,
       AuditProblem::kNotCanonical, "stored reasons are not in canonical form"},
      {"reasons holding a string", "UPDATE audit_log SET reasons = '[\"r1\"]' WHERE seq = 2", 2,
       AuditProblem::kNotCanonical, "stored reasons are not in canonical form"},
      {"a reason without its message",
       "UPDATE audit_log SET reasons = '[{\"cite\":\"c\",\"decision\":\"d\",\"rule\":\"r\"}]' "
       "WHERE seq = 2",
       2, AuditProblem::kNotCanonical, "stored reasons are not in canonical form"},
      {"a reason's field a number",
       "UPDATE audit_log SET reasons = "
       "'[{\"cite\":1,\"decision\":\"d\",\"message\":\"m\",\"rule\":\"r\"}]' WHERE seq = 2",
       2, AuditProblem::kNotCanonical, "stored reasons are not in canonical form"},
      {"a format 2 record without its facts digest",
       "UPDATE audit_log SET facts_digest = NULL WHERE seq = 2", 2, AuditProblem::kNotCanonical,
       "facts_digest is not `sha256:`"},
      {"a format 1 record with a facts digest", "UPDATE audit_log SET format = 1 WHERE seq = 1", 1,
       AuditProblem::kNotCanonical, "a format 1 record with a facts_digest"},
      {"a format 1 record after a format 2 one",
       "UPDATE audit_log SET format = 1, facts_digest = NULL WHERE seq = 3", 3,
       AuditProblem::kNotCanonical, "formats never go back"},
      {"a run in a check record",
       "UPDATE audit_log SET run = (SELECT run FROM audit_log WHERE seq = 1) WHERE seq = 2", 2,
       AuditProblem::kNotCanonical, "a `run` in a record that is not a format 2 `audit` record"},
      {"a run that is not canonical JSON",
       "UPDATE audit_log SET run = replace(run, ':', ': ') WHERE seq = 1", 1,
       AuditProblem::kNotCanonical, "stored run is not in canonical form"},
      {"a run whose digest is not the record's facts digest",
       "UPDATE audit_log SET facts_digest = 'sha256:" + std::string(64, '0') + "' WHERE seq = 1", 1,
       AuditProblem::kNotCanonical, "the run's findings_digest is not the record's"},
      {"a run in a format 1 record (the first, so no format went back)",
       "UPDATE audit_log SET format = 1, facts_digest = NULL WHERE seq = 1", 1,
       AuditProblem::kNotCanonical, "a `run` in a record that is not a format 2 `audit` record"},
      {"a run whose findings digest is not a digest",
       "UPDATE audit_log SET run = replace(run, '\"findings_digest\":\"sha256:', "
       "'\"findings_digest\":\"sha512:') WHERE seq = 1",
       1, AuditProblem::kNotCanonical, "the run's findings_digest is not the record's"},
  };
  TempDir dir;
  int n = 0;
  for (const Damage& d : damages) CheckDamage(MakeLog(dir, "log" + std::to_string(++n) + ".db"), d);
}

// An expected head given for a log with no record at all: the log is cut (or was never written),
// and the message says it is empty rather than naming a hash.
TEST_CASE("AnEmptyLogIsNotAnExpectedHead", "[store][audit][backend]") {
  TempDir dir;
  Store s = MustOpen(TestDatabase(dir, "log.db"));
  auto anchor = ParseAuditAnchor(std::string(64, 'c'));
  REQUIRE(anchor.ok());
  anchor->source = "--expect-head";
  auto r = s.VerifyAudit({anchor.value()});
  REQUIRE(r.ok());
  CHECK_FALSE(r->ok);
  CHECK(r->records == 0);
  CHECK(r->kind == AuditProblem::kAnchor);
  CHECK(r->problem == "the log ends at (empty), not at the expected head " + std::string(64, 'c') +
                          " from --expect-head (records cut from the end, or added)");
}

}  // namespace chipgate::testing
