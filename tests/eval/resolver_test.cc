// Tests for the resolver's party screening (src/eval/resolver.h): which hits a shipment gets
// from its consignee and end user, and what exact and fuzzy hits do to a decision. The typing of
// values is tested in evaluator_test.cc (ResolverRejectsBadValues) and engine/typed_values_test.cc.
#include "eval/resolver.h"

#include <catch2/catch.hpp>
#include <string>

#include "engine/engine_internal.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kHuaweiPack = R"(
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
parties:
  - {id: p1, name: "Huawei Technologies Co., Ltd.", aliases: [Huawei], cite: c1, list: entity_list}
)";

ShipmentFacts Shipment(const std::string& consignee, const std::string& end_user) {
  ShipmentFacts s;
  s.date = *ParseDate("2024-06-01");
  s.consignee = PartyFacts::Of(consignee, "DE", "DE", "");
  s.end_user = PartyFacts::Of(end_user, "DE", "DE", "");
  return s;
}

}  // namespace

TEST_CASE("EachScreenedNameGetsAtMostOneHitPerParty", "[eval]") {
  Engine e = MustLoad(kHuaweiPack);
  auto hits = [&](const std::string& consignee, const std::string& end_user) {
    std::vector<Diagnostic> diags;
    ResolvedShipment s = e.ResolveShipment(Shipment(consignee, end_user), diags);
    CHECK(diags.empty());
    return EngineInternals::DataOf(s).hits;
  };
  // The same name in both roles is one hit, under the first role.
  auto same = hits("Huawei", "Huawei");
  REQUIRE(same.size() == 1);
  CHECK(same[0].role == std::string("consignee"));
  CHECK(same[0].kind == PartyMatchKind::kExact);
  CHECK(same[0].matched_name == "Huawei");
  // Two names matching the same party: one hit each, consignee first.
  auto two = hits("Huawei", "Hua Wei Technologies");
  REQUIRE(two.size() == 2);
  CHECK(two[0].role == std::string("consignee"));
  CHECK(two[1].role == std::string("end user"));
  CHECK(two[1].name == "Hua Wei Technologies");
  CHECK(two[1].kind == PartyMatchKind::kSimilar);
  CHECK(two[1].matched_name == "Huawei Technologies Co., Ltd.");
  CHECK(two[1].party == 0);
  // Only the end user matches, by containment.
  auto added = hits("Buyer GmbH", "Huawei Cloud");
  REQUIRE(added.size() == 1);
  CHECK(added[0].role == std::string("end user"));
  CHECK(added[0].kind == PartyMatchKind::kContains);
  CHECK(hits("Buyer GmbH", "").empty());  // an empty name is not screened
}

TEST_CASE("FuzzyHitIsReviewAndExactHitKeepsTheEffect", "[eval]") {
  Engine e = MustLoad(kHuaweiPack);
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);
  auto decide = [&](const std::string& name) {
    return e.Decide(Shipment("Buyer GmbH", name), item);
  };
  LineDecision exact = decide("HUAWEI TECHNOLOGIES CO LTD");
  CHECK(exact.decision == DecisionKind::kLicenseRequired);
  REQUIRE(exact.reasons.size() == 1);
  CHECK(exact.reasons[0].detail ==
        "end user `HUAWEI TECHNOLOGIES CO LTD` matches `Huawei Technologies Co., Ltd.` "
        "(entity_list)");

  LineDecision fuzzy = decide("Huawei Technolgies");
  CHECK(fuzzy.decision == DecisionKind::kReview);
  REQUIRE(fuzzy.reasons.size() == 1);
  CHECK(fuzzy.reasons[0].rule == "p1");
  CHECK(fuzzy.reasons[0].cite == "c1");
  CHECK(fuzzy.reasons[0].message == "possible match with a restricted party");
  CHECK(fuzzy.reasons[0].detail ==
        "end user `Huawei Technolgies` resembles `Huawei Technologies Co., Ltd.` (score 0.93)");

  LineDecision alias = decide("Hua Wei");
  REQUIRE(alias.reasons.size() == 1);
  CHECK(alias.reasons[0].detail ==
        "end user `Hua Wei` resembles `Huawei`, an alias of `Huawei Technologies Co., Ltd.` (score "
        "0.95)");

  LineDecision look_alike = decide("HU\xD0\x90WEI TECHNOLOGIES CO LTD");  // a Cyrillic capital A
  CHECK(look_alike.decision == DecisionKind::kLicenseRequired);
  REQUIRE(look_alike.reasons.size() == 1);
  CHECK(look_alike.reasons[0].detail ==
        "end user `HU\xD0\x90WEI TECHNOLOGIES CO LTD` matches `Huawei Technologies Co., Ltd.` "
        "(entity_list)");

  LineDecision added = decide("Huawei Cloud");
  CHECK(added.decision == DecisionKind::kReview);
  REQUIRE(added.reasons.size() == 1);
  CHECK(added.reasons[0].message == "possible match with a restricted party");
  CHECK(added.reasons[0].detail ==
        "end user `Huawei Cloud` contains `Huawei`, an alias of `Huawei Technologies Co., Ltd.`, "
        "among other words "
        "(coverage 1.00)");

  CHECK(decide("S M I C").decision == DecisionKind::kNoLicenseRequired);  // not on this list
  CHECK(decide("Huawen Trading Ltd").decision == DecisionKind::kNoLicenseRequired);
}

}  // namespace chipgate::testing
