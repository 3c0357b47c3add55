// Tests for the manifest loader: shipment and line fields, defaults, located E102-E107 errors,
// limits.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/manifest.h"
#include "support/diag_text.h"

namespace chipgate {
namespace {

using testing::Briefs;
using testing::Codes;
using testing::Pos;
using testing::PosOf;

const Date kDefaultDate = *ParseDate("2026-11-29");

ManifestLoad Load(const std::string& text, const ManifestLimits& limits = {}) {
  return LoadManifestFromString("order.yaml", text, kDefaultDate, limits);
}

// A minimal valid shipment header followed by `lines`.
std::string WithLines(const std::string& lines) {
  return "shipment:\n  consignee: {name: C, country: SG}\nlines:\n" + lines;
}

}  // namespace

TEST_CASE("ValidManifestReadsEveryField", "[load][manifest]") {
  const std::string yaml = R"(# comment
shipment:
  id: SO-1001
  date: 2024-06-01
  consignee: {name: "Example Cloud Pte Ltd", country: SG, headquarters: CN, parent_headquarters: HK}
  end_user: {name: End User, country: MY, headquarters: SG}
  end_use: datacenter
lines:
  - part: ACCEL-1
    quantity: 8
    specs: {type: ic, tpp: 15832, die_area_mm2: 814, datacenter: true}
  - part: SRV-8GPU
    specs: {type: computer}
    components:
      - {part: ACCEL-1, quantity: 8}
      - {part: NIC-X, quantity: 2, specs: {type: other}}
  - part: UNKNOWN
)";
  ManifestLoad r = Load(yaml);
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.manifest.has_value());
  const Manifest& m = *r.manifest;
  CHECK(m.path == "order.yaml");
  CHECK(m.date_given);
  const ShipmentFacts& s = m.shipment;
  CHECK(s.id == "SO-1001");
  CHECK(s.date == *ParseDate("2024-06-01"));
  CHECK(s.consignee.name == "Example Cloud Pte Ltd");
  CHECK(s.consignee.country == "SG");
  CHECK(s.consignee.headquarters == "CN");
  CHECK(s.consignee.parent_headquarters == "HK");
  CHECK(s.end_user.name == "End User");
  CHECK(s.end_user.country == "MY");
  CHECK(s.end_user.headquarters == "SG");
  CHECK(s.end_user.parent_headquarters.empty());
  CHECK(s.end_use == "datacenter");
  CHECK(Pos(s.loc) == PosOf(yaml, "id: SO"));
  CHECK(Pos(s.consignee.loc) == PosOf(yaml, "{name: \"Example"));

  REQUIRE(m.lines.size() == 3);
  const ManifestLine& l1 = m.lines[0];
  CHECK(l1.index == 1);
  CHECK(l1.item.part == "ACCEL-1");
  CHECK(l1.item.quantity == 8);
  CHECK(l1.item.has_specs);
  REQUIRE(l1.item.specs.size() == 4);
  CHECK(l1.item.specs[0].first == "type");
  CHECK(l1.item.specs[0].second.text == "ic");
  CHECK(l1.item.specs[1].first == "tpp");
  CHECK(l1.item.specs[1].second.text == "15832");
  CHECK(Pos(l1.item.specs[1].second.loc) == PosOf(yaml, "15832"));
  CHECK(l1.item.specs[1].second.loc.file == "order.yaml");
  CHECK(Pos(l1.item.loc) == PosOf(yaml, "part: ACCEL-1"));

  const ManifestLine& l2 = m.lines[1];
  CHECK(l2.index == 2);
  CHECK(l2.item.quantity == 1);  // default
  REQUIRE(l2.item.components.size() == 2);
  CHECK(l2.item.components[0].part == "ACCEL-1");
  CHECK(l2.item.components[0].quantity == 8);
  CHECK_FALSE(l2.item.components[0].has_specs);
  CHECK(l2.item.components[1].has_specs);
  REQUIRE(l2.item.components[1].specs.size() == 1);
  CHECK(l2.item.components[1].specs[0].second.text == "other");

  CHECK(m.lines[2].item.part == "UNKNOWN");
  CHECK_FALSE(m.lines[2].item.has_specs);
  CHECK(m.lines[2].item.specs.empty());
}

TEST_CASE("JsonManifestIsAccepted", "[load][manifest]") {
  ManifestLoad r = Load(
      R"({"shipment": {"id": "J-1", "date": "2024-06-01", "consignee": {"name": "C", "country": "SG"}},
          "lines": [{"part": "A", "quantity": 3, "specs": {"tpp": 100, "datacenter": true}}]})");
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.manifest.has_value());
  CHECK(r.manifest->shipment.id == "J-1");
  REQUIRE(r.manifest->lines.size() == 1);
  CHECK(r.manifest->lines[0].item.quantity == 3);
  CHECK(r.manifest->lines[0].item.specs.size() == 2);
}

TEST_CASE("EndUserDefaultsToTheConsignee", "[load][manifest]") {
  for (const char* end_user : {"", "  end_user:\n", "  end_user: ~\n"}) {
    INFO("end_user: `" << end_user << "`");
    ManifestLoad r =
        Load(std::string("shipment:\n  consignee: {name: C Ltd, country: SG, headquarters: CN}\n") +
             end_user + "lines: []\n");
    INFO(RenderDiagnostics(r.diagnostics));
    REQUIRE(r.manifest.has_value());
    const ShipmentFacts& s = r.manifest->shipment;
    CHECK(s.end_user.name == "C Ltd");
    CHECK(s.end_user.country == "SG");
    CHECK(s.end_user.headquarters == "CN");
    CHECK(Pos(s.end_user.loc) == Pos(s.consignee.loc));
  }
}

TEST_CASE("MissingDateUsesTheDefault", "[load][manifest]") {
  ManifestLoad r = Load(WithLines("  - part: A\n"));
  REQUIRE(r.manifest.has_value());
  CHECK(r.manifest->shipment.date == kDefaultDate);
  CHECK_FALSE(r.manifest->date_given);
  CHECK(r.manifest->shipment.id.empty());
  CHECK(r.manifest->shipment.end_use.empty());

  ManifestLoad null_date =
      Load("shipment:\n  date:\n  consignee: {name: C, country: SG}\nlines: []\n");
  REQUIRE(null_date.manifest.has_value());
  CHECK(null_date.manifest->shipment.date == kDefaultDate);
  CHECK_FALSE(null_date.manifest->date_given);
}

TEST_CASE("ManifestBadDateIsE106AtTheKey", "[load][manifest]") {
  for (const char* date : {"2024-13-01", "2024-02-30", "tomorrow", "\"\"", "2024-6-1"}) {
    INFO(date);
    std::string yaml = std::string("shipment:\n  date: ") + date +
                       "\n  consignee: {name: C, country: SG}\nlines: []\n";
    ManifestLoad r = Load(yaml);
    CHECK_FALSE(r.manifest.has_value());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "E106");
    CHECK(Pos(r.diagnostics[0].loc) == "2:3");
    CHECK_THAT(r.diagnostics[0].message,
               Catch::StartsWith("shipment: field `date` must be a date YYYY-MM-DD"));
  }
}

TEST_CASE("QuantityMustBeAPositiveWholeNumber", "[load][manifest]") {
  for (const char* q : {"0", "-1", "1.5", ".5", "1e13", "-0"}) {
    INFO("quantity: " << q);
    const std::string yaml =
        WithLines("  - part: A\n  - part: B\n    quantity: " + std::string(q) + "\n");
    ManifestLoad r = Load(yaml);
    CHECK_FALSE(r.manifest.has_value());
    CHECK(Briefs(r.diagnostics) ==
          std::vector<std::string>{PosOf(yaml, "quantity") +
                                   " E106 line 2: `quantity` must be a positive whole number"});
  }
  for (const char* q : {"1", "8", "1e12", "2.0"}) {
    INFO("quantity: " << q);
    ManifestLoad r = Load(WithLines("  - part: A\n    quantity: " + std::string(q) + "\n"));
    INFO(RenderDiagnostics(r.diagnostics));
    REQUIRE(r.manifest.has_value());
    CHECK(r.manifest->lines[0].item.quantity == std::stod(q));
  }
}

// A quantity that is not a number at all is a wrong type (E103), like any other number field;
// 0, -1 and 1.5 are numbers with a bad value (E106, above).
TEST_CASE("NonNumericQuantityIsE103AtTheKey", "[load][manifest]") {
  for (const char* q : {"abc", "\"\"", "inf", "nan", "0x10", "[1]"}) {
    INFO("quantity: " << q);
    const std::string yaml = WithLines("  - part: A\n    quantity: " + std::string(q) + "\n");
    ManifestLoad r = Load(yaml);
    CHECK_FALSE(r.manifest.has_value());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "E103");
    CHECK_THAT(r.diagnostics[0].message, Catch::StartsWith("line 1: field `quantity` must be"));
  }
  const std::string yaml = WithLines("  - part: A\n    quantity: abc\n");
  CHECK(Briefs(Load(yaml).diagnostics) ==
        std::vector<std::string>{
            PosOf(yaml, "quantity") +
            " E103 line 1: field `quantity` must be a finite number, found `abc`"});
}

TEST_CASE("ComponentQuantityIsCheckedToo", "[load][manifest]") {
  const std::string yaml = WithLines(
      "  - part: S\n    components:\n      - {part: A}\n      - {part: B, quantity: 0}\n");
  CHECK(Briefs(Load(yaml).diagnostics) ==
        std::vector<std::string>{
            PosOf(yaml, "quantity") +
            " E106 line 1 component 2: `quantity` must be a positive whole number"});
}

TEST_CASE("ManifestUnknownFieldsAreE104", "[load][manifest]") {
  const std::string yaml = R"(shipment:
  consignee: {name: C, country: SG, colour: red}
  note: x
lines:
  - part: A
    qty: 1
    components:
      - {part: B, extra: 1}
extra: 1
)";
  ManifestLoad r = Load(yaml);
  CHECK_FALSE(r.manifest.has_value());
  CHECK(Briefs(r.diagnostics) ==
        std::vector<std::string>{
            PosOf(yaml, "colour") + " E104 consignee: unknown field `colour`",
            PosOf(yaml, "note") + " E104 shipment: unknown field `note`",
            PosOf(yaml, "qty") + " E104 line 1: unknown field `qty`",
            PosOf(yaml, "extra") + " E104 line 1 component 1: unknown field `extra`",
            PosOf(yaml, "extra", 2) + " E104 manifest: unknown field `extra`",
        });
}

TEST_CASE("ManifestMissingRequiredFieldsAreE105", "[load][manifest]") {
  const std::string yaml = R"(shipment:
  end_user: {name: E}
lines:
  - quantity: 1
)";
  CHECK(Briefs(Load(yaml).diagnostics) ==
        std::vector<std::string>{
            PosOf(yaml, "end_user") + " E105 shipment: missing required field `consignee`",
            PosOf(yaml, "{name: E}") + " E105 end_user: missing required field `country`",
            PosOf(yaml, "quantity") + " E105 line 1: missing required field `part`",
        });
  CHECK(Briefs(Load("shipment:\n  consignee: {name: C, country: SG}\n").diagnostics) ==
        std::vector<std::string>{"1:1 E105 manifest: missing required field `lines`"});
  CHECK(Briefs(Load("lines: []\n").diagnostics) ==
        std::vector<std::string>{"1:1 E105 manifest: missing required field `shipment`"});
}

TEST_CASE("SpecsMustBeAMapping", "[load][manifest]") {
  const std::string yaml = WithLines(
      "  - part: A\n    specs: [a, b]\n  - part: B\n    specs: tpp\n  - part: C\n    specs: {tpp: "
      "[1, 2], ok: 1}\n");
  ManifestLoad r = Load(yaml);
  CHECK_FALSE(r.manifest.has_value());
  CHECK(Briefs(r.diagnostics) ==
        std::vector<std::string>{
            PosOf(yaml, "[a, b]") + " E103 line 1: `specs` must be a mapping of attribute: value",
            PosOf(yaml, "tpp") + " E103 line 2: `specs` must be a mapping of attribute: value",
            PosOf(yaml, "[1, 2]") + " E103 line 3: spec `tpp` must be a scalar",
        });
}

TEST_CASE("NullSpecValuesAreSkipped", "[load][manifest]") {
  ManifestLoad r =
      Load(WithLines("  - part: A\n    specs: {type: ic, tpp: ~, datacenter: null, pd:}\n"));
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.manifest.has_value());
  const ItemFacts& item = r.manifest->lines[0].item;
  CHECK(item.has_specs);
  REQUIRE(item.specs.size() == 1);
  CHECK(item.specs[0].first == "type");

  // An empty mapping still says "technical data was given"; a null `specs` says it was not.
  ManifestLoad empty = Load(WithLines("  - part: A\n    specs: {}\n  - part: B\n    specs: ~\n"));
  REQUIRE(empty.manifest.has_value());
  CHECK(empty.manifest->lines[0].item.has_specs);
  CHECK_FALSE(empty.manifest->lines[1].item.has_specs);
}

TEST_CASE("SpecValuesAreKeptAsWritten", "[load][manifest]") {
  ManifestLoad r = Load(WithLines("  - part: A\n    specs: {eccn: 5E002, flag: NO, n: \"007\"}\n"));
  REQUIRE(r.manifest.has_value());
  const auto& specs = r.manifest->lines[0].item.specs;
  REQUIRE(specs.size() == 3);
  CHECK(specs[0].second.text == "5E002");
  CHECK(specs[1].second.text == "NO");
  CHECK(specs[2].second.text == "007");
}

TEST_CASE("TooManyLinesIsE107AtTheFirstExtraLine", "[load][manifest]") {
  const std::string yaml = WithLines("  - part: A\n  - part: B\n  - part: C\n  - part: D\n");
  ManifestLimits limits;
  limits.max_lines = 2;
  ManifestLoad r = Load(yaml, limits);
  CHECK_FALSE(r.manifest.has_value());
  CHECK(Briefs(r.diagnostics) ==
        std::vector<std::string>{PosOf(yaml, "part: C") + " E107 manifest has more than 2 lines"});

  limits.max_lines = 4;
  CHECK(Load(yaml, limits).manifest.has_value());
}

TEST_CASE("TooManyBytesIsE107", "[load][manifest]") {
  ManifestLimits limits;
  limits.max_bytes = 16;
  ManifestLoad r = Load(WithLines("  - part: A\n"), limits);
  CHECK_FALSE(r.manifest.has_value());
  CHECK(Briefs(r.diagnostics) ==
        std::vector<std::string>{"0:0 E107 manifest is larger than the limit of 16 bytes"});
}

TEST_CASE("DeeplyNestedComponentsAreE107", "[load][manifest]") {
  std::string yaml = WithLines("  - part: P0\n");
  std::string indent = "    ";
  for (int i = 1; i <= 40; ++i) {
    yaml += indent + "components:\n" + indent + "  - part: P" + std::to_string(i) + "\n";
    indent += "    ";
  }
  ManifestLoad r = Load(yaml);
  CHECK_FALSE(r.manifest.has_value());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "E107");
  CHECK(Pos(r.diagnostics[0].loc) == PosOf(yaml, "part: P33"));
  CHECK_THAT(r.diagnostics[0].message,
             Catch::EndsWith("components nested more than 32 levels deep"));
}

TEST_CASE("EmptyManifestDocumentIsAnError", "[load][manifest]") {
  for (const char* text : {"", "\n", "# nothing here\n", "---\n", "~\n"}) {
    INFO("text: `" << text << "`");
    ManifestLoad r = Load(text);
    CHECK_FALSE(r.manifest.has_value());
    CHECK(Briefs(r.diagnostics) == std::vector<std::string>{"1:1 E105 manifest is empty"});
  }
}

TEST_CASE("ManifestThatIsNotAMappingIsE103", "[load][manifest]") {
  CHECK(Briefs(Load("- a\n- b\n").diagnostics) ==
        std::vector<std::string>{"1:1 E103 manifest: expected a mapping, found a list"});
  CHECK(Codes(Load("just text\n").diagnostics) == std::vector<std::string>{"E103"});
  CHECK(Codes(Load(WithLines("  - SO-1\n")).diagnostics) == std::vector<std::string>{"E103"});
  CHECK(Codes(Load("shipment: []\nlines: []\n").diagnostics) == std::vector<std::string>{"E103"});
}

TEST_CASE("YamlErrorsInAManifestAreE101AndE102", "[load][manifest]") {
  const std::string dup =
      "shipment:\n  consignee: {name: C, country: SG}\n  consignee: {name: D, country: SG}\nlines: "
      "[]\n";
  CHECK(Briefs(Load(dup).diagnostics) ==
        std::vector<std::string>{PosOf(dup, "consignee", 2) + " E102 duplicate key `consignee`"});
  const std::string bad = "shipment:\n  consignee: {name: C, country: SG\nlines: []\n";
  ManifestLoad r = Load(bad);
  CHECK_FALSE(r.manifest.has_value());
  CHECK(Codes(r.diagnostics) == std::vector<std::string>{"E101"});
  CHECK(Codes(Load(std::string("lines: []\0", 10)).diagnostics) ==
        std::vector<std::string>{"E101"});
}

TEST_CASE("EveryProblemIsReportedNotJustTheFirst", "[load][manifest]") {
  const std::string yaml = R"(shipment:
  date: someday
  consignee: {name: C}
lines:
  - {part: A, quantity: 0}
  - {quantity: 2, specs: 5}
)";
  ManifestLoad r = Load(yaml);
  CHECK_FALSE(r.manifest.has_value());
  CHECK(Codes(r.diagnostics) == std::vector<std::string>{"E106", "E105", "E106", "E105", "E103"});
}

TEST_CASE("LoadManifestReportsAnUnreadableFileAsE100", "[load][manifest]") {
  ManifestLoad r = LoadManifest("/nonexistent/dir/order.yaml", kDefaultDate);
  CHECK_FALSE(r.manifest.has_value());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "E100");
  CHECK_THAT(r.diagnostics[0].message, Catch::Contains("/nonexistent/dir/order.yaml"));
}

}  // namespace chipgate

namespace chipgate {

// A key in `specs` that is a list or a mapping names no attribute: it was once dropped without a
// word, so the value it carried was silently missing from the decision.
TEST_CASE("NonScalarSpecKeyIsE103AtTheKey", "[load][manifest]") {
  for (const char* specs : {"{[a, b]: 1}", "{? {x: 1} : 2}", "{tpp: 5, [a]: 1}"}) {
    INFO(specs);
    const std::string yaml = WithLines("  - part: A\n    specs: " + std::string(specs) + "\n");
    ManifestLoad r = Load(yaml);
    CHECK_FALSE(r.manifest.has_value());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "E103");
    CHECK(r.diagnostics[0].loc.line == 5);
    CHECK(r.diagnostics[0].loc.col > 12);
    CHECK_THAT(r.diagnostics[0].message,
               Catch::StartsWith("line 1: a key in `specs` must be an attribute name, found a "));
  }
  const std::string json =
      R"({"shipment": {"consignee": {"name": "C", "country": "SG"}}, "lines": [{"part": "A", "specs": {"tpp": 1}}]})";
  CHECK(Load(json).manifest.has_value());  // JSON keys are always strings
}

}  // namespace chipgate

#include "chipgate/rule_test.h"
#include "support/test_support.h"

namespace chipgate {

// The same class everywhere a loader reads a mapping: a non-scalar key is a located error in a
// rule test's specs and in any pack mapping, never skipped.
TEST_CASE("NonScalarKeysAreErrorsInRuleTestsAndPacks", "[load]") {
  RuleTestLoad t = LoadRuleTestsFromString(
      "t.yaml",
      "tests:\n  - name: n\n    date: 2024-06-01\n    destination: DE\n"
      "    item: {part: A, specs: {[a, b]: 1}}\n    expect: {decision: review}\n");
  REQUIRE(t.diagnostics.size() == 1);
  CHECK(t.diagnostics[0].code == "E103");
  CHECK(t.diagnostics[0].loc.line == 5);
  CHECK(t.cases.empty());
  for (const char* pack :
       {"pack: {name: p, [x]: 1}\n", "attributes: [{name: tpp, type: number, {a: 1}: 2}]\n",
        "end_uses: [{id: x, [a]: 1}]\n"}) {
    INFO(pack);
    LoadResult r = testing::LoadPackText({{"p.yaml", pack}});
    CHECK_FALSE(r.engine.has_value());
    bool located = false;
    for (const auto& d : r.diagnostics)
      located |= d.code == "E103" && d.loc.line == 1 && d.loc.col > 1;
    CHECK(located);
  }
}

}  // namespace chipgate

namespace chipgate {

TEST_CASE("LineLicenseAndUnitValueAreReadExactly", "[load][manifest][license]") {
  // YAML and JSON numbers are read from their text: 1500.5 is 150050 cents, never a float.
  for (const std::string& text :
       {WithLines("  - {part: A, license: D1234567, unit_value: 1500.5}\n  - {part: B}\n"),
        std::string(R"({"shipment": {"consignee": {"name": "C", "country": "SG"}},
                        "lines": [{"part": "A", "license": "D1234567", "unit_value": 1500.50},
                                  {"part": "B"}]})")}) {
    ManifestLoad m = Load(text);
    INFO(text);
    REQUIRE(m.manifest);
    CHECK(m.manifest->lines[0].license == "D1234567");
    CHECK(m.manifest->lines[0].unit_value == std::optional<UsdCents>(150050));
    CHECK(m.manifest->lines[1].license.empty());
    CHECK_FALSE(m.manifest->lines[1].unit_value);
  }
}

TEST_CASE("BadLineLicenseOrUnitValueIsE106AtTheKey", "[load][manifest][license]") {
  std::string text = WithLines(
      "  - {part: A, unit_value: '1,000'}\n  - {part: B, license: pending}\n"
      "  - {part: C, license: NAC}\n  - {part: D, unit_value: 0.00}\n");
  ManifestLoad m = Load(text);
  CHECK_FALSE(m.manifest);
  REQUIRE(Codes(m.diagnostics) == std::vector<std::string>{"E106", "E106", "E106", "E106"});
  // Each at its key, in file order.
  CHECK(Pos(m.diagnostics[0].loc) == PosOf(text, "unit_value"));
  CHECK(Pos(m.diagnostics[1].loc) == PosOf(text, "license"));
  CHECK(Pos(m.diagnostics[2].loc) == PosOf(text, "license", 2));
  CHECK(Pos(m.diagnostics[3].loc) == PosOf(text, "unit_value", 2));
  // A component has no license of its own: the field is unknown there.
  ManifestLoad c = Load(WithLines("  - {part: S, components: [{part: G, unit_value: 10}]}\n"));
  CHECK(Codes(c.diagnostics) == std::vector<std::string>{"E104"});
}

}  // namespace chipgate
