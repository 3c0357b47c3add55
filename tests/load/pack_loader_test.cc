// Tests for the rule-pack loader: YAML to AST, with located E101-E106 and E201 diagnostics for
// structural problems.
#include "load/pack_loader.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "support/diag_text.h"
#include "support/test_support.h"

namespace chipgate {
namespace {

using testing::Brief;
using testing::Briefs;
using testing::Codes;
using testing::Pos;
using testing::PosOf;

struct Loaded {
  Pack pack;
  std::vector<Diagnostic> diags;
};

// Loads files {path, text} with the loader alone (no validation); diagnostics sorted.
Loaded LoadFiles(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<SourceFile> sources;
  for (const auto& [path, text] : files) sources.emplace_back(path, text);
  Loaded out;
  out.pack = LoadPack(sources, "pack", out.diags);
  SortDiagnostics(out.diags);
  return out;
}

Loaded LoadOne(const std::string& yaml) { return LoadFiles({{"pack/rules.yaml", yaml}}); }

}  // namespace

TEST_CASE("ValidPackLoadsEveryField", "[load][pack]") {
  const std::string yaml = R"(pack:
  name: tiny
  version: "3"
  description: a test pack
attributes:
  - {name: type, type: enum, values: [ic, other], description: what it is}
  - {name: tpp, type: number, unit: bit-TOPS}
  - {name: pd, derived: tpp / 2}
country_groups:
  - id: "D:5"
    title: embargoed
    cite: "15 CFR 740 Supp. 1"
    members:
      - CN
      - {code: KH, effective: {until: 2026-02-03}, cite: removed}
classes:
  - id: 3A090.a.1
    cite: c1
    effective: {from: 2023-11-17}
    when: "type == 'ic' and tpp >= 4800"
license_rules:
  - id: r1
    cite: r-cite
    classes: [3A090.a]
    when: "destination in D:5"
    policy: presumption of denial
  - id: r2
    title: everything
    cite: r2-cite
    classes: any
    decision: prohibited
    enabled: false
    disabled_reason: not yet
exceptions:
  - id: NAC
    cite: e-cite
    covers: r1
    conditions: notify
parties:
  - id: p1
    name: Example Co
    aliases: [EC]
    country: CN
    cite: p-cite
    effect: review
)";
  Loaded l = LoadOne(yaml);
  INFO(RenderDiagnostics(l.diags));
  REQUIRE(l.diags.empty());
  const Pack& p = l.pack;
  CHECK(p.info.name == "tiny");
  CHECK(p.info.version == "3");
  CHECK(p.info.description == "a test pack");
  CHECK(p.digest.starts_with("sha256:"));

  REQUIRE(p.attributes.size() == 3);
  CHECK(p.attributes[0].type == Type::kString);
  CHECK(p.attributes[0].values == std::vector<std::string>{"ic", "other"});
  CHECK(p.attributes[1].unit == "bit-TOPS");
  CHECK(p.attributes[2].type == Type::kUnknown);
  CHECK(p.attributes[2].derived.text == "tpp / 2");
  REQUIRE(p.attributes[2].derived.root != nullptr);
  CHECK(Pos(p.attributes[0].loc) == PosOf(yaml, "{name: type"));

  REQUIRE(p.groups.size() == 1);
  REQUIRE(p.groups[0].members.size() == 2);
  CHECK(p.groups[0].members[0].code == "CN");
  CHECK(p.groups[0].members[1].code == "KH");
  CHECK(p.groups[0].members[1].effective.until == *ParseDate("2026-02-03"));
  CHECK(p.groups[0].members[1].cite == "removed");
  CHECK(Pos(p.groups[0].members[0].loc) == PosOf(yaml, "CN"));

  REQUIRE(p.classes.size() == 1);
  CHECK(p.classes[0].id == "3A090.a.1");
  CHECK(p.classes[0].paragraph == "3A090.a");
  CHECK(p.classes[0].effective.from == *ParseDate("2023-11-17"));
  CHECK(p.classes[0].effective.until == kMaxDate);
  CHECK(Pos(p.classes[0].when.loc) == PosOf(yaml, "type == 'ic'"));

  REQUIRE(p.rules.size() == 2);
  CHECK(p.rules[0].classes.size() == 1);
  CHECK(p.rules[0].classes[0].name == "3A090.a");
  CHECK(p.rules[0].decision == DecisionKind::kLicenseRequired);
  CHECK(p.rules[0].message.empty());
  CHECK(p.rules[0].policy == "presumption of denial");
  CHECK(p.rules[1].any_item);
  CHECK(p.rules[1].message == "everything");  // defaults to the title
  CHECK(p.rules[1].decision == DecisionKind::kProhibited);
  CHECK_FALSE(p.rules[1].enabled);
  CHECK(p.rules[1].disabled_reason == "not yet");

  REQUIRE(p.exceptions.size() == 1);
  CHECK(p.exceptions[0].code == "NAC");  // defaults to the id
  REQUIRE(p.exceptions[0].covers.size() == 1);
  CHECK(p.exceptions[0].covers[0].name == "r1");
  CHECK(p.exceptions[0].conditions == std::vector<std::string>{"notify"});

  REQUIRE(p.parties.size() == 1);
  CHECK(p.parties[0].aliases == std::vector<std::string>{"EC"});
  CHECK(p.parties[0].effect == DecisionKind::kReview);
}

TEST_CASE("PackNameDefaultsToTheDirectoryName", "[load][pack]") {
  std::vector<SourceFile> files{SourceFile("rules/mine/a.yaml", "classes: []\n")};
  std::vector<Diagnostic> diags;
  Pack p = LoadPack(files, "rules/mine", diags);
  CHECK(diags.empty());
  CHECK(p.info.name == "mine");
}

TEST_CASE("DigestChangesWithAnyByteOfAnyFile", "[load][pack]") {
  Loaded a = LoadFiles({{"pack/a.yaml", "classes: []\n"}, {"pack/b.yaml", ""}});
  Loaded same = LoadFiles({{"pack/a.yaml", "classes: []\n"}, {"pack/b.yaml", ""}});
  Loaded edited = LoadFiles({{"pack/a.yaml", "classes: [] \n"}, {"pack/b.yaml", ""}});
  Loaded renamed = LoadFiles({{"pack/a.yaml", "classes: []\n"}, {"pack/c.yaml", ""}});
  CHECK(a.pack.digest == same.pack.digest);
  CHECK(a.pack.digest != edited.pack.digest);
  CHECK(a.pack.digest != renamed.pack.digest);
}

struct LocatedCase {
  const char* name;
  std::string yaml;
  std::string at;  // text whose position the diagnostic must point at
  int nth;         // which occurrence of `at`
  const char* code;
  const char* message;
};

void CheckLocated(const std::vector<LocatedCase>& cases) {
  for (const auto& c : cases) {
    INFO(c.name << "\n" << c.yaml);
    Loaded l = LoadOne(c.yaml);
    INFO(RenderDiagnostics(l.diags));
    REQUIRE(l.diags.size() == 1);
    CHECK(l.diags[0].code == c.code);
    CHECK(l.diags[0].loc.file == "pack/rules.yaml");
    CHECK(Pos(l.diags[0].loc) == PosOf(c.yaml, c.at, c.nth));
    CHECK(l.diags[0].message == c.message);
  }
}

TEST_CASE("YamlSyntaxErrorIsE101WithLineAndColumn", "[load][pack]") {
  CheckLocated({
      {"second colon in a plain value", "classes:\n  - id: a\n    title: a: b\n", ": b", 1, "E101",
       "yaml syntax: illegal map value"},
      {"tab before a block entry", "classes:\n\t- id: a\n", "- id", 1, "E101",
       "yaml syntax: illegal block entry"},
      {"key less indented than its siblings", "classes:\n  - id: a\n   cite: b\n", "cite", 1,
       "E101", "yaml syntax: end of sequence not found"},
  });
  // An unclosed flow list is reported at the end of the input.
  Loaded l = LoadOne("classes:\n  - id: a\n    cite: [x\n");
  REQUIRE(l.diags.size() == 1);
  CHECK(l.diags[0].code == "E101");
  CHECK(Pos(l.diags[0].loc) == "4:1");
  CHECK(l.diags[0].message == "yaml syntax: end of sequence flow not found");
}

TEST_CASE("ASyntaxErrorInOneFileDoesNotHideTheOthers", "[load][pack]") {
  Loaded l = LoadFiles(
      {{"pack/a.yaml", "classes: [\n"},
       {"pack/b.yaml", "classes:\n  - {id: X.a, cite: c, controlled: true, when: \"true\"}\n"}});
  REQUIRE(l.diags.size() == 1);
  CHECK(l.diags[0].code == "E101");
  CHECK(l.diags[0].loc.file == "pack/a.yaml");
  REQUIRE(l.pack.classes.size() == 1);
  CHECK(l.pack.classes[0].id == "X.a");
}

TEST_CASE("VeryDeepYamlNestingIsE101", "[load][pack]") {
  for (const auto& yaml :
       {"a: " + std::string(700, '[') + std::string(700, ']') + "\n",
        "a: " + std::string(2000, '[') + "\n", "a: " + std::string(700 * 4, '{') + "\n"}) {
    Loaded l = LoadOne(yaml);
    REQUIRE(l.diags.size() == 1);
    CHECK(l.diags[0].code == "E101");
  }
  Loaded l = LoadOne("a: " + std::string(700, '[') + std::string(700, ']') + "\n");
  CHECK(l.diags[0].message == "yaml syntax: document nested too deeply");
}

TEST_CASE("DuplicateKeysAreE102AtTheSecondKey", "[load][pack]") {
  CheckLocated({
      {"inside an entry", "attributes:\n  - name: tpp\n    type: number\n    name: tpp2\n", "name",
       2, "E102", "duplicate key `name`"},
      {"at the top level", "attributes: []\nclasses: []\nattributes: []\n", "attributes", 2, "E102",
       "duplicate key `attributes`"},
      {"in a flow mapping", "classes:\n  - {id: a, cite: x, id: b, when: \"true\"}\n", "id", 2,
       "E102", "duplicate key `id`"},
      {"quoted and plain spelling", "pack:\n  name: a\n  \"name\": b\n", "\"name\"", 1, "E102",
       "duplicate key `name`"},
      {"nested mapping",
       "classes:\n  - id: a\n    effective: {from: 2024-01-01, from: 2025-01-01}\n", "from", 2,
       "E102", "duplicate key `from`"},
  });
}

TEST_CASE("EveryDuplicateKeyIsReported", "[load][pack]") {
  const std::string yaml = "pack: {name: a, name: b}\nclasses: []\nclasses: []\n";
  Loaded l = LoadOne(yaml);
  CHECK(Briefs(l.diags) ==
        std::vector<std::string>{PosOf(yaml, "name", 2) + " E102 duplicate key `name`",
                                 PosOf(yaml, "classes", 2) + " E102 duplicate key `classes`"});
}

TEST_CASE("WrongTypesAreE103", "[load][pack]") {
  CheckLocated({
      {"section is a scalar", "attributes: 5\n", "5", 1, "E103",
       "rule file: field `attributes` must be a list, found a scalar"},
      {"file is a list", "- a\n- b\n", "- a", 1, "E103",
       "rule file: expected a mapping, found a list"},
      {"entry is a scalar", "classes:\n  - 7\n", "7", 1, "E103",
       "class: expected a mapping, found a scalar"},
      {"id is a list", "classes:\n  - id: [a]\n    cite: x\n    when: \"true\"\n", "[a]", 1, "E103",
       "class: field `id` must be a scalar, found a list"},
      {"bool is not true or false",
       "license_rules:\n  - {id: r, cite: c, classes: any, enabled: maybe}\n", "enabled", 1, "E103",
       "license rule: field `enabled` must be `true` or `false`, found `maybe`"},
      {"expression is a list", "classes:\n  - id: a\n    cite: x\n    when: [a]\n", "[a]", 1,
       "E103", "class: field `when` must be an expression string, found a list"},
      {"classes is a mapping", "license_rules:\n  - id: r\n    cite: c\n    classes: {a: b}\n",
       "{a: b}", 1, "E103", "license rule: elements of `classes` must be ids"},
      {"class ref is a list", "license_rules:\n  - id: r\n    cite: c\n    classes: [[a]]\n", "[a]",
       1, "E103", "license rule: elements of `classes` must be ids"},
      {"key is not a scalar", "? [a, b]\n: c\n", "[a, b]", 1, "E103",
       "rule file: keys must be plain names"},
      {"effective is a scalar", "classes:\n  - {id: a, cite: x, when: \"true\", effective: 2024}\n",
       "2024", 1, "E103", "class effective: expected a mapping, found a scalar"},
      {"aliases hold a mapping", "parties:\n  - {id: p, name: P, cite: c, aliases: [ok, {a: b}]}\n",
       "{a: b}", 1, "E103", "party: elements of `aliases` must be scalars, found a mapping"},
      {"group member is null", "country_groups:\n  - {id: g, cite: c, members: [CN, ~]}\n", "~", 1,
       "E103", "member of country group `g`: expected a mapping, found nothing"},
  });
}

TEST_CASE("UnknownFieldsAreE104AtTheKey", "[load][pack]") {
  const std::string yaml = R"(pack: {name: x, colour: red}
classes:
  - id: a
    cite: x
    when: "true"
    note: hi
    effective: {from: 2024-01-01, till: 2025-01-01}
attributes:
  - {name: n, type: number, values: [a]}
bogus: 1
)";
  Loaded l = LoadOne(yaml);
  CHECK(Briefs(l.diags) == std::vector<std::string>{
                               PosOf(yaml, "colour") + " E104 pack: unknown field `colour`",
                               PosOf(yaml, "note") + " E104 class: unknown field `note`",
                               PosOf(yaml, "till") + " E104 class effective: unknown field `till`",
                               PosOf(yaml, "values") + " E104 attribute: unknown field `values`",
                               PosOf(yaml, "bogus") + " E104 rule file: unknown field `bogus`",
                           });
}

TEST_CASE("MissingRequiredFieldsAreE105", "[load][pack]") {
  const std::string yaml = R"(classes:
  - id: a
    when: "true"
  - id: b
    cite:
    when: "true"
  - cite: x
license_rules:
  - id: r
    title: t
exceptions:
  - id: e
    cite: c
country_groups:
  - id: g
    title: no cite and no members
parties:
  - id: p
    cite: c
attributes:
  - name: t
  - name: e
    type: enum
  - type: number
)";
  Loaded l = LoadOne(yaml);
  CHECK(Briefs(l.diags) ==
        std::vector<std::string>{
            PosOf(yaml, "id: a") + " E105 class: missing required field `cite`",
            // a key with no value is missing, reported at the key
            PosOf(yaml, "cite:") + " E105 class: missing required field `cite`",
            PosOf(yaml, "cite: x") + " E105 class: missing required field `id`",
            PosOf(yaml, "cite: x") + " E105 class: missing required field `when`",
            PosOf(yaml, "id: r") + " E105 license rule: missing required field `cite`",
            PosOf(yaml, "id: r") + " E105 license rule: missing required field `classes`",
            PosOf(yaml, "id: e") + " E105 exception: missing required field `covers`",
            PosOf(yaml, "id: g") + " E105 country group: missing required field `cite`",
            PosOf(yaml, "id: g") + " E105 country group: missing required field `members`",
            PosOf(yaml, "id: p") + " E105 party: missing required field `name`",
            PosOf(yaml, "name: t") + " E105 attribute: missing required field `type`",
            PosOf(yaml, "name: e") + " E105 attribute: missing required field `values`",
            PosOf(yaml, "type: number") + " E105 attribute: missing required field `name`",
        });
}

TEST_CASE("CiteIsRequiredOnEveryCitableEntry", "[load][pack]") {
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"class", "classes:\n  - {id: a, when: \"true\"}\n"},
      {"license rule", "license_rules:\n  - {id: r, classes: any}\n"},
      {"exception", "exceptions:\n  - {id: e, covers: [r]}\n"},
      {"country group", "country_groups:\n  - {id: g, members: [CN]}\n"},
      {"party", "parties:\n  - {id: p, name: P}\n"},
  };
  for (const auto& [what, yaml] : cases) {
    INFO(what);
    Loaded l = LoadOne(yaml);
    CHECK(Briefs(l.diags) == std::vector<std::string>{"2:5 E105 " + std::string(what) +
                                                      ": missing required field `cite`"});
  }
}

TEST_CASE("BadDatesAndDecisionValuesAreE106", "[load][pack]") {
  const std::string yaml = R"(classes:
  - id: a
    cite: x
    when: "true"
    effective: {from: 2024-02-30, until: tomorrow}
license_rules:
  - id: r
    cite: c
    classes: any
    decision: forbidden
parties:
  - id: p
    name: P
    cite: c
    effect: maybe
attributes:
  - name: x
    type: vector
country_groups:
  - id: g
    cite: c
    members: [{code: CN, effective: {from: 2024-1-1}}]
)";
  Loaded l = LoadOne(yaml);
  CHECK(Briefs(l.diags) ==
        std::vector<std::string>{
            PosOf(yaml, "from: 2024-02") +
                " E106 class effective: field `from` must be a date YYYY-MM-DD, found `2024-02-30`",
            PosOf(yaml, "until") +
                " E106 class effective: field `until` must be a date YYYY-MM-DD, found `tomorrow`",
            PosOf(yaml, "decision") +
                " E106 license rule: `decision` must be one of prohibited, license_required, "
                "review, license_exception, no_license_required; found `forbidden`",
            PosOf(yaml, "effect:") +
                " E106 party: `effect` must be one of prohibited, license_required, review, "
                "license_exception, no_license_required; found `maybe`",
            PosOf(yaml, "type: vector") + " E106 attribute `x`: unknown type `vector`; expected "
                                          "number, bool, string, enum, date or country",
            PosOf(yaml, "from: 2024-1") + " E106 member of country group `g` effective: field "
                                          "`from` must be a date YYYY-MM-DD, found `2024-1-1`",
        });
}

TEST_CASE("AnEmptyFileIsFine", "[load][pack]") {
  for (const char* text : {"", "\n", "# only a comment\n", "---\n...\n", "\xEF\xBB\xBF"}) {
    INFO("text: `" << text << "`");
    Loaded l = LoadOne(text);
    CHECK(l.diags.empty());
  }
  LoadResult r = Engine::LoadFromStrings(
      {{"pack/empty.yaml", ""},
       {"pack/classes.yaml",
        "classes:\n  - {id: X.a, cite: c, controlled: true, when: \"true\"}\n"}});
  INFO(RenderDiagnostics(r.diagnostics));
  CHECK(r.engine.has_value());
  CHECK(r.diagnostics.empty());
}

TEST_CASE("EmptySectionsAreFine", "[load][pack]") {
  Loaded l = LoadOne("attributes: []\ncountry_groups: ~\nclasses:\nlicense_rules: []\n");
  CHECK(l.diags.empty());
}

TEST_CASE("ExpressionErrorsPointInsideTheScalar", "[load][pack]") {
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"double-quoted", "classes:\n  - id: a\n    cite: x\n    when: \"tpp >= 4800 and or\"\n"},
      {"single-quoted", "classes:\n  - id: a\n    cite: x\n    when: 'tpp >= 4800 and or'\n"},
      {"plain", "classes:\n  - id: a\n    cite: x\n    when: tpp >= 4800 and or\n"},
      {"flow mapping", "classes:\n  - {id: a, cite: x, when: \"tpp >= 4800 and or\"}\n"},
      {"flow mapping plain", "classes:\n  - {id: a, cite: x, when: tpp >= 4800 and or}\n"},
      {"indented further",
       "classes:\n  -   id: a\n      cite: x\n      when:      \"tpp >= 4800 and or\"\n"},
  };
  for (const auto& [name, yaml] : cases) {
    INFO(name << "\n" << yaml);
    Loaded l = LoadOne(yaml);
    REQUIRE(l.diags.size() == 1);
    CHECK(l.diags[0].code == "E201");
    CHECK(l.diags[0].message == "expected a value, found `or`");
    CHECK(Pos(l.diags[0].loc) == PosOf(yaml, "or"));
  }
}

TEST_CASE("ExpressionLocationStartsAfterTheQuote", "[load][pack]") {
  const std::string yaml =
      "classes:\n  - id: a\n    cite: x\n    when: \"type == 'ic'\"\n"
      "  - id: b\n    cite: x\n    when: 'tpp > 1'\n  - id: c\n    cite: x\n    when: tpp > 2\n";
  Loaded l = LoadOne(yaml);
  REQUIRE(l.diags.empty());
  REQUIRE(l.pack.classes.size() == 3);
  CHECK(l.pack.classes[0].when.text == "type == 'ic'");
  CHECK(Pos(l.pack.classes[0].when.loc) == PosOf(yaml, "type =="));
  CHECK(Pos(l.pack.classes[1].when.loc) == PosOf(yaml, "tpp > 1"));
  CHECK(Pos(l.pack.classes[2].when.loc) == PosOf(yaml, "tpp > 2"));
}

TEST_CASE("EmptyExpressionIsE201AtTheScalar", "[load][pack]") {
  const std::string yaml = "classes:\n  - id: a\n    cite: x\n    when: \"  \"\n";
  Loaded l = LoadOne(yaml);
  // The column is that of the content, one past the quote.
  CHECK(Briefs(l.diags) ==
        std::vector<std::string>{"4:12 E201 class: field `when` is an empty expression"});
}

TEST_CASE("UnknownNameInAQuotedScalarPointsAtTheName", "[load][pack]") {
  const std::string yaml =
      "attributes:\n  - {name: tpp, type: number}\n"
      "classes:\n  - id: X.a\n    cite: x\n    when: \"tpp >= 1 and   tpx > 2\"\n";
  LoadResult r = Engine::LoadFromStrings({{"pack/rules.yaml", yaml}});
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(Brief(r.diagnostics[0]) == PosOf(yaml, "tpx") + " E202 class `X.a`: unknown name `tpx`");
}

// Escape sequences (\" and '') make the scalar's text shorter than the file text: the error is
// still reported at the offending token in the file (ExprSource::positions).
TEST_CASE("ExpressionLocationAccountsForEscapes", "[load][pack]") {
  const std::vector<std::string> cases = {
      "classes:\n  - id: a\n    cite: x\n    when: \"type == \\\"ic\\\" and or\"\n",
      "classes:\n  - id: a\n    cite: x\n    when: 'type == ''ic'' and or'\n",
  };
  for (const auto& yaml : cases) {
    INFO(yaml);
    Loaded l = LoadOne(yaml);
    REQUIRE(l.diags.size() == 1);
    CHECK(l.diags[0].code == "E201");
    CHECK(Pos(l.diags[0].loc) == PosOf(yaml, "or"));
  }
}

// In multi-line expressions (block, folded or plain and quoted scalars spanning lines) an error
// on a later line is reported on that line, at the token.
TEST_CASE("ExpressionLocationOnALaterLineOfAMultiLineScalar", "[load][pack]") {
  const std::vector<std::string> cases = {
      "classes:\n  - id: a\n    cite: x\n    when: |\n      type == 1 and\n      tpp >= 4800 and "
      "or\n",
      "classes:\n  - id: a\n    cite: x\n    when: >-\n      type == 1 and\n      tpp >= 4800 and "
      "or\n",
      "classes:\n  - id: a\n    cite: x\n    when: type == 1 and\n      tpp >= 4800 and or\n",
      "classes:\n  - id: a\n    cite: x\n    when: \"type == 1 and\n      tpp >= 4800 and or\"\n",
  };
  for (const auto& yaml : cases) {
    INFO(yaml);
    Loaded l = LoadOne(yaml);
    REQUIRE(l.diags.size() == 1);
    CHECK(l.diags[0].code == "E201");
    CHECK(Pos(l.diags[0].loc) == PosOf(yaml, "or"));
  }
}

TEST_CASE("BlockScalarExpressionStartsOnTheNextLine", "[load][pack]") {
  const std::string yaml = "classes:\n  - id: a\n    cite: x\n    when: |\n      tpp >= and\n";
  Loaded l = LoadOne(yaml);
  REQUIRE(l.diags.size() == 1);
  CHECK(Brief(l.diags[0]) == PosOf(yaml, "and") + " E201 expected a value, found `and`");
}

TEST_CASE("NulByteIsE101AndDoesNotCrash", "[load][pack]") {
  const std::string yaml = std::string("classes:\n  - id: a") + '\0' + "b\n";
  Loaded l = LoadOne(yaml);
  CHECK(Briefs(l.diags) ==
        std::vector<std::string>{"1:1 E101 file contains a NUL byte; expected UTF-8 text"});
  LoadResult r = Engine::LoadFromStrings({{"pack/rules.yaml", yaml}});
  CHECK_FALSE(r.engine.has_value());
}

TEST_CASE("NonUtf8InputDoesNotCrash", "[load][pack]") {
  const std::vector<std::string> inputs = {
      "classes:\n  - id: \xff\xfe\n    cite: x\n    when: \"true\"\n",
      "classes:\n  - id: a\n    cite: x\n    when: \"tr\xc3ue\"\n",
      "classes:\n  - id: a\n    cite: \"caf\xe9\"\n    when: \"type == '\xc3\"\n",
      std::string{'\xfe', '\xff', '\0', 'c', '\0', 'l'},  // UTF-16 with a BOM
      std::string("\xc3", 1),
      "classes: [\xe2\x82",
      "\xff: \xff\n\xff: \xff\n",
  };
  for (const auto& text : inputs) {
    Loaded l = LoadOne(text);
    for (const auto& d : l.diags) {
      CHECK(d.loc.file == "pack/rules.yaml");
      CHECK(d.loc.line >= 1);
    }
    LoadResult r = Engine::LoadFromStrings({{"pack/rules.yaml", text}});
    CHECK(r.engine.has_value() != HasErrors(r.diagnostics));
    CHECK_NOTHROW(RenderDiagnostics(r.diagnostics));
  }
}

TEST_CASE("StructuralErrorsStopBeforeValidation", "[load][pack]") {
  // `tpx` is an unknown name, but validation is skipped once the loader reported errors.
  LoadResult r = Engine::LoadFromStrings(
      {{"pack/rules.yaml", "classes:\n  - {id: X.a, cite: c, when: \"tpx > 1\", note: n}\n"}});
  CHECK_FALSE(r.engine.has_value());
  CHECK(Codes(r.diagnostics) == std::vector<std::string>{"E104"});
}

TEST_CASE("DiagnosticsOfSeveralFilesAreSortedByFileThenPosition", "[load][pack]") {
  const std::string a = "bogus: 1\nclasses:\n  - {id: X.a, cite: c, when: \"true\", y: 1}\n";
  const std::string b =
      "classes:\n  - {id: X.b, cite: c, when: \"true\", z: 1}\n  - {id: X.c, when: \"true\"}\n";
  LoadResult r = Engine::LoadFromStrings({{"pack/b.yaml", b}, {"pack/a.yaml", a}});
  std::vector<std::string> where;
  for (const auto& d : r.diagnostics) where.push_back(d.loc.file + ":" + Pos(d.loc) + " " + d.code);
  CHECK(where == std::vector<std::string>{
                     "pack/a.yaml:1:1 E104", "pack/a.yaml:" + PosOf(a, "y:") + " E104",
                     "pack/b.yaml:" + PosOf(b, "z:") + " E104", "pack/b.yaml:3:5 E105"});
}

}  // namespace chipgate

namespace chipgate::testing {

// A far-future effective date would silently switch a control off (never in force): E106.
TEST_CASE("FarFutureEffectiveDatesAreE106", "[load]") {
  LoadResult r = LoadPackText({{"p.yaml", R"(
attributes: [{name: tpp, type: number}]
classes:
  - {id: X.a, cite: c, when: "tpp >= 10", effective: {from: 2205-01-01}}
  - {id: X.b, cite: c, when: "tpp >= 20", effective: {from: 2024-01-01, until: 2099-12-31}}
)"}});
  CHECK_FALSE(r.engine.has_value());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "E106");
  CHECK(r.diagnostics[0].loc.line == 4);
  CHECK(r.diagnostics[0].message.find("`from` 2205-01-01 is after 2099-12-31") !=
        std::string::npos);
}

}  // namespace chipgate::testing
