// Loading a stack of packs when there is nothing to load: an empty stack and directories that
// cannot be read are each an E100 error (every unreadable directory named, located at it), and
// Load, Lint and the pack catalogue all refuse to build anything from them.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "chipgate/pack_catalog.h"
#include "support/test_support.h"

namespace chipgate::testing {

TEST_CASE("AnEmptyStackIsE100NoRulePackGiven", "[engine][load]") {
  LoadResult r = Engine::LoadStack({});
  CHECK(!r.engine);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "E100");
  CHECK(r.diagnostics[0].message == "no rule pack given");
  std::vector<Diagnostic> lint = Engine::LintStack({});
  REQUIRE(lint.size() == 1);
  CHECK(lint[0].code == "E100");
  PackCatalog c = LoadPackCatalog({});
  CHECK(c.entries.empty());
  REQUIRE(c.diagnostics.size() == 1);
  CHECK(c.diagnostics[0].code == "E100");
}

TEST_CASE("EveryUnreadableDirectoryOfAStackIsItsOwnE100", "[engine][load]") {
  TempDir dir;
  const std::string a = dir.path() + "/missing-a", b = dir.path() + "/missing-b";
  LoadResult r = Engine::LoadStack({a, b});
  CHECK(!r.engine);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].code == "E100");
  CHECK(r.diagnostics[0].loc.file == a);
  CHECK(r.diagnostics[1].code == "E100");
  CHECK(r.diagnostics[1].loc.file == b);
}

}  // namespace chipgate::testing
