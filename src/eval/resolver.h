// Resolver: turns user-written facts (text values with locations) into the typed slots the
// evaluator reads, against one Program: attribute values typed and checked, components numbered
// as a DAG, derived attributes computed, the shipment's epoch found, its parties screened and its
// shipment-only rule conditions evaluated. Every rejected value is a located diagnostic (E5xx)
// and stays unknown, so a bad value can only make a line more restrictive, never less.
// Engine::ResolveItem and Engine::ResolveShipment are the public entry points.
// Thread-safety: reads the Program only; callable from many threads at once.
#pragma once

#include <memory>
#include <vector>

#include "chipgate/diagnostic.h"
#include "chipgate/facts.h"
#include "compile/program.h"
#include "eval/resolved.h"

namespace chipgate {

// Types `item` and its components into `out`, which must be freshly constructed. Problems are
// appended to `diags`; the values concerned stay unknown.
void ResolveItemFacts(const Program& program, const ItemFacts& item, ResolvedItemData& out,
                      std::vector<Diagnostic>& diags);

// Types the shipment's facts into `out`, which must be freshly constructed, and screens the
// consignee and the end user against the program's party list (at most one hit per party and
// name; the same name in both roles is one hit), and their owners and parents against the
// program's parties and `lists` (may be null), for the affiliates rule
// (eval/related_party_screen.h). Problems are appended to `diags`. The consignee's and end user's
// own names are screened against `lists` by ScreenListEntries (eval/list_screen.h).
void ResolveShipmentFacts(const Program& program, const ShipmentFacts& shipment,
                          ResolvedShipmentData& out, std::vector<Diagnostic>& diags,
                          const std::shared_ptr<const ScreeningListsData>& lists = nullptr);

}  // namespace chipgate
