// `chipgate audit --compare-date`: the two dates in order whichever is given first, each change of
// decision put down to the pack change that caused it (with its citation and date), the parts and
// past shipments each cause affects, --destinations; and an audit as of a past date leaving out
// the shipments dated after it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "auditor/change_cause.h"
#include "support/json_fields.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kParts =
    "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter,memory_bandwidth_density,io_"
    "bandwidth_gbs\n"
    "H100,3A090.a,ic,15832,814,true,,900\n"
    "H800,3A090.a,ic,15832,814,true,,400\n"
    "RTX4090,3A090.a,ic,5285,608.5,false,,64\n";

// Shipments of H100 to Saudi Arabia before, between and after the compared dates, one of them
// with two H100 lines (one shipment), and one of H100 to Germany (no change there).
const char* kShipments =
    "shipment_id,date,consignee,consignee_country,end_user,end_user_country,end_user_headquarters,"
    "part_number,quantity,license\n"
    "SA-1,2023-06-01,Cloud Co,SA,Cloud Co,SA,SA,H100,8,\n"
    "SA-2,2024-06-01,Cloud Co,SA,Cloud Co,SA,SA,H100,8,\n"
    "SA-2,2024-06-01,Cloud Co,SA,Cloud Co,SA,SA,H100,4,\n"
    "SA-3,2024-06-01,Cloud Co,SA,Cloud Co,SA,SA,H800,4,\n"
    "SA-LATE,2025-06-01,Cloud Co,SA,Cloud Co,SA,SA,H100,8,\n"
    "DE-1,2024-06-01,Lab GmbH,DE,Lab GmbH,DE,DE,H100,8,\n";

struct Fixture {
  TempDir dir;
  std::string db = dir.path() + "/cmp.db";
  explicit Fixture(const char* shipments = kShipments, const char* licenses = nullptr) {
    REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
    std::vector<std::string> args = {"db",
                                     "import",
                                     db,
                                     "--parts",
                                     dir.Write("p.csv", kParts),
                                     "--shipments",
                                     dir.Write("s.csv", shipments)};
    if (licenses) {
      args.push_back("--licenses");
      args.push_back(dir.Write("l.csv", licenses));
    }
    RunResult r = RunChipgate(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  RunResult Run(std::vector<std::string> extra) const {
    std::vector<std::string> args = {
        "audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--no-record"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunChipgate(args);
  }
  nlohmann::json Json(std::vector<std::string> extra) const {
    extra.push_back("--format");
    extra.push_back("json");
    RunResult r = Run(extra);
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    return nlohmann::json::parse(r.out);
  }
};

// The group whose rows include `part` to `destination`, or null.
nlohmann::json GroupOf(const nlohmann::json& changes, const std::string& part,
                       const std::string& destination) {
  for (const auto& g : changes["groups"]) {
    for (const auto& c : g["changes"]) {
      if (c["part"] == part && c["destination"] == destination) return g;
    }
  }
  return nullptr;
}

std::set<std::string> CauseIds(const nlohmann::json& group) {
  std::set<std::string> out;
  for (const auto& c : group["causes"])
    out.insert(c["kind"].get<std::string>() + " " + TextOr(c, "id", "") + " " +
               TextOr(c, "country", "") + " " + TextOr(c, "date", "undated") + " " +
               TextOr(c, "effect", ""));
  return out;
}

}  // namespace

TEST_CASE("CompareDatesInEitherOrderGiveTheSameChanges", "[auditor][compare]") {
  Fixture fx;
  nlohmann::json ordered = fx.Json({"--date", "2023-01-01", "--compare-date", "2026-11-29"});
  nlohmann::json reversed = fx.Json({"--date", "2026-11-29", "--compare-date", "2023-01-01"});
  REQUIRE(ordered["changes"].is_object());
  CHECK(ordered["changes"]["from"] == "2023-01-01");
  CHECK(ordered["changes"]["to"] == "2026-11-29");
  CHECK(ordered["changes"]["total"].get<int>() > 0);
  CHECK(ordered["changes"] == reversed["changes"]);
  // The earlier date is `before`: H100 needed no license to Saudi Arabia in January 2023.
  nlohmann::json g = GroupOf(ordered["changes"], "H100", "SA");
  REQUIRE(g.is_object());
  for (const auto& c : g["changes"]) {
    if (c["part"] == "H100" && c["destination"] == "SA") {
      CHECK(c["before"] == "no_license_required");
      CHECK(c["after"] == "license_required");
    }
  }
  // The text says the same, in the same order.
  RunResult text = fx.Run({"--date", "2026-11-29", "--compare-date", "2023-01-01"});
  CHECK(text.out.find("changes from 2023-01-01 to 2026-11-29: ") != std::string::npos);
}

TEST_CASE("CompareDateChangeIsPutDownToTheRuleWithItsCitationAndDate", "[auditor][compare]") {
  Fixture fx;
  nlohmann::json j =
      fx.Json({"--date", "2023-11-16", "--compare-date", "2023-11-17", "--destinations", "SA,DE"});
  nlohmann::json g = GroupOf(j["changes"], "H100", "SA");
  REQUIRE(g.is_object());
  // Saudi Arabia is in Country Group D:4: the rule for D:1 and D:4 took effect on 2023-11-17.
  CHECK(CauseIds(g) == std::set<std::string>{"rule ac-d1-d4  2023-11-17 starts"});
  CHECK(g["causes"][0]["cite"] ==
        "15 CFR 742.6(a)(6)(iii) (88 FR 73458, FR Doc 2023-23055, effective 2023-11-17)");
  // Syria on 2025-09-02: the embargo rule ends and the new rule takes effect, both named with
  // their own citations. ac-d5-macau held the line on both dates (less than the embargo before),
  // so it is no cause.
  nlohmann::json syria =
      fx.Json({"--date", "2025-09-02", "--compare-date", "2025-09-01", "--destinations", "SY"});
  nlohmann::json sy = GroupOf(syria["changes"], "H100", "SY");
  REQUIRE(sy.is_object());
  CHECK(CauseIds(sy) == std::set<std::string>{"rule embargo-syria  2025-09-02 ends",
                                              "rule syria-ccl-2025  2025-09-02 starts"});
  CHECK(sy["causes"][0]["cite"] == "15 CFR 746.9 (before FR Doc 2025-16724)");
  CHECK(sy["causes"][1]["cite"] ==
        "15 CFR 746.9 as amended by FR Doc 2025-16724 (effective 2025-09-02)");
  for (const auto& c : sy["changes"]) {
    CHECK(c["before"] == "prohibited");
    CHECK(c["after"] == "license_required");
  }
  // The text heads the group with the cause, its date and its citation.
  RunResult text =
      fx.Run({"--date", "2023-11-16", "--compare-date", "2023-11-17", "--destinations", "SA"});
  CHECK(text.out.find("  rule `ac-d1-d4` takes effect 2023-11-17\n"
                      "    [15 CFR 742.6(a)(6)(iii) (88 FR 73458, FR Doc 2023-23055, effective "
                      "2023-11-17)]\n") != std::string::npos);
}

TEST_CASE("CompareDateChangeIsPutDownToACountryGroupChange", "[auditor][compare]") {
  Fixture fx;
  // Nicaragua joined D:1 and D:5 on 2024-03-15; the rules holding H100 there were in force on
  // both dates, so the group change is the cause, with its own citation.
  nlohmann::json j =
      fx.Json({"--date", "2024-03-14", "--compare-date", "2024-03-15", "--destinations", "NI"});
  nlohmann::json g = GroupOf(j["changes"], "H100", "NI");
  REQUIRE(g.is_object());
  std::set<std::string> causes = CauseIds(g);
  CHECK(causes.count("group_member D:5 NI 2024-03-15 starts"));
  for (const auto& c : g["causes"]) {
    CHECK(c["kind"] == "group_member");
    CHECK(c["cite"].get<std::string>().find("89 FR 18780") != std::string::npos);
  }
}

TEST_CASE("CompareDateCountsPartsAndPastShipmentsPerCause", "[auditor][compare]") {
  Fixture fx;
  nlohmann::json j =
      fx.Json({"--date", "2023-11-16", "--compare-date", "2024-12-31", "--destinations", "SA,DE"});
  nlohmann::json g = GroupOf(j["changes"], "H100", "SA");
  REQUIRE(g.is_object());
  // H100 and H800 change to SA for the same rule; nothing changes to Germany.
  std::set<std::string> rows;
  for (const auto& c : g["changes"])
    rows.insert(c["part"].get<std::string>() + " " + c["destination"].get<std::string>());
  CHECK(rows == std::set<std::string>{"H100 SA", "H800 SA"});
  CHECK(g["parts"] == 2);
  // SA-1, SA-2 (two lines, one shipment) and SA-3 are dated up to the later date; SA-LATE is
  // after it and DE-1 goes where nothing changed.
  CHECK(g["shipments"] == 3);
  // The third change is RTX4090 to SA, which License Exception ACA covers from 2024-04-04: a
  // group of its own, with no past shipment.
  CHECK(j["changes"]["total"] == 3);
  nlohmann::json aca = GroupOf(j["changes"], "RTX4090", "SA");
  REQUIRE(aca.is_object());
  CHECK(CauseIds(aca) == std::set<std::string>{"rule ac-d1-d4  2023-11-17 starts",
                                               "exception ACA  2024-04-04 starts"});
  CHECK(aca["parts"] == 1);
  CHECK(aca["shipments"] == 0);
  CHECK(j["changes"]["destinations"] == nlohmann::json::array({"SA", "DE"}));
}

TEST_CASE("CompareDestinationsLimitTheRowsAndRejectUnknownCodes", "[auditor][compare]") {
  Fixture fx;
  nlohmann::json all = fx.Json({"--date", "2023-01-01", "--compare-date", "2026-11-29"});
  nlohmann::json some =
      fx.Json({"--date", "2023-01-01", "--compare-date", "2026-11-29", "--destinations", "cn, sa"});
  std::set<std::string> destinations;
  for (const auto& g : some["changes"]["groups"])
    for (const auto& c : g["changes"]) destinations.insert(c["destination"].get<std::string>());
  CHECK(destinations == std::set<std::string>{"CN", "SA"});
  CHECK(some["changes"]["destinations"] == nlohmann::json::array({"CN", "SA"}));
  CHECK(all["changes"]["total"].get<int>() > some["changes"]["total"].get<int>());
  CHECK(all["changes"]["destinations"].size() > 2);

  RunResult bad = fx.Run({"--compare-date", "2023-01-01", "--destinations", "CN,ZZ"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("`ZZ` is not an ISO 3166 country code") != std::string::npos);
  RunResult alone = fx.Run({"--destinations", "CN"});
  CHECK(alone.exit_code == 2);
  CHECK(alone.err.find("--destinations has no effect without --compare-date") != std::string::npos);
  CHECK(fx.Run({"--compare-date", "2023-01-01", "--destinations", " , "}).exit_code == 2);
}

TEST_CASE("CompareDateTextShowsTheFirstRowsOfAGroupAndCountsTheRest", "[auditor][compare]") {
  Fixture fx;
  // Between these dates the three parts change for many destinations.
  nlohmann::json j = fx.Json({"--date", "2023-01-01", "--compare-date", "2026-11-29"});
  nlohmann::json big;
  for (const auto& g : j["changes"]["groups"])
    if (g["changes"].size() > 10) big = g;
  REQUIRE(big.is_object());
  RunResult text = fx.Run({"--date", "2023-01-01", "--compare-date", "2026-11-29"});
  CHECK(text.out.find("      ... and " + std::to_string(big["changes"].size() - 10) +
                      " more (--format json lists them all)\n") != std::string::npos);
}

TEST_CASE("AuditAsOfAPastDateLeavesOutLaterShipments", "[auditor][compare]") {
  // A licensed line after the audit date too: the license replay must not judge it either.
  const char* licenses =
      "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
      "valid_until,conditions\n"
      "D1234567,3A090.a,SA,,,100,,2024-01-01,2024-12-31,test\n";
  std::string shipments = std::string(kShipments) +
                          "SA-LIC-LATE,2025-06-01,Cloud Co,SA,Cloud Co,SA,SA,H100,8,D1234567\n";
  Fixture fx(shipments.c_str(), licenses);
  nlohmann::json j = fx.Json({"--date", "2024-07-01"});
  CHECK(j["shipments"] == 4);       // SA-1, SA-2, SA-3 and DE-1
  CHECK(j["shipment_lines"] == 5);  // SA-2 has two lines
  CHECK(j["shipments_after_date"] == 2);
  for (const auto& f : j["findings"]) {
    INFO(f.dump());
    CHECK(f["shipment"] != "SA-LATE");
    CHECK(f["shipment"] != "SA-LIC-LATE");
  }
  // The findings as of the date are still made: SA-2 left unlicensed under the 2023 rule.
  bool sa2 = false;
  for (const auto& f : j["findings"]) sa2 = sa2 || f["shipment"] == "SA-2";
  CHECK(sa2);
  RunResult text = fx.Run({"--date", "2024-07-01"});
  CHECK(text.out.find("not audited: 2 shipments dated after 2024-07-01\n") != std::string::npos);
  // As of a later date they are audited.
  nlohmann::json now = fx.Json({"--date", "2026-11-29"});
  CHECK(now["shipments_after_date"] == 0);
  bool late = false;
  for (const auto& f : now["findings"]) late = late || f["shipment"] == "SA-LATE";
  CHECK(late);
}

// Decisions made by hand: the causes come from the typed reasons and the pack's dated changes.
TEST_CASE("CausesOfChangeReadTheReasonsAndTheDatedChanges", "[auditor][compare]") {
  const Date from = *ParseDate("2024-01-01"), to = *ParseDate("2025-01-01");
  std::vector<PackChange> changes = {
      {*ParseDate("2024-03-15"), PackChangeKind::kGroupMember, "D:5", "NI", "group cite", true},
      {*ParseDate("2024-06-01"), PackChangeKind::kRule, "new-rule", "", "new cite", true},
      {*ParseDate("2026-01-01"), PackChangeKind::kRule, "later-rule", "", "later", true},
  };
  LineDecision none;
  none.decision = DecisionKind::kNoLicenseRequired;
  LineDecision held;
  held.decision = DecisionKind::kLicenseRequired;
  Reason r;
  r.rule = "new-rule";
  r.decision = DecisionKind::kLicenseRequired;
  r.cite = "new cite";
  held.reasons.push_back(r);
  // A rule that takes effect between the dates.
  auto c = CausesOfChange(none, held, "CN", from, to, changes);
  REQUIRE(c.size() == 1);
  CHECK(c[0].kind == PackChangeKind::kRule);
  CHECK(c[0].id == "new-rule");
  CHECK(c[0].date == ParseDate("2024-06-01"));
  CHECK(c[0].cite == "new cite");
  // A rule in force on both dates: the destination's group change explains it.
  held.reasons[0].rule = "old-rule";
  held.reasons[0].cite = "old cite";
  c = CausesOfChange(none, held, "NI", from, to, changes);
  REQUIRE(c.size() == 1);
  CHECK(c[0].kind == PackChangeKind::kGroupMember);
  CHECK(c[0].country == "NI");
  // ... and for a destination whose groups did not change, the rule itself, undated.
  c = CausesOfChange(none, held, "CN", from, to, changes);
  REQUIRE(c.size() == 1);
  CHECK(c[0].id == "old-rule");
  CHECK(c[0].cite == "old cite");
  CHECK_FALSE(c[0].date);
  // Nothing to go on: one cause saying so, never none.
  LineDecision review;
  review.decision = DecisionKind::kReview;
  c = CausesOfChange(none, review, "CN", from, to, changes);
  REQUIRE(c.size() == 1);
  CHECK(c[0].id.empty());
  CHECK_FALSE(c[0].date);
}

}  // namespace chipgate::testing
