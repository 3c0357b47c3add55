// The canonical layout of rule files (chipgate/rule_format.h): key order per kind of entry,
// comment placement, quoting, indentation, block scalars, anchors, wrapping, and the YAML it
// refuses. Each case is {input, expected output}; every expected output must also be a fixed
// point (formatting it again changes nothing).
#include <catch2/catch.hpp>

#include "chipgate/rule_format.h"
#include "load/layout_printer.h"

namespace chipgate {
namespace {

std::string Format(const std::string& text) {
  std::string out;
  std::vector<Diagnostic> diags;
  bool ok = FormatRuleFile("r.yaml", text, out, diags);
  INFO(RenderDiagnostics(diags));
  REQUIRE(ok);
  return out;
}

// Formats `input`, expects `expected`, and expects `expected` to be formatted already.
void Expect(const std::string& input, const std::string& expected) {
  CHECK(Format(input) == expected);
  CHECK(Format(expected) == expected);
}

// The diagnostic of a file the formatter refuses.
Diagnostic Refused(const std::string& text) {
  std::string out = "untouched";
  std::vector<Diagnostic> diags;
  REQUIRE_FALSE(FormatRuleFile("r.yaml", text, out, diags));
  REQUIRE(diags.size() == 1);
  CHECK(out == "untouched");
  return diags[0];
}

}  // namespace

TEST_CASE("KeysOfAnEntryFollowItsFieldTable", "[fmt]") {
  Expect(
      "classes:\n"
      "  - when: \"tpp >= 1\"\n"
      "    controlled: true\n"
      "    effective: {until: 2025-01-01, from: 2024-01-01}\n"
      "    cite: c\n"
      "    id: x\n",
      "classes:\n"
      "  - id: x\n"
      "    cite: c\n"
      "    effective: {from: 2024-01-01, until: 2025-01-01}\n"
      "    when: \"tpp >= 1\"\n"
      "    controlled: true\n");
  Expect(
      "license_rules:\n"
      "  - decision: prohibited\n"
      "    when: \"destination == 'KP'\"\n"
      "    classes: any\n"
      "    cite: c\n"
      "    id: r\n",
      "license_rules:\n"
      "  - id: r\n"
      "    cite: c\n"
      "    classes: any\n"
      "    when: \"destination == 'KP'\"\n"
      "    decision: prohibited\n");
}

TEST_CASE("KeysNoKindListsKeepTheirOrderAfterTheListedOnes", "[fmt]") {
  // `colour` is no field (lint reports it); the keys of `specs` are data.
  Expect("parties:\n  - zebra: 1\n    colour: red\n    name: n\n    id: p\n",
         "parties:\n  - id: p\n    name: n\n    zebra: 1\n    colour: red\n");
  Expect("tests:\n  - item: {specs: {tpp: 1, die_area_mm2: 2, type: ic}, part: P}\n",
         "tests:\n  - item: {part: P, specs: {tpp: 1, die_area_mm2: 2, type: ic}}\n");
}

TEST_CASE("SectionsOfARuleFileKeepTheirOrder", "[fmt]") {
  Expect("parties: []\npack: {name: p}\n", "parties: []\n\npack: {name: p}\n");
}

TEST_CASE("TestCasesAndTheirExpectationsAreOrdered", "[fmt]") {
  Expect(
      "tests:\n"
      "  - expect: {rules: [r], exception: none, decision: review}\n"
      "    item: {part: P}\n"
      "    destination: DE\n"
      "    date: 2024-06-01\n"
      "    name: n\n",
      "tests:\n"
      "  - name: n\n"
      "    date: 2024-06-01\n"
      "    destination: DE\n"
      "    item: {part: P}\n"
      "    expect: {decision: review, exception: none, rules: [r]}\n");
}

TEST_CASE("CommentsStayWithTheEntryTheyPrecedeOrEnd", "[fmt]") {
  Expect(
      "# header of the file\n"
      "\n"
      "# about the classes\n"
      "classes:\n"
      "  # before the entry\n"
      "  - when: \"tpp >= 1\"  # end of the when line\n"
      "    # before the id\n"
      "    id: x\n"
      "    cite: c # end of the cite line\n"
      "    # after the last key\n"
      "  # after the last entry\n"
      "# end of the file\n",
      "# header of the file\n"
      "\n"
      "# about the classes\n"
      "classes:\n"
      "  # before the entry\n"
      "  # before the id\n"
      "  - id: x\n"
      "    cite: c # end of the cite line\n"
      "    when: \"tpp >= 1\" # end of the when line\n"
      "    # after the last key\n"
      "  # after the last entry\n"
      "# end of the file\n");
  // A comment on the line of a key whose value is below it stays on that line.
  Expect("pack: # the header\n  name: p\n", "pack: # the header\n  name: p\n");
  Expect("a:\n  - # first\n    x: 1\n", "a:\n  - # first\n    x: 1\n");
}

TEST_CASE("BlankLinesAreKeptOneAtATime", "[fmt]") {
  Expect("a:\n\n\n  - 1\n\n\n  - 2\nb: 3\n", "a:\n  - 1\n\n  - 2\n\nb: 3\n");
}

TEST_CASE("QuotesAreDoubleUnlessTheValueHoldsOne", "[fmt]") {
  Expect("x:\n  a: 'x'\n  b: 'it''s'\n  c: \"say \\\"hi\\\"\"\n  d: plain\n  e: \"\\ttab\\x01\"\n",
         "x:\n  a: \"x\"\n  b: \"it's\"\n  c: 'say \"hi\"'\n  d: plain\n  e: \"\\ttab\\x01\"\n");
  CHECK(QuoteScalar("a\\b") == "'a\\b'");
  CHECK(QuoteScalar("a\nb") == "\"a\\nb\"");
  CHECK(QuoteScalar("") == "\"\"");
}

TEST_CASE("ExpressionsAreQuotedAndNullsAreNot", "[fmt]") {
  Expect("attributes:\n  - name: pd\n    derived: tpp / die_area_mm2\n",
         "attributes:\n  - name: pd\n    derived: \"tpp / die_area_mm2\"\n");
  Expect("classes:\n  - id: c\n    when: ~\n", "classes:\n  - id: c\n    when: ~\n");
  // A `when` outside an entry that has expressions is not an expression.
  Expect("pack:\n  when: x\n", "pack:\n  when: x\n");
}

TEST_CASE("IndentationIsTwoSpaces", "[fmt]") {
  Expect("pack:\n      name: p\n      coverage:\n          from: 2022-01-01\nnotes:\n-   id: n\n",
         "pack:\n  name: p\n  coverage:\n    from: 2022-01-01\n\nnotes:\n  - id: n\n");
}

TEST_CASE("BlockScalarsKeepTheirLinesReindented", "[fmt]") {
  Expect(
      "license_rules:\n"
      "    - id: r\n"
      "      policy: >-\n"
      "          first line\n"
      "            more indented\n"
      "\n"
      "          after a blank\n"
      "      cite: c\n",
      "license_rules:\n"
      "  - id: r\n"
      "    cite: c\n"
      "    policy: >-\n"
      "      first line\n"
      "        more indented\n"
      "\n"
      "      after a blank\n");
  Expect("a: |\n  x\n\nb: 1\n", "a: |\n  x\n\nb: 1\n");
}

TEST_CASE("AnchorsAndAliasesAreKept", "[fmt]") {
  Expect("tests:\n  - item: &h {specs: {tpp: 1}, part: H}\n  - item: *h\n",
         "tests:\n  - item: &h {part: H, specs: {tpp: 1}}\n  - item: *h\n");
  Expect("x: &a\n  k: v\ny: *a\n", "x: &a\n  k: v\n\ny: *a\n");
}

TEST_CASE("LongFlowSequencesAreWrappedAtColumn100", "[fmt]") {
  std::string items;
  for (int i = 0; i < 40; ++i) items += (i ? ", " : "") + std::string("C") + std::to_string(i);
  std::string out = Format("members: [" + items + "]\n");
  CHECK(out ==
        "members: [C0, C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13, C14, C15, C16, "
        "C17, C18, C19,\n"
        "          C20, C21, C22, C23, C24, C25, C26, C27, C28, C29, C30, C31, C32, C33, C34, "
        "C35, C36, C37,\n"
        "          C38, C39]\n");
  CHECK(Format(out) == out);
  // A flow sequence over several lines in the source is joined when it fits.
  Expect("a: [x,\n    y]\n", "a: [x, y]\n");
}

TEST_CASE("AnEmptyFileAndAFileOfCommentsStayAsTheyAre", "[fmt]") {
  Expect("", "");
  Expect("# only a comment\n", "# only a comment\n");
}

TEST_CASE("YamlTheFormatterDoesNotLayOutIsRefusedWithItsLocation", "[fmt]") {
  struct Case {
    std::string text;
    int line, col;
    std::string says;
  };
  const Case cases[] = {
      {"a: !!str 1\n", 1, 4, "tag"},
      {"---\na: 1\n", 1, 1, "document marker"},
      {"a: 1\n---\nb: 2\n", 2, 1, "document marker"},
      {"a: [x, # c\n  y]\n", 1, 8, "comment inside a flow collection"},
      {"? a\n: 1\n", 1, 1, "complex key"},
      {"a: |+\n  x\n", 1, 5, "indentation indicator"},
      {"a: |2\n   x\n", 1, 5, "indentation indicator"},
      {"&k a: 1\n", 1, 1, "anchor"},
      {"a: \"x\n  y\"\n", 1, 4, "quoted scalar over several lines"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    Diagnostic d = Refused(c.text);
    CHECK(d.code == "E108");
    CHECK(d.loc.line == c.line);
    CHECK(d.loc.col == c.col);
    CHECK(d.message.find(c.says) != std::string::npos);
  }
}

TEST_CASE("TextThatDoesNotParseIsASyntaxErrorWithItsLocation", "[fmt]") {
  Diagnostic d = Refused("a:\n  title: ratio: 2\n");
  CHECK(d.code == "E101");
  CHECK(d.loc.line == 2);
  CHECK(d.loc.col > 0);
  CHECK(Refused("a: 1\na: 2\n").code == "E102");
}

}  // namespace chipgate
