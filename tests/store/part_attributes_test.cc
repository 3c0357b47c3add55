// The table of part attribute columns (store/part_attributes.h): it names exactly the attribute
// columns the migrations create, every row of it is imported, validated and read back as the
// named attribute, and a `parts` column that is in neither list is reported, not ignored.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "chipgate/store.h"
#include "store/part_attributes.h"
#include "support/open_store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// A valid cell for each kind, and the attribute text it reads back as.
std::pair<std::string, std::string> GoodValue(const PartAttribute& a) {
  switch (a.kind) {
    case AttributeKind::kText:
      return {std::string(a.values.back()), std::string(a.values.back())};
    case AttributeKind::kFreeText:
      return {"Huawei Technologies", "Huawei Technologies"};
    case AttributeKind::kNonNegative:
      return {"0", "0"};
    case AttributeKind::kPositive:
      return {"12.5", "12.5"};
    case AttributeKind::kFlag:
      return {"true", "true"};
  }
  return {};
}

// A cell the importer must refuse for this kind, and the message it gives.
std::pair<std::string, std::string> BadValue(const PartAttribute& a) {
  switch (a.kind) {
    case AttributeKind::kText:
      return {"gpu", "is not one of"};
    case AttributeKind::kFreeText:
      return {"Huawei\tTechnologies", "must not contain control characters"};
    case AttributeKind::kNonNegative:
      return {"-1", "must be zero or more"};
    case AttributeKind::kPositive:
      return {"0", "must be greater than zero"};
    case AttributeKind::kFlag:
      return {"yes", "must be true or false"};
  }
  return {};
}

}  // namespace

// The compile-time checks the SQLite statements' column lists are held to.
static_assert(
    ListsColumns("type, tpp, die_area_mm2, datacenter, io_bandwidth_gbs, memory_bandwidth_density, "
                 "dram_bandwidth_gbs, producer"));
static_assert(!ListsColumns("type, tpp, die_area_mm2"));  // a column left out
static_assert(!ListsColumns(
    "tpp, type, die_area_mm2, datacenter, io_bandwidth_gbs, memory_bandwidth_density, "
    "dram_bandwidth_gbs, producer"));  // out of order
static_assert(!ListsColumns(
    "type, tpp, die_area_mm2, datacenter, io_bandwidth_gbs, memory_bandwidth_density, "
    "dram_bandwidth_gbs, producer, hbm_gb"));  // one the table lacks
static_assert(ListsParameters("?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13", 6));
static_assert(!ListsParameters("?6, ?7, ?8, ?9, ?10, ?11, ?12", 6));
static_assert(!ListsParameters("?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14", 6));

// SQLite only: it reads SQLite's catalog (pragma_table_info); PostgreSQL's columns are compared
// with SQLite's by PgSchemaHasSqlitesTablesColumnsNullabilityAndKeys.
TEST_CASE("PartsColumnsAreExactlyTheAttributeTableAndTheOtherColumns", "[store]") {
  TempDir dir;
  std::string path = dir.path() + "/p.db";
  MustOpen(path);
  std::vector<std::string> have =
      RawColumn(path, "SELECT name FROM pragma_table_info('parts') ORDER BY name");
  std::set<std::string> want(std::begin(kPartOtherColumns), std::end(kPartOtherColumns));
  for (const PartAttribute& a : kPartAttributes) CHECK(want.emplace(a.column).second);
  CHECK(std::set<std::string>(have.begin(), have.end()) == want);
  CHECK(have.size() == want.size());
}

TEST_CASE("EveryAttributeColumnIsImportedAndReadBackAsItsAttribute", "[store][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "a.db"));
  std::string header = "part_number", row = "P-1", empty = "P-2";
  std::map<std::string, std::string> want;
  for (const PartAttribute& a : kPartAttributes) {
    auto [cell, text] = GoodValue(a);
    header += "," + std::string(a.column);
    row += "," + cell;
    empty += ",";
    want[std::string(a.attribute)] = text;
  }
  auto diags =
      store.Import({dir.Write("p.csv", header + "\n" + row + "\n" + empty + "\n"), "", "", ""});
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
  auto specs_of = [](const ItemFacts& item) {
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : item.specs) out[name] = value.Text();
    return out;
  };
  auto looked = store.LookupPart("P-1");
  REQUIRE(looked.ok());
  REQUIRE(looked.value().has_value());
  CHECK(specs_of(*looked.value()) == want);
  // The streamed read gives the same, and a part with empty cells has every attribute unknown.
  std::map<std::string, std::map<std::string, std::string>> streamed;
  REQUIRE(store
              .ForEachPartWithData(
                  [&](const std::string& p, const std::string&, const ItemFacts& item) {
                    streamed[p] = specs_of(item);
                    return true;
                  })
              .ok());
  CHECK(streamed["P-1"] == want);
  CHECK(streamed["P-2"].empty());
}

TEST_CASE("EveryAttributeColumnIsValidatedByItsKind", "[store][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "v.db"));
  for (const PartAttribute& a : kPartAttributes) {
    auto [cell, message] = BadValue(a);
    std::string column(a.column);
    INFO(column);
    auto diags = store.Import(
        {dir.Write(column + ".csv", "part_number," + column + "\nP-1," + cell + "\n"), "", "", ""});
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "E601");
    CHECK(diags[0].message.starts_with("column `" + column + "`: `" + cell + "` " + message));
  }
  CHECK_FALSE(store.LookupPart("P-1").value().has_value());
}

TEST_CASE("APartsColumnChipgateDoesNotKnowIsReported", "[store][backend]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "u.db");
  MustOpen(path);
  // As someone adding an attribute by hand: its values would never reach the rules.
  RawExec(path, "ALTER TABLE parts ADD COLUMN hbm_gb REAL");
  auto s = Store::Open(path, StoreOptions{.read_only = true});
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message() ==
        "database `" + path +
            "`: column(s) `hbm_gb` of table `parts` are not ones chipgate reads (their values "
            "would be ignored); it was changed by hand");
  RunResult r = RunChipgate({"audit", "--db", path, "--no-record"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("`hbm_gb` of table `parts`") != std::string::npos);
}

TEST_CASE("AMissingAttributeColumnIsReported", "[store][backend]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "m.db");
  MustOpen(path);
  RawExec(path, "ALTER TABLE parts DROP COLUMN dram_bandwidth_gbs");
  auto s = Store::Open(path);
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message() == "database `" + path +
                                    "` is missing column(s) `dram_bandwidth_gbs` of table "
                                    "`parts`; it is damaged or was changed by hand");
}

}  // namespace chipgate::testing
