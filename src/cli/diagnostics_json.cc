// Diagnostics on stderr (diagnostics_json.h).
#include "cli/diagnostics_json.h"

#include <cstdio>

namespace chipgate::cli {

void PrintDiagnostics(const std::vector<Diagnostic>& diags, OutputFormat format) {
  if (format == OutputFormat::kText || format == OutputFormat::kHtml) {
    std::fputs(RenderDiagnostics(diags).c_str(), stderr);
    return;
  }
  for (const auto& d : diags) std::fputs(DiagnosticJsonLine(d).c_str(), stderr);
}

}  // namespace chipgate::cli
