// Licenses in the store (migrations 8 and 11): importing licenses.csv all or nothing with every
// bad cell located, reading licenses back with their terms, and their used balances as of a date;
// reading only the licenses a shipment can use gives the same matches as reading all, through
// indexes (the query plans).
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "chipgate/license_index.h"
#include "chipgate/store.h"
#include "store/sqlite/license_reads.h"
#include "support/open_store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kHeader =
    "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
    "valid_until,conditions\n";

std::vector<Diagnostic> ImportLicenses(Store& store, const std::string& path) {
  ImportFiles files;
  files.licenses = path;
  return store.Import(files);
}

std::vector<HeldLicense> MustRead(const Store& store, const char* date) {
  auto read = store.ReadLicenses(*ParseDate(date));
  INFO(read.status().message());
  REQUIRE(read.ok());
  return read.value();
}

}  // namespace

TEST_CASE("ImportedLicensesAreReadBackWithTheirTerms", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "l.db"));
  std::string csv =
      dir.Write("licenses.csv",
                std::string(kHeader) +
                    "D2000000,3a090.A; 4A090.a,SG;MY,C-1010,,100,1500000.5,2025-01-01,2025-12-31,"
                    "\"no reexport, report quarterly\"\n"
                    "D1000001,EAR99,CN,,Sugon,,,2025-03-01,2026-02-28,\n");
  auto diags = ImportLicenses(store, csv);
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
  auto held = MustRead(store, "2025-06-01");
  REQUIRE(held.size() == 2);
  const License& a = held[1].license;  // by number: D1000001 first
  CHECK(held[0].license.number == "D1000001");
  CHECK(a.number == "D2000000");
  CHECK(a.classes == std::vector<std::string>{"3A090.a", "4A090.a"});
  CHECK(a.destinations == std::vector<std::string>{"SG", "MY"});
  CHECK(a.consignee == "C-1010");
  CHECK(a.end_user.empty());
  CHECK(a.quantity_limit == 100);
  CHECK(a.value_limit == 150'000'050);
  CHECK(a.valid_from == *ParseDate("2025-01-01"));
  CHECK(a.valid_until == *ParseDate("2025-12-31"));
  CHECK(a.conditions == "no reexport, report quarterly");
  CHECK(a.line == 2);
  const License& b = held[0].license;
  CHECK_FALSE(b.quantity_limit);
  CHECK_FALSE(b.value_limit);
  CHECK(b.end_user == "Sugon");
  CHECK(held[1].used.quantity == 0);
  auto one = store.ReadLicense("D2000000", *ParseDate("2025-06-01"));
  REQUIRE(one.ok());
  REQUIRE(one.value());
  CHECK(one.value()->license.line == 2);
  auto none = store.ReadLicense("D7654321", *ParseDate("2025-06-01"));
  REQUIRE(none.ok());
  CHECK_FALSE(none.value());
}

TEST_CASE("EveryBadLicenseCellIsReportedAtItsLocationWithItsCode", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "l.db"));
  std::string csv =
      dir.Write("licenses.csv",
                std::string(kHeader) + "D0000000,3A090a,XX,,,-1,12.345,2025-13-01,2025-01-01,ok\n");
  auto diags = ImportLicenses(store, csv);
  std::vector<std::string> got;
  for (const auto& d : diags)
    got.push_back(std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col) + " " + d.code);
  CHECK(got == std::vector<std::string>{"2:1 E611", "2:10 E612", "2:17 E601", "2:22 E613",
                                        "2:25 E613", "2:32 E601"});
  CHECK_THAT(diags[0].message, Catch::StartsWith("column `license_number`: `D0000000` is not a "
                                                 "license number"));
  CHECK(RenderDiagnostics(diags).find(csv + ":2:10: error[E612]: column `classes`: `3A090a`") !=
        std::string::npos);
}

TEST_CASE("PlaceholderLicenseNumbersAreRefusedInTheLicensesFile", "[store][license][backend]") {
  for (const char* v : {"N/A", "pending", "NLR", "NAC", "D12345", "none"}) {
    INFO(v);
    TempDir dir;
    Store store = MustOpen(TestDatabase(dir, "l.db"));
    std::string csv = dir.Write(
        "licenses.csv", std::string(kHeader) + v + ",3A090.a,SG,,,,,2025-01-01,2025-12-31,\n");
    auto diags = ImportLicenses(store, csv);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "E611");
    CHECK(diags[0].loc.line == 2);
    CHECK(diags[0].loc.col == 1);
  }
}

TEST_CASE("ALicenseEndingBeforeItStartsIsRefusedAtItsEnd", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "l.db"));
  std::string csv = dir.Write(
      "licenses.csv", std::string(kHeader) + "D2000000,3A090.a,SG,,,,,2025-06-01,2025-05-31,\n");
  auto diags = ImportLicenses(store, csv);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "E614");
  CHECK(diags[0].loc.col == 36);
}

TEST_CASE("LicenseImportIsAllOrNothing", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "l.db"));
  std::string csv =
      dir.Write("licenses.csv", std::string(kHeader) +
                                    "D2000000,3A090.a,SG,,,10,,2025-01-01,2025-12-31,\n"
                                    "D3000000,3A090.a,SG,,,0,,2025-01-01,2025-12-31,\n");
  auto diags = ImportLicenses(store, csv);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "E613");
  CHECK(diags[0].loc.line == 3);
  CHECK(MustRead(store, "2025-06-01").empty());  // the good row was rolled back too
}

TEST_CASE("ALicenseNumberAlreadyStoredOrRepeatedIsADuplicate", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "l.db"));
  std::string row = "D2000000,3A090.a,SG,,,,,2025-01-01,2025-12-31,\n";
  REQUIRE(ImportLicenses(store, dir.Write("a.csv", kHeader + row)).empty());
  // The same license again is unchanged; other terms under its number are a duplicate.
  CHECK(ImportLicenses(store, dir.Write("b.csv", kHeader + row)).empty());
  std::string amended = "D2000000,3A090.a,SG,,,5,,2025-01-01,2025-12-31,\n";
  auto again = ImportLicenses(store, dir.Write("b2.csv", kHeader + amended));
  REQUIRE(again.size() == 1);
  CHECK(again[0].code == "E603");
  auto twice = ImportLicenses(
      store, dir.Write("c.csv", std::string(kHeader) + "D3000000,3A090.a,SG,,,,,2025-01-01,"
                                                       "2025-12-31,\n"
                                                       "D3000000,3A090.b,SG,,,,,2025-01-01,"
                                                       "2025-12-31,\n"));
  REQUIRE(twice.size() == 1);
  CHECK(twice[0].code == "E603");
  CHECK(twice[0].loc.line == 3);
}

TEST_CASE("ALicensesFileWithoutADocumentedColumnIsRefused", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "l.db"));
  auto diags =
      ImportLicenses(store, dir.Write("l.csv",
                                      "license_number,classes,destinations,valid_from,valid_until\n"
                                      "D2000000,3A090.a,SG,2025-01-01,2025-12-31\n"));
  REQUIRE(diags.size() == 5);  // consignee, end_user, quantity, value_usd, conditions
  for (const auto& d : diags) CHECK(d.code == "E602");
}

TEST_CASE("UsedBalancesAreTheUsesOnOrBeforeTheDate", "[store][license][backend]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "l.db");
  {
    Store store = MustOpen(path);
    ImportFiles files;
    files.parts = dir.Write("p.csv", "part_number,type\nGPU,ic\n");
    files.shipments =
        dir.Write("s.csv",
                  "shipment_id,date,consignee,consignee_country,part_number,quantity,license\n"
                  "S1,2025-03-01,Lion City Cloud,SG,GPU,10,D2000000\n"
                  "S2,2025-05-01,Lion City Cloud,SG,GPU,5,D2000000\n");
    files.licenses = dir.Write("l.csv", std::string(kHeader) +
                                            "D2000000,3A090.a,SG,,,100,1000000,2025-01-01,"
                                            "2025-12-31,\n");
    auto diags = store.Import(files);
    INFO(RenderDiagnostics(diags));
    REQUIRE(diags.empty());
  }
  RawExec(path,
          "INSERT INTO license_uses (license, shipment_id, line, date, quantity, value_cents) "
          "SELECT id, 'S1', 1, '2025-03-01', 10, 30000000 FROM licenses;"
          "INSERT INTO license_uses (license, shipment_id, line, date, quantity, value_cents) "
          "SELECT id, 'S2', 1, '2025-05-01', 5, 15000000 FROM licenses;");
  Store store = MustOpen(path);
  auto used = [&](const char* date) { return MustRead(store, date).at(0).used; };
  CHECK(used("2025-02-28").quantity == 0);
  CHECK(used("2025-03-01").quantity == 10);
  CHECK(used("2025-03-01").value == 30'000'000);
  CHECK(used("2025-06-01").quantity == 15);
  CHECK(used("2025-06-01").value == 45'000'000);
  auto one = store.ReadLicense("D2000000", *ParseDate("2025-04-01"));
  REQUIRE(one.ok());
  CHECK(one.value()->used.quantity == 10);
  CHECK(RemainingOf(*one.value()).value == 70'000'000);
}

// SQLite only: it turns SQLite's foreign keys on through the C API (PostgreSQL enforces them
// always).
TEST_CASE("ARecordedLicenseUseKeepsItsShipmentLine", "[store][license]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "l.db");
  { MustOpen(path); }
  RawExec(path,
          "INSERT INTO licenses (number, classes, destinations, valid_from, valid_until, "
          "conditions, line) VALUES ('D2000000', '3A090.a', 'SG', '2025-01-01', '2025-12-31', "
          "'', 2)");
  // A use must name a stored shipment line (foreign key), so a balance cannot be drawn by
  // nothing, and a line with a use cannot be deleted to give the balance back.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  int rc = sqlite3_exec(db,
                        "PRAGMA foreign_keys = ON; INSERT INTO license_uses VALUES (1, 'S9', 1, "
                        "'2025-03-01', 1, NULL)",
                        nullptr, nullptr, nullptr);
  sqlite3_close(db);
  CHECK(rc == SQLITE_CONSTRAINT);
  CHECK(RawScalar(path, "SELECT count(*) FROM license_uses") == "0");
}

namespace {

// `n` generated licenses as a licenses.csv: numbers in a shuffled order, one to three of five
// destinations, validity in 2024 to 2026.
std::string GeneratedLicenses(size_t n) {
  std::mt19937 rng(14);
  const char* countries[] = {"SG", "MY", "AE", "CN", "DE"};
  const char* classes[] = {"3A090.a", "3A090.b", "4A090.a", "3A090", "5A992.c"};
  std::string csv = kHeader;
  for (size_t i = 0; i < n; ++i) {
    std::string dest = countries[rng() % 5];
    for (size_t k = rng() % 3; k > 0; --k) {
      std::string c = countries[rng() % 5];
      if (dest.find(c) == std::string::npos) dest += ";" + c;
    }
    int from_day = static_cast<int>(rng() % 700);
    Date from{ParseDate("2024-01-01")->days + from_day};
    Date until{from.days + static_cast<int>(rng() % 400)};
    csv += "D" + std::to_string(3000000 - i * 7) + "," + classes[rng() % 5] + "," + dest + ",," +
           (rng() % 2 ? "C-1" : "") + "," + (rng() % 2 ? std::to_string(1 + rng() % 9) : "") +
           ",," + FormatDate(from) + "," + FormatDate(until) + ",\n";
  }
  return csv;
}

// Every detail line of SQLite's query plan for `sql`.
std::string QueryPlan(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  std::string plan;
  int rc = sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &st, nullptr);
  while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3)) + std::string("\n");
  sqlite3_finalize(st);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
  return plan;
}

}  // namespace

TEST_CASE("ReadingTheLicensesForAShipmentMatchesAsReadingThemAll", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "l.db"));
  auto diags = ImportLicenses(store, dir.Write("l.csv", GeneratedLicenses(400)));
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
  std::mt19937 rng(5);
  size_t cleared = 0, fewer = 0;
  for (const char* date : {"2024-03-01", "2025-01-15", "2025-11-30", "2027-06-01"}) {
    for (const char* destination : {"SG", "CN", "FR"}) {
      // Lines naming licenses in force, expired, to other countries, and not held.
      std::vector<std::string> named = {"D3000000", "D2999979", "D2999300", "D1234567", "D2999300"};
      auto all = store.ReadLicenses(*ParseDate(date));
      auto some = store.ReadLicensesFor(*ParseDate(date), destination, named);
      REQUIRE(all.ok());
      REQUIRE(some.ok());
      fewer += some->size() < all->size() / 2;
      // Read once each, by number.
      for (size_t i = 1; i < some->size(); ++i)
        REQUIRE((*some)[i - 1].license.number < (*some)[i].license.number);
      // One shipment's lines matched in order against each read, each line seeing the uses of
      // the lines before it: the same licenses, balances and refusals.
      std::vector<HeldLicense> a = *all, b = *some;
      const LicenseIndex index_a(a), index_b(b);
      for (int line = 0; line < 60; ++line) {
        LicenseRequest r;
        const char* classes[] = {"3A090.a.1", "3A090.b", "4A090.a", "5A992.c"};
        r.classes = {classes[rng() % 4]};
        r.destination = destination;
        r.end_user_id = r.consignee_id = "C-1";
        r.ship_date = *ParseDate(date);
        r.quantity = 1 + rng() % 3;
        if (rng() % 3 == 0) r.named_license = named[rng() % named.size()];
        LicenseMatch ma = index_a.Match(r), mb = index_b.Match(r);
        INFO(date << " " << destination << " line " << line);
        REQUIRE(ma.cleared() == mb.cleared());
        REQUIRE(ma.refusals == mb.refusals);
        REQUIRE(ma.before.quantity == mb.before.quantity);
        REQUIRE(ma.after.quantity == mb.after.quantity);
        if (!ma.cleared()) continue;
        ++cleared;
        REQUIRE(a[*ma.license].license.number == b[*mb.license].license.number);
        AddUse(a[*ma.license], r.quantity, ma.line_value);
        AddUse(b[*mb.license], r.quantity, mb.line_value);
      }
    }
  }
  CHECK(cleared > 50);
  CHECK(fewer >= 10);  // the point: far fewer licenses read
}

TEST_CASE("ALicenseNamedTwiceOrInForceAndNamedIsReadOnce", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "l.db"));
  REQUIRE(ImportLicenses(store, dir.Write("l.csv", std::string(kHeader) +
                                                       "D2000000,3A090.a,SG;MY,,,,,2025-01-01,"
                                                       "2025-12-31,\n"
                                                       "D3000000,3A090.a,MY,,,,,2024-01-01,"
                                                       "2024-12-31,\n"))
              .empty());
  auto read = store.ReadLicensesFor(*ParseDate("2025-06-01"), "SG",
                                    {"D3000000", "D2000000", "D3000000", "D9999999"});
  REQUIRE(read.ok());
  std::vector<std::string> numbers;
  for (const auto& h : *read) numbers.push_back(h.license.number);
  CHECK(numbers == std::vector<std::string>{"D2000000", "D3000000"});
  // MY is in the second row of license_destinations for D2000000.
  auto my = store.ReadLicensesFor(*ParseDate("2025-06-01"), "MY", {});
  REQUIRE(my.ok());
  REQUIRE(my->size() == 1);
  CHECK(my->at(0).license.destinations == std::vector<std::string>{"SG", "MY"});
}

// SQLite only: SQLite's query plans (EXPLAIN QUERY PLAN).
TEST_CASE("TheLicenseReadsOfCheckUseIndexes", "[store][license]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "l.db");
  {
    Store store = MustOpen(path);
    REQUIRE(ImportLicenses(store, dir.Write("l.csv", GeneratedLicenses(50))).empty());
  }
  RawExec(path, "ANALYZE");
  std::string in_force = QueryPlan(path, CHIPGATE_SQL_LICENSES_IN_FORCE_TO);
  INFO(in_force);
  // The destination's rows by the primary key of license_destinations, each license by its id,
  // each license's uses by license_uses_license; no table read whole.
  CHECK(in_force.find("SEARCH d USING PRIMARY KEY (destination=?)") != std::string::npos);
  CHECK(in_force.find("SEARCH l USING INTEGER PRIMARY KEY (rowid=?)") != std::string::npos);
  CHECK(in_force.find("USING INDEX license_uses_license (license=? AND date<?)") !=
        std::string::npos);
  CHECK(in_force.find("SCAN") == std::string::npos);
  std::string by_number = QueryPlan(path, CHIPGATE_SQL_LICENSE_BY_NUMBER);
  INFO(by_number);
  CHECK(by_number.find("SEARCH l USING INDEX sqlite_autoindex_licenses_1 (number=?)") !=
        std::string::npos);
  CHECK(by_number.find("SCAN") == std::string::npos);
}

// SQLite only: an older SQLite schema upgraded by SQLite's migrations (PostgreSQL starts at 12).
TEST_CASE("MigrationElevenListsTheDestinationsOfLicensesStoredBefore", "[store][license]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "l.db");
  {
    Store store = MustOpen(path);
    REQUIRE(ImportLicenses(store, dir.Write("l.csv", std::string(kHeader) +
                                                         "D2000000,3A090.a,SG;MY;AE,,,,,2025-01-01,"
                                                         "2025-12-31,\n"
                                                         "D3000000,3A090.a,CN,,,,,2025-01-01,"
                                                         "2025-12-31,\n"))
                .empty());
  }
  // Back to the version before: the table gone, the licenses kept (10: migration 11 is the one
  // to run, with or without a migration 10).
  RawExec(path, std::string(kUndoMigration12) +
                    "DROP TABLE license_destinations; PRAGMA user_version = 10;");
  Store store = MustOpen(path);
  CHECK(store.schema_version() == kSchemaVersion);
  CHECK(RawColumn(path,
                  "SELECT destination || ' ' || license FROM license_destinations ORDER BY 1") ==
        std::vector<std::string>{"AE 1", "CN 2", "MY 1", "SG 1"});
  auto sg = store.ReadLicensesFor(*ParseDate("2025-06-01"), "AE", {});
  REQUIRE(sg.ok());
  REQUIRE(sg->size() == 1);
  CHECK(sg->at(0).license.number == "D2000000");
}

}  // namespace chipgate::testing
