// Party screening: the similarity of two normalised names, and the indexed screener that finds
// the list names worth scoring. The index only proposes candidates; every reported score is
// PartyNameSimilarity itself, so the screener agrees with brute-force scoring on every
// candidate the index proposes (docs/screening.md, "Finding candidates").
#include "compile/party_screen.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <numeric>

namespace chipgate {
namespace {

// The similarity (docs/screening.md, section 2).
constexpr size_t kMaxWords = 32;        // longer names are matched exactly only
constexpr size_t kMaxEditLength = 64;   // longer words: equality and abbreviation only, never
                                        // joined from or split into two words
constexpr size_t kMinAbbreviation = 3;  // an abbreviation keeps the first 3 to 5 letters of a
constexpr size_t kMaxAbbreviation = 5;  // word at least 2 letters longer ("tech")
constexpr double kAbbreviationScore = 0.9;
constexpr double kJoinedScore = 0.95;  // "hua wei" for "huawei"

// The index (section 4).
constexpr size_t kMaxDeletionLength = 16;  // longer words are not in the deletion index
constexpr size_t kDeletionShift = 48;      // the deletion directory buckets hashes by their top
constexpr size_t kDeletionBuckets = size_t{1} << (64 - kDeletionShift);  // 16 bits
constexpr size_t kMinGramLength = 9;      // shorter words are found by the deletion index only
constexpr size_t kMinCommonGram = 64;     // a trigram in more vocabulary words than this and
constexpr size_t kCommonGramShare = 20;   // than 1/20 of them is not used to find similar words
constexpr size_t kMinCommonWord = 64;     // a word reaching more entries than this and than
constexpr size_t kCommonWordShare = 100;  // 1/100 of them does not propose candidates

std::vector<std::string_view> SplitWords(std::string_view key) {
  std::vector<std::string_view> out;
  for (size_t pos = 0; pos < key.size();) {
    size_t end = std::min(key.find(' ', pos), key.size());
    if (end > pos) out.push_back(key.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

int Letters(const std::vector<std::string_view>& words) {
  int n = 0;
  for (auto w : words) n += static_cast<int>(w.size());
  return n;
}

// How far two words of at most `len` letters may differ and still be similar: a quarter of the
// letters, counted in half edits (a swap of two neighbouring letters is half an edit).
size_t MaxHalfEdits(size_t len) { return len / 2; }

// Optimal-string-alignment distance in half edits (insert, delete, substitute: 2; swap two
// neighbouring letters: 1), or limit + 1 once it is certain to exceed `limit`. Words have at
// most kMaxEditLength letters.
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

// A lower bound of the half-edit distance, to skip most unrelated words cheaply: the letters
// the two words do not have in common. Each costs at least one half edit (a replacement, two
// half edits, accounts for two; a swap for none). Letters are counted by their low five bits.
size_t LetterDifference(std::string_view a, std::string_view b) {
  std::array<int, 32> count{};
  for (char c : a) ++count[static_cast<unsigned char>(c) & 31];
  for (char c : b) --count[static_cast<unsigned char>(c) & 31];
  size_t diff = 0;
  for (int n : count) diff += static_cast<size_t>(n < 0 ? -n : n);
  return diff;
}

bool IsAbbreviation(std::string_view shorter, std::string_view longer) {
  return shorter.size() >= kMinAbbreviation && shorter.size() <= kMaxAbbreviation &&
         longer.size() >= shorter.size() + 2 && longer.starts_with(shorter);
}

// Similarity of two words: 1 when equal; 0.9 when one abbreviates the other and abbreviations
// are allowed; 1 - half_edits / (2 * longer length) when at most a quarter differs; else 0.
double WordSimilarity(std::string_view a, std::string_view b, bool allow_abbreviation) {
  if (a == b) return 1;
  size_t lo = std::min(a.size(), b.size()), hi = std::max(a.size(), b.size());
  double s = 0;
  if (allow_abbreviation && (IsAbbreviation(a, b) || IsAbbreviation(b, a))) s = kAbbreviationScore;
  size_t limit = MaxHalfEdits(hi);
  if (hi <= kMaxEditLength && 2 * (hi - lo) <= limit && LetterDifference(a, b) <= limit) {
    size_t d = EditDistance(a, b, limit);
    if (d <= limit) s = std::max(s, 1.0 - static_cast<double>(d) / static_cast<double>(2 * hi));
  }
  return s;
}

// True when `x` followed by `y` spells `whole`, or spells the plural of `whole` with `y` keeping
// at least three letters ("netw" + "orks": "network", "technolog" + "ies": "technology").
bool IsConcatenation(std::string_view whole, std::string_view x, std::string_view y) {
  if (!whole.starts_with(x)) return false;
  size_t n = x.size() + y.size();
  if (n == whole.size()) return whole.substr(x.size()) == y;
  if (y.size() < 3 || n < whole.size() + 1 || n > whole.size() + 2) return false;
  return SingularPartyWord(std::string(x).append(y)) == whole;
}

// The words of a normalised name, at most kMaxWords of them.
struct Words {
  std::array<std::string_view, kMaxWords> at;
  std::array<char, kMaxWords> used{};
  size_t size = 0;
  int letters = 0;

  // False when `key` has more than kMaxWords words.
  bool Split(std::string_view key) {
    for (size_t pos = 0; pos < key.size();) {
      size_t end = std::min(key.find(' ', pos), key.size());
      if (end > pos) {
        if (size == kMaxWords) return false;
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

// The word alignment behind PartyNameSimilarity and PartyNameCoverage, of a screened name `a`
// and a listed name `b`. `matched_` sums, over aligned words, the pair's similarity times the
// letters of the words it covers; `matched_b_` the same over the listed name's letters only.
class Aligner {
 public:
  Aligner(Words& a, Words& b) : a_(a), b_(b) {}

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
        if (x.used[i] || !y.at[k].starts_with(x.at[i])) continue;
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

  // Remaining words one to one, most similar pairs first (ties in word order).
  void Pair() {
    bool abbreviations = a_.size > 1 && b_.size > 1;  // a one-word name is not abbreviated
    struct Cand {
      double s;
      uint8_t i, j;
    };
    std::array<Cand, kMaxWords * kMaxWords> cands;
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
  std::array<char, kMaxWords> b_found_{};  // listed word found as it is, joined or split
  double matched_ = 0, matched_b_ = 0;
};

// Padded character trigrams of a word ("^ab", "abc", ..., "yz$"), distinct, as 24-bit codes.
std::vector<uint32_t> Trigrams(std::string_view word) {
  std::string padded = "^" + std::string(word) + "$";
  std::vector<uint32_t> out;
  for (size_t i = 0; i + 3 <= padded.size(); ++i) {
    auto byte = [&](size_t k) {
      return static_cast<uint32_t>(static_cast<unsigned char>(padded[i + k]));
    };
    out.push_back(byte(0) << 16 | byte(1) << 8 | byte(2));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Spreads a hash over all 64 bits (the splitmix64 finaliser), for the deletion directory.
uint64_t Mix(uint64_t h) {
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EB;
  return h ^ (h >> 31);
}

// Hashes of a word and of every string made by deleting one or two of its letters: a
// polynomial hash, so each deletion combines prefix hashes without building the string.
// Collisions only propose extra candidates, which the edit distance then rejects.
std::vector<uint64_t> DeletionHashes(std::string_view word) {
  constexpr uint64_t kBase = 0x100000001B3;
  size_t n = word.size();
  std::vector<uint64_t> pre(n + 1), pow(n + 1);
  pow[0] = 1;
  for (size_t i = 0; i < n; ++i) {
    pre[i + 1] = pre[i] * kBase + static_cast<unsigned char>(word[i]) + 1;
    pow[i + 1] = pow[i] * kBase;
  }
  auto seg = [&](size_t a, size_t b) { return pre[b] - pre[a] * pow[b - a]; };
  std::vector<uint64_t> out{pre[n]};
  for (size_t k = 0; k < n; ++k) {
    out.push_back(seg(0, k) * pow[n - k - 1] + seg(k + 1, n));
    for (size_t m = k + 1; m < n; ++m) {
      out.push_back((seg(0, k) * pow[m - k - 1] + seg(k + 1, m)) * pow[n - m - 1] + seg(m + 1, n));
    }
  }
  for (uint64_t& h : out) h = Mix(h);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A slot belongs to the current pass when its stamp equals the pass's stamp, so per-thread
// arrays are never cleared between passes.
template <typename T>
struct Stamped {
  struct Slot {
    uint64_t pass = 0;
    T value{};
  };
  std::vector<Slot> slots;
  std::vector<int> touched;

  void Fit(size_t n) {
    if (slots.size() < n) slots.resize(n);
  }
  // The slot of `i` in pass `p`, reset to `init` on its first use in the pass.
  T& At(int i, uint64_t p, T init) {
    Slot& s = slots[i];
    if (s.pass != p) {
      s.pass = p;
      s.value = init;
      touched.push_back(i);
    }
    return s.value;
  }
  // The value of `i` in pass `p`, or nullptr when it was not used in that pass.
  const T* Find(int i, uint64_t p) const { return slots[i].pass == p ? &slots[i].value : nullptr; }
  T& operator[](int i) { return slots[i].value; }
};

// What a screening pass knows about one entry: the bound terms of joined and split words, the
// contributions of the words that proposed it, and the last term (proposing word) counted.
struct EntryState {
  double joined = 0, proposed = 0;
  double joined_cover = 0;    // the listed letters joined and split words may cover
  double proposed_cover = 0;  // letters of the entry's words equal to a proposing screened word
  uint64_t term = 0;
};

// Per-thread working memory of Screen: per entry, per vocabulary word (trigram counts; row in
// the contribution table).
struct Scratch {
  Stamped<EntryState> entry;
  Stamped<uint32_t> gram_count;
  Stamped<int> word_row;
  std::vector<double> table;           // row per reached vocabulary word, column per screened word
  std::vector<double> row_similarity;  // per row: 1 when the word equals a screened word, else 0
  uint64_t stamp = 0;

  void Fit(size_t entries, size_t vocab) {
    entry.Fit(entries);
    gram_count.Fit(vocab);
    word_row.Fit(vocab);
  }
};

thread_local Scratch tls_scratch;

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

std::string FormatMatchScore(double score) {
  char buf[16];
  double floored =
      static_cast<double>(static_cast<int>(std::clamp(score, 0.0, 1.0) * 100 + 1e-9)) / 100;
  std::snprintf(buf, sizeof buf, "%.2f", floored);
  return buf;
}

// ---- index ----

PartyScreener::PartyScreener(const std::vector<PartyName>& names) {
  word_begin_.push_back(0);
  for (const auto& n : names) AddEntry(n);
  IndexWords();
}

// Adds one list name: an entry per key, with its exact key, weight, words and their postings.
void PartyScreener::AddEntry(const PartyName& n) {
  for (std::string& key : PartyNameKeys(n.name)) {
    int e = static_cast<int>(entries_.size());
    auto words = SplitWords(key);
    weights_.push_back(Letters(words));
    for (auto w : words) {
      auto [it, added] = vocab_index_.emplace(std::string(w), static_cast<int>(vocab_.size()));
      if (added) {
        vocab_.push_back(std::string(w));
        postings_.emplace_back();
      }
      entry_words_.push_back(it->second);
      if (postings_[it->second].empty() || postings_[it->second].back() != e)
        postings_[it->second].push_back(e);
    }
    word_begin_.push_back(static_cast<uint32_t>(entry_words_.size()));
    exact_[key].push_back(e);
    entries_.push_back({n.party, n.name, std::move(key)});
  }
}

// Indexes the vocabulary: text order, trigrams, deletions; then each word's similar words and
// splits, so screening a listed word needs no search.
void PartyScreener::IndexWords() {
  vocab_sorted_.resize(vocab_.size());
  std::iota(vocab_sorted_.begin(), vocab_sorted_.end(), 0);
  std::sort(vocab_sorted_.begin(), vocab_sorted_.end(),
            [&](int x, int y) { return vocab_[x] < vocab_[y]; });
  for (size_t v = 0; v < vocab_.size(); ++v) {
    for (uint32_t g : Trigrams(vocab_[v])) grams_[g].push_back(static_cast<int>(v));
    if (vocab_[v].size() > kMaxDeletionLength) continue;
    for (uint64_t h : DeletionHashes(vocab_[v])) deletions_.push_back({h, static_cast<int>(v)});
  }
  std::sort(deletions_.begin(), deletions_.end());
  deletion_dir_.assign(kDeletionBuckets + 1, 0);
  for (const auto& d : deletions_) ++deletion_dir_[(d.first >> kDeletionShift) + 1];
  std::partial_sum(deletion_dir_.begin(), deletion_dir_.end(), deletion_dir_.begin());
  gram_limit_ = std::max(kMinCommonGram, vocab_.size() / kCommonGramShare);
  common_limit_ = std::max(kMinCommonWord, entries_.size() / kCommonWordShare);
  for (const auto& w : vocab_) {
    neighbours_.push_back(SimilarWords(w));
    splits_.push_back(SplitLefts(w));
  }
}

int PartyScreener::WordId(std::string_view word) const {
  auto it = vocab_index_.find(word);
  return it == vocab_index_.end() ? -1 : it->second;
}

// Vocabulary words that may pair with `word` in the alignment, each with the most it can add to
// the matched letters, largest first: the word itself, abbreviations either way, and words
// found through shared trigrams that pass the edit-distance rule.
std::vector<PartyScreener::Similar> PartyScreener::SimilarWords(std::string_view word) const {
  std::vector<int> cands;
  if (int id = WordId(word); id >= 0) cands.push_back(id);
  if (word.size() >= kMinAbbreviation && word.size() <= kMaxAbbreviation) {
    auto it = std::lower_bound(vocab_sorted_.begin(), vocab_sorted_.end(), word,
                               [&](int v, std::string_view w) { return vocab_[v] < w; });
    for (; it != vocab_sorted_.end() && std::string_view(vocab_[*it]).starts_with(word); ++it)
      cands.push_back(*it);
  }
  for (size_t len = kMinAbbreviation; len <= kMaxAbbreviation && len < word.size(); ++len) {
    if (int id = WordId(word.substr(0, len)); id >= 0) cands.push_back(id);
  }
  DeletionNeighbours(word, cands);
  GramNeighbours(word, cands);
  std::sort(cands.begin(), cands.end());
  cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
  std::vector<Similar> out;
  for (int v : cands) {
    double s = WordSimilarity(word, vocab_[v], true);
    if (s > 0) out.push_back({v, s * static_cast<double>(word.size() + vocab_[v].size()), s});
  }
  std::stable_sort(out.begin(), out.end(), [](const Similar& x, const Similar& y) {
    return x.contribution > y.contribution;
  });
  return out;
}

// Appends the vocabulary words at most two edits away from `word` (a letter inserted, deleted
// or replaced, or two neighbours swapped): those sharing a string with it when one or two
// letters are deleted from each. Words longer than kMaxDeletionLength are left to trigrams.
void PartyScreener::DeletionNeighbours(std::string_view word, std::vector<int>& out) const {
  if (word.size() > kMaxDeletionLength) return;
  for (uint64_t h : DeletionHashes(word)) {
    auto first = deletions_.begin() + deletion_dir_[h >> kDeletionShift];
    auto last = deletions_.begin() + deletion_dir_[(h >> kDeletionShift) + 1];
    for (auto it = std::lower_bound(first, last, std::pair<uint64_t, int>{h, -1});
         it != last && it->first == h; ++it) {
      out.push_back(it->second);
    }
  }
}

// For words too long for the deletion index, or whose similar words may be three or more
// edits away: appends vocabulary words of a compatible length sharing at least a third (at
// least one) of the trigrams of `word` that are not common.
void PartyScreener::GramNeighbours(std::string_view word, std::vector<int>& out) const {
  if (word.size() > kMaxEditLength || word.size() < kMinGramLength) return;
  Scratch& sc = tls_scratch;
  sc.Fit(entries_.size(), vocab_.size());
  uint64_t pass = ++sc.stamp;
  sc.gram_count.touched.clear();
  size_t usable = 0;
  for (uint32_t g : Trigrams(word)) {
    auto it = grams_.find(g);
    if (it == grams_.end() || it->second.size() > gram_limit_) continue;
    ++usable;
    for (int v : it->second) ++sc.gram_count.At(v, pass, 0);
  }
  size_t need = std::max<size_t>(1, (usable + 2) / 3);
  for (int v : sc.gram_count.touched) {
    size_t hi = std::max(word.size(), vocab_[v].size()),
           lo = std::min(word.size(), vocab_[v].size());
    if (sc.gram_count[v] >= need && 2 * (hi - lo) <= MaxHalfEdits(hi)) out.push_back(v);
  }
}

// ---- screening ----

std::vector<PartyMatch> PartyScreener::Screen(std::string_view name) const {
  if (entries_.empty()) return {};
  std::vector<Scored> scored;
  for (const std::string& key : PartyNameKeys(name)) ScreenKey(key, scored);
  return BestPerParty(scored);
}

// Scores the entries that one key of the screened name matches: equal keys from `exact_`, the
// rest among the candidates of the index.
void PartyScreener::ScreenKey(const std::string& key, std::vector<Scored>& scored) const {
  if (auto it = exact_.find(key); it != exact_.end()) {
    for (int e : it->second) scored.push_back({e, PartyMatchKind::kExact, 1.0});
  }
  auto words = SplitWords(key);
  if (words.size() > kMaxWords) return;
  for (int e : Candidates(words)) {
    if (entries_[e].key == key) continue;
    PartyMatchKind kind;
    double score = 0;
    if (MatchPartyKeys(key, entries_[e].key, kind, score)) scored.push_back({e, kind, score});
  }
}

// Entries proposed by the screened words (common words only when no rarer word proposes
// any) and by joined or split words, kept when an upper bound of their similarity reaches the
// threshold: per screened word, the most a similar word of the entry can add, plus the joined
// and split words.
std::vector<int> PartyScreener::Candidates(const std::vector<std::string_view>& words) const {
  std::vector<std::vector<Similar>> owned(words.size());
  SimilarLists similar;
  for (size_t i = 0; i < words.size(); ++i) {
    int id = WordId(words[i]);
    if (id < 0) owned[i] = SimilarWords(words[i]);
    similar.push_back(id >= 0 ? &neighbours_[id] : &owned[i]);
  }
  Scratch& sc = tls_scratch;
  sc.Fit(entries_.size(), vocab_.size());
  uint64_t pass = ++sc.stamp;
  sc.entry.touched.clear();
  FillTable(similar, pass);
  double slack_cover = 0;
  double slack = Propose(similar, pass, slack_cover);
  AddJoinedWords(words, pass);
  double query = Letters(words);
  std::vector<int> out;
  for (int e : sc.entry.touched) {
    const EntryState& st = sc.entry[e];
    // Similarity: matched letters of both names against the threshold. Coverage: the listed
    // name's letters found as they are (each equal to a distinct screened word) or joined.
    double need = kPartyMatchThreshold * (query + weights_[e]) - 1e-9;
    double need_cover = kPartyMatchThreshold * weights_[e] - 1e-9;
    bool may_similar = st.joined + st.proposed + slack >= need;  // cheap, looser bounds first
    bool may_contain = weights_[e] >= kMinContainedLetters &&
                       st.joined_cover + st.proposed_cover + slack_cover >= need_cover;
    if (!may_similar && !may_contain) continue;
    auto [pairs, cover] = WordBounds(e, similar.size(), pass);
    if ((may_similar && st.joined + pairs >= need) ||
        (may_contain && st.joined_cover + cover >= need_cover)) {
      out.push_back(e);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Table of contributions: a row per vocabulary word reached, a column per screened word.
void PartyScreener::FillTable(const SimilarLists& similar, uint64_t pass) const {
  Scratch& sc = tls_scratch;
  sc.word_row.touched.clear();
  sc.table.clear();
  sc.row_similarity.clear();
  size_t n = similar.size();
  for (size_t i = 0; i < n; ++i) {
    for (const Similar& s : *similar[i]) {
      int& row = sc.word_row.At(s.word, pass, -1);
      if (row < 0) {
        row = static_cast<int>(sc.table.size() / n);
        sc.table.resize(sc.table.size() + n, 0.0);
        sc.row_similarity.push_back(0.0);
      }
      sc.table[row * n + i] = std::max(sc.table[row * n + i], s.contribution);
      if (s.similarity == 1) sc.row_similarity[row] = 1;  // only equal words count for coverage
    }
  }
}

// Touches every entry holding a word similar to a screened word, adding the word's best
// contribution to it. The words reaching the most entries are left out when a rarer one
// proposes candidates; returns the sum of their best contributions (the slack every entry may
// still gain), and in `slack_cover` the sum of their lengths (for the coverage bound). Each
// screened word adds its length to the coverage of the entries holding it as it is (the one
// similar word of similarity 1).
double PartyScreener::Propose(const SimilarLists& similar, uint64_t pass,
                              double& slack_cover) const {
  std::vector<size_t> cost;
  for (const auto* list : similar) {
    size_t c = 0;
    for (const Similar& s : *list) c += postings_[s.word].size();
    cost.push_back(c);
  }
  std::vector<size_t> order(similar.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return cost[x] < cost[y]; });
  Scratch& sc = tls_scratch;
  double slack = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    const auto& list = *similar[order[k]];
    if (k > 0 && cost[order[k]] > common_limit_ && !sc.entry.touched.empty()) {
      if (!list.empty()) slack += list.front().contribution;
      for (const Similar& s : list)
        slack_cover += s.similarity == 1 ? static_cast<double>(vocab_[s.word].size()) : 0;
      continue;
    }
    uint64_t term = ++sc.stamp;
    for (const Similar& s : list) {  // largest contribution first: the first per entry counts
      double cover = s.similarity == 1 ? static_cast<double>(vocab_[s.word].size()) : 0;
      for (int e : postings_[s.word]) {
        EntryState& st = sc.entry.At(e, pass, EntryState{});
        st.proposed_cover += cover;
        if (st.term == term) continue;
        st.term = term;
        st.proposed += s.contribution;
      }
    }
  }
  return slack;
}

// The pair parts of the bounds for one entry. Similarity: each word pairs at most once, so the
// matched letters are at most the sum, over screened words, of their best contribution with any
// word of the entry, and at most the same sum over the entry's words. Coverage: the sum, over
// the entry's words, of their letters times their best similarity with any screened word.
std::pair<double, double> PartyScreener::WordBounds(int entry, size_t n, uint64_t pass) const {
  const Scratch& sc = tls_scratch;
  std::array<double, kMaxWords> best{};
  double by_entry_word = 0, cover = 0;
  for (uint32_t k = word_begin_[entry]; k < word_begin_[entry + 1]; ++k) {
    const int* r = sc.word_row.Find(entry_words_[k], pass);
    if (!r) continue;
    const double* row = &sc.table[static_cast<size_t>(*r) * n];
    double row_best = 0;
    for (size_t i = 0; i < n; ++i) {
      best[i] = std::max(best[i], row[i]);
      row_best = std::max(row_best, row[i]);
    }
    by_entry_word += row_best;
    cover += sc.row_similarity[static_cast<size_t>(*r)] *
             static_cast<double>(vocab_[entry_words_[k]].size());
  }
  double by_screened_word =
      std::accumulate(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(n), 0.0);
  return {std::min(by_screened_word, by_entry_word), cover};
}

// Bound terms for split and joined words: two screened words written as one listed word, and
// one screened word written as two listed words. Each term adds its contribution once per entry.
void PartyScreener::AddJoinedWords(const std::vector<std::string_view>& words,
                                   uint64_t pass) const {
  Scratch& sc = tls_scratch;
  struct Term {
    int word;  // vocabulary word reaching the entries
    double contribution, cover;
  };
  std::vector<Term> terms;
  std::string joined;
  for (size_t i = 0; i < words.size(); ++i) {
    for (size_t j = 0; j < words.size(); ++j) {
      if (i == j || !ExtendsToWord(words[i])) continue;  // the joined word begins with words[i]
      joined.assign(words[i]).append(words[j]);
      if (joined.size() > kMaxEditLength + 2)
        continue;  // its singular is longer than a join allows
      double contribution = kJoinedScore * 2 * static_cast<double>(joined.size());
      double cover =
          kJoinedScore * static_cast<double>(joined.size());  // the listed word is no longer
      int v = WordId(joined), singular = WordId(SingularPartyWord(joined));
      if (v >= 0) terms.push_back({v, contribution, cover});
      if (singular >= 0 && singular != v) terms.push_back({singular, contribution, cover});
    }
    int id = WordId(words[i]);
    std::vector<int> split;  // entries holding the first part of some cut of word i
    for (int left : id >= 0 ? splits_[id] : SplitLefts(words[i])) {
      split.insert(split.end(), postings_[left].begin(), postings_[left].end());
    }
    std::sort(split.begin(), split.end());
    split.erase(std::unique(split.begin(), split.end()), split.end());
    double contribution =
        kJoinedScore * static_cast<double>(2 * words[i].size() + 2);  // a plural adds <= 2
    double cover = kJoinedScore * static_cast<double>(words[i].size() + 2);
    for (int e : split) {
      EntryState& st = sc.entry.At(e, pass, EntryState{});
      st.joined += contribution;
      st.joined_cover += cover;
    }
  }
  for (const Term& t : terms) {
    for (int e : postings_[t.word]) {
      EntryState& st = sc.entry.At(e, pass, EntryState{});
      st.joined += t.contribution;
      st.joined_cover += t.cover;
    }
  }
}

// True when some vocabulary word is `prefix` followed by at least one more letter.
bool PartyScreener::ExtendsToWord(std::string_view prefix) const {
  auto it = std::upper_bound(vocab_sorted_.begin(), vocab_sorted_.end(), prefix,
                             [&](std::string_view w, int v) { return w < vocab_[v]; });
  return it != vocab_sorted_.end() && std::string_view(vocab_[*it]).starts_with(prefix);
}

// The first parts of every way to write `word` as two vocabulary words, the second part
// possibly in the plural ("network" from "netw" + "orks").
std::vector<int> PartyScreener::SplitLefts(std::string_view word) const {
  std::vector<int> out;
  if (word.size() > kMaxEditLength) return out;
  std::string right;
  for (size_t cut = 1; cut < word.size(); ++cut) {
    int left = WordId(word.substr(0, cut));
    if (left < 0) continue;
    right.assign(word.substr(cut));
    bool found = WordId(right) >= 0 || WordId(right + "s") >= 0;
    if (!found && right.ends_with('y'))
      found = WordId(right.substr(0, right.size() - 1) + "ies") >= 0;
    if (found) out.push_back(left);
  }
  return out;
}

// True when `x` is a stronger match than `y`: its kind, then its score.
static bool Stronger(PartyMatchKind xk, double xs, PartyMatchKind yk, double ys) {
  return xk != yk ? xk < yk : xs > ys;
}

// One match per party, its best entry (the first on a tie); sorted by kind, score, then party.
std::vector<PartyMatch> PartyScreener::BestPerParty(const std::vector<Scored>& scored) const {
  std::unordered_map<int, size_t> slot;  // party -> index in best
  std::vector<Scored> best;
  for (const Scored& s : scored) {
    auto [it, added] = slot.emplace(entries_[s.entry].party, best.size());
    if (added) {
      best.push_back(s);
      continue;
    }
    Scored& b = best[it->second];
    bool tie = s.kind == b.kind && s.score == b.score;
    if (Stronger(s.kind, s.score, b.kind, b.score) || (tie && s.entry < b.entry)) b = s;
  }
  std::vector<PartyMatch> out;
  for (const Scored& b : best)
    out.push_back({entries_[b.entry].party, b.kind, b.score, entries_[b.entry].name});
  std::sort(out.begin(), out.end(), [](const PartyMatch& x, const PartyMatch& y) {
    if (x.kind != y.kind || x.score != y.score) return Stronger(x.kind, x.score, y.kind, y.score);
    return x.party < y.party;
  });
  return out;
}

}  // namespace chipgate
