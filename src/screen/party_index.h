// The index of a restricted-party list: every key of every listed name and alias is an entry,
// and the distinct words of all keys are the vocabulary. Built once per pack; the screener
// (party_screen.h) asks it for the entries with a given key, the entries holding a word, and
// each word's similar words and splits, so a screened name is never compared with the whole
// list. docs/screening.md, section 4, describes the indexes and what they can miss.
// Thread-safety: logically immutable after construction; every const member may run on many
// threads (the lookups of words outside the vocabulary use thread-local scratch space, and a
// vocabulary word's lists, computed on first use, are published through an atomic pointer).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chipgate {

// One name or alias of a listed party, as the screen module takes its list: the compiler
// makes one per name and alias of the pack's parties.
struct PartyName {
  int party = -1;    // the party's index in the caller's table
  std::string name;  // as written in the pack
};

class PartyIndex {
 public:
  // One key of one listed name.
  struct Entry {
    int party;
    std::string name;  // the listed name or alias, as written
    std::string key;   // one of its keys (PartyNameKeys)
  };
  // Where a word's postings are (posting_records) and which summary weights they span: its
  // first posting in the array of all postings, how many it has, and the summary weights
  // (SummaryWeight) of its lightest and heaviest entry (the first and last posting: a list is
  // sorted by summary weight). What the screener needs to tell, without reading the list, that
  // a range of weights misses it, or holds all of it (WeightWindow).
  struct PostingList {
    uint32_t begin = 0;
    uint32_t count = 0;
    uint8_t lightest = 0, heaviest = 0;
  };
  // A vocabulary word that may pair with a given word in the alignment (party_match.cc).
  struct SimilarWord {
    int word;                 // vocabulary id
    uint32_t postings = 0;    // posting_count(word), kept here so that ordering the screened
                              // words by the postings they reach reads no per-word array, a cache
                              // miss per similar word in a large list
    uint32_t first = 0;       // posting_list(word).begin
    uint8_t lightest = 0;     // posting_list(word).lightest
    uint8_t heaviest = 0;     // posting_list(word).heaviest: with `first` and `postings`, the
                              // word's PostingList, kept here (in what was padding and 8 bytes
                              // more) so that a weight window that misses the list is skipped
                              // without touching the list or the per-word array, and one that
                              // holds all of it is read without a search
    double contribution = 0;  // the most this pairing can add to the similarity's matched letters
    double similarity = 0;    // the word similarity itself (for the coverage bound)
    PostingList list() const { return {first, postings, lightest, heaviest}; }
  };

  PartyIndex() = default;
  // `names` lists every party's name and aliases; each of their keys (PartyNameKeys) is an
  // entry, in list order; names without a key are left out.
  explicit PartyIndex(const std::vector<PartyName>& names);

  // Entries, numbered from 0 in list order.
  size_t size() const { return entries_.size(); }
  const Entry& entry(int e) const { return entries_[e]; }
  // What the screener's final bound reads of an entry, in one cache line: its weight and, for a
  // key of at most kCardWords words, their vocabulary ids. Screening reads the cards of the
  // entries a posting's summary did not rule out, so one entry costs one cache miss, not one
  // per array (weights, word offsets, words).
  static constexpr int kCardWords = 6;
  struct alignas(32) Card {
    int weight = 0;  // letters of its key, spaces excluded
    int count = 0;   // words of its key, repeats included
    int words[kCardWords] = {};
  };
  int weight(int e) const { return cards_[e].weight; }
  // Asks the processor to fetch entry `e`'s card, which will be read soon (a hint only).
  void Prefetch(int e) const { __builtin_prefetch(&cards_[static_cast<size_t>(e)]); }
  // Vocabulary ids of its key's words, in key order, repeats included: from its card when they
  // fit there, else from the array of all entries' words.
  std::span<const int> words_of(int e) const {
    const Card& c = cards_[static_cast<size_t>(e)];
    if (c.count <= kCardWords) return {c.words, static_cast<size_t>(c.count)};
    return {entry_words_.data() + word_begin_[e], entry_words_.data() + word_begin_[e + 1]};
  }
  // The entries whose key is `key`, or nullptr when there are none.
  const std::vector<int>* exact(std::string_view key) const {
    auto it = exact_.find(key);
    return it == exact_.end() ? nullptr : &it->second;
  }

  // The vocabulary, numbered from 0 in order of first appearance.
  size_t vocab_size() const { return vocab_.size(); }
  const std::string& word(int v) const { return vocab_[v]; }
  // -1 when `word` is not in the vocabulary. An open-addressing table (vocab_slots_): a word not
  // in the vocabulary, which most look-ups of a screened word's prefixes, suffixes and splits
  // are, costs one slot read, and one that is costs that and its string.
  int WordId(std::string_view word) const;
  // WordId of each of `words`, into `ids` (of the same size): the same ids, found together, so
  // that the table slots of all of them (a cache miss each in a large vocabulary) and then the
  // strings of the slots whose tag matches are asked for before any is read. The first-time
  // look-ups of a screened word probe many strings (its prefixes and suffixes, each way to split
  // it, the forms with a syllable removed), and most of them miss the table.
  void WordIds(std::span<const std::string_view> words, std::span<int> ids) const;
  // One posting: an entry holding a word, and its two summaries (summary(), second_summary()),
  // side by side, so the start of a posting list costs one cache miss, not one per array
  // (entries, summaries, seconds): most lists the screener reads are short (the similar words of
  // a rare word), where those misses, not the postings themselves, were the cost.
  struct Posting {
    uint64_t summary;  // summary(entry)
    uint64_t second;   // second_summary(entry)
    int entry;
  };
  // The postings of word `v`: the entries holding it, by the weight their summary holds
  // (SummaryWeight: the weight capped at 255) and ascending within one weight. The postings of
  // all words are laid out one after another, so the screener reads a word's postings as one
  // run, without touching any per-entry array, and finds the run of entries within a range of
  // weights by PostingsBelow.
  std::span<const Posting> posting_records(int v) const { return posting_records(posting_list(v)); }
  std::span<const Posting> posting_records(const PostingList& list) const {
    return {postings_.data() + list.begin, list.count};
  }
  // Word `v`'s list: one read of a per-word array (8 bytes a word).
  PostingList posting_list(int v) const {
    const WordPostings& w = word_postings_[static_cast<size_t>(v)];
    return {w.begin, word_postings_[static_cast<size_t>(v) + 1].begin - w.begin, w.lightest,
            w.heaviest};
  }
  // The same, one field at a time (copies, for tests and diagnostics; screening reads
  // posting_records). posting_seconds: a one-hash Bloom filter of the entry's words over all 64
  // bits with a hash independent of WordBit's (SecondWordBit). A bound computed from each filter
  // is at least the entry's own, so the smaller of the two is too; an entry whose words only
  // share first-filter bits with the screened words' similar words seldom shares second-filter
  // bits too, so the two rule out more entries than one (in the benchmark's realistic list of
  // 10^6 parties, about a quarter of those the first lets through).
  std::vector<int> postings(int v) const;
  std::vector<uint64_t> posting_summaries(int v) const;
  std::vector<uint64_t> posting_seconds(int v) const;
  size_t posting_count(int v) const { return posting_list(v).count; }
  // How many of word `v`'s postings have a summary weight (SummaryWeight) below `weight`: the
  // place where those of `weight` and more begin, as std::partition_point of its summaries gives
  // it. A list of at most kGridStep postings is searched directly (its postings are read next
  // anyway); a longer one through the grid of every kGridStep-th posting's weight (posting_grid_,
  // one byte each, a small array that stays cached) and then at most kGridStep summaries,
  // instead of a binary search of the summaries, a cache miss per step in a long list.
  static constexpr size_t kGridStep = 8;
  size_t PostingsBelow(int v, int weight) const { return PostingsBelow(posting_list(v), weight); }
  size_t PostingsBelow(const PostingList& list, int weight) const;
  // The postings [first, last) of `list` (places within it) whose summary weight is at least
  // `least` and at most `most`: first = PostingsBelow(list, least), last = PostingsBelow(list,
  // most + 1), or first when that is smaller (`most` < `least`). Told from the list's lightest
  // and heaviest weight, without reading the list, when the range misses it or holds either end
  // of it; otherwise searched (PostingsBelow).
  std::pair<size_t, size_t> WeightWindow(const PostingList& list, int least, int most) const;
  // A summary of an entry in 64 bits, so that a bound of its similarity can be computed while
  // reading a posting list: the low kSummaryWeightBits bits hold its weight (letters), capped
  // at the largest value they hold (so never more than the weight: a lower bound); the others
  // are a one-hash Bloom filter of its words' ids (WordBit). An entry holding word `v` always
  // has WordBit(v) set; a bit set does not prove it holds a word (another word may set it).
  static constexpr int kSummaryWeightBits = 8;
  static uint64_t WordBit(int v) {
    uint64_t h = static_cast<uint64_t>(static_cast<uint32_t>(v)) * 0x9E3779B97F4A7C15;
    return uint64_t{1} << (kSummaryWeightBits + (h >> 32) % (64 - kSummaryWeightBits));
  }
  static int SummaryWeight(uint64_t summary) {
    return static_cast<int>(summary & ((uint64_t{1} << kSummaryWeightBits) - 1));
  }
  static uint64_t SecondWordBit(int v) {
    uint64_t h = static_cast<uint64_t>(static_cast<uint32_t>(v)) * 0xC2B2AE3D27D4EB4F;
    return uint64_t{1} << (h >> 58);
  }
  uint64_t summary(int e) const;         // the entry's summary, as its postings hold it
  uint64_t second_summary(int e) const;  // its second summary: SecondWordBit of its words
  // The entries whose rarest word (fewest postings; the first in vocabulary order on a tie) is
  // `v`. Every entry is in exactly one such list, so a screened name that holds all words of an
  // entry reaches it through the list of that entry's rarest word, which is short unless the
  // entry is made of common words only (docs/screening.md, section 4).
  const std::vector<int>& rarest_postings(int v) const { return rarest_[v]; }
  // What screening needs of vocabulary word `v`: its SimilarWords and SplitParts.
  // Computed on first use and kept for the life of the index (and of its copies), so a word's
  // lists cost one look-up however often it is screened, and building the index computes none
  // of them: precomputing them for every word would cost build time in proportion to the
  // vocabulary (seconds at 10^5 listed names), and a `check --db` builds the index every time.
  // Safe from many threads: two threads computing the same word's lists get equal lists, and
  // the first one stored is kept.
  struct WordLists {
    std::vector<SimilarWord> neighbours;  // SimilarWords
    std::vector<int> split_parts;         // SplitParts
    std::vector<std::string> join_heads;  // JoinHeads
  };
  const WordLists& lists(int v) const;
  // The lists of any word, listed or not (what lists() keeps for a vocabulary word; the
  // screener keeps those of words outside the vocabulary itself).
  WordLists MakeLists(std::string_view word) const;
  const std::vector<SimilarWord>& neighbours(int v) const { return lists(v).neighbours; }
  const std::vector<int>& split_parts(int v) const { return lists(v).split_parts; }
  // A number no other index built in this process has (copies share it, as they share the
  // vocabulary and its lists): what lets a cache of look-ups tell indexes apart. 0 when empty.
  uint64_t id() const { return id_; }
  // Whether `v`'s lists have been computed yet (for tests).
  bool has_lists(int v) const { return memo_ && memo_->at[v].load() != nullptr; }

  // Vocabulary words that may pair with `word` in the alignment, each with the most it can add
  // to the matched letters, largest first: the word itself, abbreviations either way, and words
  // within the edit-distance rule found through the deletion and trigram indexes, and words
  // that are `word` with letters added at or removed from one end (a syllable: AffixNeighbours).
  std::vector<SimilarWord> SimilarWords(std::string_view word) const;
  // Appends both parts of every way to write `word` as two vocabulary words (the second part
  // possibly in the plural): the listed words a screened word may hold as a split word.
  void SplitParts(std::string_view word, std::vector<int>& out) const;
  // True when some vocabulary word is `prefix` followed by at least one more letter.
  bool ExtendsToWord(std::string_view prefix) const;
  // Appends the forms `word` may have been written in before its key was made (itself, and the
  // plurals its key makes singular into it: "elekros" for "elekro", "industries" for
  // "industry") that ExtendsToWord: the first words of the joins of two screened words that a
  // listed word may be (IsConcatenation). Kept with the word's lists, so the screener's joins
  // search the text order once per word, not on every screening.
  void JoinHeads(std::string_view word, std::vector<std::string>& out) const;

 private:
  void AddEntry(const PartyName& name);
  void IndexWords();
  void IndexPostings();
  void IndexDeletions(std::vector<std::pair<uint64_t, int>>& deletions);
  void DeletionNeighbours(std::string_view word, std::vector<int>& out) const;
  void GramNeighbours(std::string_view word, std::vector<int>& out) const;
  void AffixNeighbours(std::string_view word, std::vector<int>& out) const;
  void IndexVocabulary();
  // The first place in vocab_sorted_ (vocab_reversed_ when `reversed`, comparing reversed
  // letters) whose word is not less than `word` (`upper`: greater than `word`), as
  // std::lower_bound and std::upper_bound of the strings give it, found by a binary search of
  // the words' first eight letters (sorted_keys_, reversed_keys_) and then of the strings
  // sharing them.
  size_t TextBound(std::string_view word, bool reversed, bool upper) const;

  // Transparent hashing, so lookups by string_view do not allocate.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  // Entries (one per list name with a non-empty key), in list order.
  std::vector<Entry> entries_;
  std::vector<Card> cards_;  // entry -> its weight and (at most kCardWords) words
  std::vector<uint32_t>
      word_begin_;                // entry -> its first word in entry_words_ (one extra at the end)
  std::vector<int> entry_words_;  // vocabulary ids of each entry's words, entry after entry
  std::unordered_map<std::string, std::vector<int>, Hash, std::equal_to<>>
      exact_;  // key -> entries
  // Vocabulary: the distinct words of all keys.
  std::vector<std::string> vocab_;
  std::unordered_map<std::string, int, Hash, std::equal_to<>>
      vocab_index_;  // word -> vocabulary id, while the index is built (then vocab_slots_)
  // The vocabulary's hash table for WordId: a power of two of slots, at least twice the
  // vocabulary, each the low 32 bits of a word's hash (VocabHash) and its id (-1: free); a word
  // starts at the slot of its hash's top bits and probes onwards (linear probing).
  struct VocabSlot {
    uint32_t tag = 0;
    int word = -1;
  };
  std::vector<VocabSlot> vocab_slots_;
  size_t vocab_shift_ = 64;        // 64 - log2 of the slots
  std::vector<int> vocab_sorted_;  // vocabulary ids in text order (prefixes)
  // Per place in vocab_sorted_ (vocab_reversed_): the first eight letters of its word (of its
  // reversed letters) as a big-endian number, zero-padded, so a binary search reads one array
  // of numbers instead of a string per step (TextBound). Letters compare as unsigned bytes, as
  // the strings do.
  std::vector<uint64_t> sorted_keys_, reversed_keys_;
  // Vocabulary id -> WordSignature of its word: SimilarWords rejects most candidates by this
  // array (8 bytes a word) before reading their strings (MaybeSimilar).
  std::vector<uint64_t> signatures_;
  // Infix index: for every vocabulary word, the hashes of the strings made by removing a run of
  // letters inside it (not at an end), as long as the edit-distance rule allows and the deletion
  // index does not cover (InfixRemovals); sorted (AffixNeighbours).
  std::vector<std::pair<uint64_t, int>> infixes_;
  std::vector<int> vocab_reversed_;  // vocabulary ids in the text order of their reversed
                                     // letters (unsigned bytes), so the words ending with a word
                                     // are one run
  // Postings: vocabulary id v -> the entries holding it, with their summaries,
  // postings_[word_postings_[v].begin .. word_postings_[v + 1].begin), and the summary weights
  // of the first and last of them (one extra at the end: its begin is the number of postings).
  struct WordPostings {
    uint32_t begin = 0;
    uint8_t lightest = 0, heaviest = 0;
  };
  std::vector<WordPostings> word_postings_;
  std::vector<Posting> postings_;
  // Over all postings, word after word: the summary weight of every kGridStep-th posting, at
  // posting_grid_[p / kGridStep] for posting p (PostingsBelow).
  std::vector<uint8_t> posting_grid_;
  std::vector<std::vector<int>> rarest_;                  // vocabulary id -> entries it is the
                                                          // rarest word of
  std::unordered_map<uint32_t, std::vector<int>> grams_;  // padded trigram -> vocabulary ids
  // Deletion index: every vocabulary word of at most 16 letters, and every string made by
  // deleting one or two of its letters, as a 64-bit hash; sorted by hash, bucketed by its top
  // bits (IndexDeletions).
  struct Deletion {
    uint32_t hash;  // the low 32 bits of the hash
    int word;       // vocabulary id
  };
  std::vector<Deletion> deletions_;     // sorted by full hash
  std::vector<uint32_t> deletion_dir_;  // top bits of a hash -> first in deletions_ (one extra)
  size_t deletion_shift_ = 64;          // 64 - directory bits
  // Vocabulary id -> its lists once computed (lists()); shared by copies of the index, whose
  // vocabulary is the same.
  struct Memo {
    explicit Memo(size_t n) : at(n) {}
    ~Memo() {
      for (auto& p : at) delete p.load();
    }
    std::vector<std::atomic<const WordLists*>> at;
  };
  std::shared_ptr<Memo> memo_;
  size_t gram_limit_ = 0;  // trigrams in more vocabulary words than this are not used
  uint64_t id_ = 0;        // id()
};

// The posting list fills what was the padding after the id and 8 bytes more: 32 bytes, two a
// cache line. A word's place in the postings, 8 bytes.
static_assert(sizeof(PartyIndex::SimilarWord) == 32);
static_assert(sizeof(PartyIndex::PostingList) == 12);

}  // namespace chipgate
