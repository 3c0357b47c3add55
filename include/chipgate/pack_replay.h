// Replaying an edited rule pack over an inventory database (`chipgate test --against-db`,
// docs/rule-tests.md): every part is classified and every recorded shipment line decided twice,
// by the pack as it was (the baseline) and by the pack as it is now, and each difference is
// listed with the rule that caused it, so a rule author sees the effect of an edit on real data
// before it ships. Reads go through Store only; nothing is written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chipgate/date.h"
#include "chipgate/decision.h"
#include "chipgate/engine.h"
#include "chipgate/status.h"
#include "chipgate/store.h"

namespace chipgate {

enum class ReplaySubject : uint8_t {
  kPartClassification,  // a part's classes (or whether they could be decided) on the given date
  kShipmentLine,        // a recorded shipment line's decision on the shipment's own date
};

// What one subject was under one pack.
struct ReplayOutcome {
  DecisionKind decision = DecisionKind::kReview;  // lines only
  std::string exception;                          // lines: the exception code used, "" for none
  std::vector<std::string> classes;               // paragraph ids first, as in LineDecision
  bool classes_complete = true;                   // classifications: no class left undecided
};

struct ReplayChange {
  ReplaySubject subject = ReplaySubject::kShipmentLine;
  // The id of the rule (or class, party, check) that caused the change: for a line, the reason
  // that decided it under the edited pack (the first reason with the most restrictive decision,
  // when that is not no_license_required), else the one that decided it under the baseline; for
  // a classification, the finest class id met under one pack and not the other. Empty when
  // neither has one (a classification that only became decidable or undecidable).
  std::string rule;
  std::string part;
  std::string shipment;     // lines only
  int line = 0;             // lines only: the line number recorded
  Date date;                // the shipment's date, or the classification date
  std::string destination;  // lines only: the end user's country as decided ("" unknown)
  ReplayOutcome before, after;
};

// The changes under one rule id, in the order they were found (parts in part-number order, then
// shipment lines in the store's shipment order).
struct ReplayGroup {
  std::string rule;
  std::vector<ReplayChange> changes;
};

struct PackReplay {
  int64_t parts = 0;
  int64_t shipments = 0;
  int64_t shipment_lines = 0;
  int64_t changed = 0;              // changes in all groups
  std::vector<ReplayGroup> groups;  // by rule id, sorted; the empty id (none) last
};

struct PackReplayOptions {
  Date classify_date;  // the date parts are classified on (shipment lines use their own dates)
};

// Decides everything in `store` with both engines. Shipments are completed from the customer
// master and screened against the stored screening lists exactly as `chipgate audit` re-decides
// them (auditor/stored_facts.h). A store error stops the replay and is returned.
Result<PackReplay> ReplayPack(const Engine& baseline, const Engine& edited, const Store& store,
                              const PackReplayOptions& options);

}  // namespace chipgate
