// The pack of a stack, loaded and validated but not compiled: what the pack catalogue
// (chipgate/pack_catalog.h) lists. The same pipeline and diagnostics as Engine::LoadStack.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/pack.h"
#include "chipgate/diagnostic.h"

namespace chipgate {

// The stacked, validated pack of `dirs` (base first); nullopt when there is an error, which is
// then among `diags` (warnings are added too).
std::optional<Pack> LoadCheckedPack(const std::vector<std::string>& dirs,
                                    std::vector<Diagnostic>& diags);

}  // namespace chipgate
