// DecideManifestLines resolves and decides a manifest's lines a block (1,024 lines) at a time:
// the report is the one deciding every line on its own gives, progress is reported per block,
// and a bad value in any block, the last included, refuses the whole manifest with the
// diagnostics of every block (the blocks after the first bad value are still resolved).
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "chipgate/engine.h"
#include "pipeline/check_pipeline.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const Engine& UsEarEngine() {
  static LoadResult loaded = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(loaded.engine);
  return *loaded.engine;
}

// `n` lines of varied parts (some with missing data, so decisions differ from line to line),
// shipped to `dest`.
Manifest ManyLines(size_t n, const char* dest) {
  Manifest m;
  m.path = "many.yaml";
  m.digest = "sha256:test";
  m.shipment.date = *ParseDate("2025-06-01");
  m.shipment.consignee = PartyFacts::Of("Buyer", dest, dest, "");
  m.shipment.end_user = m.shipment.consignee;
  std::mt19937 rng(19);
  const char* types[] = {"ic", "memory", "computer", "other"};
  for (size_t i = 0; i < n; ++i) {
    ManifestLine line;
    line.index = static_cast<int>(i + 1);
    line.item.part = "P" + std::to_string(i);
    line.item.loc = SourceLoc("many.yaml", static_cast<int>(i + 3), 5);
    line.item.Set("type", types[rng() % 4]);
    if (rng() % 5) line.item.Set("tpp", static_cast<double>(rng() % 8000));
    if (rng() % 5) line.item.Set("die_area_mm2", static_cast<double>(50 + rng() % 900));
    if (rng() % 5) line.item.Set("datacenter", rng() % 2 == 0);
    m.lines.push_back(std::move(line));
  }
  return m;
}

// Line `i` (0-based) gets a `tpp` that is not a number, at its own location.
void SpoilLine(Manifest& m, size_t i) {
  m.lines[i].item.Set("tpp", "lots");
  for (auto& [name, value] : m.lines[i].item.specs)
    if (name == "tpp") value.loc = SourceLoc("many.yaml", static_cast<int>(i + 3), 12);
}

void RequireSameDecision(const LineDecision& got, const LineDecision& want) {
  REQUIRE(got.decision == want.decision);
  REQUIRE(got.classes == want.classes);
  REQUIRE(got.exception.has_value() == want.exception.has_value());
  if (got.exception) REQUIRE(got.exception->code == want.exception->code);
  REQUIRE(got.reasons.size() == want.reasons.size());
  for (size_t r = 0; r < got.reasons.size(); ++r) {
    REQUIRE(got.reasons[r].rule == want.reasons[r].rule);
    REQUIRE(got.reasons[r].decision == want.reasons[r].decision);
    REQUIRE(got.reasons[r].detail == want.reasons[r].detail);
  }
  REQUIRE(got.affiliates_unchecked == want.affiliates_unchecked);
}

}  // namespace

TEST_CASE("DecidingInBlocksGivesEveryLinesOwnDecision", "[pipeline]") {
  const Engine& e = UsEarEngine();
  ScreeningLists lists;
  for (const char* dest : {"CN", "DE", "SA"}) {
    INFO(dest);
    Manifest m = ManyLines(2600, dest);  // three blocks, the last one partial
    std::vector<std::pair<int64_t, int64_t>> progress;
    DecideOptions options;
    options.progress = [&](int64_t done, int64_t total) { progress.emplace_back(done, total); };
    Decided got = DecideManifestLines(e, m, lists, options);
    REQUIRE(got.report);
    REQUIRE(got.report->lines.size() == m.lines.size());
    std::vector<Diagnostic> diags;
    ResolvedShipment shipment = e.ResolveShipment(m.shipment, diags, &lists);
    DecisionKind verdict = DecisionKind::kNoLicenseRequired;
    std::set<DecisionKind> kinds;
    for (size_t i = 0; i < m.lines.size(); ++i) {
      INFO("line " << i + 1);
      REQUIRE(got.report->lines[i].line == &m.lines[i]);
      LineDecision one;
      e.Decide(shipment, e.ResolveItem(m.lines[i].item, diags), one);
      RequireSameDecision(got.report->lines[i].decision, one);
      verdict = MostRestrictive(verdict, one.decision);
      kinds.insert(one.decision);
    }
    REQUIRE(diags.empty());
    REQUIRE(kinds.size() >= 2);  // the lines are not all decided alike
    REQUIRE(got.report->verdict == verdict);
    REQUIRE(progress ==
            std::vector<std::pair<int64_t, int64_t>>{{1024, 2600}, {2048, 2600}, {2600, 2600}});
  }
}

TEST_CASE("ABadValueInTheLastBlockRefusesTheWholeManifest", "[pipeline]") {
  const Engine& e = UsEarEngine();
  ScreeningLists lists;
  Manifest m = ManyLines(2600, "DE");
  SpoilLine(m, 2499);  // third block
  Decided got = DecideManifestLines(e, m, lists, {});
  CHECK_FALSE(got.report);
  REQUIRE(got.diagnostics.size() == 1);
  CHECK(got.diagnostics[0].code == "E503");
  CHECK(got.diagnostics[0].loc.line == 2502);
  CHECK(got.diagnostics[0].loc.col == 12);
}

TEST_CASE("AfterABadValueTheLaterBlocksAreStillResolvedForTheirDiagnostics", "[pipeline]") {
  const Engine& e = UsEarEngine();
  ScreeningLists lists;
  Manifest m = ManyLines(2600, "DE");
  SpoilLine(m, 2000);  // second block
  SpoilLine(m, 10);    // first block
  SpoilLine(m, 2599);  // the last line
  std::vector<int64_t> progress;
  DecideOptions options;
  options.progress = [&](int64_t done, int64_t) { progress.push_back(done); };
  Decided got = DecideManifestLines(e, m, lists, options);
  CHECK_FALSE(got.report);
  REQUIRE(got.diagnostics.size() == 3);
  // Sorted by location, one per bad line.
  CHECK(got.diagnostics[0].loc.line == 13);
  CHECK(got.diagnostics[1].loc.line == 2003);
  CHECK(got.diagnostics[2].loc.line == 2602);
  CHECK(progress.empty());  // nothing was decided
}

TEST_CASE("ExplainDecidesTheLineAskedForInAnyBlockWithItsTrace", "[pipeline]") {
  const Engine& e = UsEarEngine();
  ScreeningLists lists;
  Manifest m = ManyLines(2600, "CN");
  std::vector<Diagnostic> diags;
  ResolvedShipment shipment = e.ResolveShipment(m.shipment, diags, &lists);
  for (int only : {1, 1024, 1025, 2600}) {
    INFO("line " << only);
    Decided got =
        DecideManifestLines(e, m, lists, {.want_trace = true, .only_line = only, .progress = {}});
    REQUIRE(got.report);
    REQUIRE(got.report->lines.size() == 1);
    REQUIRE(got.report->lines[0].line == &m.lines[static_cast<size_t>(only - 1)]);
    REQUIRE(got.traces.size() == 1);
    LineDecision one;
    Trace trace;
    e.Decide(shipment, e.ResolveItem(m.lines[static_cast<size_t>(only - 1)].item, diags), one,
             &trace);
    RequireSameDecision(got.report->lines[0].decision, one);
    REQUIRE(got.traces[0].entries.size() == trace.entries.size());
    for (size_t i = 0; i < trace.entries.size(); ++i) {
      REQUIRE(got.traces[0].entries[i].id == trace.entries[i].id);
      REQUIRE(got.traces[0].entries[i].result == trace.entries[i].result);
      REQUIRE(got.traces[0].entries[i].detail == trace.entries[i].detail);
    }
    REQUIRE(got.report->verdict == one.decision);
  }
  // Every line with its trace (`check --explain`): one trace per line, in order.
  Decided all =
      DecideManifestLines(e, m, lists, {.want_trace = true, .only_line = 0, .progress = {}});
  REQUIRE(all.report);
  REQUIRE(all.report->lines.size() == m.lines.size());
  REQUIRE(all.traces.size() == m.lines.size());
  for (size_t i = 0; i < m.lines.size(); i += 517)
    REQUIRE(all.report->lines[i].line == &m.lines[i]);
}

}  // namespace chipgate::testing
