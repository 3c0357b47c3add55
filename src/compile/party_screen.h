// Restricted-party name screening: finds the listed parties whose name or alias equals a screened
// name after normalisation (exact), resembles it (similar, scored), or is contained in it with
// other words added (contains, scored by the share of the listed name found). Built once by the
// compiler into the Program; the resolver screens consignee and end-user names with it. Candidates
// come from inverted indexes (list words; their one- and two-letter deletions and trigrams, to find
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

#include "compile/party_name.h"

namespace chipgate {

// Fuzzy matches scoring below this are not reported (see docs/screening.md for the choice).
inline constexpr double kPartyMatchThreshold = 0.85;

// A listed key with fewer letters is never matched by containment (a screened name holding it
// among other words), only by equality or similarity.
inline constexpr int kMinContainedLetters = 4;

// How a screened name matches a listed name or alias. The order is the order of strength.
enum class PartyMatchKind : uint8_t {
  kExact,     // equal keys: the party's effect applies
  kSimilar,   // PartyNameSimilarity >= kPartyMatchThreshold: `review`
  kContains,  // every word of the listed name found among more words: `review`
};

// Similarity of two normalised names (PartyNameKeys) in [0, 1]: 1 exactly when the
// keys are equal and non-empty, below 1 otherwise. Words are aligned one to one (equal, a
// prefix abbreviation, or within a small edit distance) or two to one (a split or joined word);
// the score is the matched share of both names' letters. Pure function; the screener reports
// exactly this score, and the test oracle uses it for its brute-force screening.
double PartyNameSimilarity(std::string_view a_normalized, std::string_view b_normalized);

// The share of the listed key's letters that the screened key covers, when every word of the
// listed key is found in the screened key as it is, or split or joined (weighted 0.95), in the
// alignment PartyNameSimilarity makes; 0 when some listed word is not found so (also when it is
// only similar), when the listed key has fewer than kMinContainedLetters letters, or when
// either key is empty. Pure function.
double PartyNameCoverage(std::string_view screened_normalized, std::string_view listed_normalized);

// How the screened key matches the listed key, and the score: exact (1), similar (the
// similarity), contains (the coverage); false when it does not match. The screener and the test
// oracle decide every match with this function.
bool MatchPartyKeys(std::string_view screened_normalized, std::string_view listed_normalized,
                    PartyMatchKind& kind, double& score);

// A score as shown in reason details: rounded down to two decimals ("0.93").
std::string FormatMatchScore(double score);

// One name or alias of a listed party.
struct PartyName {
  int party = -1;
  std::string name;  // as written in the pack
};

struct PartyMatch {
  int party = -1;
  PartyMatchKind kind = PartyMatchKind::kExact;
  double score = 0;          // 1.0 for exact matches; see MatchPartyKeys
  std::string matched_name;  // the party's name or alias that matched best, as written
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
  // nothing, a name of more than 32 words only exactly.
  std::vector<PartyMatch> Screen(std::string_view name) const;

  // Number of indexed keys of names and aliases.
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    int party;
    std::string name, key;
  };
  struct Similar {
    int word;             // vocabulary id
    double contribution;  // the most this pairing can add to the similarity's matched letters
    double similarity;    // the word similarity itself (for the coverage bound)
  };
  struct Scored {
    int entry;
    PartyMatchKind kind;
    double score;
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
  void ScreenKey(const std::string& key, std::vector<Scored>& scored) const;
  std::vector<int> Candidates(const std::vector<std::string_view>& words) const;
  void FillTable(const SimilarLists& similar, uint64_t pass) const;
  double Propose(const SimilarLists& similar, uint64_t pass, double& slack_cover) const;
  std::pair<double, double> WordBounds(int entry, size_t n, uint64_t pass) const;
  void AddJoinedWords(const std::vector<std::string_view>& words, uint64_t pass) const;
  std::vector<PartyMatch> BestPerParty(const std::vector<Scored>& scored) const;

  // Transparent hashing, so lookups by string_view do not allocate.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  // Entries (one per list name with a non-empty key), in list order.
  std::vector<Entry> entries_;
  std::vector<int> weights_;  // entry -> letters in its key, spaces excluded
  std::vector<uint32_t>
      word_begin_;                // entry -> its first word in entry_words_ (one extra at the end)
  std::vector<int> entry_words_;  // vocabulary ids of each entry's words, entry after entry
  std::unordered_map<std::string, std::vector<int>, Hash, std::equal_to<>>
      exact_;  // key -> entries
  // Vocabulary: the distinct words of all keys.
  std::vector<std::string> vocab_;
  std::unordered_map<std::string, int, Hash, std::equal_to<>>
      vocab_index_;                                       // word -> vocabulary id
  std::vector<int> vocab_sorted_;                         // vocabulary ids in text order (prefixes)
  std::vector<std::vector<int>> postings_;                // vocabulary id -> entries holding it
  std::unordered_map<uint32_t, std::vector<int>> grams_;  // padded trigram -> vocabulary ids
  std::vector<std::pair<uint64_t, int>> deletions_;       // sorted (hash of a word or of it less
                                                          // one or two letters, vocabulary id)
  std::vector<uint32_t> deletion_dir_;                    // top 16 hash bits -> first in deletions_
  std::vector<std::vector<Similar>> neighbours_;          // vocabulary id -> SimilarWords
  std::vector<std::vector<int>> splits_;                  // vocabulary id -> SplitLefts
  size_t gram_limit_ = 0;    // trigrams in more vocabulary words than this are not used
  size_t common_limit_ = 0;  // a word reaching more entries is skipped when a rarer one exists
};

}  // namespace chipgate
