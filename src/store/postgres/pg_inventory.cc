// PgBackend's inventory: reading parts (attribute columns as specs), bills of materials and
// shipments (the catalogue and the shipments through cursors, so an audit of any size holds one
// fetch in memory), and writing import rows. The attribute columns are spelled once below and
// checked at compile time against kPartAttributes (part_attributes.h), as the SQLite backend's are.
#include <algorithm>

#include "chipgate/date.h"
#include "store/postgres/pg_backend.h"

namespace chipgate {
namespace {

#define CHIPGATE_PG_PART_ATTRIBUTES                                                   \
  "type, tpp, die_area_mm2, datacenter, io_bandwidth_gbs, memory_bandwidth_density, " \
  "dram_bandwidth_gbs, producer"
#define CHIPGATE_PG_PART_ATTRIBUTES_EXCLUDED                                                    \
  "excluded.type, excluded.tpp, excluded.die_area_mm2, excluded.datacenter, "                   \
  "excluded.io_bandwidth_gbs, excluded.memory_bandwidth_density, excluded.dram_bandwidth_gbs, " \
  "excluded.producer"
#define CHIPGATE_PG_PART_ATTRIBUTE_PARAMETERS "$6, $7, $8, $9, $10, $11, $12, $13"
static_assert(ListsColumns(CHIPGATE_PG_PART_ATTRIBUTES));
static_assert(ListsColumns(CHIPGATE_PG_PART_ATTRIBUTES_EXCLUDED, "excluded."));
static_assert(ListsParameters(CHIPGATE_PG_PART_ATTRIBUTE_PARAMETERS, 6, '$'));

// The attribute columns of `row`, from column `first` on, as specs of `out` (NULL ones left out,
// so they stay unknown); entries already in out.specs are reused, as in the SQLite backend.
void AssignSpecs(const pg::Rows& rows, int row, int first, ItemFacts& out) {
  size_t n = 0;
  int col = first;
  for (const PartAttribute& a : kPartAttributes) {
    int i = col++;
    if (rows.IsNull(row, i)) continue;
    if (n == out.specs.size()) out.specs.emplace_back();
    auto& [name, value] = out.specs[n++];
    name.assign(a.attribute);
    value.loc = {};
    value.source = FactSource::kDatabase;
    switch (a.kind) {
      case AttributeKind::kNonNegative:
      case AttributeKind::kPositive:
        value.text.clear();
        value.number = rows.Double(row, i);
        continue;
      case AttributeKind::kText:
      case AttributeKind::kFreeText:
        value.text.assign(rows.TextView(row, i));
        break;
      case AttributeKind::kFlag:
        value.text.assign(rows.Int(row, i) ? "true" : "false");
        break;
    }
    value.number.reset();
  }
  out.specs.resize(n);
}

// The parameters of a shipment row, $1..$10, as InsertShipment and UpsertShipment bind them.
pg::Params ShipmentParams(const ShipmentImportRow& row) {
  pg::Params p;
  p.Text(row.id).Text(row.date).Text(row.consignee).Text(row.consignee_country);
  p.Text(row.end_user).Text(row.end_user_country).TextOrNull(row.end_user_headquarters);
  p.TextOrNull(row.consignee_id).TextOrNull(row.end_user_id).TextOrNull(row.end_use);
  return p;
}

pg::Params ShipmentLineParams(const ShipmentLineImportRow& row) {
  pg::Params p;
  p.Text(row.shipment_id).Int(row.line).Text(row.part_number).Int(row.quantity);
  p.TextOrNull(row.license).IntOrNull(row.unit_value);
  return p;
}

}  // namespace

// The batch's columns: the part asked for, whether it is stored, the attribute columns, the
// bill-of-materials flag, then one edge (child, quantity) per row, NULL when it has none.
constexpr int kPrefetchFlag = 2 + static_cast<int>(kPartAttributeCount);

const PgBackend::PrefetchedPart* PgBackend::Prefetched(const std::string& part) const {
  if (prefetched_.empty() || !conn_.InTransaction()) return nullptr;
  auto it = prefetched_.find(part);
  return it == prefetched_.end() ? nullptr : &it->second;
}

// Outside a transaction there is no snapshot to hold the answers to: nothing is read.
Status PgBackend::PrefetchParts(std::span<const std::string> parts) {
  if (parts.empty() || !conn_.InTransaction()) return Status::Ok();
  if (prefetched_.size() > kPrefetchKept) ForgetPrefetched();
  for (size_t i = 0; i < parts.size() && prefetched_.size() <= kPrefetchKept; i += kPrefetchBatch) {
    if (Status s = PrefetchBatch(parts.subspan(i, std::min(kPrefetchBatch, parts.size() - i)));
        !s.ok())
      return s;
  }
  return Status::Ok();
}

// One statement reads the parts, every part below them (the recursive UNION stops at cycles)
// and their edges, in part order and each part's edges by child as ReadComponents gives them.
// Each part is looked up by its key (LATERAL ... OFFSET 0 keeps the planner from joining whole
// tables instead: the statement is prepared once, for batches of any size, and a plan that scans
// `parts` costs a full scan per cursor fetch of an audit).
Status PgBackend::PrefetchBatch(std::span<const std::string> parts) {
  pg::ArrayText names;
  for (const std::string& p : parts)
    if (!Prefetched(p)) names.Add(p);
  if (names.size() == 0) return Status::Ok();
  auto rows = conn_.Exec(
      "WITH RECURSIVE tree(part) AS (SELECT u.p COLLATE \"C\" FROM unnest($1::text[]) AS u(p) "
      "UNION SELECT e.child FROM tree t CROSS JOIN LATERAL (SELECT child FROM part_components "
      "WHERE parent = t.part OFFSET 0) e), nodes AS (SELECT part FROM tree LIMIT $2) "
      "SELECT n.part, p.part_number IS NOT NULL, " CHIPGATE_PG_PART_ATTRIBUTES
      ", coalesce(p.bom_complete, 0), e.child, e.quantity FROM nodes n LEFT JOIN LATERAL (SELECT "
      "* FROM parts WHERE part_number = n.part OFFSET 0) p ON true LEFT JOIN LATERAL (SELECT "
      "child, quantity FROM part_components WHERE parent = n.part OFFSET 0) e ON true ORDER BY "
      "n.part, e.child",
      pg::Params().Text(names.Text()).Int(kPrefetchParts));
  if (!rows.ok()) return rows.status();
  auto shared = std::make_shared<const pg::Rows>(std::move(rows.value()));
  const pg::Rows& r = *shared;
  PrefetchedPart* current = nullptr;
  std::string_view current_part;
  for (int i = 0; i < r.size(); ++i) {
    std::string_view part = r.TextView(i, 0);
    if (!current || part != current_part) {
      current = &prefetched_[std::string(part)];
      *current = PrefetchedPart{};
      current_part = part;
      if (r.TextView(i, 1) == "t") {
        current->rows = shared;
        current->row = i;
      }
    }
    if (!r.IsNull(i, kPrefetchFlag + 1))
      current->edges.push_back({r.Text(i, kPrefetchFlag + 1), r.Int(i, kPrefetchFlag + 2)});
  }
  return Status::Ok();
}

Result<bool> PgBackend::ReadPart(const std::string& part, ItemFacts& out) {
  if (const PrefetchedPart* p = Prefetched(part)) {
    if (!p->rows) return false;
    out.part = part;
    out.has_specs = true;
    AssignSpecs(*p->rows, p->row, 2, out);
    out.contents =
        p->rows->Int(p->row, kPrefetchFlag) ? ContentsState::kListed : ContentsState::kNotGiven;
    return true;
  }
  auto rows = conn_.Exec("SELECT " CHIPGATE_PG_PART_ATTRIBUTES
                         ", coalesce(bom_complete, 0) FROM parts WHERE part_number = $1",
                         pg::Params().Text(part));
  if (!rows.ok()) return rows.status();
  if (rows->size() == 0) return false;
  out.part = part;
  out.has_specs = true;
  AssignSpecs(rows.value(), 0, 0, out);
  out.contents =
      rows->Int(0, kPartAttributeCount) ? ContentsState::kListed : ContentsState::kNotGiven;
  return true;
}

Status PgBackend::ReadComponents(const std::string& parent, std::vector<BomEdge>& out) {
  if (const PrefetchedPart* p = Prefetched(parent)) {
    out = p->edges;
    return Status::Ok();
  }
  out.clear();
  auto rows =
      conn_.Exec("SELECT child, quantity FROM part_components WHERE parent = $1 ORDER BY child",
                 pg::Params().Text(parent));
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->size(); ++i) out.push_back({rows->Text(i, 0), rows->Int(i, 1)});
  return Status::Ok();
}

Status PgBackend::ForEachPart(const std::function<bool(const StoredPartRow&)>& fn) {
  static const Cursor kParts = CHIPGATE_PG_CURSOR(
      "chipgate_parts",
      "SELECT part_number, coalesce(declared_eccn, ''), " CHIPGATE_PG_PART_ATTRIBUTES
      ", coalesce(bom_complete, 0), "
      "EXISTS (SELECT 1 FROM part_components c WHERE c.parent = parts.part_number) "
      "FROM parts ORDER BY part_number");
  constexpr int kFlags = 2 + static_cast<int>(kPartAttributeCount);
  ItemFacts item;
  std::string part, declared;
  std::vector<std::string> assemblies;
  Status prefetch;
  Status s = Stream(kParts, {}, [&](const pg::Rows& rows, int r) {
    if (r == 0) {  // a new fetch: the bills of materials its consumer will read, in one batch
      ForgetPrefetched();
      assemblies.clear();
      for (int i = 0; i < rows.size(); ++i)
        if (rows.TextView(i, kFlags + 1) == "t") assemblies.push_back(rows.Text(i, 0));
      prefetch = PrefetchParts(assemblies);
      if (!prefetch.ok()) return false;
    }
    part.assign(rows.TextView(r, 0));
    declared.assign(rows.TextView(r, 1));
    bool has_components = rows.TextView(r, kFlags + 1) == "t";
    if (!has_components) {
      item.part = part;
      item.has_specs = true;
      item.contents = rows.Int(r, kFlags) ? ContentsState::kListed : ContentsState::kNotGiven;
      AssignSpecs(rows, r, 2, item);
    }
    return fn(StoredPartRow{part, declared, has_components, item});
  });
  return prefetch.ok() ? s : prefetch;
}

Status PgBackend::ForEachShipment(const std::function<bool(const StoredShipment&)>& fn) {
  static const Cursor kShipments = CHIPGATE_PG_CURSOR(
      "chipgate_shipments",
      "SELECT s.id, s.date, s.consignee, s.consignee_country, s.end_user, s.end_user_country, "
      "coalesce(s.end_user_headquarters, ''), l.line, l.part_number, l.quantity, "
      "coalesce(l.license, ''), coalesce(s.consignee_id, ''), coalesce(s.end_user_id, ''), "
      "coalesce(s.end_use, ''), l.unit_value_cents "
      "FROM shipments s JOIN shipment_lines l ON l.shipment_id = s.id ORDER BY s.date, s.id, "
      "l.line");
  StoredShipment current;
  bool stopped = false;
  auto flush = [&] { return current.id.empty() || fn(current); };
  Status s = Stream(kShipments, {}, [&](const pg::Rows& rows, int r) {
    std::string id = rows.Text(r, 0);
    if (id != current.id) {
      if (!flush()) {
        stopped = true;
        return false;
      }
      current = StoredShipment{};
      current.id = id;
      current.date = ParseDate(rows.Text(r, 1)).value_or(Date{});
      current.consignee = PartyFacts::Of(rows.Text(r, 2), rows.Text(r, 3), "", "");
      current.end_user = PartyFacts::Of(rows.Text(r, 4), rows.Text(r, 5), rows.Text(r, 6), "");
      current.consignee.id = rows.Text(r, 11);
      current.end_user.id = rows.Text(r, 12);
      current.end_use = rows.Text(r, 13);
    }
    current.lines.push_back(
        {static_cast<int>(rows.Int(r, 7)), rows.Text(r, 8), rows.Int(r, 9), rows.Text(r, 10),
         rows.IsNull(r, 14) ? std::nullopt : std::optional<UsdCents>(rows.Int(r, 14))});
    return true;
  });
  if (s.ok() && !stopped) flush();
  return s;
}

// ---- import ----

Result<bool> PgBackend::PartExists(const std::string& part) {
  auto rows = conn_.Exec("SELECT 1 FROM parts WHERE part_number = $1", pg::Params().Text(part));
  if (!rows.ok()) return rows.status();
  return rows->size() > 0;
}

Status PgBackend::UpsertPart(const PartImportRow& row) {
  ForgetPrefetched();
  pg::Params p;
  p.Text(row.part_number).TextOrNull(row.description).TextOrNull(row.declared_eccn);
  p.TextOrNull(row.source);
  row.bom_complete ? p.Int(*row.bom_complete ? 1 : 0) : p.Null();
  for (size_t i = 0; i < kPartAttributeCount; ++i) {
    const PartImportRow::Cell& cell = row.attributes[i];
    if (!cell.known) {
      p.Null();
      continue;
    }
    switch (kPartAttributes[i].kind) {
      case AttributeKind::kText:
      case AttributeKind::kFreeText:
        p.Text(cell.text);
        break;
      case AttributeKind::kNonNegative:
      case AttributeKind::kPositive:
        p.Double(cell.number);
        break;
      case AttributeKind::kFlag:
        p.Int(cell.flag ? 1 : 0);
        break;
    }
  }
  auto r = conn_.Exec(
      "INSERT INTO parts (part_number, description, declared_eccn, source, "
      "bom_complete, " CHIPGATE_PG_PART_ATTRIBUTES
      ") VALUES ($1, $2, $3, $4, $5, " CHIPGATE_PG_PART_ATTRIBUTE_PARAMETERS
      ") ON CONFLICT (part_number) DO UPDATE SET (description, declared_eccn, source, "
      "bom_complete, " CHIPGATE_PG_PART_ATTRIBUTES
      ") = (excluded.description, excluded.declared_eccn, excluded.source, "
      "excluded.bom_complete, " CHIPGATE_PG_PART_ATTRIBUTES_EXCLUDED ")",
      p);
  return r.ok() ? Status::Ok() : r.status();
}

Status PgBackend::UpsertComponent(const std::string& parent, const std::string& child,
                                  int64_t quantity) {
  ForgetPrefetched();
  auto r = conn_.Exec(
      "INSERT INTO part_components (parent, child, quantity) VALUES ($1, $2, $3) "
      "ON CONFLICT (parent, child) DO UPDATE SET quantity = excluded.quantity",
      pg::Params().Text(parent).Text(child).Int(quantity));
  return r.ok() ? Status::Ok() : r.status();
}

Status PgBackend::ForEachComponentEdge(
    const std::function<void(const std::string&, const std::string&)>& fn) {
  static const Cursor kEdges = CHIPGATE_PG_CURSOR(
      "chipgate_edges", "SELECT parent, child FROM part_components ORDER BY parent, child");
  return Stream(kEdges, {}, [&](const pg::Rows& rows, int r) {
    fn(rows.Text(r, 0), rows.Text(r, 1));
    return true;
  });
}

Status PgBackend::InsertShipment(const ShipmentImportRow& row) {
  auto r = conn_.Exec(
      "INSERT INTO shipments (id, date, consignee, consignee_country, end_user, "
      "end_user_country, end_user_headquarters, consignee_id, end_user_id, end_use) VALUES ($1, "
      "$2, $3, $4, $5, $6, $7, $8, $9, $10)",
      ShipmentParams(row));
  return r.ok() ? Status::Ok() : r.status();
}

Status PgBackend::InsertShipmentLine(const ShipmentLineImportRow& row) {
  auto r = conn_.Exec(
      "INSERT INTO shipment_lines (shipment_id, line, part_number, quantity, license, "
      "unit_value_cents) VALUES ($1, $2, $3, $4, $5, $6)",
      ShipmentLineParams(row));
  return r.ok() ? Status::Ok() : r.status();
}

Status PgBackend::UpsertShipment(const ShipmentImportRow& row) {
  auto r = conn_.Exec(
      "INSERT INTO shipments (id, date, consignee, consignee_country, end_user, "
      "end_user_country, end_user_headquarters, consignee_id, end_user_id, end_use) VALUES ($1, "
      "$2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO UPDATE SET (date, consignee, "
      "consignee_country, end_user, end_user_country, end_user_headquarters, consignee_id, "
      "end_user_id, end_use) = (excluded.date, excluded.consignee, excluded.consignee_country, "
      "excluded.end_user, excluded.end_user_country, excluded.end_user_headquarters, "
      "excluded.consignee_id, excluded.end_user_id, excluded.end_use)",
      ShipmentParams(row));
  return r.ok() ? Status::Ok() : r.status();
}

Status PgBackend::UpsertShipmentLine(const ShipmentLineImportRow& row) {
  auto r = conn_.Exec(
      "INSERT INTO shipment_lines (shipment_id, line, part_number, quantity, license, "
      "unit_value_cents) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (shipment_id, line) DO "
      "UPDATE SET (part_number, quantity, license, unit_value_cents) = (excluded.part_number, "
      "excluded.quantity, excluded.license, excluded.unit_value_cents)",
      ShipmentLineParams(row));
  return r.ok() ? Status::Ok() : r.status();
}

#undef CHIPGATE_PG_PART_ATTRIBUTES
#undef CHIPGATE_PG_PART_ATTRIBUTES_EXCLUDED
#undef CHIPGATE_PG_PART_ATTRIBUTE_PARAMETERS

}  // namespace chipgate
