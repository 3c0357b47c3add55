// The dated changes of a rule pack (PackChanges): every day on which a class, license
// rule, exception, listed party, note, the affiliates rule or the pack's coverage starts or stops
// being in force, and every day a country joins or leaves a country group. Typed, so a reader
// (`audit --compare-date`, which puts each change of decision down to the changes between its two
// dates) never recovers them from text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chipgate/date.h"

namespace chipgate {

enum class PackChangeKind {
  kGroupMember,  // `country` joins or leaves group `id`
  kClass,
  kRule,
  kException,
  kParty,
  kNote,
  kCoverage,    // the period the pack models; `id` is empty
  kAffiliates,  // a period of the affiliates rule
};

// `group_member`, `class`, `rule`, `exception`, `party`, `note`, `coverage`, `affiliates`: the
// names the reports use.
inline std::string_view PackChangeKindName(PackChangeKind kind) {
  switch (kind) {
    case PackChangeKind::kGroupMember:
      return "group_member";
    case PackChangeKind::kClass:
      return "class";
    case PackChangeKind::kRule:
      return "rule";
    case PackChangeKind::kException:
      return "exception";
    case PackChangeKind::kParty:
      return "party";
    case PackChangeKind::kNote:
      return "note";
    case PackChangeKind::kCoverage:
      return "coverage";
    case PackChangeKind::kAffiliates:
      return "affiliates";
  }
  return "unknown";
}

struct PackChange {
  Date date;  // the first day the change holds (an entry's `from`, or its `until`)
  PackChangeKind kind = PackChangeKind::kRule;
  std::string id;       // the entry's id; for a group member the group's id
  std::string country;  // group members only: the ISO code that joins or leaves
  std::string cite;     // the entry's citation (a group member's own, else its group's)
  bool starts = true;   // true: in force from `date` on; false: no longer in force from `date`
};

class Engine;

// Every dated change of the pack `engine` was loaded from, in date order (the compiler records
// them with the epochs).
std::vector<PackChange> PackChanges(const Engine& engine);

}  // namespace chipgate
