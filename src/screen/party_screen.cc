// Screening one name: exact hits from the index's key table, then candidates proposed by the
// screened words' similar words and by joined and split words, filtered by upper bounds of their
// similarity, and the entries made only of the screened name's words (containment), then
// matched with MatchPartyKeys. The index and the bounds only choose which names are scored;
// every reported score is MatchPartyKeys itself (docs/screening.md, section 4, lists what the
// choice can miss: similar words that the word indexes do not find). Working memory is per thread
// and reused, so a screening allocates little.
#include "screen/party_screen.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numeric>
#include <span>
#include <string>
#include <unordered_map>

#include "screen/party_name.h"
#include "screen/stamped.h"
#include "screen/word_similarity.h"

namespace chipgate {
namespace {

// The rows of the contribution table (FillTable) by vocabulary id, for the words similar to some
// screened word: open addressing with at least twice as many slots as words, so looking up an
// entry's words reads a few cache lines, not an array as large as the vocabulary; a word not
// similar to any screened word meets a free slot after a probe or two.
class RowMap {
 public:
  // Empties the map for at most `words` words.
  void Reset(size_t words) {
    size_t bits = 4;
    while ((size_t{1} << bits) < 2 * words) ++bits;
    shift_ = 64 - bits;
    slots_.assign(size_t{1} << bits, Slot{});
  }
  // The row of `v`, -1 when it has none yet (set it through the reference).
  int& Insert(int v) {
    for (size_t k = Home(v);; k = (k + 1) & (slots_.size() - 1)) {
      if (slots_[k].word == v) return slots_[k].row;
      if (slots_[k].word < 0) {
        slots_[k].word = v;
        return slots_[k].row;
      }
    }
  }
  // The row of `v`, or -1 when it has none.
  int Find(int v) const {
    for (size_t k = Home(v);; k = (k + 1) & (slots_.size() - 1)) {
      if (slots_[k].word == v) return slots_[k].row;
      if (slots_[k].word < 0) return -1;
    }
  }

 private:
  struct Slot {
    int word = -1, row = -1;
  };
  size_t Home(int v) const {
    return static_cast<size_t>(
        (static_cast<uint64_t>(static_cast<uint32_t>(v)) * 0x9E3779B97F4A7C15) >> shift_);
  }
  std::vector<Slot> slots_;
  size_t shift_ = 60;
};

// Per-thread working memory of Screen: the contribution table and its rows, the entries the
// summary bound kept, and per vocabulary word whether a listed word may be found in the screened
// name as it is, joined or split (containment).
struct Scratch {
  RowMap rows;
  std::vector<double> table;  // row per reached vocabulary word, column per screened word
  std::vector<int> reached;   // entries to check with the final bound, in the order reached
  Stamped<char> found;
  uint64_t stamp = 0;
};

thread_local Scratch tls_scratch;
thread_local PartyScreenCounts tls_counts;

// How many entries ahead the loops over entries fetch what they will read.
constexpr size_t kPrefetchAhead = 8;

// The similar words and splits of screened words outside the vocabulary, per thread, for one
// index (its id): the same words recur in the names screened (an unlisted brand, `nordic`), and
// looking them up again in the deletion, trigram and infix indexes (and each way of splitting
// them in the vocabulary) was most of a screening's time. The lists are those SimilarWords and
// SplitParts return, so screening finds exactly what it found without the cache. Bounded: emptied
// when it holds kMaxOutsideWords words (at the start of a screening, so the lists a screening
// points into stay in place while it runs).
constexpr size_t kMaxOutsideWords = 1 << 14;
struct OutsideWords {
  uint64_t index_id = 0;
  std::unordered_map<std::string, PartyIndex::WordLists> lists;
};
thread_local OutsideWords tls_outside;

// True when `x` is a stronger match than `y`: its kind, then its score.
bool Stronger(PartyMatchKind xk, double xs, PartyMatchKind yk, double ys) {
  return xk != yk ? xk < yk : xs > ys;
}

}  // namespace

PartyScreener::PartyScreener(const std::vector<PartyName>& names) : index_(names) {}

std::vector<PartyMatch> PartyScreener::Screen(std::string_view name) const {
  if (index_.size() == 0) return {};
  std::vector<Scored> scored;
  for (const std::string& key : PartyNameKeys(name)) ScreenKey(key, scored);
  return BestPerParty(scored);
}

// Scores the entries that one key of the screened name matches: equal keys from the index's
// key table, the rest among the candidates of the index.
void PartyScreener::ScreenKey(const std::string& key, std::vector<Scored>& scored) const {
  if (const std::vector<int>* equal = index_.exact(key)) {
    for (int e : *equal) scored.push_back({e, PartyMatchKind::kExact, 1.0});
  }
  auto words = KeyWords(key);
  if (words.size() > kMaxFuzzyWords) return;
  for (int e : Candidates(words)) {
    if (index_.entry(e).key == key) continue;
    PartyMatchKind kind;
    double score = 0;
    if (MatchPartyKeys(key, index_.entry(e).key, kind, score)) {
      scored.push_back({e, kind, score});
      ++tls_counts.matched;
    }
  }
}

// Entries that may match: those whose similarity bound reaches the threshold among the entries
// proposed by the screened words and by joined or split words, and those holding only words
// the screened name holds (containment). Sorted, each once.
std::vector<int> PartyScreener::Candidates(const std::vector<std::string_view>& words) const {
  OutsideWords& outside = tls_outside;
  if (outside.index_id != index_.id() || outside.lists.size() >= kMaxOutsideWords) {
    outside.lists.clear();
    outside.index_id = index_.id();
  }
  SimilarLists similar;
  std::vector<int> ids(words.size());  // per screened word: its vocabulary id, -1 when not listed
  index_.WordIds(words, ids);
  std::vector<const PartyIndex::WordLists*> word_lists;  // per screened word
  for (size_t i = 0; i < words.size(); ++i) {
    const PartyIndex::WordLists* lists = nullptr;
    if (ids[i] >= 0) {
      lists = &index_.lists(ids[i]);
    } else {
      auto [it, added] = outside.lists.try_emplace(std::string(words[i]));
      if (added) it->second = index_.MakeLists(words[i]);
      lists = &it->second;
    }
    similar.push_back(&lists->neighbours);
    word_lists.push_back(lists);
  }
  Scratch& sc = tls_scratch;
  FillTable(similar);
  JoinedForms forms;
  FindJoinedForms(words, word_lists, forms);
  thread_local SummaryBound bound;
  bound.Fill(similar, words, forms);
  double query = KeyLetters(words);
  std::vector<int>& reached = sc.reached;
  reached.clear();
  Propose(words, similar, bound, reached);
  std::vector<int> out;
  PartyScreenCounts& counts = tls_counts;
  ++counts.keys;
  counts.touched += reached.size();
  for (size_t k = 0; k < reached.size(); ++k) {
    // The cards were asked for as the entries were reached; asking again shortly before use
    // covers those evicted meanwhile.
    if (k + kPrefetchAhead < reached.size()) index_.Prefetch(reached[k + kPrefetchAhead]);
    int e = reached[k];
    // Matched letters of both names against the threshold. The 1e-9 keeps rounding in the sums
    // from dropping a name that reaches the threshold.
    double need = kPartyMatchThreshold * (query + index_.weight(e)) - 1e-9;
    if (FinalBound(e, bound) >= need) out.push_back(e);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  counts.bounded += out.size();
  Contained(ids, forms, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The terms of the summary bounds of one key (SummaryBound): per filter and screened word, the
// Bloom bits of its similar words and the best contribution per bit; per split screened word and
// per joined word, the listed words that earn their bound term and their bits.
void PartyScreener::SummaryBound::Fill(const SimilarLists& similar,
                                       const std::vector<std::string_view>& words,
                                       const JoinedForms& forms) {
  auto bit = [](size_t f, int v) {
    return f == 0 ? PartyIndex::WordBit(v) : PartyIndex::SecondWordBit(v);
  };
  n = similar.size();
  for (size_t f = 0; f < kFilters; ++f) {
    for (size_t i = 0; i < n; ++i) {
      mask[f][i] = 0;
      best_at[f][i].fill(0.0);
      for (const PartyIndex::SimilarWord& s : *similar[i]) {
        uint64_t b = bit(f, s.word);
        mask[f][i] |= b;
        double& best = best_at[f][i][static_cast<size_t>(std::countr_zero(b))];
        best = std::max(best, s.contribution);
      }
    }
  }
  terms.clear();
  term_words.clear();
  auto add_word = [&](int v) {
    for (size_t f = 0; f < kFilters; ++f) terms.back().bits[f] |= bit(f, v);
    term_words.push_back(v);
    terms.back().last = term_words.size();
  };
  // One term per screened word split, earned by holding the first part of any of its splits
  // (the pairs of one word are adjacent): a plural adds at most 2 letters.
  for (size_t k = 0; k < forms.split_word.size(); ++k) {
    size_t i = static_cast<size_t>(forms.split_word[k]);
    if (k == 0 || forms.split_word[k - 1] != forms.split_word[k]) {
      terms.push_back({{},
                       kJoinedScore * static_cast<double>(2 * words[i].size() + 2),
                       term_words.size(),
                       term_words.size(),
                       uint64_t{1} << i});
    }
    add_word(forms.split_parts[2 * k]);
  }
  // One term per joined word.
  for (size_t t = 0; t < forms.joined.size(); ++t) {
    terms.push_back(
        {{}, forms.weight[t], term_words.size(), term_words.size(), forms.joined_of[t]});
    add_word(forms.joined[t]);
  }
}

uint64_t PartyScreener::SummaryBound::Bits(size_t f, uint64_t words,
                                           std::span<const char> pending) const {
  uint64_t out = 0;
  for (size_t j = 0; j < n; ++j) {
    if (words >> j & 1) out |= mask[f][j];
  }
  for (size_t t = 0; t < pending.size(); ++t) {
    if (pending[t]) out |= terms[t].bits[f];
  }
  return out;
}

double PartyScreener::SummaryBound::Rest(size_t f, uint64_t summary, uint64_t words,
                                         std::span<const char> pending) const {
  double sum = 0;
  for (size_t j = 0; j < n; ++j) {
    if (!(words >> j & 1)) continue;
    double best = 0;
    for (uint64_t x = summary & mask[f][j]; x; x &= x - 1)
      best = std::max(best, best_at[f][j][static_cast<size_t>(std::countr_zero(x))]);
    sum += best;
  }
  for (size_t t = 0; t < pending.size(); ++t) {
    if (pending[t] && (summary & terms[t].bits[f])) sum += terms[t].weight;
  }
  return sum;
}

// Table of contributions: a row per vocabulary word reached, a column per screened word.
void PartyScreener::FillTable(const SimilarLists& similar) const {
  Scratch& sc = tls_scratch;
  size_t n = similar.size(), words = 0;
  for (const auto* list : similar) words += list->size();
  sc.rows.Reset(words);
  sc.table.clear();
  for (size_t i = 0; i < n; ++i) {
    for (const PartyIndex::SimilarWord& s : *similar[i]) {
      int& row = sc.rows.Insert(s.word);
      if (row < 0) {
        row = static_cast<int>(sc.table.size() / n);
        sc.table.resize(sc.table.size() + n, 0.0);
      }
      sc.table[row * n + i] = std::max(sc.table[row * n + i], s.contribution);
    }
  }
}

namespace {

// The bounds of the weight (letters) of a listed name that may reach the threshold against a
// screened key of `query` letters. At most MostWeight(query, most) when its matched letters are
// at most `most`: threshold * (query + weight) <= most. At least LeastWeight(query, letters) (and
// 1) when the screened words it can pair with hold `letters` letters: each aligned group adds at
// most its letters, so threshold * (query + weight) <= letters + weight.
double MostWeight(double query, double most) { return most / kPartyMatchThreshold - query; }
double LeastWeight(double query, double letters) {
  return std::max(1.0, (kPartyMatchThreshold * query - letters) / (1 - kPartyMatchThreshold));
}

// Whether a listed name that no proposing word reached may still be similar enough: the
// screened words not yet used to propose hold `rest_letters` of the key's `query` letters and
// may add at most `rest` to the matched letters, so its weight is at most MostWeight(query, rest)
// and at least LeastWeight(query, rest_letters).
bool UnreachedMayMatch(double query, double rest_letters, double rest) {
  return LeastWeight(query, rest_letters) <= MostWeight(query, rest) + 1e-6;
}

// The postings [begin, end) of a listed word's `list` (sorted by summary weight:
// PartyIndex::postings) whose entries may weigh `least` to `most` letters: the summary weight is
// the weight, or 255 when the weight is 255 or more, so an entry whose summary weight is above
// `most` weighs more, and one whose summary weight is below min(`least`, 255) weighs less (so a
// `most` of 255 or more takes the list to its end). Rounded outwards by far more than the sums'
// rounding error. The list's lightest and heaviest weight tell most windows without reading it
// (PartyIndex::WeightWindow).
std::pair<size_t, size_t> WeightRun(const PartyIndex& index, const PartyIndex::PostingList& list,
                                    double least, double most) {
  constexpr double kCap = (1 << PartyIndex::kSummaryWeightBits) - 1;
  double lo = std::clamp(std::ceil(least - 1e-6), 0.0, kCap),
         hi = std::clamp(std::floor(most + 1e-6), -1.0, kCap);
  return index.WeightWindow(list, static_cast<int>(lo), static_cast<int>(hi));
}

}  // namespace

// Appends the entries that may be similar enough, taking the screened words and the split and
// joined terms (the **items**) cheapest first (MaxScore): a screened word proposes the entries
// holding one of its similar words, a term those holding a listed word that earns it. Once the
// items left could not make a listed name similar enough on their own (UnreachedMayMatch), they
// propose nothing. So a common word (`technology`, a city), or a common listed word that two
// screened words join into (`beij ing` into `beijing`), is read only when the rarer items
// cannot carry a match, and the entries it would have reached alone are exactly those that
// cannot reach the threshold.
// The entries an item proposes need a bound only for the names reached first through it: an
// entry holding a similar word of a screened word taken before, or earning a term taken before,
// was read in that item's lists, with a bound at least its final one. So the entries still in
// question pair only with the items not yet taken: their matched letters are at most the
// contribution of the similar word (or the term) they were reached through plus the best
// contributions of the items not yet taken (`rest`), and the screened words they may be aligned
// with are the words not yet taken and those grouped by the terms not yet taken (`letters`).
// That bounds their weight from above (MostWeight) and from below (LeastWeight), and the
// postings, sorted by weight, are read only within those weights (WeightRun); a similar word
// whose bounds cross proposes nothing, nor do the later ones, which contribute less.
// An entry within the weights is appended only when the bounds its posting's two summaries give
// (SummaryBound, with the items not yet taken) both reach the threshold: each is at least the
// final one (FinalBound) of an entry still in question, so the entries they skip are exactly
// some of those that check would drop, but it reads only the posting list, where reading an
// entry's card costs a cache miss. An entry holding similar words of two screened words (or two
// of one, or earning two terms) may be appended for each; the final bound is the same each time.
void PartyScreener::Propose(const std::vector<std::string_view>& words, const SimilarLists& similar,
                            const SummaryBound& bound, std::vector<int>& reached) const {
  size_t n = similar.size(), terms = bound.terms.size();
  // Items 0 .. n-1 are the screened words, n .. n+terms-1 the terms. Per item: the postings it
  // reaches, and the largest contribution it proposes with.
  std::vector<size_t> cost(n + terms, 0);
  std::vector<double> top(n + terms, 0.0);
  double rest = 0, query = 0;
  for (size_t i = 0; i < n; ++i) {
    for (const PartyIndex::SimilarWord& s : *similar[i]) cost[i] += s.postings;
    top[i] = similar[i]->empty() ? 0 : similar[i]->front().contribution;
    query += static_cast<double>(words[i].size());
  }
  for (size_t t = 0; t < terms; ++t) {
    const SummaryBound::Term& term = bound.terms[t];
    for (size_t k = term.first; k < term.last; ++k)
      cost[n + t] += index_.posting_count(bound.term_words[k]);
    top[n + t] = term.weight;
  }
  for (double c : top) rest += c;
  std::vector<size_t> order(n + terms);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return cost[x] < cost[y]; });
  static_assert(kMaxFuzzyWords < 64);  // a bit per screened word
  uint64_t pending = (uint64_t{1} << n) - 1;
  std::vector<char> pending_terms(terms, 1);
  // The letters of the screened words an entry reached by no item taken so far may be aligned
  // with: the words not yet taken and those the terms not yet taken group.
  auto pending_letters = [&] {
    uint64_t held = pending;
    for (size_t t = 0; t < terms; ++t) {
      if (pending_terms[t]) held |= bound.terms[t].screened;
    }
    double letters = 0;
    for (size_t j = 0; j < n; ++j) {
      if (held >> j & 1) letters += static_cast<double>(words[j].size());
    }
    return letters;
  };
  PartyScreenCounts& counts = tls_counts;
  for (size_t x : order) {
    double letters = pending_letters();
    if (!UnreachedMayMatch(query, letters, rest)) return;
    double least = LeastWeight(query, letters);  // x and the items not yet taken
    rest -= top[x];
    if (x < n)
      pending &= ~(uint64_t{1} << x);
    else
      pending_terms[x - n] = 0;
    uint64_t others = bound.Bits(0, pending, pending_terms);
    uint64_t second_others = bound.Bits(1, pending, pending_terms);
    // Reads the postings of listed word v, reached with `contribution`; false when its weight
    // window is empty (and so are those of the item's later words, which contribute no more).
    auto read = [&](const PartyIndex::PostingList& list, double contribution,
                    uint64_t& read_count) {
      double most = MostWeight(query, contribution + rest);
      if (most + 1e-6 < least) return false;
      ++counts.lists;
      auto [begin, end] = WeightRun(index_, list, least, most);
      if (begin == end) return true;
      ++counts.lists_read;
      std::span<const PartyIndex::Posting> postings = index_.posting_records(list);
      read_count += end - begin;
      for (size_t k = begin; k < end; ++k) {
        const PartyIndex::Posting& p = postings[k];
        double bound_of = contribution;
        if (p.summary & others) bound_of += bound.Rest(0, p.summary, pending, pending_terms);
        double need = kPartyMatchThreshold * (query + PartyIndex::SummaryWeight(p.summary)) - 1e-9;
        if (bound_of < need) continue;
        // The second filter only for the entries the first let through.
        bound_of = contribution;
        if (p.second & second_others) bound_of += bound.Rest(1, p.second, pending, pending_terms);
        if (bound_of < need) continue;
        index_.Prefetch(p.entry);
        reached.push_back(p.entry);
      }
      return true;
    };
    if (x < n) {
      // Largest contribution first: an entry holding several of x's similar words is first met
      // through the one contributing most, where the summary bound uses that contribution for
      // screened word x, as the final bound does; a later meeting may only be skipped.
      for (const PartyIndex::SimilarWord& s : *similar[x]) {
        if (!read(s.list(), s.contribution, counts.reached)) break;
      }
    } else {
      const SummaryBound::Term& term = bound.terms[x - n];
      for (size_t k = term.first; k < term.last; ++k) {
        if (!read(index_.posting_list(bound.term_words[k]), term.weight, counts.reached_joined))
          break;
      }
    }
  }
}

// The similarity bound of one entry, from its card: the split and joined terms it earns, plus
// the pair part, where each word pairs at most once, so the matched letters are at most the sum,
// over screened words, of their best contribution with any word of the entry, and at most the
// same sum over the entry's words.
double PartyScreener::FinalBound(int entry, const SummaryBound& bound) const {
  const Scratch& sc = tls_scratch;
  std::span<const int> held = index_.words_of(entry);
  double joined = 0;
  for (const SummaryBound::Term& t : bound.terms) {
    auto first = bound.term_words.begin() + static_cast<std::ptrdiff_t>(t.first);
    auto last = bound.term_words.begin() + static_cast<std::ptrdiff_t>(t.last);
    if (std::any_of(held.begin(), held.end(),
                    [&](int v) { return std::find(first, last, v) != last; }))
      joined += t.weight;
  }
  size_t n = bound.n;
  std::array<double, kMaxFuzzyWords> best{};
  double by_entry_word = 0;
  for (int v : held) {
    int r = sc.rows.Find(v);
    if (r < 0) continue;
    const double* row = &sc.table[static_cast<size_t>(r) * n];
    double row_best = 0;
    for (size_t i = 0; i < n; ++i) {
      best[i] = std::max(best[i], row[i]);
      row_best = std::max(row_best, row[i]);
    }
    by_entry_word += row_best;
  }
  double by_screened_word =
      std::accumulate(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(n), 0.0);
  return joined + std::min(by_screened_word, by_entry_word);
}

void PartyScreener::FindJoinedForms(const std::vector<std::string_view>& words,
                                    const std::vector<const PartyIndex::WordLists*>& lists,
                                    JoinedForms& forms) const {
  // Every join of a written form of word i (one some listed word begins with: its JoinHeads)
  // and word j, and its singular, looked up together (WordIds); then kept in that order.
  struct Join {
    uint64_t of;    // the two screened words (bits i and j)
    double weight;  // at least the letters of the group (both words and the joined word), times
                    // the score
  };
  std::vector<Join> joins;
  std::vector<std::string> probes;  // per join: the joined word, then its singular
  for (size_t i = 0; i < words.size(); ++i) {
    const std::vector<int>& parts = lists[i]->split_parts;
    forms.split_parts.insert(forms.split_parts.end(), parts.begin(), parts.end());
    forms.split_word.insert(forms.split_word.end(), parts.size() / 2, static_cast<int>(i));
    // Word i as written: as it is, or the plural its key made singular ("elekros" of
    // "Elekros mir" is "elekro"), which IsConcatenation also joins; only the forms some listed
    // word begins with.
    for (const std::string& first : lists[i]->join_heads) {
      for (size_t j = 0; j < words.size(); ++j) {
        if (i == j) continue;
        std::string joined = first + std::string(words[j]);
        // A longer join's singular is still longer than the alignment joins (kMaxEditLength).
        if (joined.size() > kMaxEditLength + 2) continue;
        joins.push_back({uint64_t{1} << i | uint64_t{1} << j,
                         kJoinedScore * 2 * static_cast<double>(joined.size())});
        std::string singular = SingularPartyWord(joined);
        probes.push_back(std::move(joined));
        probes.push_back(std::move(singular));
      }
    }
  }
  if (joins.empty()) return;
  std::vector<std::string_view> views(probes.begin(), probes.end());
  std::vector<int> ids(probes.size());
  index_.WordIds(views, ids);
  for (size_t k = 0; k < joins.size(); ++k) {
    int v = ids[2 * k], singular = ids[2 * k + 1];
    if (v >= 0) {
      forms.joined.push_back(v);
      forms.weight.push_back(joins[k].weight);
      forms.joined_of.push_back(joins[k].of);
    }
    if (singular >= 0 && singular != v) {
      forms.joined.push_back(singular);
      forms.weight.push_back(joins[k].weight);
      forms.joined_of.push_back(joins[k].of);
    }
  }
}

// Entries every word of which the screened name holds as it is, joined from two of its words,
// or split from one of them: only these can be contained in it (PartyNameCoverage needs every
// listed word found so). Each such entry is in the list of its rarest word, which is then among
// those words; the lists of common words hold only the entries made of common words.
void PartyScreener::Contained(const std::vector<int>& ids, const JoinedForms& forms,
                              std::vector<int>& out) const {
  Scratch& sc = tls_scratch;
  sc.found.Fit(index_.vocab_size());
  uint64_t pass = ++sc.stamp;
  sc.found.touched.clear();
  for (int id : ids) {
    if (id >= 0) sc.found.At(id, pass, 1);
  }
  for (int v : forms.split_parts) sc.found.At(v, pass, 1);
  for (int v : forms.joined) sc.found.At(v, pass, 1);
  for (int v : sc.found.touched) {
    for (int e : index_.rarest_postings(v)) {
      if (index_.weight(e) < kMinContainedLetters) continue;
      auto held = index_.words_of(e);
      if (std::all_of(held.begin(), held.end(), [&](int w) { return sc.found.Find(w, pass); }))
        out.push_back(e);
    }
  }
}

PartyScreenCounts PartyScreener::ThreadCounts() { return tls_counts; }

// One match per party, its best entry (the first on a tie); sorted by kind, score, then party.
std::vector<PartyMatch> PartyScreener::BestPerParty(const std::vector<Scored>& scored) const {
  std::unordered_map<int, size_t> slot;  // party -> index in best
  std::vector<Scored> best;
  for (const Scored& s : scored) {
    auto [it, added] = slot.emplace(index_.entry(s.entry).party, best.size());
    if (added) {
      best.push_back(s);
      continue;
    }
    Scored& b = best[it->second];
    bool tie = s.kind == b.kind && s.score == b.score;
    if (Stronger(s.kind, s.score, b.kind, b.score) || (tie && s.entry < b.entry)) b = s;
  }
  std::vector<PartyMatch> out;
  for (const Scored& b : best) {
    const PartyIndex::Entry& e = index_.entry(b.entry);
    out.push_back({e.party, b.kind, b.score, e.name});
  }
  std::sort(out.begin(), out.end(), [](const PartyMatch& x, const PartyMatch& y) {
    if (x.kind != y.kind || x.score != y.score) return Stronger(x.kind, x.score, y.kind, y.score);
    return x.party < y.party;
  });
  return out;
}

}  // namespace chipgate
