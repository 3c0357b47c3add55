// Tests for the party-list index (src/screen/party_index.h): entries and their keys, the
// vocabulary and postings, similar words against a brute-force scan of the vocabulary, splits
// and prefixes.
#include "screen/party_index.h"

#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "screen/party_name.h"
#include "screen/word_similarity.h"

namespace chipgate::testing {
namespace {

PartyIndex Index(const std::vector<std::string>& names) {
  std::vector<PartyName> list;
  for (size_t p = 0; p < names.size(); ++p) list.push_back({static_cast<int>(p), names[p]});
  return PartyIndex(list);
}

std::vector<std::string> Words(const PartyIndex& index, int entry) {
  std::vector<std::string> out;
  for (int v : index.words_of(entry)) out.push_back(index.word(v));
  return out;
}

// Words that make every trigram of `base` common: `base` with two letters added after it, and
// two before it (162 words, each trigram of `base` in at least 81 of them, more than the 64
// words a usable trigram may have in a vocabulary this small).
void AddCommonTrigramFillers(const std::string& base, std::vector<std::string>& names) {
  for (char a = 'a'; a <= 'i'; ++a)
    for (char b = 'a'; b <= 'i'; ++b) {
      names.push_back(base + a + b);
      names.push_back(std::string{a, b} + base);
    }
}

bool Finds(const PartyIndex& index, std::string_view word, std::string_view listed) {
  int id = index.WordId(listed);
  auto similar = index.SimilarWords(word);
  return id >= 0 &&
         std::any_of(similar.begin(), similar.end(), [&](const auto& x) { return x.word == id; });
}

}  // namespace

TEST_CASE("EntriesAreTheKeysOfListedNames", "[screen]") {
  // "ЅМІС" (Cyrillic) has two keys; "..." has none and is left out.
  PartyIndex index = Index({"Huawei Technologies Co., Ltd.", "...",
                            "\xD0\x85\xD0\x9C\xD0\x86\xD0\xA1", "Huawei Technologies"});
  REQUIRE(index.size() == 4);
  CHECK(index.entry(0).party == 0);
  CHECK(index.entry(0).key == "huawei technology");
  CHECK(index.entry(0).name == "Huawei Technologies Co., Ltd.");
  CHECK(index.entry(1).party == 2);
  CHECK(index.entry(1).key == "smic");
  CHECK(index.entry(2).party == 2);
  CHECK(index.entry(2).key == "zmis");
  CHECK(index.entry(3).party == 3);
  CHECK(index.weight(0) == 16);
  CHECK(Words(index, 0) == std::vector<std::string>{"huawei", "technology"});
  CHECK(Words(index, 3) == Words(index, 0));  // one vocabulary for all entries
  REQUIRE(index.exact("huawei technology") != nullptr);
  CHECK(*index.exact("huawei technology") == std::vector<int>{0, 3});
  CHECK(index.exact("huawei") == nullptr);
  CHECK(index.vocab_size() == 4);  // huawei, technology, smic, zmis
  auto huawei = index.postings(index.WordId("huawei"));
  CHECK(std::vector<int>(huawei.begin(), huawei.end()) == std::vector<int>{0, 3});
  CHECK(index.WordId("tech") == -1);
  CHECK(PartyIndex().size() == 0);
}

// The index lists, for any word, vocabulary words with exactly their word similarity, and never
// misses one the deletion index must find (one edit, one or two swaps) or an abbreviation; a
// brute-force scan of the vocabulary is the reference. (What it may miss: docs/screening.md.)
TEST_CASE("SimilarWordsAreTheVocabularyWordsTheSimilarityAccepts", "[screen]") {
  std::mt19937 rng(12);
  auto word = [&](size_t len) {
    std::string w;
    for (size_t i = 0; i < len; ++i)
      w += static_cast<char>('a' + std::uniform_int_distribution<int>(0, 5)(rng));
    return w;
  };
  std::vector<std::string> names;
  for (int i = 0; i < 300; ++i) {
    names.push_back(word(std::uniform_int_distribution<size_t>(3, 12)(rng)) + " " +
                    word(std::uniform_int_distribution<size_t>(3, 12)(rng)));
    if (i % 3 == 0) names.back() += " Technology Beijing";  // common words: long postings
  }
  PartyIndex index = Index(names);
  for (int q = 0; q < 300; ++q) {
    std::string w = word(std::uniform_int_distribution<size_t>(3, 12)(rng));
    INFO(w);
    auto similar = index.SimilarWords(w);
    CHECK(std::is_sorted(similar.begin(), similar.end(), [](const auto& x, const auto& y) {
      return x.contribution > y.contribution;
    }));
    for (const auto& s : similar) {
      double expected = WordSimilarity(w, index.word(s.word), true);
      CHECK(s.similarity == expected);
      CHECK(s.postings == index.posting_count(s.word));  // kept with it for Propose's order
      // Its whole posting list is kept with it (the weight windows read it, not the index).
      PartyIndex::PostingList list = index.posting_list(s.word);
      CHECK(s.first == list.begin);
      CHECK(s.lightest == list.lightest);
      CHECK(s.heaviest == list.heaviest);
      CHECK(s.contribution == expected * static_cast<double>(w.size() + index.word(s.word).size()));
    }
    for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v) {
      const std::string& other = index.word(v);
      double s = WordSimilarity(w, other, true);
      size_t hi = std::max(w.size(), other.size());
      bool near = s > 0 && (1.0 - s) * static_cast<double>(2 * hi) <= 2.0 + 1e-9;  // half edits
      bool abbreviation = s == kAbbreviationScore;
      if (!near && !abbreviation) continue;
      bool found =
          std::any_of(similar.begin(), similar.end(), [&](const auto& x) { return x.word == v; });
      INFO(other);
      CHECK(found);
    }
  }
  // A vocabulary word's lists are computed on first use, the same way, and then kept.
  for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v) {
    CHECK_FALSE(index.has_lists(v));
    const auto* first = &index.neighbours(v);
    CHECK(index.has_lists(v));
    CHECK(&index.neighbours(v) == first);
    auto fresh = index.SimilarWords(index.word(v));
    REQUIRE(fresh.size() == index.neighbours(v).size());
    for (size_t k = 0; k < fresh.size(); ++k) CHECK(fresh[k].word == index.neighbours(v)[k].word);
  }
}

TEST_CASE("PrefixesComeFromTheVocabulary", "[screen]") {
  PartyIndex index = Index({"Hua Wei", "Netw Orks", "Network Systems"});
  CHECK(index.ExtendsToWord("net"));
  CHECK(index.ExtendsToWord("netw"));  // "network" extends it
  CHECK_FALSE(index.ExtendsToWord("network"));
  CHECK_FALSE(index.ExtendsToWord("zz"));
}

TEST_CASE("SplitPartsGiveBothWordsOfEverySplit", "[screen]") {
  PartyIndex index = Index({"Hua Wei", "Netw Orks", "Network Systems"});
  int hua = index.WordId("hua"), wei = index.WordId("wei");
  int netw = index.WordId("netw"), orks = index.WordId("orks");  // "orks": a plural, kept
  std::vector<int> parts;
  index.SplitParts("huawei", parts);
  CHECK(parts == std::vector<int>{hua, wei});
  parts.clear();
  index.SplitParts("huaxin", parts);
  CHECK(parts.empty());
  CHECK(index.split_parts(index.WordId("network")) == std::vector<int>{netw, orks});
  // A word is split only into two vocabulary words that spell it: "netw" is no such pair.
  parts.clear();
  index.SplitParts("netw", parts);
  CHECK(parts.empty());
}

// A listed first part ending in a plural is held singular ("Elekros Mir": "elekro", "mir"); a
// screened word that is both written together is still split into them.
TEST_CASE("SplitPartsIncludeAFirstPartMadeSingular", "[screen]") {
  PartyIndex index = Index({"Elekros Mir", "Industries Gaz"});
  std::vector<int> parts;
  index.SplitParts("elekrosmir", parts);
  CHECK(parts == std::vector<int>{index.WordId("elekro"), index.WordId("mir")});
  parts.clear();
  index.SplitParts("industriesgaz", parts);
  CHECK(parts == std::vector<int>{index.WordId("industry"), index.WordId("gaz")});
}

// The deletion index finds every vocabulary word one or two edits away however many forms
// share a directory bucket; a list of thousands of similar words fills every bucket.
TEST_CASE("DeletionIndexFindsEveryWordTwoEditsAway", "[screen]") {
  std::vector<std::string> names;
  const std::string kLetters = "abcdefgh";
  for (char a : kLetters)
    for (char b : kLetters)
      for (char c : kLetters) names.push_back(std::string("zy") + a + b + c + "xw");
  PartyIndex index = Index(names);
  REQUIRE(index.vocab_size() == names.size());
  auto similar = index.SimilarWords("zyabcxw");
  for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v) {
    const std::string& w = index.word(v);
    bool expected = WordSimilarity("zyabcxw", w, true) > 0;
    bool found =
        std::any_of(similar.begin(), similar.end(), [&](const auto& x) { return x.word == v; });
    INFO(w);
    CHECK(found == expected);
  }
}

TEST_CASE("EveryEntryIsListedUnderItsRarestWord", "[screen]") {
  // "technology" is in three entries, "huawei" in two, "sugon" in one.
  PartyIndex index = Index({"Huawei Technology", "Huawei", "Sugon Technology", "Technology"});
  int technology = index.WordId("technology"), huawei = index.WordId("huawei"),
      sugon = index.WordId("sugon");
  CHECK(index.rarest_postings(huawei) == std::vector<int>{0, 1});
  CHECK(index.rarest_postings(sugon) == std::vector<int>{2});
  CHECK(index.rarest_postings(technology) == std::vector<int>{3});
  size_t listed = 0;
  for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v)
    listed += index.rarest_postings(v).size();
  CHECK(listed == index.size());
}

// A word longer than the two-deletion limit (16 letters) with one swap is found through its
// one-letter deletions, even when every trigram it shares with the listed word is common (held
// by more words than the trigram index uses), so the trigrams alone would not find it.
TEST_CASE("LongWordsOneSwapApartAreFoundWhenTheirTrigramsAreCommon", "[screen]") {
  std::vector<std::string> names = {"Uralstalenergogaz Energy"};
  for (char a = 'a'; a <= 'z'; ++a)
    for (char b = 'a'; b <= 'c'; ++b) names.push_back(std::string("Uralstalenergogaz") + a + b);
  PartyIndex index = Index(names);
  int listed = index.WordId("uralstalenergogaz");
  REQUIRE(listed >= 0);
  auto similar = index.SimilarWords("uralstalenergoagz");
  CHECK(
      std::any_of(similar.begin(), similar.end(), [&](const auto& x) { return x.word == listed; }));
}

// A whole syllable added at or removed from one end of a word of 9 or more letters is three
// edits, beyond the deletion index, and when every trigram the two words share is common the
// trigram index does not propose the pair either; the affix look-up finds it, both ways.
TEST_CASE("WordsASyllableLongerOrShorterAreFoundWhenTheirTrigramsAreCommon", "[screen]") {
  std::vector<std::string> names = {"Zhongsheng Microelectronics", "Zhongshenghua",
                                    "Xiangyuan Trading", "Xinxiangyuan", "Xianghaiyuan"};
  AddCommonTrigramFillers("zhongsheng", names);
  AddCommonTrigramFillers("xiangyuan", names);
  PartyIndex index = Index(names);
  // The rule accepts these pairs (three inserted letters: 6 half edits, within 12 / 2 and 13 / 2).
  REQUIRE(WordSimilarity("zhongshenghua", "zhongsheng", true) > 0);
  REQUIRE(WordSimilarity("xinxiangyuan", "xiangyuan", true) > 0);
  CHECK(Finds(index, "zhongshenghua", "zhongsheng"));  // syllable added at the end
  CHECK(Finds(index, "zhongsheng", "zhongshenghua"));  // and removed
  CHECK(Finds(index, "xinxiangyuan", "xiangyuan"));    // added at the start
  CHECK(Finds(index, "xiangyuan", "xinxiangyuan"));    // and removed
  CHECK(Finds(index, "xianghaiyuan", "xiangyuan"));    // added inside
  CHECK(Finds(index, "xiangyuan", "xianghaiyuan"));    // and removed
  CHECK(Finds(index, "zhonghuasheng", "zhongsheng"));  // inside, a word outside the vocabulary
  // Words outside the vocabulary are looked up the same way.
  CHECK(Finds(index, "huazhongsheng", "zhongsheng"));
  CHECK(Finds(index, "xiangyuanhua", "xiangyuan"));
  // Affixes beyond the rule are not proposed as similar: four letters more than a 9-letter word.
  CHECK_FALSE(Finds(index, "xiangyuanhuax", "xiangyuan"));
}

// Every vocabulary word the rule accepts for a word with a syllable added or removed (at an end
// or inside) is found, on a vocabulary where the long words share only common trigrams.
TEST_CASE("AffixedWordsAgreeWithAScanOfTheVocabulary", "[screen]") {
  std::vector<std::string> names;
  AddCommonTrigramFillers("zhongsheng", names);
  for (const char* syllable : {"hua", "xin", "an", "wei", "li"}) {
    names.push_back(std::string("zhongsheng") + syllable);
    names.push_back(std::string(syllable) + "zhongsheng");
    names.push_back(std::string("zhong") + syllable + "sheng");
    names.push_back(std::string("zh") + syllable + "ongsheng");
  }
  names.push_back("zhongsheng");
  PartyIndex index = Index(names);
  // Whether one word is the other with one run of letters inserted (at an end or inside).
  auto one_run_apart = [](std::string_view a, std::string_view b) {
    if (a.size() < b.size()) std::swap(a, b);
    for (size_t at = 0; at <= b.size(); ++at)
      if (a.starts_with(b.substr(0, at)) && a.ends_with(b.substr(at))) return true;
    return false;
  };
  for (const std::string query :
       {"zhongsheng", "zhongshenghua", "weizhongsheng", "zhonghuasheng", "zhweiongsheng"}) {
    auto similar = index.SimilarWords(query);
    for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v) {
      const std::string& w = index.word(v);
      // Only pairs one run apart: others may be three edits away in another way.
      if (!one_run_apart(query, w)) continue;
      bool expected = WordSimilarity(query, w, true) > 0;
      bool found =
          std::any_of(similar.begin(), similar.end(), [&](const auto& x) { return x.word == v; });
      INFO(query << " / " << w);
      CHECK(found == expected);
    }
  }
}

// Each posting carries its entry's summary: the Bloom bit of every word the entry holds (so the
// screener's summary bound never misses a word the entry has) and its weight, capped so that it
// is never more than the weight. Postings list each entry holding the word once, as a scan of
// the entries finds them, sorted by the weight their summary holds and then ascending (the
// screener reads the run of a range of weights).
TEST_CASE("PostingSummariesHoldEveryWordAndALowerBoundOfTheWeight", "[screen]") {
  std::mt19937 rng(5);
  const std::vector<std::string> kParts = {"hua",  "wei",  "zhong", "xin", "tian",
                                           "tech", "data", "optic", "sys", "beijing"};
  std::vector<std::string> names;
  for (int p = 0; p < 500; ++p) {
    std::string name;
    for (int w = 1 + static_cast<int>(rng() % 4); w > 0; --w) {
      name += kParts[rng() % kParts.size()] + kParts[rng() % kParts.size()] + " ";
    }
    names.push_back(name + (p % 3 == 0 ? name : ""));  // some keys hold a word twice
  }
  std::string long_name;  // a key of more letters than the summary's weight can hold
  for (int w = 0; w < 30; ++w) long_name += "zhongxinhua" + std::string(1, 'a' + w % 26) + " ";
  names.push_back(long_name);
  PartyIndex index = Index(names);
  std::vector<std::vector<int>> scanned(index.vocab_size());
  for (size_t e = 0; e < index.size(); ++e) {
    for (int v : index.words_of(static_cast<int>(e))) {
      if (scanned[v].empty() || scanned[v].back() != static_cast<int>(e))
        scanned[v].push_back(static_cast<int>(e));
    }
  }
  for (auto& entries : scanned) {
    std::stable_sort(entries.begin(), entries.end(), [&](int x, int y) {
      return PartyIndex::SummaryWeight(index.summary(x)) <
             PartyIndex::SummaryWeight(index.summary(y));
    });
  }
  size_t capped = 0, unsorted = 0;
  for (size_t v = 0; v < index.vocab_size(); ++v) {
    auto postings = index.postings(static_cast<int>(v));
    auto summaries = index.posting_summaries(static_cast<int>(v));
    REQUIRE(summaries.size() == postings.size());
    CHECK(index.posting_count(static_cast<int>(v)) == postings.size());
    CHECK(std::vector<int>(postings.begin(), postings.end()) == scanned[v]);
    unsorted += !std::is_sorted(postings.begin(), postings.end());
    for (size_t k = 0; k < postings.size(); ++k) {
      int e = postings[k];
      CHECK(summaries[k] == index.summary(e));
      for (int w : index.words_of(e)) CHECK((summaries[k] & PartyIndex::WordBit(w)) != 0);
      int weight = PartyIndex::SummaryWeight(summaries[k]);
      CHECK(weight <= index.weight(e));
      if (index.weight(e) < 255) CHECK(weight == index.weight(e));
      capped += weight < index.weight(e);
    }
  }
  CHECK(capped > 0);    // the long key's weight was capped
  CHECK(unsorted > 0);  // some lists are in another order by weight than by entry
  // A word's bit is one of the 56 above the weight.
  for (int v = 0; v < 1000; ++v) {
    uint64_t bit = PartyIndex::WordBit(v);
    CHECK(std::popcount(bit) == 1);
    CHECK(PartyIndex::SummaryWeight(bit) == 0);
  }
}

// PostingsBelow, read from the grid of every kGridStep-th posting's weight and then a few
// summaries (or, for a list of at most kGridStep postings, from its summaries alone), against a
// count of each list's summaries: for every word (lists of one posting to hundreds, starting
// anywhere relative to the grid) and every weight, past the cap both ways.
TEST_CASE("PostingsBelowAgreesWithACountOfTheSummaries", "[screen]") {
  std::mt19937 rng(7);
  const std::vector<std::string> kParts = {"hua", "wei", "zhong", "xin", "tian", "tech", "data"};
  std::vector<std::string> names;
  for (int p = 0; p < 1500; ++p) {
    std::string name;
    for (int w = 1 + static_cast<int>(rng() % 5); w > 0; --w) {
      name += kParts[rng() % kParts.size()] + kParts[rng() % kParts.size()] +
              std::string(rng() % 4 == 0 ? 1 : 0, 'a' + static_cast<char>(rng() % 26)) + " ";
    }
    names.push_back(name);
  }
  std::string long_name;  // a key whose weight the summary caps at 255
  for (int w = 0; w < 30; ++w) long_name += "zhongxinhua" + std::string(1, 'a' + w % 26) + " ";
  names.push_back(long_name + "tianhua");
  names.push_back(long_name + "datawei");
  PartyIndex index = Index(names);
  size_t long_lists = 0, short_lists = 0;
  for (size_t v = 0; v < index.vocab_size(); ++v) {
    auto summaries = index.posting_summaries(static_cast<int>(v));
    long_lists += summaries.size() > 4 * PartyIndex::kGridStep;
    // Short lists holding two weights or more, where the direct search has a place to find.
    short_lists +=
        summaries.size() <= PartyIndex::kGridStep &&
        PartyIndex::SummaryWeight(summaries.front()) != PartyIndex::SummaryWeight(summaries.back());
    for (int weight = -1; weight <= 257; ++weight) {
      size_t below =
          static_cast<size_t>(std::count_if(summaries.begin(), summaries.end(), [&](uint64_t x) {
            return PartyIndex::SummaryWeight(x) < weight;
          }));
      INFO("word " << index.word(static_cast<int>(v)) << ", weight " << weight);
      REQUIRE(index.PostingsBelow(static_cast<int>(v), weight) == below);
    }
  }
  CHECK(long_lists > 10);
  CHECK(short_lists > 10);
}

// A word's PostingList (where its postings are, how many, the summary weights of the first and
// last) against a scan of its summaries; each similar word carries its word's list; and
// WeightWindow, which tells most windows from the lightest and heaviest weight alone, against a
// count of the summaries, for every word and every pair of bounds around the weights each list
// holds, its ends and the cap.
TEST_CASE("WeightWindowsAgreeWithACountOfTheSummaries", "[screen]") {
  std::mt19937 rng(17);
  const std::vector<std::string> kParts = {"hua", "wei", "zhong", "xin", "tian", "tech", "data"};
  std::vector<std::string> names;
  for (int p = 0; p < 1500; ++p) {
    std::string name;
    for (int w = 1 + static_cast<int>(rng() % 5); w > 0; --w) {
      name += kParts[rng() % kParts.size()] + kParts[rng() % kParts.size()] +
              std::string(rng() % 4 == 0 ? 1 : 0, 'a' + static_cast<char>(rng() % 26)) + " ";
    }
    names.push_back(name);
  }
  std::string long_name;  // keys whose weight the summary caps at 255
  for (int w = 0; w < 30; ++w) long_name += "zhongxinhua" + std::string(1, 'a' + w % 26) + " ";
  names.push_back(long_name + "tianhua");
  names.push_back(long_name + "datawei");
  PartyIndex index = Index(names);
  size_t skipped = 0, whole = 0, searched = 0, capped = 0;
  for (size_t v = 0; v < index.vocab_size(); ++v) {
    const int word = static_cast<int>(v);
    INFO("word " << index.word(word));
    auto summaries = index.posting_summaries(word);
    REQUIRE_FALSE(summaries.empty());
    std::vector<int> weights;
    for (uint64_t x : summaries) weights.push_back(PartyIndex::SummaryWeight(x));
    PartyIndex::PostingList list = index.posting_list(word);
    CHECK(list.count == summaries.size());
    CHECK(list.lightest == *std::min_element(weights.begin(), weights.end()));
    CHECK(list.heaviest == *std::max_element(weights.begin(), weights.end()));
    CHECK(index.posting_records(list).data() == index.posting_records(word).data());
    if (v > 0) {  // the lists tile the postings, word after word
      PartyIndex::PostingList before = index.posting_list(word - 1);
      CHECK(list.begin == before.begin + before.count);
    }
    capped += list.heaviest == 255;
    // Bounds at every weight the list holds and next to it, at its ends and past the cap.
    std::vector<int> bounds = {-1, 0, 1, 254, 255, 256};
    for (int w : weights) bounds.insert(bounds.end(), {w - 1, w, w + 1});
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    for (int least : bounds) {
      for (int most : bounds) {
        auto count = [&](auto pred) {
          return static_cast<size_t>(std::count_if(weights.begin(), weights.end(), pred));
        };
        size_t first = count([&](int w) { return w < least; });
        size_t last = std::max(first, count([&](int w) { return w <= most; }));
        INFO("least " << least << ", most " << most);
        auto [begin, end] = index.WeightWindow(list, least, most);
        REQUIRE(begin == first);
        REQUIRE(end == last);
        bool misses = least > list.heaviest || most < list.lightest || most < least;
        bool holds = least <= list.lightest && most >= list.heaviest;
        skipped += misses;
        whole += holds && !misses;
        searched += !holds && !misses;
      }
    }
  }
  CHECK(capped > 0);
  CHECK(skipped > 100);  // every kind of window was compared
  CHECK(whole > 100);
  CHECK(searched > 100);
  // Each similar word carries its word's list, as posting_list gives it.
  for (const char* probe : {"huawei", "zhongxin", "tiantech", "datahua", "xinweia"}) {
    auto similar = index.SimilarWords(probe);
    CHECK_FALSE(similar.empty());
    for (const PartyIndex::SimilarWord& s : similar) {
      PartyIndex::PostingList expected = index.posting_list(s.word), kept = s.list();
      CHECK(kept.begin == expected.begin);
      CHECK(kept.count == expected.count);
      CHECK(kept.lightest == expected.lightest);
      CHECK(kept.heaviest == expected.heaviest);
    }
  }
}

}  // namespace chipgate::testing

namespace chipgate::testing {

// An entry's card holds its weight and, for keys of at most kCardWords words, their ids; words_of
// reads the card or, for a longer key, the array of all words: either way it gives the key's
// words in order with repeats, as the key spells them, and weight() its letters.
TEST_CASE("EntryWordsAndWeightAreTheKeysWhetherOnTheCardOrNot", "[screen]") {
  std::mt19937 rng(11);
  const std::vector<std::string> kParts = {"hua", "wei", "zhong", "xin", "tian", "tech", "data"};
  std::vector<std::string> names;
  for (int p = 0; p < 400; ++p) {
    std::string name;
    for (int w = 1 + static_cast<int>(rng() % 11); w > 0; --w)  // 1 to 11 words
      name += kParts[rng() % kParts.size()] + kParts[rng() % kParts.size()] + " ";
    names.push_back(name);
  }
  PartyIndex index = Index(names);
  size_t on_card = 0, off_card = 0;
  for (size_t e = 0; e < index.size(); ++e) {
    const std::string& key = index.entry(static_cast<int>(e)).key;
    auto words = KeyWords(key);
    std::vector<std::string> expected(words.begin(), words.end());
    CHECK(Words(index, static_cast<int>(e)) == expected);
    CHECK(index.weight(static_cast<int>(e)) == KeyLetters(words));
    (words.size() <= static_cast<size_t>(PartyIndex::kCardWords) ? on_card : off_card) += 1;
  }
  // Both ways of reading an entry's words were compared.
  CHECK(on_card > 50);
  CHECK(off_card > 50);
}

// The second summary of each posting is the entry's second_summary: SecondWordBit of every word
// it holds, one bit per word; and the two bits of a word are chosen by independent hashes (words
// sharing their first bit mostly differ in the second), which is what makes the second filter
// rule out entries the first lets through.
TEST_CASE("SecondSummariesHoldEveryWordWithAnIndependentBit", "[screen]") {
  std::mt19937 rng(3);
  const std::vector<std::string> kParts = {"hua", "wei", "zhong", "xin", "tian", "tech", "data"};
  std::vector<std::string> names;
  for (int p = 0; p < 300; ++p) {
    std::string name;
    for (int w = 1 + static_cast<int>(rng() % 8); w > 0; --w)
      name += kParts[rng() % kParts.size()] + kParts[rng() % kParts.size()] + " ";
    names.push_back(name);
  }
  PartyIndex index = Index(names);
  for (size_t v = 0; v < index.vocab_size(); ++v) {
    auto postings = index.postings(static_cast<int>(v));
    auto seconds = index.posting_seconds(static_cast<int>(v));
    REQUIRE(seconds.size() == postings.size());
    for (size_t k = 0; k < postings.size(); ++k) {
      CHECK(seconds[k] == index.second_summary(postings[k]));
      for (int w : index.words_of(postings[k]))
        CHECK((seconds[k] & PartyIndex::SecondWordBit(w)) != 0);
    }
  }
  int same_first = 0, same_both = 0;
  for (int v = 0; v < 4000; ++v) {
    CHECK(std::popcount(PartyIndex::SecondWordBit(v)) == 1);
    if (PartyIndex::WordBit(v) != PartyIndex::WordBit(0)) continue;
    ++same_first;
    same_both += PartyIndex::SecondWordBit(v) == PartyIndex::SecondWordBit(0);
  }
  CHECK(same_first > 20);
  CHECK(same_both * 8 < same_first);
}

// The vocabulary's hash table finds every vocabulary word under its id and nothing else: on a
// generated list whose words share long prefixes and suffixes (as pinyin brands do), every word,
// and every prefix, suffix and one-letter change of one, is looked up and compared with a scan
// of the vocabulary.
TEST_CASE("WordIdFindsEveryVocabularyWordAndNothingElse", "[screen]") {
  std::mt19937 rng(21);
  const std::vector<std::string> kSyllables = {"zhong", "xin", "guang", "dian", "hua",
                                               "wei",   "an",  "ke",    "long", "sheng"};
  auto brand = [&] {
    std::string w;
    for (int n = 2 + static_cast<int>(rng() % 4); n > 0; --n) w += kSyllables[rng() % 10];
    return w;
  };
  std::vector<std::string> names;
  for (int p = 0; p < 400; ++p) names.push_back(brand() + " " + brand());
  PartyIndex index = Index(names);
  auto scan = [&](std::string_view w) {
    for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v)
      if (index.word(v) == w) return v;
    return -1;
  };
  for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v) {
    const std::string& w = index.word(v);
    CHECK(index.WordId(w) == v);
    for (size_t len = 1; len < w.size(); ++len) {
      INFO(w << " cut at " << len);
      CHECK(index.WordId(w.substr(0, len)) == scan(w.substr(0, len)));
      CHECK(index.WordId(w.substr(len)) == scan(w.substr(len)));
    }
    std::string changed = w;
    changed[rng() % changed.size()] = static_cast<char>('a' + rng() % 26);
    CHECK(index.WordId(changed) == scan(changed));
  }
  CHECK(index.WordId("") == -1);
  CHECK(PartyIndex().WordId("zhong") == -1);
}

// The batched look-up (WordIds) gives what WordId gives one word at a time, in the batch's
// order: every vocabulary word, its prefixes, suffixes and one-letter changes (most not listed),
// repeats and the empty word in one batch, on a list whose words share long prefixes and
// suffixes, so many probes of the table run on past occupied slots; and -1 everywhere for an
// empty index.
TEST_CASE("BatchedWordIdsAgreeWithOneLookUpAtATime", "[screen]") {
  std::mt19937 rng(23);
  const std::vector<std::string> kSyllables = {"zhong", "xin", "guang", "dian", "hua",
                                               "wei",   "an",  "ke",    "long", "sheng"};
  auto brand = [&] {
    std::string w;
    for (int n = 1 + static_cast<int>(rng() % 4); n > 0; --n) w += kSyllables[rng() % 10];
    return w;
  };
  std::vector<std::string> names;
  for (int p = 0; p < 600; ++p) names.push_back(brand() + " " + brand());
  PartyIndex index = Index(names);
  std::vector<std::string> probes = {"", "zhong", "zhong", "x"};
  for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v) {
    const std::string& w = index.word(v);
    probes.push_back(w);
    probes.push_back(w.substr(0, 1 + rng() % w.size()));
    probes.push_back(w.substr(rng() % w.size()));
    std::string changed = w;
    changed[rng() % changed.size()] = static_cast<char>('a' + rng() % 26);
    probes.push_back(changed);
    probes.push_back(w + "s");
  }
  std::vector<std::string_view> views(probes.begin(), probes.end());
  std::vector<int> ids(views.size(), -7);
  index.WordIds(views, ids);
  size_t listed = 0, unlisted = 0;
  for (size_t k = 0; k < views.size(); ++k) {
    INFO(k << ": " << views[k]);
    CHECK(ids[k] == index.WordId(views[k]));
    ++(ids[k] >= 0 ? listed : unlisted);
  }
  // Both outcomes occur often: a look-up that answered -1 (or one id) throughout would fail.
  CHECK(listed > index.vocab_size());
  CHECK(unlisted > index.vocab_size());
  // Batches of every size from 0 to 9, from different places of the probes.
  for (size_t size = 0; size < 10; ++size) {
    std::vector<int> some(size, -7);
    size_t from = rng() % (views.size() - size);
    index.WordIds(std::span(views).subspan(from, size), some);
    for (size_t k = 0; k < size; ++k) CHECK(some[k] == index.WordId(views[from + k]));
  }
  std::vector<int> none(3, 7);
  PartyIndex().WordIds(std::span(views).first(3), none);
  CHECK(none == std::vector<int>{-1, -1, -1});
}

// Splitting a word looks up its cuts together (WordIds); the pairs are those one look-up at a
// time gives, in the same order: for each cut, its first part as written and made singular,
// each with its second part as written, with an "s" and with "ies" for a final "y", where
// IsConcatenation accepts the pair. On a list of syllables and their plurals, for every
// vocabulary word and joins of two (many cuts listed on both sides).
TEST_CASE("SplitPartsAgreeWithOneLookUpAtATime", "[screen]") {
  std::mt19937 rng(24);
  const std::vector<std::string> kParts = {"zhong",  "xin",      "guang",    "dian", "hua",
                                           "wei",    "elekros",  "mir",      "tech", "techs",
                                           "energy", "energies", "industry", "gaz",  "systems"};
  std::vector<std::string> names;
  for (int p = 0; p < 300; ++p)
    names.push_back(kParts[rng() % kParts.size()] + " " + kParts[rng() % kParts.size()]);
  PartyIndex index = Index(names);
  auto reference = [&](std::string_view word) {
    std::vector<int> out;
    for (size_t cut = 1; cut < word.size(); ++cut) {
      std::string head(word.substr(0, cut));
      int lefts[2] = {index.WordId(head), -1};
      if (std::string s = SingularPartyWord(head); s != head) lefts[1] = index.WordId(s);
      for (int left : lefts) {
        if (left < 0) continue;
        std::vector<std::string> rights = {std::string(word.substr(cut)),
                                           std::string(word.substr(cut)) + "s"};
        if (word.ends_with('y'))
          rights.push_back(std::string(word.substr(cut, word.size() - cut - 1)) + "ies");
        for (const std::string& right : rights) {
          int r = index.WordId(right);
          if (r < 0 || !IsConcatenation(word, index.word(left), right)) continue;
          out.push_back(left);
          out.push_back(r);
        }
      }
    }
    return out;
  };
  std::vector<std::string> words;
  for (size_t v = 0; v < index.vocab_size(); ++v) words.push_back(index.word(static_cast<int>(v)));
  for (const std::string& a : kParts)
    for (const std::string& b : kParts) words.push_back(a + b);
  size_t split = 0;
  for (const std::string& w : words) {
    INFO(w);
    std::vector<int> parts;
    index.SplitParts(w, parts);
    CHECK(parts == reference(w));
    split += !parts.empty();
  }
  CHECK(split > kParts.size() * kParts.size() / 2);  // most joins are split
}

// The first words of joins kept with a word's lists (JoinHeads): the word and the plurals its
// key makes singular into it, each only when a listed word begins with it and is longer.
TEST_CASE("JoinHeadsAreTheWrittenFormsThatBeginAListedWord", "[screen]") {
  PartyIndex index = Index({"Elekrosmir", "Industriesgaz", "Huawei", "Netw", "Industry"});
  auto heads = [&](std::string_view w) {
    std::vector<std::string> out;
    index.JoinHeads(w, out);
    return out;
  };
  CHECK(heads("hua") == std::vector<std::string>{"hua"});
  CHECK(heads("elekro") == std::vector<std::string>{"elekro", "elekros"});
  CHECK(heads("ekro").empty());
  CHECK(heads("industry") == std::vector<std::string>{"industries"});
  CHECK(heads("huawei").empty());  // listed, but no longer word begins with it
  CHECK(heads("zz").empty());
  for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v)
    CHECK(index.lists(v).join_heads == heads(index.word(v)));
}

// The searches of the two text orders (TextBound, through ExtendsToWord and the abbreviation and
// affix look-ups of SimilarWords) agree with a scan of the vocabulary, also for words that share
// their first or last eight letters with many others, where the search compares strings.
TEST_CASE("TextOrderSearchesAgreeWithAScanOfTheVocabulary", "[screen]") {
  std::mt19937 rng(22);
  const std::vector<std::string> kSyllables = {"zhong", "xin", "guang", "dian", "an", "ke"};
  auto word = [&](int most) {
    std::string w;
    for (int n = 1 + static_cast<int>(rng() % most); n > 0; --n) w += kSyllables[rng() % 6];
    return w;
  };
  std::vector<std::string> names;
  for (int p = 0; p < 500; ++p) {
    // Long shared prefixes and suffixes: "zhongxinguang..." and "...guangdian".
    std::string w = p % 3 == 0 ? "zhongxinguang" + word(2) : word(4);
    if (p % 5 == 0) w += "guangdianzhong";
    names.push_back(w);
  }
  PartyIndex index = Index(names);
  std::vector<std::string> queries;
  for (int q = 0; q < 400; ++q) {
    std::string w = word(5);
    queries.push_back(w.substr(0, 1 + rng() % w.size()));
    queries.push_back(w);
  }
  for (size_t v = 0; v < index.vocab_size(); v += 3) {
    queries.push_back(index.word(static_cast<int>(v)));
    queries.push_back(index.word(static_cast<int>(v)).substr(1));
  }
  for (const std::string& q : queries) {
    INFO(q);
    bool extends = false;
    for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v) {
      const std::string& w = index.word(v);
      extends = extends || (w.size() > q.size() && w.starts_with(q));
    }
    CHECK(index.ExtendsToWord(q) == extends);
    auto similar = index.SimilarWords(q);
    for (int v = 0; v < static_cast<int>(index.vocab_size()); ++v) {
      const std::string& w = index.word(v);
      bool found =
          std::any_of(similar.begin(), similar.end(), [&](const auto& x) { return x.word == v; });
      // Words `q` abbreviates, and words that are `q` with letters added at one end (the affix
      // look-up, from 9 letters): the runs of the two text orders.
      bool abbreviates = q.size() >= kMinAbbreviation && q.size() <= kMaxAbbreviation &&
                         w.size() >= q.size() + 2 && w.starts_with(q);
      bool affixed = q.size() >= 9 && w.size() > q.size() && (w.starts_with(q) || w.ends_with(q));
      if (!abbreviates && !affixed) continue;
      INFO(w);
      CHECK(found == (WordSimilarity(q, w, true) > 0));
    }
  }
}

}  // namespace chipgate::testing
