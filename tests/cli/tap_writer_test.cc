// TapText: the version line, the plan, numbered points, escaped descriptions, YAML blocks whose
// values stay on one line.
#include "cli/tap_writer.h"

#include <catch2/catch.hpp>

namespace chipgate::cli {

TEST_CASE("TapTextLayout", "[cli][tap]") {
  std::string tap =
      TapText({{.ok = true, .description = "first"},
               {.ok = false, .description = "second", .yaml = {{"message", "expected a, got b"}}}},
              {"a comment"});
  CHECK(tap ==
        "TAP version 14\n"
        "1..2\n"
        "ok 1 - first\n"
        "not ok 2 - second\n"
        "  ---\n"
        "  message: \"expected a, got b\"\n"
        "  ...\n"
        "# a comment\n");
}

TEST_CASE("TapEmptyRunHasAnEmptyPlan", "[cli][tap]") {
  CHECK(TapText({}, {}) == "TAP version 14\n1..0\n");
}

TEST_CASE("TapDescriptionsAreEscapedAndOneLine", "[cli][tap]") {
  std::string tap = TapText({{.ok = true, .description = "a # SKIP b \\ c\nd\re"}}, {"x\ny # z"});
  CHECK(tap.find("ok 1 - a \\# SKIP b \\\\ c d e\n") != std::string::npos);
  CHECK(tap.find("# x y \\# z\n") != std::string::npos);
}

TEST_CASE("TapYamlValuesAreQuotedAndOneLine", "[cli][tap]") {
  std::string tap = TapText({{.ok = false,
                              .description = "d",
                              .yaml = {{"m", "quote \" back \\ nl\n del\x7f c1\xC2\x85 é"}}}},
                            {});
  CHECK(tap.find("  m: \"quote \\\" back \\\\ nl\\n del\\u007f c1\\u0085 é\"\n") !=
        std::string::npos);
}

}  // namespace chipgate::cli
