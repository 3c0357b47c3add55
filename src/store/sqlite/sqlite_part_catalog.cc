// SqliteBackend's part look-ups for people (PartCatalogReader): the catalogue's descriptive
// columns, the bill-of-materials edges read from the child's side (index part_components_child),
// a part's shipment lines (index shipment_lines_part), and the decision `ship` recorded for a line.
#include "store/sqlite/sqlite_backend.h"

#include "chipgate/date.h"

namespace chipgate {
namespace {

// The columns of PartInfo in the order both statements below select them.
#define CHIPGATE_PART_INFO_COLUMNS                                                         \
  "part_number, coalesce(description, ''), coalesce(declared_eccn, ''), coalesce(source, " \
  "''), bom_complete"

void AssignInfo(const sql::Stmt& stmt, PartInfo& out) {
  out.part = stmt.Text(0);
  out.description = stmt.Text(1);
  out.declared_eccn = stmt.Text(2);
  out.source = stmt.Text(3);
  out.bom_complete = stmt.IsNull(4) ? std::nullopt : std::optional<bool>(stmt.Int(4) != 0);
}

}  // namespace

Result<bool> SqliteBackend::ReadPartInfo(const std::string& part, PartInfo& out) {
  auto stmt = Cached("SELECT " CHIPGATE_PART_INFO_COLUMNS " FROM parts WHERE part_number = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value()->Bind(1, part);
  Status s;
  bool found = stmt.value()->Step(s);
  if (found) AssignInfo(*stmt.value(), out);
  stmt.value()->Reset();
  if (!s.ok()) return s;
  return found;
}

Status SqliteBackend::ForEachPartInfo(const std::function<bool(const PartInfo&)>& fn) {
  // Not cached: the consumer may read other parts while this one is being stepped.
  auto stmt = db_.Prepare("SELECT " CHIPGATE_PART_INFO_COLUMNS " FROM parts ORDER BY part_number");
  if (!stmt.ok()) return stmt.status();
  Status s;
  PartInfo info;
  while (stmt->Step(s)) {
    AssignInfo(stmt.value(), info);
    if (!fn(info)) return Status::Ok();
  }
  return s;
}

Status SqliteBackend::ReadParents(const std::string& child, std::vector<BomEdge>& out) {
  out.clear();
  auto stmt =
      Cached("SELECT parent, quantity FROM part_components WHERE child = ?1 ORDER BY parent");
  if (!stmt.ok()) return stmt.status();
  stmt.value()->Bind(1, child);
  Status s;
  while (stmt.value()->Step(s)) out.push_back({stmt.value()->Text(0), stmt.value()->Int(1)});
  stmt.value()->Reset();
  return s;
}

Status SqliteBackend::ReadShipmentLinesOf(const std::string& part,
                                          std::vector<PartShipmentLine>& out) {
  out.clear();
  auto stmt = Cached(
      "SELECT s.id, s.date, l.line, l.quantity, s.consignee, s.consignee_country, "
      "coalesce(s.consignee_id, ''), s.end_user, s.end_user_country, coalesce(s.end_user_id, ''), "
      "coalesce(l.license, '') FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id "
      "WHERE l.part_number = ?1 ORDER BY s.date, s.id, l.line");
  if (!stmt.ok()) return stmt.status();
  sql::Stmt& st = *stmt.value();
  st.Bind(1, part);
  Status s;
  while (st.Step(s)) {
    PartShipmentLine l;
    l.shipment = st.Text(0);
    // The column's CHECK holds dates to YYYY-MM-DD, as ForEachShipment reads them.
    l.date = ParseDate(st.Text(1)).value_or(Date{});
    l.line = static_cast<int>(st.Int(2));
    l.quantity = st.Int(3);
    l.consignee = PartyFacts::Of(st.Text(4), st.Text(5));
    l.consignee.id = st.Text(6);
    l.end_user = PartyFacts::Of(st.Text(7), st.Text(8));
    l.end_user.id = st.Text(9);
    l.license = st.Text(10);
    out.push_back(std::move(l));
  }
  st.Reset();
  return s;
}

// A scan of the `ship` records (audit_log has no index on subject; adding one would change the
// audit tables' schema, which `log verify` checks). One call per shipment line shown.
Result<std::string> SqliteBackend::ReadShipDecision(const std::string& subject) {
  auto stmt = Cached(
      "SELECT decision FROM audit_log WHERE command = 'ship' AND subject = ?1 ORDER BY seq DESC "
      "LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  stmt.value()->Bind(1, subject);
  Status s;
  std::string out;
  if (stmt.value()->Step(s)) out = stmt.value()->Text(0);
  stmt.value()->Reset();
  if (!s.ok()) return s;
  return out;
}

}  // namespace chipgate
