// Which imported version of a screening list applies on a date (chipgate/screening_list.h,
// VersionsInForce; docs/screening.md, "Imported lists"). ScreenListEntries calls it once per
// shipment, `lists status` to show what applies today.
#include <map>
#include <string_view>
#include <vector>

#include "chipgate/screening_list.h"

namespace chipgate {

// An audit timestamp starts with its date (`2026-01-01T00:00:00.000Z`).
std::optional<Date> ScreeningListVersion::InForceFrom() const {
  if (file_date) return file_date;
  if (imported_at.size() < 10) return std::nullopt;
  return ParseDate(std::string_view(imported_at).substr(0, 10));
}

// Per source set, the best candidate so far: a version dated on or before `date` beats one
// dated after it; among those on or before, the later date wins, and on the same date the later
// import (a higher index). Among versions all dated after `date`, the earliest wins: the lists
// are then older than the first version chipgate has, and the oldest version is the nearest to
// what was in force (its entries' own start dates still exclude what was listed later).
std::vector<int> VersionsInForce(const std::vector<ScreeningListVersion>& versions, Date date) {
  std::vector<int> out;
  std::map<std::string_view, size_t> slot;  // source set -> position in `out`
  auto better = [&](const ScreeningListVersion& a, const ScreeningListVersion& b) {
    std::optional<Date> da = a.InForceFrom(), db = b.InForceFrom();
    bool a_old = !da || *da <= date, b_old = !db || *db <= date;
    if (a_old != b_old) return a_old;
    if (!a_old) return *da < *db;                              // both after `date`: the earlier one
    if (!da || !db) return da.has_value() || !db.has_value();  // dated beats undated; ties: later
    return *db <= *da;
  };
  for (size_t i = 0; i < versions.size(); ++i) {
    auto [it, fresh] = slot.try_emplace(ListSourceSet(versions[i].format), out.size());
    if (fresh) {
      out.push_back(static_cast<int>(i));
    } else if (better(versions[i], versions[out[it->second]])) {
      out[it->second] = static_cast<int>(i);
    }
  }
  return out;
}

}  // namespace chipgate
