// Putting a change of decision down to its causes (change_cause.h). The rules whose reasons
// differ between the two decisions (present on one side only, or with another decision) are what
// changed the outcome; each is explained by its own dated change between the dates when it has
// one, else (in force on both dates) by what it reads that changed: a class the part meets on one
// date only, or a country group the destination joins or leaves. The exception used is treated
// the same way, and a coverage reason on one side only by the pack's coverage.
#include "auditor/change_cause.h"

#include <algorithm>
#include <map>
#include <string>

namespace chipgate {
namespace {

ChangeCause Dated(const PackChange& c) {
  return {c.kind, c.id, c.country, c.cite, c.date, c.starts};
}

// The rules among a decision's reasons, each with its decision (an undecided rule is `review`).
std::map<std::string_view, std::pair<DecisionKind, std::string_view>> Rules(const LineDecision& d) {
  std::map<std::string_view, std::pair<DecisionKind, std::string_view>> out;
  for (const Reason& r : d.reasons) {
    if (r.source != ReasonSource::kRule) continue;
    auto [it, first] = out.try_emplace(r.rule, r.decision, r.cite);
    if (!first) it->second.first = MostRestrictive(it->second.first, r.decision);
  }
  return out;
}

bool HasCoverageReason(const LineDecision& d) {
  return std::any_of(d.reasons.begin(), d.reasons.end(),
                     [](const Reason& r) { return r.source == ReasonSource::kCoverage; });
}

}  // namespace

bool CauseBefore(const ChangeCause& a, const ChangeCause& b) {
  if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
  return a < b;
}

std::vector<ChangeCause> CausesOfChange(const LineDecision& before, const LineDecision& after,
                                        std::string_view destination, Date from, Date to,
                                        const std::vector<PackChange>& changes) {
  std::vector<PackChange> window;
  for (const PackChange& c : changes)
    if (from < c.date && c.date <= to) window.push_back(c);
  std::vector<ChangeCause> out;
  std::vector<ChangeCause> unexplained;  // entries in force on both dates deciding on one only
  // The dated changes of entry `id` of `kind` between the dates; false when it has none.
  auto own = [&](PackChangeKind kind, std::string_view id) {
    bool any = false;
    for (const PackChange& c : window) {
      if (c.kind != kind || c.id != id) continue;
      out.push_back(Dated(c));
      any = true;
    }
    return any;
  };
  auto rules_before = Rules(before), rules_after = Rules(after);
  auto differing = [&](const auto& mine, const auto& other) {
    for (const auto& [id, what] : mine) {
      auto it = other.find(id);
      if (it != other.end() && it->second.first == what.first) continue;
      if (!own(PackChangeKind::kRule, id))
        unexplained.push_back({PackChangeKind::kRule, std::string(id), "", std::string(what.second),
                               std::nullopt, true});
    }
  };
  differing(rules_before, rules_after);
  differing(rules_after, rules_before);
  std::string_view ex_before = before.exception ? before.exception->id : std::string_view();
  std::string_view ex_after = after.exception ? after.exception->id : std::string_view();
  if (ex_before != ex_after) {
    for (const auto* e : {&before.exception, &after.exception}) {
      if (*e && !own(PackChangeKind::kException, (*e)->id))
        unexplained.push_back({PackChangeKind::kException, std::string((*e)->id), "",
                               std::string((*e)->cite), std::nullopt, true});
    }
  }
  if (HasCoverageReason(before) != HasCoverageReason(after)) own(PackChangeKind::kCoverage, "");
  // What an entry in force on both dates reads that changed: the classes met on one date only,
  // and the destination's country groups. Also asked when nothing above names a cause.
  if (!unexplained.empty() || out.empty()) {
    size_t found = out.size();
    auto met = [](const LineDecision& d, std::string_view id) {
      return std::find(d.classes.begin(), d.classes.end(), id) != d.classes.end();
    };
    for (const PackChange& c : window) {
      bool relevant = c.kind == PackChangeKind::kClass
                          ? met(before, c.id) != met(after, c.id)
                          : c.kind == PackChangeKind::kGroupMember && c.country == destination;
      if (relevant) out.push_back(Dated(c));
    }
    if (out.size() == found) out.insert(out.end(), unexplained.begin(), unexplained.end());
  }
  if (out.empty()) out.push_back({});  // unexplained: kept, so no change goes unlisted
  std::sort(out.begin(), out.end(), CauseBefore);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace chipgate
