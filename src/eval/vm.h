// The bytecode interpreter: runs one Code over an item's slots and the shipment facts with
// Kleene three-valued logic. Missing inputs make comparisons unknown; `and`/`or` follow Kleene
// (`false and unknown` is false, `true or unknown` is true); known() is never unknown.
#pragma once

#include "compile/program.h"

namespace chipgate {

struct VmInput {
  const RtValue* attrs;
  uint64_t present;
  const RtValue* facts;  // the shipment's facts (quantity excepted)
  uint32_t fact_present;
  RtValue quantity;           // the line's quantity
  const uint8_t* name_state;  // per class name: Tri of the item itself
  const uint8_t* contains;    // per class name: Tri over the item's components
  const Epoch* epoch;
  const Program* program;
};

// Value of a non-bool expression (derived attributes).
RtValue RunValue(const Code& code, const VmInput& in);
// Truth of a bool expression; empty code is true.
Tri RunPredicate(const Code& code, const VmInput& in);

}  // namespace chipgate
