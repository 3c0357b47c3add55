// The records an embedding program builds for a manifest through the library alone: load the
// pack and the manifest, decide each line on its own, one MakeCheckEntry per line. Tests compare
// them with what `chipgate check --actor ACTOR --date DATE` stored, so the CLI's path (chunks,
// batching, threads) is checked against the plainest use of the library.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/audit_entry.h"
#include "chipgate/engine.h"
#include "chipgate/manifest.h"

namespace chipgate::testing {

// One entry per line of `manifest_path`, in line order, decided under `rules` on `date`.
inline std::vector<AuditEntry> EmbeddedCheckEntries(const std::string& rules,
                                                    const std::string& manifest_path,
                                                    const std::string& date,
                                                    const std::string& actor) {
  LoadResult loaded = Engine::Load(rules);
  REQUIRE(loaded.engine);
  const Engine& engine = *loaded.engine;
  ManifestLoad load = LoadManifest(manifest_path, Date{});
  REQUIRE(load.manifest);
  Manifest& m = *load.manifest;
  m.shipment.date = *ParseDate(date);
  std::vector<Diagnostic> diags;
  ResolvedShipment shipment = engine.ResolveShipment(m.shipment, diags);
  std::vector<AuditEntry> entries;
  for (const auto& line : m.lines) {
    LineDecision decision;
    engine.Decide(shipment, engine.ResolveItem(line.item, diags), decision);
    entries.push_back(MakeCheckEntry({.actor = actor,
                                      .input_digest = m.digest,
                                      .pack_digest = engine.digest(),
                                      .shipment = m.shipment,
                                      .line = line.index,
                                      .item = line.item,
                                      .decision = decision}));
  }
  REQUIRE(diags.empty());
  return entries;
}

}  // namespace chipgate::testing
