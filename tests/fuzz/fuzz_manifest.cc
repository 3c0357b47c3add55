// libFuzzer target: a manifest through the loader, then resolved and decided against the
// example pack (loaded once).
#include <cstddef>
#include <cstdint>
#include <string>

#include "chipgate/engine.h"
#include "chipgate/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static chipgate::LoadResult pack = chipgate::Engine::Load(CHIPGATE_SOURCE_DIR "/rules/us-ear");
  std::string text(reinterpret_cast<const char*>(data), size);
  chipgate::ManifestLoad m =
      chipgate::LoadManifestFromString("fuzz.yaml", text, *chipgate::ParseDate("2025-06-01"));
  (void)chipgate::RenderDiagnostics(m.diagnostics);
  if (!m.manifest || !pack.engine) return 0;
  std::vector<chipgate::Diagnostic> diags;
  chipgate::ResolvedShipment s = pack.engine->ResolveShipment(m.manifest->shipment, diags);
  for (const auto& line : m.manifest->lines) {
    chipgate::LineDecision d;
    pack.engine->Decide(s, pack.engine->ResolveItem(line.item, diags), d);
  }
  return 0;
}
