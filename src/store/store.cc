// Store: opening (with migrations) and the inventory reads: part lookup with bills of
// materials, and streaming over parts and shipments.
#include <sys/stat.h>
#include <charconv>
#include <cstdlib>
#include <filesystem>

#include "store/bom_reader.h"
#include "store/migrations.h"
#include "store/store_impl.h"

namespace chipgate {

Result<sql::Stmt*> Store::Impl::Cached(sql::SqlText text) {
  auto it = cache.find(text.view());
  if (it == cache.end()) {
    auto stmt = db.Prepare(text);
    if (!stmt.ok()) return stmt.status();
    it = cache.emplace(std::string(text.view()), std::move(stmt.value())).first;
  }
  it->second.Reset();
  return &it->second;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::Open(const std::string& path, const StoreOptions& in) {
  StoreOptions options = in;
  // Operators (and tests) may shorten or lengthen the wait for another writer.
  if (const char* ms = std::getenv("CHIPGATE_BUSY_TIMEOUT_MS"))
    options.busy_timeout_ms = std::atoi(ms);
  std::error_code ec;
  bool existed = std::filesystem::exists(path, ec);
  if (!existed && !options.create)
    return Status::Error("database `" + path +
                         "` does not exist (create it with `chipgate db init`)");
  if (!existed) {
    // Created databases are readable by the owner and group only, never world-writable.
    mode_t old = umask(027);
    auto db = sql::Db::Open(path, true, false, options.busy_timeout_ms);
    umask(old);
    if (!db.ok()) return db.status();
  }
  auto db = sql::Db::Open(path, false, options.read_only, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  if (options.large_cache) {
    if (Status s = db->Exec("PRAGMA cache_size = -65536"); !s.ok()) return s;  // KiB when negative
  }
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db.value());
  impl->path = path;
  impl->read_only = options.read_only;
  impl->clock = options.clock ? options.clock : &SystemClock();
  if (Status s = ApplyMigrations(impl->db, path, options.read_only); !s.ok()) return s;
  impl->version = kSchemaVersion;
  return Store(std::move(impl));
}

const std::string& Store::path() const { return impl_->path; }
int Store::schema_version() const { return impl_->version; }
const Clock& Store::clock() const { return *impl_->clock; }

// Entries already in out.specs are overwritten in place, so a reused item keeps its string
// capacity and a streamed row allocates nothing.
void AssignSpecs(const sql::Stmt& stmt, int first, ItemFacts& out) {
  size_t n = 0;
  int col = first;
  for (const AttributeColumn& c : kAttributeColumns) {
    int i = col++;
    if (stmt.IsNull(i)) continue;
    if (n == out.specs.size()) out.specs.emplace_back();
    auto& [name, value] = out.specs[n++];
    name.assign(c.name);
    value.loc = {};
    if (c.kind == ColumnKind::kReal) {  // typed: no number -> text -> number round trip
      value.text.clear();
      value.number = stmt.Double(i);
    } else {
      value.text.assign(c.kind == ColumnKind::kText ? stmt.TextView(i)
                        : stmt.Int(i)               ? "true"
                                                    : "false");
      value.number.reset();
    }
  }
  out.specs.resize(n);
}

namespace {

// A manifest line completed from the inventory (see Store::Complete), reading through `bom`.
Result<ItemFacts> CompleteWith(BomReader& bom, const ItemFacts& line) {
  auto stored = bom.Read(line.part);
  if (!stored.ok()) return stored.status();
  ItemFacts out = line;
  if (const ItemFacts* db = stored.value().get()) {
    out.has_specs = true;
    out.specs = db->specs;
    for (const auto& spec : line.specs) {  // inline values win
      std::erase_if(out.specs, [&](const auto& s) { return s.first == spec.first; });
      out.specs.push_back(spec);
    }
    // The line's own non-empty list replaces the stored bill of materials; otherwise the stored
    // one is used, and the line's explicit `components: []` only fills a bill the database lacks.
    if (line.components.empty() &&
        (db->contents != ContentsState::kNotGiven || line.contents != ContentsState::kListed)) {
      out.components = db->components;
      out.contents = db->contents;
      out.bom_cycle = db->bom_cycle;
      if (db->ContentsUnusable()) out.note = db->note;
    }
  } else if (!line.has_specs && line.components.empty()) {
    out.note = "not found in the inventory database";
  }
  if (!line.components.empty()) {
    out.components.clear();
    for (const auto& c : line.components) {
      auto done = CompleteWith(bom, c);
      if (!done.ok()) return done.status();
      out.components.push_back(std::move(done.value()));
    }
  }
  return out;
}

}  // namespace

Result<std::optional<ItemFacts>> Store::LookupPart(const std::string& part_number) const {
  BomReader bom(*impl_);
  auto item = bom.Read(part_number);
  if (!item.ok()) return item.status();
  if (!item.value()) return std::optional<ItemFacts>();
  return std::optional<ItemFacts>(*item.value());
}

Result<ItemFacts> Store::Complete(const ItemFacts& line) const {
  BomReader bom(*impl_);
  return CompleteWith(bom, line);
}

Status Store::CompleteAll(std::vector<ItemFacts*>& lines) const {
  if (Status s = impl_->db.Exec("BEGIN"); !s.ok()) return s;
  BomReader bom(*impl_);  // one reader: a part on many lines is read once
  for (ItemFacts* line : lines) {
    auto done = CompleteWith(bom, *line);
    if (!done.ok()) {
      impl_->db.Exec("ROLLBACK");
      return Status::Error("part `" + line->part + "`: " + done.status().message());
    }
    *line = std::move(done.value());
  }
  return impl_->db.Exec("COMMIT");
}

Status Store::ForEachPartWithData(
    const std::function<bool(const std::string&, const std::string&, const ItemFacts&)>& fn) const {
  auto stmt = impl_->db.Prepare(
      "SELECT p.part_number, coalesce(p.declared_eccn, ''), "
      "p.type, p.tpp, p.die_area_mm2, p.datacenter, p.io_bandwidth_gbs, "
      "p.memory_bandwidth_density, "
      "p.dram_bandwidth_gbs, EXISTS (SELECT 1 FROM part_components c WHERE c.parent = "
      "p.part_number), "
      "coalesce(p.bom_complete, 0) FROM parts p ORDER BY p.part_number");
  if (!stmt.ok()) return stmt.status();
  Status s;
  ItemFacts item;  // reused row to row, with part and declared: a streamed part allocates nothing
  std::string part, declared;
  BomReader bom(*impl_);  // sub-assemblies shared by many parts are read once
  while (stmt->Step(s)) {
    part.assign(stmt->TextView(0));
    declared.assign(stmt->TextView(1));
    if (stmt->Int(9)) {  // a bill of materials: the reader follows the children
      auto full = bom.Read(part);
      if (!full.ok()) return full.status();
      if (!full.value()) continue;
      if (!fn(part, declared, *full.value())) return Status::Ok();
      continue;
    }
    item.part = part;
    item.has_specs = true;
    item.contents = stmt->Int(10) ? ContentsState::kListed : ContentsState::kNotGiven;
    AssignSpecs(stmt.value(), 2, item);
    if (!fn(part, declared, item)) return Status::Ok();
  }
  return s;
}

Status Store::ForEachShipment(const std::function<bool(const StoredShipment&)>& fn) const {
  auto stmt = impl_->db.Prepare(
      "SELECT s.id, s.date, s.consignee, s.consignee_country, s.end_user, s.end_user_country, "
      "coalesce(s.end_user_headquarters, ''), l.line, l.part_number, l.quantity, "
      "coalesce(l.license, '') "
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
      current.consignee = {stmt->Text(2), stmt->Text(3), "", "", {}};
      current.end_user = {stmt->Text(4), stmt->Text(5), stmt->Text(6), "", {}};
    }
    current.lines.push_back(
        {static_cast<int>(stmt->Int(7)), stmt->Text(8), stmt->Int(9), stmt->Text(10)});
  }
  if (s.ok()) flush();
  return s;
}

}  // namespace chipgate
