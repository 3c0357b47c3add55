// Why a part's decision for a destination differs between the two dates of `audit
// --compare-date` (ChangeCause, chipgate/inventory_audit.h): found from the two decisions' typed
// reasons and the pack's dated changes, never from message text.
#pragma once

#include <string_view>
#include <vector>

#include "chipgate/decision.h"
#include "chipgate/inventory_audit.h"
#include "chipgate/pack_change.h"

namespace chipgate {

// `before` and `after` are the decisions on `from` and `to` (from < to) for a shipment to
// `destination`; `changes` is PackChanges(engine). The causes, sorted (dated ones by date, then
// the undated), never empty.
std::vector<ChangeCause> CausesOfChange(const LineDecision& before, const LineDecision& after,
                                        std::string_view destination, Date from, Date to,
                                        const std::vector<PackChange>& changes);

// The order of ChangeGroup::causes and of the groups (by their first cause): dated causes by
// date, kind and id; undated ones after them.
bool CauseBefore(const ChangeCause& a, const ChangeCause& b);

}  // namespace chipgate
