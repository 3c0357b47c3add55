// Diagnostic sorting and rendering (ninja/rustc style: location, severity[code], message, then
// the source line and a caret under the column). The source line comes from the text the loader
// kept with the location (SourceLoc::text); a location without text gets no excerpt.
#include "chipgate/diagnostic.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "base/source_file.h"
#include "chipgate/terminal_text.h"

namespace chipgate {

bool HasErrors(const std::vector<Diagnostic>& diags) {
  return CountSeverity(diags, Severity::kError) > 0;
}

int CountSeverity(const std::vector<Diagnostic>& diags, Severity severity) {
  return static_cast<int>(std::count_if(
      diags.begin(), diags.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

void SortDiagnostics(std::vector<Diagnostic>& diags) {
  auto key = [](const Diagnostic& d) {
    return std::tie(d.loc.file, d.loc.line, d.loc.col, d.code, d.message);
  };
  std::stable_sort(diags.begin(), diags.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  diags.erase(
      std::unique(diags.begin(), diags.end(),
                  [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
      diags.end());
}

namespace {

std::string Header(const Diagnostic& d) {
  // The file name, the message (which quotes user values) and the source line come from the
  // user: each is made terminal-safe.
  std::string out = TerminalSafe(d.loc.file);
  // Appended piecewise: `":" + std::to_string(n)` trips a GCC 12 -O3 false -Wrestrict.
  if (d.loc.line > 0) out.append(":").append(std::to_string(d.loc.line));
  if (d.loc.line > 0 && d.loc.col > 0) out.append(":").append(std::to_string(d.loc.col));
  out += d.severity == Severity::kError ? ": error[" : ": warning[";
  out += d.code + "]: " + TerminalSafe(d.message) + "\n";
  return out;
}

// Source lines longer than this are shown as a window around the column, marked with `...`
// (a hostile file may have a line of megabytes; the diagnostic stays readable and bounded).
constexpr size_t kMaxExcerptBytes = 240;

// The source line of `loc` (indented two spaces, terminal-safe, windowed when long) and, when the
// column is known, a caret line under it. Empty for an empty or out-of-range line.
std::string Excerpt(const SourceFile& file, const SourceLoc& loc) {
  std::string_view line = file.Line(loc.line);
  if (line.empty()) return "";
  size_t shift = 0;
  std::string before, after;
  if (line.size() > kMaxExcerptBytes) {
    size_t caret = loc.col > 0 ? std::min(static_cast<size_t>(loc.col - 1), line.size()) : 0;
    size_t begin = caret > kMaxExcerptBytes / 2 ? caret - kMaxExcerptBytes / 2 : 0;
    while (begin > 0 && (static_cast<unsigned char>(line[begin]) & 0xC0) == 0x80)
      --begin;  // whole UTF-8 characters
    size_t end = std::min(line.size(), begin + kMaxExcerptBytes);
    while (end < line.size() && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) ++end;
    if (begin > 0) before = "...";
    if (end < line.size()) after = "...";
    line = line.substr(begin, end - begin);
    shift = begin;
  }
  std::string out = "  " + before + TerminalSafe(line, Tabs::kKeep) + after + "\n";
  if (loc.col <= 0) return out;  // a line without a known column: no caret
  out += "  " + std::string(before.size(), ' ');
  // The caret goes under the column as printed: the escaped text before it, blanked.
  size_t prefix =
      std::min(line.size(), loc.col > 0 ? static_cast<size_t>(loc.col - 1) -
                                              std::min(shift, static_cast<size_t>(loc.col - 1))
                                        : 0);
  for (char c : TerminalSafe(line.substr(0, prefix), Tabs::kKeep)) out += c == '\t' ? '\t' : ' ';
  return out + "^\n";
}

}  // namespace

std::string RenderDiagnostics(const std::vector<Diagnostic>& diags) {
  // One line index per loaded text, however many diagnostics point into it.
  // Keyed by the text's address: locations sharing one loaded text share one index, and two
  // loads of the same path (a file changed in between) stay apart.
  std::map<const std::string*, SourceFile> index;
  std::string out;
  for (const auto& d : diags) {
    out += Header(d);
    if (d.loc.line <= 0 || !d.loc.text) continue;  // no line, or no text kept: header only
    auto it = index.try_emplace(d.loc.text.get(), d.loc.file, d.loc.text).first;
    out += Excerpt(it->second, d.loc);
  }
  return out;
}

}  // namespace chipgate
