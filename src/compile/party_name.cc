// Party-name normalisation: the key under which list entries and screened names meet.
// "Huawei Technologies Co., Ltd." and "HUAWEI TECHNOLOGIES CO LTD" both become
// "huawei technologies"; word order is ignored ("Technologies Huawei" matches too).
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "compile/compiler.h"

namespace chipgate {
namespace {

// Latin-1 supplement letters (U+00C0..U+00FF) folded to ASCII; '\0' drops the character.
char FoldLatin1(unsigned cp) {
  static const char* kMap =
      "aaaaaaaceeeeiiii"   // C0-CF
      "dnooooo\0ouuuuyts"  // D0-DF
      "aaaaaaaceeeeiiii"   // E0-EF
      "dnooooo\0ouuuuyty";  // F0-FF
  return kMap[cp - 0xC0];
}

const std::set<std::string>& LegalSuffixes() {
  static const std::set<std::string> kSuffixes = {
      "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "plc",
      "gmbh", "ag", "sa", "srl", "spa", "bv", "nv", "kk", "pte", "pty", "oy", "ab", "as", "lp", "llp",
      "sarl", "sas", "jsc", "ojsc", "pjsc", "ooo", "zao", "bhd", "sdn", "fze", "fzco", "fzc", "the"};
  return kSuffixes;
}

}  // namespace

std::string NormalizePartyName(std::string_view name) {
  std::string folded;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      folded += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : ' ';
    } else if ((c == 0xC3) && i + 1 < name.size()) {
      unsigned cp = 0xC0 + (static_cast<unsigned char>(name[i + 1]) & 0x3F);
      ++i;
      if (char f = FoldLatin1(cp)) folded += f;
    } else {
      folded += static_cast<char>(c);  // other UTF-8 bytes kept as they are
    }
  }
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < folded.size()) {
    size_t end = folded.find(' ', pos);
    if (end == std::string::npos) end = folded.size();
    if (end > pos) {
      std::string w = folded.substr(pos, end - pos);
      if (!LegalSuffixes().count(w)) words.push_back(std::move(w));
    }
    pos = end + 1;
  }
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace chipgate
