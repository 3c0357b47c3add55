// Micro-benchmarks (Google Benchmark): deciding resolved lines with the compiled us-ear engine,
// resolving and deciding, and loading+compiling the pack. bench/run turns these into the table
// in docs/performance.md.
#include <benchmark/benchmark.h>
#include <map>

#include "bench_data.h"
#include "chipgate/engine.h"

namespace chipgate::bench {
namespace {

ItemFacts ToFacts(const PartRow& p, const std::vector<PartRow>& all) {
  ItemFacts f;
  f.part = p.part_number;
  f.has_specs = true;
  f.Set("type", p.type);
  if (p.tpp >= 0) f.Set("tpp", p.tpp);
  if (p.die_area >= 0) f.Set("die_area_mm2", p.die_area);
  if (p.datacenter >= 0) f.Set("datacenter", p.datacenter == 1);
  if (p.mbd >= 0) f.Set("memory_bandwidth_density", p.mbd);
  if (p.io >= 0) f.Set("io_bandwidth_gbs", p.io);
  for (const auto& [child, qty] : p.components) {
    size_t idx = std::stoul(child.substr(1));
    ItemFacts c = ToFacts(all[idx], all);
    c.quantity = qty;
    f.components.push_back(std::move(c));
  }
  return f;
}

struct Fixture {
  Engine engine;
  std::vector<ResolvedItem> items;
  std::vector<ResolvedShipment> shipments;
  std::vector<ItemFacts> facts;
  std::vector<ShipmentFacts> shipment_facts;
  std::vector<size_t> item_of_line, shipment_of_line;

  // The headline fixture: 20,000 catalogue parts. Get(n) builds one per catalogue size (scaling).
  static Fixture& Get(size_t n_parts = 20000) {
    static std::map<size_t, Fixture> fixtures;
    auto it = fixtures.find(n_parts);
    if (it == fixtures.end()) it = fixtures.emplace(n_parts, Make(n_parts)).first;
    return it->second;
  }

  static Fixture Make(size_t n_parts) {
    auto loaded = Engine::Load(std::string(CHIPGATE_SOURCE_DIR) + "/rules/us-ear");
    if (!loaded.engine) std::abort();
    Fixture fx{std::move(*loaded.engine), {}, {}, {}, {}, {}, {}};
    DataGenerator gen(42);
    auto parts = gen.Parts(n_parts);
    auto lines = gen.Lines(100000, parts.size());
    std::vector<Diagnostic> diags;
    for (const auto& p : parts) {
      fx.facts.push_back(ToFacts(p, parts));
      fx.items.push_back(fx.engine.ResolveItem(fx.facts.back(), diags));
    }
    // Manifests of 100 lines: one shipment (destination, parties) per 100 consecutive lines,
    // each line naming one of the catalogue parts at random.
    for (size_t i = 0; i < lines.size(); ++i) {
      const auto& l = lines[i];
      if (i % 100 == 0) {
        ShipmentFacts s;
        s.date = *ParseDate("2025-06-01");
        s.consignee = PartyFacts::Of("Customer", l.destination, l.headquarters, "");
        s.end_user = s.consignee;
        fx.shipments.push_back(fx.engine.ResolveShipment(s, diags));
        fx.shipment_facts.push_back(s);
      }
      fx.item_of_line.push_back(l.part);
      fx.shipment_of_line.push_back(fx.shipments.size() - 1);
    }
    return fx;
  }
};

void BM_DecideResolvedLines(benchmark::State& state) {
  Fixture& fx = Fixture::Get();
  LineDecision d;
  size_t i = 0, n = fx.item_of_line.size();
  for (auto _ : state) {
    fx.engine.Decide(fx.shipments[fx.shipment_of_line[i]], fx.items[fx.item_of_line[i]], d);
    benchmark::DoNotOptimize(d.decision);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideResolvedLines);

// The same lines decided a manifest at a time (100 lines of one shipment) with DecideLines,
// which fetches each line's item while the previous line is decided.
void BM_DecideManifestLines(benchmark::State& state) {
  Fixture& fx = Fixture::Get();
  size_t n = fx.item_of_line.size(), start = 0, lines = 0;
  std::vector<const ResolvedItem*> items;
  std::vector<LineDecision> out;
  for (auto _ : state) {
    size_t end = start;
    items.clear();
    while (end < n && fx.shipment_of_line[end] == fx.shipment_of_line[start])
      items.push_back(&fx.items[fx.item_of_line[end++]]);
    out.resize(items.size());
    fx.engine.DecideLines(fx.shipments[fx.shipment_of_line[start]], items, out);
    benchmark::DoNotOptimize(out.back().decision);
    lines += items.size();
    start = end == n ? 0 : end;
  }
  state.SetItemsProcessed(static_cast<int64_t>(lines));
}
BENCHMARK(BM_DecideManifestLines);

// Scaling: the same loop against catalogues of 10^4, 10^5, 10^6 resolved parts (lines pick parts
// at random, so a larger catalogue means more cache misses, not more work per line).
void BM_DecideScaling(benchmark::State& state) {
  Fixture& fx = Fixture::Get(static_cast<size_t>(state.range(0)));
  LineDecision d;
  size_t i = 0, n = fx.item_of_line.size();
  for (auto _ : state) {
    fx.engine.Decide(fx.shipments[fx.shipment_of_line[i]], fx.items[fx.item_of_line[i]], d);
    benchmark::DoNotOptimize(d.decision);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideScaling)->Arg(10000)->Arg(100000)->Arg(1000000);

void BM_ResolveAndDecideLines(benchmark::State& state) {
  Fixture& fx = Fixture::Get();
  size_t i = 0, n = fx.item_of_line.size();
  for (auto _ : state) {
    LineDecision d =
        fx.engine.Decide(fx.shipment_facts[fx.shipment_of_line[i]], fx.facts[fx.item_of_line[i]]);
    benchmark::DoNotOptimize(d.decision);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ResolveAndDecideLines);

void BM_LoadAndCompileUsEar(benchmark::State& state) {
  std::string dir = std::string(CHIPGATE_SOURCE_DIR) + "/rules/us-ear";
  for (auto _ : state) {
    auto loaded = Engine::Load(dir);
    benchmark::DoNotOptimize(loaded.engine.has_value());
  }
}
BENCHMARK(BM_LoadAndCompileUsEar)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace chipgate::bench

BENCHMARK_MAIN();
