// Restricted-party name screening: finds the listed parties whose name or alias equals a screened
// name after normalisation (exact) or resembles it (fuzzy, scored). Built once by the compiler
// into the Program; the resolver screens consignee and end-user names with it. Candidates come
// from inverted indexes (list words; their one- and two-letter deletions and trigrams, to find
// misspelt words; split and joined words), so a name is never scored against the whole list.
// docs/screening.md specifies the algorithm.
// Thread-safety: immutable after construction; Screen may run concurrently on many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chipgate {

// Fuzzy matches scoring below this are not reported (see docs/screening.md for the choice).
inline constexpr double kPartyMatchThreshold = 0.85;

// Similarity of two normalised names (NormalizePartyName keys) in [0, 1]: 1 exactly when the
// keys are equal and non-empty, below 1 otherwise. Words are aligned one to one (equal, a
// prefix abbreviation, or within a small edit distance) or two to one (a split or joined word);
// the score is the matched share of both names' letters. Pure function; the screener reports
// exactly this score, and the test oracle uses it for its brute-force screening.
double PartyNameSimilarity(std::string_view a_normalized, std::string_view b_normalized);

// The singular of one normalised word, as NormalizePartyName writes it ("industries" ->
// "industry"; words of five letters or fewer are kept). Defined in party_name.cc.
std::string SingularPartyWord(std::string word);

// A score as shown in reason details: rounded down to two decimals ("0.93").
std::string FormatMatchScore(double score);

// One name or alias of a listed party.
struct PartyName {
  int party = -1;
  std::string name;  // as written in the pack
};

struct PartyMatch {
  int party = -1;
  double score = 0;          // 1.0 for exact matches
  bool exact = false;        // normalised keys are equal
  std::string matched_name;  // the party's name or alias that matched best, as written
};

class PartyScreener {
 public:
  PartyScreener() = default;
  // `names` lists every party's name and aliases; names whose key is empty are ignored.
  explicit PartyScreener(const std::vector<PartyName>& names);

  // Parties matching `name`, at most one per party (its best name or alias; the first in list
  // order on a tie), sorted by score (highest first), then by party. Exact matches always; fuzzy
  // ones at or above kPartyMatchThreshold. Any text is accepted: an empty name matches nothing,
  // a name of more than 32 words only exactly.
  std::vector<PartyMatch> Screen(std::string_view name) const;

  // Number of indexed names and aliases.
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    int party;
    std::string name, key;
  };
  struct Similar {
    int word;             // vocabulary id
    double contribution;  // the most this pairing can add to the similarity's matched letters
  };
  struct Scored {
    int entry;
    double score;
    bool exact;
  };
  using SimilarLists = std::vector<const std::vector<Similar>*>;  // per screened word

  // Building (party_screen.cc, "index").
  void AddEntry(const PartyName& name);
  void IndexWords();
  int WordId(std::string_view word) const;
  std::vector<Similar> SimilarWords(std::string_view word) const;
  void DeletionNeighbours(std::string_view word, std::vector<int>& out) const;
  void GramNeighbours(std::string_view word, std::vector<int>& out) const;
  std::vector<int> SplitLefts(std::string_view word) const;
  bool ExtendsToWord(std::string_view prefix) const;
  // Screening (party_screen.cc, "screening").
  std::vector<int> Candidates(const std::vector<std::string_view>& words) const;
  void FillTable(const SimilarLists& similar, uint64_t pass) const;
  double Propose(const SimilarLists& similar, uint64_t pass) const;
  double WordBound(int entry, size_t n, uint64_t pass) const;
  void AddJoinedWords(const std::vector<std::string_view>& words, uint64_t pass) const;
  std::vector<PartyMatch> BestPerParty(const std::vector<Scored>& scored) const;

  // Transparent hashing, so lookups by string_view do not allocate.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  // Entries (one per list name with a non-empty key), in list order.
  std::vector<Entry> entries_;
  std::vector<int> weights_;          // entry -> letters in its key, spaces excluded
  std::vector<uint32_t> word_begin_;  // entry -> its first word in entry_words_ (one extra at the end)
  std::vector<int> entry_words_;      // vocabulary ids of each entry's words, entry after entry
  std::unordered_map<std::string, std::vector<int>, Hash, std::equal_to<>> exact_;  // key -> entries
  // Vocabulary: the distinct words of all keys.
  std::vector<std::string> vocab_;
  std::unordered_map<std::string, int, Hash, std::equal_to<>> vocab_index_;  // word -> vocabulary id
  std::vector<int> vocab_sorted_;                                            // vocabulary ids in text order (prefixes)
  std::vector<std::vector<int>> postings_;                                   // vocabulary id -> entries holding it
  std::unordered_map<uint32_t, std::vector<int>> grams_;                     // padded trigram -> vocabulary ids
  std::vector<std::pair<uint64_t, int>> deletions_;                          // sorted (hash of a word or of it less
                                                                             // one or two letters, vocabulary id)
  std::vector<uint32_t> deletion_dir_;                                       // top 16 hash bits -> first in deletions_
  std::vector<std::vector<Similar>> neighbours_;                             // vocabulary id -> SimilarWords
  std::vector<std::vector<int>> splits_;                                     // vocabulary id -> SplitLefts
  size_t gram_limit_ = 0;    // trigrams in more vocabulary words than this are not used
  size_t common_limit_ = 0;  // a word reaching more entries is skipped when a rarer one exists
};

}  // namespace chipgate
