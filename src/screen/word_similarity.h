// Similarity of two words of normalised names (party_name.h): equal, one abbreviating the other,
// a few letters apart, or one word written as two. The name similarity (party_match.h) aligns
// words with these measures, and the index (party_index.h) uses them to list each vocabulary
// word's similar words. docs/screening.md, section 2, gives the rules and their reasons.
// Thread-safety: pure functions, callable from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
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

// A word's signature in 64 bits, so that most words a look-up proposes can be rejected without
// reading their letters (each vocabulary word's string is a cache miss in a large list, its
// signature one of a compact array): bits 0-31 are its letters' low five bits as a set (bit
// c & 31 for each letter c), bits 32-39 its length capped at 255, bits 40-63 its first three
// letters (zero-padded).
inline uint64_t WordSignature(std::string_view w) {
  uint64_t mask = 0;
  for (char c : w) mask |= uint64_t{1} << (static_cast<unsigned char>(c) & 31);
  uint64_t len = w.size() < 255 ? w.size() : 255;
  uint64_t head = 0;
  for (size_t i = 0; i < 3; ++i)
    head = head << 8 | (i < w.size() ? static_cast<unsigned char>(w[i]) : 0u);
  return mask | len << 32 | head << 40;
}

// False only when WordSimilarity(a, b, true) is 0 for any words of signatures `a` and `b`: a
// pre-check in front of it that reads no letters. Equal words have equal signatures; an
// abbreviation needs the lengths of one (3 to 5 letters and at least 2 more) and the same first
// three letters; the edit rule needs at most 64 letters, a length difference within the limit
// and a letter difference (LetterDifference) within it, and each letter class in one word's set
// and not the other's is at least one letter of that difference, so the sets' symmetric
// difference is a lower bound of it. Lengths of 255 or more are never told apart: such words
// pass only when their signatures are equal.
inline bool MaybeSimilar(uint64_t a, uint64_t b) {
  if (a == b) return true;
  size_t la = (a >> 32) & 255, lb = (b >> 32) & 255;
  size_t lo = la < lb ? la : lb, hi = la < lb ? lb : la;
  if (lo >= kMinAbbreviation && lo <= kMaxAbbreviation && hi >= lo + 2 && (a >> 40) == (b >> 40))
    return true;
  if (hi > kMaxEditLength) return false;
  size_t limit = MaxHalfEdits(hi);
  if (2 * (hi - lo) > limit) return false;
  uint32_t differ = static_cast<uint32_t>(a ^ b);
  return static_cast<size_t>(__builtin_popcount(differ)) <= limit;
}

// True when `x` followed by `y` spells `whole`, or spells the plural of `whole` with `y` keeping
// at least three letters ("netw" + "orks": "network", "technolog" + "ies": "technology"). The
// plural is undone as keys undo it (SingularPartyWord). `x` may also be the singular a key made
// of a written plural, which is then what is joined: "elekro" + "mir" spells "elekrosmir" (written
// "Elekros mir", a word split three letters before its end after an "s").
bool IsConcatenation(std::string_view whole, std::string_view x, std::string_view y);

}  // namespace chipgate
