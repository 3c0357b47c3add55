// Tests for party-name keys (src/screen/party_name.h): how names normalise to keys, that the
// ASCII shortcut gives the keys the ICU path would, and the words of a key.
#include "screen/party_name.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

namespace chipgate::testing {
namespace {

// The keys of a name, joined with " | " for compact expectations.
std::string Keys(std::string_view name) {
  std::string out;
  for (const auto& k : PartyNameKeys(name)) out += (out.empty() ? "" : " | ") + k;
  return out;
}

}  // namespace

TEST_CASE("PartyNamesNormaliseToOneKey", "[screen]") {
  struct Case {
    const char* name;
    const char* key;
  };
  const Case kCases[] = {
      {"Huawei Technologies Co., Ltd.", "huawei technology"},
      {"HUAWEI TECHNOLOGIES CO LTD", "huawei technology"},
      {"Technologies Huawei", "huawei technology"},
      {"The Huawei Technologies Company Limited", "huawei technology"},
      {"Huawei Technologies Co.,Ltd", "huawei technology"},
      {"Huawei Technologies Corporaton", "huawei technology"},  // a misspelt legal form
      {"Société Générale de Calcul S.A.", "calcul de generale societe"},
      {"SOCIETE GENERALE DE CALCUL SA", "calcul de generale societe"},
      {"Societe\xCC\x81 Ge\xCC\x81ne\xCC\x81rale de Calcul",
       "calcul de generale societe"},  // combining accents
      {"Łódź Elektronik Sp", "elektronik lodz sp"},
      {"Straße Æther Øresund Þór", "aether oresund strasse thor"},
      {"Xi'an Microelectronics", "microelectronic xian"},
      {"Research & Development Inc.", "and development research"},
      {"Sugon Company Information Industry",
       "company industry information sugon"},  // only at the end
      {"Semiconductor Manufacturing Intl Corp", "international manufacturing semiconductor"},
      {"\xEF\xBC\xA8\xEF\xBC\xB5\xEF\xBC\xA1\xEF\xBC\xB7\xEF\xBC\xA5\xEF\xBC\xA9",
       "huawei"},                              // fullwidth
      {"华为技术有限公司", "huawei jishu"},    // pinyin by word; 有限公司 is a legal form
      {"ООО Ромашка", "pomashka | romashka"},  // a legal form before the name; read by look too
      {"S.M.I.C.", "smic"},
      {"N. U. D. T.", "nudt"},
      {"AT&T Inc", "and at t"},  // `&` is a word: the letters around it are not joined
      {"Co., Ltd.", "co"},
      {"  ...  ", ""},
      {"\xE2\x80\x8B\xEF\xBB\xBF", ""},  // invisible only
  };
  for (const auto& c : kCases) {
    INFO(c.name);
    CHECK(Keys(c.name) == c.key);
  }
}

// Names of ASCII characters skip ICU; that shortcut must give exactly the keys ICU would.
TEST_CASE("AsciiShortcutGivesTheKeysOfTheUnicodePath", "[screen]") {
  std::string all;
  for (int c = 1; c < 128; ++c) all += static_cast<char>(c);
  CHECK(PartyNameKeys(all) == PartyNameKeys(all, true));
  for (int c = 1; c < 128; ++c) {
    std::string name = "Hua" + std::string(1, static_cast<char>(c)) + "wei Tech";
    INFO(c);
    CHECK(PartyNameKeys(name) == PartyNameKeys(name, true));
  }
  std::mt19937 rng(3);
  const std::string alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-&'()/_\t";
  for (int i = 0; i < 3000; ++i) {
    std::string name;
    for (int k = std::uniform_int_distribution<int>(0, 30)(rng); k > 0; --k) {
      name += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
    }
    INFO(name);
    CHECK(PartyNameKeys(name) == PartyNameKeys(name, true));
  }
}

TEST_CASE("SingularPartyWordUndoesPluralsOfLongWords", "[screen]") {
  CHECK(SingularPartyWord("industries") == "industry");
  CHECK(SingularPartyWord("systems") == "system");
  CHECK(SingularPartyWord("works") == "works");  // five letters: kept
  CHECK(SingularPartyWord("business") == "business");
  CHECK(SingularPartyWord("campus") == "campus");
  CHECK(SingularPartyWord("analysis") == "analysis");
}

TEST_CASE("KeyWordsAndLettersOfAKey", "[screen]") {
  using Words = std::vector<std::string_view>;
  CHECK(KeyWords("huawei technology") == Words{"huawei", "technology"});
  CHECK(KeyWords("smic") == Words{"smic"});
  CHECK(KeyWords("").empty());
  CHECK(KeyWords(" a  b ") == Words{"a", "b"});
  CHECK(KeyLetters(KeyWords("huawei technology")) == 16);
  CHECK(KeyLetters({}) == 0);
  // Every key PartyNameKeys makes is its words joined by single spaces.
  for (const auto& key : PartyNameKeys("Huawei Technologies Co., Ltd. (Shenzhen) Xi'an")) {
    std::string joined;
    for (auto w : KeyWords(key)) joined += (joined.empty() ? "" : " ") + std::string(w);
    CHECK(joined == key);
  }
}

}  // namespace chipgate::testing
