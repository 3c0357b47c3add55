// End-use keys: a small UTF-8 walk, separator removal and simple case folding.
#include "base/end_use_key.h"

#include <cstdint>

#include "base/utf8.h"

namespace chipgate {
namespace {

bool IsSeparator(uint32_t cp) {
  switch (cp) {
    case ' ':
    case '\t':
    case '-':
    case '_':
    case '.':
    case '/':
    case 0x00A0:  // no-break space
    case 0x00AD:  // soft hyphen
    case 0x2212:  // minus sign
    case 0x202F:  // narrow no-break space
    case 0x3000:  // ideographic space
    case 0xFEFF:  // byte-order mark / zero-width no-break space
    case 0xFE63:
    case 0xFF0D:
    case 0xFF3F:  // small and fullwidth hyphen-minus, fullwidth low line
      return true;
    default:
      // Unicode spaces U+2000-U+200A, zero-width space/joiners U+200B-U+200D, dashes U+2010-U+2015.
      return (cp >= 0x2000 && cp <= 0x200D) || (cp >= 0x2010 && cp <= 0x2015);
  }
}

// Simple case folding for the scripts an end use is plausibly written in; the rest unchanged.
uint32_t Fold(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;    // Latin-1 capitals
  if (cp >= 0x100 && cp <= 0x137 && cp % 2 == 0) return cp + 1;  // Latin Extended-A pairs
  if (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) return cp + 1;
  if (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0) return cp + 1;
  if (cp == 0x178) return 0xFF;
  if (cp >= 0x179 && cp <= 0x17E && cp % 2 == 1) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;  // Greek capitals
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                 // Cyrillic capitals
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  if (cp >= 0xFF21 && cp <= 0xFF3A) return cp - 0xFF21 + 'a';  // fullwidth Latin
  if (cp >= 0xFF41 && cp <= 0xFF5A) return cp - 0xFF41 + 'a';
  return cp;
}

}  // namespace

std::string EndUseKey(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t bad = FirstInvalidUtf8(text.substr(i, 4));  // 0: no valid sequence starts here
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (bad == 0 || len > text.size() - i) {  // not UTF-8: kept byte by byte
      out += text[i++];
      continue;
    }
    uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += len;
    if (!IsSeparator(cp)) AppendUtf8(out, Fold(cp));
  }
  return out;
}

}  // namespace chipgate
