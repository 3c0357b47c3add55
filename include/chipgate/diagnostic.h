// Diagnostics: problems found in user files (rule packs, manifests, rule tests), each with a
// stable code, a severity and a file:line:col location. They accumulate; nothing stops at the
// first one. Rendering with the source line and a caret lives in RenderDiagnostics.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace chipgate {

enum class Severity { kError, kWarning };

// A position in a user file. A location made by a loader also keeps the text it read (shared,
// never copied), so a diagnostic shows the source line as loaded: from a string, or from a file
// that has changed or been removed since. Nothing re-reads a file to print an error.
struct SourceLoc {
  SourceLoc() = default;
  SourceLoc(std::string file, int line, int col, std::shared_ptr<const std::string> text = nullptr)
      : file(std::move(file)), line(line), col(col), text(std::move(text)) {}

  std::string file;  // path as given by the user
  int line = 0;      // 1-based; 0 when unknown
  int col = 0;       // 1-based; 0 when unknown
  // The whole text of `file` as loaded; null when none was kept (then no excerpt is shown).
  std::shared_ptr<const std::string> text;
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

// Renders `path:line:col: error[code]: message`, then the source line (from `loc.text`, the text
// as loaded) and a caret under the column. One diagnostic per block; blocks end with a newline.
std::string RenderDiagnostics(const std::vector<Diagnostic>& diags);

}  // namespace chipgate
