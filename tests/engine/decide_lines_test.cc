// Engine::DecideLines decides a shipment's lines exactly as Decide does line by line (it only
// adds cache prefetching), and refuses mismatched spans.
#include <random>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate::testing {

TEST_CASE("DecideLinesEqualsDecidePerLine", "[engine]") {
  LoadResult loaded = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(loaded.engine);
  const Engine& e = *loaded.engine;
  std::mt19937 rng(11);
  std::vector<Diagnostic> diags;
  std::vector<ResolvedItem> catalogue;
  const char* types[] = {"ic", "memory", "computer", "other"};
  for (int i = 0; i < 300; ++i) {
    ItemFacts item;
    item.part = "P" + std::to_string(i);
    item.Set("type", types[rng() % 4]);
    if (rng() % 5) item.Set("tpp", static_cast<double>(rng() % 8000));
    if (rng() % 5) item.Set("die_area_mm2", static_cast<double>(50 + rng() % 900));
    if (rng() % 5) item.Set("datacenter", rng() % 2 == 0);
    if (rng() % 3 == 0) item.Set("memory_bandwidth_density", (rng() % 40) / 10.0);
    catalogue.push_back(e.ResolveItem(item, diags));
  }
  const char* dests[] = {"CN", "MO", "DE", "SA", "VN", "US", "RU", "SG"};
  for (const char* dest : dests) {
    ShipmentFacts s;
    s.date = *ParseDate(rng() % 2 ? "2025-06-01" : "2023-06-01");
    s.consignee = PartyFacts::Of("Buyer", dest, dest, "");
    s.end_user = s.consignee;
    ResolvedShipment shipment = e.ResolveShipment(s, diags);
    std::vector<const ResolvedItem*> lines;
    for (int i = 0; i < 200; ++i) lines.push_back(&catalogue[rng() % catalogue.size()]);
    std::vector<LineDecision> batch(lines.size());
    e.DecideLines(shipment, lines, batch);
    for (size_t i = 0; i < lines.size(); ++i) {
      LineDecision one;
      e.Decide(shipment, *lines[i], one);
      INFO(dest << " line " << i);
      REQUIRE(batch[i].decision == one.decision);
      REQUIRE(batch[i].classes == one.classes);
      REQUIRE(batch[i].reasons.size() == one.reasons.size());
    }
  }
  std::vector<LineDecision> wrong(1);
  std::vector<const ResolvedItem*> two = {&catalogue[0], &catalogue[1]};
  ShipmentFacts s;
  s.consignee = PartyFacts::Of("Buyer", "DE", "DE", "");
  CHECK_THROWS_AS(e.DecideLines(e.ResolveShipment(s, diags), two, wrong), std::invalid_argument);
}

}  // namespace chipgate::testing
