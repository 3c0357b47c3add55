// Where ExplainDecision offers no counterfactual: a license is offered only when it would clear
// the line (not for a quantity that rounds to no unit), and a date is offered only inside the
// pack's coverage (a pack change at the edge of the period it models is not a way out). The
// same lines without the limit get the counterfactual, so each check is about the limit.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "chipgate/explanation.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

ShipmentFacts To(const std::string& country, const std::string& date) {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of("Buyer", country, country, "");
  s.end_user = s.consignee;
  return s;
}

ItemFacts Chip(double quantity) {
  ItemFacts i;
  i.part = "CHIP";
  i.quantity = quantity;
  i.Set("tpp", 50.0);
  return i;
}

size_t Count(const LineExplanation& x, WhatIf::Kind kind) {
  return static_cast<size_t>(std::count_if(x.what_if.begin(), x.what_if.end(),
                                           [&](const WhatIf& w) { return w.kind == kind; }));
}

// A license names ECCNs: the class is one.
const char* const kPack = R"yaml(
attributes: [{name: tpp, type: number}]
classes: [{id: 3A090.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: r, cite: c, classes: [3A090.a], when: "destination == 'CN'"}
)yaml";

}  // namespace

TEST_CASE("NoLicenseIsOfferedForAQuantityOfNoUnit", "[engine][explain]") {
  Engine e = MustLoad(kPack);
  ShipmentFacts s = To("CN", "2024-06-01");
  ItemFacts four = Chip(4);
  LineDecision d4 = e.Decide(s, four);
  REQUIRE(d4.decision == DecisionKind::kLicenseRequired);
  LineExplanation x4 = ExplainDecision(e, s, four, nullptr, d4);
  REQUIRE(Count(x4, WhatIf::Kind::kLicense) == 1);
  CHECK(x4.what_if.front().value == "CN");
  CHECK(x4.what_if.front().classes == std::vector<std::string>{"3A090.a"});
  CHECK(x4.what_if.front().may_ship);
  // 0.4 units round to none: no license can be drawn on such a line, so none is offered.
  ItemFacts fraction = Chip(0.4);
  LineDecision d = e.Decide(s, fraction);
  REQUIRE(d.decision == DecisionKind::kLicenseRequired);
  CHECK(Count(ExplainDecision(e, s, fraction, nullptr, d), WhatIf::Kind::kLicense) == 0);
}

TEST_CASE("DateCounterfactualsStayInsideThePackCoverage", "[engine][explain]") {
  // The rule takes effect the day the coverage starts and is replaced the day it ends: the days
  // before and after are outside the period the pack models.
  const std::string rules = R"yaml(
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: r, cite: c, classes: [X.a], when: "destination == 'CN'", effective: {from: 2022-01-01, until: 2025-01-01}}
)yaml";
  ShipmentFacts s = To("CN", "2024-06-01");
  ItemFacts item = Chip(1);
  Engine open = MustLoad(rules);
  LineDecision d = open.Decide(s, item);
  REQUIRE(d.decision == DecisionKind::kLicenseRequired);
  LineExplanation x = ExplainDecision(open, s, item, nullptr, d);
  REQUIRE(Count(x, WhatIf::Kind::kDate) == 2);
  Engine bounded =
      MustLoad("pack: {name: t, coverage: {from: 2022-01-01, until: 2025-01-01}}\n" + rules);
  LineDecision db = bounded.Decide(s, item);
  REQUIRE(db.decision == DecisionKind::kLicenseRequired);
  CHECK(Count(ExplainDecision(bounded, s, item, nullptr, db), WhatIf::Kind::kDate) == 0);
}

}  // namespace chipgate::testing
