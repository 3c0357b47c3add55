// PrettyJson, AppendJsonString and AppendJsonDouble (see pretty_json.h for the contract).
#include "cli/pretty_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace chipgate::cli {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid, as in RFC 3629).
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

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        ++i;
        continue;
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case '\b':
        out += "\\b";
        ++i;
        continue;
      case '\f':
        out += "\\f";
        ++i;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\r':
        out += "\\r";
        ++i;
        continue;
      case '\t':
        out += "\\t";
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      ++i;
      continue;
    }
    size_t n = Utf8Length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER for one invalid byte
      ++i;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
  out += '"';
}

void AppendJsonDouble(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (std::signbit(v)) out += '-';
  v = std::fabs(v);
  if (v == 0) {
    out += "0.0";
    return;
  }
  // The shortest round-trip digits, as d.ddde±x; then laid out as dump() lays out its digits.
  char buf[40];
  char* end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific).ptr;
  char* e = std::find(buf, end, 'e');
  std::string digits(1, buf[0]);
  if (e - buf > 2) digits.append(buf + 2, e);
  const int k = static_cast<int>(digits.size());
  const int n = std::atoi(e + 1) + 1;            // where the decimal point falls, counted in digits
  constexpr int kMaxPoint = 15, kMinPoint = -4;  // std::numeric_limits<double>::digits10; dump()'s
  if (k <= n && n <= kMaxPoint) {                // digits[000].0
    out += digits;
    out.append(n - k, '0');
    out += ".0";
  } else if (0 < n && n <= kMaxPoint) {  // dig.its
    out.append(digits, 0, n);
    out += '.';
    out.append(digits, n);
  } else if (kMinPoint < n && n <= 0) {  // 0.[000]digits
    out += "0.";
    out.append(-n, '0');
    out += digits;
  } else {  // d[.igits]e±XX, at least two exponent digits
    out += digits[0];
    if (k > 1) out += '.' + digits.substr(1);
    int exp = n - 1;
    out += exp < 0 ? "e-" : "e+";
    if (std::abs(exp) < 10) out += '0';
    out += std::to_string(std::abs(exp));
  }
}

PrettyJson PrettyJson::ContinueObject(std::string& out) {
  PrettyJson j(out, 0);
  j.empty_.push_back(false);
  return j;
}

void PrettyJson::Indent(size_t depth) { out_.append(2 * depth, ' '); }

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

PrettyJson& PrettyJson::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(out_, key);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

PrettyJson& PrettyJson::String(std::string_view v) {
  BeforeValue();
  AppendJsonString(out_, v);
  return *this;
}

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

}  // namespace chipgate::cli
