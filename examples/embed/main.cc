// Embedding chipgate: load the bundled example pack (or the one named on the command line),
// describe one shipment line in code, and print the decision with its reasons.
#include <chipgate/engine.h>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  std::string rules = argc > 1 ? argv[1] : chipgate::FindBundledPack("examples");
  chipgate::LoadResult loaded = chipgate::Engine::Load(rules);
  if (!loaded.engine) {
    std::fputs(chipgate::RenderDiagnostics(loaded.diagnostics).c_str(), stderr);
    return 2;
  }
  chipgate::ShipmentFacts shipment;
  shipment.date = *chipgate::ParseDate("2024-06-01");
  shipment.consignee = {"Example Cloud Pte Ltd", "SG", "CN", "", {}};
  shipment.end_user = shipment.consignee;

  chipgate::ItemFacts chip;
  chip.part = "ACCEL-1";
  chip.Set("type", "ic").Set("tpp", 15832.0).Set("die_area_mm2", 814.0).Set("datacenter", true);

  chipgate::LineDecision d = loaded.engine->Decide(shipment, chip);
  std::printf("%s: %s\n", chip.part.c_str(),
              std::string(chipgate::DecisionName(d.decision)).c_str());
  for (const auto& r : d.reasons) {
    std::printf("  %s: %s [%s]\n", std::string(r.rule).c_str(), r.Text().c_str(),
                std::string(r.cite).c_str());
  }
  return chipgate::MayShip(d.decision) ? 0 : 1;
}
