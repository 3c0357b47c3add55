// What the evaluator says about a line beyond its decision: the values a trace shows for each
// attribute and fact type, the details of review reasons (missing, undefined and unevaluable
// conditions, undecidable classes and components), and how a class not in effect is described.
// Each expected text is the documented wording (evaluator.cc, class_timing.h) for the input.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "compile/program.h"
#include "engine/engine_internal.h"
#include "eval/class_timing.h"
#include "support/test_support.h"
#include "support/trace_entries.h"

namespace chipgate::testing {
namespace {

ShipmentFacts To(const std::string& country, const std::string& date) {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of("Buyer Ltd", country, country, "");
  s.end_user = s.consignee;
  return s;
}

// The trace entries of one kind, as "id: result: detail".
const Reason* Find(const LineDecision& d, std::string_view rule) {
  for (const auto& r : d.reasons)
    if (r.rule == rule) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("TraceShowsEachAttributeAndFactTypeAsWritten", "[eval][trace]") {
  Engine e = MustLoad(R"yaml(
attributes:
  - {name: tpp, type: number}
  - {name: made, type: date}
  - {name: origin, type: country}
  - {name: kind, type: enum, values: [ic, board]}
  - {name: maker, type: string}
  - {name: brand, derived: maker}
  - {name: dc, type: bool}
classes:
  - {id: X.a, cite: c, when: "tpp >= 10 and made >= 2020-01-01 and origin == 'US' and kind == 'ic' and dc"}
  - {id: X.b, cite: c, when: "maker == 'Acme' or brand == 'Other'"}
license_rules:
  - {id: r, cite: c, classes: [X.a], when: "end_user.name == 'Nobody' or quantity > 5 or date < 2000-01-01"}
)yaml");
  ItemFacts item;
  item.part = "P";
  item.quantity = 3;
  item.Set("tpp", 12.5)
      .Set("made", "2021-03-04")
      .Set("origin", "US")
      .Set("kind", "ic")
      .Set("maker", "Zeta Works")
      .Set("dc", true);
  Trace trace;
  LineDecision d = e.Decide(To("DE", "2024-06-01"), item, &trace);
  CHECK(d.decision == DecisionKind::kNoLicenseRequired);
  // Numbers with %g, dates as YYYY-MM-DD, countries as codes, enums and free strings quoted (a
  // free string as given), bools as words; a derived string whose value no literal has says so.
  CHECK(Entries(trace, "class") ==
        std::vector<std::string>{
            "X.a: true: `tpp >= 10 and made >= 2020-01-01 and origin == 'US' and kind == 'ic' and "
            "dc` with tpp=12.5, made=2021-03-04, origin=US, kind='ic', dc=true",
            "X.b: false: `maker == 'Acme' or brand == 'Other'` with maker='Zeta Works', "
            "brand=(a value no rule names)"});
  // Facts: a name as stated, the quantity and the date.
  auto rules = Entries(trace, "rule");
  REQUIRE(rules.size() == 1);
  CHECK(rules[0] ==
        "r: false: classes true, condition false; `end_user.name == 'Nobody' or quantity > 5 or "
        "date < 2000-01-01` with date=2024-06-01, quantity=3, end_user.name='Buyer Ltd'");
}

TEST_CASE("TraceShowsMissingValuesAndAlwaysForAnAbsentCondition", "[eval][trace]") {
  Engine e = MustLoad(R"yaml(
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: r, cite: c, classes: [X.a], when: "end_user.headquarters == 'CN'"}
  - {id: all, cite: c, classes: any, decision: review}
)yaml");
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 5.0);
  ShipmentFacts s = To("DE", "2024-06-01");
  s.end_user.headquarters = "";
  Trace trace;
  e.Decide(s, item, &trace);
  CHECK(Entries(trace, "class") == std::vector<std::string>{"X.a: false: `tpp >= 10` with tpp=5"});
  // `r`'s classes are false for the item: it is not a candidate, and the trace says why. A rule
  // without `when` always holds.
  CHECK(Entries(trace, "rule") ==
        std::vector<std::string>{"r: not applicable: the item has none of its classes",
                                 "all: true: classes true, condition true; always"});
}

TEST_CASE("ReviewDetailNamesUndefinedDerivedValues", "[eval]") {
  // Both inputs are given, but the density divides by zero: the value is undefined, not missing.
  Engine e = MustLoad(R"yaml(
attributes:
  - {name: tpp, type: number}
  - {name: area, type: number}
  - {name: density, derived: tpp / area}
classes: [{id: X.a, cite: c, when: "density >= 1"}]
license_rules:
  - {id: r, cite: c, classes: any, when: "density >= 5"}
)yaml");
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 100.0).Set("area", 0.0);
  LineDecision d = e.Decide(To("CN", "2024-06-01"), item);
  CHECK(d.decision == DecisionKind::kReview);
  const Reason* r = Find(d, "r");
  REQUIRE(r);
  CHECK(r->undecided);
  CHECK(r->detail == "could not be decided (would be license_required): undefined density");
}

TEST_CASE("ReviewDetailOfAnUnknownContainsCondition", "[eval]") {
  // The condition reads no attribute or fact: only an unknown bill of materials makes it unknown,
  // and the detail says the condition could not be evaluated.
  Engine e = MustLoad(R"yaml(
attributes:
  - {name: type, type: enum, values: [ic, computer], requires_contents: [computer]}
  - {name: tpp, type: number}
classes: [{id: X.a, cite: c, when: "type == 'ic' and tpp >= 10"}]
license_rules:
  - {id: r, cite: c, classes: any, when: "contains('X.a')"}
)yaml");
  ItemFacts box;
  box.part = "BOX";
  box.Set("type", "computer");
  LineDecision d = e.Decide(To("CN", "2024-06-01"), box);
  CHECK(d.decision == DecisionKind::kReview);
  const Reason* r = Find(d, "r");
  REQUIRE(r);
  CHECK(r->detail ==
        "could not be decided (would be license_required): the condition could not be evaluated");
  REQUIRE(Find(d, "bill-of-materials"));
  CHECK(Find(d, "bill-of-materials")->detail == "the bill of materials of part `BOX` is not known");
}

TEST_CASE("ReviewDetailNamesUndecidableClassesAndComponents", "[eval]") {
  Engine e = MustLoad(R"yaml(
attributes:
  - {name: type, type: enum, values: [ic, computer]}
  - {name: tpp, type: number}
classes: [{id: X.a, cite: c, when: "type == 'ic' and tpp >= 10"}]
license_rules:
  - {id: r, cite: c, classes: [X.a], when: "destination == 'CN'"}
)yaml");
  SECTION("the item itself") {
    ItemFacts chip;
    chip.part = "CHIP";
    chip.Set("type", "ic");
    LineDecision d = e.Decide(To("CN", "2024-06-01"), chip);
    CHECK(d.decision == DecisionKind::kReview);
    const Reason* r = Find(d, "r");
    REQUIRE(r);
    CHECK(r->detail ==
          "could not be decided (would be license_required): cannot tell whether part `CHIP` is "
          "X.a: missing tpp");
  }
  SECTION("the item and a component") {
    // Neither the item nor its component gives tpp: both what the item is and what it contains
    // are unknown, and the detail names the component and what it lacks.
    ItemFacts mod;
    mod.part = "MODULE";
    mod.Set("type", "ic");
    ItemFacts chip;
    chip.part = "CHIP";
    chip.Set("type", "ic");
    mod.components.push_back(chip);
    LineDecision d = e.Decide(To("CN", "2024-06-01"), mod);
    CHECK(d.decision == DecisionKind::kReview);
    const Reason* r = Find(d, "r");
    REQUIRE(r);
    CHECK(r->detail ==
          "could not be decided (would be license_required): cannot tell whether part `MODULE` "
          "is X.a: missing tpp; a component may be X.a: component `CHIP` missing tpp");
  }
}

TEST_CASE("ClassTimingDescribesEachCase", "[eval][class_timing]") {
  Engine e = MustLoad(R"yaml(
attributes: [{name: tpp, type: number}]
classes:
  - {id: X.a, cite: c, when: "tpp >= 10", effective: {from: 2022-01-01, until: 2023-01-01}}
  - {id: Y.a, cite: c, when: "tpp >= 10", effective: {until: 2021-01-01}}
  - {id: Z.a, cite: c, when: "tpp >= 10", effective: {from: 2025-01-01}}
  - {id: W.a, cite: c, when: "tpp >= 10"}
)yaml");
  const Program& p = EngineInternals::ProgramOf(e);
  auto describe = [&](int cls, const char* date) {
    return DescribeClassTiming(TimingOfClass(p, cls, p.EpochIndex(*ParseDate(date))));
  };
  CHECK(describe(0, "2022-06-01") == "in effect");
  CHECK(describe(0, "2021-06-01") == "not yet in effect: it takes effect on 2022-01-01");
  CHECK(describe(0, "2024-06-01") ==
        "no longer in effect: it applied from 2022-01-01 until 2023-01-01");
  // Open start: no `from` is said.
  CHECK(describe(1, "2022-06-01") == "no longer in effect: it applied until 2021-01-01");
  CHECK(describe(2, "2024-06-01") == "not yet in effect: it takes effect on 2025-01-01");
  CHECK(describe(3, "2024-06-01") == "in effect");
  // An epoch index outside the program: nothing is known, so it is never in effect.
  CHECK(DescribeClassTiming(TimingOfClass(p, 0, -1)) == "never in effect");
  CHECK(DescribeClassTiming(TimingOfClass(p, 0, static_cast<int>(p.epochs.size()))) ==
        "never in effect");
}

TEST_CASE("ClassTimingOfAClassThatAppliesAgain", "[eval][class_timing]") {
  // A class with a gap: seen from inside the gap it ended and applies again.
  Engine e = MustLoad(R"yaml(
attributes: [{name: tpp, type: number}]
classes:
  - {id: X.a, cite: c, when: "tpp >= 10", effective: {from: 2022-01-01, until: 2023-01-01}}
  - {id: Y.a, cite: c, when: "tpp >= 10", effective: {from: 2023-06-01}}
license_rules:
  - {id: r, cite: c, classes: any, when: "false", effective: {from: 2024-01-01}}
)yaml");
  const Program& p = EngineInternals::ProgramOf(e);
  // Built by hand: the class listed in epochs 1 and 3 only (one id may have one period per pack).
  Program copy = p;
  int x = 0;
  for (auto& ep : copy.epochs) ep.classes.clear();
  copy.epochs[1].classes = {x};
  copy.epochs.back().classes = {x};
  CHECK(DescribeClassTiming(TimingOfClass(copy, x, 2)) ==
        "no longer in effect: it applied from " + FormatDate(copy.epochs[1].from) + " until " +
            FormatDate(copy.epochs[2].from) + "; it applies again from " +
            FormatDate(copy.epochs.back().from));
}

}  // namespace chipgate::testing
