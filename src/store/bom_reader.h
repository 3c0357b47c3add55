// BomReader: reads a part and its bill of materials from the inventory as a DAG. Each distinct
// (part, quantity) is built once and shared wherever it appears, so a bill of materials whose
// sub-assemblies are reused costs its number of rows, not its number of paths. The store's
// lookups (LookupPart, Complete, CompleteAll, ForEachPartWithData) all read through it, over any
// backend's InventoryReader.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/backend.h"

namespace chipgate {

// Bounds of one expansion. Beyond them the root part is returned with ContentsState::kTooLarge
// (its contents unknown, so it is decided `review`), never partially expanded.
inline constexpr int kMaxBomDepth = 32;  // levels below the part read
inline constexpr size_t kMaxBomItems =
    100000;  // distinct (part, quantity) items built for one part

class BomReader {
 public:
  explicit BomReader(InventoryReader& db) : db_(db) {}

  // The part with its bill of materials; nullptr when the part is not in the database. A cycle
  // marks the part whose component closes it ContentsState::kCyclic (every part on the cycle
  // reaches that one). A database failure is an error. Items built by earlier calls on the same
  // reader are reused.
  Result<std::shared_ptr<ItemFacts>> Read(const std::string& part);

 private:
  struct Built {
    std::shared_ptr<ItemFacts> item;
    int height = 0;  // levels of components below it
  };
  Result<Built> Part(const std::string& part, double quantity, int depth, bool& found);
  Status Children(ItemFacts& item, int depth, int& height);
  void MarkCycle(ItemFacts& item, size_t from);

  InventoryReader& db_;
  std::map<std::pair<std::string, double>, Built> done_;
  std::vector<std::string> path_;  // parts being read, outermost first
  size_t built_ = 0;               // items built by the current Read
  bool over_ = false;              // the current Read went over kMaxBomItems
};

}  // namespace chipgate
