// The PostgreSQL backend against a real server (tag [postgresql]: ctest runs these through
// scripts/pg-tmp, which starts a throw-away PostgreSQL 15 cluster; each test gets a fresh schema).
// They check that it presents the same logical schema as SQLite, gives the same answers on the
// sample data, keeps one audit chain and exact license balances under concurrent writers, creates
// its schema once under concurrent first opens, and refuses or reports tampering.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "chipgate/store.h"
#include "support/raw_postgres.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

using namespace chipgate;
using namespace chipgate::testing;
using nlohmann::json;

namespace {

AuditEntry Entry(int i) {
  AuditEntry e;
  e.actor = "tester";
  e.command = "check";
  e.subject = "shipment S line " + std::to_string(i);
  e.input_digest = "sha256:abc";
  e.decision = i % 2 ? "license_required" : "no_license_required";
  e.classes = {"3A090.a"};
  e.reasons = {{"ac-d5-macau", "license_required", "15 CFR 742.6", "needs a \"license\"\n"}};
  e.pack_digest = "sha256:def";
  e.facts_digest = "sha256:" + std::string(64, 'f');
  return e;
}

// A command's JSON document without what names the database or differs run to run.
json Comparable(const std::string& text) {
  json d = json::parse(text);
  for (const char* k : {"audit", "recorded", "database", "generated"}) d.erase(k);
  if (d.contains("findings")) {
    for (json& f : d["findings"]) f.erase("seq");
  }
  return d;
}

// SQLite's column types as PostgreSQL's migration spells them.
std::string PgTypeOf(const std::string& sqlite_type) {
  if (sqlite_type == "TEXT") return "text";
  if (sqlite_type == "INTEGER") return "bigint";
  if (sqlite_type == "REAL") return "double precision";
  return "?" + sqlite_type;
}

int WaitAll(const std::vector<pid_t>& kids) {
  int failed = 0;
  for (pid_t pid : kids) {
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
  }
  return failed;
}

// An item as a line of text per item, components indented below it: what CompleteAll gives.
void Describe(const ItemFacts& item, int depth, std::string& out) {
  out += std::string(static_cast<size_t>(depth) * 2, ' ') + item.part +
         " q=" + std::to_string(item.quantity) + " specs=" + std::to_string(item.has_specs) +
         " contents=" + std::string(ContentsStateName(item.contents)) + " note=" + item.note;
  for (const auto& [name, value] : item.specs) out += " " + name + "=" + value.Text();
  for (const std::string& c : item.bom_cycle) out += " cycle:" + c;
  out += "\n";
  for (const ItemFacts& c : item.components) Describe(c, depth + 1, out);
}

// CompleteAll of one line per part (and one for a part not stored) on `db`, described.
std::string CompleteEach(const std::string& db, const std::vector<std::string>& parts) {
  auto store = Store::Open(db, StoreOptions{.read_only = true});
  REQUIRE(store.ok());
  std::vector<ItemFacts> items(parts.size());
  std::vector<ItemFacts*> lines;
  for (size_t i = 0; i < parts.size(); ++i) {
    items[i].part = parts[i];
    lines.push_back(&items[i]);
  }
  Status s = store->CompleteAll(lines);
  INFO(s.message());
  REQUIRE(s.ok());
  std::string out;
  for (const ItemFacts& item : items) Describe(item, 0, out);
  return out;
}

}  // namespace

// The batched paths of the PostgreSQL backend (a manifest's parts and their bills of materials
// read in one statement with an array parameter, an append's records inserted in one statement
// per 1,000) with text that the array syntax must quote: the same items as SQLite gives, and the
// records read back byte for byte (the append's own read-back) and verified.
TEST_CASE("PgBatchedReadsAndInsertsKeepAwkwardTextExact", "[postgresql]") {
  TempDir dir;
  const std::vector<std::string> awkward = {"Q\"1", "Q\\2",           "Q,3", "{Q4}", "NULL",
                                            "Q 5",  "\u00dcn\u00ef6", "Q7'", "\"\"", "a}b{"};
  std::string parts = "part_number,type,tpp,die_area_mm2\n", comps = "parent,child,quantity\n";
  auto quoted = [](const std::string& v) {
    std::string q = "\"";
    for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (size_t i = 0; i < awkward.size(); ++i)
    parts += quoted(awkward[i]) + ",ic," + std::to_string(1000 * (i + 1)) + ",100\n";
  parts += "ASM,computer,,\nTOP,computer,,\n";
  for (size_t i = 0; i < awkward.size(); ++i)
    comps += "ASM," + quoted(awkward[i]) + "," + std::to_string(i + 1) + "\n";
  comps += "TOP,ASM,2\nTOP,\"{Q4}\",3\n";
  std::string lite = dir.path() + "/awkward.db";
  std::string pg = NewPgDatabase();
  std::vector<std::string> asked = awkward;
  asked.insert(asked.end(), {"TOP", "ASM", "not stored", "Q\"1", "TOP"});
  for (const std::string& db : {lite, pg}) {
    auto store = Store::Open(db, StoreOptions{.create = true});
    REQUIRE(store.ok());
    auto diags = store->Import({dir.Write("p.csv", parts), dir.Write("c.csv", comps), "", ""});
    INFO((diags.empty() ? "" : diags.front().message));
    REQUIRE(diags.empty());
  }
  std::string want = CompleteEach(lite, asked);
  CHECK(want.find("TOP q=1.000000 specs=1 contents=listed") != std::string::npos);
  CHECK(CompleteEach(pg, asked) == want);

  // 2,500 records in one append: three insert statements, the last one partial.
  std::vector<AuditEntry> entries;
  for (int i = 0; i < 2500; ++i) {
    AuditEntry e = Entry(i);
    e.subject = awkward[static_cast<size_t>(i) % awkward.size()] + " \\ line " + std::to_string(i);
    entries.push_back(std::move(e));
  }
  auto store = Store::Open(pg);
  REQUIRE(store.ok());
  auto appended = store->AppendAudit(entries);
  INFO((appended.ok() ? "" : appended.status().message()));
  REQUIRE(appended.ok());
  CHECK(appended->first_seq == 1);
  CHECK(appended->last_seq == 2500);
  auto v = store->VerifyAudit();
  REQUIRE(v.ok());
  CHECK(v->ok);
  CHECK(v->records == 2500);
  CHECK(PgRows(pg, "SELECT subject FROM audit_log WHERE seq = 2") ==
        std::vector<std::string>{entries[1].subject});
}

// A part read in one read snapshot is read again in the next: what PrefetchParts read is not
// kept beyond the snapshot, so an import committed in between is seen.
TEST_CASE("PgBatchedReadsSeeAnImportCommittedBetweenTwoChecks", "[postgresql]") {
  TempDir dir;
  std::string pg = NewPgDatabase();
  auto writer = Store::Open(pg, StoreOptions{.create = true});
  REQUIRE(writer.ok());
  REQUIRE(writer
              ->Import({dir.Write("p1.csv", "part_number,type,tpp\nA,ic,100\nB,ic,5\n"),
                        dir.Write("c1.csv", "parent,child,quantity\nA,B,1\n"), "", ""})
              .empty());
  auto reader = Store::Open(pg, StoreOptions{.read_only = true});
  REQUIRE(reader.ok());
  auto complete = [&] {
    ItemFacts a;
    a.part = "A";
    std::vector<ItemFacts*> lines = {&a};
    REQUIRE(reader->CompleteAll(lines).ok());
    std::string out;
    Describe(a, 0, out);
    return out;
  };
  std::string first = complete();
  CHECK(first.find("tpp=100") != std::string::npos);
  CHECK(first.find("  B q=1.000000") != std::string::npos);
  REQUIRE(writer
              ->Import({dir.Write("p2.csv", "part_number,type,tpp\nA,ic,200\nC,ic,7\n"),
                        dir.Write("c2.csv", "parent,child,quantity\nA,C,4\n"), "", ""})
              .empty());
  std::string second = complete();
  CHECK(second.find("tpp=200") != std::string::npos);
  CHECK(second.find("  C q=4.000000") != std::string::npos);
}

TEST_CASE("PgSchemaHasSqlitesTablesColumnsNullabilityAndKeys", "[postgresql]") {
  TempDir dir;
  std::string lite = dir.path() + "/s.db";
  REQUIRE(Store::Open(lite, StoreOptions{.create = true}).ok());
  std::string pg = NewPgDatabase();
  REQUIRE(Store::Open(pg).ok());
  // table|column|type|notnull|pk position, the same rows from both.
  std::vector<std::string> want;
  for (const std::string& t : RawColumn(lite,
                                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "ORDER BY name")) {
    for (const std::string& row :
         RawColumn(lite,
                   "SELECT name || '|' || type || '|' || \"notnull\" || '|' || pk FROM "
                   "pragma_table_info('" +
                       t + "') ORDER BY name")) {
      std::vector<std::string> f;
      size_t at = 0;
      for (size_t bar; (bar = row.find('|', at)) != std::string::npos; at = bar + 1)
        f.push_back(row.substr(at, bar - at));
      f.push_back(row.substr(at));
      // SQLite keeps a rowid alias (INTEGER PRIMARY KEY) nullable in table_info; it never is.
      bool not_null = f[2] == "1" || f[3] != "0";
      want.push_back(t + "|" + f[0] + "|" + PgTypeOf(f[1]) + "|" + (not_null ? "1" : "0") + "|" +
                     f[3]);
    }
  }
  std::vector<std::string> have = PgRows(
      pg,
      "SELECT c.table_name || '|' || c.column_name || '|' || c.data_type || '|' || CASE WHEN "
      "c.is_nullable = 'NO' THEN '1' ELSE '0' END || '|' || coalesce((SELECT k.ordinal_position "
      "FROM information_schema.key_column_usage k JOIN information_schema.table_constraints tc "
      "ON tc.constraint_name = k.constraint_name AND tc.table_schema = k.table_schema WHERE "
      "tc.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema AND k.table_name "
      "= c.table_name AND k.column_name = c.column_name)::text, '0') FROM "
      "information_schema.columns c WHERE c.table_schema = current_schema() AND c.table_name <> "
      "'chipgate_schema' ORDER BY c.table_name, c.column_name");
  CHECK(have == want);
}

TEST_CASE("PgFreshDatabaseHasNoAuditSchemaDifference", "[postgresql]") {
  std::string pg = NewPgDatabase();
  auto store = Store::Open(pg);
  INFO(store.status().message());
  REQUIRE(store.ok());
  REQUIRE(store->AppendAudit({Entry(1), Entry(2)}).ok());
  auto v = store->VerifyAudit();
  REQUIRE(v.ok());
  CHECK(v->ok);
  CHECK(v->schema.empty());
  CHECK(v->records == 2);
}

TEST_CASE("PgSampleRunGivesTheSameAnswersAsSqlite", "[postgresql]") {
  TempDir dir;
  std::string lite = dir.path() + "/sample.db";
  std::string pg = NewPgDatabase();
  std::map<std::string, std::vector<json>> out;
  for (const std::string& db : {lite, pg}) {
    ImportSampleInto(db);
    for (const char* m :
         {"examples/manifests/order-cloud-sg.yaml", "examples/manifests/order-de-lab.yaml",
          "examples/manifests/order-json.json", "examples/manifests/order-mixed.yaml",
          "examples/manifests/inline-specs.yaml"}) {
      RunResult r = RunChipgate({"check", SourcePath(m), "--db", db, "--format", "json"});
      INFO(m << "\n" << r.err);
      REQUIRE(r.exit_code <= 1);
      out[db].push_back(Comparable(r.out));
    }
    RunResult ship = RunChipgate({"ship", SourcePath("examples/manifests/order-cloud-sg.yaml"),
                                  "--db", db, "--format", "json"});
    INFO(ship.err);
    REQUIRE(ship.exit_code == 0);
    out[db].push_back(Comparable(ship.out));
    for (std::vector<std::string> args :
         {std::vector<std::string>{"audit", "--db", db, "--format", "json", "--date", "2025-06-01"},
          {"parts", "list", "--db", db, "--format", "json", "--date", "2025-06-01"},
          {"license", "list", "--db", db, "--format", "json", "--date", "2025-06-01"}}) {
      RunResult r = RunChipgate(args);
      INFO(args[0] << "\n" << r.err);
      REQUIRE(r.exit_code <= 1);
      out[db].push_back(Comparable(r.out));
    }
    RunResult verify = RunChipgate({"log", "verify", "--db", db});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
  }
  REQUIRE(out[lite].size() == out[pg].size());
  for (size_t i = 0; i < out[lite].size(); ++i) {
    INFO("document " << i);
    CHECK(out[pg][i].dump(1) == out[lite][i].dump(1));
  }
}

// More parts than one cursor fetch (1,024 rows), so the audit's catalogue stream crosses fetches.
TEST_CASE("PgAuditStreamsACatalogueLargerThanOneFetch", "[postgresql]") {
  TempDir dir;
  std::string csv = dir.path() + "/parts.csv";
  {
    std::ofstream f(csv);
    f << "part_number,description,declared_eccn,type,tpp,die_area_mm2,datacenter\n";
    for (int i = 0; i < 2500; ++i) {
      f << "P" << 100000 + i << ",part " << i << "," << (i % 3 ? "3A090.a" : "EAR99") << ",ic,"
        << (i % 7) * 1000 << ",800," << (i % 2 ? "true" : "false") << "\n";
    }
  }
  std::string lite = dir.path() + "/big.db";
  std::string pg = NewPgDatabase();
  std::vector<json> docs;
  for (const std::string& db : {lite, pg}) {
    REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
    RunResult imp = RunChipgate({"db", "import", db, "--parts", csv});
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
    RunResult r = RunChipgate({"audit", "--db", db, "--format", "json", "--date", "2025-06-01"});
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    docs.push_back(Comparable(r.out));
  }
  CHECK(docs[0]["parts"] == 2500);
  CHECK(docs[1].dump(1) == docs[0].dump(1));
}

TEST_CASE("PgConcurrentWritersKeepOneChain", "[postgresql]") {
  std::string pg = NewPgDatabase();
  REQUIRE(Store::Open(pg).ok());
  const int kProcs = 8, kEach = 40;
  std::vector<pid_t> kids;
  for (int p = 0; p < kProcs; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      auto s = Store::Open(pg);
      if (!s.ok()) _exit(10);
      for (int i = 0; i < kEach; ++i) {
        if (!s->AppendAudit({Entry(i), Entry(i + 1)}).ok()) _exit(11);
      }
      _exit(0);
    }
    kids.push_back(pid);
  }
  CHECK(WaitAll(kids) == 0);
  auto store = Store::Open(pg, StoreOptions{.read_only = true});
  REQUIRE(store.ok());
  auto v = store->VerifyAudit();
  REQUIRE(v.ok());
  CHECK(v->ok);
  CHECK(v->records == kProcs * kEach * 2);
  // No gap and no duplicate: seq runs 1..N.
  CHECK(PgRows(pg, "SELECT count(DISTINCT seq), min(seq), max(seq) FROM audit_log") ==
        std::vector<std::string>{std::to_string(kProcs * kEach * 2) + "|1|" +
                                 std::to_string(kProcs * kEach * 2)});
}

TEST_CASE("PgLicenseBalancesAreExactUnderConcurrentShips", "[postgresql]") {
  TempDir dir;
  std::string pg = NewPgDatabase();
  ImportSampleInto(pg);
  // Six orders of two DGX units each under D6789012 (8 units): exactly four can ship.
  const int kOrders = 6;
  std::vector<std::string> manifests;
  for (int k = 0; k < kOrders; ++k) {
    std::string path = dir.path() + "/order" + std::to_string(k) + ".yaml";
    std::ofstream(path) << "shipment:\n  id: SO-RACE-" << k
                        << "\n  date: 2025-03-01\n  consignee: {id: C-1010}\n"
                           "lines:\n  - part: NV-DGX-H100\n    quantity: 2\n"
                           "    license: D6789012\n    unit_value: 100000\n";
    manifests.push_back(path);
  }
  std::vector<pid_t> kids;
  for (int k = 0; k < kOrders; ++k) {
    pid_t pid = fork();
    if (pid == 0) {
      RunResult r = RunChipgate({"ship", manifests[k], "--db", pg});
      _exit(r.exit_code == 0 ? 0 : r.exit_code == 1 ? 1 : 2);
    }
    kids.push_back(pid);
  }
  int shipped = 0, held = 0, broken = 0;
  for (pid_t pid : kids) {
    int status = 0;
    waitpid(pid, &status, 0);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 3;
    (code == 0 ? shipped : code == 1 ? held : broken)++;
  }
  CHECK(broken == 0);
  CHECK(shipped == 4);
  CHECK(held == 2);
  CHECK(PgRows(pg,
               "SELECT sum(u.quantity) FROM license_uses u JOIN licenses l ON l.id = u.license "
               "WHERE l.number = 'D6789012'") == std::vector<std::string>{"8"});
  RunResult verify = RunChipgate({"log", "verify", "--db", pg});
  CHECK(verify.exit_code == 0);
}

TEST_CASE("PgConcurrentFirstOpensCreateTheSchemaOnce", "[postgresql]") {
  std::string pg = NewPgDatabase();
  std::vector<pid_t> kids;
  for (int p = 0; p < 8; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      auto s = Store::Open(pg, StoreOptions{.create = true});
      if (!s.ok()) _exit(10);
      _exit(s->AppendAudit({Entry(p)}).ok() ? 0 : 11);
    }
    kids.push_back(pid);
  }
  CHECK(WaitAll(kids) == 0);
  CHECK(PgRows(pg, "SELECT version FROM chipgate_schema") == std::vector<std::string>{"12"});
  CHECK(VerifyAuditLog(pg).records == 8);
}

TEST_CASE("PgRefusesForeignNewerAndUnmigratedDatabases", "[postgresql]") {
  SECTION("a schema with tables of another application") {
    std::string pg = NewPgDatabase();
    PgExec(pg, "CREATE TABLE invoices (id int)");
    auto s = Store::Open(pg);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(), Catch::Contains("is not a chipgate database"));
  }
  SECTION("a newer chipgate's database") {
    std::string pg = NewPgDatabase();
    REQUIRE(Store::Open(pg).ok());
    PgExec(pg, "UPDATE chipgate_schema SET version = 99");
    auto s = Store::Open(pg);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(), Catch::Contains("newer than this chipgate supports"));
  }
  SECTION("read-only on an empty database") {
    std::string pg = NewPgDatabase();
    auto s = Store::Open(pg, StoreOptions{.read_only = true});
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(), Catch::Contains("needs upgrading"));
    CHECK(PgRows(pg, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()") ==
          std::vector<std::string>{"0"});
  }
  SECTION("a column of `parts` added by hand") {
    std::string pg = NewPgDatabase();
    REQUIRE(Store::Open(pg).ok());
    PgExec(pg, "ALTER TABLE parts ADD COLUMN export_note text");
    auto s = Store::Open(pg);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(),
               Catch::Contains("`export_note` of table `parts` are not ones"));
  }
  SECTION("a table dropped by hand") {
    std::string pg = NewPgDatabase();
    REQUIRE(Store::Open(pg).ok());
    PgExec(pg, "DROP TABLE license_destinations");
    auto s = Store::Open(pg);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(), Catch::Contains("missing table(s) license_destinations"));
  }
}

TEST_CASE("PgAuditTamperingIsRefusedOrReported", "[postgresql]") {
  std::string pg = NewPgDatabase();
  {
    auto s = Store::Open(pg);
    REQUIRE(s.ok());
    REQUIRE(s->AppendAudit({Entry(1), Entry(2), Entry(3)}).ok());
  }
  SECTION("the triggers refuse edits, deletes and truncation") {
    for (const char* sql : {"UPDATE audit_log SET decision = 'no_license_required'",
                            "DELETE FROM audit_log WHERE seq = 2", "TRUNCATE audit_log"}) {
      ShellResult r = RunShell("psql '" + pg + "' -v ON_ERROR_STOP=1 -qc \"" + sql + "\" 2>&1");
      INFO(sql << ": " << r.out);
      CHECK(r.exit_code != 0);
      CHECK_THAT(r.out, Catch::Contains("append-only"));
    }
    CHECK(VerifyAuditLog(pg).ok);
  }
  SECTION("an edit with the triggers disabled is named") {
    PgExec(pg,
           "ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET subject = "
           "'forged' WHERE seq = 2; ALTER TABLE audit_log ENABLE TRIGGER USER");
    AuditVerifyResult v = VerifyAuditLog(pg);
    CHECK_FALSE(v.ok);
    CHECK(v.first_bad_seq == 2);
  }
  struct Attack {
    const char* name;
    const char* sql;
    const char* object;
  };
  const Attack attacks[] = {
      {"a rule that swallows appends",
       "CREATE RULE swallow AS ON INSERT TO audit_log DO INSTEAD NOTHING", "swallow"},
      {"a trigger on an inventory table",
       "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; "
       "CREATE TRIGGER on_parts BEFORE INSERT ON parts FOR EACH ROW EXECUTE FUNCTION f()",
       "on_parts"},
      {"an append-only trigger dropped", "DROP TRIGGER audit_log_no_delete ON audit_log",
       "audit_log_no_delete"},
      {"the append-only function emptied",
       "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
       "BEGIN RETURN NEW; END $$",
       "audit_log_append_only"},
      {"an index on the log", "CREATE UNIQUE INDEX one_per_decision ON audit_log (decision, seq)",
       "audit_log"},
      {"row security on the findings", "ALTER TABLE audit_findings ENABLE ROW LEVEL SECURITY",
       "audit_findings"},
      {"a column default added", "ALTER TABLE audit_log ALTER COLUMN run SET DEFAULT 'x'",
       "audit_log"},
  };
  for (const Attack& a : attacks) {
    DYNAMIC_SECTION(a.name) {
      PgExec(pg, a.sql);
      AuditVerifyResult v = VerifyAuditLog(pg);
      CHECK_FALSE(v.ok);
      bool named = false;
      for (const SchemaDifference& d : v.schema) named = named || d.name == a.object;
      CHECK(named);
      auto s = Store::Open(pg);
      REQUIRE(s.ok());
      CHECK_FALSE(s->AppendAudit({Entry(4)}).ok());
    }
  }
}

TEST_CASE("PostgresPasswordsNeverAppearInMessages", "[store]") {
  // Port 1 on loopback: nothing listens, so the connection fails before any password is sent.
  for (const char* uri : {"postgresql://auditor:s3cret-pw@127.0.0.1:1/chipgate",
                          "postgresql://127.0.0.1:1/chipgate?user=auditor&password=s3cret-pw",
                          "postgres://auditor:s3cret-pw@127.0.0.1:1/chipgate?sslmode=disable"}) {
    RunResult r = RunChipgate({"log", "verify", "--db", uri});
    INFO(uri << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("cannot connect"));
    CHECK_THAT(r.err + r.out, !Catch::Contains("s3cret"));
  }
}
