// Party-name normalisation: the key under which list entries and screened names meet.
// "Huawei Technologies Co., Ltd." and "HUAWEI TECHNOLOGIES CO LTD" both become
// "huawei technologies"; word order is ignored ("Technologies Huawei" matches too).
// The steps are specified in docs/screening.md; the screener (party_screen.cc) and the test
// oracle both build on this key.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "compile/compiler.h"
#include "compile/party_screen.h"

namespace chipgate {
namespace {

// Latin-1 supplement letters (U+00C0..U+00FF) folded to ASCII; "" drops the character.
std::string_view FoldLatin1(unsigned cp) {
  static const char* kMap[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0-CF
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0-EF
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};  // F0-FF
  return kMap[cp - 0xC0];
}

// Latin Extended-A (U+0100..U+017F) folded to ASCII, one letter per code point except the
// ligatures IJ and OE.
std::string_view FoldLatinExtA(unsigned cp) {
  if (cp == 0x132 || cp == 0x133) return "ij";
  if (cp == 0x152 || cp == 0x153) return "oe";
  // clang-format off
  static constexpr char kMap[] =
      "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "__"  // 0100-0133
      "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "__" "rrrrrr" "ssssssss"        // 0134-0161
      "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";                             // 0162-017F
  // clang-format on
  static_assert(sizeof(kMap) == 0x80 + 1);
  return std::string_view(&kMap[cp - 0x100], 1);
}

// Legal-form words, removed only at the end of a name ("Huawei Technologies Co., Ltd.").
const std::set<std::string, std::less<>>& LegalForms() {
  static const std::set<std::string, std::less<>> kForms = {
      "co",  "company", "corp", "corporation", "inc",  "incorporated", "ltd",  "limited",   "llc",    "plc",    "gmbh",
      "ag",  "sa",      "srl",  "spa",         "bv",   "nv",           "kk",   "pte",       "pty",    "oy",     "ab",
      "as",  "lp",      "llp",  "sarl",        "sas",  "jsc",          "ojsc", "pjsc",      "ooo",    "zao",    "bhd",
      "sdn", "fze",     "fzco", "fzc",         "ltda", "lda",          "kg",   "liability", "gongsi", "youxian"};
  return kForms;
}

// True when `a` becomes `b` by one inserted, deleted or replaced letter, or one swap of
// neighbouring letters.
bool OneEditApart(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or one letter appended
  if (a.size() < b.size()) return a.substr(i) == b.substr(i + 1);
  if (a.substr(i + 1) == b.substr(i + 1)) return true;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

// A legal-form word, also misspelt by one edit ("Corporaton") or cut short ("Corpo.", "Limit.")
// when it is long enough for that to be unambiguous.
bool IsLegalForm(std::string_view w) {
  if (LegalForms().count(w)) return true;
  for (const auto& form : LegalForms()) {
    if (form.size() < 7) continue;
    if (w.size() >= 6 && OneEditApart(w, form)) return true;
    if (w.size() >= 5 && form.starts_with(w)) return true;
  }
  return false;
}

// Abbreviations that are not prefixes of their word (prefixes are handled by the similarity).
std::string_view Expand(std::string_view w) {
  if (w == "intl") return "international";
  if (w == "natl") return "national";
  if (w == "mfg") return "manufacturing";
  return w;
}

// Decodes one UTF-8 code point at s[i]; returns its length (1 for an invalid byte, cp = byte).
size_t Decode(std::string_view s, size_t i, unsigned& cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  cp = c;
  if (len <= 1 || i + len > s.size()) return 1;
  unsigned out = c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 1;
    out = (out << 6) | (cc & 0x3F);
  }
  cp = out;
  return len;
}

// Splits a name into folded words in written order.
class WordSplitter {
 public:
  std::vector<std::string> Run(std::string_view name) {
    for (size_t i = 0; i < name.size();) {
      unsigned cp = 0;
      size_t len = Decode(name, i, cp);
      if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // fullwidth ASCII forms
      Char(cp, name.substr(i, len), NextIsLetter(name, i + len));
      i += len;
    }
    Break();
    return std::move(words_);
  }

 private:
  static bool NextIsLetter(std::string_view s, size_t i) {
    return i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]));
  }

  void Char(unsigned cp, std::string_view bytes, bool next_is_letter) {
    if (cp < 0x80 && std::isalnum(static_cast<int>(cp))) {
      char lower = static_cast<char>(std::tolower(static_cast<int>(cp)));
      Append(std::string_view(&lower, 1));
    } else if (cp == '\'' || cp == 0x2018 || cp == 0x2019 || (cp >= 0x300 && cp <= 0x36F)) {
      // apostrophes join ("Xi'an" -> "xian"); combining accents are dropped
    } else if (cp == '.' && segment_ == 1 && next_is_letter) {
      segment_ = 0;  // a dot between initials joins them: "S.A." -> "sa"
    } else if (cp == '&') {
      Break();
      words_.push_back("and");
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      Append(FoldLatin1(cp));
    } else if (cp >= 0x100 && cp <= 0x17F) {
      Append(FoldLatinExtA(cp));
    } else if (IsSeparator(cp)) {
      Break();
    } else {
      Append(bytes);  // letters of other scripts are kept as written
    }
  }

  // ASCII and Latin-1 symbols, general punctuation, CJK punctuation, fullwidth punctuation.
  static bool IsSeparator(unsigned cp) {
    return cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF00 && cp <= 0xFF65);
  }

  void Append(std::string_view s) {
    current_ += s;
    segment_ += s.empty() ? 0 : 1;
  }

  void Break() {
    if (!current_.empty()) words_.push_back(std::move(current_));
    current_.clear();
    segment_ = 0;
  }

  std::vector<std::string> words_;
  std::string current_;
  int segment_ = 0;  // letters since the word start or the last joined dot
};

}  // namespace

// Plural to singular for words of six letters or more, so "Industries" meets "Industry" and
// "Systems" meets "System" (shorter words are more often parts of split words or names).
std::string SingularPartyWord(std::string w) {
  if (w.size() > 5 && w.ends_with("ies")) return w.substr(0, w.size() - 3) + "y";
  bool plural = w.size() > 5 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is");
  if (plural) w.pop_back();
  return w;
}

std::string NormalizePartyName(std::string_view name) {
  std::vector<std::string> words = WordSplitter().Run(name);
  for (auto& w : words) w = std::string(Expand(w));
  if (words.size() > 1 && words.front() == "the") words.erase(words.begin());
  while (words.size() > 1 && IsLegalForm(words.back())) words.pop_back();
  for (auto& w : words) w = SingularPartyWord(std::move(w));
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace chipgate
