// Re-importing CSV files (docs/db-schema.md, "Re-importing"): each row is compared with the row
// stored under its key and counted as added, updated or unchanged; `--replace` clears the files'
// tables first; column names are mapped with --map; a header or a cell with a common mistake
// gets a hint; progress is reported with the file's number of rows.
#include <catch2/catch.hpp>

#include "chipgate/store.h"
#include "support/open_store.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kParts =
    "part_number,description,type,tpp\n"
    "GPU-1,accelerator,ic,15832\n"
    "NIC-1,network card,other,\n"
    "SRV-1,server,computer,\n";

const char* kShipHeader =
    "shipment_id,date,consignee,consignee_country,end_user,end_user_country,part_number,quantity,"
    "license\n";

const char* kShipments =
    "S1,2024-06-01,Acme,SG,Acme,SG,GPU-1,8,D1234567\n"
    "S1,2024-06-01,Acme,SG,Acme,SG,NIC-1,2,\n"
    "S2,2023-01-01,Beta,DE,,,SRV-1,1,\n";

// The counts of `table` in `r` (REQUIREd present).
ImportCounts CountsOf(const ImportResult& r, ImportTable table) {
  for (const ImportCounts& c : r.tables)
    if (c.table == table) return c;
  FAIL("no counts for " << ImportTableName(table));
  return {};
}

ImportResult MustImport(Store& store, const ImportFiles& files, const ImportOptions& options = {}) {
  ImportResult r = store.Import(files, options);
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.diagnostics.empty());
  return r;
}

std::vector<StoredShipment> Shipments(const Store& store) {
  std::vector<StoredShipment> out;
  REQUIRE(store
              .ForEachShipment([&](const StoredShipment& s) {
                out.push_back(s);
                return true;
              })
              .ok());
  return out;
}

}  // namespace

TEST_CASE("ReImportingTheSameShipmentsIsUnchangedNotAnError", "[store][import][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  ImportFiles files;
  files.parts = dir.Write("p.csv", kParts);
  files.shipments = dir.Write("s.csv", std::string(kShipHeader) + kShipments);
  ImportResult first = MustImport(store, files);
  CHECK(CountsOf(first, ImportTable::kParts).added == 3);
  CHECK(CountsOf(first, ImportTable::kShipments).added == 2);
  CHECK(CountsOf(first, ImportTable::kShipmentLines).added == 3);
  ImportResult again = MustImport(store, files);
  ImportCounts parts = CountsOf(again, ImportTable::kParts);
  CHECK(parts.unchanged == 3);
  CHECK(parts.added + parts.updated + parts.removed == 0);
  ImportCounts ships = CountsOf(again, ImportTable::kShipments);
  CHECK(ships.unchanged == 2);
  CHECK(ships.added + ships.updated + ships.removed == 0);
  ImportCounts lines = CountsOf(again, ImportTable::kShipmentLines);
  CHECK(lines.unchanged == 3);
  CHECK(lines.added + lines.updated + lines.removed == 0);
  // In import order, one entry per table of the files given.
  REQUIRE(again.tables.size() == 3);
  CHECK(again.tables[0].table == ImportTable::kParts);
  CHECK(again.tables[2].table == ImportTable::kShipmentLines);
  CHECK(Shipments(store).size() == 2);
}

TEST_CASE("AChangedRowIsUpdatedAndANewOneAdded", "[store][import][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  ImportFiles files;
  files.parts = dir.Write("p.csv", kParts);
  files.shipments = dir.Write("s.csv", std::string(kShipHeader) + kShipments);
  MustImport(store, files);
  // GPU-1's tpp changes, NIC-1 stays, SRV-1 is not in the file (kept), MEM-1 is new.
  files.parts = dir.Write("p2.csv",
                          "part_number,description,type,tpp\n"
                          "GPU-1,accelerator,ic,4000\n"
                          "NIC-1,network card,other,\n"
                          "MEM-1,memory,memory,\n");
  // S1's second line changes quantity; S2's consignee changes; S3 is new.
  files.shipments = dir.Write("s2.csv", std::string(kShipHeader) +
                                            "S1,2024-06-01,Acme,SG,Acme,SG,GPU-1,8,D1234567\n"
                                            "S1,2024-06-01,Acme,SG,Acme,SG,NIC-1,3,\n"
                                            "S2,2023-01-01,Gamma,DE,,,SRV-1,1,\n"
                                            "S3,2023-02-01,Gamma,DE,,,MEM-1,5,\n");
  ImportResult r = MustImport(store, files);
  ImportCounts parts = CountsOf(r, ImportTable::kParts);
  CHECK(parts.added == 1);
  CHECK(parts.updated == 1);
  CHECK(parts.unchanged == 1);
  ImportCounts ships = CountsOf(r, ImportTable::kShipments);
  CHECK(ships.added == 1);
  CHECK(ships.updated == 1);
  CHECK(ships.unchanged == 1);
  ImportCounts lines = CountsOf(r, ImportTable::kShipmentLines);
  CHECK(lines.added == 1);
  CHECK(lines.updated == 2);  // S1 line 2, and S2's line with its shipment
  CHECK(lines.unchanged == 1);
  auto gpu = store.LookupPart("GPU-1");
  REQUIRE(gpu.ok());
  REQUIRE(gpu.value());
  CHECK(store.LookupPart("SRV-1").value().has_value());  // incremental: nothing removed
  auto stored = Shipments(store);
  REQUIRE(stored.size() == 3);
  CHECK(stored[0].id == "S2");
  CHECK(stored[0].consignee.name == "Gamma");
  CHECK(stored[2].id == "S1");
  CHECK(stored[2].lines[1].quantity == 3);

  // A shipment listed with fewer lines loses the others: the file has the whole shipment.
  files.parts.clear();
  files.shipments = dir.Write(
      "s3.csv", std::string(kShipHeader) + "S1,2024-06-01,Acme,SG,Acme,SG,GPU-1,8,D1234567\n");
  ImportResult fewer = MustImport(store, files);
  CHECK(CountsOf(fewer, ImportTable::kShipmentLines).unchanged == 1);
  CHECK(CountsOf(fewer, ImportTable::kShipmentLines).removed == 1);
  CHECK(Shipments(store)[2].lines.size() == 1);
}

TEST_CASE("ReplaceClearsTheFilesTablesFirst", "[store][import][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  ImportFiles files;
  files.parts = dir.Write("p.csv", kParts);
  MustImport(store, files);
  files.parts = dir.Write("p2.csv", "part_number,type\nGPU-1,ic\n");
  ImportResult r = MustImport(store, files, ImportOptions{.replace = true});
  ImportCounts parts = CountsOf(r, ImportTable::kParts);
  CHECK(parts.removed == 3);
  CHECK(parts.added == 1);
  CHECK_FALSE(store.LookupPart("NIC-1").value().has_value());
  CHECK(store.LookupPart("GPU-1").value().has_value());

  // Parts that recorded shipments name cannot be cleared: refused, nothing written.
  files.shipments =
      dir.Write("s.csv", std::string(kShipHeader) + "S9,2024-06-01,Acme,SG,Acme,SG,GPU-1,1,\n");
  MustImport(store, files);
  files.shipments.clear();
  files.parts = dir.Write("p3.csv", "part_number,type\nGPU-1,ic\nNEW-1,ic\n");
  ImportResult refused = store.Import(files, ImportOptions{.replace = true});
  REQUIRE(refused.diagnostics.size() == 1);
  CHECK(refused.diagnostics[0].code == "E607");
  CHECK(refused.diagnostics[0].message.find("shipment lines name parts") != std::string::npos);
  CHECK(refused.tables.empty());
  CHECK_FALSE(store.LookupPart("NEW-1").value().has_value());
  // Parts and shipments replaced together: the shipments are cleared first.
  files.shipments =
      dir.Write("s2.csv", std::string(kShipHeader) + "S8,2024-06-01,Acme,SG,Acme,SG,NEW-1,1,\n");
  ImportResult both = MustImport(store, files, ImportOptions{.replace = true});
  CHECK(CountsOf(both, ImportTable::kShipments).removed == 1);
  CHECK(CountsOf(both, ImportTable::kShipmentLines).removed == 1);
  CHECK(CountsOf(both, ImportTable::kParts).added == 2);
  auto stored = Shipments(store);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].id == "S8");
}

TEST_CASE("ReImportedPartiesOwnershipComponentsAndLicensesAreUnchanged",
          "[store][import][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  ImportFiles files;
  files.parts = dir.Write("p.csv", kParts);
  files.components = dir.Write("c.csv", "parent,child,quantity\nSRV-1,GPU-1,8\nSRV-1,NIC-1,2\n");
  files.parties = dir.Write("pa.csv",
                            "party_id,name,aliases,country,headquarters\n"
                            "C-1,Acme Cloud,Acme;ACME Pte,SG,\n"
                            "C-2,Beta Holdings,,CN,CN\n");
  files.ownership = dir.Write("o.csv", "party,owner,share\nC-1,C-2,60\nC-1,Someone Else,40\n");
  files.licenses = dir.Write(
      "l.csv",
      "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
      "valid_until,conditions\n"
      "D2000000,3A090.a,SG,,,,,2025-01-01,2025-12-31,\n");
  MustImport(store, files);
  ImportResult again = MustImport(store, files);
  for (ImportTable t : {ImportTable::kParts, ImportTable::kComponents, ImportTable::kParties,
                        ImportTable::kOwnership, ImportTable::kLicenses}) {
    INFO(ImportTableName(t));
    ImportCounts c = CountsOf(again, t);
    CHECK(c.added + c.updated + c.removed == 0);
    CHECK(c.unchanged > 0);
  }
  CHECK(CountsOf(again, ImportTable::kOwnership).unchanged == 2);
  // A changed alias, share and quantity are updates.
  files.components = dir.Write("c2.csv", "parent,child,quantity\nSRV-1,GPU-1,4\n");
  files.parties = dir.Write("pa2.csv",
                            "party_id,name,aliases,country,headquarters\n"
                            "C-1,Acme Cloud,Acme,SG,\n"
                            "C-2,Beta Holdings,,CN,CN\n");
  files.ownership = dir.Write("o2.csv", "party,owner,share\nC-1,C-2,70\n");
  files.licenses.clear();
  ImportResult changed = MustImport(store, files);
  CHECK(CountsOf(changed, ImportTable::kComponents).updated == 1);
  CHECK(CountsOf(changed, ImportTable::kParties).updated == 1);
  CHECK(CountsOf(changed, ImportTable::kParties).unchanged == 1);
  CHECK(CountsOf(changed, ImportTable::kOwnership).updated == 1);
  // A license is amended by no import: other terms under a stored number are refused.
  ImportFiles lic;
  lic.licenses = dir.Write(
      "l2.csv",
      "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
      "valid_until,conditions\n"
      "D2000000,3A090.a,SG,,,,,2025-01-01,2026-12-31,\n");
  auto refused = store.Import(lic, {});
  REQUIRE(refused.diagnostics.size() == 1);
  CHECK(refused.diagnostics[0].code == "E603");
  CHECK(refused.diagnostics[0].message.find("already stored with other terms") !=
        std::string::npos);
}

TEST_CASE("MapRenamesColumnsBeforeTheyAreRead", "[store][import][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  ImportFiles files;
  files.parts = dir.Write("p.csv", "Part No,Typ,tpp\nGPU-1,ic,15832\n");
  ImportOptions options{.column_map = {{"Part No", "part_number"}, {"Typ", "type"}}};
  ImportResult r = MustImport(store, files, options);
  CHECK(CountsOf(r, ImportTable::kParts).added == 1);
  auto gpu = store.LookupPart("GPU-1");
  REQUIRE(gpu.value().has_value());
  CHECK(gpu.value()->specs.size() == 2);  // type and tpp
  // A target no file has is an error, as is renaming onto a column the header has.
  auto unknown = store.Import(files, ImportOptions{.column_map = {{"Part No", "partnumber"}}});
  REQUIRE(unknown.diagnostics.size() == 1);
  CHECK(unknown.diagnostics[0].code == "E608");
  CHECK(unknown.diagnostics[0].message.find("`partnumber` is not a column") != std::string::npos);
  files.parts = dir.Write("p2.csv", "Part No,part_number\nA,B\n");
  auto onto = store.Import(files, ImportOptions{.column_map = {{"Part No", "part_number"}}});
  REQUIRE_FALSE(onto.diagnostics.empty());
  CHECK(onto.diagnostics[0].code == "E608");
}

TEST_CASE("CommonMistakesGetAHint", "[store][import][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  ImportFiles files;
  SECTION("a file separated by semicolons") {
    files.parts = dir.Write("p.csv", "part_number;type\nGPU-1;ic\n");
    auto r = store.Import(files, {});
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "E602");
    CHECK(r.diagnostics[0].message.find("separated by `;`, not `,`") != std::string::npos);
  }
  SECTION("a value in the wrong case") {
    files.parts = dir.Write("p.csv", "part_number,type\nGPU-1,IC\n");
    auto r = store.Import(files, {});
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "E601");
    CHECK(r.diagnostics[0].message.find("did you mean `ic`?") != std::string::npos);
  }
  SECTION("a header in another language") {
    files.parts = dir.Write("p.csv", "Teilenummer,Typ\nGPU-1,ic\n");
    auto r = store.Import(files, {});
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("names none of the expected columns (part_number, ") !=
          std::string::npos);
    CHECK(r.diagnostics[0].message.find("--map") != std::string::npos);
  }
  SECTION("a header naming a known column gets no language hint") {
    files.parts = dir.Write("p.csv", "type,Teilenummer\nic,GPU-1\n");
    auto r = store.Import(files, {});
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "missing required column `part_number`");
  }
}

TEST_CASE("ImportReportsProgressWithTheFilesRows", "[store][import][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "i.db"));
  ImportFiles files;
  files.parts = dir.Write("p.csv", kParts);
  files.shipments = dir.Write("s.csv", std::string(kShipHeader) + kShipments);
  std::vector<std::tuple<ImportTable, int64_t, int64_t>> calls;
  ImportOptions options;
  options.progress = [&](ImportTable t, int64_t done, int64_t total) {
    calls.emplace_back(t, done, total);
  };
  MustImport(store, files, options);
  REQUIRE(calls.size() == 6);
  CHECK(calls[0] == std::make_tuple(ImportTable::kParts, int64_t{1}, int64_t{3}));
  CHECK(calls[2] == std::make_tuple(ImportTable::kParts, int64_t{3}, int64_t{3}));
  CHECK(calls[5] == std::make_tuple(ImportTable::kShipments, int64_t{3}, int64_t{3}));
}

}  // namespace chipgate::testing
