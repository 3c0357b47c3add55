// TerminalSafe: the one escaping function for text shown to a person (chipgate/terminal_text.h).
#include "chipgate/terminal_text.h"

#include <cstdint>
#include <cstdio>

namespace chipgate {
namespace {

// Format characters that reorder text (bidi embeddings, overrides, isolates, marks) or are
// invisible and separate lines or words.
bool IsHiddenFormat(char32_t c) {
  return c == 0x061C || (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB);
}

// Length of the well-formed UTF-8 sequence at text[i] and its code point; 0 when ill-formed
// (overlong, surrogate, above U+10FFFF, truncated).
size_t DecodeUtf8(std::string_view text, size_t i, char32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  size_t len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0;
  if (b >= 0xF5 || len == 0 || i + len > text.size()) return 0;
  cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void Append(std::string& out, const char* format, unsigned value) {
  char buf[8];
  std::snprintf(buf, sizeof buf, format, value);
  out += buf;
}

}  // namespace

std::string TerminalSafe(std::string_view text, Tabs tabs) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      bool control = b < 0x20 || b == 0x7F;
      if (control && !(b == '\t' && tabs == Tabs::kKeep)) {
        Append(out, "\\x%02x", b);
      } else {
        out += static_cast<char>(b);
      }
      ++i;
      continue;
    }
    char32_t cp = 0;
    size_t len = DecodeUtf8(text, i, cp);
    if (len == 0) {
      Append(out, "\\x%02x", b);
      ++i;
    } else if ((cp >= 0x80 && cp <= 0x9F) || IsHiddenFormat(cp)) {
      Append(out, "\\u%04x", static_cast<unsigned>(cp));
      i += len;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace chipgate
