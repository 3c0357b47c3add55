// The word alignment behind the name similarity and the coverage: joined and split words first,
// then the remaining words paired greedily, best pair first. Words and candidate pairs live in
// fixed-size arrays (kMaxFuzzyWords), so matching two keys does not allocate; the screener runs
// it for every candidate it proposes.
#include "screen/party_match.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "screen/word_similarity.h"

namespace chipgate {
namespace {

// The words of a normalised name, at most kMaxFuzzyWords of them, with a flag per word once it
// is aligned.
struct Words {
  std::array<std::string_view, kMaxFuzzyWords> at;
  std::array<char, kMaxFuzzyWords> used{};
  size_t size = 0;
  int letters = 0;

  // False when `key` has more than kMaxFuzzyWords words.
  bool Split(std::string_view key) {
    for (size_t pos = 0; pos < key.size();) {
      size_t end = std::min(key.find(' ', pos), key.size());
      if (end > pos) {
        if (size == kMaxFuzzyWords) return false;
        at[size++] = key.substr(pos, end - pos);
        letters += static_cast<int>(end - pos);
      }
      pos = end + 1;
    }
    return true;
  }
  bool Contains(std::string_view w) const {
    return std::find(at.begin(), at.begin() + size, w) != at.begin() + size;
  }
};

// A cheap test before IsConcatenation: `whole` begins with `x`, or with `x` less a final "y"
// (a first part whose key made "...ies" into "...y").
bool JoinMayStart(std::string_view whole, std::string_view x) {
  if (whole.starts_with(x)) return true;
  return x.size() >= 5 && x.ends_with('y') && whole.starts_with(x.substr(0, x.size() - 1));
}

// The word alignment of a screened name `a` and a listed name `b`. `matched_` sums, over aligned
// words, the pair's similarity times the letters of the words it covers; `matched_b_` the same
// over the listed name's letters only, counting only words found as they are, joined or split.
class Aligner {
 public:
  Aligner(Words& a, Words& b) : a_(a), b_(b) {}

  // Joins go first: otherwise "hua" of "hua wei tech" would pair with "huawei" as an
  // abbreviation and leave "wei" unaligned.
  void Run() {
    Join(a_, b_, false);
    Join(b_, a_, true);
    Pair();
  }
  double Similarity() const { return matched_ / (a_.letters + b_.letters); }
  // Every listed word must be found as it is, or joined or split; a merely similar word is not
  // enough (a listed name plus other words, and also misspelt, is too loose a match).
  double Coverage() const {
    for (size_t k = 0; k < b_.size; ++k) {
      if (!b_.used[k] || !b_found_[k]) return 0;
    }
    return matched_b_ / b_.letters;
  }

 private:
  // Two unused words of `x` written as one word of `y` ("hua wei" / "huawei"), unless that
  // word also appears in `x` as it is. Pairs are tried in order of their first word.
  void Join(Words& x, Words& y, bool x_is_listed) {
    for (size_t k = 0; k < y.size; ++k) {
      if (y.used[k] || y.at[k].size() > kMaxEditLength || x.Contains(y.at[k])) continue;
      for (size_t i = 0; i < x.size && !y.used[k]; ++i) {
        if (x.used[i] || !JoinMayStart(y.at[k], x.at[i])) continue;
        for (size_t j = 0; j < x.size && !y.used[k]; ++j) {
          if (j == i || x.used[j] || !IsConcatenation(y.at[k], x.at[i], x.at[j])) continue;
          x.used[i] = x.used[j] = y.used[k] = 1;
          if (x_is_listed) {
            b_found_[i] = b_found_[j] = 1;
          } else {
            b_found_[k] = 1;
          }
          double x_letters = static_cast<double>(x.at[i].size() + x.at[j].size());
          double y_letters = static_cast<double>(y.at[k].size());
          matched_ += kJoinedScore * (x_letters + y_letters);
          matched_b_ += kJoinedScore * (x_is_listed ? x_letters : y_letters);
        }
      }
    }
  }

  // Remaining words one to one, most similar pairs first (ties in word order): greedy, not an
  // optimal assignment, as docs/screening.md, section 2, specifies.
  void Pair() {
    bool abbreviations = a_.size > 1 && b_.size > 1;  // a one-word name is not abbreviated
    struct Cand {
      double s;
      uint8_t i, j;
    };
    std::array<Cand, kMaxFuzzyWords * kMaxFuzzyWords> cands;
    size_t n = 0;
    for (size_t i = 0; i < a_.size; ++i) {
      for (size_t j = 0; j < b_.size && !a_.used[i]; ++j) {
        if (b_.used[j]) continue;
        double s = WordSimilarity(a_.at[i], b_.at[j], abbreviations);
        if (s > 0) cands[n++] = {s, static_cast<uint8_t>(i), static_cast<uint8_t>(j)};
      }
    }
    std::stable_sort(cands.begin(), cands.begin() + n,
                     [](const Cand& x, const Cand& y) { return x.s > y.s; });
    for (size_t c = 0; c < n; ++c) {
      auto [s, i, j] = cands[c];
      if (a_.used[i] || b_.used[j]) continue;
      a_.used[i] = b_.used[j] = 1;
      matched_ += s * static_cast<double>(a_.at[i].size() + b_.at[j].size());
      if (s == 1) {
        b_found_[j] = 1;
        matched_b_ += static_cast<double>(b_.at[j].size());
      }
    }
  }

  Words& a_;
  Words& b_;
  std::array<char, kMaxFuzzyWords> b_found_{};  // listed word found as it is, joined or split
  double matched_ = 0, matched_b_ = 0;
};

}  // namespace

double PartyNameSimilarity(std::string_view a_normalized, std::string_view b_normalized) {
  if (a_normalized.empty() || b_normalized.empty()) return 0;
  if (a_normalized == b_normalized) return 1;
  Words a, b;
  if (!a.Split(a_normalized) || !b.Split(b_normalized) || a.size == 0 || b.size == 0) return 0;
  Aligner aligner(a, b);
  aligner.Run();
  return aligner.Similarity();
}

double PartyNameCoverage(std::string_view screened_normalized, std::string_view listed_normalized) {
  if (screened_normalized.empty() || listed_normalized.empty()) return 0;
  Words a, b;
  if (!a.Split(screened_normalized) || !b.Split(listed_normalized) || a.size == 0 || b.size == 0)
    return 0;
  if (b.letters < kMinContainedLetters) return 0;
  Aligner aligner(a, b);
  aligner.Run();
  return aligner.Coverage();
}

// One alignment gives both scores; similarity is tried first, as the stronger kind.
bool MatchPartyKeys(std::string_view screened, std::string_view listed, PartyMatchKind& kind,
                    double& score) {
  if (screened.empty() || listed.empty()) return false;
  if (screened == listed) {
    kind = PartyMatchKind::kExact;
    score = 1;
    return true;
  }
  Words a, b;
  if (!a.Split(screened) || !b.Split(listed) || a.size == 0 || b.size == 0) return false;
  Aligner aligner(a, b);
  aligner.Run();
  if (double s = aligner.Similarity(); s >= kPartyMatchThreshold) {
    kind = PartyMatchKind::kSimilar;
    score = s;
    return true;
  }
  if (b.letters < kMinContainedLetters) return false;
  if (double c = aligner.Coverage(); c >= kPartyMatchThreshold) {
    kind = PartyMatchKind::kContains;
    score = c;
    return true;
  }
  return false;
}

// The 1e-9 keeps a product such as 0.29 * 100 (28.999999999999996 in floating point) from
// showing as 0.28.
std::string FormatMatchScore(double score) {
  char buf[16];
  double floored =
      static_cast<double>(static_cast<int>(std::clamp(score, 0.0, 1.0) * 100 + 1e-9)) / 100;
  std::snprintf(buf, sizeof buf, "%.2f", floored);
  return buf;
}

}  // namespace chipgate
