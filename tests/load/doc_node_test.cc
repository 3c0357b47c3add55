// The document tree builders: JSON and YAML must give the same tree (kinds, text, marks) for
// any JSON document; duplicate keys are found while building; aliases expand within a budget,
// so an alias bomb is a quick located error (E107), not an exponential walk.
#include <random>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "chipgate/manifest.h"
#include "load/doc_node.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

std::string Describe(const DocNode& n) {
  std::string out = std::to_string(static_cast<int>(n.kind())) + "@" +
                    std::to_string(n.Mark().pos) + ":" + std::to_string(n.Mark().line) + ":" +
                    std::to_string(n.Mark().column);
  if (n.IsScalar()) out += "=" + nlohmann::json(n.Scalar()).dump();
  if (!n.children().empty()) {
    out += "(";
    for (const auto& c : n.children()) out += Describe(c) + ",";
    out += ")";
  }
  return out;
}

nlohmann::json RandomJson(std::mt19937& rng, int depth) {
  static const std::vector<std::string> words = {"a",
                                                 "part",
                                                 "Ünïcode ✓",
                                                 "quote \" and \\ slash /",
                                                 "tab\tnew\nline",
                                                 "😀",
                                                 "",
                                                 "3A090.a",
                                                 "null",
                                                 "true",
                                                 "1e5",
                                                 "- dash",
                                                 "# hash",
                                                 "key: colon"};
  int kind = depth > 3 ? static_cast<int>(rng() % 5) : static_cast<int>(rng() % 7);
  switch (kind) {
    case 0:
      return words[rng() % words.size()];
    case 1:
      return static_cast<int64_t>(rng() % 100000) - 500;
    case 2:
      return (rng() % 1000) / 8.0;
    case 3:
      return rng() % 2 == 0;
    case 4:
      return nullptr;
    case 5: {
      nlohmann::json a = nlohmann::json::array();
      for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i)
        a.push_back(RandomJson(rng, depth + 1));
      return a;
    }
    default: {
      nlohmann::json o = nlohmann::json::object();
      for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i)
        o[words[rng() % words.size()] + std::to_string(i)] = RandomJson(rng, depth + 1);
      return o;
    }
  }
}

bool Parse(const std::string& text, DocNode& root, std::vector<Diagnostic>& diags, bool json) {
  SourceFile file("t.json", text);
  return json ? ParseJson(file, root, diags) : ParseYaml(file, root, diags, DocLimits{});
}

}  // namespace

TEST_CASE("JsonAndYamlBuildersGiveTheSameTree", "[load][doc]") {
  std::mt19937 rng(7);
  for (int round = 0; round < 400; ++round) {
    nlohmann::json doc = nlohmann::json::object();
    doc["root"] = RandomJson(rng, 0);
    std::string text = doc.dump(rng() % 2 ? 2 : -1);
    DocNode from_json, from_yaml;
    std::vector<Diagnostic> d1, d2;
    INFO(text);
    REQUIRE(Parse(text, from_json, d1, true));
    REQUIRE(Parse(text, from_yaml, d2, false));
    REQUIRE(Describe(from_json) == Describe(from_yaml));
  }
}

TEST_CASE("JsonEscapesAndNumbersKeepTheirText", "[load][doc]") {
  DocNode root;
  std::vector<Diagnostic> diags;
  REQUIRE(Parse(R"({"s": "caf\u00e9 \ud83d\ude00 \/", "n": -1.5e+3, "z": 0, "t": true, "x": null})",
                root, diags, true));
  CHECK(root.Get("s")->Scalar() == "caf\xC3\xA9 \xF0\x9F\x98\x80 /");
  CHECK(root.Get("n")->Scalar() == "-1.5e+3");
  CHECK(root.Get("z")->Scalar() == "0");
  CHECK(root.Get("t")->Scalar() == "true");
  CHECK(root.Get("x")->IsNull());
  // Not JSON: ParseJson declines without a diagnostic (the caller reads it as YAML).
  for (std::string bad : {"{a: 1}", "{\"a\": 01}", "{\"a\": 1,}", "[1] x", "{\"a\": \"\\ud800\"}",
                          "{\"a\": \"tab\there\"}"}) {
    DocNode n;
    std::vector<Diagnostic> d;
    INFO(bad);
    CHECK_FALSE(Parse(bad, n, d, true));
    CHECK(d.empty());
  }
}

TEST_CASE("YamlFlowStyleThatIsNotJsonIsReadAsYaml", "[load][doc]") {
  SourceFile file("m.yaml", "{shipment: {id: S1}, lines: [{part: P1}]}\n");
  DocNode root;
  std::vector<Diagnostic> diags;
  REQUIRE(ParseDocument(file, root, diags));
  REQUIRE(root.Get("lines"));
  CHECK(root.Get("lines")->children().at(0).Get("part")->Scalar() == "P1");
}

TEST_CASE("DuplicateKeysAreFoundInBothSyntaxes", "[load][doc]") {
  for (const std::string& text : {std::string("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}"),
                                  std::string("a: 1\nb:\n  c: 1\n  c: 2\n")}) {
    SourceFile file("d.txt", text);
    DocNode root;
    std::vector<Diagnostic> diags;
    INFO(text);
    CHECK_FALSE(ParseDocument(file, root, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "E102");
    CHECK(diags[0].message == "duplicate key `c`");
    CHECK(diags[0].loc.line == (text[0] == '{' ? 1 : 4));
  }
  // Many keys (the sorted path) with one repeated.
  std::string many = "{";
  for (int i = 0; i < 40; ++i)
    many += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  many += "\"k7\": 0}";
  SourceFile file("many.json", many);
  DocNode root;
  std::vector<Diagnostic> diags;
  CHECK_FALSE(ParseDocument(file, root, diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message == "duplicate key `k7`");
  CHECK(diags[0].loc.col == static_cast<int>(many.rfind("\"k7\"")) + 1);
}

TEST_CASE("AliasesExpandWithinTheirBudget", "[load][doc]") {
  SourceFile ok("a.yaml", "base: &b [DE, FR]\ncopy: *b\nagain: *b\n");
  DocNode root;
  std::vector<Diagnostic> diags;
  REQUIRE(ParseDocument(ok, root, diags));
  CHECK(root.Get("again")->children().size() == 2);
  CHECK(root.Get("again")->children()[1].Scalar() == "FR");

  DocNode small;
  std::vector<Diagnostic> over;
  CHECK_FALSE(ParseDocument(ok, small, over, DocLimits{.max_alias_nodes = 5}));
  REQUIRE(over.size() == 1);
  CHECK(over[0].code == "E107");
  CHECK(over[0].loc.line == 3);

  SourceFile self("s.yaml", "a: &a [x, *a]\n");
  DocNode r;
  std::vector<Diagnostic> d;
  CHECK_FALSE(ParseDocument(self, r, d));
  REQUIRE_FALSE(d.empty());
  CHECK(d[0].code == "E101");
}

// "Billion laughs": ten levels of nine aliases each would be 9^10 nodes if expanded.
TEST_CASE("AliasBombIsAQuickLocatedError", "[load][doc][hostile]") {
  std::string bomb = "a0: &a0 [x,x,x,x,x,x,x,x,x]\n";
  for (int i = 1; i <= 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) bomb += prev + (k < 8 ? "," : "");
    bomb += "]\n";
  }
  // The alias budget stops the expansion (E107 below); bench/shape_bench.cc times it.
  ManifestLoad m = LoadManifestFromString(
      "bomb.yaml", bomb + "shipment: {id: S, consignee: {name: X, country: DE}}\nlines: *a9\n",
      Date{});
  LoadResult pack = LoadPackText({{"pack.yaml", bomb + "classes: *a9\n"}});
  CHECK_FALSE(m.manifest);
  REQUIRE_FALSE(m.diagnostics.empty());
  CHECK(m.diagnostics[0].code == "E107");
  CHECK(m.diagnostics[0].loc.file == "bomb.yaml");
  CHECK(m.diagnostics[0].loc.line == 6);
  CHECK_FALSE(pack.engine);
  bool e107 = false;
  for (const auto& d : pack.diagnostics) e107 |= d.code == "E107" && d.loc.line > 0;
  CHECK(e107);
}

TEST_CASE("JsonManifestDecidesAsItsYaml", "[load][doc]") {
  const char* yaml =
      "shipment:\n  id: S1\n  date: 2025-06-01\n  consignee: {name: Lab, country: CN}\nlines:\n"
      "  - part: GPU\n    quantity: 2\n    specs: {type: ic, tpp: 5000, die_area_mm2: 800, "
      "datacenter: true}\n"
      "  - part: SRV\n    specs: {type: computer}\n    components:\n      - {part: GPU, quantity: "
      "8, specs: {type: ic, tpp: 5000}}\n";
  const char* json =
      R"({"shipment": {"id": "S1", "date": "2025-06-01", "consignee": {"name": "Lab", "country": "CN"}},
 "lines": [{"part": "GPU", "quantity": 2, "specs": {"type": "ic", "tpp": 5000, "die_area_mm2": 800, "datacenter": true}},
           {"part": "SRV", "specs": {"type": "computer"}, "components": [{"part": "GPU", "quantity": 8, "specs": {"type": "ic", "tpp": 5000}}]}]})";
  ManifestLoad a = LoadManifestFromString("m.yaml", yaml, Date{}),
               b = LoadManifestFromString("m.json", json, Date{});
  REQUIRE(a.manifest);
  REQUIRE(b.manifest);
  LoadResult us = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(us.engine);
  REQUIRE(a.manifest->lines.size() == b.manifest->lines.size());
  for (size_t i = 0; i < a.manifest->lines.size(); ++i) {
    LineDecision da = us.engine->Decide(a.manifest->shipment, a.manifest->lines[i].item);
    LineDecision db = us.engine->Decide(b.manifest->shipment, b.manifest->lines[i].item);
    CHECK(da.decision == db.decision);
    CHECK(da.classes == db.classes);
    CHECK(a.manifest->lines[i].item.quantity == b.manifest->lines[i].item.quantity);
  }
  CHECK(b.manifest->lines[1].item.components.at(0).specs.at(1).second.loc.line == 3);
}

}  // namespace chipgate::testing
