// libFuzzer target: a screening-list file in any published format (CSL CSV, CSL JSON,
// OpenSanctions CSV: the reader recognises the format from the content, so one target reaches
// all three) through ParseScreeningList; a file it accepts is compiled for screening and its
// first entries' names are screened as the end user of a shipment decided with the bundled pack.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "chipgate/screening_list.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static chipgate::LoadResult pack = chipgate::Engine::Load(CHIPGATE_SOURCE_DIR "/rules/us-ear");
  std::string text(reinterpret_cast<const char*>(data), size);
  chipgate::ScreeningListRead read = chipgate::ParseScreeningList("fuzz.list", text);
  (void)chipgate::RenderDiagnostics(read.diagnostics);
  if (!read.file || !pack.engine) return 0;
  std::vector<std::string> names;
  for (const auto& e : read.file->entries) {
    if (names.size() >= 4) break;
    names.push_back(e.name);
    if (!e.aliases.empty()) names.push_back(e.aliases.front());
  }
  chipgate::ScreeningLists lists = chipgate::ScreeningLists::Build({std::move(*read.file)});
  chipgate::ItemFacts item;
  item.part = "FUZZ-1";
  for (const std::string& name : names) {
    chipgate::ShipmentFacts shipment;
    shipment.date = *chipgate::ParseDate("2025-12-01");
    shipment.consignee = chipgate::PartyFacts::Of(name, "SG", "SG");
    shipment.end_user = shipment.consignee;
    std::vector<chipgate::Diagnostic> diags;
    chipgate::ResolvedShipment s = pack.engine->ResolveShipment(shipment, diags, &lists);
    chipgate::LineDecision d;
    pack.engine->Decide(s, pack.engine->ResolveItem(item, diags), d);
    // Fail closed: a line with no technical data is never cleared, whatever the lists say.
    if (d.decision == chipgate::DecisionKind::kNoLicenseRequired) __builtin_trap();
  }
  return 0;
}
