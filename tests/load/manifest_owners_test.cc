// Tests for who a manifest's parties are (src/load/manifest_reader.h): `id`, `parent`, `owners`
// with shares and nesting into an ownership graph, in YAML and JSON, and every error with its
// location and field.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/manifest.h"
#include "support/diag_text.h"

namespace chipgate {
namespace {

using testing::Briefs;
using testing::Codes;
using testing::PosOf;

const Date kDate = *ParseDate("2026-11-29");

ManifestLoad Load(const std::string& text) {
  return LoadManifestFromString("order.yaml", text, kDate);
}

// A manifest whose consignee is `consignee` (a flow mapping's inside) and one line.
std::string With(const std::string& consignee) {
  return "shipment:\n  consignee: {" + consignee + "}\nlines:\n  - part: P\n";
}

}  // namespace

TEST_CASE("OwnersBuildTheOwnershipGraph", "[load][manifest][owners]") {
  const std::string yaml = R"(shipment:
  consignee:
    id: C-17
    name: Example Cloud Sdn Bhd
    country: MY
    parent: {name: Example Holdings, headquarters: CN}
    owners:
      - {name: Listed Corp, share: 30, country: CN}
      - name: Holding Ltd
        share: 70
        id: H-1
        owners:
          - {name: Deep Owner, share: 100}
lines:
  - part: P
)";
  ManifestLoad r = Load(yaml);
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.manifest.has_value());
  const PartyFacts& c = r.manifest->shipment.consignee;
  CHECK(c.id == "C-17");
  CHECK(c.parent_name == "Example Holdings");
  CHECK(c.parent_headquarters == "CN");
  CHECK(c.ownership == OwnershipState::kGiven);
  const OwnershipGraph& g = c.owners;
  REQUIRE(g.nodes.size() == 4);
  CHECK(g.nodes[0].name == "Example Cloud Sdn Bhd");
  CHECK(g.nodes[0].id == "C-17");
  CHECK(g.nodes[1].name == "Listed Corp");
  CHECK(g.nodes[1].country == "CN");
  CHECK(g.nodes[2].id == "H-1");
  CHECK(g.nodes[3].name == "Deep Owner");
  REQUIRE(g.links.size() == 3);
  CHECK((g.links[0].owner == 1 && g.links[0].owned == 0 && g.links[0].share == 30));
  CHECK((g.links[1].owner == 2 && g.links[1].owned == 0 && g.links[1].share == 70));
  CHECK((g.links[2].owner == 3 && g.links[2].owned == 2 && g.links[2].share == 100));
  CHECK(testing::Pos(g.nodes[3].loc) == PosOf(yaml, "{name: Deep Owner"));
  // The end user defaulted from the consignee has the same owners.
  CHECK(r.manifest->shipment.end_user.owners.nodes.size() == 4);
}

TEST_CASE("OwnersInJsonReadLikeYaml", "[load][manifest][owners]") {
  const std::string json = R"({"shipment": {"consignee": {"name": "C", "country": "SG",
  "owners": [{"name": "A", "share": 25.5, "owners": [{"id": "X-1", "share": 10}]}]}},
  "lines": [{"part": "P"}]})";
  ManifestLoad r = Load(json);
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.manifest.has_value());
  const OwnershipGraph& g = r.manifest->shipment.consignee.owners;
  REQUIRE(g.nodes.size() == 3);
  CHECK(g.nodes[2].id == "X-1");
  CHECK(g.nodes[2].name.empty());
  REQUIRE(g.links.size() == 2);
  CHECK(g.links[0].share == 25.5);
}

TEST_CASE("EmptyOwnersIsKnownAndAbsentOwnersIsNot", "[load][manifest][owners]") {
  ManifestLoad none = Load(With("name: C, country: SG, owners: []"));
  REQUIRE(none.manifest.has_value());
  CHECK(none.manifest->shipment.consignee.ownership == OwnershipState::kGiven);
  CHECK(none.manifest->shipment.consignee.owners.nodes.size() == 1);
  CHECK(none.manifest->shipment.consignee.owners.links.empty());
  ManifestLoad absent = Load(With("name: C, country: SG"));
  REQUIRE(absent.manifest.has_value());
  CHECK(absent.manifest->shipment.consignee.ownership == OwnershipState::kNotGiven);
  CHECK(absent.manifest->shipment.consignee.owners.nodes.empty());
}

TEST_CASE("IdMakesCountryOptional", "[load][manifest][owners]") {
  ManifestLoad by_id = Load(With("id: C-1"));
  INFO(RenderDiagnostics(by_id.diagnostics));
  REQUIRE(by_id.manifest.has_value());
  CHECK(by_id.manifest->shipment.consignee.id == "C-1");
  CHECK(by_id.manifest->shipment.consignee.country.empty());
  const std::string text = With("name: C");
  ManifestLoad no_id = Load(text);
  CHECK_FALSE(no_id.manifest.has_value());
  CHECK(Codes(no_id.diagnostics) == std::vector<std::string>{"E105"});
}

TEST_CASE("ParentAndParentHeadquartersMustAgree", "[load][manifest][owners]") {
  ManifestLoad same =
      Load(With("name: C, country: SG, parent_headquarters: CN, parent: {headquarters: CN}"));
  REQUIRE(same.manifest.has_value());
  CHECK(same.manifest->shipment.consignee.parent_headquarters == "CN");
  // The older field alone still works.
  ManifestLoad old = Load(With("name: C, country: SG, parent_headquarters: HK"));
  REQUIRE(old.manifest.has_value());
  CHECK(old.manifest->shipment.consignee.parent_headquarters == "HK");
  const std::string text =
      With("name: C, country: SG, parent_headquarters: SG, parent: {name: P, headquarters: CN}");
  ManifestLoad differ = Load(text);
  CHECK_FALSE(differ.manifest.has_value());
  CHECK(Briefs(differ.diagnostics) ==
        std::vector<std::string>{PosOf(text, "parent:") +
                                 " E106 consignee: `parent.headquarters` `CN` disagrees with "
                                 "`parent_headquarters` `SG`"});
}

TEST_CASE("EveryOwnerErrorIsLocated", "[load][manifest][owners]") {
  struct Case {
    std::string consignee, at, brief;
  };
  const std::vector<Case> cases = {
      {"name: C, country: SG, owners: [{name: A, share: 0}]", "share: 0",
       "E106 consignee owner: `share` must be a percentage greater than 0 and at most 100"},
      {"name: C, country: SG, owners: [{name: A, share: 101}]", "share: 101",
       "E106 consignee owner: `share` must be a percentage greater than 0 and at most 100"},
      {"name: C, country: SG, owners: [{name: A}]", "{name: A}",
       "E105 consignee owner: missing required field `share`"},
      {"name: C, country: SG, owners: [{share: 10}]", "{share: 10}",
       "E105 consignee owner: missing required field `name`"},
      {"name: C, country: SG, owners: [{name: A, share: 60}, {name: B, share: 50}]", "owners:",
       "E106 consignee: the `share`s of its direct owners add up to 110 %, more than 100"},
      {"name: C, country: SG, owners: [{name: A, share: 10, owners: [{name: B, share: 70}, "
       "{name: D, share: 40}]}]",
       "owners: [{name: B",
       "E106 consignee owner: the `share`s of its direct owners add up to 110 %, more than 100"},
      {"name: C, country: SG, owners: [{name: A, share: ten}]", "share: ten",
       "E103 consignee owner: field `share` must be a finite number, found `ten`"},
      {"name: C, country: SG, owners: [{name: A, share: 5, stake: 5}]", "stake",
       "E104 consignee owner: unknown field `stake`"},
      {"name: C, country: SG, owners: {name: A}", "{name: A}",
       "E103 consignee: field `owners` must be a list, found a mapping"},
  };
  for (const auto& c : cases) {
    const std::string text = With(c.consignee);
    ManifestLoad r = Load(text);
    INFO(c.consignee);
    CHECK_FALSE(r.manifest.has_value());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(testing::Brief(r.diagnostics[0]) == PosOf(text, c.at) + " " + c.brief);
  }
}

TEST_CASE("OwnersBeyondTheBoundsAreE107", "[load][manifest][owners]") {
  // Seventeen levels of nesting: one E107 at the first owner too deep.
  std::string nested = "{name: O, share: 1}";
  for (int i = 0; i < 16; ++i) nested = "{name: O, share: 1, owners: [" + nested + "]}";
  ManifestLoad deep = Load(With("name: C, country: SG, owners: [" + nested + "]"));
  CHECK_FALSE(deep.manifest.has_value());
  CHECK(Codes(deep.diagnostics) == std::vector<std::string>{"E107"});
  // 1001 owners of one party: one E107, and no share-sum error hides it (the excess is skipped).
  std::string many;
  for (int i = 0; i < 1001; ++i) many += std::string(i ? ", " : "") + "{name: O, share: 0.01}";
  ManifestLoad wide = Load(With("name: C, country: SG, owners: [" + many + "]"));
  CHECK_FALSE(wide.manifest.has_value());
  CHECK(Codes(wide.diagnostics) == std::vector<std::string>{"E107"});
  CHECK(wide.diagnostics[0].message == "consignee: more than 1000 owners");
}

}  // namespace chipgate
