// Facts a decision is made from: the shipment (date, parties, end use) and the item on a line
// (technical attributes as written by the user, components). Attribute values are kept as text
// with their source location; the Engine types them against the pack's attribute declarations
// and reports bad values as diagnostics at that location.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chipgate/date.h"
#include "chipgate/diagnostic.h"

namespace chipgate {

// Where a fact came from, for explanations (`chipgate explain`): the manifest (or the facts a
// library caller passed), the inventory database or customer master (`--db`), the command line
// (`--date`), chipgate's default (today's date when none is given), the rule pack (a derived
// attribute, computed by the pack's formula from other facts), or the item's components (a
// `from_components` attribute one of them has). Never read by a decision: only reported.
enum class FactSource : uint8_t {
  kManifest,
  kDatabase,
  kCommandLine,
  kDefault,
  kPack,
  kComponents,
};
// "manifest", "database", "command line", "default", "pack", "components".
std::string_view FactSourceName(FactSource source);

struct SpecValue {
  std::string text;
  SourceLoc loc;
  // Set by typed sources (the inventory database): the value is this number (1/0 for a flag)
  // and `text` is unused, so no number goes through text and back. Checked like text values.
  std::optional<double> number;
  FactSource source = FactSource::kManifest;  // kDatabase when the inventory gave it

  std::string Text() const;  // `text`, or `number` written as the shortest round-trip text
};

struct ItemFacts;

// The components of an item: a list of shared sub-items. A sub-assembly used in several
// places of a bill of materials is one object, so a bill of materials is a DAG and its size is the
// number of distinct sub-items, not the number of paths through it. Reads behave like a
// std::vector<ItemFacts>; a mutable access copies a shared element first (copy on write), so
// changing one item never changes another that shares the component.
// Thread-safety: like std::vector (const use from many threads; mutation needs exclusive access).
class Components {
 public:
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = ItemFacts;
    using difference_type = std::ptrdiff_t;
    using pointer = const ItemFacts*;
    using reference = const ItemFacts&;
    explicit const_iterator(std::vector<std::shared_ptr<ItemFacts>>::const_iterator it) : it_(it) {}
    const ItemFacts& operator*() const { return **it_; }
    const ItemFacts* operator->() const { return it_->get(); }
    const_iterator& operator++() {
      ++it_;
      return *this;
    }
    bool operator==(const const_iterator& o) const { return it_ == o.it_; }
    bool operator!=(const const_iterator& o) const { return it_ != o.it_; }

   private:
    std::vector<std::shared_ptr<ItemFacts>>::const_iterator it_;
  };

  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  void clear() { items_.clear(); }
  void reserve(size_t n) { items_.reserve(n); }
  const_iterator begin() const { return const_iterator(items_.begin()); }
  const_iterator end() const { return const_iterator(items_.end()); }
  const ItemFacts& operator[](size_t i) const { return *items_[i]; }
  const ItemFacts& at(size_t i) const { return *items_.at(i); }
  const ItemFacts& back() const { return *items_.back(); }
  ItemFacts& operator[](size_t i) { return Mutable(i); }
  ItemFacts& back() { return Mutable(items_.size() - 1); }

  void push_back(ItemFacts item);
  // Shares `shared` (not copied): the same sub-item may appear under several items. The address of
  // a component is its identity, so code walking a bill of materials can visit each one once.
  void push_back(std::shared_ptr<ItemFacts> shared) { items_.push_back(std::move(shared)); }
  ItemFacts& emplace_back();

 private:
  ItemFacts& Mutable(size_t i);
  std::vector<std::shared_ptr<ItemFacts>> items_;
};

// What is known about an item's contents (its bill of materials).
enum class ContentsState : uint8_t {
  kNotGiven,  // nothing said what the item contains; a non-empty `components` still lists it
  kListed,    // `components` is the whole bill of materials, possibly empty (`components: []`,
              // or a database part marked complete)
  kCyclic,    // the stored bill of materials contains the item itself; `bom_cycle` names the parts
  kTooLarge,  // the stored bill of materials is beyond the expansion bounds (`note` says which)
};

// The state's name in documents (docs/db-schema.md, the facts digest, `parts show`): not_given,
// listed, cyclic, too_large. A new state must get a new name here, not fall through.
inline const char* ContentsStateName(ContentsState c) {
  switch (c) {
    case ContentsState::kNotGiven:
      return "not_given";
    case ContentsState::kListed:
      return "listed";
    case ContentsState::kCyclic:
      return "cyclic";
    case ContentsState::kTooLarge:
      return "too_large";
  }
  return "not_given";
}

struct ItemFacts {
  std::string part;
  SourceLoc loc;
  double quantity = 1;
  bool has_specs = false;  // false: no technical data was given for this item at all
  std::string note;        // why there is no data (e.g. "not found in the inventory database")
  std::vector<std::pair<std::string, SpecValue>> specs;
  Components components;
  ContentsState contents = ContentsState::kNotGiven;
  std::vector<std::string>
      bom_cycle;  // kCyclic: the parts on the cycle, smallest part number first

  // Whether `components` is known to be everything the item contains.
  bool ContentsKnown() const {
    return contents == ContentsState::kListed ||
           (contents == ContentsState::kNotGiven && !components.empty());
  }
  // A stored bill of materials that cannot be used at all (cyclic or too large).
  bool ContentsUnusable() const {
    return contents == ContentsState::kCyclic || contents == ContentsState::kTooLarge;
  }

  // Programmatic helpers for library users (no source location).
  ItemFacts& Set(const std::string& name, const std::string& text);
  ItemFacts& Set(const std::string& name, double number);
  ItemFacts& Set(const std::string& name, const char* text) { return Set(name, std::string(text)); }
  ItemFacts& Set(const std::string& name, bool flag);
};

// Who owns a party, as far as it is known: owners and their owners as a graph (it may have
// cycles: cross-holdings). Node 0 is the party itself; every other node is an owner somewhere up
// the chain. A link says `owner` holds `share` percent of `owned` directly. Indirect ownership is
// computed from the links (docs/screening.md, "Ownership and the affiliates rule").
struct OwnershipGraph {
  struct Node {
    std::string id;       // the customer-master party id, when known
    std::string name;     // screened like a party name
    std::string country;  // ISO 3166-1 alpha-2; empty = unknown
    SourceLoc loc;
  };
  struct Link {
    int owner = 0;     // index into nodes
    int owned = 0;     // index into nodes
    double share = 0;  // percent of `owned` held directly by `owner`, in (0, 100]
    SourceLoc loc;
  };
  std::vector<Node> nodes;
  std::vector<Link> links;
};

// Whether anything is known about who owns a party. kGiven with no links means the owners are
// known and none holds a share worth listing (`owners: []`); kNotGiven means nobody said, so the
// affiliates rule cannot be checked for the party.
enum class OwnershipState : uint8_t { kNotGiven, kGiven };

struct PartyFacts {
  std::string name;
  std::string country;              // ISO 3166-1 alpha-2; empty = unknown
  std::string headquarters;         // country of the headquarters; empty = unknown
  std::string parent_headquarters;  // country of the ultimate parent's headquarters
  SourceLoc loc;
  std::string id;           // the party's id in the customer master (`id:`, or found by name)
  std::string parent_name;  // the ultimate parent's name, when known
  OwnershipState ownership = OwnershipState::kNotGiven;
  OwnershipGraph owners;  // kGiven: node 0 is this party

  // Programmatic helper for library users (no source location, nothing else known).
  static PartyFacts Of(std::string name, std::string country, std::string headquarters = "",
                       std::string parent_headquarters = "") {
    PartyFacts p;
    p.name = std::move(name);
    p.country = std::move(country);
    p.headquarters = std::move(headquarters);
    p.parent_headquarters = std::move(parent_headquarters);
    return p;
  }
};

// Two sources that disagree about one fact (the manifest and the customer master, say). The
// fact's slot holds the value the completing code chose; the disagreement itself makes the line
// `review`, so a line is never cleared on the word of one source against another.
struct FactConflict {
  std::string fact;  // the fact's name, e.g. "end_user.headquarters"
  struct Claim {
    std::string source;  // e.g. "manifest", "database"
    std::string value;   // as that source states it ("" = states none)
  };
  Claim first, second;
};

struct ShipmentFacts {
  std::string id;
  Date date;
  PartyFacts consignee;
  PartyFacts end_user;  // the destination is the end user's country
  std::string end_use;
  SourceLoc loc;
  std::vector<FactConflict>
      conflicts;  // found while completing the facts (Store::CompleteShipment)
  // Facts that did not come from the manifest, by the name rules read them with (`date`,
  // `end_user.headquarters`, `consignee.id`; docs/rule-language.md, "Shipment facts"): set by
  // whoever fills them (Store::CompleteShipment, the command line). A fact not listed came from
  // the manifest; the last entry for a fact wins.
  std::vector<std::pair<std::string, FactSource>> sources;

  // The source of fact `name`; `destination` is the end user's country.
  FactSource SourceOf(std::string_view name) const;
  void SetSource(std::string name, FactSource source) {
    sources.emplace_back(std::move(name), source);
  }
};

}  // namespace chipgate
