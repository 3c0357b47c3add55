// How a screened name matches a listed name, both as keys (party_name.h): equal (exact), alike
// (similar, scored by PartyNameSimilarity) or holding every listed word among other words
// (contains, scored by PartyNameCoverage). The screener (party_screen.h) and the test oracle
// decide every match with MatchPartyKeys, so the index can only change which names are scored,
// never a score. docs/screening.md, sections 2 and 3, give the rules and the threshold's reasons.
// Thread-safety: pure functions, callable from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace chipgate {

// Fuzzy matches scoring below this are not reported. One typo, swap, split word or abbreviation
// in an otherwise correct name of two or more words scores 0.90-0.98; names sharing only generic
// words, or a different place or brand, score clearly less (docs/screening.md, section 3).
inline constexpr double kPartyMatchThreshold = 0.85;

// A listed key with fewer letters is never matched by containment (a screened name holding it
// among other words), only by equality or similarity: short acronyms are found inside too many
// unrelated names.
inline constexpr int kMinContainedLetters = 4;

// Keys of more words are matched exactly only: the word alignment works on fixed-size arrays of
// words and word pairs (no allocation), and pairing costs the square of the words.
inline constexpr size_t kMaxFuzzyWords = 32;

// How a screened name matches a listed name or alias. The order is the order of strength.
enum class PartyMatchKind : uint8_t {
  kExact,     // equal keys: the party's effect applies
  kSimilar,   // PartyNameSimilarity >= kPartyMatchThreshold: `review`
  kContains,  // every word of the listed name found among more words: `review`
};

// Similarity of two normalised names (PartyNameKeys) in [0, 1]: 1 exactly when the
// keys are equal and non-empty, below 1 otherwise. Words are aligned one to one (equal, a
// prefix abbreviation, or within a small edit distance: WordSimilarity) or two to one (a split
// or joined word); the score is the matched share of both names' letters. Pure function; the
// screener reports exactly this score, and the test oracle uses it for brute-force screening.
double PartyNameSimilarity(std::string_view a_normalized, std::string_view b_normalized);

// The share of the listed key's letters that the screened key covers, when every word of the
// listed key is found in the screened key as it is, or split or joined (weighted kJoinedScore),
// in the alignment PartyNameSimilarity makes; 0 when some listed word is not found so (also when
// it is only similar), when the listed key has fewer than kMinContainedLetters letters, or when
// either key is empty. Pure function.
double PartyNameCoverage(std::string_view screened_normalized, std::string_view listed_normalized);

// How the screened key matches the listed key, and the score: exact (1), similar (the
// similarity), contains (the coverage); false when it does not match. The screener and the test
// oracle decide every match with this function.
bool MatchPartyKeys(std::string_view screened_normalized, std::string_view listed_normalized,
                    PartyMatchKind& kind, double& score);

// A score as shown in reason details: rounded down to two decimals ("0.93"), so a shown 0.85 is
// at or above the threshold and no fuzzy match shows 1.00.
std::string FormatMatchScore(double score);

}  // namespace chipgate
