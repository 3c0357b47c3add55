// Rule-pack AST: what the loader read from the YAML files, with the location of every entry.
// It is plain data; the validator checks it and fills expression annotations, the compiler
// reads it to build the Program. See docs/rule-language.md for the meaning of each field.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ast/expr.h"
#include "chipgate/date.h"
#include "chipgate/decision.h"
#include "chipgate/diagnostic.h"

namespace chipgate {

// [from, until): `until` is the first day the entry no longer applies.
struct Effective {
  Date from = kMinDate;
  Date until = kMaxDate;
  SourceLoc loc;
  bool Contains(Date d) const { return from <= d && d < until; }
  bool Overlaps(const Effective& o) const { return from < o.until && o.from < until; }
};

// A reference by id to another entry (a class, a rule), kept with where it was written.
struct NameRef {
  std::string name;
  SourceLoc loc;
};

struct AttributeDecl {
  std::string name;
  SourceLoc loc;
  Type type = Type::kUnknown;
  std::vector<std::string> values;  // enum values; non-empty makes the attribute an enum
  std::string unit;
  std::string description;
  ExprSource derived;         // present for derived attributes
  std::optional<double> min;  // numbers: smallest allowed value (inclusive)
  bool positive = false;      // numbers: must be greater than zero
  // Enums: the values whose items must have a known bill of materials (`requires_contents`).
  std::vector<std::string> requires_contents;
  // Bools: `from_components: any`, the item's value is also true when any component's is.
  bool from_components = false;
  SourceLoc requires_contents_loc, from_components_loc;  // the keys, when given
};

struct GroupMember {
  std::string code;
  SourceLoc loc;
  Effective effective;
  std::string cite;
};

struct CountryGroupDecl {
  std::string id;
  SourceLoc loc;
  std::string title;
  std::string cite;
  std::vector<GroupMember> members;
};

struct ClassDecl {
  std::string id;         // e.g. 3A090.a.1
  std::string paragraph;  // e.g. 3A090.a (derived from id)
  SourceLoc loc;
  std::string title;
  std::string cite;
  Effective effective;
  ExprSource when;
  // `controlled: true|false`: whether the class's family (the id before its first dot, `3A090`
  // for `3A090.a.1`) is one an inventory audit checks declared classifications against. Absent:
  // the family takes the value another of its classes states (lint W404 when none does).
  std::optional<bool> controlled;
  SourceLoc controlled_loc;  // the `controlled` key, when given
};

// The family of a class id: the part before the first dot (`3A090` for `3A090.a.1`).
inline std::string ClassFamily(const std::string& id) { return id.substr(0, id.find('.')); }

struct RuleDecl {
  std::string id;
  SourceLoc loc;
  std::string title;
  std::string cite;
  std::string message;
  std::string policy;  // licensing policy note (presumption of denial, case-by-case, ...)
  Effective effective;
  bool any_item = false;         // `classes: any`
  std::vector<NameRef> classes;  // classes (or paragraphs) the rule applies to
  ExprSource when;               // over shipment facts and item attributes; absent = always
  DecisionKind decision = DecisionKind::kLicenseRequired;
  bool enabled = true;
  std::string disabled_reason;
};

struct ExceptionDecl {
  std::string id;
  std::string code;
  SourceLoc loc;
  std::string title;
  std::string cite;
  Effective effective;
  std::vector<NameRef> covers;   // rule ids it can stand in for
  std::vector<NameRef> classes;  // eligible classes; empty = any class of the covered rules
  ExprSource when;
  std::vector<std::string> conditions;
  bool enabled = true;
};

struct PartyDecl {
  std::string id;
  SourceLoc loc;
  std::string name;
  std::vector<std::string> aliases;
  std::string country;
  std::string list;      // e.g. entity_list
  std::string footnote;  // Entity List footnote, if any
  std::string cite;
  std::string message;
  Effective effective;
  DecisionKind effect = DecisionKind::kLicenseRequired;
  SourceLoc country_loc, effect_loc;  // the `country` value and the `effect` key, when given
};

// An end use the pack knows (`end_uses:`): the id rules compare `end_use` with, and other
// spellings that mean it. A stated end use is matched by EndUseKey (base/end_use_key.h).
struct EndUseDecl {
  std::string id;
  SourceLoc loc;
  std::string title;
  std::string cite;
  std::vector<NameRef> aliases;
};

// A note the pack attaches to every line dated in its period (`notes:`): something the pack does
// not model that a reader of a decision on such a date must know. It never changes a decision.
struct NoteDecl {
  std::string id;
  SourceLoc loc;
  std::string message;
  std::string cite;
  Effective effective;
};

struct PackInfo {
  std::string name;
  std::string version;
  std::string description;
  SourceLoc loc;
  // The period the pack models (`pack: coverage: {from, until}`); a line dated outside it is
  // `review`. Absent: every date.
  Effective coverage;
  // `pack: reason_cites:`: the citation of each reason the evaluator adds itself rather than a
  // rule (keys: kEngineReasonIds). A reason the map does not name has no citation.
  std::map<std::string, std::string> reason_cites;
};

// The reasons the evaluator adds itself, by rule id: the keys `pack: reason_cites:` accepts.
inline constexpr const char* kEngineReasonIds[] = {
    "item-data", "bill-of-materials", "contents-contradiction", "pack-coverage",
    "end-use",   "uncontrolled",      "party-conflict"};

// The reasons an inventory audit adds itself, by rule id: the keys `audit: reason_cites:`
// accepts. The order is the order of `AuditReasonId` (include/chipgate/engine.h).
inline constexpr const char* kAuditReasonIds[] = {"item-data", "bill-of-materials", "item-review"};

// What the pack tells an inventory audit besides its classes (`audit:`).
struct AuditDecl {
  SourceLoc loc;  // the `audit` key; line 0 when the pack has no such section
  // `--compare-date` destinations in report order: ISO codes, or country-group ids standing for
  // every country that is ever a member of the group.
  std::vector<NameRef> compare_destinations;
  std::map<std::string, std::string> reason_cites;  // keys: kAuditReasonIds
  // License rules that apply because of where the end user or its ultimate parent is
  // headquartered: an unlicensed line they hold is a `headquarters_in_d5` finding.
  std::vector<NameRef> headquarters_rules;
};

// One period of the affiliates rule (`affiliates: periods:`): in force, or suspended (the rule
// stays in the pack, and the period is recorded, but no party is checked).
struct AffiliatesPeriod {
  SourceLoc loc;
  Effective effective;
  bool in_force = true;  // `status: in_force` (default) or `suspended`
  std::string cite;
};

// What a consignee or end user whose ownership nobody gave gets while the rule is in force: a
// note on the line, or `review` (docs/rule-language.md, "Affiliates").
enum class UnknownOwnership : uint8_t { kNote, kReview };

// The affiliates rule (`affiliates:`): a party owned `threshold` percent or more, directly or
// indirectly, individually or in the aggregate, by parties of the `lists` takes the most
// restrictive effect of those owners. Absent (loc.line == 0): no party is checked for ownership.
struct AffiliatesDecl {
  SourceLoc loc;  // the `affiliates` key
  std::string id;
  std::string message;
  std::string cite;            // the rule's own citation; a period's cite is added to it
  double threshold = 50;       // percent, in (0, 100]
  std::vector<NameRef> lists;  // party `list:` values whose parties count as owners
  UnknownOwnership unknown_ownership = UnknownOwnership::kReview;
  std::vector<AffiliatesPeriod> periods;
  bool present() const { return loc.line > 0; }
};

// One pack of a stack (`--rules base --rules company`), in a stacked Pack's `layers`, base first.
// Its entries are appended after those of the packs below it, so each list's entries of this
// layer start at the index recorded here (coverage of a company pack's tests reads them).
struct PackLayer {
  std::string name, version;
  std::string digest;  // the layer's own digest (its files), "sha256:<hex>"
  SourceLoc loc;       // its `pack:` header; line 0 when it has none
  size_t first_group = 0, first_class = 0, first_rule = 0, first_exception = 0, first_party = 0,
         first_note = 0;
};

struct Pack {
  PackInfo info;
  std::vector<AttributeDecl> attributes;
  std::vector<CountryGroupDecl> groups;
  std::vector<ClassDecl> classes;
  std::vector<RuleDecl> rules;
  std::vector<ExceptionDecl> exceptions;
  std::vector<PartyDecl> parties;
  std::vector<EndUseDecl> end_uses;
  std::vector<NoteDecl> notes;
  AuditDecl audit;
  AffiliatesDecl affiliates;
  // sha256 over the pack's files, "sha256:<hex>"; for a stack, over its layers' names and digests
  // (StackPacks in src/load/pack_stack.h).
  std::string digest;
  std::vector<PackLayer> layers;  // empty for a pack loaded alone
};

}  // namespace chipgate
