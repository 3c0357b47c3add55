// The SQLite store: schema and migrations, refusal of foreign or newer databases, CSV import
// (all-or-nothing, located errors), part lookup with bills of materials.
#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "chipgate/store.h"
#include "support/open_store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

std::string SchemaOf(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                     "ORDER BY type, name",
                     -1, &st, nullptr);
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < 3; ++i) {
      const unsigned char* t = sqlite3_column_text(st, i);
      out += t ? reinterpret_cast<const char*>(t) : "";
      out += "\n";
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* kParts =
    "part_number,description,declared_eccn,type,tpp,die_area_mm2,datacenter,extra_column\n"
    "GPU-1,accelerator,3A090.a,ic,15832,814,true,x\n"
    "NIC-1,network card,5A992.c,other,,,false,y\n"
    "SRV-1,server,4A090.a,computer,,,true,z\n";

}  // namespace

// SQLite only: SQLite's schema file, migrations and file checks (PostgreSQL's: PgRefuses*).
TEST_CASE("MigrationsProduceExactlyTheDocumentedSchema", "[store]") {
  TempDir dir;
  std::string migrated = TestDatabase(dir, "m.db"), documented = TestDatabase(dir, "d.db");
  MustOpen(migrated);
  RawExec(documented, ReadAll(SourcePath("db/schema/sqlite.sql")));
  CHECK(SchemaOf(migrated) == SchemaOf(documented));
  CHECK(MustOpen(migrated, StoreOptions{}).schema_version() == kSchemaVersion);
}

// SQLite only: SQLite's schema file, migrations and file checks (PostgreSQL's: PgRefuses*).
TEST_CASE("NewerSchemaIsRefusedWithAClearMessage", "[store]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "n.db");
  MustOpen(path);
  RawExec(path, "PRAGMA user_version = 99");
  auto s = Store::Open(path);
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message().find("schema version 99, newer than this chipgate supports") !=
        std::string::npos);
}

// SQLite only: SQLite's schema file, migrations and file checks (PostgreSQL's: PgRefuses*).
TEST_CASE("ForeignAndBrokenFilesAreRefused", "[store]") {
  TempDir dir;
  std::string junk = dir.Write("junk.db", std::string(4096, 'x'));
  auto a = Store::Open(junk);
  REQUIRE_FALSE(a.ok());
  CHECK(a.status().message().find("not a usable chipgate database") != std::string::npos);

  std::string other = TestDatabase(dir, "other.db");
  RawExec(other, "CREATE TABLE t (x INTEGER)");
  auto b = Store::Open(other);
  REQUIRE_FALSE(b.ok());
  CHECK(b.status().message().find("not a chipgate database") != std::string::npos);

  auto c = Store::Open(TestDatabase(dir, "missing.db"));
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().message().find("does not exist") != std::string::npos);
}

TEST_CASE("ImportThenLookupWithBillOfMaterials", "[store][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  auto diags = store.Import(
      {dir.Write("parts.csv", kParts),
       dir.Write("c.csv", "parent,child,quantity\nSRV-1,GPU-1,8\nSRV-1,NIC-1,2\n"), "", ""});
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
  auto srv = store.LookupPart("SRV-1");
  REQUIRE(srv.ok());
  REQUIRE(srv.value().has_value());
  const ItemFacts& item = *srv.value();
  CHECK(item.has_specs);
  REQUIRE(item.components.size() == 2);
  CHECK(item.components[0].part == "GPU-1");
  CHECK(item.components[0].quantity == 8);
  std::vector<std::pair<std::string, std::string>> specs;
  for (const auto& [k, v] : item.components[0].specs) specs.emplace_back(k, v.Text());
  CHECK(specs ==
        std::vector<std::pair<std::string, std::string>>{
            {"type", "ic"}, {"tpp", "15832"}, {"die_area_mm2", "814"}, {"datacenter", "true"}});
  CHECK_FALSE(store.LookupPart("NOPE").value().has_value());
}

TEST_CASE("CompleteMergesInlineSpecsOverTheDatabase", "[store][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  REQUIRE(store.Import({dir.Write("parts.csv", kParts), "", "", ""}).empty());
  ItemFacts line;
  line.part = "GPU-1";
  line.quantity = 3;
  line.Set("datacenter", false);
  auto done = store.Complete(line);
  REQUIRE(done.ok());
  std::string dc;
  for (const auto& [k, v] : done->specs) {
    if (k == "datacenter") dc = v.text;
  }
  CHECK(dc == "false");
  CHECK(done->quantity == 3);
  ItemFacts unknown;
  unknown.part = "NOT-IN-DB";
  auto u = store.Complete(unknown);
  REQUIRE(u.ok());
  CHECK_FALSE(u->has_specs);
  CHECK(u->note == "not found in the inventory database");
}

TEST_CASE("ImportIsAllOrNothingWithLocatedErrors", "[store][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  std::string parts = dir.Write("parts.csv",
                                "part_number,type,tpp,die_area_mm2,datacenter\n"
                                "OK-1,ic,100,100,true\n"
                                "BAD-1,gpu,abc,-5,maybe\n"
                                "OK-1,ic,1,1,true\n");
  std::string comps = dir.Write("c.csv", "parent,child,quantity\nOK-1,GHOST,0\n");
  std::string ships =
      dir.Write("s.csv",
                "shipment_id,date,consignee,consignee_country,part_number,quantity\n"
                "S1,2024-02-30,A,XX,OK-1,1\n");
  auto diags = store.Import({parts, comps, "", ships});
  std::vector<std::string> got;
  for (const auto& d : diags)
    got.push_back(std::to_string(d.loc.line) + " " + d.code + " " + d.message);
  std::sort(got.begin(), got.end());
  std::vector<std::string> want{
      "3 E601 column `type`: `gpu` is not one of ic, computer, memory, other",
      "3 E601 column `datacenter`: `maybe` must be true or false",
      "3 E601 column `tpp`: `abc` is not a number",
      "3 E601 column `die_area_mm2`: `-5` must be greater than zero",
      "4 E603 column `part_number`: part `OK-1` appears twice in this file",
      "2 E601 column `quantity`: `0` must be a positive whole number",
      "2 E601 column `consignee_country`: `XX` is not an ISO 3166-1 alpha-2 country code",
      "2 E601 column `date`: `2024-02-30` is not a date YYYY-MM-DD",
  };
  std::sort(want.begin(), want.end());
  CHECK(got == want);
  CHECK(diags[1].loc.file == parts);
  CHECK_FALSE(store.LookupPart("OK-1").value().has_value());  // the good row was rolled back
}

TEST_CASE("ImportRejectsMalformedCsvAndMissingColumns", "[store][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  auto a = store.Import({dir.Write("a.csv", "part_number,type\n\"unterminated,ic\n"), "", "", ""});
  REQUIRE(a.size() == 1);
  CHECK(a[0].code == "E605");
  auto b = store.Import({"", "", dir.Write("p.csv", "name\nACME\n"), ""});
  REQUIRE(b.size() == 1);
  CHECK(b[0].code == "E602");
  CHECK(b[0].message == "missing required column `country`");
  auto c = store.Import({dir.Write("c.csv", "part_number,type\nA,ic,extra\n"), "", "", ""});
  REQUIRE(c.size() == 1);
  CHECK(c[0].message == "row has 3 fields; the header has 2");
  // A Latin-1 export: refused at its line, nothing stored.
  auto d =
      store.Import({dir.Write("d.csv", "part_number,type\nOK-1,ic\nCAF\xC9-2,ic\n"), "", "", ""});
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "E605");
  CHECK(d[0].loc.line == 3);
  CHECK(d[0].message == "invalid UTF-8 (byte 0xC9); export the file as UTF-8");
  auto stored = store.LookupPart("OK-1");
  REQUIRE(stored.ok());
  CHECK_FALSE(stored.value().has_value());
}

// The import reads CSV through the shared reader (base/csv_reader.h): its syntax errors are
// E605 at the line without a column, an unclosed quote at the line its record starts on (as
// before the readers were one), and a field with text after its closing quote is refused (it
// used to be joined silently: `"ab"c` became `abc`).
TEST_CASE("ImportCsvSyntaxErrorsAreE605AtTheirLine", "[store][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  struct Case {
    const char* what;
    std::string text;
    int line;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"unclosed quote after a field over two lines", "part_number,type\n\"A\n1\",\"ic\nB,ic\n", 2,
       "quoted field never closed"},
      {"text after a closing quote", "part_number,type\nA,\"ic\"x\n", 2,
       "text after a closing quote"},
      {"a quote inside a field", "part_number,type\nA\"1,ic\n", 2,
       "quote inside an unquoted field (quote the whole field and double inner quotes)"},
      {"empty", "", 1, "the file is empty; a header row is required"},
      {"only a byte-order mark and blank lines", "\xEF\xBB\xBF\n\n", 1,
       "the file is empty; a header row is required"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto d = store.Import({dir.Write("s.csv", c.text), "", "", ""});
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "E605");
    CHECK(d[0].loc.line == c.line);
    CHECK(d[0].loc.col == 0);
    CHECK(d[0].message == c.message);
  }
}

// A file saved with a byte-order mark (Excel's "CSV UTF-8") imports like one without: the mark
// is not part of the first column's name.
TEST_CASE("ImportAcceptsAByteOrderMark", "[store][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "b.db"));
  auto d = store.Import(
      {dir.Write("p.csv", "\xEF\xBB\xBFpart_number,type,tpp\r\nBOM-1,ic,4800\r\n"), "", "", ""});
  INFO(RenderDiagnostics(d));
  CHECK(d.empty());
  auto part = store.LookupPart("BOM-1");
  REQUIRE(part.ok());
  CHECK(part.value().has_value());
}

TEST_CASE("ShipmentLinesMustAgreeOnTheirShipment", "[store][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  REQUIRE(store.Import({dir.Write("parts.csv", kParts), "", "", ""}).empty());
  std::string ships =
      dir.Write("s.csv",
                "shipment_id,date,consignee,consignee_country,end_user,end_user_country,"
                "end_user_headquarters,part_number,quantity,license\n"
                "S1,2024-06-01,Acme,SG,Acme,SG,CN,GPU-1,8,D1234567\n"
                "S1,2024-06-01,Acme,SG,Acme,SG,CN,NIC-1,2,\n"
                "S2,2023-01-01,Beta,DE,,,,GPU-1,1,\n");
  auto diags = store.Import({"", "", "", ships});
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
  std::vector<StoredShipment> seen;
  REQUIRE(store
              .ForEachShipment([&](const StoredShipment& s) {
                seen.push_back(s);
                return true;
              })
              .ok());
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].id == "S2");  // ordered by date
  CHECK(seen[0].end_user.name == "Beta");
  CHECK(seen[1].lines.size() == 2);
  CHECK(seen[1].lines[0].license == "D1234567");
  CHECK(seen[1].end_user.headquarters == "CN");
  // Re-imported: the same shipments, unchanged, not an error
  // (tests/store/incremental_import_test.cc).
  auto again = store.Import({"", "", "", ships});
  INFO(RenderDiagnostics(again));
  CHECK(again.empty());
  seen.clear();
  REQUIRE(store
              .ForEachShipment([&](const StoredShipment& s) {
                seen.push_back(s);
                return true;
              })
              .ok());
  CHECK(seen.size() == 2);
  CHECK(seen[1].lines.size() == 2);
}

}  // namespace chipgate::testing

namespace chipgate::testing {

// SQLite only: SQLite's schema file, migrations and file checks (PostgreSQL's: PgRefuses*).
TEST_CASE("OlderDatabaseIsUpgradedKeepingItsData", "[store]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "v1.db");
  RawExec(path, ReadAll(SourcePath("db/migrations/sqlite/0001_initial.sql")) +
                    "\nINSERT INTO parts (part_number, type, tpp) VALUES ('OLD-1', 'ic', "
                    "5000);\nPRAGMA user_version = 1;");
  auto ro = Store::Open(path, StoreOptions{.read_only = true});
  REQUIRE_FALSE(ro.ok());
  CHECK(ro.status().message().find("needs upgrading") != std::string::npos);
  Store store = MustOpen(path, StoreOptions{});
  CHECK(store.schema_version() == kSchemaVersion);
  auto part = store.LookupPart("OLD-1");
  REQUIRE(part.ok());
  CHECK(part.value().has_value());
  auto run = store.RecordAuditRun(
      {"2026-01-01T00:00:00.000Z", "t", "2026-01-01", "", "sha256:x", 1, 0}, {});
  CHECK(run.ok());
}

}  // namespace chipgate::testing

namespace chipgate::testing {

// SQLite only: SQLite's schema file, migrations and file checks (PostgreSQL's: PgRefuses*).
TEST_CASE("DatabaseWithMissingTablesGetsAClearError", "[store]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "t.db");
  MustOpen(path);
  RawExec(path, "DROP TABLE shipment_lines; DROP TABLE part_components;");
  auto s = Store::Open(path);
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message().find("is missing table(s) part_components, shipment_lines") !=
        std::string::npos);
  RunResult r = RunChipgate({"audit", "--db", path});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("missing table(s)") != std::string::npos);
}

}  // namespace chipgate::testing
