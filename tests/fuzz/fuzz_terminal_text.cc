// libFuzzer target: TerminalSafe on arbitrary bytes. Its output must hold no byte a terminal acts
// on (C0, DEL, C1, bidi and invisible format characters) and be well-formed UTF-8; text with none
// of those must come back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "chipgate/terminal_text.h"

namespace {

// Checks `s` is well-formed UTF-8 without a character TerminalSafe must escape; aborts if not.
void RequireSafe(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7f) std::abort();
      ++i;
      continue;
    }
    size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (b < 0xC2 || b > 0xF4 || i + len > s.size()) std::abort();
    char32_t cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) std::abort();
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    bool hidden = (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
                  (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
                  cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB);
    if (hidden || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) std::abort();
    i += len;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string safe = chipgate::TerminalSafe(text);
  RequireSafe(safe);
  if (chipgate::TerminalSafe(safe) != safe) std::abort();  // escaping is idempotent on its output
  return 0;
}
