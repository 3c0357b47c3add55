// `chipgate db migrate` and MigrateDatabase: a whole database copied into an empty one. The
// [backend] cases migrate a SQLite file into TestDatabase (SQLite, or PostgreSQL in the ctest
// entry store_postgresql) and back into a SQLite file, and compare: every table row for row
// (the round trip), the audit log's export byte for byte, log verify with a checkpoint, and what
// the commands answer from the copy. Refusals (a tampered source, a target that is not empty)
// and a failure part-way leave the target empty.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "chipgate/store.h"
#include "chipgate/store_migration.h"
#include "store/copy_tables.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

using namespace chipgate;
using namespace chipgate::testing;
using nlohmann::json;

namespace {

// A database with something in every table: the sample inventory (parts, bills of materials,
// parties with aliases and ownership, licenses, shipments), two versions of a screening list and
// a second list, a shipment recorded by `ship` (license uses), checks, two audit runs with their
// findings, and a checkpoint of the log (in dir/checkpoints).
std::string RichDatabase(const TempDir& dir) {
  std::string db = dir.path() + "/source.db";
  ImportSampleInto(db);
  std::string csl = ReadFile(SourcePath("tests/data/lists/csl.csv"));
  for (const std::string& list :
       {SourcePath("tests/data/lists/csl.csv"), SourcePath("tests/data/lists/opensanctions.csv"),
        dir.Write("csl-v2.csv", csl + "\n")}) {
    RunResult r = RunChipgate({"lists", "import", "--db", db, list});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  RunResult ship = RunChipgate({"ship", SourcePath("examples/manifests/order-cloud-sg.yaml"),
                                "--db", db, "--format", "json"});
  INFO(ship.err);
  REQUIRE(ship.exit_code == 0);
  for (const char* m :
       {"examples/manifests/order-de-lab.yaml", "examples/manifests/order-mixed.yaml"}) {
    RunResult r = RunChipgate({"check", SourcePath(m), "--db", db});
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
  }
  for (const char* date : {"2025-06-01", "2026-01-15"}) {
    RunResult r = RunChipgate({"audit", "--db", db, "--date", date});
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
  }
  RunResult cp =
      RunChipgate({"log", "checkpoint", "--db", db, "--checkpoints", dir.path() + "/checkpoints"});
  INFO(cp.err);
  REQUIRE(cp.exit_code == 0);
  return db;
}

// Every row of every copied table of a SQLite file, in key order, as text (quote() keeps types:
// 1 and '1' and 1.0 differ).
std::vector<std::string> SqliteRows(const std::string& db) {
  std::vector<std::string> out;
  for (CopyTable t : kCopyTables) {
    std::string cols;
    for (const CopyColumn& c : CopyColumns(t))
      cols +=
          (cols.empty() ? "" : " || '|' || ") + std::string("quote(") + std::string(c.name) + ")";
    std::string table(CopyTableName(t));
    for (const std::string& row :
         RawColumn(db, "SELECT " + cols + " FROM " + table + " ORDER BY " + cols))
      out.push_back(table + ": " + row);
  }
  out.push_back("database_id: " + RawScalar(db, "SELECT id FROM database_id"));
  return out;
}

RunResult Migrate(const std::string& from, const std::string& to) {
  return RunChipgate({"db", "migrate", "--from", from, "--to", to});
}

// The answers of the commands that read a database, without what names it.
std::vector<std::string> Answers(const std::string& db) {
  std::vector<std::string> out;
  for (std::vector<std::string> args :
       {std::vector<std::string>{"parts", "list", "--db", db, "--format", "json", "--date",
                                 "2025-06-01"},
        {"license", "list", "--db", db, "--format", "json", "--date", "2026-06-01"},
        {"lists", "status", "--db", db, "--format", "json"},
        {"check", SourcePath("examples/manifests/order-mixed.yaml"), "--db", db, "--no-audit",
         "--format", "json"}}) {
    RunResult r = RunChipgate(args);
    INFO(args[0] << "\n" << r.err);
    REQUIRE(r.exit_code <= 1);
    json d = json::parse(r.out);
    for (const char* k : {"db", "database", "generated", "audit", "recorded"}) d.erase(k);
    out.push_back(d.dump(1));
  }
  return out;
}

}  // namespace

TEST_CASE("MigrateCopiesEveryTableAndTheLogAndBack", "[backend]") {
  TempDir dir;
  std::string source = RichDatabase(dir);
  std::string copy = TestDatabase(dir, "copy.db");
  RunResult m = Migrate(source, copy);
  INFO(m.out << m.err);
  REQUIRE(m.exit_code == 0);
  CHECK(m.out.find("copied and verified") != std::string::npos);
  CHECK(m.out.find("audit_log") != std::string::npos);
  // The log byte for byte, a checkpoint of the source holds on the copy, and the runs' findings
  // are checked against the copy (same database id).
  CHECK(RunChipgate({"log", "export", "--db", copy}).out ==
        RunChipgate({"log", "export", "--db", source}).out);
  RunResult verify = RunChipgate({"log", "verify", "--db", copy, "--checkpoints",
                                  dir.path() + "/checkpoints", "--format", "json"});
  INFO(verify.out << verify.err);
  REQUIRE(verify.exit_code == 0);
  json v = json::parse(verify.out);
  json sv = json::parse(RunChipgate({"log", "verify", "--db", source, "--format", "json"}).out);
  CHECK(v["head"] == sv["head"]);
  CHECK(v["records"] == sv["records"]);
  CHECK(Answers(copy) == Answers(source));
  // Back into a SQLite file: every row of every table as it was.
  std::string back = dir.path() + "/back.db";
  RunResult b = Migrate(copy, back);
  INFO(b.out << b.err);
  REQUIRE(b.exit_code == 0);
  CHECK(SqliteRows(back) == SqliteRows(source));
  // The copy goes on: a new run gets the next id, a new record the next seq, and the log verifies.
  RunResult audit =
      RunChipgate({"audit", "--db", copy, "--date", "2026-02-01", "--format", "json"});
  INFO(audit.err);
  REQUIRE(audit.exit_code <= 1);
  RunResult more =
      RunChipgate({"ship", SourcePath("examples/manifests/order-de-lab.yaml"), "--db", copy});
  INFO(more.err);
  CHECK(more.exit_code <= 1);
  json after = json::parse(RunChipgate({"log", "verify", "--db", copy, "--format", "json"}).out);
  CHECK(after["valid"] == true);
  CHECK(after["records"].get<int64_t>() > sv["records"].get<int64_t>());
}

// --format json: the tables with their rows as the copy holds them, the log's record count and
// head as `log verify` gives them on both databases, verified; a refusal prints no document.
TEST_CASE("MigrateFormatJsonSummarisesTheCopy", "[backend]") {
  TempDir dir;
  std::string source = RichDatabase(dir);
  std::string copy = TestDatabase(dir, "copy.db");
  RunResult m = RunChipgate({"db", "migrate", "--from", source, "--to", copy, "--format", "json"});
  INFO(m.out << m.err);
  REQUIRE(m.exit_code == 0);
  json d = json::parse(m.out);
  CHECK(d["schema"] == "chipgate.db-migrate/v1");
  CHECK(d["from"] == source);
  CHECK(d["verified"] == true);
  json sv = json::parse(RunChipgate({"log", "verify", "--db", source, "--format", "json"}).out);
  json cv = json::parse(RunChipgate({"log", "verify", "--db", copy, "--format", "json"}).out);
  CHECK(d["records"] == sv["records"]);
  CHECK(d["head"] == sv["head"]);
  CHECK(d["head"] == cv["head"]);
  CHECK(d["runs_checked"] == sv["runs_checked"]);
  CHECK(d["database_id"].get<std::string>().size() > 0);
  // Every copied table, in copy order, with the rows the source holds.
  REQUIRE(d["tables"].size() == std::size(kCopyTables));
  size_t i = 0;
  for (CopyTable t : kCopyTables) {
    std::string name(CopyTableName(t));
    CHECK(d["tables"][i]["table"] == name);
    CHECK(d["tables"][i]["rows"].get<int64_t>() ==
          std::stoll(RawScalar(source, "SELECT count(*) FROM " + name)));
    ++i;
  }
  // The copy is no longer empty: a second migration into it is refused, with no document.
  RunResult again =
      RunChipgate({"db", "migrate", "--from", source, "--to", copy, "--format", "json"});
  CHECK(again.exit_code == 2);
  CHECK(again.out.empty());
  CHECK(again.err.find("nothing was written") != std::string::npos);
}

TEST_CASE("MigrateRefusesATargetThatIsNotEmpty", "[backend]") {
  TempDir dir;
  std::string source = dir.path() + "/source.db";
  ImportSampleInto(source);
  std::string target = TestDatabase(dir, "target.db");
  REQUIRE(RunChipgate({"db", "init", target}).exit_code == 0);
  REQUIRE(RunChipgate({"check", SourcePath("examples/manifests/order-de-lab.yaml"), "--db", target})
              .exit_code <= 1);
  std::string before = RunChipgate({"log", "export", "--db", target}).out;
  RunResult m = Migrate(source, target);
  CHECK(m.exit_code == 2);
  CHECK(m.err.find("is not empty (audit_log has") != std::string::npos);
  CHECK(m.err.find("nothing was written") != std::string::npos);
  CHECK(RunChipgate({"log", "export", "--db", target}).out == before);
  RunResult parts = RunChipgate({"parts", "list", "--db", target, "--format", "json"});
  CHECK(json::parse(parts.out)["parts"].empty());
}

TEST_CASE("MigrateRefusesASourceWhoseLogDoesNotVerify", "[backend]") {
  TempDir dir;
  std::string source = dir.path() + "/source.db";
  ImportSampleInto(source);
  REQUIRE(RunChipgate({"check", SourcePath("examples/manifests/order-de-lab.yaml"), "--db", source})
              .exit_code <= 1);
  Tamper(source, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1");
  std::string target = TestDatabase(dir, "target.db");
  RunResult m = Migrate(source, target);
  CHECK(m.exit_code == 2);
  CHECK(m.err.find("does not verify") != std::string::npos);
  CHECK(m.err.find("record 1") != std::string::npos);
  // The target is empty: the untampered sample migrates into it.
  std::string clean = dir.path() + "/clean.db";
  ImportSampleInto(clean);
  RunResult ok = Migrate(clean, target);
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
}

// A failure after some tables were written (the progress hook fails after `shipments`) rolls the
// whole copy back: the target is as empty as before, and a later migrate fills it.
TEST_CASE("MigrateFailingPartWayLeavesTheTargetEmpty", "[backend]") {
  TempDir dir;
  std::string source = RichDatabase(dir);
  std::string target = TestDatabase(dir, "target.db");
  std::vector<std::string> seen;
  auto r = MigrateDatabase(source, target, [&](std::string_view table, int64_t) {
    seen.emplace_back(table);
    return table == "shipment_lines" ? Status::Error("injected failure") : Status::Ok();
  });
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "injected failure");
  CHECK(seen.size() == 7);
  {
    auto to = Store::Open(target, StoreOptions{.read_only = true});
    INFO(to.status().message());
    REQUIRE(to.ok());
    auto size = to->CountInventory();
    REQUIRE(size.ok());
    CHECK(size->parts == 0);
    CHECK(size->shipments == 0);
    auto log = to->VerifyAudit();
    REQUIRE(log.ok());
    CHECK(log->records == 0);
  }
  RunResult m = Migrate(source, target);
  INFO(m.err);
  CHECK(m.exit_code == 0);
}

// The copy statements name every column of every table (a column added by a migration and left
// out of copy_tables.cc would not be copied) and no other. SQLite only: it reads SQLite's catalog;
// PostgreSQL's tables and columns equal SQLite's
// (PgSchemaHasSqlitesTablesColumnsNullabilityAndKeys).
TEST_CASE("MigrateCopiesEveryColumnOfTheSchema") {
  TempDir dir;
  std::string db = dir.path() + "/s.db";
  REQUIRE(Store::Open(db, StoreOptions{.create = true}).ok());
  std::vector<std::string> tables =
      RawColumn(db,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                "('database_id', 'sqlite_sequence') ORDER BY name");
  std::vector<std::string> copied;
  for (CopyTable t : kCopyTables) copied.emplace_back(CopyTableName(t));
  std::sort(copied.begin(), copied.end());
  CHECK(copied == tables);
  for (CopyTable t : kCopyTables) {
    std::string table(CopyTableName(t));
    std::vector<std::string> have;
    for (const CopyColumn& c : CopyColumns(t)) have.emplace_back(c.name);
    std::sort(have.begin(), have.end());
    INFO(table);
    CHECK(have ==
          RawColumn(db, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY name"));
  }
}

// The command line only: no database is opened.
TEST_CASE("MigrateNeedsFromAndTo") {
  RunResult r = RunChipgate({"db", "migrate", "--from", "x.db"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("expected --from DB --to DB") != std::string::npos);
  RunResult misplaced = RunChipgate({"db", "init", "x.db", "--from", "y.db"});
  CHECK(misplaced.exit_code == 2);
  CHECK(misplaced.err.find("--from belongs to `db migrate`") != std::string::npos);
}
