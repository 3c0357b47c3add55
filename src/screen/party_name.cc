// Party-name normalisation: the keys under which list entries and screened names meet.
// "Huawei Technologies Co., Ltd." and "HUAWEI TECHNOLOGIES CO LTD" both become
// "huawei technology"; word order is ignored ("Technologies Huawei" matches too). The characters
// are read by name_readings.cc (ICU, for anything but ASCII); this file makes words and keys.
// The steps are specified in docs/screening.md, section 1; the index (party_index.cc), the
// screener (party_screen.cc) and the test oracle all build on these keys.
#include "screen/party_name.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "screen/name_readings.h"

namespace chipgate {
namespace {

// Legal-form words, removed only at the end of a name ("Huawei Technologies Co., Ltd."). The
// pinyin ones are how Chinese legal forms read once transliterated by word (有限公司, 股份, 责任).
const std::set<std::string, std::less<>>& LegalForms() {
  static const std::set<std::string, std::less<>> kForms = {"co",
                                                            "company",
                                                            "corp",
                                                            "corporation",
                                                            "inc",
                                                            "incorporated",
                                                            "ltd",
                                                            "limited",
                                                            "llc",
                                                            "plc",
                                                            "gmbh",
                                                            "ag",
                                                            "sa",
                                                            "srl",
                                                            "spa",
                                                            "bv",
                                                            "nv",
                                                            "kk",
                                                            "pte",
                                                            "pty",
                                                            "oy",
                                                            "ab",
                                                            "as",
                                                            "lp",
                                                            "llp",
                                                            "sarl",
                                                            "sas",
                                                            "jsc",
                                                            "ojsc",
                                                            "pjsc",
                                                            "ooo",
                                                            "zao",
                                                            "bhd",
                                                            "sdn",
                                                            "fze",
                                                            "fzco",
                                                            "fzc",
                                                            "ltda",
                                                            "lda",
                                                            "kg",
                                                            "liability",
                                                            "gongsi",
                                                            "youxian",
                                                            "cjsc",
                                                            "oao",
                                                            "pao",
                                                            "youxiangongsi",
                                                            "gufen",
                                                            "zeren"};
  return kForms;
}

// Legal forms written before the name, as Russian ones are ("ООО Ромашка" reads "ooo romashka"),
// removed only at its start.
bool IsLeadingLegalForm(std::string_view w) {
  return w == "ooo" || w == "oao" || w == "zao" || w == "pao" || w == "jsc" || w == "ojsc" ||
         w == "pjsc" || w == "cjsc";
}

// Legal forms also recognised misspelt by one edit or cut short (seven letters or more; the
// pinyin forms are exact only, as their prefixes are ordinary words).
bool IsFuzzyLegalForm(std::string_view form) { return form.size() >= 7 && form != "youxiangongsi"; }

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
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);
}

// A legal-form word, also misspelt by one edit ("Corporaton") or cut short ("Corpo.", "Limit.")
// when it is long enough for that to be unambiguous.
bool IsLegalForm(std::string_view w) {
  if (LegalForms().count(w)) return true;
  for (const auto& form : LegalForms()) {
    if (!IsFuzzyLegalForm(form)) continue;
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

bool IsSingleLetter(const std::string& w) { return w.size() == 1 && w[0] >= 'a' && w[0] <= 'z'; }

// Splits one reading into words in written order: ASCII letters and digits lower-cased, letters
// of other scripts kept; apostrophes join ("Xi'an" -> "xian"); `&` is the word "and"; anything
// else that is not part of a word (IsNameWordCodePoint) breaks words. Runs of single letters are
// one word: "S M I C", "S-M-I-C", "N. U. D. T." and "S.A." read "smic", "nudt", "sa".
std::vector<std::string> SplitWords(std::u32string_view reading) {
  std::vector<std::string> words;
  std::string current;
  bool initials = false;  // the last word was made of single letters only
  auto brk = [&] {
    if (current.empty()) return;
    bool single = IsSingleLetter(current);
    if (single && initials) {
      words.back() += current;
    } else {
      words.push_back(current);
    }
    initials = single;
    current.clear();
  };
  for (char32_t cp : reading) {
    if (cp < 0x80 && IsNameWordCodePoint(cp)) {
      current += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
    } else if (cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) {
      // apostrophes join
    } else if (cp == '&') {
      brk();
      words.push_back("and");
      initials = false;
    } else if (cp >= 0x80 && IsNameWordCodePoint(cp)) {
      AppendUtf8(current, cp);
    } else {
      brk();
    }
  }
  brk();
  return words;
}

// The key of one reading (docs/screening.md, section 1, "Words and keys"). Each step removes a
// way in which two documents write the same company differently. A name never loses its last
// word, so a name with a letter or digit always has a key ("Co., Ltd." is "co").
std::string KeyOf(std::u32string_view reading) {
  std::vector<std::string> words = SplitWords(reading);
  // "Intl" and "International" are one word; prefix abbreviations ("Tech.") are left to the
  // similarity, which scores them below equal words.
  for (auto& w : words) w = std::string(Expand(w));
  // "The Huawei ..." and "Huawei ...": the article is written or left out at will.
  if (words.size() > 1 && words.front() == "the") words.erase(words.begin());
  // Legal forms ("Co., Ltd.", "Limited", "OOO") are written, abbreviated or left out at will.
  // Only at the ends: inside a name a legal-form word may be part of it.
  while (words.size() > 1 && IsLeadingLegalForm(words.front())) words.erase(words.begin());
  while (words.size() > 1 && IsLegalForm(words.back())) words.pop_back();
  // "Industries" and "Industry", "Systems" and "System".
  for (auto& w : words) w = SingularPartyWord(std::move(w));
  // Word order differs between lists and languages ("Technologies Huawei").
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

// Plural to singular for words of six letters or more, so "Industries" meets "Industry" and
// "Systems" meets "System" (shorter words are more often parts of split words or names).
std::string SingularPartyWord(std::string w) {
  if (w.size() > 5 && w.ends_with("ies")) return w.substr(0, w.size() - 3) + "y";
  bool plural = w.size() > 5 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") &&
                !w.ends_with("is");
  if (plural) w.pop_back();
  return w;
}

std::vector<std::string> PartyNameKeys(std::string_view name, bool force_unicode) {
  std::vector<std::string> keys;
  for (const auto& reading : NameReadings(name, force_unicode)) {
    std::string key = KeyOf(reading);
    if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end())
      keys.push_back(std::move(key));
  }
  return keys;
}

std::vector<std::string_view> KeyWords(std::string_view key) {
  std::vector<std::string_view> out;
  for (size_t pos = 0; pos < key.size();) {
    size_t end = std::min(key.find(' ', pos), key.size());
    if (end > pos) out.push_back(key.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

int KeyLetters(const std::vector<std::string_view>& words) {
  int n = 0;
  for (auto w : words) n += static_cast<int>(w.size());
  return n;
}

}  // namespace chipgate
