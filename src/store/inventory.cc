// Store's inventory reads, the same for every backend: part lookup with its bill of materials,
// completing manifest lines from the inventory, and streaming parts and shipments. Data access
// goes through InventoryReader; the bill of materials is walked by BomReader.
#include <algorithm>

#include "store/bom_reader.h"
#include "store/store_impl.h"

namespace chipgate {
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

// A fresh reader per call: nothing is kept between lookups, so a lookup sees the database as it
// is now. The copy out of the reader's shared item keeps the public type a plain value.
Result<std::optional<ItemFacts>> Store::LookupPart(const std::string& part_number) const {
  BomReader bom(*impl_->backend);
  auto item = bom.Read(part_number);
  if (!item.ok()) return item.status();
  if (!item.value()) return std::optional<ItemFacts>();
  return std::optional<ItemFacts>(*item.value());
}

Result<ItemFacts> Store::Complete(const ItemFacts& line) const {
  BomReader bom(*impl_->backend);
  return CompleteWith(bom, line);
}

// The whole manifest reads one snapshot: an import committing meanwhile cannot make two lines
// see two versions of a part. A failure names the line's part and leaves `lines` part-completed;
// callers treat it as an error for the whole manifest.
Status Store::CompleteAll(std::vector<ItemFacts*>& lines) const {
  // Lines are completed a block at a time, each block's parts asked for in one batch first
  // (PrefetchParts): what a backend keeps of a batch stays bounded however long the manifest is.
  constexpr size_t kBlock = 4096;
  return impl_->backend->InReadSnapshot([&]() -> Status {
    BomReader bom(*impl_->backend);  // one reader: a part on many lines is read once
    std::vector<std::string> parts;
    std::function<void(const ItemFacts&)> collect = [&](const ItemFacts& item) {
      parts.push_back(item.part);
      for (const auto& c : item.components) collect(c);
    };
    for (size_t at = 0; at < lines.size(); at += kBlock) {
      size_t end = std::min(lines.size(), at + kBlock);
      parts.clear();
      for (size_t i = at; i < end; ++i) collect(*lines[i]);
      if (Status p = impl_->backend->PrefetchParts(parts); !p.ok()) return p;
      for (size_t i = at; i < end; ++i) {
        ItemFacts* line = lines[i];
        auto done = CompleteWith(bom, *line);
        if (!done.ok())
          return Status::Error("part `" + line->part + "`: " + done.status().message());
        *line = std::move(done.value());
      }
    }
    return Status::Ok();
  });
}

// A database failure inside the stream (reading a bill of materials) stops it and is returned,
// rather than the stream's own status, which only says it was stopped.
Status Store::ForEachPartWithData(
    const std::function<bool(const std::string&, const std::string&, const ItemFacts&)>& fn) const {
  BomReader bom(*impl_->backend);  // sub-assemblies shared by many parts are read once
  Status failed;
  Status s = impl_->backend->ForEachPart([&](const StoredPartRow& row) {
    if (!row.has_components) return fn(row.part, row.declared_eccn, row.item);
    // A bill of materials: the reader follows the children.
    auto full = bom.Read(row.part);
    if (!full.ok()) {
      failed = full.status();
      return false;
    }
    return !full.value() || fn(row.part, row.declared_eccn, *full.value());
  });
  return failed.ok() ? s : failed;
}

Result<Store::InventorySize> Store::CountInventory() const {
  InventorySize size;
  Status s = impl_->backend->InReadSnapshot([&]() -> Status {
    auto parts = impl_->backend->CountRows(ImportTable::kParts);
    if (!parts.ok()) return parts.status();
    auto shipments = impl_->backend->CountRows(ImportTable::kShipments);
    if (!shipments.ok()) return shipments.status();
    size = {parts.value(), shipments.value()};
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return size;
}

Status Store::ForEachShipment(const std::function<bool(const StoredShipment&)>& fn) const {
  return impl_->backend->ForEachShipment(fn);
}

}  // namespace chipgate
