// Rule-test runner (`chipgate test`, docs/rule-tests.md): decides each case, compares field by
// field, and measures coverage of the pack's classes, enabled rules, exceptions, parties and dated
// changes. Each case's facts are typed with Engine::ResolveShipment and ResolveItem, the steps
// `check` types a manifest with, and their errors (E5xx) are the run's diagnostics: the caller
// refuses the run, so a case whose values were dropped never passes as `review`.
#include <algorithm>
#include <set>

#include "chipgate/rule_test.h"
#include "compile/program.h"
#include "engine/engine_internal.h"

namespace chipgate {
namespace {

// Order-insensitive text of a list, for comparing and for messages; `(none)` when empty.
std::string JoinSorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "(none)" : out;
}

// Checks only what the case expects (each field is optional) and collects every mismatch, not
// just the first, so one run shows all that is wrong with a case. `classes` must equal the
// result's classes, order ignored; `classes_include` only requires each listed class to be present.
// `exception_given` tells "expects no exception" (empty `exception`) from "says nothing".
void Compare(const RuleTestCase& c, RuleTestResult& r) {
  const LineDecision& a = r.actual;
  const RuleTestExpect& e = c.expect;
  if (e.decision && *e.decision != a.decision) {
    r.failures.push_back("decision: expected " + std::string(DecisionName(*e.decision)) + ", got " +
                         std::string(DecisionName(a.decision)));
  }
  if (e.classes) {
    std::vector<std::string> got(a.classes.begin(), a.classes.end());
    if (JoinSorted(*e.classes) != JoinSorted(got)) {
      r.failures.push_back("classes: expected " + JoinSorted(*e.classes) + ", got " +
                           JoinSorted(got));
    }
  }
  for (const auto& want : e.classes_include) {
    if (std::find(a.classes.begin(), a.classes.end(), want) == a.classes.end()) {
      r.failures.push_back("classes_include: expected `" + want + "` among the classes");
    }
  }
  if (e.exception_given) {
    std::string got = a.exception ? std::string(a.exception->code) : "";
    if (got != e.exception) {
      r.failures.push_back("exception: expected " + (e.exception.empty() ? "none" : e.exception) +
                           ", got " + (got.empty() ? "none" : got));
    }
  }
  // A rule "fired" when any reason carries its id, including undecided ones: the case reached it.
  std::set<std::string> fired;
  for (const auto& reason : a.reasons) fired.insert(std::string(reason.rule));
  for (const auto& id : e.rules) {
    if (!fired.count(id)) r.failures.push_back("rules: expected `" + id + "` to fire; it did not");
  }
  for (const auto& id : e.not_rules) {
    if (fired.count(id)) r.failures.push_back("not_rules: `" + id + "` fired");
  }
  r.passed = r.failures.empty();
}

// Coverage: an entry is covered when some test exercised it while it was in force. A class
// counts only on a date when that class (not another with the same name, such as a later
// paragraph) was in force; disabled entries are not listed. For a stack, only the entries of the
// last (top) pack are listed: its tests are the ones being run, and the packs below it have their
// own.
void Cover(const Program& p, const std::vector<RuleTestResult>& results, RuleTestRun& run) {
  const PackLayerInfo& top = p.layers.back();
  auto own = [&](int PackLayerInfo::*first, size_t index) {
    return static_cast<int>(index) >= top.*first;
  };
  std::set<std::string> reasons, exceptions;
  std::set<int> classes;
  std::set<Date> dates;
  for (const auto& r : results) {
    const Epoch& ep = p.epochs[p.EpochIndex(r.test->shipment.date)];
    for (int c : ep.classes) {
      const std::string& id = p.classes[c].id;
      for (auto met : r.actual.classes) {
        if (met == id) classes.insert(c);
      }
    }
    // A rule that could not be decided was reached but not exercised: its condition never
    // produced an answer, so it does not count as covered.
    for (const auto& reason : r.actual.reasons) {
      if (!reason.undecided) reasons.insert(std::string(reason.rule));
    }
    if (r.actual.exception) exceptions.insert(std::string(r.actual.exception->id));
    dates.insert(r.test->shipment.date);
  }
  for (size_t c = 0; c < p.classes.size(); ++c) {
    if (!own(&PackLayerInfo::first_class, c)) continue;
    run.coverage.push_back({"class", p.classes[c].id, classes.count(static_cast<int>(c)) > 0});
  }
  for (size_t r = 0; r < p.rules.size(); ++r) {
    const auto& rule = p.rules[r];
    if (rule.enabled && own(&PackLayerInfo::first_rule, r))
      run.coverage.push_back({"rule", rule.id, reasons.count(rule.id) > 0});
  }
  std::set<int> live;  // exceptions enabled and in force in some epoch
  for (const auto& ep : p.epochs) live.insert(ep.exceptions.begin(), ep.exceptions.end());
  for (size_t e = 0; e < p.exceptions.size(); ++e) {
    if (!live.count(static_cast<int>(e)) || !own(&PackLayerInfo::first_exception, e)) continue;
    run.coverage.push_back(
        {"exception", p.exceptions[e].id, exceptions.count(p.exceptions[e].id) > 0});
  }
  // A party hit's reason carries the party's id as its rule id, so parties are looked up in the
  // same set of reason ids as rules.
  for (size_t i = 0; i < p.parties.size(); ++i) {
    if (!own(&PackLayerInfo::first_party, i)) continue;
    run.coverage.push_back({"party", p.parties[i].id, reasons.count(p.parties[i].id) > 0});
  }
  // A change is exercised by cases on the day before it and on its day (any cases: they need not
  // concern the changed entry). The same date and label from several entries count once.
  std::set<std::string> seen;
  const int top_layer = static_cast<int>(p.layers.size()) - 1;
  for (const auto& ch : p.changes) {
    if (ch.layer != top_layer) continue;
    std::string id = FormatDate(ch.date) + ": " + ch.what;
    if (!seen.insert(id).second) continue;
    bool covered = dates.count(Date{ch.date.days - 1}) && dates.count(ch.date);
    run.coverage.push_back({"change", id, covered});
  }
  int covered = 0;
  for (const auto& e : run.coverage) covered += e.covered ? 1 : 0;
  // A pack with nothing to cover is fully covered (and avoids dividing by zero).
  run.coverage_percent =
      run.coverage.empty() ? 100.0 : 100.0 * covered / static_cast<double>(run.coverage.size());
}

}  // namespace

// Results are in case order, each pointing at its case (`test`): `cases` must outlive the run.
// Coverage is over every case, passing or failing.
RuleTestRun RunRuleTests(const Engine& engine, const std::vector<RuleTestCase>& cases) {
  RuleTestRun run;
  for (const auto& c : cases) {
    RuleTestResult r;
    r.test = &c;
    size_t before = run.diagnostics.size();
    ResolvedShipment shipment = engine.ResolveShipment(c.shipment, run.diagnostics);
    ResolvedItem item = engine.ResolveItem(c.item, run.diagnostics);
    engine.Decide(shipment, item, r.actual);
    Compare(c, r);
    // A case with invalid facts fails whatever it expected, for a caller that ignores
    // `diagnostics`: its decision was made without the rejected values.
    for (size_t i = before; i < run.diagnostics.size(); ++i) {
      r.failures.push_back("facts: " + run.diagnostics[i].message);
      r.passed = false;
    }
    (r.passed ? run.passed : run.failed) += 1;
    run.results.push_back(std::move(r));
  }
  Cover(EngineInternals::ProgramOf(engine), run.results, run);
  SortDiagnostics(run.diagnostics);
  return run;
}

}  // namespace chipgate
