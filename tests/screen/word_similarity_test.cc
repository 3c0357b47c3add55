// Tests for word similarity (src/screen/word_similarity.h): the banded edit distance against a
// plain one, abbreviations, and words joined or split.
#include "screen/word_similarity.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "screen/party_match.h"

namespace chipgate::testing {

// The banded edit distance against a plain one: the score of two words, and so of two one-word
// names, is 1 - half_edits / (2 * longer length) when a quarter or less of the letters differ.
TEST_CASE("OneWordScoresFollowTheEditDistance", "[screen]") {
  auto reference = [](const std::string& a, const std::string& b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = 2 * i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = 2 * j;
    for (size_t i = 1; i <= a.size(); ++i) {
      for (size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min(
            {d[i - 1][j] + 2, d[i][j - 1] + 2, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 2)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    size_t hi = std::max(a.size(), b.size());
    return d[a.size()][b.size()] <= hi / 2
               ? 1.0 - static_cast<double>(d[a.size()][b.size()]) / static_cast<double>(2 * hi)
               : 0.0;
  };
  std::mt19937 rng(11);
  auto word = [&](size_t len) {
    std::string w;
    for (size_t i = 0; i < len; ++i)
      w += static_cast<char>('a' + std::uniform_int_distribution<int>(0, 3)(rng));
    return w;
  };
  for (int i = 0; i < 3000; ++i) {
    std::string a = word(std::uniform_int_distribution<size_t>(1, 14)(rng));
    std::string b = word(std::uniform_int_distribution<size_t>(1, 14)(rng));
    if (a == b) continue;
    INFO(a << " / " << b);
    CHECK(WordSimilarity(a, b, false) == reference(a, b));
    CHECK(PartyNameSimilarity(a, b) == reference(a, b));  // a one-word name is that word
  }
}

TEST_CASE("AbbreviationsScoreBelowEqualWords", "[screen]") {
  CHECK(WordSimilarity("tech", "technology", true) == kAbbreviationScore);
  CHECK(WordSimilarity("technology", "tech", true) == kAbbreviationScore);
  CHECK(WordSimilarity("tech", "technology", false) == 0.0);   // too far apart otherwise
  CHECK(WordSimilarity("te", "technology", true) == 0.0);      // shorter than kMinAbbreviation
  CHECK(WordSimilarity("techno", "technology", true) == 0.0);  // longer than kMaxAbbreviation
  // One letter more is an edit (2 half edits of 10), not an abbreviation.
  CHECK(WordSimilarity("tech", "techs", true) == 1.0 - 2.0 / 10.0);
  CHECK(WordSimilarity("huawei", "huawei", false) == 1.0);
}

TEST_CASE("ConcatenationsSpellTheWholeWordOrItsPlural", "[screen]") {
  CHECK(IsConcatenation("huawei", "hua", "wei"));
  CHECK_FALSE(IsConcatenation("huawei", "wei", "hua"));  // in this order only
  CHECK(IsConcatenation("network", "netw", "orks"));
  CHECK(IsConcatenation("technology", "technolog", "ies"));
  CHECK_FALSE(IsConcatenation("network", "networ", "ks"));  // a plural part keeps three letters
  CHECK_FALSE(IsConcatenation("huawei", "hua", "weiyy"));
}

// A first part ending in a plural is held by its key in the singular ("Elekros" -> "elekro",
// "Industries" -> "industry"); it still joins as written.
TEST_CASE("ConcatenationsJoinAFirstPartMadeSingular", "[screen]") {
  CHECK(IsConcatenation("elekrosmir", "elekro", "mir"));
  CHECK(IsConcatenation("industriesgaz", "industry", "gaz"));
  CHECK_FALSE(IsConcatenation("elekrosmirs", "elekro", "mir"));  // "mirs" is not "mir"
  CHECK_FALSE(IsConcatenation("elekrosmir", "elekr", "mir"));    // a word of five letters
  CHECK_FALSE(IsConcatenation("bonussmir", "bonus", "mir"));     // "bonuss" is not made "bonus"
  CHECK_FALSE(IsConcatenation("elekroxmir", "elekro", "mir"));
}

}  // namespace chipgate::testing
