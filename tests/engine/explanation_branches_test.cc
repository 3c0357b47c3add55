// ExplainDecision on lines the other explanation tests do not decide: a license_required line
// without an end-user country (no license can name a destination, so none is offered), and the
// affiliates rule's unknown ownership, a note that never decides a line under
// `unknown_ownership: note` and a deciding `review` reason, reading the parties' names, under
// `unknown_ownership: review`.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/explanation.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

size_t Count(const LineExplanation& x, WhatIf::Kind kind) {
  return static_cast<size_t>(std::count_if(x.what_if.begin(), x.what_if.end(),
                                           [&](const WhatIf& w) { return w.kind == kind; }));
}

ItemFacts Chip(double tpp) {
  ItemFacts i;
  i.part = "CHIP";
  i.quantity = 2;
  i.Set("tpp", tpp);
  return i;
}

ShipmentFacts To(const std::string& country) {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate("2026-12-01");
  s.consignee = PartyFacts::Of("Foo Ltd", country);
  s.end_user = s.consignee;
  return s;
}

std::string AffiliatesPack(const std::string& unknown_ownership) {
  return R"(
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: r-x, classes: [X.a], cite: rc, when: "destination in ['CN']"}
parties:
  - {id: el-a, name: Alpha Semiconductor, cite: ca, list: entity_list}
affiliates:
  id: affiliates-rule
  cite: "744.11"
  lists: [entity_list]
  unknown_ownership: )" +
         unknown_ownership + R"(
  periods:
    - {effective: {from: 2025-09-29}, cite: in force}
)";
}

// The names of the facts of the deciding reason with source `source`; empty when none decides.
std::vector<std::string> DecidingFacts(const LineExplanation& x, const LineDecision& d,
                                       ReasonSource source) {
  std::vector<std::string> out;
  for (const DecidingReason& r : x.deciding) {
    if (d.reasons[r.reason].source != source) continue;
    for (const ExplainedFact& f : r.facts) out.push_back(f.name + "=" + f.value.value_or("?"));
  }
  return out;
}

}  // namespace

TEST_CASE("NoLicenseIsOfferedForALineWithoutAnEndUserCountry", "[engine][explain]") {
  // The rule reads no destination, so the line needs a license wherever it goes. (A license
  // names ECCNs: the class is one.)
  Engine e = MustLoad(R"yaml(
attributes: [{name: tpp, type: number}]
classes: [{id: 3A090.a, cite: c, when: "tpp >= 10"}]
license_rules: [{id: r, cite: c, classes: [3A090.a]}]
)yaml");
  ItemFacts item = Chip(12);
  ShipmentFacts to_cn = To("CN");
  LineDecision d = e.Decide(to_cn, item);
  REQUIRE(d.decision == DecisionKind::kLicenseRequired);
  LineExplanation x = ExplainDecision(e, to_cn, item, nullptr, d);
  REQUIRE(Count(x, WhatIf::Kind::kLicense) == 1);
  CHECK(x.what_if.front().value == "CN");

  ShipmentFacts nowhere = To("");
  LineDecision dn = e.Decide(nowhere, item);
  REQUIRE(dn.decision == DecisionKind::kLicenseRequired);
  LineExplanation xn = ExplainDecision(e, nowhere, item, nullptr, dn);
  CHECK(Count(xn, WhatIf::Kind::kLicense) == 0);
  REQUIRE(xn.deciding.size() == 1);
  CHECK(dn.reasons[xn.deciding[0].reason].rule == "r");
}

TEST_CASE("AnOwnershipNoteNeverDecidesALine", "[engine][explain]") {
  Engine e = MustLoad(AffiliatesPack("note"));
  ShipmentFacts s = To("DE");
  ItemFacts item = Chip(12);
  LineDecision d = e.Decide(s, item);
  REQUIRE(d.decision == DecisionKind::kNoLicenseRequired);
  bool noted = std::any_of(d.reasons.begin(), d.reasons.end(), [](const Reason& r) {
    return r.source == ReasonSource::kOwnershipUnknown &&
           r.decision == DecisionKind::kNoLicenseRequired;
  });
  REQUIRE(noted);
  LineExplanation x = ExplainDecision(e, s, item, nullptr, d);
  for (const DecidingReason& r : x.deciding)
    CHECK(d.reasons[r.reason].source != ReasonSource::kOwnershipUnknown);
  CHECK(DecidingFacts(x, d, ReasonSource::kOwnershipUnknown).empty());
}

TEST_CASE("UnknownOwnershipUnderReviewDecidesAndReadsThePartiesNames", "[engine][explain]") {
  Engine e = MustLoad(AffiliatesPack("review"));
  ShipmentFacts s = To("DE");
  ItemFacts item = Chip(12);
  LineDecision d = e.Decide(s, item);
  REQUIRE(d.decision == DecisionKind::kReview);
  LineExplanation x = ExplainDecision(e, s, item, nullptr, d);
  CHECK(DecidingFacts(x, d, ReasonSource::kOwnershipUnknown) ==
        std::vector<std::string>{"consignee.name=Foo Ltd", "end_user.name=Foo Ltd"});
}

}  // namespace chipgate::testing
