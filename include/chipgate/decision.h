// Decisions (docs/rule-language.md, "How a line is decided"): per manifest line the most
// restrictive of its reasons, except that license_required reasons all covered by one eligible
// exception give license_exception. String views point into the Engine's compiled program: a
// Decision is valid as long as the Engine that produced it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgate {

// Ordered most restrictive first; the numeric order is used by MostRestrictive.
enum class DecisionKind : uint8_t {
  kProhibited = 0,
  kLicenseRequired = 1,
  kReview = 2,
  kLicenseException = 3,
  kNoLicenseRequired = 4,
};

std::string_view DecisionName(DecisionKind kind);
std::optional<DecisionKind> ParseDecisionKind(std::string_view name);
inline DecisionKind MostRestrictive(DecisionKind a, DecisionKind b) { return a < b ? a : b; }
// A line may ship when no license is required or an exception covers it.
inline bool MayShip(DecisionKind k) {
  return k == DecisionKind::kNoLicenseRequired || k == DecisionKind::kLicenseException;
}

// Where a reason comes from: a class the item meets, a license rule, a restricted party, missing
// item data, invalid input, a date outside the period the pack models (`review`), a stated end
// use the pack does not know (`review`), a pack note for the date (never changes the decision:
// it is no_license_required and only informs), the pack's affiliates rule (a party owned 50 % or
// more by listed parties, a possible such owner, or ownership that could not be checked; never
// covered by a license exception), or sources that disagree about a fact of the shipment
// (`review`, rule `party-conflict`).
enum class ReasonSource : uint8_t {
  kRule,
  kClass,
  kParty,
  kData,
  kInput,
  kCoverage,
  kEndUse,
  kNote,
  kAffiliate,         // owned (or possibly owned) 50 % or more by listed parties
  kConflict,          // two sources disagree about a party (ShipmentFacts::conflicts)
  kOwnershipUnknown,  // the affiliates rule could not be checked: nobody said who owns the party
};

struct Reason {
  std::string_view rule;  // id of the rule, class, party or check that produced it
  DecisionKind decision = DecisionKind::kReview;
  std::string_view cite;     // legal citation
  std::string_view message;  // the rule's own sentence
  std::string detail;        // per-line specifics (missing attributes, matched party); may be empty
  std::string_view policy = {};  // licensing policy that applies to a license application, if any
  ReasonSource source = ReasonSource::kRule;
  // The rule could not be decided: its classes or condition were unknown for missing data, so the
  // reason is `review` in place of the rule's own decision (the detail says what was missing).
  bool undecided = false;

  // message, then ": detail" when there is a detail.
  std::string Text() const;
};

struct ExceptionUse {
  std::string_view code;  // e.g. "NAC"
  std::string_view id;    // the exception entry's id in the pack
  std::string_view cite;
  std::vector<std::string_view> conditions;
};

struct LineDecision {
  std::vector<std::string_view> classes;  // paragraph ids first (3A090.a), then finer ids
  DecisionKind decision = DecisionKind::kReview;
  std::optional<ExceptionUse> exception;
  std::vector<Reason> reasons;
  // The consignee or end user for whom the affiliates rule was in force but could not be checked,
  // because nobody said who owns them (e.g. "end user `Foo Ltd`"). Each also has a
  // kOwnershipUnknown reason (a note or `review`, as the pack's `affiliates: unknown_ownership`
  // says), so records that keep only reasons still say it; this list is the typed form for
  // programs.
  std::vector<std::string> affiliates_unchecked;

  void Clear() {
    classes.clear();
    decision = DecisionKind::kReview;
    exception.reset();
    reasons.clear();
    affiliates_unchecked.clear();
  }
};

// One entry of an explanation: every class, rule, exception and party the evaluator considered.
struct TraceEntry {
  std::string kind;  // "class", "rule", "exception", "party", "item"
  std::string id;
  std::string result;  // "true", "false", "unknown", "not in effect", "disabled", ...
  std::string detail;  // values used, missing attributes
};

struct Trace {
  std::vector<TraceEntry> entries;
};

}  // namespace chipgate
