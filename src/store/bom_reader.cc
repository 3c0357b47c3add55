// BomReader implementation: a depth-first read with a memo per (part, quantity) and the current
// path for cycle detection. Each part's edges are read in full before its children are, so a
// backend may reuse one prepared read for all of them.
#include "store/bom_reader.h"

#include <algorithm>

namespace chipgate {

Result<std::shared_ptr<ItemFacts>> BomReader::Read(const std::string& part) {
  if (done_.size() > kMaxBomItems) done_.clear();  // a long-lived reader keeps its memory bounded
  built_ = 0;
  over_ = false;
  path_.clear();
  bool found = false;
  auto built = Part(part, 1, 0, found);
  if (!built.ok()) return built.status();
  if (!found) return std::shared_ptr<ItemFacts>();
  if (!over_) return built->item;
  // Items built during an aborted read may be incomplete: forget them, and hand back the part's
  // own data with its contents marked unusable.
  done_.clear();
  auto out = std::make_shared<ItemFacts>(*built->item);
  out->components.clear();
  out->contents = ContentsState::kTooLarge;
  out->note =
      "its bill of materials has more than " + std::to_string(kMaxBomItems) + " distinct items";
  return out;
}

// Reads one item and, recursively, its children. `found` says whether the part is stored at all;
// the item is built once per (part, quantity), since a quantity is part of what an item says.
Result<BomReader::Built> BomReader::Part(const std::string& part, double quantity, int depth,
                                         bool& found) {
  auto key = std::make_pair(part, quantity);
  if (auto it = done_.find(key); it != done_.end()) {
    found = true;
    return it->second;
  }
  Built b{std::make_shared<ItemFacts>(), 0};
  ItemFacts& item = *b.item;
  auto read = db_.ReadPart(part, item);
  if (!read.ok()) return read.status();
  found = read.value();
  if (!found) return Built{};
  item.quantity = quantity;
  ++built_;
  if (built_ > kMaxBomItems) over_ = true;
  if (over_) return b;
  path_.push_back(part);
  Status c = Children(item, depth, b.height);
  path_.pop_back();
  if (!c.ok()) return c;
  // Only assemblies are kept: a leaf is one row to read again, and keeping every part a whole
  // catalogue pass reads (10^6 in an audit, 10^5 in a large check) cost more time and memory in
  // the map than it saved. Assemblies must be kept: they are what a shared sub-assembly repeats.
  if (!over_ && !item.components.empty()) done_.emplace(std::move(key), b);
  return b;
}

// The item's children, or the reason they cannot be used (a cycle through the current path, too
// deep). `height` becomes the number of levels below the item.
Status BomReader::Children(ItemFacts& item, int depth, int& height) {
  std::vector<BomEdge> rows;  // local: the children's reads happen while it is walked
  if (Status s = db_.ReadComponents(item.part, rows); !s.ok()) return s;
  if (rows.empty()) return Status::Ok();
  item.contents = ContentsState::kListed;  // component rows are the bill of materials
  for (const auto& [child, qty] : rows) {
    if (auto on_path = std::find(path_.begin(), path_.end(), child); on_path != path_.end()) {
      MarkCycle(item, static_cast<size_t>(on_path - path_.begin()));
      return Status::Ok();
    }
  }
  if (depth + 1 > kMaxBomDepth) {
    item.components.clear();
    item.contents = ContentsState::kTooLarge;
    item.note = "its bill of materials is nested more than " + std::to_string(kMaxBomDepth) +
                " levels deep";
    return Status::Ok();
  }
  for (const auto& [child, qty] : rows) {
    bool found = false;
    auto built = Part(child, static_cast<double>(qty), depth + 1, found);
    if (!built.ok()) return built.status();
    if (over_) return Status::Ok();
    if (!found) {  // only in a database edited with foreign keys off: a child with no data is
                   // `review`
      ItemFacts missing;
      missing.part = child;
      missing.quantity = static_cast<double>(qty);
      missing.note = "not found in the inventory database";
      item.components.push_back(std::move(missing));
      continue;
    }
    if (depth + 1 + built->height > kMaxBomDepth) {  // a shared item reached on a longer path
      item.components.clear();
      item.contents = ContentsState::kTooLarge;
      item.note = "its bill of materials is nested more than " + std::to_string(kMaxBomDepth) +
                  " levels deep";
      return Status::Ok();
    }
    height = std::max(height, built->height + 1);
    item.components.push_back(built->item);
  }
  return Status::Ok();
}

// `item` contains path_[from], which contains ... `item`: the cycle is path_[from..], written from
// its smallest part number so that every part on it names the same cycle.
void BomReader::MarkCycle(ItemFacts& item, size_t from) {
  std::vector<std::string> cycle(path_.begin() + static_cast<std::ptrdiff_t>(from), path_.end());
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  item.components.clear();
  item.contents = ContentsState::kCyclic;
  item.bom_cycle = std::move(cycle);
}

}  // namespace chipgate
