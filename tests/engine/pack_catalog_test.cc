// The pack catalogue (chipgate/pack_catalog.h) on a small pack written for the test: each kind of
// entry with its dates, the entry's own lines cut from its file, revisions by their key, and the
// rule tests that name an entry on a date it is in force.
#include "chipgate/pack_catalog.h"

#include <catch2/catch.hpp>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// Two revisions of one rule (a trailing year), a class with a comment inside it, an exception
// and a dated group member. The entry after each one must not leak into its text.
constexpr const char* kRules = R"(pack: {name: tiny, version: "1"}
attributes:
  - name: tpp
    type: number
country_groups:
  - id: G
    cite: "group cite"
    members:
      - {code: KH, effective: {until: 2026-02-03}, cite: "left"}
      - DE
classes:
  - id: 3A090.a.1
    cite: "class cite"
    # a comment inside the entry
    when: "tpp >= 4800"

  # a section comment before the next entry
  - id: 3A090.b.1
    cite: "other class"
    when: "tpp >= 1600"
license_rules:
  - id: r-2022
    cite: "old rule"
    effective: {from: 2022-10-07, until: 2023-11-17}
    classes: [3A090.a]
    when: "destination in G"
  - id: r
    cite: "new rule"
    effective: {from: 2023-11-17}
    classes: [3A090.a]
    when: "destination in G"
exceptions:
  - id: X-2023
    code: X
    cite: "exception cite"
    covers: [r]
)";

constexpr const char* kTests = R"(tests:
  - name: fires
    date: 2024-06-01
    destination: KH
    item: {part: A, specs: {tpp: 5000}}
    expect: {decision: license_required, classes: [3A090.a, 3A090.a.1], rules: [r]}
  - name: old rule named before the new one starts
    date: 2023-01-01
    destination: KH
    item: {part: A, specs: {tpp: 5000}}
    expect: {decision: license_required, rules: [r]}
  - name: not to DE
    date: 2024-06-01
    destination: DE
    item: {part: A, specs: {tpp: 5000}}
    expect: {decision: no_license_required, not_rules: [r], classes_include: [3A090.a]}
)";

const PackEntry& Find(const PackCatalog& c, const std::string& id) {
  for (const auto& e : c.entries)
    if (e.id == id) return e;
  FAIL("no entry " << id);
  return c.entries.front();
}

}  // namespace

TEST_CASE("PackCatalogListsEntriesWithTheirTextDatesRevisionsAndTests", "[engine][catalog]") {
  TempDir dir;
  dir.Write("pack/rules.yaml", kRules);
  dir.Write("pack/tests/t.yaml", kTests);
  PackCatalog c = LoadPackCatalog({dir.path() + "/pack"});
  INFO(RenderDiagnostics(c.diagnostics));
  REQUIRE(!HasErrors(c.diagnostics));
  CHECK(c.name == "tiny");
  REQUIRE(c.entries.size() == 6);
  const PackEntry& cls = Find(c, "3A090.a.1");
  CHECK(cls.kind == PackEntryKind::kClass);
  CHECK(cls.line == 12);
  CHECK(cls.text ==
        "  - id: 3A090.a.1\n    cite: \"class cite\"\n    # a comment inside the entry\n    when: "
        "\"tpp >= 4800\"\n");
  const PackEntry& old_rule = Find(c, "r-2022");
  CHECK(FormatDate(*old_rule.from) == "2022-10-07");
  CHECK(FormatDate(*old_rule.until) == "2023-11-17");
  CHECK(old_rule.text.find("r-2022") != std::string::npos);
  CHECK(old_rule.text.find("- id: r\n") == std::string::npos);
  // The two rules are revisions of one another, oldest first; the class is alone in its paragraph.
  auto revs = Revisions(c, Find(c, "r"));
  REQUIRE(revs.size() == 2);
  CHECK(revs[0]->id == "r-2022");
  CHECK(revs[1]->id == "r");
  CHECK(Revisions(c, cls).size() == 1);
  const PackEntry& group = Find(c, "G");
  REQUIRE(group.members.size() == 2);
  CHECK(group.members[0].code == "KH");
  CHECK(FormatDate(*group.members[0].until) == "2026-02-03");
  CHECK(!group.members[1].until);
  CHECK(Find(c, "X-2023").exception_code == "X");

  RuleTestLoad tests = LoadRuleTests(dir.path() + "/pack");
  INFO(RenderDiagnostics(tests.diagnostics));
  REQUIRE(tests.cases.size() == 3);
  // `r` is named by two tests in its period; the 2023-01-01 test predates it.
  auto naming = TestsNaming(Find(c, "r"), tests.cases);
  REQUIRE(naming.size() == 2);
  CHECK(naming[0].name == "fires");
  CHECK(naming[0].how == "expects it to fire");
  CHECK(naming[1].how == "expects it not to fire");
  // A class is named by its own id; the paragraph alone names none of its classes.
  auto cls_tests = TestsNaming(cls, tests.cases);
  REQUIRE(cls_tests.size() == 1);
  CHECK(cls_tests[0].name == "fires");
  CHECK(TestsNaming(group, tests.cases).empty());
}

TEST_CASE("PackCatalogOfAPackWithErrorsHasNoEntries", "[engine][catalog]") {
  TempDir dir;
  dir.Write("pack/rules.yaml", "pack: {name: bad}\nclasses:\n  - id: A\n");  // no cite, no when
  PackCatalog c = LoadPackCatalog({dir.path() + "/pack"});
  CHECK(HasErrors(c.diagnostics));
  CHECK(c.entries.empty());
}

}  // namespace chipgate::testing
