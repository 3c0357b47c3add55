// PgBackend: the license role over licenses, license_uses and license_destinations, the same
// reads as the SQLite backend's license_reads.h with PostgreSQL's $n parameters.
#include "chipgate/date.h"
#include "store/joined_list.h"
#include "store/postgres/pg_backend.h"

namespace chipgate {
namespace {

#define CHIPGATE_PG_LICENSE_COLUMNS                                                     \
  "SELECT l.number, l.classes, l.destinations, coalesce(l.consignee, ''), "             \
  "coalesce(l.end_user, ''), l.quantity, l.value_cents, l.valid_from, l.valid_until, "  \
  "l.conditions, l.line, "                                                              \
  "coalesce((SELECT sum(u.quantity) FROM license_uses u WHERE u.license = l.id AND "    \
  "u.date <= $1), 0), "                                                                 \
  "coalesce((SELECT sum(u.value_cents) FROM license_uses u WHERE u.license = l.id AND " \
  "u.date <= $1), 0) "

HeldLicense LicenseOf(const pg::Rows& rows, int r) {
  HeldLicense h;
  License& l = h.license;
  l.number = rows.Text(r, 0);
  l.classes = SplitList(rows.TextView(r, 1));
  l.destinations = SplitList(rows.TextView(r, 2));
  l.consignee = rows.Text(r, 3);
  l.end_user = rows.Text(r, 4);
  if (!rows.IsNull(r, 5)) l.quantity_limit = rows.Int(r, 5);
  if (!rows.IsNull(r, 6)) l.value_limit = rows.Int(r, 6);
  l.valid_from = ParseDate(rows.Text(r, 7)).value_or(kMaxDate);
  l.valid_until = ParseDate(rows.Text(r, 8)).value_or(kMinDate);
  l.conditions = rows.Text(r, 9);
  l.line = static_cast<int>(rows.Int(r, 10));
  h.used.quantity = rows.Int(r, 11);
  h.used.value = rows.Int(r, 12);
  return h;
}

}  // namespace

Result<bool> PgBackend::LicenseExists(const std::string& number) {
  auto rows = conn_.Exec("SELECT 1 FROM licenses WHERE number = $1", pg::Params().Text(number));
  if (!rows.ok()) return rows.status();
  return rows->size() > 0;
}

Status PgBackend::InsertLicense(const License& l) {
  pg::Params p;
  p.Text(l.number).Text(JoinList(l.classes)).Text(JoinList(l.destinations));
  p.TextOrNull(l.consignee).TextOrNull(l.end_user).IntOrNull(l.quantity_limit);
  p.IntOrNull(l.value_limit).Text(FormatDate(l.valid_from)).Text(FormatDate(l.valid_until));
  p.Text(l.conditions).Int(l.line);
  auto ins = conn_.Exec(
      "INSERT INTO licenses (number, classes, destinations, consignee, end_user, quantity, "
      "value_cents, valid_from, valid_until, conditions, line) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, $10, $11) RETURNING id",
      p);
  if (!ins.ok()) return ins.status();
  if (ins->size() != 1) return Status::Error("license `" + l.number + "` was not written");
  int64_t id = ins->Int(0, 0);
  for (const std::string& d : l.destinations) {
    auto dest = conn_.Exec(
        "INSERT INTO license_destinations (destination, license) VALUES ($1, $2) "
        "ON CONFLICT DO NOTHING",
        pg::Params().Text(d).Int(id));
    if (!dest.ok()) return dest.status();
  }
  return Status::Ok();
}

Status PgBackend::ForEachLicense(Date as_of, const std::function<void(HeldLicense&&)>& fn) {
  static const Cursor kAll = CHIPGATE_PG_CURSOR(
      "chipgate_licenses", CHIPGATE_PG_LICENSE_COLUMNS "FROM licenses l ORDER BY l.number");
  return Stream(kAll, pg::Params().Text(FormatDate(as_of)), [&](const pg::Rows& rows, int r) {
    fn(LicenseOf(rows, r));
    return true;
  });
}

Status PgBackend::ForEachLicenseInForce(Date in_force_on, Date uses_as_of,
                                        const std::string& destination,
                                        const std::function<void(HeldLicense&&)>& fn) {
  auto rows = conn_.Exec(
      CHIPGATE_PG_LICENSE_COLUMNS
      "FROM license_destinations d JOIN licenses l ON l.id = d.license WHERE "
      "d.destination = $2 AND l.valid_from <= $3 AND l.valid_until >= $3 "
      "ORDER BY l.number",
      pg::Params().Text(FormatDate(uses_as_of)).Text(destination).Text(FormatDate(in_force_on)));
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->size(); ++i) fn(LicenseOf(rows.value(), i));
  return Status::Ok();
}

Result<std::optional<HeldLicense>> PgBackend::ReadLicense(const std::string& number, Date as_of) {
  auto rows = conn_.Exec(CHIPGATE_PG_LICENSE_COLUMNS "FROM licenses l WHERE l.number = $2",
                         pg::Params().Text(FormatDate(as_of)).Text(number));
  if (!rows.ok()) return rows.status();
  if (rows->size() == 0) return std::optional<HeldLicense>();
  return std::optional<HeldLicense>(LicenseOf(rows.value(), 0));
}

#undef CHIPGATE_PG_LICENSE_COLUMNS

}  // namespace chipgate
