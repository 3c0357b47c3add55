// Many diagnostics of one kind (a bad column in a 300,000-row file is 300,000 errors) are shown
// capped: the first N of each code, then one line per code saying how many more there were. The
// count is by the diagnostic's code, never by its message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "chipgate/diagnostic.h"

namespace chipgate::cli {

// How many of each code the commands print as text (`db import`, `lists import`).
inline constexpr size_t kErrorsPerCode = 20;

struct CappedDiagnostics {
  std::vector<Diagnostic> shown;  // the first `per_code` of each code, in the input's order
  // Per code (in order of first appearance): how many were left out; codes with none are absent.
  std::vector<std::pair<std::string, int64_t>> omitted;
};

CappedDiagnostics CapDiagnostics(const std::vector<Diagnostic>& diags, size_t per_code);

// `... and 280 more E601 errors` lines, one per omitted code (empty when none was).
std::string RenderOmitted(const CappedDiagnostics& capped);

}  // namespace chipgate::cli
