// What a trace records for sources that disagree about a fact of the shipment: one `shipment`
// entry per conflict, next to the `review` reason the decision carries, with what each source
// said (or that it stated none).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/test_support.h"
#include "support/trace_entries.h"

namespace chipgate::testing {
namespace {

const char* const kPack = R"yaml(
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: r, cite: c, classes: [X.a], when: "destination == 'CN'"}
)yaml";

}  // namespace

TEST_CASE("TraceRecordsEachConflictBetweenSources", "[eval][trace]") {
  Engine e = MustLoad(kPack);
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate("2025-01-01");
  s.consignee = PartyFacts::Of("Buyer GmbH", "DE", "DE", "");
  s.end_user = s.consignee;
  s.conflicts.push_back({"end_user.headquarters", {"manifest", "SG"}, {"database", "CN"}});
  s.conflicts.push_back({"end_user.parent_headquarters", {"manifest", ""}, {"database", "CN"}});
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);
  Trace trace;
  LineDecision d = e.Decide(s, item, &trace);
  CHECK(d.decision == DecisionKind::kReview);
  REQUIRE(d.reasons.size() == 2);
  CHECK(d.reasons[0].source == ReasonSource::kConflict);
  CHECK(Entries(trace, "shipment") ==
        std::vector<std::string>{
            "party-conflict: conflict: `end_user.headquarters`: manifest says `SG`, database says "
            "`CN`",
            "party-conflict: conflict: `end_user.parent_headquarters`: manifest states none, "
            "database says `CN`"});
  // Without a trace the decision is the same.
  LineDecision plain = e.Decide(s, item);
  CHECK(plain.decision == DecisionKind::kReview);
  CHECK(plain.reasons.size() == 2);
}

}  // namespace chipgate::testing
