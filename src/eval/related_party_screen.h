// Who the parties are: the names of the parties a consignee or end user is related to (the owners
// up its ownership graph and its ultimate parent, PartyFacts::parent_name) screened like the
// party's own name, against the pack's parties in force and the imported screening lists'
// entries in force, and the affiliates rule applied to what that found. The resolver calls
// ResolveRelatedParties once per shipment; docs/screening.md, "Ownership and the affiliates rule",
// specifies it. Thread-safety: reads the Program and the lists only.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "chipgate/facts.h"
#include "compile/program.h"
#include "eval/resolved.h"

namespace chipgate {

// The pack `list:` value an imported list code stands for, so that the affiliates rule's `lists:`
// (written in the pack's words) also selects imported entries: `EL` is `entity_list`, `MEU` is
// `meu`, `SDN` is `sdn` (the words of the bundled us-ear pack and docs/rule-language.md). Every
// other code gives "": its entries never count as listed owners. The one place the two
// vocabularies meet.
std::string_view PackListOfCode(std::string_view code);

// Screens the owners and ultimate parents of the shipment's consignee and end user (an end user
// defaulted from the consignee, `same_party`, once). Every hit goes to `s.related_hits`; while
// the pack's affiliates rule is in force on the shipment's date its findings go to
// `s.affiliates`, and `s.affiliates_period` is set. `lists` may be null (no imported lists); when
// a hit points into it, `s.lists` keeps it alive.
void ResolveRelatedParties(const Program& p, const ShipmentFacts& in, ResolvedShipmentData& s,
                           bool same_party, const std::shared_ptr<const ScreeningListsData>& lists);

}  // namespace chipgate
