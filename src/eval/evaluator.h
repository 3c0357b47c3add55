// Evaluator: decides one resolved line under a Program (docs/architecture.md). It never sees the
// AST. Order: classify the item (components first), pick candidate rules from the epoch's index
// by the classes that are true or unknown, evaluate them, screen parties, then combine reasons
// and look for one exception covering every license requirement.
// Thread-safety: const and reentrant; scratch space is thread-local.
#pragma once

#include "chipgate/decision.h"
#include "chipgate/engine.h"
#include "compile/program.h"
#include "eval/resolved.h"

namespace chipgate {

class Evaluator {
 public:
  explicit Evaluator(const Program& program) : p_(program) {}

  // `out` is cleared first; reuse it across calls to avoid allocation. `trace` may be null.
  void Decide(const ResolvedShipmentData& shipment, const ResolvedItemData& item, LineDecision& out,
              Trace* trace) const;

  // Classes of `item` in epoch `epoch`, without any shipment (Engine::Classify).
  void Classify(const ResolvedItemData& item, int epoch, Engine::Classification& out) const;

  // Computes the derived attributes of a freshly filled item (called by the resolver).
  void ComputeDerived(ResolvedItemData& item) const;

  // Evaluates the rule conditions that read only shipment facts, once for all the shipment's
  // lines (called by the resolver when the shipment's facts are set).
  void PrecomputeShipmentRules(ResolvedShipmentData& shipment) const;

 private:
  const Program& p_;
};

}  // namespace chipgate
