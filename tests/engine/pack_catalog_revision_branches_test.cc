// The pack catalogue's revision keys for ids that end in a dash and four characters that are not
// all digits (each position in turn: no year, so the id is its own key), and the entry text of a
// pack written with CRLF line ends, whose blank lines hold a lone carriage return.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/pack_catalog.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const PackEntry& Find(const PackCatalog& c, const std::string& id) {
  for (const PackEntry& e : c.entries)
    if (e.id == id) return e;
  FAIL("no entry " << id);
  return c.entries.front();
}

PackCatalog Load(const TempDir& dir, const std::string& text) {
  dir.Write("pack/rules.yaml", text);
  PackCatalog c = LoadPackCatalog({dir.path() + "/pack"});
  INFO(RenderDiagnostics(c.diagnostics));
  REQUIRE(!HasErrors(c.diagnostics));
  return c;
}

std::string Rule(const std::string& id) {
  return "  - {id: " + id + ", cite: c, classes: [3A090.a], when: \"destination == 'CN'\"}\n";
}

}  // namespace

TEST_CASE("PackCatalogAYearNeedsFourDigitsAfterTheDash", "[engine][catalog]") {
  TempDir dir;
  std::string text =
      "attributes:\n  - {name: tpp, type: number}\nclasses:\n"
      "  - {id: 3A090.a.1, cite: c, when: \"tpp >= 4800\"}\nlicense_rules:\n";
  const std::vector<std::string> ids = {"r-2025", "r-x025", "r-2x25", "r-20x5", "r-202x"};
  for (const std::string& id : ids) text += Rule(id);
  PackCatalog c = Load(dir, text);
  CHECK(Find(c, "r-2025").revision_key == "r");
  for (size_t i = 1; i < ids.size(); ++i) {
    INFO(ids[i]);
    CHECK(Find(c, ids[i]).revision_key == ids[i]);
  }
  // Only the year's revision has the key `r`.
  CHECK(Revisions(c, Find(c, "r-2025")).size() == 1);
}

TEST_CASE("PackCatalogEntryTextOfACrlfPack", "[engine][catalog]") {
  TempDir dir;
  PackCatalog c = Load(dir,
                       "attributes:\r\n  - {name: tpp, type: number}\r\nclasses:\r\n"
                       "  - id: 3A090.a.1\r\n    cite: c\r\n\r\n    when: \"tpp >= 4800\"\r\n"
                       "\r\n  # the rules\r\nlicense_rules:\r\n"
                       "  - {id: r, cite: c, classes: [3A090.a]}\r\n");
  // The blank line inside the entry is kept; the blank and comment lines after it are not.
  CHECK(Find(c, "3A090.a.1").text ==
        "  - id: 3A090.a.1\r\n    cite: c\r\n\r\n    when: \"tpp >= 4800\"\r\n");
}

}  // namespace chipgate::testing
