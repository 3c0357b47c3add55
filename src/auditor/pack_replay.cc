// Replaying an edited pack against its baseline over an inventory database (pack_replay.h).
// One pass over the parts (each classified by both packs on one date) and one over the recorded
// shipments (each line decided by both packs on the shipment's own date, its facts built as the
// audit builds them). Only differences are kept, grouped by the rule that caused them.
#include <algorithm>
#include <map>

#include "auditor/stored_facts.h"
#include "chipgate/pack_replay.h"
#include "chipgate/screening_list.h"

namespace chipgate {
namespace {

// The reason that decided a line: the first with the most restrictive decision among its
// reasons (reasons are ordered most restrictive first, but the minimum is taken to depend on
// nothing but the decisions). A line that nothing restricts (no reason, or only
// no_license_required ones: classes met, notes) has none, so a change to or from "may ship" is
// put under the rule that held the line on the other side.
std::string DecidingRule(const LineDecision& d) {
  const Reason* best = nullptr;
  for (const auto& r : d.reasons) {
    if (!best || r.decision < best->decision) best = &r;
  }
  if (!best || best->decision == DecisionKind::kNoLicenseRequired) return "";
  return std::string(best->rule);
}

std::vector<std::string> Strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

// The finest class id met under one classification and not the other, the edited side first.
// A paragraph (`3A090.a`) differs together with its finer ids (`3A090.a.1`), so an id with a
// finer one among the differences is skipped: the finer one names the class entry that changed.
std::string ChangedClass(const ReplayOutcome& before, const ReplayOutcome& after) {
  for (const auto* pair : {&after, &before}) {
    const auto& mine = pair->classes;
    const auto& other = pair == &after ? before.classes : after.classes;
    std::vector<std::string> diff;
    for (const auto& c : mine) {
      if (std::find(other.begin(), other.end(), c) == other.end()) diff.push_back(c);
    }
    for (const auto& c : diff) {
      bool has_finer = std::any_of(diff.begin(), diff.end(), [&](const std::string& f) {
        return f.size() > c.size() && f.compare(0, c.size() + 1, c + ".") == 0;
      });
      if (!has_finer) return c;
    }
  }
  return "";
}

// Classes compared as sets: a pack may list the same classes in another order.
bool SameClasses(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

class Replayer {
 public:
  Replayer(const Engine& b, const Engine& e, const Store& s, const PackReplayOptions& o)
      : baseline_(b), edited_(e), store_(s), opt_(o) {}

  Status Run(PackReplay& out) {
    auto stored = store_.ReadScreeningLists();
    if (!stored.ok()) return stored.status();
    lists_ = ScreeningLists::Build(std::move(stored.value()));
    Status s = store_.ForEachPartWithData(
        [&](const std::string& part, const std::string&, const ItemFacts& item) {
          ++out.parts;
          Part(part, item);
          return true;
        });
    if (!s.ok()) return s;
    Status inner;
    s = store_.ForEachShipment([&](const StoredShipment& sh) {
      ++out.shipments;
      inner = Shipment(sh, out);
      return inner.ok();
    });
    if (!s.ok() || !inner.ok()) return s.ok() ? inner : s;
    for (auto& [rule, changes] : groups_) {
      out.changed += static_cast<int64_t>(changes.size());
      out.groups.push_back({rule, std::move(changes)});
    }
    // std::map sorts the empty id first; "no rule" reads best after the named ones.
    if (!out.groups.empty() && out.groups.front().rule.empty())
      std::rotate(out.groups.begin(), out.groups.begin() + 1, out.groups.end());
    return Status::Ok();
  }

 private:
  // A part's classes under one pack. Facts the pack cannot type (an attribute it no longer
  // declares, a value of the wrong kind) leave the classification incomplete, as in the audit.
  ReplayOutcome Classify(const Engine& engine, const ItemFacts& item) const {
    std::vector<Diagnostic> diags;
    ResolvedItem resolved = engine.ResolveItem(item, diags);
    Engine::Classification cls = engine.Classify(resolved, opt_.classify_date);
    ReplayOutcome o;
    o.classes = Strings(cls.classes);
    o.classes_complete = cls.complete && !HasErrors(diags);
    return o;
  }

  void Part(const std::string& part, const ItemFacts& item) {
    ReplayChange c;
    c.subject = ReplaySubject::kPartClassification;
    c.before = Classify(baseline_, item);
    c.after = Classify(edited_, item);
    if (SameClasses(c.before.classes, c.after.classes) &&
        c.before.classes_complete == c.after.classes_complete)
      return;
    c.part = part;
    c.date = opt_.classify_date;
    c.rule = ChangedClass(c.before, c.after);
    groups_[c.rule].push_back(std::move(c));
  }

  // A line's decision under one pack, on the shipment's date.
  static ReplayOutcome Outcome(const LineDecision& d) {
    ReplayOutcome o;
    o.decision = d.decision;
    o.exception = d.exception ? std::string(d.exception->code) : "";
    o.classes = Strings(d.classes);
    return o;
  }

  // Both packs decide every line; a change of decision or of the exception used is listed.
  // Invalid facts (a value one pack cannot type) are decided without the value, which can only
  // hold the line, as the audit does.
  Status Shipment(const StoredShipment& sh, PackReplay& out) {
    auto facts = StoredShipmentFacts(store_, sh);
    if (!facts.ok()) return facts.status();
    std::vector<Diagnostic> diags;
    ResolvedShipment before_shipment = baseline_.ResolveShipment(facts.value(), diags, &lists_);
    ResolvedShipment after_shipment = edited_.ResolveShipment(facts.value(), diags, &lists_);
    for (const auto& line : sh.lines) {
      ++out.shipment_lines;
      auto item = StoredLineItem(store_, line);
      if (!item.ok()) return item.status();
      LineDecision before, after;
      baseline_.Decide(before_shipment, baseline_.ResolveItem(item.value(), diags), before);
      edited_.Decide(after_shipment, edited_.ResolveItem(item.value(), diags), after);
      diags.clear();
      bool same_exception = (before.exception ? before.exception->code : std::string_view()) ==
                            (after.exception ? after.exception->code : std::string_view());
      if (before.decision == after.decision && same_exception) continue;
      ReplayChange c;
      c.subject = ReplaySubject::kShipmentLine;
      c.part = line.part;
      c.shipment = sh.id;
      c.line = line.line;
      c.date = sh.date;
      c.destination = facts.value().end_user.country;
      c.before = Outcome(before);
      c.after = Outcome(after);
      c.rule = DecidingRule(after);
      if (c.rule.empty()) c.rule = DecidingRule(before);
      groups_[c.rule].push_back(std::move(c));
    }
    return Status::Ok();
  }

  const Engine& baseline_;
  const Engine& edited_;
  const Store& store_;
  const PackReplayOptions& opt_;
  ScreeningLists lists_;  // the decisions point into it; it outlives each shipment's decisions
  std::map<std::string, std::vector<ReplayChange>> groups_;
};

}  // namespace

Result<PackReplay> ReplayPack(const Engine& baseline, const Engine& edited, const Store& store,
                              const PackReplayOptions& options) {
  PackReplay out;
  Replayer replayer(baseline, edited, store, options);
  // One snapshot: an import committing meanwhile cannot give some lines the old facts and some
  // the new.
  Status s = store.InReadSnapshot([&] { return replayer.Run(out); });
  if (!s.ok()) return s;
  return out;
}

}  // namespace chipgate
