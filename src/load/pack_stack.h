// Stacking rule packs: a company's own pack layered on the public one (`--rules rules/us-ear
// --rules company/`). Each pack is loaded on its own (LoadPack); StackPacks then appends the later
// packs' entries to the base's. A later pack adds and never takes away: docs/company-packs.md says
// what it may and may not do, and the validator then checks the stacked Pack as one pack.
#pragma once

#include <vector>

#include "ast/pack.h"
#include "chipgate/diagnostic.h"

namespace chipgate {

// Stacks `packs` (base first, at least one) into one Pack, appending diagnostics:
// - E320: an id (attribute name, country group, class, license rule, exception, party, end use,
//   note) that an earlier pack already defines; the message names both locations. The later
//   entry is dropped, so nothing of an earlier pack is ever replaced.
// - E321: a later pack that sets `coverage` or `reason_cites` in its `pack:` header, has an
//   `audit:` section, or has an exception covering an earlier pack's license rule (which would
//   lift that pack's requirement).
// The result's header (`info`) and `audit` are the base's; `layers` lists every pack. A single pack
// keeps its digest; a stack's digest is StackDigest of its layers.
Pack StackPacks(std::vector<Pack> packs, std::vector<Diagnostic>& diags);

// "sha256:<hex>" over each layer's name, version and digest, in order, each followed by a NUL.
// Pack digests cover relative file names and bytes only, so the stack's digest does not depend on
// where the packs are on disk; editing, adding or reordering a pack changes it.
std::string StackDigest(const std::vector<PackLayer>& layers);

}  // namespace chipgate
