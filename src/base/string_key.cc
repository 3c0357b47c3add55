// String comparison keys (string_key.h): the name key is built on the end-use key, which already
// folds case and drops spaces, dashes and invisible characters.
#include "base/string_key.h"

#include "base/end_use_key.h"

namespace chipgate {

std::string NameKey(std::string_view text) {
  std::string out;
  for (char c : EndUseKey(text)) {
    unsigned char u = static_cast<unsigned char>(c);
    // ASCII punctuation and controls go; bytes >= 0x80 (UTF-8 of other scripts) stay.
    bool ascii_punct = (u >= 0x21 && u <= 0x2F) || (u >= 0x3A && u <= 0x40) ||
                       (u >= 0x5B && u <= 0x60) || (u >= 0x7B && u <= 0x7E) || u < 0x20 ||
                       u == 0x7F;
    if (!ascii_punct) out += c;
  }
  return out;
}

std::string IdKey(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t begin = 0, end = text.size();
  while (begin < end && space(text[begin])) ++begin;
  while (end > begin && space(text[end - 1])) --end;
  std::string out;
  out.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    char c = text[i];
    out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace chipgate
