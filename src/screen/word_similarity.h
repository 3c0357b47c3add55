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

// Similarity of two words: 1 when equal; kAbbreviationScore when one abbreviates the other and
// `allow_abbreviation`; 1 - half_edits / (2 * longer length) when at most MaxHalfEdits differ
// (half edits: insert, delete, replace 2, swap of neighbours 1); the largest of those that
// applies, else 0.
double WordSimilarity(std::string_view a, std::string_view b, bool allow_abbreviation);

// True when `x` followed by `y` spells `whole`, or spells the plural of `whole` with `y` keeping
// at least three letters ("netw" + "orks": "network", "technolog" + "ies": "technology"). The
// plural is undone as keys undo it (SingularPartyWord).
bool IsConcatenation(std::string_view whole, std::string_view x, std::string_view y);

}  // namespace chipgate
