// The scoring functions of docs/screening.md, section 2 (party_match.h, word_similarity.h), on
// keys the normaliser never makes but a caller may pass: a key of spaces only, a doubled space,
// either side empty or of too many words for each of the three scores, a word longer than the
// edit-distance limit that two words would spell, and words too different in length for the
// edit-distance band.
#include <catch2/catch.hpp>
#include <string>

#include "screen/party_match.h"
#include "screen/word_similarity.h"

namespace chipgate::testing {
namespace {

// More than kMaxFuzzyWords distinct words.
std::string TooManyWords() {
  std::string out;
  for (size_t i = 0; i <= kMaxFuzzyWords; ++i)
    out += (out.empty() ? "" : " ") + std::string("word") + static_cast<char>('a' + i % 26) +
           static_cast<char>('a' + i / 26);
  return out;
}

}  // namespace

TEST_CASE("KeysWithoutWordsScoreNothing", "[screen]") {
  const std::string many = TooManyWords();
  for (const std::string& other : {std::string(" "), std::string(""), many}) {
    INFO("`" << other << "`");
    CHECK(PartyNameSimilarity(other, "huawei technology") == 0.0);
    CHECK(PartyNameSimilarity("huawei technology", other) == 0.0);
    CHECK(PartyNameCoverage(other, "huawei technology") == 0.0);
    CHECK(PartyNameCoverage("huawei technology", other) == 0.0);
    PartyMatchKind kind = PartyMatchKind::kExact;
    double score = -1;
    CHECK_FALSE(MatchPartyKeys(other, "huawei technology", kind, score));
    CHECK_FALSE(MatchPartyKeys("huawei technology", other, kind, score));
    CHECK(score == -1);  // untouched when there is no match
  }
}

TEST_CASE("ADoubledSpaceIsNoWord", "[screen]") {
  CHECK(PartyNameSimilarity("huawei  technology", "huawei technology") == 1.0);
  CHECK(PartyNameCoverage("cloud  huawei  technology", "huawei technology") == 1.0);
}

TEST_CASE("AWordLongerThanTheEditLimitIsNotJoined", "[screen]") {
  const std::string left(30, 'a'), right(kMaxEditLength - 30, 'b');
  // Two words spelling a listed word of kMaxEditLength letters join ...
  CHECK(PartyNameSimilarity(left + " " + right, left + right) == Approx(kJoinedScore));
  // ... one letter more and the listed word is too long to be compared at all.
  CHECK(PartyNameSimilarity(left + " " + right + "b", left + right + "b") == 0.0);
}

TEST_CASE("WordsTooDifferentInLengthAreBeyondAnyLimit", "[screen]") {
  // Limit 4 allows a band of 2 letters either side of the diagonal.
  CHECK(EditDistance("abc", "abcdef", 4) == 5);
  CHECK(EditDistance("abcdef", "abc", 4) == 5);
  CHECK(EditDistance("abcd", "abcdef", 4) == 4);
}

TEST_CASE("AConcatenationNeedsBothPartsAndEveryLetter", "[screen]") {
  CHECK(IsConcatenation("elekrosmir", "elekros", "mir"));
  CHECK(IsConcatenation("elekrosmir", "elekro", "mir"));  // a plural made singular by its key
  CHECK_FALSE(IsConcatenation("elekrosmir", "elekro", ""));
  CHECK_FALSE(IsConcatenation("elekrosmi", "elekro", "mir"));  // shorter than its parts
}

}  // namespace chipgate::testing
