// Putting a change of decision down to its causes (change_cause.h). The rules that decided the
// line on one date and not on the other (the reasons carrying the line's decision) are what
// changed the outcome; each is explained by its own dated change between the dates when it has
// one, else (in force on both dates) by what it reads that changed: the destination joining or
// leaving a country group, else a class the part meets on one date only. The exception used is
// treated the same way; the pack's coverage and the affiliates rule by their dated changes.
#include "auditor/change_cause.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace chipgate {
namespace {

ChangeCause Dated(const PackChange& c) {
  return {c.kind, c.id, c.country, c.cite, c.date, c.starts};
}

// What decided a line: the rules whose reasons carry the line's decision (for a line under a
// License Exception, the license_required rules the exception covers), by id with its citation.
// Nothing decides a line that may ship without an exception. `coverage` is set when a date
// outside the pack's coverage decided it.
struct Deciding {
  std::map<std::string_view, std::string_view> rules;  // id -> cite
  std::set<std::string_view> fired;                    // every rule among the reasons
  bool coverage = false;
  bool affiliates = false;  // the affiliates rule (a listed owner, or owners not given)
};

Deciding DecidingOf(const LineDecision& d) {
  Deciding out;
  for (const Reason& r : d.reasons)
    if (r.source == ReasonSource::kRule) out.fired.insert(r.rule);
  if (d.decision == DecisionKind::kNoLicenseRequired) return out;
  DecisionKind held =
      d.decision == DecisionKind::kLicenseException ? DecisionKind::kLicenseRequired : d.decision;
  for (const Reason& r : d.reasons) {
    if (r.decision != held) continue;
    if (r.source == ReasonSource::kRule) out.rules.emplace(r.rule, r.cite);
    if (r.source == ReasonSource::kCoverage) out.coverage = true;
    if (r.source == ReasonSource::kAffiliate || r.source == ReasonSource::kOwnershipUnknown)
      out.affiliates = true;
  }
  return out;
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
  std::vector<ChangeCause> in_force;  // entries in force on both dates deciding on one only
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
  auto entry = [&](PackChangeKind kind, std::string_view id, std::string_view cite) {
    if (!own(kind, id))
      in_force.push_back({kind, std::string(id), "", std::string(cite), std::nullopt, true});
  };
  // The rules that decided on one date and did not fire on the other; else those that decided on
  // one date only (they fired on both, less restrictively on one); when the same rules decided
  // both (one of them undecided on one date, say), those rules.
  Deciding a = DecidingOf(before), b = DecidingOf(after);
  std::map<std::string_view, std::string_view> differing;
  for (bool fired_counts : {true, false}) {
    for (const auto* side : {&a, &b}) {
      const Deciding& other = side == &a ? b : a;
      for (const auto& [id, cite] : side->rules)
        if (!other.rules.count(id) && !(fired_counts && other.fired.count(id)))
          differing.emplace(id, cite);
    }
    if (!differing.empty()) break;
  }
  if (differing.empty()) {
    differing = a.rules;
    differing.insert(b.rules.begin(), b.rules.end());
  }
  for (const auto& [id, cite] : differing) entry(PackChangeKind::kRule, id, cite);
  std::string_view ex_before = before.exception ? before.exception->id : std::string_view();
  std::string_view ex_after = after.exception ? after.exception->id : std::string_view();
  if (ex_before != ex_after) {
    for (const auto* e : {&before.exception, &after.exception})
      if (*e) entry(PackChangeKind::kException, (*e)->id, (*e)->cite);
  }
  auto any_of_kind = [&](PackChangeKind kind) {
    for (const PackChange& c : window)
      if (c.kind == kind) out.push_back(Dated(c));
  };
  if (a.coverage != b.coverage) any_of_kind(PackChangeKind::kCoverage);
  if (a.affiliates != b.affiliates) any_of_kind(PackChangeKind::kAffiliates);
  // What an entry in force on both dates reads that changed: the destination's country groups,
  // else the classes the part meets on one date only. Also asked when nothing above names a
  // cause.
  if (!in_force.empty() || out.empty()) {
    size_t found = out.size();
    for (const PackChange& c : window)
      if (c.kind == PackChangeKind::kGroupMember && c.country == destination)
        out.push_back(Dated(c));
    auto met = [](const LineDecision& d, std::string_view id) {
      return std::find(d.classes.begin(), d.classes.end(), id) != d.classes.end();
    };
    if (out.size() == found) {
      for (const PackChange& c : window)
        if (c.kind == PackChangeKind::kClass && met(before, c.id) != met(after, c.id))
          out.push_back(Dated(c));
    }
    if (out.size() == found) out.insert(out.end(), in_force.begin(), in_force.end());
  }
  if (out.empty()) out.push_back({});  // unexplained: kept, so no change goes unlisted
  std::sort(out.begin(), out.end(), CauseBefore);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace chipgate
