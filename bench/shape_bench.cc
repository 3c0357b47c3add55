// Time taken by inputs whose shape could make the work explode: an alias bomb (YAML aliases nine
// deep) refused by the manifest and pack loaders, and a bill of materials shared as a DAG with
// 2^30 paths resolved and decided. The unit tests pin these structurally (E107 from the alias
// budget, one resolved node per distinct sub-item) and assert no time; the times live here.
#include <benchmark/benchmark.h>
#include <memory>
#include <string>

#include "chipgate/engine.h"
#include "chipgate/manifest.h"

namespace chipgate::bench {
namespace {

// Ten levels of nine aliases each: 9^10 nodes if expanded.
std::string AliasBomb() {
  std::string bomb = "a0: &a0 [x,x,x,x,x,x,x,x,x]\n";
  for (int i = 1; i <= 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) bomb += prev + (k < 8 ? "," : "");
    bomb += "]\n";
  }
  return bomb;
}

// The manifest loader must stop at its alias budget (E107) without expanding the document; the
// time is that of refusing it.
void BM_AliasBombManifestRefused(benchmark::State& state) {
  std::string text =
      AliasBomb() + "shipment: {id: S, consignee: {name: X, country: DE}}\nlines: *a9\n";
  for (auto _ : state) {
    ManifestLoad m = LoadManifestFromString("bomb.yaml", text, Date{});
    if (m.manifest) state.SkipWithError("the alias bomb was accepted");
    benchmark::DoNotOptimize(m.diagnostics.size());
  }
}
BENCHMARK(BM_AliasBombManifestRefused)->Unit(benchmark::kMillisecond);

// The same bomb as a rule file: the pack loader shares the document builder and its budget.
void BM_AliasBombPackRefused(benchmark::State& state) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"pack.yaml", AliasBomb() + "classes: *a9\n"}};
  for (auto _ : state) {
    LoadResult r = Engine::LoadFromStrings(files);
    if (r.engine) state.SkipWithError("the alias bomb was accepted");
    benchmark::DoNotOptimize(r.diagnostics.size());
  }
}
BENCHMARK(BM_AliasBombPackRefused)->Unit(benchmark::kMillisecond);

// A computer holding a chain of 30 boxes, each containing the next one twice, down to an H100:
// 2^30 paths through 32 distinct items.
void BM_SharedComponentGraphResolveAndDecide(benchmark::State& state) {
  auto loaded = Engine::Load(std::string(CHIPGATE_SOURCE_DIR) + "/rules/us-ear");
  if (!loaded.engine) std::abort();
  const Engine& engine = *loaded.engine;
  auto node = std::make_shared<ItemFacts>();
  node->part = "H100";
  node->Set("type", "ic").Set("tpp", 15832.0).Set("die_area_mm2", 814.0).Set("datacenter", true);
  for (int i = 0; i < 30; ++i) {
    auto up = std::make_shared<ItemFacts>();
    up->part = "L" + std::to_string(i);
    up->Set("type", "other");
    up->components.push_back(node);
    up->components.push_back(node);
    node = up;
  }
  ItemFacts top;
  top.part = "SRV";
  top.Set("type", "computer").Set("datacenter", true);
  top.components.push_back(node);
  ShipmentFacts to;
  to.date = *ParseDate("2025-06-01");
  to.consignee = PartyFacts::Of("Buyer", "CN", "CN", "");
  to.end_user = to.consignee;
  // Resolving shares one node per distinct sub-item, so the work is linear in 32 items, not in
  // the 2^30 paths (the unit test pins the node count).
  for (auto _ : state) {
    LineDecision d = engine.Decide(to, top);
    benchmark::DoNotOptimize(d.decision);
  }
}
BENCHMARK(BM_SharedComponentGraphResolveAndDecide)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace chipgate::bench
