// Test-only reference interpreter ("oracle"): decides a line straight from the validated AST by
// scanning every class, rule, exception and party, with no bytecode, no epochs and no index.
// It is deliberately simple; the compiled evaluator must agree with it exactly on the structure
// of a decision (decision, classes, exception, and each reason's rule, decision, source,
// undecided flag and policy, in order).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/pack.h"
#include "chipgate/decision.h"
#include "chipgate/facts.h"

namespace chipgate::testing {

// What a reason means, without its sentences: which entry produced it, with what decision, from
// which kind of source, whether the rule could not be decided, and the licensing policy. The
// wording of messages and details is the evaluator's alone (tests/eval/evaluator_test.cc and the
// golden files pin it), so rewording a message changes one place.
struct OwnedReason {
  std::string rule;
  DecisionKind decision = DecisionKind::kReview;
  ReasonSource source = ReasonSource::kRule;
  bool undecided = false;
  std::string policy = "";
  bool operator==(const OwnedReason&) const = default;
};

struct OwnedDecision {
  std::vector<std::string> classes;
  DecisionKind decision = DecisionKind::kReview;
  std::optional<std::string> exception;  // exception id
  std::vector<OwnedReason> reasons;
  bool operator==(const OwnedDecision&) const = default;
};

OwnedDecision ToOwned(const LineDecision& d);
std::string Describe(const OwnedDecision& d);

// `pack` must have validated without errors (its expressions are annotated).
OwnedDecision OracleDecide(const Pack& pack, const ShipmentFacts& shipment, const ItemFacts& item);

}  // namespace chipgate::testing
