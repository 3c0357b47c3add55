// The declared-against-computed check (chipgate/declared_class.h) on the us-ear pack: a table of
// items and declarations, each with the check `audit` and `chipgate parts` both report.
#include "chipgate/declared_class.h"

#include <catch2/catch.hpp>

#include "support/test_support.h"

namespace chipgate::testing {

TEST_CASE("DeclaredCheckComparesWithinControlledFamiliesOnly", "[auditor][declared]") {
  LoadResult loaded = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(loaded.engine);
  const Engine& engine = *loaded.engine;
  ItemFacts h100;  // 3A090.a on 2024-06-01
  h100.Set("type", "ic").Set("tpp", 15832.0).Set("die_area_mm2", 814.0).Set("datacenter", true);
  ItemFacts small;  // meets no class
  small.Set("type", "ic").Set("tpp", 100.0).Set("die_area_mm2", 500.0).Set("datacenter", false);
  ItemFacts unknown;  // no TPP: not decided
  unknown.Set("type", "ic");
  struct Case {
    const ItemFacts* item;
    const char* declared;
    DeclaredCheck expected;
    const char* computed;
  };
  const Case cases[] = {
      {&h100, "3A090.a", DeclaredCheck::kAgrees, "3A090.a"},
      {&h100, "ECCN 3a090a", DeclaredCheck::kAgrees, "3A090.a"},  // the catalogue's spelling
      {&h100, "EAR99", DeclaredCheck::kDiffers, "3A090.a"},
      {&h100, "", DeclaredCheck::kDiffers, "3A090.a"},
      {&h100, "3A090.b", DeclaredCheck::kDiffers, "3A090.a"},
      {&small, "EAR99", DeclaredCheck::kNotCompared, "uncontrolled"},
      {&small, "5A992.c", DeclaredCheck::kNotCompared, "uncontrolled"},
      {&small, "3A090.a", DeclaredCheck::kOverDeclared, "uncontrolled"},
      {&unknown, "3A090.a", DeclaredCheck::kUnclassifiable, "unclassifiable"},
  };
  const Date date = *ParseDate("2024-06-01");
  for (const Case& c : cases) {
    INFO(c.declared << " for " << c.computed);
    std::vector<Diagnostic> diags;
    Engine::Classification cls = engine.Classify(engine.ResolveItem(*c.item, diags), date);
    REQUIRE(diags.empty());
    CHECK(ComputedClassName(cls) == c.computed);
    CHECK(CheckDeclared(engine, cls, c.declared) == c.expected);
  }
  CHECK(std::string(DeclaredCheckName(DeclaredCheck::kOverDeclared)) == "over_declared");
  CHECK(CanonicalEccn("ECCN 3a090a") == "3A090.a");
}

}  // namespace chipgate::testing
