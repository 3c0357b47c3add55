// Stacked packs (src/load/pack_stack.h, Engine::LoadStack): a later pack adds entries, cannot
// redefine (E320) or switch off an earlier pack's, cannot change its header or audit section
// (E321), and the stack has one digest that depends on the packs' contents, not their location.
#include <catch2/catch.hpp>
#include <filesystem>

#include "chipgate/engine.h"
#include "chipgate/rule_test.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// A small base pack: one attribute, one class, one rule, one exception covering it, one party.
const char* kBase = R"(pack: {name: base, version: "1"}
attributes:
  - {name: tpp, type: number}
  - {name: kind, type: enum, values: [ic, other]}
country_groups:
  - {id: G, cite: c, members: [CN]}
classes:
  - {id: 3A090.a, cite: c, when: "tpp >= 100", controlled: true}
license_rules:
  - {id: base-rule, cite: c, classes: [3A090.a], when: "destination in G"}
exceptions:
  - {id: EX, cite: c, covers: [base-rule], when: "destination == 'US'"}
parties:
  - {id: p1, name: Listed Co, cite: c}
end_uses:
  - {id: military}
notes:
  - {id: n1, message: m, effective: {from: 2020-01-01}}
)";

// A company pack adding one class and two rules that read base attributes and groups.
const char* kCompany = R"(pack: {name: co, version: "7"}
classes:
  - {id: CO.x, cite: c, when: "kind == 'ic' and tpp >= 10", controlled: false}
license_rules:
  - {id: co-rule, cite: c, classes: [CO.x], when: "destination in G | ['MO']"}
  - {id: co-hold, cite: c, classes: any, decision: prohibited, when: "end_user.name == 'Bad Co'"}
)";

struct Stack {
  TempDir dir;
  std::string base, co;
  // `extra`, when given, is a second file of the company pack (`co/z.yaml`).
  Stack(const std::string& base_text, const std::string& co_text, const std::string& extra = "") {
    base = dir.path() + "/base";
    co = dir.path() + "/co";
    dir.Write("base/pack.yaml", base_text);
    dir.Write("co/pack.yaml", co_text);
    if (!extra.empty()) dir.Write("co/z.yaml", extra);
  }
  LoadResult Load() const { return Engine::LoadStack({base, co}); }
};

ShipmentFacts To(const char* country, const char* name) {
  ShipmentFacts s;
  s.date = *ParseDate("2025-06-01");
  s.consignee = PartyFacts::Of(name, country, country, country);
  s.end_user = s.consignee;
  return s;
}

ItemFacts Ic(double tpp) {
  ItemFacts f;
  f.part = "X";
  f.Set("kind", "ic").Set("tpp", tpp);
  return f;
}

bool HasReason(const LineDecision& d, const std::string& rule) {
  for (const auto& r : d.reasons) {
    if (r.rule == rule) return true;
  }
  return false;
}

// The one diagnostic with `code`; fails the test when there is not exactly one.
Diagnostic Only(const std::vector<Diagnostic>& diags, const std::string& code) {
  std::vector<Diagnostic> found;
  for (const auto& d : diags) {
    if (d.code == code) found.push_back(d);
  }
  INFO(RenderDiagnostics(diags));
  REQUIRE(found.size() == 1);
  return found.front();
}

TEST_CASE("StackAddsTheLaterPacksEntriesToTheBase") {
  Stack s(kBase, kCompany);
  LoadResult r = s.Load();
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.engine);
  const Engine& e = *r.engine;
  CHECK(e.pack_name() == "base+co");
  CHECK(e.pack_version() == "1+7");
  auto packs = e.packs();
  REQUIRE(packs.size() == 2);
  CHECK(packs[0].name == "base");
  CHECK(packs[1].name == "co");
  CHECK(packs[1].version == "7");
  CHECK(packs[0].digest != packs[1].digest);
  // The base's rule and the company's rule both apply; the company's reads the base's group.
  LineDecision cn = e.Decide(To("CN", "Some Co"), Ic(150));
  CHECK(HasReason(cn, "base-rule"));
  CHECK(HasReason(cn, "co-rule"));
  LineDecision mo = e.Decide(To("MO", "Some Co"), Ic(50));
  CHECK(mo.decision == DecisionKind::kLicenseRequired);
  CHECK(HasReason(mo, "co-rule"));
  CHECK(e.Decide(To("DE", "BAD CO."), Ic(1)).decision == DecisionKind::kProhibited);
  CHECK(e.Decide(To("DE", "Good Co"), Ic(1)).decision == DecisionKind::kNoLicenseRequired);
}

TEST_CASE("ASinglePackLoadedAsAStackIsThatPack") {
  TempDir dir;
  dir.Write("base/pack.yaml", kBase);
  LoadResult alone = Engine::Load(dir.path() + "/base");
  LoadResult stack = Engine::LoadStack({dir.path() + "/base"});
  REQUIRE(alone.engine);
  REQUIRE(stack.engine);
  CHECK(alone.engine->digest() == stack.engine->digest());
  CHECK(stack.engine->pack_name() == "base");
  REQUIRE(stack.engine->packs().size() == 1);
  CHECK(stack.engine->packs()[0].digest == alone.engine->digest());
}

// Every kind of entry: the same id in the later pack is E320 at the later entry, naming the
// earlier entry's file:line:col.
TEST_CASE("RedefiningAnEarlierPacksEntryIsAnErrorNamingBothLocations") {
  struct Case {
    const char* kind;
    const char* yaml;
    const char* earlier;  // line:col of the base's entry in kBase
  };
  const Case cases[] = {
      {"attribute", "attributes:\n  - {name: tpp, type: number}\n", ":3:5"},
      {"country group", "country_groups:\n  - {id: G, cite: c, members: [MO]}\n", ":6:5"},
      {"class", "classes:\n  - {id: 3A090.a, cite: c, when: \"tpp >= 1\"}\n", ":8:5"},
      {"license rule", "license_rules:\n  - {id: base-rule, cite: c, classes: any}\n", ":10:5"},
      {"exception", "exceptions:\n  - {id: EX, cite: c, covers: []}\n", ":12:5"},
      {"party", "parties:\n  - {id: p1, name: Other, cite: c}\n", ":14:5"},
      {"end use", "end_uses:\n  - {id: military}\n", ":16:5"},
      {"note", "notes:\n  - {id: n1, message: x, effective: {from: 2021-01-01}}\n", ":18:5"},
  };
  for (const auto& c : cases) {
    SECTION(c.kind) {
      Stack s(kBase, kCompany, c.yaml);
      LoadResult r = s.Load();
      CHECK_FALSE(r.engine);
      Diagnostic d = Only(r.diagnostics, "E320");
      CHECK(d.loc.file == s.co + "/z.yaml");
      CHECK(d.loc.line == 2);
      CHECK(d.message.find(std::string(c.kind) + " `") == 0);
      CHECK(d.message.find("of pack `co`") != std::string::npos);
      CHECK(d.message.find("already defined at " + s.base + "/pack.yaml" + c.earlier) !=
            std::string::npos);
    }
  }
}

TEST_CASE("ALaterPackCannotChangeTheBasesCoverageCitationsAuditOrAffiliates") {
  SECTION("coverage") {
    Stack s(kBase, "pack: {name: co, coverage: {from: 2000-01-01}}\n" +
                       std::string(kCompany).substr(std::string(kCompany).find('\n') + 1));
    Diagnostic d = Only(s.Load().diagnostics, "E321");
    CHECK(d.message.find("cannot set `coverage`") != std::string::npos);
    CHECK(d.loc.line == 1);
  }
  SECTION("reason_cites") {
    Stack s(kBase, "pack: {name: co, reason_cites: {item-data: x}}\n" +
                       std::string(kCompany).substr(std::string(kCompany).find('\n') + 1));
    CHECK(Only(s.Load().diagnostics, "E321").message.find("`reason_cites`") != std::string::npos);
  }
  SECTION("audit") {
    Stack s(kBase, std::string(kCompany) + "audit: {compare_destinations: [CN]}\n");
    CHECK(Only(s.Load().diagnostics, "E321").message.find("`audit` section") != std::string::npos);
  }
  SECTION("affiliates") {
    Stack s(
        kBase,
        std::string(kCompany) +
            "affiliates:\n  id: co-affiliates\n  cite: c\n  message: m\n"
            "  lists: [entity_list]\n  periods:\n    - {effective: {from: 2020-01-01}, cite: c}\n");
    CHECK(Only(s.Load().diagnostics, "E321").message.find("`affiliates` section") !=
          std::string::npos);
  }
}

TEST_CASE("ALaterPacksExceptionCannotLiftAnEarlierPacksRule") {
  Stack s(kBase, std::string(kCompany) +
                     "exceptions:\n  - {id: CO-EX, cite: c, covers: [base-rule, co-rule]}\n");
  LoadResult r = s.Load();
  CHECK_FALSE(r.engine);
  Diagnostic d = Only(r.diagnostics, "E321");
  CHECK(d.message.find("covers license rule `base-rule`") != std::string::npos);
  // Covering its own rule is allowed.
  Stack ok(kBase,
           std::string(kCompany) + "exceptions:\n  - {id: CO-EX, cite: c, covers: [co-rule]}\n");
  LoadResult fine = ok.Load();
  INFO(RenderDiagnostics(fine.diagnostics));
  CHECK(fine.engine);
}

TEST_CASE("StackDigestDependsOnContentsNotLocation") {
  Stack a(kBase, kCompany), b(kBase, kCompany);
  REQUIRE(a.dir.path() != b.dir.path());
  LoadResult ra = a.Load(), rb = b.Load();
  REQUIRE(ra.engine);
  REQUIRE(rb.engine);
  CHECK(ra.engine->digest() == rb.engine->digest());
  CHECK(ra.engine->digest().starts_with("sha256:"));
  // The stack's digest is not the base's: a check with the stack records a different pack.
  LoadResult base_only = Engine::Load(a.base);
  REQUIRE(base_only.engine);
  CHECK(ra.engine->digest() != base_only.engine->digest());
  // One changed byte of the company pack changes the stack's digest.
  std::string edited = kCompany;
  edited.replace(edited.find("tpp >= 10"), 9, "tpp >= 11");
  Stack c(kBase, edited);
  LoadResult rc = c.Load();
  REQUIRE(rc.engine);
  CHECK(rc.engine->digest() != ra.engine->digest());
  CHECK(rc.engine->packs()[0].digest == ra.engine->packs()[0].digest);
}

TEST_CASE("AnUnreadableDirectoryInAStackIsE100") {
  TempDir dir;
  dir.Write("base/pack.yaml", kBase);
  LoadResult r = Engine::LoadStack({dir.path() + "/base", dir.path() + "/missing"});
  CHECK_FALSE(r.engine);
  Diagnostic d = Only(r.diagnostics, "E100");
  CHECK(d.loc.file == dir.path() + "/missing");
}

TEST_CASE("RuleTestCoverageOfAStackIsOverTheTopPacksEntries") {
  Stack s(kBase, kCompany);
  LoadResult r = s.Load();
  REQUIRE(r.engine);
  RuleTestLoad tests = LoadRuleTestsFromString("t.yaml", R"(tests:
  - name: company rule
    date: 2025-06-01
    destination: MO
    party: Some Co
    item: {part: X, specs: {kind: ic, tpp: 50}}
    expect: {decision: license_required, rules: [co-rule]}
)");
  INFO(RenderDiagnostics(tests.diagnostics));
  REQUIRE(tests.cases.size() == 1);
  RuleTestRun run = RunRuleTests(*r.engine, tests.cases);
  CHECK(run.passed == 1);
  std::vector<std::string> ids;
  for (const auto& c : run.coverage) ids.push_back(c.kind + " " + c.id);
  // The base's class, rule, exception, party and note change are not listed.
  CHECK(ids == std::vector<std::string>{"class CO.x", "rule co-rule", "rule co-hold"});
  CHECK(run.coverage_percent == Approx(200.0 / 3));
}

}  // namespace
}  // namespace chipgate::testing
