// Tests for name similarity, coverage and match kinds (src/screen/party_match.h), on keys as
// PartyNameKeys writes them (words sorted, single spaces).
#include "screen/party_match.h"

#include <catch2/catch.hpp>
#include <string>

#include "screen/word_similarity.h"

namespace chipgate::testing {

TEST_CASE("SimilarityIsOneOnlyForEqualKeys", "[screen]") {
  CHECK(PartyNameSimilarity("huawei technology", "huawei technology") == 1.0);
  CHECK(PartyNameSimilarity("", "") == 0.0);
  CHECK(PartyNameSimilarity("huawei", "") == 0.0);
  CHECK(PartyNameSimilarity("huawei huawei", "huawei") < 1.0);
  CHECK(PartyNameSimilarity("hua wei", "huawei") < 1.0);
  CHECK(PartyNameSimilarity("abc", "xyz") == 0.0);
  CHECK(FormatMatchScore(0.999) == "0.99");
  CHECK(FormatMatchScore(0.93) == "0.93");
}

TEST_CASE("MatchKindsFollowTheThresholds", "[screen]") {
  struct Case {
    const char* screened;
    const char* listed;
    bool matches;
    PartyMatchKind kind;
    const char* score;
  };
  const Case kCases[] = {
      {"smic", "smic", true, PartyMatchKind::kExact, "1.00"},
      {"huawei technolgy", "huawei technology", true, PartyMatchKind::kSimilar, "0.93"},
      {"huawei tech", "huawei technology", true, PartyMatchKind::kSimilar, "0.94"},
      {"hua technology wei", "huawei technology", true, PartyMatchKind::kSimilar, "0.98"},
      // Similarity 0.74, but every listed word is there: contains.
      {"deutschland huawei technology", "huawei technology", true, PartyMatchKind::kContains,
       "1.00"},
      {"europe smic", "smic", true, PartyMatchKind::kContains, "1.00"},
      {"abc europe", "abc", false, PartyMatchKind::kExact, ""},  // under kMinContainedLetters
      {"huawen trading", "huawei technology", false, PartyMatchKind::kExact, ""},
      {"huawen trading", "huawei", false, PartyMatchKind::kExact, ""},
      {"", "smic", false, PartyMatchKind::kExact, ""},
  };
  for (const auto& c : kCases) {
    INFO(c.screened << " / " << c.listed);
    PartyMatchKind kind = PartyMatchKind::kExact;
    double score = -1;
    REQUIRE(MatchPartyKeys(c.screened, c.listed, kind, score) == c.matches);
    if (!c.matches) continue;
    CHECK(kind == c.kind);
    CHECK(FormatMatchScore(score) == c.score);
    CHECK(score >= kPartyMatchThreshold);
  }
}

TEST_CASE("CoverageNeedsEveryListedWordAsItIsOrJoined", "[screen]") {
  CHECK(PartyNameCoverage("cloud huawei technolgy", "huawei") == 1.0);
  CHECK(PartyNameCoverage("cloud huawei technolgy", "huawei technology") == 0.0);  // misspelt
  CHECK(PartyNameCoverage("cloud hua wei", "huawei") == Approx(kJoinedScore));
  CHECK(PartyNameCoverage("abc europe", "abc") == 0.0);
  CHECK(PartyNameCoverage("", "huawei") == 0.0);
}

TEST_CASE("KeysOfTooManyWordsMatchOnlyExactly", "[screen]") {
  std::string many, fewer;
  for (size_t i = 0; i <= kMaxFuzzyWords; ++i) {
    std::string w = "word" + std::string(1, static_cast<char>('a' + i % 26)) +
                    std::string(1, static_cast<char>('a' + i / 26));
    many += (many.empty() ? "" : " ") + w;
    if (i > 0) fewer += (fewer.empty() ? "" : " ") + w;
  }
  CHECK(PartyNameSimilarity(many, many) == 1.0);
  CHECK(PartyNameSimilarity(many, fewer) == 0.0);
  CHECK(PartyNameSimilarity(fewer, many) == 0.0);
  PartyMatchKind kind;
  double score = 0;
  CHECK_FALSE(MatchPartyKeys(many, fewer, kind, score));
  CHECK(MatchPartyKeys(many, many, kind, score));
  CHECK(kind == PartyMatchKind::kExact);
}

// A word split three letters before its end after an "s" ("Elekros mir" for "Elekrosmir"):
// the key holds the first part in the singular ("elekro"), and the parts still join, either
// way round and for containment, as any split word does (0.95 for the group).
TEST_CASE("AWordSplitAfterAPluralEndingStillJoins", "[screen]") {
  CHECK(PartyNameSimilarity("elekro mir scientific", "elekrosmir scientific") ==
        Approx((0.95 * 19 + 20) / 39));
  CHECK(PartyNameSimilarity("elekrosmir scientific", "elekro mir scientific") ==
        Approx((0.95 * 19 + 20) / 39));
  CHECK(PartyNameSimilarity("han industry xunxiang", "industry xunxiangshan") ==
        Approx((0.95 * 23 + 16) / 39));
  CHECK(PartyNameCoverage("cloud elekro mir", "elekrosmir") == Approx(0.95));
  PartyMatchKind kind;
  double score = 0;
  REQUIRE(MatchPartyKeys("elekro mir scientific", "elekrosmir scientific", kind, score));
  CHECK(kind == PartyMatchKind::kSimilar);
}

}  // namespace chipgate::testing
