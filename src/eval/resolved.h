// Resolved facts: items and shipments typed against a Program's slots, ready to evaluate.
// Built once per manifest line / shipment (eval/resolver.h), then decided as often as needed.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ast/fact_catalog.h"
#include "chipgate/facts.h"
#include "compile/program.h"
#include "screen/party_match.h"

namespace chipgate {

struct ScreeningListsData;

// Attribute values of one item, stored inside the item for up to kInline attributes so that
// deciding a line touches one contiguous block of memory (the evaluator is bound by cache misses
// on catalogue-sized inputs, not by arithmetic).
class SlotArray {
 public:
  static constexpr size_t kInline = 12;
  void assign(size_t n, const RtValue& v) {
    size_ = n;
    heap_.clear();
    if (n > kInline) heap_.assign(n, v);
    for (size_t i = 0; i < std::min(n, kInline); ++i) inline_[i] = v;
  }
  RtValue* data() { return size_ > kInline ? heap_.data() : inline_; }
  const RtValue* data() const { return size_ > kInline ? heap_.data() : inline_; }
  RtValue& operator[](size_t i) { return data()[i]; }
  const RtValue& operator[](size_t i) const { return data()[i]; }
  size_t size() const { return size_; }

 private:
  RtValue inline_[kInline];
  std::vector<RtValue> heap_;
  size_t size_ = 0;
};

// What the evaluator may assume about an item's contents.
enum class ContentsStatus : uint8_t {
  kKnown,    // `children` is everything it contains, or the pack does not need its contents
  kUnknown,  // the pack needs its contents (`requires_contents`) and no bill of materials was given
  kUnusable,  // the stored bill of materials is cyclic or too large; `contents_note` says which
};

struct ResolvedItemData {
  // Hot fields first: deciding a line reads these and the slots right after them.
  bool has_data = false;  // false: nothing at all is known about this item
  ContentsStatus contents = ContentsStatus::kKnown;
  uint64_t present = 0;  // bit i set when slot i is known
  double quantity = 1;
  // Components are shared: a sub-item that appears several times in a bill of materials is one
  // node, so a line's items form a DAG. `index` numbers the distinct nodes of one line (0 is the
  // line's item) and `node_count` (on the line's item) counts them, so the evaluator can work on
  // each node once.
  std::vector<std::shared_ptr<const ResolvedItemData>> children;
  uint32_t index = 0;
  uint32_t node_count = 1;
  int height = 0;  // levels of components below this node
  uint64_t contradicted =
      0;            // bit i: attribute i (from_components) declared false, a component true
  SlotArray slots;  // one per attribute; derived ones computed
  std::string part;
  // Free-string attributes (no declared values) as given, by slot: their interned id is -1 when
  // no literal of the pack has their key, so traces show this text, never a lookup of the id.
  std::vector<std::pair<int, std::string>> texts;
  std::string note;           // why there is no data, when known
  std::string contents_note;  // kUnknown / kUnusable: what is wrong with the bill of materials
};

struct PartyHit {
  int party = -1;
  const char* role = "";                         // "consignee" or "end user"
  std::string name;                              // the screened name as written
  PartyMatchKind kind = PartyMatchKind::kExact;  // not exact: a possible match, decided as `review`
  double score = 1;  // 1 for exact matches, else the similarity or coverage (MatchPartyKeys)
  std::string matched_name;  // the party's name or alias it matched, as written
};

// A hit on the name of a party the consignee or end user is related to: an owner somewhere up
// its ownership graph (`hit.role` "owner") or its ultimate parent ("parent"). Possible (not
// exact) matches make the line `review`; exact ones count toward the affiliates rule
// (AffiliateFinding) and add no reason by themselves.
struct RelatedHit {
  PartyHit hit;    // `hit.name` is the owner's or parent's name as written
  std::string of;  // whose owner or parent it is, e.g. "end user `Foo Ltd`"
  // True: `hit.party` is an entry of the imported lists (ResolvedShipmentData::lists), else a
  // party of the Program.
  bool on_list = false;
};

// What the affiliates rule found for the consignee or end user on the shipment's date.
struct AffiliateFinding {
  enum class Kind : uint8_t {
    kAffiliate,     // owned at or above the threshold by listed parties: `decision` applies
    kPossible,      // only owners that possibly match a listed party could reach the threshold
    kUndetermined,  // the listed share did not settle within the iteration bound
    kUnchecked,     // nobody said who owns the party
    // The ultimate parent is listed, and the ownership given does not say how much of the party
    // it holds (none given, or the parent is not among the owners): very likely an affiliate.
    kParentListed,
  };
  Kind kind = Kind::kUnchecked;
  std::string party;                              // e.g. "end user `Foo Ltd`"
  DecisionKind decision = DecisionKind::kReview;  // kAffiliate: the listed owners' most restrictive
  std::string detail;
};

struct ResolvedShipmentData {
  Date date;
  int epoch = 0;
  RtValue facts[kFactCount];
  uint32_t fact_present = 0;
  // String facts as stated (names, ids) or resolved (`end_use`: the declared id), for traces and
  // explanations: the interned id of a name no rule mentions is -1, which says nothing.
  std::string fact_text[kFactCount];
  std::vector<PartyHit> hits;
  // Hits on imported screening lists (eval/list_screen.h): `party` is the entry's index in
  // `lists`, which the hits' reasons (and those of `related_hits` on lists) point into, so the
  // shipment keeps it alive. Empty without lists.
  std::vector<PartyHit> list_hits;
  std::shared_ptr<const ScreeningListsData> lists;
  // The versions of `lists` in force on the date, one per source set (VersionsInForce): only
  // their entries hit, and a hit's reason names the one its entry is in.
  std::vector<int> list_versions;
  // Per rule: the Tri value of its `when` when that reads only shipment facts (evaluated once
  // by the resolver, see Code::shipment_only), else kNotPrecomputed.
  static constexpr uint8_t kNotPrecomputed = 0xFF;
  std::vector<uint8_t> rule_when;
  // What the evaluator adds to every line of the shipment (typed reasons, see decision.h):
  bool outside_coverage = false;  // the date is outside Program::coverage_from/until
  std::string unknown_end_use;    // the end use as stated, when the pack declares no such end use
  std::vector<int> notes;         // Program::notes in force on the date
  // Who the parties are (docs/screening.md): hits on owners' and parents' names, the affiliates
  // rule's findings (only while a period of the rule in force contains the date, whose cite they
  // show), and the disagreements between sources the facts carried.
  std::vector<RelatedHit> related_hits;
  std::vector<AffiliateFinding> affiliates;
  const AffiliatesInfo::Period* affiliates_period = nullptr;
  std::vector<FactConflict> conflicts;
};

}  // namespace chipgate
