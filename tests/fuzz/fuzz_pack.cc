// libFuzzer target: a rule file through the loader, validator and compiler, then one decision
// with the result (so compiled code runs too).
#include <cstddef>
#include <cstdint>
#include <string>

#include "chipgate/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  chipgate::LoadResult r = chipgate::Engine::LoadFromStrings({{"fuzz.yaml", text}});
  (void)chipgate::RenderDiagnostics(r.diagnostics);
  if (!r.engine) return 0;
  chipgate::ShipmentFacts s;
  s.date = *chipgate::ParseDate("2025-06-01");
  s.consignee = PartyFacts::Of("Acme Advanced Computing", "CN", "CN", "");
  s.end_user = s.consignee;
  chipgate::ItemFacts item;
  item.part = "P";
  item.Set("type", "ic").Set("tpp", 5000.0).Set("die_area_mm2", 600.0).Set("datacenter", true);
  chipgate::Trace trace;
  (void)r.engine->Decide(s, item, &trace);
  return 0;
}
