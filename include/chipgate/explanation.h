// Explanations of one decided line (`chipgate explain`), for a compliance officer: which reasons
// decided it, the facts those reasons read with where each came from, the classification in
// effect on the date, and what would change the answer. Everything here is computed from the
// decision and the engine's compiled pack, never from message text; "what would change the
// answer" is found by deciding the line again under each counterfactual and keeping only those
// that really change it (docs/cli.md, "`chipgate explain`").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "chipgate/date.h"
#include "chipgate/decision.h"
#include "chipgate/engine.h"
#include "chipgate/facts.h"

namespace chipgate {

// One fact a reason read: an item attribute (`tpp`) or a shipment fact (`end_user.headquarters`,
// named as rules name it), its value as given (nullopt: not known), and where it came from.
struct ExplainedFact {
  std::string name;
  std::optional<std::string> value;
  FactSource source = FactSource::kManifest;
  std::string formula;  // kPack: the derived attribute's formula (`tpp / die_area_mm2`)
};

// A reason that decided the line (its decision is the line's, or, for a license_exception line,
// a license requirement the exception covers), with the facts it read: for a rule, those of its
// condition and of the item's classes it applies to.
struct DecidingReason {
  size_t reason = 0;  // index into LineDecision::reasons
  std::vector<ExplainedFact> facts;
};

// A class of the pack with the same paragraph as one the item meets, or one whose condition the
// item meets, that is not in effect on the date: said plainly, so a class not in effect is never
// read as applying.
struct ClassOutOfEffect {
  std::string id;
  std::string title;   // the class's title in the pack, which tells its text from the current one
  std::string timing;  // "no longer in effect: it applied from 2022-10-07 until 2023-11-17", ...
  // The classes of the same paragraph the item meets on the date (3A090.a.1 for the 2022 text of
  // 3A090.a): the paragraph reported is theirs, not this class's.
  std::vector<std::string> instead;
};

// A counterfactual that changes the answer: deciding the line again with it gives `decision`
// (for kLicense: the line stays license_required, and a license so described covers it, so it may
// ship).
struct WhatIf {
  enum class Kind : uint8_t {
    kLicense,  // a license for `classes` to `value` (the destination)
    kFact,     // the shipment fact `fact` were `value` instead of `was`
    kDate,     // the shipment were dated `date` (the nearest pack change before or after)
  };
  Kind kind = Kind::kFact;
  std::string fact;                  // kFact: the fact's name (`end_user.headquarters`)
  std::string was, value;            // kFact: the value it has and the one tried; kLicense: value
                                     // is the destination
  std::vector<std::string> classes;  // kLicense: the classes the license would name
  Date date;                         // kDate
  DecisionKind decision = DecisionKind::kReview;
  bool may_ship = false;
  // kFact on a country: how many of the ISO countries tried give this decision, and the
  // countries that keep the line's decision (empty when more than 40).
  size_t countries_changing = 0;
  std::vector<std::string> countries_keeping;
};

struct LineExplanation {
  std::vector<DecidingReason> deciding;    // most restrictive first, as the reasons are sorted
  std::vector<ClassOutOfEffect> inactive;  // classes not in effect on the date, see above
  std::vector<WhatIf> what_if;             // licenses first, then facts, then dates
};

// Explains `decision`, which `engine` made for `item` on `shipment` (both as completed, e.g. from
// a database: their FactSource says where each fact came from). `lists` are the screening lists
// the shipment was screened against (may be null). Decides the line again for each counterfactual
// it tries; a counterfactual whose decision is the line's own is not reported.
LineExplanation ExplainDecision(const Engine& engine, const ShipmentFacts& shipment,
                                const ItemFacts& item, const ScreeningLists* lists,
                                const LineDecision& decision);

}  // namespace chipgate
