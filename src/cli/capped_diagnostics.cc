#include "cli/capped_diagnostics.h"

#include <map>

namespace chipgate::cli {

CappedDiagnostics CapDiagnostics(const std::vector<Diagnostic>& diags, size_t per_code) {
  CappedDiagnostics out;
  std::map<std::string, size_t> seen;     // code -> how many so far
  std::map<std::string, size_t> omitted;  // code -> index in out.omitted
  for (const Diagnostic& d : diags) {
    if (++seen[d.code] <= per_code) {
      out.shown.push_back(d);
      continue;
    }
    auto [it, first] = omitted.try_emplace(d.code, out.omitted.size());
    if (first) out.omitted.emplace_back(d.code, 0);
    ++out.omitted[it->second].second;
  }
  return out;
}

std::string RenderOmitted(const CappedDiagnostics& capped) {
  std::string out;
  for (const auto& [code, n] : capped.omitted) {
    out +=
        "... and " + std::to_string(n) + " more " + code + (n == 1 ? " error" : " errors") + "\n";
  }
  return out;
}

}  // namespace chipgate::cli
