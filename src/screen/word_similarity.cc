// Word similarity: a banded edit distance in half edits, with a cheap lower bound in front of it,
// abbreviations, and words joined or split. Words are compared byte by byte: they come from keys,
// which are UTF-8 and already lower case (party_name.h).
#include "screen/word_similarity.h"

#include <algorithm>
#include <array>
#include <string>

#include "screen/party_name.h"

namespace chipgate {

// Only cells within limit / 2 of the diagonal can stay within the limit, so only that band of
// each row is filled; three rows of fixed size suffice (a swap reads two rows back), so nothing
// is allocated.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  const size_t inf = limit + 1, band = limit / 2;  // cells further off the diagonal cost more
  if (a.size() > b.size() + band || b.size() > a.size() + band) return inf;
  std::array<size_t, kMaxEditLength + 2> rows[3];
  size_t *prev2 = rows[0].data(), *prev = rows[1].data(), *cur = rows[2].data();
  for (size_t j = 0; j <= b.size() + 1; ++j) prev[j] = std::min(2 * j, inf);
  size_t prev_min = 0;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t lo = i > band ? i - band : 1, hi = std::min(b.size(), i + band);
    cur[0] = std::min(2 * i, inf);
    cur[lo - 1] = lo > 1 ? inf : cur[0];  // left of the band
    cur[hi + 1] = inf;                    // right of the band, read by the next row
    size_t row_min = cur[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 2;
      cur[j] = std::min({prev[j] + 2, cur[j - 1] + 2, prev[j - 1] + cost, inf});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit && prev_min > limit) return inf;  // a swap may skip one row, not two
    prev_min = row_min;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], inf);
}

namespace {

// `x` followed by `y` spells `whole`, or its plural with `y` keeping three letters or more.
bool SpellsWhole(std::string_view whole, std::string_view x, std::string_view y) {
  if (!whole.starts_with(x)) return false;
  size_t n = x.size() + y.size();
  if (n == whole.size()) return whole.substr(x.size()) == y;
  // A plural adds one letter ("s") or two ("ies" for "y"); anything else cannot be one.
  if (y.size() < 3 || n < whole.size() + 1 || n > whole.size() + 2) return false;
  return SingularPartyWord(std::string(x).append(y)) == whole;
}

}  // namespace

bool IsConcatenation(std::string_view whole, std::string_view x, std::string_view y) {
  if (SpellsWhole(whole, x, y)) return true;
  // `x` may be a written plural that its key made singular ("elekros" of "Elekros mir" is
  // "elekro"): try the written forms that fold to it, "xs" and, for a final "y", "x...ies".
  if (x.size() < 5 || y.empty() || whole.size() < x.size() + y.size()) return false;
  std::string written(x);
  written.push_back('s');
  if (SingularPartyWord(written) == x && SpellsWhole(whole, written, y)) return true;
  if (!x.ends_with('y')) return false;
  written.assign(x.substr(0, x.size() - 1)).append("ies");
  return SingularPartyWord(written) == x && SpellsWhole(whole, written, y);
}

}  // namespace chipgate
