// `chipgate rules list|show` through the binary on the us-ear pack: every kind of entry listed
// with its dates and citation, one entry shown as written with its citation, revisions and the
// rule tests naming it, the JSON documents against their schemas, and the not-found error.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kUsEar = SourcePath("rules/us-ear");

RunResult Rules(std::vector<std::string> args) {
  args.insert(args.begin(), "rules");
  args.push_back("--rules");
  args.push_back(kUsEar);
  return RunChipgate(args);
}

// The number of times `needle` occurs in `hay`.
size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("RulesListHasEveryKindWithDatesAndCitations", "[cli][rules]") {
  RunResult r = Rules({"list"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("class      3A090.a.1 ") != std::string::npos);
  CHECK(r.out.find("rule       ac-d5-macau ") != std::string::npos);
  CHECK(r.out.find("exception  NAC-2023 ") != std::string::npos);
  CHECK(r.out.find("group      D:5 ") != std::string::npos);
  // The 2022 text of 3A090.a was in force until the day before 88 FR 73458 took effect.
  CHECK(r.out.find("2022-10-07 to 2023-11-16") != std::string::npos);
  const nlohmann::json doc = nlohmann::json::parse(Rules({"list", "--format", "json"}).out);
  CHECK(doc["schema"] == "chipgate.rule-list/v1");
  size_t classes = 0, rules = 0;
  for (const auto& e : doc["entries"]) {
    classes += e["kind"] == "class";
    rules += e["kind"] == "rule";
  }
  CHECK(classes == 8);  // rules/us-ear/classes.yaml
  CHECK(rules > 10);
  CHECK(MatchesSchema("rule-list", Rules({"list", "--format", "json"}).out));
}

TEST_CASE("RulesShowPrintsTheEntryAsWrittenItsCitationAndTheTestsNamingIt", "[cli][rules]") {
  RunResult r = Rules({"show", "ac-d5-macau"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.starts_with("rule ac-d5-macau\n"));
  CHECK(r.out.find("  citation: 15 CFR 742.6(a)(6)(iii) (88 FR 73458, FR Doc 2023-23055, effective "
                   "2023-11-17)\n") != std::string::npos);
  CHECK(r.out.find("  in force: from 2023-11-17\n") != std::string::npos);
  CHECK(r.out.find("license_rules.yaml:38:\n      - id: ac-d5-macau\n") != std::string::npos);
  // The entry ends with its own last line, before the next entry.
  CHECK(r.out.find("        when: \"destination in (D:5 | PRC | ['MO']) - (A:5 | A:6)\"\n  rule "
                   "tests naming it (") != std::string::npos);
  CHECK(r.out.find("- id: ac-d1-d4") == std::string::npos);
  // Tests that expect it, with their file and line.
  CHECK(r.out.find("core.yaml:") != std::string::npos);
  CHECK(r.out.find("expects it to fire)") != std::string::npos);
}

TEST_CASE("RulesShowListsRevisionsAndTheirDates", "[cli][rules]") {
  RunResult r = Rules({"show", "eu-supercomputer-2023"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("  revisions:\n"
                   "    eu-supercomputer-2022: 2022-10-07 to 2023-01-16\n"
                   "    eu-supercomputer-2023 (this): 2023-01-17 to 2023-11-16\n"
                   "    eu-supercomputer: from 2023-11-17\n") != std::string::npos);
  RunResult json = Rules({"show", "NAC", "--format", "json"});
  REQUIRE(json.exit_code == 0);
  CHECK(MatchesSchema("rule-show", json.out));
  const nlohmann::json doc = nlohmann::json::parse(json.out);
  REQUIRE(doc["entries"].size() == 1);
  const auto& nac = doc["entries"][0];
  CHECK(nac["kind"] == "exception");
  CHECK(nac["revisions"].size() == 2);  // NAC-2023 and NAC share the code NAC
  CHECK(nac["revisions"][0]["id"] == "NAC-2023");
  CHECK(!nac["tests"].empty());
  for (const auto& t : nac["tests"]) CHECK(t["how"] == "expects the exception");
}

TEST_CASE("RulesShowOfAClassCountsOnlyTestsNamingIt", "[cli][rules]") {
  RunResult r = Rules({"show", "3A090.a.2", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  const auto& tests = doc["entries"][0]["tests"];
  REQUIRE(!tests.empty());
  // Every test named it on a date it is in force (from 2023-11-17).
  for (const auto& t : tests) CHECK(t["date"].get<std::string>() >= "2023-11-17");
  RunResult text = Rules({"show", "3A090.a.2"});
  CHECK(Count(text.out, "expects the class)") == tests.size());
}

TEST_CASE("RulesShowOfAGroupListsItsDatedMembers", "[cli][rules]") {
  RunResult r = Rules({"show", "D:5"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("  member KH: 2021-12-09 to 2026-02-02; added 86 FR 70015") !=
        std::string::npos);
  CHECK(r.out.find("  rule tests: tests name rules, classes and exceptions, not groups\n") !=
        std::string::npos);
}

TEST_CASE("RulesShowOfAnUnknownIdNamesItAndSuggests", "[cli][rules]") {
  RunResult r = Rules({"show", "ac-d5"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("chipgate rules: no class, rule, exception or group `ac-d5` in us-ear; did you "
                   "mean `ac-d5-macau`") != std::string::npos);
  CHECK(Rules({"show"}).exit_code == 2);
  CHECK(Rules({"list", "--format", "csv"}).exit_code == 2);
}

}  // namespace chipgate::testing
