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

// The signature pre-check never rejects a pair the word similarity accepts: random pairs over
// small alphabets (many near pairs: edits, swaps, abbreviations, equal words) and edits of
// realistic words, of every length up to past kMaxEditLength and the signature's length cap,
// with bytes above 0x7f (UTF-8) and letters whose low five bits collide ('a' and 'A', '1' and
// 'q'). It must also reject some (a check that passes everything would pass this test too).
TEST_CASE("SignaturesNeverRejectASimilarPair", "[screen]") {
  std::mt19937 rng(13);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const std::vector<std::string> alphabets = {"ab", "abcd", "aAqQ1", "abcdefghijklmnopqrstuvwxyz",
                                              "\xc3\xa4\xb6\xbcou"};
  auto word = [&](const std::string& alphabet, size_t len) {
    std::string w;
    for (size_t i = 0; i < len; ++i)
      w += alphabet[static_cast<size_t>(pick(0, static_cast<int>(alphabet.size()) - 1))];
    return w;
  };
  // `w` with up to `edits` random edits (insert, delete, replace, swap) or cut to a prefix.
  auto edit = [&](std::string w, const std::string& alphabet, int edits) {
    for (int e = 0; e < edits; ++e) {
      size_t at = w.empty() ? 0 : static_cast<size_t>(pick(0, static_cast<int>(w.size()) - 1));
      switch (pick(0, 4)) {
        case 0:
          w.insert(w.begin() + static_cast<std::ptrdiff_t>(at), word(alphabet, 1)[0]);
          break;
        case 1:
          if (!w.empty()) w.erase(at, 1);
          break;
        case 2:
          if (!w.empty()) w[at] = word(alphabet, 1)[0];
          break;
        case 3:
          if (at + 1 < w.size()) std::swap(w[at], w[at + 1]);
          break;
        default:
          w.resize(std::min(w.size(), static_cast<size_t>(pick(3, 5))));
      }
    }
    return w;
  };
  const std::vector<std::string> realistic = {"technology", "huawei",      "zhongshenghua",
                                              "beijing",    "instruments", "electronics",
                                              "ltd",        "tech"};
  size_t accepted = 0, rejected = 0, prechecked_out = 0;
  auto check = [&](const std::string& a, const std::string& b) {
    bool similar = WordSimilarity(a, b, true) > 0;
    bool maybe = MaybeSimilar(WordSignature(a), WordSignature(b));
    INFO(a << " / " << b);
    if (similar) CHECK(maybe);
    (similar ? accepted : rejected) += 1;
    if (!maybe) ++prechecked_out;
  };
  for (int i = 0; i < 200000; ++i) {
    const std::string& alphabet = alphabets[static_cast<size_t>(i) % alphabets.size()];
    int longest = i % 50 == 0 ? 300 : (i % 7 == 0 ? 70 : 16);
    std::string a = word(alphabet, static_cast<size_t>(pick(0, longest)));
    check(a, edit(a, alphabet, pick(0, 4)));
    check(a, word(alphabet, static_cast<size_t>(pick(0, longest))));
  }
  for (const std::string& w : realistic) {
    for (int i = 0; i < 2000; ++i) check(w, edit(w, alphabets[3], pick(0, 3)));
  }
  check(std::string(300, 'a'), std::string(300, 'a'));  // equal, beyond the length cap
  check(std::string(300, 'a'), std::string(299, 'a'));
  check("tec", std::string("tec") + std::string(290, 'h'));  // an abbreviation of a long word
  CHECK(WordSignature("ab") != WordSignature("ba"));
  CHECK(accepted > 1000);
  CHECK(prechecked_out > rejected / 2);
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
