// PgBackend: copying whole tables (store/backend.h, TableCopyBackend; `chipgate db migrate`).
// Each table's statements name the columns of CopyColumns(table) in their order; NULLs sort first,
// as in SQLite, where a key column may be NULL (ownership).
#include "store/copy_tables.h"
#include "store/postgres/pg_backend.h"

namespace chipgate {
namespace {

struct CopyStatements {
  PgBackend::Cursor select;
  sql::SqlText insert, count;
};

CopyStatements StatementsOf(CopyTable table) {
  switch (table) {
    case CopyTable::kParts:
      return {
          CHIPGATE_PG_CURSOR(
              "copy_parts",
              "SELECT part_number, description, declared_eccn, type, tpp, die_area_mm2, "
              "datacenter, io_bandwidth_gbs, memory_bandwidth_density, dram_bandwidth_gbs, source, "
              "bom_complete, producer FROM parts ORDER BY part_number"),
          "INSERT INTO parts (part_number, description, declared_eccn, type, tpp, die_area_mm2, "
          "datacenter, io_bandwidth_gbs, memory_bandwidth_density, dram_bandwidth_gbs, source, "
          "bom_complete, producer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
          "SELECT count(*) FROM parts"};
    case CopyTable::kPartComponents:
      return {CHIPGATE_PG_CURSOR(
                  "copy_part_components",
                  "SELECT parent, child, quantity FROM part_components ORDER BY parent, child"),
              "INSERT INTO part_components (parent, child, quantity) VALUES ($1, $2, $3)",
              "SELECT count(*) FROM part_components"};
    case CopyTable::kParties:
      return {CHIPGATE_PG_CURSOR("copy_parties",
                                 "SELECT id, party_id, name, country, headquarters, parent, "
                                 "parent_headquarters, note FROM parties ORDER BY id"),
              "INSERT INTO parties (id, party_id, name, country, headquarters, parent, "
              "parent_headquarters, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
              "SELECT count(*) FROM parties"};
    case CopyTable::kPartyNames:
      return {CHIPGATE_PG_CURSOR("copy_party_names",
                                 "SELECT key, party, name, alias FROM party_names ORDER BY key"),
              "INSERT INTO party_names (key, party, name, alias) VALUES ($1, $2, $3, $4)",
              "SELECT count(*) FROM party_names"};
    case CopyTable::kOwnership:
      return {
          CHIPGATE_PG_CURSOR("copy_ownership",
                             "SELECT party, party_name, party_key, owner, owner_name, share FROM "
                             "ownership ORDER BY party NULLS FIRST, party_key NULLS FIRST, owner "
                             "NULLS FIRST, owner_name NULLS FIRST, share NULLS FIRST"),
          "INSERT INTO ownership (party, party_name, party_key, owner, owner_name, share) VALUES "
          "($1, $2, $3, $4, $5, $6)",
          "SELECT count(*) FROM ownership"};
    case CopyTable::kShipments:
      return {CHIPGATE_PG_CURSOR("copy_shipments",
                                 "SELECT id, date, consignee, consignee_country, end_user, "
                                 "end_user_country, end_user_headquarters, consignee_id, "
                                 "end_user_id, end_use FROM shipments ORDER BY id"),
              "INSERT INTO shipments (id, date, consignee, consignee_country, end_user, "
              "end_user_country, end_user_headquarters, consignee_id, end_user_id, end_use) VALUES "
              "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
              "SELECT count(*) FROM shipments"};
    case CopyTable::kShipmentLines:
      return {CHIPGATE_PG_CURSOR("copy_shipment_lines",
                                 "SELECT shipment_id, line, part_number, quantity, license, "
                                 "unit_value_cents FROM shipment_lines ORDER BY shipment_id, line"),
              "INSERT INTO shipment_lines (shipment_id, line, part_number, quantity, license, "
              "unit_value_cents) VALUES ($1, $2, $3, $4, $5, $6)",
              "SELECT count(*) FROM shipment_lines"};
    case CopyTable::kLicenses:
      return {
          CHIPGATE_PG_CURSOR(
              "copy_licenses",
              "SELECT id, number, classes, destinations, consignee, end_user, quantity, "
              "value_cents, valid_from, valid_until, conditions, line FROM licenses ORDER BY id"),
          "INSERT INTO licenses (id, number, classes, destinations, consignee, end_user, quantity, "
          "value_cents, valid_from, valid_until, conditions, line) VALUES ($1, $2, $3, $4, $5, $6, "
          "$7, $8, $9, $10, $11, $12)",
          "SELECT count(*) FROM licenses"};
    case CopyTable::kLicenseDestinations:
      return {CHIPGATE_PG_CURSOR("copy_license_destinations",
                                 "SELECT destination, license FROM license_destinations ORDER BY "
                                 "destination, license"),
              "INSERT INTO license_destinations (destination, license) VALUES ($1, $2)",
              "SELECT count(*) FROM license_destinations"};
    case CopyTable::kLicenseUses:
      return {CHIPGATE_PG_CURSOR("copy_license_uses",
                                 "SELECT license, shipment_id, line, date, quantity, value_cents "
                                 "FROM license_uses ORDER BY shipment_id, line"),
              "INSERT INTO license_uses (license, shipment_id, line, date, quantity, value_cents) "
              "VALUES ($1, $2, $3, $4, $5, $6)",
              "SELECT count(*) FROM license_uses"};
    case CopyTable::kListVersions:
      return {CHIPGATE_PG_CURSOR("copy_list_versions",
                                 "SELECT id, source_set, format, file_name, digest, file_date, "
                                 "imported_at, entries FROM list_versions ORDER BY id"),
              "INSERT INTO list_versions (id, source_set, format, file_name, digest, file_date, "
              "imported_at, entries) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
              "SELECT count(*) FROM list_versions"};
    case CopyTable::kListEntries:
      return {CHIPGATE_PG_CURSOR(
                  "copy_list_entries",
                  "SELECT version, seq, entry_id, list, source, type, name, aliases, countries, "
                  "programs, federal_register_notice, start_date, end_date, license_requirement, "
                  "license_policy, line FROM list_entries ORDER BY version, seq"),
              "INSERT INTO list_entries (version, seq, entry_id, list, source, type, name, "
              "aliases, countries, programs, federal_register_notice, start_date, end_date, "
              "license_requirement, license_policy, line) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
              "$9, $10, $11, $12, $13, $14, $15, $16)",
              "SELECT count(*) FROM list_entries"};
    case CopyTable::kAuditRuns:
      return {
          CHIPGATE_PG_CURSOR("copy_audit_runs",
                             "SELECT id, started, actor, date, compare_date, pack_digest, parts, "
                             "shipments, findings, findings_digest FROM audit_runs ORDER BY id"),
          "INSERT INTO audit_runs (id, started, actor, date, compare_date, pack_digest, parts, "
          "shipments, findings, findings_digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
          "SELECT count(*) FROM audit_runs"};
    case CopyTable::kAuditFindings:
      return {
          CHIPGATE_PG_CURSOR(
              "copy_audit_findings",
              "SELECT run_id, seq, kind, severity, part_number, shipment_id, line, declared, "
              "computed, reasons, license, facts_digest FROM audit_findings ORDER BY run_id, seq"),
          "INSERT INTO audit_findings (run_id, seq, kind, severity, part_number, shipment_id, "
          "line, declared, computed, reasons, license, facts_digest) VALUES ($1, $2, $3, $4, $5, "
          "$6, $7, $8, $9, $10, $11, $12)",
          "SELECT count(*) FROM audit_findings"};
    case CopyTable::kAuditLog:
      return {CHIPGATE_PG_CURSOR("copy_audit_log",
                                 "SELECT seq, ts, actor, command, subject, input_digest, decision, "
                                 "classes, reasons, pack_digest, prev_hash, hash, format, "
                                 "facts_digest, run FROM audit_log ORDER BY seq"),
              "INSERT INTO audit_log (seq, ts, actor, command, subject, input_digest, decision, "
              "classes, reasons, pack_digest, prev_hash, hash, format, facts_digest, run) VALUES "
              "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
              "SELECT count(*) FROM audit_log"};
  }
  return {CHIPGATE_PG_CURSOR("copy_none", "SELECT 1 WHERE false"), "SELECT 1 WHERE false",
          "SELECT 0"};
}

}  // namespace

Status PgBackend::ForEachTableRow(CopyTable table, const std::function<bool(const CopyRow&)>& fn) {
  std::span<const CopyColumn> columns = CopyColumns(table);
  CopyRow row(columns.size());
  return Stream(StatementsOf(table).select, {}, [&](const pg::Rows& rows, int r) {
    for (size_t c = 0; c < columns.size(); ++c) {
      Cell& cell = row[c];
      int col = static_cast<int>(c);
      cell.null = rows.IsNull(r, col);
      if (cell.null) continue;
      switch (columns[c].kind) {
        case CellKind::kInt:
          cell.i = rows.Int(r, col);
          break;
        case CellKind::kReal:
          cell.d = rows.Double(r, col);
          break;
        case CellKind::kText:
          cell.t.assign(rows.TextView(r, col));
          break;
      }
    }
    return fn(row);
  });
}

Status PgBackend::InsertTableRow(CopyTable table, const CopyRow& row) {
  ForgetPrefetched();
  std::span<const CopyColumn> columns = CopyColumns(table);
  if (row.size() != columns.size())
    return Status::Error("a row of `" + std::string(CopyTableName(table)) + "` has " +
                         std::to_string(row.size()) + " values, not " +
                         std::to_string(columns.size()));
  pg::Params p;
  for (size_t c = 0; c < columns.size(); ++c) {
    const Cell& cell = row[c];
    if (cell.null) {
      p.Null();
      continue;
    }
    switch (columns[c].kind) {
      case CellKind::kInt:
        p.Int(cell.i);
        break;
      case CellKind::kReal:
        p.Double(cell.d);
        break;
      case CellKind::kText:
        p.Text(cell.t);
        break;
    }
  }
  auto r = conn_.Exec(StatementsOf(table).insert, p);
  if (!r.ok()) return r.status();
  if (r->affected() != 1)
    return Status::Error("a row of `" + std::string(CopyTableName(table)) + "` was not written");
  return Status::Ok();
}

Result<int64_t> PgBackend::CountTableRows(CopyTable table) {
  auto r = conn_.Exec(StatementsOf(table).count);
  if (!r.ok()) return r.status();
  return r->Int(0, 0);
}

Status PgBackend::WriteDatabaseId(const std::string& id) {
  auto r = conn_.Exec("UPDATE database_id SET id = $1", pg::Params().Text(id));
  if (!r.ok()) return r.status();
  if (r->affected() != 1) return Status::Error("the database has not exactly one id (database_id)");
  return Status::Ok();
}

// An identity column's sequence does not see explicit ids: each is set past the largest stored.
Status PgBackend::SyncGeneratedIds() {
  for (sql::SqlText q :
       {sql::SqlText("SELECT setval(pg_get_serial_sequence('parties', 'id'), "
                     "coalesce(max(id), 0) + 1, false) FROM parties"),
        sql::SqlText("SELECT setval(pg_get_serial_sequence('licenses', 'id'), "
                     "coalesce(max(id), 0) + 1, false) FROM licenses"),
        sql::SqlText("SELECT setval(pg_get_serial_sequence('list_versions', 'id'), "
                     "coalesce(max(id), 0) + 1, false) FROM list_versions"),
        sql::SqlText("SELECT setval(pg_get_serial_sequence('audit_runs', 'id'), "
                     "coalesce(max(id), 0) + 1, false) FROM audit_runs")}) {
    auto r = conn_.Exec(q);
    if (!r.ok()) return r.status();
  }
  return Status::Ok();
}

}  // namespace chipgate
