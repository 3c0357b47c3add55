// What a trace (`chipgate explain`, Engine::Decide with a Trace) records for the shipment-level
// reasons: an unknown end use, a date outside the pack's coverage, the pack's notes in force, and
// the parties the consignee and end user match, exactly or possibly. Each entry is asserted as
// "kind id: result: detail", next to the reason the decision carries.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/test_support.h"
#include "support/trace_entries.h"

namespace chipgate::testing {
namespace {

const char* const kPack = R"yaml(
pack: {name: t, coverage: {from: 2022-01-01}}
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
end_uses: [{id: civil}, {id: research}]
notes:
  - {id: early, message: letters are not modelled, cite: n, effective: {from: 2022-01-01, until: 2023-01-01}}
parties:
  - {id: p1, name: "Huawei Technologies Co., Ltd.", aliases: [Huawei], cite: c1, list: entity_list, footnote: "4"}
  - {id: p2, name: "Acme Widgets", cite: c2}
license_rules:
  - {id: r, cite: c, classes: [X.a], when: "destination == 'CN'"}
)yaml";

ShipmentFacts Shipment(const std::string& date, const std::string& consignee,
                       const std::string& end_user, const std::string& end_use) {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of(consignee, "DE", "DE", "");
  s.end_user = PartyFacts::Of(end_user, "DE", "DE", "");
  s.end_use = end_use;
  return s;
}

ItemFacts Small() {
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);
  return item;
}

}  // namespace

TEST_CASE("TraceRecordsAnUnknownEndUseAndTheDateOutsideCoverage", "[eval][trace]") {
  Engine e = MustLoad(kPack);
  Trace trace;
  LineDecision d =
      e.Decide(Shipment("2021-06-01", "Buyer GmbH", "Buyer GmbH", "weather"), Small(), &trace);
  CHECK(d.decision == DecisionKind::kReview);
  CHECK(Entries(trace, "shipment") ==
        std::vector<std::string>{
            "pack-coverage: outside: shipment date 2021-06-01; pack `t` covers from 2022-01-01",
            "end-use: unknown: `weather`; known end uses: civil, research"});
}

TEST_CASE("TraceRecordsNotesAndPartyMatches", "[eval][trace]") {
  Engine e = MustLoad(kPack);
  Trace trace;
  LineDecision d =
      e.Decide(Shipment("2022-06-01", "HUAWEI", "Acme Widgts", "civil"), Small(), &trace);
  // The exact hit takes the party's effect (license_required), the near one asks for review.
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  CHECK(Entries(trace, "note") ==
        std::vector<std::string>{"early: in effect: letters are not modelled"});
  auto parties = Entries(trace, "party");
  REQUIRE(parties.size() == 2);
  CHECK(parties[0] ==
        "p1: match: consignee `HUAWEI` matches `Huawei Technologies Co., Ltd.` (entity_list, "
        "footnote 4)");
  CHECK(parties[1].rfind("p2: possible match: end user `Acme Widgts` resembles `Acme Widgets` "
                         "(score ",
                         0) == 0);
  // A note is a reason that never changes the decision; without a trace the reasons are the same.
  LineDecision untraced =
      e.Decide(Shipment("2022-06-01", "HUAWEI", "Acme Widgts", "civil"), Small());
  REQUIRE(untraced.reasons.size() == d.reasons.size());
  for (size_t i = 0; i < d.reasons.size(); ++i)
    CHECK(untraced.reasons[i].rule == d.reasons[i].rule);
}

}  // namespace chipgate::testing
