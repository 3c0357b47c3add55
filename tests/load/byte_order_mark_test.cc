// Files saved with a UTF-8 byte-order mark (as Windows editors and Excel write them) load like
// the same files without one: manifests in YAML and JSON, rule packs and rule tests. The CSV
// imports and the list files are tested beside their readers (tests/store, tests/lists).
#include <catch2/catch.hpp>

#include "chipgate/engine.h"
#include "chipgate/manifest.h"
#include "chipgate/rule_test.h"
#include "load/doc_node.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kMark = "\xEF\xBB\xBF";

}  // namespace

TEST_CASE("ManifestsWithAByteOrderMarkLoadTheSame", "[load]") {
  for (const char* rel :
       {"examples/manifests/order-json.json", "examples/manifests/order-mixed.yaml"}) {
    INFO(rel);
    std::string text = ReadFile(SourcePath(rel));
    Date date = *ParseDate("2025-06-01");
    ManifestLoad plain = LoadManifestFromString(rel, text, date);
    ManifestLoad marked = LoadManifestFromString(rel, kMark + text, date);
    INFO(RenderDiagnostics(marked.diagnostics));
    REQUIRE(plain.manifest.has_value());
    REQUIRE(marked.manifest.has_value());
    CHECK(marked.diagnostics.size() == plain.diagnostics.size());
    REQUIRE(marked.manifest->lines.size() == plain.manifest->lines.size());
    for (size_t i = 0; i < plain.manifest->lines.size(); ++i) {
      CHECK(marked.manifest->lines[i].item.part == plain.manifest->lines[i].item.part);
      CHECK(marked.manifest->lines[i].item.loc.line == plain.manifest->lines[i].item.loc.line);
    }
  }
}

// JSON after a mark is read by the JSON parser (not left to the YAML fallback), with the same
// lines as without it.
TEST_CASE("TheJsonParserSkipsAByteOrderMark", "[load]") {
  SourceFile file("m.json", kMark + "{\"a\": [1,\n 2]}\n");
  DocNode root;
  std::vector<Diagnostic> diags;
  REQUIRE(ParseJson(file, root, diags));
  CHECK(diags.empty());
  REQUIRE(root.Get("a"));
  CHECK(root.Get("a")->Mark().line == 0);
  SourceFile bad("b.json", kMark + "{\"a\": 1,}");
  DocNode ignored;
  CHECK_FALSE(ParseJson(bad, ignored, diags));
}

TEST_CASE("RulePacksAndRuleTestsWithAByteOrderMarkLoad", "[load]") {
  LoadResult pack = Engine::LoadFromStrings(
      {{"pack/classes.yaml",
        kMark + "classes:\n  - {id: X.a, cite: c, controlled: true, when: \"true\"}\n"}});
  INFO(RenderDiagnostics(pack.diagnostics));
  CHECK(pack.engine.has_value());
  CHECK(pack.diagnostics.empty());
  std::string tests = ReadFile(SourcePath("rules/examples/tests/examples.yaml"));
  RuleTestLoad plain = LoadRuleTestsFromString("t.yaml", tests);
  RuleTestLoad marked = LoadRuleTestsFromString("t.yaml", kMark + tests);
  INFO(RenderDiagnostics(marked.diagnostics));
  CHECK(marked.diagnostics.empty());
  CHECK(marked.cases.size() == plain.cases.size());
  CHECK_FALSE(plain.cases.empty());
}

}  // namespace chipgate::testing
