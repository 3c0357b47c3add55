// PgBackend's part look-ups for people (PartCatalogReader) and what `chipgate ship` writes beyond
// the shipment rows (ShipmentWriter): the same statements as the SQLite backend's, with $n.
#include "chipgate/date.h"
#include "store/postgres/pg_backend.h"

namespace chipgate {
namespace {

#define CHIPGATE_PG_PART_INFO_COLUMNS                                                      \
  "part_number, coalesce(description, ''), coalesce(declared_eccn, ''), coalesce(source, " \
  "''), bom_complete"

void AssignInfo(const pg::Rows& rows, int r, PartInfo& out) {
  out.part = rows.Text(r, 0);
  out.description = rows.Text(r, 1);
  out.declared_eccn = rows.Text(r, 2);
  out.source = rows.Text(r, 3);
  out.bom_complete = rows.IsNull(r, 4) ? std::nullopt : std::optional<bool>(rows.Int(r, 4) != 0);
}

}  // namespace

Result<bool> PgBackend::ReadPartInfo(const std::string& part, PartInfo& out) {
  auto rows =
      conn_.Exec("SELECT " CHIPGATE_PG_PART_INFO_COLUMNS " FROM parts WHERE part_number = $1",
                 pg::Params().Text(part));
  if (!rows.ok()) return rows.status();
  if (rows->size() == 0) return false;
  AssignInfo(rows.value(), 0, out);
  return true;
}

Status PgBackend::ForEachPartInfo(const std::function<bool(const PartInfo&)>& fn) {
  static const Cursor kInfo =
      CHIPGATE_PG_CURSOR("chipgate_part_info", "SELECT " CHIPGATE_PG_PART_INFO_COLUMNS
                                               " FROM parts ORDER BY part_number");
  PartInfo info;
  return Stream(kInfo, {}, [&](const pg::Rows& rows, int r) {
    AssignInfo(rows, r, info);
    return fn(info);
  });
}

Status PgBackend::ReadParents(const std::string& child, std::vector<BomEdge>& out) {
  out.clear();
  auto rows =
      conn_.Exec("SELECT parent, quantity FROM part_components WHERE child = $1 ORDER BY parent",
                 pg::Params().Text(child));
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->size(); ++i) out.push_back({rows->Text(i, 0), rows->Int(i, 1)});
  return Status::Ok();
}

Status PgBackend::ReadShipmentLinesOf(const std::string& part, std::vector<PartShipmentLine>& out) {
  out.clear();
  auto rows = conn_.Exec(
      "SELECT s.id, s.date, l.line, l.quantity, s.consignee, s.consignee_country, "
      "coalesce(s.consignee_id, ''), s.end_user, s.end_user_country, coalesce(s.end_user_id, ''), "
      "coalesce(l.license, '') FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id "
      "WHERE l.part_number = $1 ORDER BY s.date, s.id, l.line",
      pg::Params().Text(part));
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->size(); ++i) {
    PartShipmentLine l;
    l.shipment = rows->Text(i, 0);
    l.date = ParseDate(rows->Text(i, 1)).value_or(Date{});
    l.line = static_cast<int>(rows->Int(i, 2));
    l.quantity = rows->Int(i, 3);
    l.consignee = PartyFacts::Of(rows->Text(i, 4), rows->Text(i, 5));
    l.consignee.id = rows->Text(i, 6);
    l.end_user = PartyFacts::Of(rows->Text(i, 7), rows->Text(i, 8));
    l.end_user.id = rows->Text(i, 9);
    l.license = rows->Text(i, 10);
    out.push_back(std::move(l));
  }
  return Status::Ok();
}

Result<std::string> PgBackend::ReadShipDecision(const std::string& subject) {
  auto rows = conn_.Exec(
      "SELECT decision FROM audit_log WHERE command = 'ship' AND subject = $1 ORDER BY seq DESC "
      "LIMIT 1",
      pg::Params().Text(subject));
  if (!rows.ok()) return rows.status();
  return rows->size() ? rows->Text(0, 0) : std::string();
}

Result<bool> PgBackend::ShipmentExists(const std::string& id) {
  auto rows = conn_.Exec("SELECT 1 FROM shipments WHERE id = $1", pg::Params().Text(id));
  if (!rows.ok()) return rows.status();
  return rows->size() > 0;
}

Status PgBackend::InsertLicenseUse(const LicenseUseInsert& use) {
  pg::Params p;
  p.Text(use.license).Text(use.shipment_id).Int(use.line).Text(FormatDate(use.date));
  p.Int(use.quantity).IntOrNull(use.value);
  auto rows = conn_.Exec(
      "INSERT INTO license_uses (license, shipment_id, line, date, quantity, value_cents) "
      "SELECT id, $2, $3, $4, $5, $6 FROM licenses WHERE number = $1",
      p);
  if (!rows.ok()) return rows.status();
  if (rows->affected() != 1) {
    return Status::Error("license `" + use.license + "` is not stored: the use of line " +
                         std::to_string(use.line) + " was not written");
  }
  return Status::Ok();
}

#undef CHIPGATE_PG_PART_INFO_COLUMNS

}  // namespace chipgate
