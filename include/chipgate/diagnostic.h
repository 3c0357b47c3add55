// Diagnostics: problems found in user files (rule packs, manifests, rule tests), each with a
// stable code, a severity and a file:line:col location. They accumulate; nothing stops at the
// first one. Rendering with the source line and a caret lives in RenderDiagnostics.
#pragma once

#include <string>
#include <vector>

namespace chipgate {

enum class Severity { kError, kWarning };

struct SourceLoc {
  std::string file;  // path as given by the user
  int line = 0;      // 1-based; 0 when unknown
  int col = 0;       // 1-based; 0 when unknown
};

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;  // stable, catalogued in docs/diagnostics.md (e.g. "E102")
  SourceLoc loc;
  std::string message;  // lowercase, no trailing period, user values in backticks
};

bool HasErrors(const std::vector<Diagnostic>& diags);
int CountSeverity(const std::vector<Diagnostic>& diags, Severity severity);

// Sorts by file, line, column, code, and drops exact duplicates.
void SortDiagnostics(std::vector<Diagnostic>& diags);

// Renders `path:line:col: error[code]: message`, then the source line and a caret when the
// file can be read. One diagnostic per block; blocks end with a newline.
std::string RenderDiagnostics(const std::vector<Diagnostic>& diags);
std::string RenderDiagnostic(const Diagnostic& diag);

}  // namespace chipgate
