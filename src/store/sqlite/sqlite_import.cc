// SqliteBackend's statements for re-imports (src/store/importer.cc decides with them): each
// imported table's stored row as one text (a JSON array of its columns) to compare before and
// after a write, the upserts of shipments and their lines, and clearing a table for `--replace`.
#include "store/sqlite/sqlite_backend.h"

namespace chipgate {
namespace {

// The attribute columns in kPartAttributes order (checked at compile time, as in
// sqlite_inventory.cc).
#define CHIPGATE_IMPORT_PART_ATTRIBUTES                                               \
  "type, tpp, die_area_mm2, datacenter, io_bandwidth_gbs, memory_bandwidth_density, " \
  "dram_bandwidth_gbs, producer"
static_assert(ListsColumns(CHIPGATE_IMPORT_PART_ATTRIBUTES));

// Steps a statement whose parameters are bound: its one text column, nullopt without a row.
Result<std::optional<std::string>> OneText(sql::Stmt& st) {
  Status s;
  bool found = st.Step(s);
  std::optional<std::string> out;
  if (found) out = st.Text(0);
  st.Reset();
  if (!s.ok()) return s;
  return out;
}

}  // namespace

Result<std::optional<std::string>> SqliteBackend::ReadImportedRow(ImportTable table,
                                                                  const std::string& key,
                                                                  const std::string& second) {
  Result<sql::Stmt*> st = Status::Error("no stored row text for this table");
  switch (table) {
    case ImportTable::kParts:
      st = Cached(
          "SELECT json_array(description, declared_eccn, source, bom_complete, "
          "" CHIPGATE_IMPORT_PART_ATTRIBUTES ") FROM parts WHERE part_number = ?1");
      break;
    case ImportTable::kComponents:
      st = Cached(
          "SELECT json_array(quantity) FROM part_components WHERE parent = ?1 AND child = ?2");
      break;
    case ImportTable::kParties:
      // The names in key order: the same names read back give the same text.
      st = Cached(
          "SELECT json_array(p.name, p.country, p.headquarters, p.parent, p.parent_headquarters, "
          "p.note, (SELECT json_group_array(json_array(n.key, n.name, n.alias)) FROM (SELECT key, "
          "name, alias FROM party_names WHERE party = p.id ORDER BY key) AS n)) FROM parties AS p "
          "WHERE p.party_id = ?1");
      break;
    case ImportTable::kShipments:
      st = Cached(
          "SELECT json_array(date, consignee, consignee_country, end_user, end_user_country, "
          "end_user_headquarters, consignee_id, end_user_id, end_use) FROM shipments WHERE id = "
          "?1");
      break;
    case ImportTable::kShipmentLines:
      st = Cached(
          "SELECT json_array(part_number, quantity, license, unit_value_cents) FROM "
          "shipment_lines WHERE shipment_id = ?1 AND line = CAST(?2 AS INTEGER)");
      break;
    case ImportTable::kOwnership:
    case ImportTable::kLicenses:
      break;
  }
  if (!st.ok()) return st.status();
  sql::Stmt& stmt = *st.value();
  stmt.Bind(1, key);
  if (table == ImportTable::kComponents || table == ImportTable::kShipmentLines)
    stmt.Bind(2, second);
  return OneText(stmt);
}

// By id: the shipment's columns are set to the file's (consignee_id and end_user_id must name
// parties of the master, as on insert).
Status SqliteBackend::UpsertShipment(const ShipmentImportRow& row) {
  auto cached = Cached(
      "INSERT INTO shipments (id, date, consignee, consignee_country, end_user, "
      "end_user_country, end_user_headquarters, consignee_id, end_user_id, end_use) VALUES (?1, "
      "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(id) DO UPDATE SET (date, consignee, "
      "consignee_country, end_user, end_user_country, end_user_headquarters, consignee_id, "
      "end_user_id, end_use) = (excluded.date, excluded.consignee, excluded.consignee_country, "
      "excluded.end_user, excluded.end_user_country, excluded.end_user_headquarters, "
      "excluded.consignee_id, excluded.end_user_id, excluded.end_use)");
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  st.Bind(1, row.id).Bind(2, row.date).Bind(3, row.consignee).Bind(4, row.consignee_country);
  st.Bind(5, row.end_user).Bind(6, row.end_user_country);
  st.BindTextOrNull(7, row.end_user_headquarters).BindTextOrNull(8, row.consignee_id);
  st.BindTextOrNull(9, row.end_user_id).BindTextOrNull(10, row.end_use);
  return st.Run();
}

Status SqliteBackend::UpsertShipmentLine(const ShipmentLineImportRow& row) {
  auto cached = Cached(
      "INSERT INTO shipment_lines (shipment_id, line, part_number, quantity, license, "
      "unit_value_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(shipment_id, line) DO "
      "UPDATE SET (part_number, quantity, license, unit_value_cents) = (excluded.part_number, "
      "excluded.quantity, excluded.license, excluded.unit_value_cents)");
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  st.Bind(1, row.shipment_id).Bind(2, row.line).Bind(3, row.part_number).Bind(4, row.quantity);
  st.BindTextOrNull(5, row.license);
  row.unit_value ? st.Bind(6, *row.unit_value) : st.BindNull(6);
  return st.Run();
}

Result<int64_t> SqliteBackend::DeleteShipmentLinesAfter(const std::string& shipment_id,
                                                        int64_t last_line) {
  auto st = Cached("DELETE FROM shipment_lines WHERE shipment_id = ?1 AND line > ?2");
  if (!st.ok()) return st.status();
  if (Status s = st.value()->Bind(1, shipment_id).Bind(2, last_line).Run(); !s.ok()) return s;
  return int64_t{sqlite3_changes(db_.raw())};
}

Result<int64_t> SqliteBackend::CountLicenseUses(const std::string& shipment_id) {
  auto st = Cached("SELECT count(*) FROM license_uses WHERE shipment_id = ?1");
  if (!st.ok()) return st.status();
  st.value()->Bind(1, shipment_id);
  Status s;
  int64_t n = st.value()->Step(s) ? st.value()->Int(0) : 0;
  st.value()->Reset();
  if (!s.ok()) return s;
  return n;
}

// A table's rows with what depends on them only through ON DELETE CASCADE (a part's bill of
// materials, a shipment's lines, a party's names and ownership rows). A row another table refers
// to without a cascade (a part on a shipment line, a license or line with a license use, a party
// named by a shipment or owning another) makes the delete fail: nothing is deleted.
Result<int64_t> SqliteBackend::ClearImportTable(ImportTable table) {
  Status s;
  switch (table) {
    case ImportTable::kParts:
      s = db_.Exec("DELETE FROM parts");
      break;
    case ImportTable::kComponents:
      s = db_.Exec("DELETE FROM part_components");
      break;
    case ImportTable::kParties:
      s = db_.Exec("DELETE FROM parties");
      break;
    case ImportTable::kOwnership:
      s = db_.Exec("DELETE FROM ownership");
      break;
    case ImportTable::kLicenses: {
      // A license's destinations go with it; they are the license's own rows.
      auto before = CountRows(table);
      if (!before.ok()) return before.status();
      s = db_.Exec(
          "SAVEPOINT chipgate_clear_licenses; DELETE FROM license_destinations; DELETE FROM "
          "licenses; RELEASE chipgate_clear_licenses");
      if (!s.ok()) {
        (void)db_.Exec("ROLLBACK TO chipgate_clear_licenses; RELEASE chipgate_clear_licenses");
        return s;
      }
      return before.value();
    }
    case ImportTable::kShipments:
      s = db_.Exec("DELETE FROM shipments");
      break;
    case ImportTable::kShipmentLines:
      s = db_.Exec("DELETE FROM shipment_lines");
      break;
  }
  if (!s.ok()) return s;
  return int64_t{sqlite3_changes(db_.raw())};
}

Result<int64_t> SqliteBackend::CountRows(ImportTable table) {
  Result<sql::Stmt*> st = Status::Error("no such table");
  switch (table) {
    case ImportTable::kParts:
      st = Cached("SELECT count(*) FROM parts");
      break;
    case ImportTable::kComponents:
      st = Cached("SELECT count(*) FROM part_components");
      break;
    case ImportTable::kParties:
      st = Cached("SELECT count(*) FROM parties");
      break;
    case ImportTable::kOwnership:
      st = Cached("SELECT count(*) FROM ownership");
      break;
    case ImportTable::kLicenses:
      st = Cached("SELECT count(*) FROM licenses");
      break;
    case ImportTable::kShipments:
      st = Cached("SELECT count(*) FROM shipments");
      break;
    case ImportTable::kShipmentLines:
      st = Cached("SELECT count(*) FROM shipment_lines");
      break;
  }
  if (!st.ok()) return st.status();
  Status s;
  int64_t n = st.value()->Step(s) ? st.value()->Int(0) : 0;
  st.value()->Reset();
  if (!s.ok()) return s;
  return n;
}

#undef CHIPGATE_IMPORT_PART_ATTRIBUTES

}  // namespace chipgate
