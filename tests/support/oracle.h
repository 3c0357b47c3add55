// Test-only reference interpreter ("oracle"): decides a line straight from the validated AST by
// scanning every class, rule, exception and party, with no bytecode, no epochs and no index.
// It is deliberately simple; the compiled evaluator must agree with it exactly.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/pack.h"
#include "chipgate/decision.h"
#include "chipgate/facts.h"

namespace chipgate::testing {

struct OwnedReason {
  std::string rule;
  DecisionKind decision;
  std::string cite, message, detail;
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
