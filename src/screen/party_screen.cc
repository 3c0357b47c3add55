// Screening one name: exact hits from the index's key table, then candidates proposed by the
// screened words' similar words and by joined and split words, filtered by upper bounds of their
// similarity and coverage, then matched with MatchPartyKeys. The index and the bounds only
// choose which names are scored; every reported score is MatchPartyKeys itself
// (docs/screening.md, section 4, lists what the choice can miss). Working memory is per thread
// and reused, so a screening allocates little.
#include "screen/party_screen.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <unordered_map>

#include "screen/party_name.h"
#include "screen/stamped.h"
#include "screen/word_similarity.h"

namespace chipgate {
namespace {

// What a screening pass knows about one entry: the bound terms of joined and split words, the
// contributions of the words that proposed it, and the last term (proposing word) counted.
struct EntryState {
  double joined = 0, proposed = 0;
  double joined_cover = 0;    // the listed letters joined and split words may cover
  double proposed_cover = 0;  // letters of the entry's words equal to a proposing screened word
  uint64_t term = 0;
};

// Per-thread working memory of Screen: per entry, per vocabulary word (row in the contribution
// table).
struct Scratch {
  Stamped<EntryState> entry;
  Stamped<int> word_row;
  std::vector<double> table;           // row per reached vocabulary word, column per screened word
  std::vector<double> row_similarity;  // per row: 1 when the word equals a screened word, else 0
  uint64_t stamp = 0;

  void Fit(size_t entries, size_t vocab) {
    entry.Fit(entries);
    word_row.Fit(vocab);
  }
};

thread_local Scratch tls_scratch;

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
    if (MatchPartyKeys(key, index_.entry(e).key, kind, score)) scored.push_back({e, kind, score});
  }
}

// Entries proposed by the screened words (common words only when no rarer word proposes
// any) and by joined or split words, kept when an upper bound of their similarity reaches the
// threshold: per screened word, the most a similar word of the entry can add, plus the joined
// and split words.
std::vector<int> PartyScreener::Candidates(const std::vector<std::string_view>& words) const {
  std::vector<std::vector<PartyIndex::SimilarWord>> owned(words.size());
  SimilarLists similar;
  for (size_t i = 0; i < words.size(); ++i) {
    int id = index_.WordId(words[i]);
    if (id < 0) owned[i] = index_.SimilarWords(words[i]);
    similar.push_back(id >= 0 ? &index_.neighbours(id) : &owned[i]);
  }
  Scratch& sc = tls_scratch;
  sc.Fit(index_.size(), index_.vocab_size());
  uint64_t pass = ++sc.stamp;
  sc.entry.touched.clear();
  FillTable(similar, pass);
  double slack_cover = 0;
  double slack = Propose(similar, pass, slack_cover);
  AddJoinedWords(words, pass);
  double query = KeyLetters(words);
  std::vector<int> out;
  for (int e : sc.entry.touched) {
    const EntryState& st = sc.entry[e];
    // Similarity: matched letters of both names against the threshold. Coverage: the listed
    // name's letters found as they are (each equal to a distinct screened word) or joined.
    // The 1e-9 keeps rounding in the sums from dropping a name that reaches the threshold.
    double need = kPartyMatchThreshold * (query + index_.weight(e)) - 1e-9;
    double need_cover = kPartyMatchThreshold * index_.weight(e) - 1e-9;
    bool may_similar = st.joined + st.proposed + slack >= need;  // cheap, looser bounds first
    bool may_contain = index_.weight(e) >= kMinContainedLetters &&
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
    for (const PartyIndex::SimilarWord& s : *similar[i]) {
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
  std::vector<size_t> cost;  // per screened word: the postings its similar words reach
  for (const auto* list : similar) {
    size_t c = 0;
    for (const PartyIndex::SimilarWord& s : *list) c += index_.postings(s.word).size();
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
    if (k > 0 && cost[order[k]] > index_.common_limit() && !sc.entry.touched.empty()) {
      if (!list.empty()) slack += list.front().contribution;
      for (const PartyIndex::SimilarWord& s : list)
        slack_cover += s.similarity == 1 ? static_cast<double>(index_.word(s.word).size()) : 0;
      continue;
    }
    // Largest contribution first: the first similar word reaching an entry is the one counted.
    uint64_t term = ++sc.stamp;
    for (const PartyIndex::SimilarWord& s : list) {
      double cover = s.similarity == 1 ? static_cast<double>(index_.word(s.word).size()) : 0;
      for (int e : index_.postings(s.word)) {
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
  std::array<double, kMaxFuzzyWords> best{};
  double by_entry_word = 0, cover = 0;
  for (int v : index_.words_of(entry)) {
    const int* r = sc.word_row.Find(v, pass);
    if (!r) continue;
    const double* row = &sc.table[static_cast<size_t>(*r) * n];
    double row_best = 0;
    for (size_t i = 0; i < n; ++i) {
      best[i] = std::max(best[i], row[i]);
      row_best = std::max(row_best, row[i]);
    }
    by_entry_word += row_best;
    cover +=
        sc.row_similarity[static_cast<size_t>(*r)] * static_cast<double>(index_.word(v).size());
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
      if (i == j || !index_.ExtendsToWord(words[i])) continue;  // the joined word begins with i
      joined.assign(words[i]).append(words[j]);
      if (joined.size() > kMaxEditLength + 2)
        continue;  // its singular is longer than a join allows
      double contribution = kJoinedScore * 2 * static_cast<double>(joined.size());
      double cover =
          kJoinedScore * static_cast<double>(joined.size());  // the listed word is no longer
      int v = index_.WordId(joined), singular = index_.WordId(SingularPartyWord(joined));
      if (v >= 0) terms.push_back({v, contribution, cover});
      if (singular >= 0 && singular != v) terms.push_back({singular, contribution, cover});
    }
    int id = index_.WordId(words[i]);
    std::vector<int> split;  // entries holding the first part of some cut of word i
    for (int left : id >= 0 ? index_.splits(id) : index_.SplitLefts(words[i])) {
      split.insert(split.end(), index_.postings(left).begin(), index_.postings(left).end());
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
    for (int e : index_.postings(t.word)) {
      EntryState& st = sc.entry.At(e, pass, EntryState{});
      st.joined += t.contribution;
      st.joined_cover += t.cover;
    }
  }
}

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
