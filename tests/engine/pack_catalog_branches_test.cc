// The pack catalogue's decisions the catalogue test does not reach: an entry written on one line
// and one ending the file without a newline, revision keys with and without a year, revisions
// with an open start sorted first, kind names, and which tests name an exception, a class (by the
// exact list or `classes_include`) or a rule, on dates inside and outside the entry's period.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/pack_catalog.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// Three revisions of `r` written newest first, one of them open at its start; a rule whose id
// ends in a dash and letters (no year: its own key); a one-line exception; a class and a group
// written on one line each. The file does not end with a newline.
constexpr const char* kRules = R"(pack: {name: revs, version: "2"}
attributes:
  - {name: tpp, type: number}
country_groups:
  - {id: G, cite: "group", members: [KH]}
classes:
  - {id: 3A090.a.1, cite: "class", when: "tpp >= 4800"}
license_rules:
  - id: r-2024
    cite: "newest"
    effective: {from: 2024-01-01}
    classes: [3A090.a]
    when: "destination in G"
  - id: r
    cite: "open start"
    effective: {until: 2023-01-01}
    classes: [3A090.a]
    when: "destination in G"
  - id: r-2023
    cite: "middle"
    effective: {from: 2023-01-01, until: 2024-01-01}
    classes: [3A090.a]
    when: "destination in G"
  - id: r-abcd
    cite: "no year"
    classes: [3A090.a]
    when: "destination in G"
exceptions:
  - {id: X-1, code: X, cite: "exc", covers: [r-2024]})";

const PackEntry& Find(const PackCatalog& c, const std::string& id) {
  for (const auto& e : c.entries)
    if (e.id == id) return e;
  FAIL("no entry " << id);
  return c.entries.front();
}

RuleTestCase Case(const char* name, const char* date, RuleTestExpect expect) {
  RuleTestCase c;
  c.name = name;
  c.loc.file = "t.yaml";
  c.loc.line = 1;
  c.shipment.date = *ParseDate(date);
  c.expect = std::move(expect);
  return c;
}

std::vector<std::string> Names(const std::vector<NamingTest>& tests) {
  std::vector<std::string> out;
  for (const auto& t : tests) out.push_back(t.name + ": " + t.how);
  return out;
}

PackCatalog Load(const TempDir& dir) {
  dir.Write("pack/rules.yaml", kRules);
  PackCatalog c = LoadPackCatalog({dir.path() + "/pack"});
  INFO(RenderDiagnostics(c.diagnostics));
  REQUIRE(!HasErrors(c.diagnostics));
  return c;
}

}  // namespace

TEST_CASE("PackCatalogOneLineEntriesAndTheLastEntryWithoutNewline", "[engine][catalog]") {
  TempDir dir;
  PackCatalog c = Load(dir);
  CHECK(Find(c, "3A090.a.1").text ==
        "  - {id: 3A090.a.1, cite: \"class\", when: \"tpp >= 4800\"}\n");
  CHECK(Find(c, "G").text == "  - {id: G, cite: \"group\", members: [KH]}\n");
  // The exception is the file's last line, without its newline: the text still ends with one.
  CHECK(Find(c, "X-1").text == "  - {id: X-1, code: X, cite: \"exc\", covers: [r-2024]}\n");
  CHECK(Find(c, "r").text ==
        "  - id: r\n    cite: \"open start\"\n    effective: {until: 2023-01-01}\n"
        "    classes: [3A090.a]\n    when: \"destination in G\"\n");
}

TEST_CASE("PackCatalogRevisionsOpenStartFirstAndIdsWithoutAYear", "[engine][catalog]") {
  TempDir dir;
  PackCatalog c = Load(dir);
  // `r-2024`, `r` and `r-2023` share the key `r`; the open start sorts first, then by start date,
  // whatever the pack order.
  auto revs = Revisions(c, Find(c, "r-2024"));
  REQUIRE(revs.size() == 3);
  CHECK(revs[0]->id == "r");
  CHECK(!revs[0]->from);
  CHECK(revs[1]->id == "r-2023");
  CHECK(revs[2]->id == "r-2024");
  CHECK(!revs[2]->until);
  // A dash followed by letters is no year: the id is its own key.
  CHECK(Find(c, "r-abcd").revision_key == "r-abcd");
  REQUIRE(Revisions(c, Find(c, "r-abcd")).size() == 1);
  // Same key but another kind is not a revision: the exception's key is its code.
  CHECK(Find(c, "X-1").revision_key == "X");
  CHECK(Revisions(c, Find(c, "X-1")).size() == 1);
}

TEST_CASE("PackCatalogKindNames", "[engine][catalog]") {
  CHECK(std::string(PackEntryKindName(PackEntryKind::kClass)) == "class");
  CHECK(std::string(PackEntryKindName(PackEntryKind::kRule)) == "rule");
  CHECK(std::string(PackEntryKindName(PackEntryKind::kException)) == "exception");
  CHECK(std::string(PackEntryKindName(PackEntryKind::kGroup)) == "group");
}

TEST_CASE("PackCatalogTestsNamingExceptionsClassesAndRulesInTheirPeriod", "[engine][catalog]") {
  TempDir dir;
  PackCatalog c = Load(dir);
  RuleTestExpect exc;
  exc.exception_given = true;
  exc.exception = "X";
  RuleTestExpect other_exc;
  other_exc.exception_given = true;
  other_exc.exception = "Y";
  RuleTestExpect no_exc;  // `exception: none`
  no_exc.exception_given = true;
  RuleTestExpect exact_class;
  exact_class.classes = std::vector<std::string>{"3A090.a", "3A090.a.1"};
  RuleTestExpect paragraph_only;
  paragraph_only.classes = std::vector<std::string>{"3A090.a"};
  paragraph_only.classes_include = {"3A090.a"};
  RuleTestExpect included;
  included.classes_include = {"3A090.a.1"};
  RuleTestExpect fires;
  fires.rules = {"r-2023"};
  RuleTestExpect other_rule;
  other_rule.rules = {"r-2024"};
  other_rule.not_rules = {"r-2024"};
  std::vector<RuleTestCase> cases = {
      Case("exc", "2024-06-01", exc),
      Case("other exc", "2024-06-01", other_exc),
      Case("no exc", "2024-06-01", no_exc),
      Case("exact", "2024-06-01", exact_class),
      Case("paragraph", "2024-06-01", paragraph_only),
      Case("included", "2024-06-01", included),
      Case("fires in period", "2023-06-01", fires),
      Case("fires before period", "2022-06-01", fires),
      Case("fires on its until", "2024-01-01", fires),
      Case("other rule", "2023-06-01", other_rule),
  };
  CHECK(Names(TestsNaming(Find(c, "X-1"), cases)) ==
        std::vector<std::string>{"exc: expects the exception"});
  CHECK(Names(TestsNaming(Find(c, "3A090.a.1"), cases)) ==
        std::vector<std::string>{"exact: expects the class", "included: expects the class"});
  // In force from 2023-01-01 until (not on) 2024-01-01.
  CHECK(Names(TestsNaming(Find(c, "r-2023"), cases)) ==
        std::vector<std::string>{"fires in period: expects it to fire"});
  CHECK(TestsNaming(Find(c, "r-abcd"), cases).empty());
  CHECK(TestsNaming(Find(c, "G"), cases).empty());
}

}  // namespace chipgate::testing
