// The manifest reader releases each line's part of the document tree as soon as the line is read
// (ManifestReader::Read). These pin that nothing read changes: lines that are aliases of an
// earlier (released) line keep its values, and errors in late lines of a large JSON or YAML
// manifest keep their file, line, column and field.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/manifest.h"
#include "support/diag_text.h"

namespace chipgate {
namespace {

using testing::Briefs;
using testing::Pos;
using testing::PosOf;

const Date kDefaultDate = *ParseDate("2026-11-29");

// `n` lines `{part: P<i>, quantity: 1}` in JSON or YAML, with `last` written as the last line's
// own text instead.
std::string Lines(size_t n, bool json, const std::string& last) {
  std::string out =
      json ? "{\"shipment\": {\"consignee\": {\"name\": \"C\", \"country\": \"SG\"}},\n"
             "\"lines\": [\n"
           : "shipment:\n  consignee: {name: C, country: SG}\nlines:\n";
  for (size_t i = 1; i <= n; ++i) {
    std::string p = "P" + std::to_string(i);
    std::string line = i == n ? last
                       : json ? "{\"part\": \"" + p + "\", \"quantity\": 1}"
                              : "{part: " + p + ", quantity: 1}";
    out += json ? (i > 1 ? ",\n  " : "  ") + line : "  - " + line + "\n";
  }
  if (json) out += "\n]}\n";
  return out;
}

}  // namespace

TEST_CASE("AliasesOfAnEarlierLineKeepItsValues", "[load][manifest]") {
  const std::string yaml =
      "shipment:\n  consignee: {name: C, country: SG}\nlines:\n"
      "  - &first {part: ACCEL-1, quantity: 3, specs: {tpp: 4800, type: ic}}\n"
      "  - {part: MEM-2}\n"
      "  - *first\n"
      "  - *first\n";
  ManifestLoad load = LoadManifestFromString("order.yaml", yaml, kDefaultDate);
  INFO(Catch::Detail::stringify(Briefs(load.diagnostics)));
  REQUIRE(load.manifest);
  const auto& lines = load.manifest->lines;
  REQUIRE(lines.size() == 4);
  for (size_t i : {0, 2, 3}) {
    INFO("line " << i + 1);
    CHECK(lines[i].index == static_cast<int>(i + 1));
    CHECK(lines[i].item.part == "ACCEL-1");
    CHECK(lines[i].item.quantity == 3);
    REQUIRE(lines[i].item.specs.size() == 2);
    CHECK(lines[i].item.specs[0].first == "tpp");
    CHECK(lines[i].item.specs[0].second.text == "4800");
    CHECK(lines[i].item.specs[1].second.text == "ic");
  }
  CHECK(lines[1].item.part == "MEM-2");
}

TEST_CASE("ErrorsInTheLastLinesOfALargeManifestKeepLineAndField", "[load][manifest]") {
  for (bool json : {true, false}) {
    INFO((json ? "JSON" : "YAML"));
    const std::string path = json ? "big.json" : "big.yaml";
    const std::string last = json ? "{\"part\": \"Z\", \"quantity\": 0, \"colour\": \"red\"}"
                                  : "{part: Z, quantity: 0, colour: red}";
    const std::string text = Lines(3000, json, last);
    ManifestLoad load = LoadManifestFromString(path, text, kDefaultDate);
    CHECK_FALSE(load.manifest);
    REQUIRE(load.diagnostics.size() == 2);
    const Diagnostic& quantity = load.diagnostics[0];
    const Diagnostic& unknown = load.diagnostics[1];
    CHECK(quantity.code == "E106");
    CHECK(quantity.loc.file == path);
    CHECK(Pos(quantity.loc) == PosOf(text, json ? "\"quantity\": 0" : "quantity: 0"));
    CHECK(quantity.message == "line 3000: `quantity` must be a positive whole number");
    CHECK(unknown.code == "E104");
    CHECK(unknown.loc.file == path);
    CHECK(Pos(unknown.loc) == PosOf(text, json ? "\"colour\"" : "colour"));
    CHECK(unknown.message == "line 3000: unknown field `colour`");
  }
}

TEST_CASE("TheLineLimitIsReportedAtTheFirstExcessLineOfALargeManifest", "[load][manifest]") {
  for (bool json : {true, false}) {
    INFO((json ? "JSON" : "YAML"));
    const std::string text = Lines(2500, json, json ? "{\"part\": \"LAST\"}" : "{part: LAST}");
    ManifestLimits limits;
    limits.max_lines = 2000;
    ManifestLoad load = LoadManifestFromString("big", text, kDefaultDate, limits);
    CHECK_FALSE(load.manifest);
    REQUIRE(load.diagnostics.size() == 1);
    CHECK(load.diagnostics[0].code == "E107");
    CHECK(Pos(load.diagnostics[0].loc) ==
          PosOf(text, json ? "{\"part\": \"P2001\"" : "{part: P2001,"));
  }
}

}  // namespace chipgate
