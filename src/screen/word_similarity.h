// Similarity of two words of normalised names (party_name.h): equal, one abbreviating the other,
// a few letters apart, or one word written as two. The name similarity (party_match.h) aligns
// words with these measures, and the index (party_index.h) uses them to list each vocabulary
// word's similar words. docs/screening.md, section 2, gives the rules and their reasons.
// Thread-safety: pure functions, callable from any thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace chipgate {

// Longer words are compared for equality and abbreviation only, and never joined from or split
// into two words: the edit distance of such words would cost more than it could find.
inline constexpr size_t kMaxEditLength = 64;

// An abbreviation is the first 3 to 5 letters of a word at least 2 letters longer ("tech" for
// "technology"). Shorter prefixes are too often the start of unrelated words.
inline constexpr size_t kMinAbbreviation = 3;
inline constexpr size_t kMaxAbbreviation = 5;
// Less than an equal word; an abbreviated word among otherwise equal words keeps the name's
// similarity at 0.9 or more, above the match threshold (party_match.h).
inline constexpr double kAbbreviationScore = 0.9;
// Two words written as one ("hua wei" for "huawei"): almost as good as equal, and still below 1
// so that a split name is never an exact match.
inline constexpr double kJoinedScore = 0.95;

// How far two words of at most `len` letters may differ and still be similar: a quarter of the
// letters, counted in half edits (a swap of two neighbouring letters is half an edit). So the
// similarity of an accepted pair, 1 - half_edits / (2 * len), is never below 0.75.
inline size_t MaxHalfEdits(size_t len) { return len / 2; }

// Optimal-string-alignment distance of two words in half edits (insert, delete, replace: 2;
// swap of neighbours: 1), or limit + 1 once it is certain to exceed `limit`. Words have at most
// kMaxEditLength letters.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// A lower bound of the half-edit distance, to skip most unrelated words cheaply: the letters
// the two words do not have in common. Each costs at least one half edit (a replacement, two
// half edits, accounts for two; a swap for none). Letters are counted by their low five bits.
inline size_t LetterDifference(std::string_view a, std::string_view b) {
  int count[32] = {};
  for (char c : a) ++count[static_cast<unsigned char>(c) & 31];
  for (char c : b) --count[static_cast<unsigned char>(c) & 31];
  size_t diff = 0;
  for (int n : count) diff += static_cast<size_t>(n < 0 ? -n : n);
  return diff;
}

inline bool IsAbbreviation(std::string_view shorter, std::string_view longer) {
  return shorter.size() >= kMinAbbreviation && shorter.size() <= kMaxAbbreviation &&
         longer.size() >= shorter.size() + 2 && longer.starts_with(shorter);
}

// Similarity of two words: 1 when equal; kAbbreviationScore when one abbreviates the other and
// `allow_abbreviation`; 1 - half_edits / (2 * longer length) when at most MaxHalfEdits differ;
// the largest of those that applies, else 0. Inline, as are the cheap tests before the edit
// distance: the alignment calls it for every pair of words of every candidate, and most pairs
// are rejected by those tests.
inline double WordSimilarity(std::string_view a, std::string_view b, bool allow_abbreviation) {
  if (a == b) return 1;
  size_t lo = a.size() < b.size() ? a.size() : b.size();
  size_t hi = a.size() < b.size() ? b.size() : a.size();
  double s = 0;
  if (allow_abbreviation && (IsAbbreviation(a, b) || IsAbbreviation(b, a))) s = kAbbreviationScore;
  size_t limit = MaxHalfEdits(hi);
  // A length difference costs two half edits per letter; checking it and the letter difference
  // first leaves the edit distance to the few pairs that may pass.
  if (hi <= kMaxEditLength && 2 * (hi - lo) <= limit && LetterDifference(a, b) <= limit) {
    size_t d = EditDistance(a, b, limit);
    double e = 1.0 - static_cast<double>(d) / static_cast<double>(2 * hi);
    if (d <= limit && e > s) s = e;
  }
  return s;
}

// True when `x` followed by `y` spells `whole`, or spells the plural of `whole` with `y` keeping
// at least three letters ("netw" + "orks": "network", "technolog" + "ies": "technology"). The
// plural is undone as keys undo it (SingularPartyWord). `x` may also be the singular a key made
// of a written plural, which is then what is joined: "elekro" + "mir" spells "elekrosmir" (written
// "Elekros mir", a word split three letters before its end after an "s").
bool IsConcatenation(std::string_view whole, std::string_view x, std::string_view y);

}  // namespace chipgate
