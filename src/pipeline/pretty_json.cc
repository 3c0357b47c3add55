// PrettyJson, AppendJsonText and AppendJsonDouble (see pretty_json.h for the contract).
#include "pipeline/pretty_json.h"

#include <cstdio>
#include <utility>

// The output must be byte-identical to nlohmann::json::dump(2) of the same document whenever
// dump() accepts it (golden files compare bytes), while being written incrementally without
// building a json tree.
#include <nlohmann/json.hpp>

namespace chipgate {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid, as in RFC 3629).
// Requires i < s.size().
size_t Utf8Length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  if (n == 2 && c < 0xC2) return 0;                                          // overlong
  if (n == 3 && c == 0xE0 && byte(i + 1) < 0xA0) return 0;                   // overlong
  if (n == 3 && c == 0xED && byte(i + 1) >= 0xA0) return 0;                  // surrogates
  if (n == 4 && c == 0xF0 && byte(i + 1) < 0x90) return 0;                   // overlong
  if (n == 4 && (c > 0xF4 || (c == 0xF4 && byte(i + 1) >= 0x90))) return 0;  // > U+10FFFF
  return n;
}

// The two-character escapes dump() writes; empty for every other byte.
// A linear scan of seven entries: only reached for bytes that are not plain printable ASCII.
std::string_view ShortEscape(unsigned char c) {
  static constexpr std::pair<char, std::string_view> kEscapes[] = {
      {'"', "\\\""}, {'\\', "\\\\"}, {'\b', "\\b"}, {'\f', "\\f"},
      {'\n', "\\n"}, {'\r', "\\r"},  {'\t', "\\t"}};
  for (auto [ch, escape] : kEscapes) {
    if (static_cast<unsigned char>(ch) == c) return escape;
  }
  return {};
}

}  // namespace

// Byte by byte: printable ASCII as is, the short escapes, other control characters as \u00xx
// (lower-case hex, as dump() writes them), valid UTF-8 sequences as is, and each byte that does
// not start a valid sequence as U+FFFD. DEL (0x7f) needs no escape in JSON and stays as is.
void AppendJsonText(std::string& out, std::string_view s) {
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      // A run of plain printable ASCII (most text) is appended in one piece.
      size_t end = i + 1;
      while (end < s.size()) {
        unsigned char d = static_cast<unsigned char>(s[end]);
        if (d < 0x20 || d == '"' || d == '\\' || d >= 0x80) break;
        ++end;
      }
      out.append(s.data() + i, end - i);
      i = end;
    } else if (std::string_view escape = ShortEscape(c); !escape.empty()) {
      out += escape;
      ++i;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      ++i;
    } else if (size_t n = Utf8Length(s, i); n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER for one invalid byte
      ++i;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
  out += '"';
}

// dump()'s own formatter: its Grisu2 digits are not always the shortest that read back (it
// prints 20.359281437125748 where 20.35928143712575 would do), and reports must keep its bytes.
// NaN and infinities come out as `null`, as dump() writes them (JSON has no such numbers).
void AppendJsonDouble(std::string& out, double v) { out += nlohmann::json(v).dump(); }

// As if a top-level object had been opened and one member written: the next member starts with a
// comma, and closing it writes the final newline and brace.
PrettyJson PrettyJson::ContinueObject(std::string& out) {
  PrettyJson j(out, 0);
  j.empty_.push_back(false);
  return j;
}

void PrettyJson::Indent(size_t depth) { out_.append(2 * depth, ' '); }

// dump(2)'s layout: a value after a key follows ": " on the same line; a container's first
// element goes on a new line, later ones after ",", each indented one level deeper than the
// container's own brackets.
void PrettyJson::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;  // the top-level value
  out_ += empty_.back() ? "\n" : ",\n";
  empty_.back() = false;
  Indent(base_ + empty_.size());
}

PrettyJson& PrettyJson::Open(char bracket) {
  BeforeValue();
  out_ += bracket;
  empty_.push_back(true);
  return *this;
}

// An empty container closes on the line it opened on ("[]", "{}"); a filled one on a new line,
// at its opening bracket's indentation.
// Requires an open container of the matching kind (not checked: the callers' code nests them).
PrettyJson& PrettyJson::Close(char bracket) {
  bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty) {
    out_ += '\n';
    Indent(base_ + empty_.size());
  }
  out_ += bracket;
  return *this;
}

// A key is placed as a value would be; the value that follows it is not placed again.
PrettyJson& PrettyJson::Key(std::string_view key) {
  BeforeValue();
  AppendJsonText(out_, key);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

PrettyJson& PrettyJson::String(std::string_view v) {
  BeforeValue();
  AppendJsonText(out_, v);
  return *this;
}

// Scalars: placed by BeforeValue, then written in dump()'s form.
PrettyJson& PrettyJson::Int(int64_t v) {
  BeforeValue();
  out_ += std::to_string(v);
  return *this;
}

PrettyJson& PrettyJson::Double(double v) {
  BeforeValue();
  AppendJsonDouble(out_, v);
  return *this;
}

PrettyJson& PrettyJson::Bool(bool v) {
  BeforeValue();
  out_ += v ? "true" : "false";
  return *this;
}

PrettyJson& PrettyJson::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

}  // namespace chipgate
