// Imported screening lists in the store (Store::ImportScreeningList, ReadScreeningLists,
// RemoveScreeningList): what is read back is what was read from the file, every imported version
// is kept, a file stored already is not stored twice, and a version can be removed.
#include <catch2/catch.hpp>

#include "chipgate/screening_list.h"
#include "chipgate/store.h"
#include "store/migration.h"
#include "support/open_store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

class FixedClock : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));  // 2026-01-01
  }
};

ScreeningListFile MustRead(const std::string& rel) {
  ScreeningListRead r = ReadScreeningList(SourcePath(rel));
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.file.has_value());
  return std::move(*r.file);
}

void CheckSameEntries(const std::vector<ScreeningListEntry>& a,
                      const std::vector<ScreeningListEntry>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].name);
    CHECK(a[i].entry_id == b[i].entry_id);
    CHECK(a[i].list == b[i].list);
    CHECK(a[i].source == b[i].source);
    CHECK(a[i].type == b[i].type);
    CHECK(a[i].name == b[i].name);
    CHECK(a[i].aliases == b[i].aliases);
    CHECK(a[i].countries == b[i].countries);
    CHECK(a[i].programs == b[i].programs);
    CHECK(a[i].federal_register_notice == b[i].federal_register_notice);
    CHECK(a[i].start_date == b[i].start_date);
    CHECK(a[i].end_date == b[i].end_date);
    CHECK(a[i].license_requirement == b[i].license_requirement);
    CHECK(a[i].license_policy == b[i].license_policy);
    CHECK(a[i].line == b[i].line);
  }
}

}  // namespace

TEST_CASE("AnImportedListReadsBackAsRead", "[store][lists][backend]") {
  TempDir dir;
  FixedClock clock;
  Store store = MustOpen(TestDatabase(dir, "l.db"), {.create = true, .clock = &clock});
  ScreeningListFile csl = MustRead("tests/data/lists/csl.csv");
  auto stored = store.ImportScreeningList(csl);
  REQUIRE(stored.ok());
  CHECK_FALSE(stored->already_stored);
  CHECK(stored->version.imported_at == "2026-01-01T00:00:00.000Z");
  CHECK(stored->version.entries == 6);
  auto back = store.ReadScreeningLists();
  REQUIRE(back.ok());
  REQUIRE(back->size() == 1);
  const ScreeningListVersion& v = back->front().version;
  CHECK(v.format == ListFormat::kCslCsv);
  CHECK(v.file_name == "csl.csv");
  CHECK(v.digest == csl.version.digest);
  CHECK(v.imported_at == stored->version.imported_at);
  CHECK(v.entries == 6);
  CheckSameEntries(back->front().entries, csl.entries);
}

TEST_CASE("EveryImportedVersionIsKept", "[store][lists][backend]") {
  TempDir dir;
  FixedClock clock;
  Store store = MustOpen(TestDatabase(dir, "l.db"), {.create = true, .clock = &clock});
  REQUIRE(store.ImportScreeningList(MustRead("tests/data/lists/csl.csv")).ok());
  REQUIRE(store.ImportScreeningList(MustRead("tests/data/lists/opensanctions.csv")).ok());
  ScreeningListFile json = MustRead("tests/data/lists/csl.json");
  REQUIRE(store.ImportScreeningList(json).ok());  // CSL again, as JSON: a second CSL version
  auto back = store.ReadScreeningLists();
  REQUIRE(back.ok());
  REQUIRE(back->size() == 3);  // by source set, then in import order
  CHECK(back->at(0).version.format == ListFormat::kCslCsv);
  CHECK(back->at(0).entries.size() == 6);
  CHECK(back->at(1).version.format == ListFormat::kCslJson);
  CHECK(back->at(1).version.file_date == ParseDate("2025-10-01"));
  CheckSameEntries(back->at(1).entries, json.entries);
  CHECK(back->at(2).version.format == ListFormat::kOpenSanctionsCsv);
  CHECK(back->at(2).entries.size() == 2);
  CHECK(RawScalar(TestDatabase(dir, "l.db"), "SELECT count(*) FROM list_entries") == "11");
  auto versions = store.ScreeningListVersions();
  REQUIRE(versions.ok());
  CHECK(versions->size() == 3);
}

TEST_CASE("ReimportingAStoredFileIsANoOp", "[store][lists][backend]") {
  TempDir dir;
  FixedClock clock;
  std::string path = TestDatabase(dir, "l.db");
  Store store = MustOpen(path, {.create = true, .clock = &clock});
  ScreeningListFile csl = MustRead("tests/data/lists/csl.csv");
  auto first = store.ImportScreeningList(csl);
  REQUIRE(first.ok());
  // The same bytes under another file name: still the same version.
  csl.version.file_name = "copy.csv";
  auto again = store.ImportScreeningList(csl);
  REQUIRE(again.ok());
  CHECK(again->already_stored);
  CHECK(again->version.file_name == "csl.csv");  // the version as stored first
  CHECK(again->version.imported_at == first->version.imported_at);
  CHECK(RawScalar(path, "SELECT count(*) FROM list_versions") == "1");
  CHECK(RawScalar(path, "SELECT count(*) FROM list_entries") == "6");
}

TEST_CASE("RemovingAVersionDeletesItsEntriesOnly", "[store][lists][backend]") {
  TempDir dir;
  FixedClock clock;
  std::string path = TestDatabase(dir, "l.db");
  Store store = MustOpen(path, {.create = true, .clock = &clock});
  ScreeningListFile csv = MustRead("tests/data/lists/csl.csv");
  REQUIRE(store.ImportScreeningList(csv).ok());
  REQUIRE(store.ImportScreeningList(MustRead("tests/data/lists/csl.json")).ok());
  auto removed = store.RemoveScreeningList(csv.version.digest);
  REQUIRE(removed.ok());
  CHECK(removed->file_name == "csl.csv");
  auto back = store.ReadScreeningLists();
  REQUIRE(back.ok());
  REQUIRE(back->size() == 1);
  CHECK(back->front().version.format == ListFormat::kCslJson);
  CHECK(RawScalar(path, "SELECT count(*) FROM list_entries") == "3");
  auto unknown = store.RemoveScreeningList(csv.version.digest);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message().find("no stored screening list has digest") !=
        std::string::npos);
}

// SQLite only: an older SQLite schema upgraded by SQLite's migrations (PostgreSQL starts at 12).
TEST_CASE("MigrationNineKeepsTheStoredListVersion", "[store][lists]") {
  TempDir dir;
  FixedClock clock;
  std::string path = TestDatabase(dir, "l.db");
  // A database of schema version 7 with one imported version, as chipgate 7 wrote it: the list
  // tables of migration 7 in place of today's, and nothing of later migrations (the licenses
  // tables, the lines' unit value).
  MustOpen(path, {.create = true, .clock = &clock});
  std::string v7;
  for (const Migration& m : SqliteMigrations())
    if (m.version == 7) v7 = std::string(m.sql);
  REQUIRE_FALSE(v7.empty());
  RawExec(
      path,
      std::string(kUndoMigration12) +
          "DROP TABLE license_destinations; DROP TABLE license_uses; DROP TABLE licenses;"
          "DROP TABLE list_entries; ALTER TABLE shipment_lines DROP COLUMN unit_value_cents;"
          "DROP TABLE list_versions;" +
          v7 +
          "PRAGMA user_version = 7;"
          "INSERT INTO list_versions VALUES (1, 'csl', 'csl-csv', 'old.csv', 'sha256:ab', NULL, "
          "'2025-01-01T00:00:00.000Z', 1);"
          "INSERT INTO list_entries VALUES (1, 1, 'e1', 'EL', 'Entity List', 'Entity', "
          "'Old Co', '', 'CN', '', '', '2020-01-01', NULL, '', '', 2);");
  REQUIRE(RawScalar(path, "PRAGMA user_version") == "7");
  Store store = MustOpen(path, {.create = true, .clock = &clock});
  CHECK(store.schema_version() == kSchemaVersion);
  REQUIRE(store.ImportScreeningList(MustRead("tests/data/lists/csl.csv")).ok());
  auto back = store.ReadScreeningLists();
  REQUIRE(back.ok());
  REQUIRE(back->size() == 2);  // the old version stays next to the new one
  CHECK(back->at(0).version.file_name == "old.csv");
  REQUIRE(back->at(0).entries.size() == 1);
  CHECK(back->at(0).entries[0].name == "Old Co");
  CHECK(back->at(0).entries[0].start_date == ParseDate("2020-01-01"));
}

// SQLite only: the failure is planted with a SQLite trigger (on PostgreSQL any failed statement
// aborts the whole transaction, so the same import writes nothing there either).
TEST_CASE("AFailedImportKeepsThePreviousVersion", "[store][lists]") {
  TempDir dir;
  FixedClock clock;
  std::string path = TestDatabase(dir, "l.db");
  Store store = MustOpen(path, {.create = true, .clock = &clock});
  REQUIRE(store.ImportScreeningList(MustRead("tests/data/lists/csl.csv")).ok());
  // A trigger makes the third entry's insert fail, half-way through the new version.
  RawExec(path,
          "CREATE TRIGGER t BEFORE INSERT ON list_entries WHEN NEW.seq = 3 BEGIN SELECT "
          "RAISE(ABORT, 'planted failure'); END");
  auto failed = store.ImportScreeningList(MustRead("tests/data/lists/csl.json"));
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.status().message().find("planted failure") != std::string::npos);
  auto back = store.ReadScreeningLists();
  REQUIRE(back.ok());
  REQUIRE(back->size() == 1);
  CHECK(back->front().version.format == ListFormat::kCslCsv);
  CHECK(back->front().entries.size() == 6);
}

}  // namespace chipgate::testing
