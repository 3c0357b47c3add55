// `chipgate audit` records one audit-log record per run (docs/audit-log.md, "Audit-run records"),
// in the inventory database or, with --audit FILE, in FILE; `chipgate log verify` checks the
// record's findings digest against the audited database's audit_findings (--audited-db when the
// log is elsewhere) and never says "valid" when it could not.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

int64_t Records(const std::string& db) {
  return std::stoll(RawScalar(db, "SELECT count(*) FROM audit_log"));
}

RunResult Audit(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {
      "audit", "--rules", SourcePath("rules/us-ear"), "--date", "2026-11-29", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunChipgate(args);
}

}  // namespace

TEST_CASE("ARecordedAuditAppendsOneLogRecordPerRun", "[cli][audit][run]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  const int64_t before = Records(db);
  RunResult first = Audit({"--db", db});
  INFO(first.err);
  REQUIRE(first.exit_code == 1);
  const size_t findings = nlohmann::json::parse(first.out)["findings"].size();
  REQUIRE(findings > 1);  // one record for many findings
  CHECK(Records(db) == before + 1);
  CHECK(RawScalar(db, "SELECT count(*) FROM audit_findings") == std::to_string(findings));
  REQUIRE(Audit({"--db", db}).exit_code == 1);
  CHECK(Records(db) == before + 2);
  RunResult verified = RunChipgate({"log", "verify", "--db", db});
  INFO(verified.out);
  CHECK(verified.exit_code == 0);
  CHECK(verified.out.find("findings of 2 audit runs match") != std::string::npos);
}

TEST_CASE("AuditWithAuditFileKeepsTheRunRecordThere", "[cli][audit][run]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  const std::string log = dir.path() + "/audit-log.db";
  const int64_t before = Records(db);
  RunResult r = Audit({"--db", db, "--audit", log, "--actor", "carol"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  CHECK(Records(db) == before);  // nothing in the inventory database's log
  CHECK(Records(log) == 1);
  CHECK(RawScalar(log, "SELECT actor FROM audit_log") == "carol");
  CHECK(RawScalar(db, "SELECT count(*) FROM audit_runs") == "1");
  CHECK(RawScalar(log, "SELECT count(*) FROM audit_runs") == "0");

  // Without the audited database: said plainly, exit 1, never valid.
  RunResult alone = RunChipgate({"log", "verify", "--db", log});
  CHECK(alone.exit_code == 1);
  CHECK(alone.out.find("NOT VERIFIED at record 1") != std::string::npos);
  CHECK(alone.out.find("could not be checked") != std::string::npos);
  CHECK(alone.out.find("valid") == std::string::npos);
  RunResult alone_json = RunChipgate({"log", "verify", "--db", log, "--format", "json"});
  CHECK(alone_json.exit_code == 1);
  CHECK(MatchesSchema("log-verify", alone_json.out));
  auto aj = nlohmann::json::parse(alone_json.out);
  CHECK(aj["valid"] == false);
  CHECK(aj["problem"]["kind"] == "findings_not_checked");
  CHECK(aj["problem"]["run"] == 1);

  // With it: valid, the run's findings checked.
  RunResult both = RunChipgate({"log", "verify", "--db", log, "--audited-db", db});
  INFO(both.out << both.err);
  CHECK(both.exit_code == 0);
  CHECK(both.out.find("audit log valid, 1 records, findings of 1 audit run match") !=
        std::string::npos);

  // A finding deleted from the audited database: invalid, naming the run.
  RawExec(db, "DELETE FROM audit_findings WHERE seq = 1");
  RunResult tampered = RunChipgate({"log", "verify", "--db", log, "--audited-db", db});
  CHECK(tampered.exit_code == 1);
  CHECK(tampered.out.find("INVALID at record 1: run 1: its findings in") != std::string::npos);
  RunResult tampered_json =
      RunChipgate({"log", "verify", "--db", log, "--audited-db", db, "--format", "json"});
  CHECK(MatchesSchema("log-verify", tampered_json.out));
  auto tj = nlohmann::json::parse(tampered_json.out);
  CHECK(tj["problem"]["kind"] == "findings");
  CHECK(tj["problem"]["run"] == 1);
  CHECK(tj["problem"]["record"] == 1);
}

// --audit naming the inventory database itself (under another spelling) is its own log.
TEST_CASE("AuditFileThatIsTheDatabaseKeepsTheRecordInIt", "[cli][audit][run]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  const int64_t before = Records(db);
  RunResult r = Audit({"--db", db, "--audit", dir.path() + "/./sample.db"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(Records(db) == before + 1);
  CHECK(RunChipgate({"log", "verify", "--db", db}).exit_code == 0);
}

TEST_CASE("AuditFileIsRefusedWithNoRecord", "[cli][audit][run]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  const std::string log = dir.path() + "/audit-log.db";
  RunResult r = Audit({"--db", db, "--audit", log, "--no-record"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--audit has no effect with --no-record") != std::string::npos);
  CHECK(RawScalar(db, "SELECT count(*) FROM audit_runs") == "0");
  RunResult exported = RunChipgate({"log", "export", "--db", db, "--audited-db", db});
  CHECK(exported.exit_code == 2);
}

}  // namespace chipgate::testing
