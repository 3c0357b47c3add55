// Program: the compiled, immutable form of a rule pack. Expressions are flat bytecode over
// typed slots; country groups are bitsets; the timeline is cut into epochs (periods in which no
// entry starts or ends), and each epoch has its own active class list and rule index, so a
// decision binary-searches the date once and never scans rules that cannot apply.
// Thread-safety: a Program is never modified after Compile and may be shared across threads.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/country.h"
#include "chipgate/date.h"
#include "chipgate/decision.h"
#include "chipgate/pack_change.h"
#include "screen/party_screen.h"

namespace chipgate {

// A runtime value. The static type decides which field is meaningful: numbers use `num`;
// bools (0/1), dates (days), countries (CountryIndex) and strings (interned id) use `i`.
struct RtValue {
  double num = 0;
  int32_t i = 0;
  bool known = false;
};

enum class Op : uint8_t {
  kConstNum,
  kConstInt,
  kAttr,
  kFact,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kNeg,
  kMin,
  kMax,
  kEqNum,
  kNeNum,
  kLtNum,
  kLeNum,
  kGtNum,
  kGeNum,
  kEqInt,
  kNeInt,
  kLtInt,
  kLeInt,
  kGtInt,
  kGeInt,
  kAnd,
  kOr,
  kNot,
  kInSet,
  kInList,
  kKnownAttr,
  kKnownFact,
  kIs,
  kContains,
  // Short-circuit: if the top is known false (true), jump to `arg` leaving it as the result.
  kJumpIfFalse,
  kJumpIfTrue,
  kQuantity,  // the line's quantity (the one per-line fact)
  // Fused `attribute <op> constant` (arg = slot, num = constant): the common shape of thresholds.
  kAttrLtNum,
  kAttrLeNum,
  kAttrGtNum,
  kAttrGeNum,
  kAttrEqNum,
  kAttrNeNum,
  kAttrEqInt,
  kAttrNeInt,
};

struct Instr {
  Op op;
  int32_t arg = 0;
  double num = 0;
};

// Three-valued truth: the result of a predicate.
enum Tri : uint8_t { kFalse = 0, kTrue = 1, kUnknown = 2 };

struct Code {
  std::vector<Instr> instrs;  // empty code means `true`
  uint64_t attr_refs = 0;     // attributes read, derived ones expanded to their inputs too
  uint32_t fact_refs = 0;     // shipment facts read
  // Reads only shipment facts (no attribute, quantity, is() or contains()): its value is the
  // same for every line of a shipment, so the resolver evaluates it once per shipment.
  bool shipment_only = false;
  std::string text;  // source text, for explanations
};

using CountrySet = std::bitset<kCountrySlots>;

struct AttrInfo {
  std::string name;
  int type = 0;                   // Type enum value
  std::vector<int32_t> enum_ids;  // interned ids of allowed values; empty = any string
  bool derived = false;
  Code code;              // for derived attributes
  double min = -1e308;    // numbers: smallest allowed value (inclusive)
  bool positive = false;  // numbers: must be greater than zero
  // Bills of materials: values (interned ids) whose items must have known contents, and whether
  // the item's value is also true when a component's is (`from_components: any`, bools only).
  std::vector<int32_t> requires_contents;
  bool from_components = false;
};

struct ClassInfo {
  std::string id, paragraph, title, cite;
  int id_name = -1, paragraph_name = -1;  // class-name indices
  Code when;
};

struct RuleInfo {
  std::string id, cite, message, policy;
  DecisionKind decision;
  // `enabled: false` in the pack: compiled but in no epoch's index, so never evaluated; explain
  // lists it with `disabled_reason` (may be empty).
  bool enabled = true;
  std::string disabled_reason;
  bool any_item = false;
  std::vector<int> class_names;  // class-name indices the rule applies to
  Code when;
};

struct ExceptionInfo {
  std::string id, code, cite;
  std::vector<int> covers;       // rule indices
  std::vector<int> class_names;  // empty = no class restriction
  std::vector<std::string> conditions;
  Code when;
};

struct PartyInfo {
  std::string id, name, cite, message, list, footnote;
  DecisionKind effect;
};

// An end use the pack declares; `id` is interned as `string_id` (the `end_use` fact's value).
struct EndUseInfo {
  std::string id;
  int32_t string_id = -1;
};

// A pack note shown on every line dated in [from, until); it never changes a decision.
struct NoteInfo {
  std::string id, message, cite;
  Date from = kMinDate, until = kMaxDate;
};

// Citations of the reasons the evaluator adds itself (`pack: reason_cites:`); empty when the pack
// gives none.
struct BuiltinCites {
  std::string item_data, bill_of_materials, contents_contradiction, pack_coverage, end_use,
      uncontrolled, party_conflict;
};

// The affiliates rule (`affiliates:`, docs/rule-language.md "Affiliates"), compiled. Periods are
// few and looked up once per shipment (PeriodOn), so they are not epoch cuts.
struct AffiliatesInfo {
  bool present = false;  // false: the pack has no affiliates rule; nothing is checked
  std::string id, message;
  double threshold = 0.5;      // a fraction: `threshold` percent / 100
  bool unknown_review = true;  // unknown ownership makes the line `review` (else only a note)
  std::vector<uint8_t> party_counts;  // per party: its `list` is one of the rule's lists
  std::vector<std::string> lists;     // the rule's `lists:` (pack `list:` values), in pack order
  struct Period {
    Date from = kMinDate, until = kMaxDate;
    bool in_force = true;
    std::string cite;  // the rule's cite and the period's, as a reason shows it
  };
  std::vector<Period> periods;  // pairwise disjoint (E312)

  // The period containing `d`, or null when none does (the rule does not exist on `d`).
  const Period* PeriodOn(Date d) const {
    for (const Period& p : periods) {
      if (p.from <= d && d < p.until) return &p;
    }
    return nullptr;
  }
};

// What the pack tells an inventory audit (class `controlled` flags and `audit:`).
struct AuditInfo {
  std::vector<std::string> controlled_families;   // sorted, unique
  std::vector<std::string> compare_destinations;  // ISO codes, groups expanded, in pack order
  std::array<std::string, 3> cites;               // by AuditReasonId (kAuditReasonIds order)
  std::vector<std::string> headquarters_rules;    // `audit: headquarters_rules`, sorted
};

// Entries in force during [from, next epoch's from).
struct Epoch {
  Date from;
  std::vector<int> classes;                     // active classes, is()-dependencies first
  std::vector<std::vector<int>> rules_by_name;  // class-name index -> active rules applying to it
  std::vector<int> any_rules;                   // active rules with `classes: any`
  std::vector<int> exceptions;                  // active, enabled exceptions in pack order
  std::vector<uint8_t> party_active;            // per party
  std::vector<CountrySet> sets;                 // per set id
};

// One pack of the stack the program was compiled from (Pack::layers), with the first index of its
// entries in each table: entries of a layer run up to the next layer's first index.
struct PackLayerInfo {
  std::string name, version, digest;
  int first_group = 0, first_class = 0, first_rule = 0, first_exception = 0, first_party = 0,
      first_note = 0;
};

struct Program {
  std::string pack_name, pack_version, digest;
  std::vector<PackLayerInfo> layers;  // base first; at least one
  std::vector<AttrInfo> attrs;
  std::vector<int> derived_order;
  std::vector<std::string> class_names;           // class-name index -> text
  std::vector<std::vector<int>> classes_of_name;  // class-name index -> classes
  std::vector<ClassInfo> classes;
  std::vector<RuleInfo> rules;
  std::vector<ExceptionInfo> exceptions;
  std::vector<PartyInfo> parties;
  PartyScreener party_screener;                      // names and aliases of `parties`
  std::vector<std::vector<int32_t>> lists;           // interned string lists for `in`
  std::unordered_map<std::string, int32_t> strings;  // interned strings
  std::vector<Epoch> epochs;                         // sorted by `from`; epochs[0].from == kMinDate
  std::vector<EndUseInfo> end_uses;                  // declared end uses, in pack order
  std::unordered_map<std::string, int>
      end_use_keys;  // EndUseKey of every spelling -> end_uses index
  Date coverage_from = kMinDate, coverage_until = kMaxDate;  // the period the pack models
  std::vector<NoteInfo> notes;
  BuiltinCites builtin_cites;
  AffiliatesInfo affiliates;
  AuditInfo audit;
  struct Change {
    Date date;         // first day the change is in force
    std::string what;  // e.g. "class `3A090.a.1` takes effect", "`KH` leaves country group `D:5`"
    int layer = 0;     // the pack (index into `layers`) of the entry that changes
    PackChange typed;  // the same change as a record (PackChanges)
  };
  std::vector<Change> changes;  // every dated change in the pack, sorted by date

  int32_t StringId(std::string_view s) const {
    auto it = strings.find(std::string(s));
    return it == strings.end() ? -1 : it->second;
  }
  int EpochIndex(Date d) const;
};

}  // namespace chipgate
