// Test helpers for diagnostics: one-line summaries ("line:col CODE message", file omitted) and
// the line:col of a piece of text, so expected locations are written as "where `tpx` is".
#pragma once

#include <string>
#include <vector>

#include "chipgate/diagnostic.h"

namespace chipgate::testing {

// 1-based "line:col" of the `nth` occurrence of `needle` in `text`; "not found" when absent.
inline std::string PosOf(const std::string& text, const std::string& needle, int nth = 1) {
  size_t at = std::string::npos;
  for (size_t from = 0; nth > 0; --nth, from = at + 1) {
    at = text.find(needle, from);
    if (at == std::string::npos) return "not found: " + needle;
  }
  int line = 1, col = 1;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

inline std::string Pos(const SourceLoc& loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

inline std::string Brief(const Diagnostic& d) {
  return Pos(d.loc) + " " + d.code + " " + d.message;
}

inline std::vector<std::string> Briefs(const std::vector<Diagnostic>& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags) out.push_back(Brief(d));
  return out;
}

inline std::vector<std::string> Codes(const std::vector<Diagnostic>& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags) out.push_back(d.code);
  return out;
}

}  // namespace chipgate::testing
