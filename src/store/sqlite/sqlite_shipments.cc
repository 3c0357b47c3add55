// SqliteBackend: what `chipgate ship` writes beyond the shipment rows an import writes too
// (store/backend.h, ShipmentWriter): whether a shipment id is taken, and one license_uses row
// per shipment line drawn on a license (migration 8's table).
#include <sqlite3.h>

#include "store/sqlite/sqlite_backend.h"

namespace chipgate {

Result<bool> SqliteBackend::ShipmentExists(const std::string& id) {
  auto stmt = Cached("SELECT 1 FROM shipments WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value()->Bind(1, id);
  Status s;
  bool found = stmt.value()->Step(s);
  stmt.value()->Reset();
  if (!s.ok()) return s;
  return found;
}

// The license is found by number in the same statement, so a number that is not stored writes
// no row (and is an error here) instead of a use pointing nowhere. A NULL value is a line whose
// value is not known.
Status SqliteBackend::InsertLicenseUse(const LicenseUseInsert& use) {
  auto cached = Cached(
      "INSERT INTO license_uses (license, shipment_id, line, date, quantity, value_cents) "
      "SELECT id, ?2, ?3, ?4, ?5, ?6 FROM licenses WHERE number = ?1");
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  st.Bind(1, use.license).Bind(2, use.shipment_id).Bind(3, use.line);
  st.Bind(4, FormatDate(use.date)).Bind(5, use.quantity);
  use.value ? st.Bind(6, *use.value) : st.BindNull(6);
  if (Status s = st.Run(); !s.ok()) return s;
  if (sqlite3_changes(db_.raw()) != 1) {
    return Status::Error("license `" + use.license + "` is not stored: the use of line " +
                         std::to_string(use.line) + " was not written");
  }
  return Status::Ok();
}

}  // namespace chipgate
