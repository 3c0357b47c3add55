// Restricted-party name screening: finds the listed parties whose name or alias equals a screened
// name after normalisation (exact), resembles it (similar, scored), or is contained in it with
// other words added (contains, scored by the share of the listed name found). Built once by the
// compiler into the Program; the resolver screens consignee and end-user names with it.
// Candidates come from the index (party_index.h) and are kept only when an upper bound of their
// score reaches the threshold; each one kept is matched with MatchPartyKeys (party_match.h), so
// every reported score is the one brute-force scoring would give. docs/screening.md specifies
// the algorithm.
// Thread-safety: immutable after construction; Screen may run concurrently on many threads.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "screen/party_index.h"
#include "screen/party_match.h"

namespace chipgate {

struct PartyMatch {
  int party = -1;
  PartyMatchKind kind = PartyMatchKind::kExact;
  double score = 0;          // 1.0 for exact matches; see MatchPartyKeys
  std::string matched_name;  // the party's name or alias that matched best, as written
};

// How much work this thread's screenings did, summed over the keys screened since the thread
// started (for the benchmark and tests: the candidate steps of docs/screening.md, section 4).
struct PartyScreenCounts {
  uint64_t keys = 0;     // keys screened with candidates (not those of too many words)
  uint64_t reached = 0;  // postings the proposing words read
  uint64_t touched = 0;  // postings whose summary bound reached the threshold, or joined: the
                         // entries whose card was read (an entry reached twice counts twice)
  uint64_t bounded = 0;  // distinct entries passing the final bound: scored as similar candidates
  uint64_t matched = 0;  // candidates matched (similar or contains; exact hits not counted)
  uint64_t reached_joined = 0;  // postings of joined and split words read (terms: Propose)
  uint64_t lists = 0;       // posting lists whose weight window was looked at (of similar words and
                            // terms' words: Propose)
  uint64_t lists_read = 0;  // of those, the lists whose window held postings, which were read:
                            // the others are told empty by the list's lightest and heaviest
                            // weight without reading it (or, rarely, by a search of it)
};

class PartyScreener {
 public:
  PartyScreener() = default;
  // `names` lists every party's name and aliases; each of their keys (PartyNameKeys) is an
  // entry; names without a key are ignored.
  explicit PartyScreener(const std::vector<PartyName>& names);

  // Parties matching `name` under any of its keys, at most one per party (its best name or
  // alias: the strongest kind, then the highest score, then the first in list order), sorted by
  // kind, score (highest first), then party. Any text is accepted: a name without a key matches
  // nothing, a name of more than kMaxFuzzyWords words only exactly.
  std::vector<PartyMatch> Screen(std::string_view name) const;

  // This thread's counts so far (all screeners).
  static PartyScreenCounts ThreadCounts();

  // Number of indexed keys of names and aliases.
  size_t size() const { return index_.size(); }

 private:
  struct Scored {
    int entry;
    PartyMatchKind kind;
    double score;
  };
  using SimilarLists = std::vector<const std::vector<PartyIndex::SimilarWord>*>;  // per word

  void ScreenKey(const std::string& key, std::vector<Scored>& scored) const;
  std::vector<int> Candidates(const std::vector<std::string_view>& words) const;
  void FillTable(const SimilarLists& similar) const;
  struct JoinedForms;
  // An upper bound of the similarity's matched letters of an entry from one of its summaries
  // (the Bloom bits of its words: PartyIndex::summary and second_summary), for one key. Per
  // screened word j, the best contribution of j's similar words whose bit the entry has; plus
  // the split and joined terms whose bits it has. Every word the entry holds has its bit, so
  // this is at least the final bound (FinalBound); a bit set by another word only loosens it.
  // Filter 0 is the first summary (WordBit), filter 1 the second (SecondWordBit).
  struct SummaryBound {
    static constexpr size_t kFilters = 2;
    // A split or joined term: the listed words that earn it (any one of them, once per entry),
    // their Bloom bits in each filter, and what it adds to the matched letters.
    struct Term {
      std::array<uint64_t, kFilters> bits{};
      double weight = 0;
      size_t first = 0, last = 0;  // its words: term_words[first, last)
      uint64_t screened = 0;       // the screened words it groups (bit j for screened word j)
    };
    size_t n = 0;  // screened words
    // Per filter, per screened word: its similar words' bits, and the best contribution per bit.
    std::array<std::array<uint64_t, kMaxFuzzyWords>, kFilters> mask{};
    std::array<std::array<std::array<double, 64>, kMaxFuzzyWords>, kFilters> best_at{};
    std::vector<Term> terms;      // split, then joined
    std::vector<int> term_words;  // vocabulary ids

    void Fill(const SimilarLists& similar, const std::vector<std::string_view>& words,
              const JoinedForms& forms);
    // The bits of filter f of the similar words of the screened words in `words` (bit j for
    // screened word j), and of the split and joined terms t with `terms[t]` set (`terms` is
    // empty or has one flag per term).
    uint64_t Bits(size_t f, uint64_t words, std::span<const char> terms) const;
    // The bound's terms of the screened words in `words` and of the split and joined terms t
    // with `terms[t]` set, for an entry whose summary in filter f is `summary`.
    double Rest(size_t f, uint64_t summary, uint64_t words, std::span<const char> terms) const;
  };
  // Appends the entries that may be similar enough, read from the posting lists of the screened
  // words' similar words and of the words that earn a split or joined term, cheapest first
  // (MaxScore with weight windows and the summary bounds; docs/screening.md, section 4, step 4).
  void Propose(const std::vector<std::string_view>& words, const SimilarLists& similar,
               const SummaryBound& bound, std::vector<int>& reached) const;
  double FinalBound(int entry, const SummaryBound& bound) const;
  // The listed words that the screened words may be found as when joined or split: the
  // vocabulary words two screened words join into (or their singular), and both parts of every
  // way to split one screened word into two vocabulary words (PartyIndex::SplitParts), as
  // (left, right) pairs. Made once per key for the bound and for containment.
  struct JoinedForms {
    std::vector<int> joined;          // vocabulary ids
    std::vector<double> weight;       // per joined word: kJoinedScore times twice the letters
    std::vector<uint64_t> joined_of;  // per joined word: the two screened words (bits i and j)
    std::vector<int> split_parts;     // (left, right), flat
    std::vector<int> split_word;      // per split pair: the screened word split
  };
  // `lists`: per screened word, its lists (its SplitParts and JoinHeads, kept with its similar
  // words).
  void FindJoinedForms(const std::vector<std::string_view>& words,
                       const std::vector<const PartyIndex::WordLists*>& lists,
                       JoinedForms& forms) const;
  // `ids`: per screened word, its vocabulary id (-1 when not listed).
  void Contained(const std::vector<int>& ids, const JoinedForms& forms,
                 std::vector<int>& out) const;
  std::vector<PartyMatch> BestPerParty(const std::vector<Scored>& scored) const;

  PartyIndex index_;
};

}  // namespace chipgate
