// A pack that can decide nothing is refused (E100, fail closed: every line with data would be
// cleared), but one with parties only can hold a line and loads.
#include <catch2/catch.hpp>
#include <string>

#include "support/test_support.h"

namespace chipgate::testing {

TEST_CASE("APackWithOnlyAttributesIsNotAPack", "[engine][load]") {
  LoadResult r = LoadPackText({{"pack.yaml", "attributes: [{name: tpp, type: number}]\n"}});
  CHECK_FALSE(r.engine.has_value());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "E100");
  CHECK(r.diagnostics[0].message ==
        "rule pack has no classes, license rules or parties: it cannot decide anything");
  CHECK(r.diagnostics[0].loc.line == 1);
}

TEST_CASE("APackWithOnlyPartiesLoads", "[engine][load]") {
  LoadResult r = LoadPackText(
      {{"pack.yaml", "parties: [{id: p, name: Alpha Trading, cite: c, effect: prohibited}]\n"}});
  INFO(RenderDiagnostics(r.diagnostics));
  CHECK(r.engine.has_value());
  CHECK_FALSE(HasErrors(r.diagnostics));
}

}  // namespace chipgate::testing
