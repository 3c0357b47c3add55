// SqliteBackend: copying whole tables (store/backend.h, TableCopyBackend; `chipgate db migrate`).
// Each table's statements name the columns of CopyColumns(table) in their order.
#include <sqlite3.h>

#include "store/copy_tables.h"
#include "store/sqlite/sqlite_backend.h"

namespace chipgate {
namespace {

struct CopyStatements {
  sql::SqlText select, insert, count;
};

CopyStatements StatementsOf(CopyTable table) {
  switch (table) {
    case CopyTable::kParts:
      return {
          "SELECT part_number, description, declared_eccn, type, tpp, die_area_mm2, datacenter, "
          "io_bandwidth_gbs, memory_bandwidth_density, dram_bandwidth_gbs, source, bom_complete, "
          "producer FROM parts ORDER BY part_number",
          "INSERT INTO parts (part_number, description, declared_eccn, type, tpp, die_area_mm2, "
          "datacenter, io_bandwidth_gbs, memory_bandwidth_density, dram_bandwidth_gbs, source, "
          "bom_complete, producer) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
          "SELECT count(*) FROM parts"};
    case CopyTable::kPartComponents:
      return {"SELECT parent, child, quantity FROM part_components ORDER BY parent, child",
              "INSERT INTO part_components (parent, child, quantity) VALUES (?1, ?2, ?3)",
              "SELECT count(*) FROM part_components"};
    case CopyTable::kParties:
      return {
          "SELECT id, party_id, name, country, headquarters, parent, parent_headquarters, note "
          "FROM parties ORDER BY id",
          "INSERT INTO parties (id, party_id, name, country, headquarters, parent, "
          "parent_headquarters, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          "SELECT count(*) FROM parties"};
    case CopyTable::kPartyNames:
      return {"SELECT key, party, name, alias FROM party_names ORDER BY key",
              "INSERT INTO party_names (key, party, name, alias) VALUES (?1, ?2, ?3, ?4)",
              "SELECT count(*) FROM party_names"};
    case CopyTable::kOwnership:
      return {
          "SELECT party, party_name, party_key, owner, owner_name, share FROM ownership ORDER BY "
          "rowid",
          "INSERT INTO ownership (party, party_name, party_key, owner, owner_name, share) VALUES "
          "(?1, ?2, ?3, ?4, ?5, ?6)",
          "SELECT count(*) FROM ownership"};
    case CopyTable::kShipments:
      return {
          "SELECT id, date, consignee, consignee_country, end_user, end_user_country, "
          "end_user_headquarters, consignee_id, end_user_id, end_use FROM shipments ORDER BY id",
          "INSERT INTO shipments (id, date, consignee, consignee_country, end_user, "
          "end_user_country, end_user_headquarters, consignee_id, end_user_id, end_use) VALUES "
          "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
          "SELECT count(*) FROM shipments"};
    case CopyTable::kShipmentLines:
      return {
          "SELECT shipment_id, line, part_number, quantity, license, unit_value_cents FROM "
          "shipment_lines ORDER BY shipment_id, line",
          "INSERT INTO shipment_lines (shipment_id, line, part_number, quantity, license, "
          "unit_value_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
          "SELECT count(*) FROM shipment_lines"};
    case CopyTable::kLicenses:
      return {
          "SELECT id, number, classes, destinations, consignee, end_user, quantity, value_cents, "
          "valid_from, valid_until, conditions, line FROM licenses ORDER BY id",
          "INSERT INTO licenses (id, number, classes, destinations, consignee, end_user, quantity, "
          "value_cents, valid_from, valid_until, conditions, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
          "?7, ?8, ?9, ?10, ?11, ?12)",
          "SELECT count(*) FROM licenses"};
    case CopyTable::kLicenseDestinations:
      return {"SELECT destination, license FROM license_destinations ORDER BY destination, license",
              "INSERT INTO license_destinations (destination, license) VALUES (?1, ?2)",
              "SELECT count(*) FROM license_destinations"};
    case CopyTable::kLicenseUses:
      return {
          "SELECT license, shipment_id, line, date, quantity, value_cents FROM license_uses ORDER "
          "BY shipment_id, line",
          "INSERT INTO license_uses (license, shipment_id, line, date, quantity, value_cents) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
          "SELECT count(*) FROM license_uses"};
    case CopyTable::kListVersions:
      return {
          "SELECT id, source_set, format, file_name, digest, file_date, imported_at, entries FROM "
          "list_versions ORDER BY id",
          "INSERT INTO list_versions (id, source_set, format, file_name, digest, file_date, "
          "imported_at, entries) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          "SELECT count(*) FROM list_versions"};
    case CopyTable::kListEntries:
      return {
          "SELECT version, seq, entry_id, list, source, type, name, aliases, countries, programs, "
          "federal_register_notice, start_date, end_date, license_requirement, license_policy, "
          "line FROM list_entries ORDER BY version, seq",
          "INSERT INTO list_entries (version, seq, entry_id, list, source, type, name, aliases, "
          "countries, programs, federal_register_notice, start_date, end_date, "
          "license_requirement, license_policy, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
          "?10, ?11, ?12, ?13, ?14, ?15, ?16)",
          "SELECT count(*) FROM list_entries"};
    case CopyTable::kAuditRuns:
      return {
          "SELECT id, started, actor, date, compare_date, pack_digest, parts, shipments, findings, "
          "findings_digest FROM audit_runs ORDER BY id",
          "INSERT INTO audit_runs (id, started, actor, date, compare_date, pack_digest, parts, "
          "shipments, findings, findings_digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
          "SELECT count(*) FROM audit_runs"};
    case CopyTable::kAuditFindings:
      return {
          "SELECT run_id, seq, kind, severity, part_number, shipment_id, line, declared, computed, "
          "reasons, license, facts_digest FROM audit_findings ORDER BY run_id, seq",
          "INSERT INTO audit_findings (run_id, seq, kind, severity, part_number, shipment_id, "
          "line, declared, computed, reasons, license, facts_digest) VALUES (?1, ?2, ?3, ?4, ?5, "
          "?6, ?7, ?8, ?9, ?10, ?11, ?12)",
          "SELECT count(*) FROM audit_findings"};
    case CopyTable::kAuditLog:
      return {
          "SELECT seq, ts, actor, command, subject, input_digest, decision, classes, reasons, "
          "pack_digest, prev_hash, hash, format, facts_digest, run FROM audit_log ORDER BY seq",
          "INSERT INTO audit_log (seq, ts, actor, command, subject, input_digest, decision, "
          "classes, reasons, pack_digest, prev_hash, hash, format, facts_digest, run) VALUES (?1, "
          "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
          "SELECT count(*) FROM audit_log"};
  }
  return {"SELECT 1 WHERE 0", "SELECT 1 WHERE 0", "SELECT 0"};
}

}  // namespace

// Prepared per call: fn may run other statements (on other connections) meanwhile, and a table
// is read once per copy.
Status SqliteBackend::ForEachTableRow(CopyTable table,
                                      const std::function<bool(const CopyRow&)>& fn) {
  auto q = db_.Prepare(StatementsOf(table).select);
  if (!q.ok()) return q.status();
  std::span<const CopyColumn> columns = CopyColumns(table);
  CopyRow row(columns.size());
  Status st;
  while (q->Step(st)) {
    for (size_t c = 0; c < columns.size(); ++c) {
      Cell& cell = row[c];
      int col = static_cast<int>(c);
      cell.null = q->IsNull(col);
      if (cell.null) continue;
      switch (columns[c].kind) {
        case CellKind::kInt:
          cell.i = q->Int(col);
          break;
        case CellKind::kReal:
          cell.d = q->Double(col);
          break;
        case CellKind::kText:
          cell.t = q->Text(col);
          break;
      }
    }
    if (!fn(row)) return Status::Ok();
  }
  return st;
}

Status SqliteBackend::InsertTableRow(CopyTable table, const CopyRow& row) {
  std::span<const CopyColumn> columns = CopyColumns(table);
  if (row.size() != columns.size())
    return Status::Error("a row of `" + std::string(CopyTableName(table)) + "` has " +
                         std::to_string(row.size()) + " values, not " +
                         std::to_string(columns.size()));
  auto cached = Cached(StatementsOf(table).insert);
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  for (size_t c = 0; c < columns.size(); ++c) {
    int param = static_cast<int>(c) + 1;
    const Cell& cell = row[c];
    if (cell.null) {
      st.BindNull(param);
      continue;
    }
    switch (columns[c].kind) {
      case CellKind::kInt:
        st.Bind(param, cell.i);
        break;
      case CellKind::kReal:
        st.BindDouble(param, cell.d);
        break;
      case CellKind::kText:
        st.Bind(param, std::string_view(cell.t));
        break;
    }
  }
  if (Status s = st.Run(); !s.ok()) return s;
  if (sqlite3_changes(db_.raw()) != 1)
    return Status::Error("a row of `" + std::string(CopyTableName(table)) + "` was not written");
  return Status::Ok();
}

Result<int64_t> SqliteBackend::CountTableRows(CopyTable table) {
  auto q = db_.Prepare(StatementsOf(table).count);
  if (!q.ok()) return q.status();
  Status st;
  if (!q->Step(st)) return st.ok() ? Status::Error("count(*) returned no row") : st;
  return q->Int(0);
}

Status SqliteBackend::WriteDatabaseId(const std::string& id) {
  auto u = db_.Prepare("UPDATE database_id SET id = ?1");
  if (!u.ok()) return u.status();
  u->Bind(1, id);
  if (Status s = u->Run(); !s.ok()) return s;
  if (sqlite3_changes(db_.raw()) != 1)
    return Status::Error("the database has not exactly one id (database_id)");
  return Status::Ok();
}

// A rowid key takes the largest stored one plus one by itself.
Status SqliteBackend::SyncGeneratedIds() { return Status::Ok(); }

}  // namespace chipgate
