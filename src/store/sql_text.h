// SqlText: SQL that can only come from a string literal, shared by the store's backends
// (src/store/sqlite/, src/store/postgres/). No SQL dialect and no database library here.
#pragma once

#include <cstddef>
#include <string_view>

namespace chipgate::sql {

// SQL text that can only come from a string literal (consteval), so no statement is ever built
// from data: values travel as bound parameters. The one escape hatch, Trusted(), is for the
// migration scripts compiled into the binary (and a test checks nothing else uses it).
class SqlText {
 public:
  template <size_t N>
  consteval SqlText(const char (&literal)[N])
      : text_(literal, N - 1) {}  // NOLINT: implicit by design
  struct TrustedTag {};
  static SqlText Trusted(std::string_view compiled_in, TrustedTag) { return SqlText(compiled_in); }
  std::string_view view() const { return text_; }

 private:
  explicit SqlText(std::string_view text) : text_(text) {}
  std::string_view text_;
};

}  // namespace chipgate::sql
