// Tests for the pack's `affiliates:` section through load, validation and compilation: a valid
// section and its program dump, and each error with its code and location.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "compile/program_dump.h"
#include "engine/engine_internal.h"
#include "support/diag_text.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kParties = R"(
license_rules: [{id: r1, classes: any, cite: c}]
parties:
  - {id: el-a, name: Alpha, cite: c, list: entity_list}
  - {id: x-b, name: Beta, cite: c, list: other}
  - {id: sdn-c, name: Gamma, cite: c, list: sdn, effect: prohibited}
)";

// An affiliates section whose body lines (indented two spaces) are `body`.
std::string Section(const std::string& body) {
  return std::string(kParties) + "affiliates:\n" + body;
}

const char* const kValid = R"(  id: aff
  cite: "744.11"
  threshold: 50
  lists: [entity_list, sdn]
  unknown_ownership: note
  periods:
    - {effective: {from: 2025-09-29, until: 2025-11-10}, cite: p1}
    - {effective: {from: 2025-11-10, until: 2026-11-10}, status: suspended, cite: p2}
    - {effective: {from: 2026-11-10}, cite: p3}
)";

// The one-line summaries of the errors loading `yaml` gives.
std::vector<std::string> Errors(const std::string& yaml) {
  LoadResult r = LoadPackText({{"pack.yaml", yaml}});
  CHECK_FALSE(r.engine.has_value());
  return Briefs(r.diagnostics);
}

}  // namespace

TEST_CASE("AffiliatesSectionCompiles", "[validate][affiliates]") {
  Engine e = MustLoad(Section(kValid));
  std::string dump = DumpProgram(EngineInternals::ProgramOf(e));
  CHECK(dump.find("affiliates aff threshold 50 unknown ownership note\n"
                  "  counted parties 0 2\n"
                  "  in force from 2025-09-29 until 2025-11-10\n"
                  "  suspended from 2025-11-10 until 2026-11-10\n"
                  "  in force from 2026-11-10 until end\n") != std::string::npos);
  // A pack without the section prints nothing of it.
  CHECK(DumpProgram(EngineInternals::ProgramOf(MustLoad(kParties))).find("affiliates") ==
        std::string::npos);
}

TEST_CASE("AffiliatesSectionErrorsAreLocated", "[validate][affiliates]") {
  struct Case {
    std::string from, to, at, brief;
  };
  const std::vector<Case> cases = {
      {"threshold: 50", "threshold: 0", "threshold: 0",
       "E106 affiliates: `threshold` must be a percentage greater than 0 and at most 100"},
      {"unknown_ownership: note", "unknown_ownership: maybe", "unknown_ownership",
       "E106 affiliates: `unknown_ownership` must be `note` or `review`, found `maybe`"},
      {"status: suspended", "status: paused", "status",
       "E106 affiliates period: `status` must be `in_force` or `suspended`, found `paused`"},
      {"  lists: [entity_list, sdn]\n", "", "id: aff",
       "E105 affiliates: missing required field `lists`"},
      {"lists: [entity_list, sdn]", "lists: [sdn, sdn]", "sdn]",
       "E301 affiliates lists: `sdn` is listed twice"},
      {"from: 2026-11-10}", "from: 2026-11-09}", "{effective: {from: 2026-11-09",
       "E301 affiliates period 3 overlaps period 2 (pack.yaml:15)"},
      {"from: 2026-11-10}, cite: p3", "from: 2026-11-10, until: 2026-11-10}, cite: p3",
       "effective: {from: 2026-11-10, until",
       "E303 affiliates period 3: effective range is empty (`from` 2026-11-10 is not before "
       "`until` 2026-11-10)"},
      {"  id: aff", "  id: r1", "affiliates:", "E301 affiliates id `r1` is also a license rule"},
      {"  cite: \"744.11\"", "  cite: \"744.11\"\n  extra: 1", "extra",
       "E104 affiliates: unknown field `extra`"},
  };
  for (const auto& c : cases) {
    std::string yaml = Section(kValid);
    REQUIRE(yaml.find(c.from) != std::string::npos);
    yaml.replace(yaml.find(c.from), c.from.size(), c.to);
    INFO(yaml);
    std::vector<std::string> errors = Errors(yaml);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == PosOf(yaml, c.at) + " " + c.brief);
  }
}

TEST_CASE("ASecondAffiliatesSectionIsE301", "[validate][affiliates]") {
  LoadResult r = LoadPackText(
      {{"a.yaml", Section(kValid)}, {"b.yaml", std::string("affiliates:\n") + kValid}});
  CHECK_FALSE(r.engine.has_value());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(Brief(r.diagnostics[0]) == "1:1 E301 duplicate `affiliates` section (first at a.yaml:7)");
}

}  // namespace chipgate::testing
