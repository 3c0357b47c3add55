// SqliteBackend: the license role (store/backend.h, LicenseBackend) over the licenses and
// license_uses tables of migration 8 and license_destinations of migration 11. Classes and
// destinations are stored `;`-joined (neither an ECCN path nor a country code holds a `;`), and
// the destinations also one row each; amounts are whole cents. The reads are in license_reads.h.
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store/joined_list.h"
#include "store/sqlite/license_reads.h"
#include "store/sqlite/sqlite_backend.h"

namespace chipgate {
namespace {

// The license in the current row of a statement of license_reads.h. Dates were written by
// FormatDate; one that does not parse (an edited file) makes the license valid on no day.
HeldLicense LicenseOf(const sql::Stmt& st) {
  HeldLicense h;
  License& l = h.license;
  l.number = st.Text(0);
  l.classes = SplitList(st.TextView(1));
  l.destinations = SplitList(st.TextView(2));
  l.consignee = st.Text(3);
  l.end_user = st.Text(4);
  if (!st.IsNull(5)) l.quantity_limit = st.Int(5);
  if (!st.IsNull(6)) l.value_limit = st.Int(6);
  l.valid_from = ParseDate(st.Text(7)).value_or(kMaxDate);
  l.valid_until = ParseDate(st.Text(8)).value_or(kMinDate);
  l.conditions = st.Text(9);
  l.line = static_cast<int>(st.Int(10));
  h.used.quantity = st.Int(11);
  h.used.value = st.Int(12);
  return h;
}

}  // namespace

// The importer asks before inserting, so a duplicate number is a located E603, not a constraint
// failure that would end the transaction.
Result<bool> SqliteBackend::LicenseExists(const std::string& number) {
  auto stmt = Cached("SELECT 1 FROM licenses WHERE number = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value()->Bind(1, number);
  Status s;
  bool found = stmt.value()->Step(s);
  stmt.value()->Reset();
  if (!s.ok()) return s;
  return found;
}

// No limit is NULL (the table's CHECKs refuse zero or a negative limit).
Status SqliteBackend::InsertLicense(const License& l) {
  auto cached = Cached(
      "INSERT INTO licenses (number, classes, destinations, consignee, end_user, quantity, "
      "value_cents, valid_from, valid_until, conditions, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
      "?8, ?9, ?10, ?11)");
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  st.Bind(1, l.number).Bind(2, JoinList(l.classes)).Bind(3, JoinList(l.destinations));
  st.BindTextOrNull(4, l.consignee).BindTextOrNull(5, l.end_user);
  l.quantity_limit ? st.Bind(6, *l.quantity_limit) : st.BindNull(6);
  l.value_limit ? st.Bind(7, *l.value_limit) : st.BindNull(7);
  st.Bind(8, FormatDate(l.valid_from)).Bind(9, FormatDate(l.valid_until));
  st.Bind(10, l.conditions).Bind(11, static_cast<int64_t>(l.line));
  if (Status s = st.Run(); !s.ok()) return s;
  // Its destinations one row each (a code written twice is one row), for ForEachLicenseInForce.
  auto dest = Cached(
      "INSERT OR IGNORE INTO license_destinations (destination, license) "
      "SELECT ?1, id FROM licenses WHERE number = ?2");
  if (!dest.ok()) return dest.status();
  for (const std::string& d : l.destinations) {
    dest.value()->Reset();
    dest.value()->Bind(1, d).Bind(2, l.number);
    if (Status s = dest.value()->Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Status SqliteBackend::ForEachLicense(Date as_of, const std::function<void(HeldLicense&&)>& fn) {
  auto stmt = db_.Prepare(CHIPGATE_SQL_ALL_LICENSES);
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, FormatDate(as_of));
  Status s;
  while (stmt->Step(s)) fn(LicenseOf(*stmt));
  return s;
}

Status SqliteBackend::ForEachLicenseInForce(Date in_force_on, Date uses_as_of,
                                            const std::string& destination,
                                            const std::function<void(HeldLicense&&)>& fn) {
  auto stmt = Cached(CHIPGATE_SQL_LICENSES_IN_FORCE_TO);
  if (!stmt.ok()) return stmt.status();
  sql::Stmt& st = *stmt.value();
  st.Bind(1, FormatDate(uses_as_of)).Bind(2, destination).Bind(3, FormatDate(in_force_on));
  Status s;
  while (st.Step(s)) fn(LicenseOf(st));
  st.Reset();
  return s;
}

Result<std::optional<HeldLicense>> SqliteBackend::ReadLicense(const std::string& number,
                                                              Date as_of) {
  auto stmt = Cached(CHIPGATE_SQL_LICENSE_BY_NUMBER);
  if (!stmt.ok()) return stmt.status();
  sql::Stmt& st = *stmt.value();
  st.Bind(1, FormatDate(as_of)).Bind(2, number);
  Status s;
  std::optional<HeldLicense> out;
  if (st.Step(s)) out = LicenseOf(st);
  st.Reset();
  if (!s.ok()) return s;
  return out;
}

}  // namespace chipgate
