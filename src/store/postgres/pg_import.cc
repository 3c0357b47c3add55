// PgBackend's statements for re-imports: each imported table's stored row as one text (a JSON
// array of its columns) to compare before and after a write, deleting a shipment's surplus lines,
// clearing a table for `--replace`, and counting rows. The texts only need to be equal when the
// rows are, within one backend; they are not the SQLite backend's texts.
#include "store/postgres/pg_backend.h"

namespace chipgate {
namespace {

#define CHIPGATE_PG_IMPORT_PART_ATTRIBUTES                                            \
  "type, tpp, die_area_mm2, datacenter, io_bandwidth_gbs, memory_bandwidth_density, " \
  "dram_bandwidth_gbs, producer"
static_assert(ListsColumns(CHIPGATE_PG_IMPORT_PART_ATTRIBUTES));

Result<std::optional<std::string>> OneText(Result<pg::Rows> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->size() == 0) return std::optional<std::string>();
  return std::optional<std::string>(rows->Text(0, 0));
}

Result<int64_t> Affected(Result<pg::Rows> rows) {
  if (!rows.ok()) return rows.status();
  return rows->affected();
}

Result<int64_t> Count(Result<pg::Rows> rows) {
  if (!rows.ok()) return rows.status();
  return rows->Int(0, 0);
}

}  // namespace

Result<std::optional<std::string>> PgBackend::ReadImportedRow(ImportTable table,
                                                              const std::string& key,
                                                              const std::string& second) {
  switch (table) {
    case ImportTable::kParts:
      return OneText(conn_.Exec(
          "SELECT json_build_array(description, declared_eccn, source, bom_complete, "
          "" CHIPGATE_PG_IMPORT_PART_ATTRIBUTES ")::text FROM parts WHERE part_number = $1",
          pg::Params().Text(key)));
    case ImportTable::kComponents:
      return OneText(
          conn_.Exec("SELECT json_build_array(quantity)::text FROM part_components WHERE parent = "
                     "$1 AND child = $2",
                     pg::Params().Text(key).Text(second)));
    case ImportTable::kParties:
      return OneText(conn_.Exec(
          "SELECT json_build_array(p.name, p.country, p.headquarters, p.parent, "
          "p.parent_headquarters, p.note, (SELECT coalesce(json_agg(json_build_array(n.key, "
          "n.name, n.alias) ORDER BY n.key), '[]'::json) FROM party_names n WHERE n.party = "
          "p.id))::text FROM parties p WHERE p.party_id = $1",
          pg::Params().Text(key)));
    case ImportTable::kShipments:
      return OneText(conn_.Exec(
          "SELECT json_build_array(date, consignee, consignee_country, end_user, "
          "end_user_country, end_user_headquarters, consignee_id, end_user_id, end_use)::text "
          "FROM shipments WHERE id = $1",
          pg::Params().Text(key)));
    case ImportTable::kShipmentLines: {
      // The line number comes as text (the importer's key); a non-number matches no line.
      int64_t line = 0;
      for (char c : second) {
        if (c < '0' || c > '9' || line > 1'000'000'000'000) return std::optional<std::string>();
        line = line * 10 + (c - '0');
      }
      if (second.empty()) return std::optional<std::string>();
      return OneText(conn_.Exec(
          "SELECT json_build_array(part_number, quantity, license, unit_value_cents)::text FROM "
          "shipment_lines WHERE shipment_id = $1 AND line = $2",
          pg::Params().Text(key).Int(line)));
    }
    case ImportTable::kOwnership:
    case ImportTable::kLicenses:
      break;
  }
  return Status::Error("no stored row text for this table");
}

Result<int64_t> PgBackend::DeleteShipmentLinesAfter(const std::string& shipment_id,
                                                    int64_t last_line) {
  return Affected(conn_.Exec("DELETE FROM shipment_lines WHERE shipment_id = $1 AND line > $2",
                             pg::Params().Text(shipment_id).Int(last_line)));
}

Result<int64_t> PgBackend::CountLicenseUses(const std::string& shipment_id) {
  return Count(conn_.Exec("SELECT count(*) FROM license_uses WHERE shipment_id = $1",
                          pg::Params().Text(shipment_id)));
}

// As in the SQLite backend: rows that others refer to without a cascade make the delete fail.
// A failed statement aborts the whole transaction in PostgreSQL (TransactionLost), so the
// importer reports it and stops.
Result<int64_t> PgBackend::ClearImportTable(ImportTable table) {
  ForgetPrefetched();
  switch (table) {
    case ImportTable::kParts:
      return Affected(conn_.Exec("DELETE FROM parts"));
    case ImportTable::kComponents:
      return Affected(conn_.Exec("DELETE FROM part_components"));
    case ImportTable::kParties:
      return Affected(conn_.Exec("DELETE FROM parties"));
    case ImportTable::kOwnership:
      return Affected(conn_.Exec("DELETE FROM ownership"));
    case ImportTable::kLicenses: {
      auto dest = conn_.Exec("DELETE FROM license_destinations");
      if (!dest.ok()) return dest.status();
      return Affected(conn_.Exec("DELETE FROM licenses"));
    }
    case ImportTable::kShipments:
      return Affected(conn_.Exec("DELETE FROM shipments"));
    case ImportTable::kShipmentLines:
      return Affected(conn_.Exec("DELETE FROM shipment_lines"));
  }
  return Status::Error("no such table");
}

Result<int64_t> PgBackend::CountRows(ImportTable table) {
  switch (table) {
    case ImportTable::kParts:
      return Count(conn_.Exec("SELECT count(*) FROM parts"));
    case ImportTable::kComponents:
      return Count(conn_.Exec("SELECT count(*) FROM part_components"));
    case ImportTable::kParties:
      return Count(conn_.Exec("SELECT count(*) FROM parties"));
    case ImportTable::kOwnership:
      return Count(conn_.Exec("SELECT count(*) FROM ownership"));
    case ImportTable::kLicenses:
      return Count(conn_.Exec("SELECT count(*) FROM licenses"));
    case ImportTable::kShipments:
      return Count(conn_.Exec("SELECT count(*) FROM shipments"));
    case ImportTable::kShipmentLines:
      return Count(conn_.Exec("SELECT count(*) FROM shipment_lines"));
  }
  return Status::Error("no such table");
}

#undef CHIPGATE_PG_IMPORT_PART_ATTRIBUTES

}  // namespace chipgate
