// ExplainDecision through the library (the CLI's `explain` is tested in
// tests/cli/explain_cli_test.cc): the facts a deciding rule read, each with its value as given and
// its source; the deciding reasons of built-in and party sources; country and end-use
// counterfactuals; and dates.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/explanation.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

ShipmentFacts Shipment(const std::string& date) {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of("Acme Trading", "CN", "HK", "SG");
  s.consignee.id = "C-1";
  s.end_user = PartyFacts::Of("Acme Labs", "CN", "TW", "JP");
  s.end_user.id = "E-2";
  s.end_use = "research";
  return s;
}

ItemFacts Chip(double tpp) {
  ItemFacts i;
  i.part = "CHIP";
  i.quantity = 4;
  i.Set("tpp", tpp);
  return i;
}

// "name=value (source)" per fact of the first deciding reason.
std::vector<std::string> FactsOfFirst(const LineExplanation& x) {
  std::vector<std::string> out;
  REQUIRE_FALSE(x.deciding.empty());
  for (const auto& f : x.deciding.front().facts)
    out.push_back(f.name + "=" + f.value.value_or("?") + " (" +
                  std::string(FactSourceName(f.source)) + ")");
  return out;
}

}  // namespace

TEST_CASE("ExplanationNamesEveryShipmentFactTheRuleRead", "[engine][explain]") {
  Engine e = MustLoad(R"yaml(
attributes: [{name: tpp, type: number}]
end_uses: [{id: research}, {id: weapons}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - id: every-fact
    cite: c
    classes: [X.a]
    when: >-
      destination == 'CN' and end_user.country == 'CN' and consignee.country == 'CN'
      and consignee.headquarters == 'HK'
      and consignee.parent_headquarters == 'SG' and end_user.headquarters == 'TW'
      and end_user.parent_headquarters == 'JP' and consignee.name == 'Acme Trading'
      and consignee.id == 'C-1' and end_user.name == 'Acme Labs' and end_user.id == 'E-2'
      and quantity >= 1 and date >= 2020-01-01 and end_use == 'research'
)yaml");
  ShipmentFacts s = Shipment("2024-06-01");
  s.SetSource("consignee.headquarters", FactSource::kDatabase);
  s.SetSource("end_user.country", FactSource::kCommandLine);
  ItemFacts item = Chip(12);
  LineDecision d = e.Decide(s, item);
  REQUIRE(d.decision == DecisionKind::kLicenseRequired);
  LineExplanation x = ExplainDecision(e, s, item, nullptr, d);
  REQUIRE(x.deciding.size() == 1);
  CHECK(d.reasons[x.deciding[0].reason].rule == "every-fact");
  // The item's attribute (from the class the rule applies to), then the facts in catalogue
  // order; `destination` is the end user's country and shares its source.
  CHECK(FactsOfFirst(x) == std::vector<std::string>{
                               "tpp=12 (manifest)",
                               "date=2024-06-01 (manifest)",
                               "destination=CN (command line)",
                               "end_use=research (manifest)",
                               "quantity=4 (manifest)",
                               "consignee.country=CN (manifest)",
                               "consignee.headquarters=HK (database)",
                               "consignee.parent_headquarters=SG (manifest)",
                               "end_user.country=CN (command line)",
                               "end_user.headquarters=TW (manifest)",
                               "end_user.parent_headquarters=JP (manifest)",
                               "consignee.name=Acme Trading (manifest)",
                               "consignee.id=C-1 (manifest)",
                               "end_user.name=Acme Labs (manifest)",
                               "end_user.id=E-2 (manifest)",
                           });
  // The end use is one of the facts the rule read: another declared end use clears the line.
  auto end_use = std::find_if(x.what_if.begin(), x.what_if.end(),
                              [](const WhatIf& w) { return w.fact == "end_use"; });
  REQUIRE(end_use != x.what_if.end());
  CHECK(end_use->was == "research");
  CHECK(end_use->value == "weapons");
  CHECK(end_use->decision == DecisionKind::kNoLicenseRequired);
  CHECK(end_use->may_ship);
}

TEST_CASE("ExplanationOfBuiltInAndPartyReasons", "[engine][explain]") {
  Engine e = MustLoad(R"yaml(
pack: {name: t, version: "1", coverage: {from: 2020-01-01}}
attributes: [{name: tpp, type: number}]
end_uses: [{id: research}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: r, cite: c, classes: [X.a], when: "destination == 'CN'"}
parties:
  - {id: p-1, name: Acme Trading, cite: c, effect: prohibited}
)yaml");
  ItemFacts item = Chip(12);
  SECTION("a party") {
    ShipmentFacts s = Shipment("2024-06-01");
    LineDecision d = e.Decide(s, item);
    REQUIRE(d.decision == DecisionKind::kProhibited);
    LineExplanation x = ExplainDecision(e, s, item, nullptr, d);
    // The party reason read the parties' names.
    CHECK(FactsOfFirst(x) == std::vector<std::string>{"consignee.name=Acme Trading (manifest)",
                                                      "end_user.name=Acme Labs (manifest)"});
  }
  SECTION("an unknown end use") {
    ShipmentFacts s = Shipment("2024-06-01");
    s.consignee.name = s.end_user.name = "Other";
    s.end_use = "knitting";
    item = Chip(1);
    LineDecision d = e.Decide(s, item);
    REQUIRE(d.decision == DecisionKind::kReview);
    LineExplanation x = ExplainDecision(e, s, item, nullptr, d);
    CHECK(FactsOfFirst(x) == std::vector<std::string>{"end_use=knitting (manifest)"});
  }
  SECTION("a date outside the pack's coverage") {
    ShipmentFacts s = Shipment("2019-06-01");
    s.consignee.name = s.end_user.name = "Other";
    item = Chip(1);
    LineDecision d = e.Decide(s, item);
    REQUIRE(d.decision == DecisionKind::kReview);
    LineExplanation x = ExplainDecision(e, s, item, nullptr, d);
    CHECK(FactsOfFirst(x) == std::vector<std::string>{"date=2019-06-01 (manifest)"});
  }
  SECTION("missing data: the reason says it all") {
    ShipmentFacts s = Shipment("2024-06-01");
    s.consignee.name = s.end_user.name = "Other";
    ItemFacts none;
    none.part = "NONE";
    LineDecision d = e.Decide(s, none);
    REQUIRE(d.decision == DecisionKind::kReview);
    LineExplanation x = ExplainDecision(e, s, none, nullptr, d);
    REQUIRE(x.deciding.size() == 1);
    CHECK(x.deciding[0].facts.empty());
  }
}

TEST_CASE("ExplanationOfACountryFactListsTheCountriesKeepingTheDecision", "[engine][explain]") {
  Engine e = MustLoad(R"yaml(
attributes: [{name: tpp, type: number}]
country_groups:
  - {id: "D:5", cite: c, members: [CN, MO, VN]}
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: few, cite: c, classes: [X.a], when: "destination in D:5"}
  - {id: many, cite: c, classes: [X.a], when: "not (consignee.headquarters in D:5)", decision: review}
)yaml");
  ItemFacts item = Chip(12);
  ShipmentFacts s = Shipment("2024-06-01");
  s.end_use = "";  // this pack declares no end use
  SECTION("few countries keep it: they are listed") {
    s.consignee.headquarters = "CN";
    LineDecision d = e.Decide(s, item);
    REQUIRE(d.decision == DecisionKind::kLicenseRequired);
    LineExplanation x = ExplainDecision(e, s, item, nullptr, d);
    auto w = std::find_if(x.what_if.begin(), x.what_if.end(),
                          [](const WhatIf& w) { return w.fact == "destination"; });
    REQUIRE(w != x.what_if.end());
    CHECK(w->was == "CN");
    CHECK(w->decision == DecisionKind::kNoLicenseRequired);
    CHECK(w->countries_keeping == std::vector<std::string>{"CN", "MO", "VN"});
    CHECK(w->countries_changing > 200);
  }
  SECTION("too many countries keep it: only the count is said") {
    s.consignee.headquarters = "DE";
    s.end_user.country = "DE";
    LineDecision d = e.Decide(s, item);
    REQUIRE(d.decision == DecisionKind::kReview);
    LineExplanation x = ExplainDecision(e, s, item, nullptr, d);
    auto w = std::find_if(x.what_if.begin(), x.what_if.end(),
                          [](const WhatIf& w) { return w.fact == "consignee.headquarters"; });
    REQUIRE(w != x.what_if.end());
    CHECK(w->decision == DecisionKind::kNoLicenseRequired);
    CHECK(w->countries_changing == 3);
    CHECK(w->countries_keeping.empty());
  }
}

}  // namespace chipgate::testing
