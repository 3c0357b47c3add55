// Building and querying the index of a party list. Similar words are found three ways, because
// the edit-distance rule accepts more edits in longer words: a deletion index finds every word
// at most two edits away (exact for the short words most names are made of); the affix look-up
// and the infix index find every word that is another with one run of letters added or removed
// (a syllable, three or more edits); and a trigram index finds other longer words further away.
// All only propose: WordSimilarity decides.
#include "screen/party_index.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string>
#include <utility>

#include "screen/party_name.h"
#include "screen/stamped.h"
#include "screen/word_similarity.h"

namespace chipgate {
namespace {

// Deletion index. Two deletions from each side find every pair at most two edits apart; a word
// of n letters has about n * n / 2 such strings, so longer words get one deletion only (n + 1
// strings), which still finds every word one edit or one swap away; further ones are left to
// the trigrams.
constexpr size_t kMaxDeletionLength = 16;
// Trigram index. Shorter words are found by the deletion index only (what that leaves out:
// docs/screening.md, section 4).
constexpr size_t kMinGramLength = 9;
constexpr size_t kMinCommonGram = 64;    // a trigram in more vocabulary words than this and
constexpr size_t kCommonGramShare = 20;  // than 1/20 of them, or than kMaxGramWords, is not
constexpr size_t kMaxGramWords = 512;    // used to find similar words: so finding a word's
                                         // similar words costs at most its trigrams times 512
                                         // counts, however large the vocabulary

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
  bool two = word.size() <= kMaxDeletionLength;  // delete two letters, or only one
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
    for (size_t m = k + 1; two && m < n; ++m) {
      out.push_back((seg(0, k) * pow[m - k - 1] + seg(k + 1, m)) * pow[n - m - 1] + seg(m + 1, n));
    }
  }
  for (uint64_t& h : out) h = Mix(h);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Calls `f(form)` for every string made by removing a run of letters from inside `word` (not at
// either end: AffixNeighbours looks those up directly) that the edit-distance rule accepts as
// similar to `word` and the deletion index does not find: runs of three or more letters, or two
// when `word` is longer than kMaxDeletionLength. Removing k letters costs 2k half edits, within
// the rule when 2k <= MaxHalfEdits(size). `buffer` holds the form.
template <typename F>
void InfixRemovals(std::string_view word, std::string& buffer, F&& f) {
  size_t n = word.size();
  size_t min_run = n > kMaxDeletionLength ? 2 : 3;
  for (size_t k = min_run; 2 * k <= MaxHalfEdits(n); ++k) {
    for (size_t at = 1; at + k < n; ++at) {
      buffer.assign(word.substr(0, at)).append(word.substr(at + k));
      f(std::string_view(buffer));
    }
  }
}

uint64_t InfixHash(std::string_view form) { return Mix(std::hash<std::string_view>()(form)); }

// The vocabulary table's hash of a word (PartyIndex::WordId).
uint64_t VocabHash(std::string_view word) { return Mix(std::hash<std::string_view>()(word)); }

// The first eight letters of `word` (of its reversed letters when `reversed`) as a big-endian
// number, zero-padded: for words without a zero byte, a smaller number means an earlier word in
// the order of unsigned bytes, and an earlier word never has a larger number (TextBound).
uint64_t TextKey(std::string_view word, bool reversed) {
  uint64_t key = 0;
  for (size_t i = 0; i < 8; ++i) {
    unsigned char c = 0;
    if (i < word.size())
      c = static_cast<unsigned char>(reversed ? word[word.size() - 1 - i] : word[i]);
    key = key << 8 | c;
  }
  return key;
}

// Text order of reversed letters, comparing unsigned bytes as std::string does.
bool ReversedLess(std::string_view x, std::string_view y) {
  return std::lexicographical_compare(
      x.rbegin(), x.rend(), y.rbegin(), y.rend(),
      [](char a, char b) { return static_cast<unsigned char>(a) < static_cast<unsigned char>(b); });
}

// Per-thread trigram counts per vocabulary word, for GramNeighbours.
struct GramScratch {
  Stamped<uint32_t> count;
  uint64_t stamp = 0;
};

thread_local GramScratch tls_grams;

}  // namespace

PartyIndex::PartyIndex(const std::vector<PartyName>& names) {
  word_begin_.push_back(0);
  for (const auto& n : names) AddEntry(n);
  IndexWords();
}

// Adds one list name: an entry per key, with its exact key, weight and words.
void PartyIndex::AddEntry(const PartyName& n) {
  for (std::string& key : PartyNameKeys(n.name)) {
    int e = static_cast<int>(entries_.size());
    auto words = KeyWords(key);
    Card& card = cards_.emplace_back();
    card.weight = KeyLetters(words);
    card.count = static_cast<int>(words.size());
    for (size_t k = 0; k < words.size(); ++k) {
      auto [it, added] =
          vocab_index_.emplace(std::string(words[k]), static_cast<int>(vocab_.size()));
      if (added) vocab_.push_back(std::string(words[k]));
      entry_words_.push_back(it->second);
      if (k < kCardWords) card.words[k] = it->second;
    }
    word_begin_.push_back(static_cast<uint32_t>(entry_words_.size()));
    exact_[key].push_back(e);
    entries_.push_back({n.party, n.name, std::move(key)});
  }
}

// Indexes the vocabulary: postings, text orders, trigrams, deletions, infixes, rarest words.
// Each word's similar words and splits are computed on first use (lists()).
void PartyIndex::IndexWords() {
  IndexPostings();
  vocab_sorted_.resize(vocab_.size());
  std::iota(vocab_sorted_.begin(), vocab_sorted_.end(), 0);
  std::sort(vocab_sorted_.begin(), vocab_sorted_.end(),
            [&](int x, int y) { return vocab_[x] < vocab_[y]; });
  vocab_reversed_ = vocab_sorted_;
  std::sort(vocab_reversed_.begin(), vocab_reversed_.end(),
            [&](int x, int y) { return ReversedLess(vocab_[x], vocab_[y]); });
  IndexVocabulary();
  std::vector<std::pair<uint64_t, int>> deletions;
  for (size_t v = 0; v < vocab_.size(); ++v) {
    for (uint32_t g : Trigrams(vocab_[v])) grams_[g].push_back(static_cast<int>(v));
    if (vocab_[v].size() > kMaxEditLength) continue;
    for (uint64_t h : DeletionHashes(vocab_[v])) deletions.push_back({h, static_cast<int>(v)});
  }
  IndexDeletions(deletions);
  std::string form;
  for (size_t v = 0; v < vocab_.size(); ++v) {
    if (vocab_[v].size() > kMaxEditLength) continue;
    InfixRemovals(vocab_[v], form, [&](std::string_view f) {
      infixes_.push_back({InfixHash(f), static_cast<int>(v)});
    });
  }
  std::sort(infixes_.begin(), infixes_.end());
  infixes_.erase(std::unique(infixes_.begin(), infixes_.end()), infixes_.end());
  gram_limit_ = std::clamp(vocab_.size() / kCommonGramShare, kMinCommonGram, kMaxGramWords);
  // Each trigram's words by length, so a look-up reads only the words of a compatible length.
  for (auto& [gram, words] : grams_) {
    std::stable_sort(words.begin(), words.end(),
                     [&](int x, int y) { return vocab_[x].size() < vocab_[y].size(); });
  }
  rarest_.resize(vocab_.size());
  for (size_t e = 0; e < entries_.size(); ++e) {
    int rarest = -1;
    for (int v : words_of(static_cast<int>(e))) {
      if (rarest < 0 || posting_count(v) < posting_count(rarest) ||
          (posting_count(v) == posting_count(rarest) && v < rarest))
        rarest = v;
    }
    rarest_[rarest].push_back(static_cast<int>(e));
  }
  memo_ = std::make_shared<Memo>(vocab_.size());
  static std::atomic<uint64_t> last_id{0};
  id_ = ++last_id;
}

// The look-up structures of the vocabulary itself: the hash table of WordId (replacing the
// map used while adding entries, which is then freed) and the eight-letter keys of both text
// orders (TextBound).
void PartyIndex::IndexVocabulary() {
  size_t bits = 4;
  while ((size_t{1} << bits) < 2 * vocab_.size()) ++bits;
  vocab_shift_ = 64 - bits;
  vocab_slots_.assign(size_t{1} << bits, VocabSlot{});
  for (size_t v = 0; v < vocab_.size(); ++v) {
    uint64_t h = VocabHash(vocab_[v]);
    size_t k = h >> vocab_shift_;
    while (vocab_slots_[k].word >= 0) k = (k + 1) & (vocab_slots_.size() - 1);
    vocab_slots_[k] = {static_cast<uint32_t>(h), static_cast<int>(v)};
  }
  vocab_index_ = {};
  sorted_keys_.clear();
  reversed_keys_.clear();
  for (int v : vocab_sorted_) sorted_keys_.push_back(TextKey(vocab_[v], false));
  for (int v : vocab_reversed_) reversed_keys_.push_back(TextKey(vocab_[v], true));
  signatures_.clear();
  signatures_.reserve(vocab_.size());
  for (const std::string& w : vocab_) signatures_.push_back(WordSignature(w));
}

size_t PartyIndex::TextBound(std::string_view word, bool reversed, bool upper) const {
  const std::vector<uint64_t>& keys = reversed ? reversed_keys_ : sorted_keys_;
  const std::vector<int>& order = reversed ? vocab_reversed_ : vocab_sorted_;
  uint64_t key = TextKey(word, reversed);
  // Words of a smaller key come before `word`, words of a larger one after it: only those of an
  // equal key are compared as strings.
  auto lo = std::lower_bound(keys.begin(), keys.end(), key);
  auto hi = std::upper_bound(lo, keys.end(), key);
  auto first = order.begin() + (lo - keys.begin()), last = order.begin() + (hi - keys.begin());
  auto less = [&](std::string_view x, std::string_view y) {
    return reversed ? ReversedLess(x, y) : x < y;
  };
  auto it = upper ? std::upper_bound(first, last, word,
                                     [&](std::string_view w, int v) { return less(w, vocab_[v]); })
                  : std::lower_bound(first, last, word,
                                     [&](int v, std::string_view w) { return less(vocab_[v], w); });
  return static_cast<size_t>(it - order.begin());
}

// Postings in one array, word after word, each word's entries by summary weight and then
// ascending, each once (a key may hold a word twice), by a counting sort of the entries' words;
// with each entry's summaries.
void PartyIndex::IndexPostings() {
  size_t n = entries_.size();
  // The entries by summary weight (a counting sort: the weights are below 256), ascending within
  // one weight; filling the lists in this order sorts each the same way.
  std::vector<int> by_weight(n);
  {
    std::vector<uint32_t> at(size_t{1} << kSummaryWeightBits, 0);
    for (size_t e = 0; e < n; ++e) ++at[SummaryWeight(summary(static_cast<int>(e)))];
    uint32_t sum = 0;
    for (uint32_t& a : at) sum += std::exchange(a, sum);
    for (size_t e = 0; e < n; ++e)
      by_weight[at[SummaryWeight(summary(static_cast<int>(e)))]++] = static_cast<int>(e);
  }
  std::vector<int> last(vocab_.size(), -1);  // the last entry counted for each word
  std::vector<uint32_t> begin(vocab_.size() + 1, 0);
  for (size_t e = 0; e < n; ++e) {
    for (int v : words_of(static_cast<int>(e))) {
      if (last[v] == static_cast<int>(e)) continue;
      last[v] = static_cast<int>(e);
      ++begin[static_cast<size_t>(v) + 1];
    }
  }
  std::partial_sum(begin.begin(), begin.end(), begin.begin());
  postings_.resize(begin.back());
  std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
  std::fill(last.begin(), last.end(), -1);
  for (int e : by_weight) {
    uint64_t s = summary(e), second = second_summary(e);
    for (int v : words_of(e)) {
      if (last[v] == e) continue;
      last[v] = e;
      postings_[next[v]++] = {s, second, e};
    }
  }
  word_postings_.assign(vocab_.size() + 1, WordPostings{});
  for (size_t v = 0; v <= vocab_.size(); ++v) {
    word_postings_[v].begin = begin[v];
    if (v == vocab_.size() || begin[v] == begin[v + 1]) continue;
    word_postings_[v].lightest = static_cast<uint8_t>(SummaryWeight(postings_[begin[v]].summary));
    word_postings_[v].heaviest =
        static_cast<uint8_t>(SummaryWeight(postings_[begin[v + 1] - 1].summary));
  }
  posting_grid_.clear();
  for (size_t p = 0; p < postings_.size(); p += kGridStep)
    posting_grid_.push_back(static_cast<uint8_t>(SummaryWeight(postings_[p].summary)));
}

std::vector<int> PartyIndex::postings(int v) const {
  std::vector<int> out;
  for (const Posting& p : posting_records(v)) out.push_back(p.entry);
  return out;
}

std::vector<uint64_t> PartyIndex::posting_summaries(int v) const {
  std::vector<uint64_t> out;
  for (const Posting& p : posting_records(v)) out.push_back(p.summary);
  return out;
}

std::vector<uint64_t> PartyIndex::posting_seconds(int v) const {
  std::vector<uint64_t> out;
  for (const Posting& p : posting_records(v)) out.push_back(p.second);
  return out;
}

size_t PartyIndex::PostingsBelow(const PostingList& list, int weight) const {
  size_t begin = list.begin, end = size_t{list.begin} + list.count;
  auto below = [&](const Posting& p) { return SummaryWeight(p.summary) < weight; };
  const Posting* postings = postings_.data();
  // A short list is searched directly: the grid would be one more cache miss, and the postings
  // searched are those the screener reads next.
  if (end - begin <= kGridStep)
    return static_cast<size_t>(std::partition_point(postings + begin, postings + end, below) -
                               (postings + begin));
  // The grid points within [begin, end): the postings g * kGridStep for g in [g0, g1). Those
  // before the first grid point not below `weight` (g) are below it, so the place sought is
  // after the grid point before g (or at `begin`) and at most g's posting (or `end`): at most
  // kGridStep summaries to search.
  size_t g0 = (begin + kGridStep - 1) / kGridStep, g1 = (end + kGridStep - 1) / kGridStep;
  const uint8_t* grid = posting_grid_.data();
  size_t g = static_cast<size_t>(
      std::partition_point(grid + g0, grid + g1, [&](uint8_t w) { return w < weight; }) - grid);
  size_t lo = g > g0 ? (g - 1) * kGridStep + 1 : begin, hi = g < g1 ? g * kGridStep : end;
  size_t at =
      static_cast<size_t>(std::partition_point(postings + lo, postings + hi, below) - postings);
  return at - begin;
}

std::pair<size_t, size_t> PartyIndex::WeightWindow(const PostingList& list, int least,
                                                   int most) const {
  // Every posting's summary weight is within [lightest, heaviest]: a bound outside that range
  // places itself at an end of the list.
  auto below = [&](int weight) -> size_t {
    if (weight <= list.lightest) return 0;
    if (weight > list.heaviest) return list.count;
    return PostingsBelow(list, weight);
  };
  size_t first = below(least);
  if (most < least) return {first, first};
  return {first, std::max(first, below(most + 1))};
}

uint64_t PartyIndex::summary(int e) const {
  uint64_t s = static_cast<uint64_t>(std::min(weight(e), (1 << kSummaryWeightBits) - 1));
  for (int v : words_of(e)) s |= WordBit(v);
  return s;
}

uint64_t PartyIndex::second_summary(int e) const {
  uint64_t s = 0;
  for (int v : words_of(e)) s |= SecondWordBit(v);
  return s;
}

const PartyIndex::WordLists& PartyIndex::lists(int v) const {
  std::atomic<const WordLists*>& slot = memo_->at[static_cast<size_t>(v)];
  if (const WordLists* known = slot.load(std::memory_order_acquire)) return *known;
  auto made = std::make_unique<WordLists>(MakeLists(vocab_[v]));
  const WordLists* expected = nullptr;
  // Another thread may have stored the same lists meanwhile: then those are kept.
  if (slot.compare_exchange_strong(expected, made.get(), std::memory_order_acq_rel))
    return *made.release();
  return *expected;
}

// The directory has about one bucket per two deleted forms and maps the top bits of a hash to
// its bucket's range in the sorted forms, so a look-up reads one directory slot and a bucket of
// about two forms (two cache misses, however large the list). Each form keeps only the low 32
// bits of its hash: with the bucket, 32 + directory bits of the 64 are compared, and a
// collision only proposes a word that the word similarity then rejects.
void PartyIndex::IndexDeletions(std::vector<std::pair<uint64_t, int>>& deletions) {
  std::sort(deletions.begin(), deletions.end());
  size_t bits = 1;
  while ((size_t{1} << bits) < deletions.size() / 2 && bits < 32) ++bits;
  deletion_shift_ = 64 - bits;
  deletion_dir_.assign((size_t{1} << bits) + 1, 0);
  deletions_.clear();
  deletions_.reserve(deletions.size());
  for (const auto& [h, v] : deletions) {
    ++deletion_dir_[(h >> deletion_shift_) + 1];
    deletions_.push_back({static_cast<uint32_t>(h), v});
  }
  std::partial_sum(deletion_dir_.begin(), deletion_dir_.end(), deletion_dir_.begin());
}

int PartyIndex::WordId(std::string_view word) const {
  if (vocab_slots_.empty()) return -1;
  uint64_t h = VocabHash(word);
  uint32_t tag = static_cast<uint32_t>(h);
  for (size_t k = h >> vocab_shift_;; k = (k + 1) & (vocab_slots_.size() - 1)) {
    const VocabSlot& slot = vocab_slots_[k];
    if (slot.word < 0) return -1;
    if (slot.tag == tag && vocab_[static_cast<size_t>(slot.word)] == word) return slot.word;
  }
}

void PartyIndex::WordIds(std::span<const std::string_view> words, std::span<int> ids) const {
  if (vocab_slots_.empty()) {
    std::fill(ids.begin(), ids.end(), -1);
    return;
  }
  // Three passes over the batch: hash each word and ask for its home slot; read the slots
  // (probing on from a slot of another tag) and ask for the string of the first one whose tag
  // matches; compare the strings. A word whose string differs from its slot's (a tag shared by
  // two words) probes on as WordId does.
  thread_local std::vector<std::pair<uint64_t, size_t>> probes;  // hash, slot reached
  probes.clear();
  const size_t mask = vocab_slots_.size() - 1;
  for (std::string_view w : words) {
    uint64_t h = VocabHash(w);
    probes.push_back({h, static_cast<size_t>(h >> vocab_shift_)});
    __builtin_prefetch(&vocab_slots_[probes.back().second]);
  }
  for (size_t i = 0; i < words.size(); ++i) {
    uint32_t tag = static_cast<uint32_t>(probes[i].first);
    size_t k = probes[i].second;
    while (vocab_slots_[k].word >= 0 && vocab_slots_[k].tag != tag) k = (k + 1) & mask;
    probes[i].second = k;
    ids[i] = vocab_slots_[k].word;
    if (ids[i] >= 0) __builtin_prefetch(&vocab_[static_cast<size_t>(ids[i])]);
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (ids[i] < 0 || vocab_[static_cast<size_t>(ids[i])] == words[i]) continue;
    uint32_t tag = static_cast<uint32_t>(probes[i].first);
    ids[i] = -1;
    for (size_t k = (probes[i].second + 1) & mask; vocab_slots_[k].word >= 0; k = (k + 1) & mask) {
      const VocabSlot& slot = vocab_slots_[k];
      if (slot.tag == tag && vocab_[static_cast<size_t>(slot.word)] == words[i]) {
        ids[i] = slot.word;
        break;
      }
    }
  }
}

std::vector<PartyIndex::SimilarWord> PartyIndex::SimilarWords(std::string_view word) const {
  std::vector<int> cands;
  // The word itself and the words that abbreviate it (its prefixes of abbreviation length),
  // looked up together.
  {
    std::array<std::string_view, 1 + kMaxAbbreviation - kMinAbbreviation + 1> probes;
    size_t count = 0;
    probes[count++] = word;
    for (size_t len = kMinAbbreviation; len <= kMaxAbbreviation && len < word.size(); ++len)
      probes[count++] = word.substr(0, len);
    std::array<int, probes.size()> ids;
    WordIds(std::span(probes.data(), count), std::span(ids.data(), count));
    for (size_t k = 0; k < count; ++k) {
      if (ids[k] >= 0) cands.push_back(ids[k]);
    }
  }
  // Words that `word` abbreviates: the run of the text order that begins with it, told by the
  // eight-letter keys (the first word.size() letters of a key are those of its word, so a word
  // beginning with `word` has them equal; one that only seems to, through a zero byte, is a
  // candidate WordSimilarity rejects) instead of one string each.
  if (word.size() >= kMinAbbreviation && word.size() <= kMaxAbbreviation) {
    size_t drop = 8 * (8 - word.size());
    uint64_t head = TextKey(word, false) >> drop;
    for (size_t at = TextBound(word, false, false);
         at < vocab_sorted_.size() && sorted_keys_[at] >> drop == head; ++at)
      cands.push_back(vocab_sorted_[at]);
  }
  DeletionNeighbours(word, cands);
  GramNeighbours(word, cands);
  AffixNeighbours(word, cands);
  // Most candidates are rejected: first by their signatures (MaybeSimilar), which read a compact
  // array, then by the word similarity, which reads their strings. The signatures first, so that
  // only the candidates they let through are sorted and made distinct (a word near `word`
  // shares many deleted forms with it, so the candidates repeat).
  uint64_t signature = WordSignature(word);
  size_t kept = 0;
  for (size_t k = 0; k < cands.size(); ++k) {
    if (k + 8 < cands.size()) __builtin_prefetch(&signatures_[static_cast<size_t>(cands[k + 8])]);
    if (MaybeSimilar(signature, signatures_[static_cast<size_t>(cands[k])]))
      cands[kept++] = cands[k];
  }
  cands.resize(kept);
  std::sort(cands.begin(), cands.end());
  cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
  std::vector<SimilarWord> out;
  for (size_t k = 0; k < cands.size(); ++k) {
    // Each candidate's string is a cache miss in a large vocabulary: asking for the ones a few
    // places ahead overlaps the misses.
    if (k + 8 < cands.size()) __builtin_prefetch(&vocab_[static_cast<size_t>(cands[k + 8])]);
    int v = cands[k];
    double s = WordSimilarity(word, vocab_[v], true);
    if (s > 0) {
      // Its posting list is another cache miss (word_postings_): asked for here, read below,
      // once every similar word's has been asked for.
      __builtin_prefetch(&word_postings_[static_cast<size_t>(v)]);
      out.push_back({v, 0, 0, 0, 0, s * static_cast<double>(word.size() + vocab_[v].size()), s});
    }
  }
  for (SimilarWord& similar : out) {
    PostingList list = posting_list(similar.word);
    similar.postings = list.count;
    similar.first = list.begin;
    similar.lightest = list.lightest;
    similar.heaviest = list.heaviest;
  }
  std::stable_sort(out.begin(), out.end(), [](const SimilarWord& x, const SimilarWord& y) {
    return x.contribution > y.contribution;
  });
  return out;
}

// Appends the vocabulary words at most two edits away from `word` (a letter inserted, deleted
// or replaced, or two neighbours swapped): those sharing a string with it when one or two
// letters are deleted from each (one from words longer than kMaxDeletionLength, so for them
// only the words one edit or one swap away).
void PartyIndex::DeletionNeighbours(std::string_view word, std::vector<int>& out) const {
  if (word.size() > kMaxEditLength) return;
  if (deletions_.empty()) return;
  // Each hash costs a directory slot and a bucket, a cache miss each in a large list; the
  // hashes are independent, so all slots are asked for first, then all buckets, then read.
  std::vector<uint64_t> hashes = DeletionHashes(word);
  for (uint64_t h : hashes) __builtin_prefetch(&deletion_dir_[h >> deletion_shift_]);
  thread_local std::vector<std::pair<uint32_t, uint32_t>> buckets;
  buckets.clear();
  for (uint64_t h : hashes) {
    size_t bucket = h >> deletion_shift_;
    buckets.push_back({deletion_dir_[bucket], deletion_dir_[bucket + 1]});
    __builtin_prefetch(deletions_.data() + buckets.back().first);
  }
  for (size_t i = 0; i < hashes.size(); ++i) {
    uint32_t low = static_cast<uint32_t>(hashes[i]);
    for (uint32_t k = buckets[i].first; k < buckets[i].second; ++k) {
      if (deletions_[k].hash == low) out.push_back(deletions_[k].word);
    }
  }
}

// For words too long for the deletion index, or whose similar words may be three or more
// edits away: appends vocabulary words of a compatible length sharing at least a third (at
// least one) of the trigrams of `word` that are not common.
void PartyIndex::GramNeighbours(std::string_view word, std::vector<int>& out) const {
  if (word.size() > kMaxEditLength || word.size() < kMinGramLength) return;
  GramScratch& sc = tls_grams;
  sc.count.Fit(vocab_.size());
  uint64_t pass = ++sc.stamp;
  sc.count.touched.clear();
  // The lengths a word within the edit-distance rule of `word` can have.
  auto compatible = [&](size_t len) {
    size_t hi = std::max(word.size(), len), lo = std::min(word.size(), len);
    return 2 * (hi - lo) <= MaxHalfEdits(hi);
  };
  size_t shortest = word.size(), longest = word.size();
  while (shortest > 1 && compatible(shortest - 1)) --shortest;
  while (compatible(longest + 1)) ++longest;
  size_t usable = 0;
  for (uint32_t g : Trigrams(word)) {
    auto it = grams_.find(g);
    if (it == grams_.end() || it->second.size() > gram_limit_) continue;
    ++usable;
    const std::vector<int>& words = it->second;  // by length
    auto first = std::partition_point(words.begin(), words.end(),
                                      [&](int v) { return vocab_[v].size() < shortest; });
    auto last = std::partition_point(first, words.end(),
                                     [&](int v) { return vocab_[v].size() <= longest; });
    for (auto w = first; w != last; ++w) ++sc.count.At(*w, pass, 0);
  }
  size_t need = std::max<size_t>(1, (usable + 2) / 3);
  for (int v : sc.count.touched) {
    if (sc.count[v] >= need) out.push_back(v);
  }
}

// Appends the vocabulary words that are `word` with letters added at its start or end or inside
// it, or with letters removed there, as many as the edit-distance rule allows (a whole syllable:
// "zhongsheng" / "zhongshenghua", "xiangyuan" / "xinxiangyuan"). Such a pair is three or more
// edits apart when three or more letters differ, beyond the deletion index (two edits; one over
// 16 letters), and the trigrams the two words share are those of the common part, often all
// common in a dense list, so the trigram index may not propose it either. Only words of at
// least kMinGramLength letters need this: a pair differing by three letters at one end is
// within the rule only when the longer word has at least 12 letters (2 * 3 half edits per
// letter <= 12 / 2), so the shorter one has at least 9; by two, only beyond 16 letters. The
// look-ups are a few vocabulary probes and two runs of the text orders, bounded by the words
// extending `word`, which are few for a word this long.
void PartyIndex::AffixNeighbours(std::string_view word, std::vector<int>& out) const {
  size_t n = word.size();
  if (n > kMaxEditLength || n < kMinGramLength) return;
  // Shorter words: the prefixes and suffixes of `word` within the rule (the longer word is
  // `word`, so its length sets the limit), and `word` with an inner run removed (the shorter
  // words of the infix look-up below), all looked up together (WordIds).
  std::vector<std::string> removed;
  std::string form;
  InfixRemovals(word, form, [&](std::string_view f) { removed.emplace_back(f); });
  std::vector<std::string_view> probes(removed.begin(), removed.end());
  for (size_t lo = n - 1; lo >= 1 && 2 * (n - lo) <= MaxHalfEdits(n); --lo) {
    probes.push_back(word.substr(0, lo));
    probes.push_back(word.substr(n - lo));
  }
  std::vector<int> ids(probes.size());
  WordIds(probes, ids);
  for (int id : ids) {
    if (id >= 0) out.push_back(id);
  }
  // Longer words: those beginning with `word` (a run of the text order) and those ending with
  // it (a run of the reversed order), of a length within the rule.
  auto fits = [&](size_t hi) { return hi > n && 2 * (hi - n) <= MaxHalfEdits(hi); };
  auto first = vocab_sorted_.begin() + static_cast<std::ptrdiff_t>(TextBound(word, false, true));
  for (; first != vocab_sorted_.end() && std::string_view(vocab_[*first]).starts_with(word);
       ++first) {
    if (fits(vocab_[*first].size())) out.push_back(*first);
  }
  auto last = vocab_reversed_.begin() + static_cast<std::ptrdiff_t>(TextBound(word, true, true));
  for (; last != vocab_reversed_.end() && std::string_view(vocab_[*last]).ends_with(word); ++last) {
    if (fits(vocab_[*last].size())) out.push_back(*last);
  }
  // The same with the letters added or removed inside the word (`xianghaiyuan` /
  // `xiangyuan`): the shorter words are `word` with an inner run removed (looked up above); the
  // longer words are those listed in the infix index under `word` itself.
  uint64_t h = InfixHash(word);
  for (auto it =
           std::lower_bound(infixes_.begin(), infixes_.end(), std::pair<uint64_t, int>{h, -1});
       it != infixes_.end() && it->first == h; ++it)
    out.push_back(it->second);
}

PartyIndex::WordLists PartyIndex::MakeLists(std::string_view word) const {
  WordLists made;
  made.neighbours = SimilarWords(word);
  SplitParts(word, made.split_parts);
  JoinHeads(word, made.join_heads);
  return made;
}

void PartyIndex::JoinHeads(std::string_view word, std::vector<std::string>& out) const {
  std::vector<std::string> written(1, std::string(word));
  if (std::string plural = std::string(word) + "s"; SingularPartyWord(plural) == word)
    written.push_back(std::move(plural));
  if (word.ends_with('y')) {
    std::string plural = std::string(word.substr(0, word.size() - 1)) + "ies";
    if (SingularPartyWord(plural) == word) written.push_back(std::move(plural));
  }
  for (std::string& w : written) {
    if (ExtendsToWord(w)) out.push_back(std::move(w));
  }
}

bool PartyIndex::ExtendsToWord(std::string_view prefix) const {
  auto it = vocab_sorted_.begin() + static_cast<std::ptrdiff_t>(TextBound(prefix, false, true));
  return it != vocab_sorted_.end() && std::string_view(vocab_[*it]).starts_with(prefix);
}

void PartyIndex::SplitParts(std::string_view word, std::vector<int>& out) const {
  if (word.size() > kMaxEditLength || word.size() < 2) return;
  size_t n = word.size();
  // The first part of each cut as its key holds it: as written, or made singular when it ends in
  // a plural ("elekros" of "Elekros mir" is the listed word "elekro"; IsConcatenation accepts
  // both). All cuts' first parts are looked up together (WordIds), then the second parts of the
  // cuts whose first part is listed.
  std::vector<std::string> singular(n - 1);  // per cut: the first part made singular, if other
  std::vector<std::string_view> heads;
  for (size_t cut = 1; cut < n; ++cut) {
    std::string_view head = word.substr(0, cut);
    if (std::string s = SingularPartyWord(std::string(head)); s != head)
      singular[cut - 1] = std::move(s);
  }
  for (size_t cut = 1; cut < n; ++cut) heads.push_back(word.substr(0, cut));
  for (size_t cut = 1; cut < n; ++cut) {
    if (!singular[cut - 1].empty()) heads.push_back(singular[cut - 1]);
  }
  std::vector<int> head_ids(heads.size());
  WordIds(heads, head_ids);
  // Per cut: the ids of its first part as written and made singular (-1: not listed).
  std::vector<std::array<int, 2>> lefts(n - 1, {-1, -1});
  for (size_t cut = 1, extra = n - 1; cut < n; ++cut) {
    lefts[cut - 1][0] = head_ids[cut - 1];
    if (!singular[cut - 1].empty()) lefts[cut - 1][1] = head_ids[extra++];
  }
  // The second part as written, or a plural of it (+s, or y -> ies), as IsConcatenation
  // accepts; a join is checked, so a form that spells no plural of `word` is not added.
  std::vector<std::string> rights;
  std::vector<size_t> first_right(n, 0);  // per cut: its forms, rights[first_right[cut - 1] ..)
  for (size_t cut = 1; cut < n; ++cut) {
    first_right[cut - 1] = rights.size();
    if (lefts[cut - 1][0] < 0 && lefts[cut - 1][1] < 0) continue;
    std::string right(word.substr(cut));
    rights.push_back(right);
    rights.push_back(right + 's');
    if (word.ends_with('y')) rights.push_back(std::string(word.substr(cut, n - cut - 1)) + "ies");
  }
  first_right[n - 1] = rights.size();
  if (rights.empty()) return;
  std::vector<std::string_view> right_views(rights.begin(), rights.end());
  std::vector<int> right_ids(rights.size());
  WordIds(right_views, right_ids);
  for (size_t cut = 1; cut < n; ++cut) {
    for (int left : lefts[cut - 1]) {
      if (left < 0) continue;
      for (size_t f = first_right[cut - 1]; f < first_right[cut]; ++f) {
        int r = right_ids[f];
        if (r < 0 || !IsConcatenation(word, vocab_[static_cast<size_t>(left)], rights[f])) continue;
        out.push_back(left);
        out.push_back(r);
      }
    }
  }
}

}  // namespace chipgate
