// Party-name keys: ASCII word splitting, each word folded by EndUseKey.
#include "base/party_key.h"

#include "base/end_use_key.h"

namespace chipgate {

// ASCII bytes never occur inside a multi-byte UTF-8 sequence, so splitting on them keeps every
// non-ASCII character whole.
std::string PartyKey(std::string_view name) {
  std::string out;
  size_t i = 0;
  while (i < name.size()) {
    size_t start = i;
    while (i < name.size()) {
      unsigned char c = static_cast<unsigned char>(name[i]);
      bool word =
          c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!word) break;
      ++i;
    }
    if (i > start) {
      std::string word = EndUseKey(name.substr(start, i - start));
      if (!word.empty()) out += (out.empty() ? "" : " ") + word;
    }
    if (i == start) ++i;  // a separator byte
  }
  return out;
}

}  // namespace chipgate
