// What lies behind the public Engine handles, for the library's own modules and for tests: the
// compiled Program of an Engine and the resolved data of items and shipments. Not installed; an
// embedder sees only include/chipgate/engine.h.
#pragma once

#include <memory>
#include <utility>

#include "chipgate/engine.h"
#include "compile/program.h"
#include "eval/resolved.h"

namespace chipgate {

// The one friend of Engine, ResolvedItem and ResolvedShipment: each accessor reads one private
// member, so the public classes need no accessor that names an internal type.
struct EngineInternals {
  // Wraps an already compiled program (the loader does, after Compile).
  static Engine Make(std::shared_ptr<const Program> program) { return Engine(std::move(program)); }
  static const Program& ProgramOf(const Engine& engine) { return *engine.program_; }
  static const ResolvedItemData& DataOf(const ResolvedItem& item) { return *item.data_; }
  static const ResolvedShipmentData& DataOf(const ResolvedShipment& shipment) {
    return *shipment.data_;
  }
};

}  // namespace chipgate
