// SqliteBackend's inventory: reading parts (attribute columns as specs), bills of materials and
// shipments, and writing import rows. The attribute columns are spelled once below, as literal
// SQL fragments checked at compile time against kPartAttributes (part_attributes.h).
#include "store/sqlite/sqlite_backend.h"

#include <algorithm>

#include "chipgate/date.h"

namespace chipgate {
namespace {

// The attribute columns in kPartAttributes order, as the statements below name, bind and update
// them. Literals, so every statement stays one literal; a column added to the table fails these
// checks until it is added here.
#define CHIPGATE_PART_ATTRIBUTES                                                      \
  "type, tpp, die_area_mm2, datacenter, io_bandwidth_gbs, memory_bandwidth_density, " \
  "dram_bandwidth_gbs, producer"
#define CHIPGATE_PART_ATTRIBUTES_EXCLUDED                                                       \
  "excluded.type, excluded.tpp, excluded.die_area_mm2, excluded.datacenter, "                   \
  "excluded.io_bandwidth_gbs, excluded.memory_bandwidth_density, excluded.dram_bandwidth_gbs, " \
  "excluded.producer"
#define CHIPGATE_PART_ATTRIBUTE_PARAMETERS "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13"
static_assert(ListsColumns(CHIPGATE_PART_ATTRIBUTES));
static_assert(ListsColumns(CHIPGATE_PART_ATTRIBUTES_EXCLUDED, "excluded."));
static_assert(ListsParameters(CHIPGATE_PART_ATTRIBUTE_PARAMETERS, 6));

// The attribute columns of a statement's current row, from column `first` on, as specs of
// `out`; NULL columns are left out, so they stay unknown. Entries already in out.specs are
// overwritten in place, so a reused item keeps its string capacity and a streamed row allocates
// nothing.
void AssignSpecs(const sql::Stmt& stmt, int first, ItemFacts& out) {
  size_t n = 0;
  int col = first;
  for (const PartAttribute& a : kPartAttributes) {
    int i = col++;
    if (stmt.IsNull(i)) continue;
    if (n == out.specs.size()) out.specs.emplace_back();
    auto& [name, value] = out.specs[n++];
    name.assign(a.attribute);
    value.loc = {};
    value.source = FactSource::kDatabase;
    switch (a.kind) {
      case AttributeKind::kNonNegative:
      case AttributeKind::kPositive:  // typed: no number -> text -> number round trip
        value.text.clear();
        value.number = stmt.Double(i);
        continue;
      case AttributeKind::kText:
      case AttributeKind::kFreeText:
        value.text.assign(stmt.TextView(i));
        break;
      case AttributeKind::kFlag:
        value.text.assign(stmt.Int(i) ? "true" : "false");
        break;
    }
    value.number.reset();
  }
  out.specs.resize(n);
}

}  // namespace

// One cached statement for every part a lookup or a catalogue pass reads: the hot path of
// `check --db` (one call per distinct part) and of the audit's bills of materials.
Result<bool> SqliteBackend::ReadPart(const std::string& part, ItemFacts& out) {
  if (stream_row_ && stream_row_->part == part) {  // the part ForEachPart is handing out
    out.part = part;
    out.has_specs = true;
    out.specs = stream_row_->specs;
    out.contents = stream_row_->contents;
    return true;
  }
  if (stream_uses_) {  // a component, while ForEachPart streams: one of its parents' reads
    auto uses = stream_uses_->find(part);
    if (uses != stream_uses_->end() && uses->second > 0) {
      --uses->second;
      if (auto kept = stream_kept_->find(part); kept != stream_kept_->end()) {
        out.part = part;
        out.has_specs = true;
        out.specs = kept->second.specs;
        out.contents = kept->second.contents;
        if (uses->second == 0) stream_kept_->erase(kept);
        return true;
      }
    }
  }
  if (const PrefetchedPart* p = Prefetched(part)) {
    if (!p->found) return false;
    out.part = part;
    out.has_specs = true;
    out.specs = p->item.specs;
    out.contents = p->item.contents;
    return true;
  }
  auto cached = Cached("SELECT " CHIPGATE_PART_ATTRIBUTES
                       ", coalesce(bom_complete, 0) FROM parts WHERE part_number = ?1");
  if (!cached.ok()) return cached.status();
  sql::Stmt& stmt = *cached.value();
  stmt.Bind(1, part);
  Status s;
  bool found = stmt.Step(s);
  if (!s.ok()) return s;
  if (!found) return false;
  out.part = part;
  out.has_specs = true;
  AssignSpecs(stmt, 0, out);
  out.contents = stmt.Int(kPartAttributeCount) ? ContentsState::kListed : ContentsState::kNotGiven;
  stmt.Reset();
  return true;
}

Status SqliteBackend::ReadComponents(const std::string& parent, std::vector<BomEdge>& out) {
  out.clear();
  if (stream_boms_) {  // read with the catalogue ForEachPart is streaming
    auto it = std::lower_bound(stream_boms_->begin(), stream_boms_->end(), parent,
                               [](const auto& bom, const std::string& p) { return bom.first < p; });
    if (it != stream_boms_->end() && it->first == parent) out = it->second;
    return Status::Ok();
  }
  if (const PrefetchedPart* p = Prefetched(parent)) {
    out = p->edges;
    return Status::Ok();
  }
  auto stmt =
      Cached("SELECT child, quantity FROM part_components WHERE parent = ?1 ORDER BY child");
  if (!stmt.ok()) return stmt.status();
  stmt.value()->Bind(1, parent);
  Status s;
  while (stmt.value()->Step(s)) out.push_back({stmt.value()->Text(0), stmt.value()->Int(1)});
  stmt.value()->Reset();
  return s;
}

const SqliteBackend::PrefetchedPart* SqliteBackend::Prefetched(const std::string& part) const {
  if (prefetched_.empty() || snapshot_depth_ == 0 || in_write_) return nullptr;
  auto it = prefetched_.find(part);
  return it == prefetched_.end() ? nullptr : &it->second;
}

// The parts, then level by level the parts of their bills of materials not read yet, each level
// in sorted batches. Only inside a read snapshot, the one the answers are kept for; a write
// transaction reads part by part.
Status SqliteBackend::PrefetchParts(std::span<const std::string> parts) {
  prefetched_.clear();
  if (parts.empty() || snapshot_depth_ == 0 || in_write_) return Status::Ok();
  std::vector<std::string> level(parts.begin(), parts.end()), next;
  while (!level.empty() && prefetched_.size() < kPrefetchParts) {
    std::sort(level.begin(), level.end());
    level.erase(std::unique(level.begin(), level.end()), level.end());
    std::erase_if(level, [&](const std::string& p) { return prefetched_.contains(p); });
    next.clear();
    std::span<const std::string> all(level);
    for (size_t i = 0; i < all.size() && prefetched_.size() < kPrefetchParts; i += kPrefetchBatch) {
      size_t n = std::min({kPrefetchBatch, all.size() - i, kPrefetchParts - prefetched_.size()});
      if (Status s = PrefetchBatch(all.subspan(i, n), next); !s.ok()) {
        prefetched_.clear();
        return s;
      }
    }
    level.swap(next);
  }
  return Status::Ok();
}

// One statement for a batch: the part numbers bound as one JSON array (json_each), each looked
// up by its key in `parts` and in `part_components`, as ReadPart and ReadComponents look it up.
// A part number that would need escaping in JSON is left out (read by itself when asked for).
// The children of the batch's bills of materials are added to `children`.
Status SqliteBackend::PrefetchBatch(std::span<const std::string> parts,
                                    std::vector<std::string>& children) {
  std::string keys = "[";
  for (const std::string& p : parts) {
    bool plain = std::all_of(
        p.begin(), p.end(), [](char c) { return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'; });
    if (!plain) continue;
    if (keys.size() > 1) keys += ',';
    keys += '"';
    keys += p;
    keys += '"';
  }
  keys += ']';
  if (keys.size() == 2) return Status::Ok();
  // The keys come out of a subquery under one name: json_each's own columns (`type` among them)
  // would make the attribute columns ambiguous.
  auto cached = Cached("SELECT j.k, " CHIPGATE_PART_ATTRIBUTES
                       ", coalesce(p.bom_complete, 0), p.part_number IS NOT NULL, c.child, "
                       "c.quantity FROM (SELECT value AS k FROM json_each(?1)) j LEFT JOIN parts p "
                       "ON p.part_number = j.k LEFT JOIN part_components c ON c.parent = j.k");
  if (!cached.ok()) return cached.status();
  sql::Stmt& stmt = *cached.value();
  stmt.Bind(1, keys);
  constexpr int kFound = 2 + static_cast<int>(kPartAttributeCount);
  Status s;
  while (stmt.Step(s)) {
    auto [it, fresh] = prefetched_.try_emplace(std::string(stmt.TextView(0)));
    PrefetchedPart& p = it->second;
    if (fresh && stmt.Int(kFound) != 0) {
      p.found = true;
      p.item.part = it->first;
      p.item.has_specs = true;
      AssignSpecs(stmt, 1, p.item);
      p.item.contents = stmt.Int(kFound - 1) ? ContentsState::kListed : ContentsState::kNotGiven;
    }
    if (!stmt.IsNull(kFound + 1)) {
      p.edges.push_back({stmt.Text(kFound + 1), stmt.Int(kFound + 2)});
      children.push_back(p.edges.back().child);
    }
  }
  stmt.Reset();
  if (!s.ok()) return s;
  for (const std::string& p : parts)  // ReadComponents' order
    if (auto it = prefetched_.find(p); it != prefetched_.end())
      std::sort(it->second.edges.begin(), it->second.edges.end(),
                [](const BomEdge& a, const BomEdge& b) { return a.child < b.child; });
  return Status::Ok();
}

// Two queries for the whole catalogue, in one snapshot: every bill-of-materials edge first (the
// flat scan an audit needs anyway; a few MB at 10^5 edges), then every part. Which parts have a
// bill of materials, and each one's edges, are then answered from memory instead of one query per
// part; the row being handed out answers ReadPart of itself (BomReader reads the part first).
Status SqliteBackend::ForEachPart(const std::function<bool(const StoredPartRow&)>& fn) {
  struct Streaming {  // clears the stream's state however the pass ends
    SqliteBackend& b;
    ~Streaming() {
      b.stream_boms_ = nullptr;
      b.stream_row_ = nullptr;
      b.stream_uses_ = nullptr;
      b.stream_kept_ = nullptr;
    }
  };
  if (stream_boms_) return Status::Error("ForEachPart: already streaming the catalogue");
  return InReadSnapshot([&]() -> Status {
    std::vector<std::pair<std::string, std::vector<BomEdge>>> boms;
    {
      auto edges =
          db_.Prepare("SELECT parent, child, quantity FROM part_components ORDER BY parent, child");
      if (!edges.ok()) return edges.status();
      Status s;
      while (edges->Step(s)) {
        std::string_view parent = edges->TextView(0);
        if (boms.empty() || boms.back().first != parent)
          boms.emplace_back(parent, std::vector<BomEdge>{});
        boms.back().second.push_back({edges->Text(1), edges->Int(2)});
      }
      if (!s.ok()) return s;
    }
    // SQLite's BINARY order is memcmp's, as std::string's: sorted already, but a lookup must not
    // depend on that.
    if (!std::is_sorted(boms.begin(), boms.end(),
                        [](const auto& a, const auto& b) { return a.first < b.first; }))
      std::sort(boms.begin(), boms.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
    // Not from the cache: ReadPart runs while this one is being stepped.
    auto stmt =
        db_.Prepare("SELECT part_number, coalesce(declared_eccn, ''), " CHIPGATE_PART_ATTRIBUTES
                    ", coalesce(bom_complete, 0) FROM parts ORDER BY part_number");
    if (!stmt.ok()) return stmt.status();
    constexpr int kFlags = 2 + static_cast<int>(kPartAttributeCount);
    // How many parents each component has: the reads of it to expect while the stream lasts.
    std::unordered_map<std::string, int64_t> uses;
    for (const auto& bom : boms)
      for (const BomEdge& e : bom.second) ++uses[e.child];
    // The components in part-number order, to meet them in the stream by a merge, as the parents.
    std::vector<const std::string*> components;
    components.reserve(uses.size());
    for (const auto& u : uses) components.push_back(&u.first);
    std::sort(components.begin(), components.end(),
              [](const std::string* a, const std::string* b) { return *a < *b; });
    auto next_component = components.begin();
    std::unordered_map<std::string, ItemFacts> kept;
    Streaming streaming{*this};
    stream_boms_ = &boms;
    stream_uses_ = &uses;
    stream_kept_ = &kept;
    Status s;
    ItemFacts item;  // reused row to row, with part and declared: a streamed part allocates nothing
    std::string declared;
    auto next_bom = boms.begin();  // both in part-number order: a merge, no lookup per part
    while (stmt->Step(s)) {
      item.part.assign(stmt->TextView(0));
      declared.assign(stmt->TextView(1));
      while (next_bom != boms.end() && next_bom->first < item.part) ++next_bom;
      bool has_components = next_bom != boms.end() && next_bom->first == item.part;
      item.has_specs = true;
      item.contents = stmt->Int(kFlags) ? ContentsState::kListed : ContentsState::kNotGiven;
      AssignSpecs(stmt.value(), 2, item);
      while (next_component != components.end() && **next_component < item.part) ++next_component;
      if (next_component != components.end() && **next_component == item.part &&
          uses[item.part] > 0)
        kept.insert_or_assign(item.part, item);
      stream_row_ = &item;
      if (!fn(StoredPartRow{item.part, declared, has_components, item})) return Status::Ok();
      stream_row_ = nullptr;
    }
    return s;
  });
}

// Lines come joined to their shipment, in order; a shipment is handed over once its last line
// has been read (when the id changes, and after the last row).
Status SqliteBackend::ForEachShipment(const std::function<bool(const StoredShipment&)>& fn) {
  auto stmt = db_.Prepare(
      "SELECT s.id, s.date, s.consignee, s.consignee_country, s.end_user, s.end_user_country, "
      "coalesce(s.end_user_headquarters, ''), l.line, l.part_number, l.quantity, "
      "coalesce(l.license, ''), coalesce(s.consignee_id, ''), coalesce(s.end_user_id, ''), "
      "coalesce(s.end_use, ''), l.unit_value_cents "
      "FROM shipments s JOIN shipment_lines l ON l.shipment_id = s.id ORDER BY s.date, s.id, "
      "l.line");
  if (!stmt.ok()) return stmt.status();
  Status s;
  StoredShipment current;
  auto flush = [&] { return current.id.empty() || fn(current); };
  while (stmt->Step(s)) {
    std::string id = stmt->Text(0);
    if (id != current.id) {
      if (!flush()) return Status::Ok();
      current = StoredShipment{};
      current.id = id;
      current.date = ParseDate(stmt->Text(1)).value_or(Date{});
      current.consignee = PartyFacts::Of(stmt->Text(2), stmt->Text(3), "", "");
      current.end_user = PartyFacts::Of(stmt->Text(4), stmt->Text(5), stmt->Text(6), "");
      current.consignee.id = stmt->Text(11);
      current.end_user.id = stmt->Text(12);
      current.end_use = stmt->Text(13);
    }
    // A NULL unit value is one nobody gave; the column's CHECK keeps a stored one at zero or more.
    current.lines.push_back(
        {static_cast<int>(stmt->Int(7)), stmt->Text(8), stmt->Int(9), stmt->Text(10),
         stmt->IsNull(14) ? std::nullopt : std::optional<UsdCents>(stmt->Int(14))});
  }
  if (s.ok()) flush();
  return s;
}

// ---- import ----

Result<bool> SqliteBackend::PartExists(const std::string& part) {
  auto stmt = Cached("SELECT 1 FROM parts WHERE part_number = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value()->Bind(1, part);
  Status s;
  bool found = stmt.value()->Step(s);
  stmt.value()->Reset();
  if (!s.ok()) return s;
  return found;
}

// An upsert that sets every column, so re-importing a catalogue replaces a part's data (an empty
// cell clears the stored value) without deleting the row, which would cascade to its bill of
// materials. Attribute parameters follow kPartAttributes: ?6 is its first row.
Status SqliteBackend::UpsertPart(const PartImportRow& row) {
  auto cached = Cached(
      "INSERT INTO parts (part_number, description, declared_eccn, source, "
      "bom_complete, " CHIPGATE_PART_ATTRIBUTES
      ") VALUES (?1, ?2, ?3, ?4, ?5, " CHIPGATE_PART_ATTRIBUTE_PARAMETERS
      ") ON CONFLICT(part_number) DO UPDATE SET (description, declared_eccn, source, "
      "bom_complete, " CHIPGATE_PART_ATTRIBUTES
      ") = (excluded.description, "
      "excluded.declared_eccn, excluded.source, "
      "excluded.bom_complete, " CHIPGATE_PART_ATTRIBUTES_EXCLUDED ")");
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  st.Bind(1, row.part_number).BindTextOrNull(2, row.description);
  st.BindTextOrNull(3, row.declared_eccn).BindTextOrNull(4, row.source);
  row.bom_complete ? st.Bind(5, int64_t{*row.bom_complete}) : st.BindNull(5);
  for (size_t i = 0; i < kPartAttributeCount; ++i) {
    const PartImportRow::Cell& cell = row.attributes[i];
    int param = 6 + static_cast<int>(i);
    if (!cell.known) {
      st.BindNull(param);
      continue;
    }
    switch (kPartAttributes[i].kind) {
      case AttributeKind::kText:
      case AttributeKind::kFreeText:
        st.Bind(param, cell.text);
        break;
      case AttributeKind::kNonNegative:
      case AttributeKind::kPositive:
        st.BindDouble(param, cell.number);
        break;
      case AttributeKind::kFlag:
        st.Bind(param, int64_t{cell.flag});
        break;
    }
  }
  return st.Run();
}

Status SqliteBackend::UpsertComponent(const std::string& parent, const std::string& child,
                                      int64_t quantity) {
  auto st = Cached(
      "INSERT INTO part_components (parent, child, quantity) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(parent, child) DO UPDATE SET quantity = excluded.quantity");
  if (!st.ok()) return st.status();
  return st.value()->Bind(1, parent).Bind(2, child).Bind(3, quantity).Run();
}

// Every edge, not only this import's: a cycle may close through rows stored earlier.
Status SqliteBackend::ForEachComponentEdge(
    const std::function<void(const std::string&, const std::string&)>& fn) {
  auto st = db_.Prepare("SELECT parent, child FROM part_components ORDER BY parent, child");
  if (!st.ok()) return st.status();
  Status s;
  while (st->Step(s)) fn(st->Text(0), st->Text(1));
  return s;
}

// A plain insert: shipments are history, so an id already stored violates the primary key and
// the importer reports it as already recorded.
Status SqliteBackend::InsertShipment(const ShipmentImportRow& row) {
  auto cached = Cached(
      "INSERT INTO shipments (id, date, consignee, consignee_country, end_user, "
      "end_user_country, end_user_headquarters, consignee_id, end_user_id, end_use) VALUES (?1, "
      "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  st.Bind(1, row.id).Bind(2, row.date).Bind(3, row.consignee).Bind(4, row.consignee_country);
  st.Bind(5, row.end_user).Bind(6, row.end_user_country);
  st.BindTextOrNull(7, row.end_user_headquarters).BindTextOrNull(8, row.consignee_id);
  st.BindTextOrNull(9, row.end_user_id).BindTextOrNull(10, row.end_use);
  return st.Run();
}

Status SqliteBackend::InsertShipmentLine(const ShipmentLineImportRow& row) {
  auto cached = Cached(
      "INSERT INTO shipment_lines (shipment_id, line, part_number, quantity, license, "
      "unit_value_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  st.Bind(1, row.shipment_id).Bind(2, row.line).Bind(3, row.part_number).Bind(4, row.quantity);
  st.BindTextOrNull(5, row.license);
  row.unit_value ? st.Bind(6, *row.unit_value) : st.BindNull(6);
  return st.Run();
}

#undef CHIPGATE_PART_ATTRIBUTES
#undef CHIPGATE_PART_ATTRIBUTES_EXCLUDED
#undef CHIPGATE_PART_ATTRIBUTE_PARAMETERS

}  // namespace chipgate
