// The pack's dated changes (chipgate/pack_change.h): the typed records the compiler keeps in
// Program::changes next to the text rule-test coverage reads.
#include "chipgate/pack_change.h"

#include "engine/engine_internal.h"

namespace chipgate {

std::vector<PackChange> PackChanges(const Engine& engine) {
  const Program& program = EngineInternals::ProgramOf(engine);
  std::vector<PackChange> out;
  out.reserve(program.changes.size());
  for (const auto& c : program.changes) out.push_back(c.typed);
  return out;
}

}  // namespace chipgate
