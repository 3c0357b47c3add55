// A shipment line's unit value (migration 10): the optional `unit_value` column of shipments.csv
// is read in whole cents, refused at the cell when it is not an amount of dollars, stored NULL
// when empty or absent, read back as nullopt; a database of schema version 9 gains the column
// with its lines unchanged.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "chipgate/store.h"
#include "support/open_store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kParts = "part_number,type\nNIC,other\n";
const char* kHeader =
    "shipment_id,date,consignee,consignee_country,part_number,quantity,license,unit_value\n";

// Every stored line's unit value, in the store's order ("-" for none).
std::vector<std::string> UnitValues(const Store& store) {
  std::vector<std::string> out;
  Status s = store.ForEachShipment([&](const StoredShipment& sh) {
    for (const auto& l : sh.lines) out.push_back(l.unit_value ? FormatUsd(*l.unit_value) : "-");
    return true;
  });
  REQUIRE(s.ok());
  return out;
}

}  // namespace

TEST_CASE("UnitValueIsStoredInCentsAndEmptyIsUnknown", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "u.db"));
  std::string ships = dir.Write("s.csv", std::string(kHeader) +
                                             "S1,2024-06-01,A,DE,NIC,1,,400000\n"
                                             "S2,2024-06-02,A,DE,NIC,1,,1500.5\n"
                                             "S3,2024-06-03,A,DE,NIC,1,,0\n"
                                             "S4,2024-06-04,A,DE,NIC,1,,\n");
  auto diags = store.Import({dir.Write("p.csv", kParts), "", "", ships});
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
  CHECK(UnitValues(store) == std::vector<std::string>{"400000.00", "1500.50", "0.00", "-"});
  CHECK(RawScalar(store.path(),
                  "SELECT unit_value_cents FROM shipment_lines WHERE shipment_id = "
                  "'S2'") == "150050");
  CHECK(RawScalar(store.path(),
                  "SELECT count(*) FROM shipment_lines WHERE unit_value_cents IS NULL") == "1");
}

TEST_CASE("ShipmentsWithoutAUnitValueColumnStillImport", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "u.db"));
  std::string ships =
      dir.Write("s.csv",
                "shipment_id,date,consignee,consignee_country,part_number,quantity\n"
                "S1,2024-06-01,A,DE,NIC,1\n");
  REQUIRE(store.Import({dir.Write("p.csv", kParts), "", "", ships}).empty());
  CHECK(UnitValues(store) == std::vector<std::string>{"-"});
}

TEST_CASE("BadUnitValueIsRefusedAtTheCell", "[store][license][backend]") {
  for (const char* v : {"1e6", "1,000", "-5", "12.345", "$400", "12.", ".5", "abc"}) {
    INFO(v);
    TempDir dir;
    Store store = MustOpen(TestDatabase(dir, "u.db"));
    std::string ships = dir.Write("s.csv", std::string(kHeader) + "S1,2024-06-01,A,DE,NIC,1,,5\n" +
                                               "S2,2024-06-01,A,DE,NIC,1,,\"" + v + "\"\n");
    auto diags = store.Import({dir.Write("p.csv", kParts), "", "", ships});
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "E613");
    CHECK(diags[0].loc.line == 3);
    CHECK(diags[0].loc.col == 27);  // the field's first byte (its opening quote)
    CHECK_THAT(diags[0].message,
               Catch::StartsWith("column `unit_value`: `" + std::string(v) + "` must be"));
    CHECK(UnitValues(store).empty());  // all or nothing
  }
}

// A version-9 database (before the column) with a stored line: opening it applies migration 10
// (and the later ones), and the line reads back with no unit value, never zero.
// SQLite only: an older SQLite schema upgraded by SQLite's migrations (PostgreSQL starts at 12).
TEST_CASE("MigrationTenKeepsStoredLinesWithNoUnitValue", "[store][license]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "v9.db");
  {
    Store store = MustOpen(path);
    std::string ships = dir.Write("s.csv", std::string(kHeader) + "S1,2024-06-01,A,DE,NIC,3,,\n");
    REQUIRE(store.Import({dir.Write("p.csv", kParts), "", "", ships}).empty());
  }
  RawExec(path, std::string(kUndoMigration12) +
                    "DROP TABLE license_destinations; ALTER TABLE shipment_lines DROP COLUMN "
                    "unit_value_cents; PRAGMA user_version = 9;");
  REQUIRE(RawScalar(path, "PRAGMA user_version") == "9");
  Store store = MustOpen(path);
  CHECK(store.schema_version() == kSchemaVersion);
  CHECK(RawScalar(path, "PRAGMA user_version") == std::to_string(kSchemaVersion));
  CHECK(UnitValues(store) == std::vector<std::string>{"-"});
  // The column's CHECK is in force: a negative value is refused by the database itself.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  int rc = sqlite3_exec(db, "UPDATE shipment_lines SET unit_value_cents = -1", nullptr, nullptr,
                        nullptr);
  sqlite3_close(db);
  CHECK(rc == SQLITE_CONSTRAINT);
}

}  // namespace chipgate::testing
