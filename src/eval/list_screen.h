// Screening against the imported lists (chipgate/screening_list.h): the compiled lists
// (`ScreeningListsData`: every entry with what a hit implies, and one PartyScreener over all
// their names and aliases), the screening of a shipment's consignee and end user against them
// (once per shipment, next to the pack's parties), and the reasons a line gets from the hits.
// docs/screening.md, "Imported lists", specifies it.
// Thread-safety: ScreeningListsData is immutable once built; every function here only reads it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chipgate/decision.h"
#include "chipgate/facts.h"
#include "chipgate/screening_list.h"
#include "eval/resolved.h"
#include "screen/party_screen.h"

namespace chipgate {

// One entry as a hit's reason names it; the strings are what Reason's views point at.
struct ListEntryInfo {
  ScreeningListEntry entry;  // as in the first version that has it (its `line` is from there)
  std::string rule;          // "list:EL:<entry id>": the reason's rule id
  DecisionKind decision = DecisionKind::kReview;  // of an exact hit (EffectOfList)
  std::string cite;     // the list's citation, then the entry's Federal Register notice
  std::string message;  // the list's sentence, then the entry's own license requirement
};

// An entry published unchanged in several versions is one entry here, so the index does not grow
// with the number of versions kept: `in_version[v][e]` says whether version v has entry e.
struct ScreeningListsData {
  std::vector<ScreeningListVersion> versions;
  std::vector<ListEntryInfo> entries;
  std::vector<std::vector<bool>> in_version;  // [version][entry]
  PartyScreener screener;                     // party index = entry index

  // The version of `in_force` (indexes into `versions`) that has entry `entry`, or -1 when none
  // does. Versions in force are of different source sets, and an entry is of one only.
  int VersionOf(const std::vector<int>& in_force, int entry) const;
};

// Screens the shipment's consignee and end user against `lists`, keeping the hits on entries of
// the versions in force on the shipment's date (VersionsInForce, kept in `s.list_versions`) that
// are themselves in force on it (start_date <= date <= end_date, a missing bound open) in
// `s.list_hits`, and keeps `lists` alive with `s` (the hits' reasons point into it).
void ScreenListEntries(std::shared_ptr<const ScreeningListsData> lists,
                       const ShipmentFacts& shipment, ResolvedShipmentData& s);

// Whether entry `entry` of `lists` is screened on `date`: it is in one of the versions
// `in_force` (VersionsInForce of the date: per source set, the version in force on it) and
// start_date <= date <= end_date, a missing bound open. Every screening against the lists goes
// through it: the consignee's and end user's names here, their owners' and parents' names in
// eval/related_party_screen.h.
bool EntryInForce(const ScreeningListsData& lists, const std::vector<int>& in_force, int entry,
                  Date date);

// The reason of one hit (`hit.party` an entry of `lists`) on a name `who` describes, e.g.
// "end user `Foo`" or "owner `Bar` of end user `Foo`": an exact hit has the list's effect, any
// other is `review`; the detail names the entry, its list and the version of `in_force` that has
// the entry. The reason's views point into `lists`.
Reason ListHitReason(const ScreeningListsData& lists, const std::vector<int>& in_force,
                     const PartyHit& hit, std::string who);

// The reasons of the shipment's list hits for one line: an exact hit has the list's effect, any
// other is `review`; each detail names the entry, its list and the version in force on the
// shipment's date that has the entry. Never covered by a License Exception (the caller gives them
// no rule index).
std::vector<Reason> ListReasons(const ResolvedShipmentData& s, Trace* trace);

}  // namespace chipgate
