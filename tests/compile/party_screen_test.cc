// Tests for restricted-party screening: the name key, the similarity, the indexed screener
// against brute-force scoring, and what exact and fuzzy hits do to a decision.
#include "compile/party_screen.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <thread>

#include "compile/compiler.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// A few real Entity List names, one party per row (name first, then aliases).
const std::vector<std::vector<std::string>> kParties = {
    {"Huawei Technologies Co., Ltd.", "Huawei"},
    {"Sugon", "Dawning Information Industry", "Sugon Information Industry"},
    {"National University of Defense Technology", "NUDT"},
    {"National Supercomputing Center Changsha"},
    {"Semiconductor Manufacturing International Corporation", "SMIC"},
    {"Société Générale de Calcul S.A."},
};

PartyScreener Screener(const std::vector<std::vector<std::string>>& parties) {
  std::vector<PartyName> names;
  for (size_t p = 0; p < parties.size(); ++p) {
    for (const auto& n : parties[p]) names.push_back({static_cast<int>(p), n});
  }
  return PartyScreener(names);
}

// Brute force: every list name scored with PartyNameSimilarity; best per party, sorted as
// the screener sorts.
std::vector<PartyMatch> BruteForce(const std::vector<PartyName>& names, const std::vector<std::string>& keys,
                                   std::string_view query) {
  std::string key = NormalizePartyName(query);
  std::vector<PartyMatch> best;
  for (size_t e = 0; e < names.size(); ++e) {
    double s = PartyNameSimilarity(key, keys[e]);
    if (s < kPartyMatchThreshold) continue;
    auto it = std::find_if(best.begin(), best.end(), [&](const PartyMatch& m) { return m.party == names[e].party; });
    if (it == best.end())
      best.push_back({names[e].party, s, s == 1.0, names[e].name});
    else if (s > it->score)
      *it = {names[e].party, s, s == 1.0, names[e].name};
  }
  std::sort(best.begin(), best.end(), [](const PartyMatch& x, const PartyMatch& y) {
    return x.score != y.score ? x.score > y.score : x.party < y.party;
  });
  return best;
}

// Made-up company names in the style of a restricted-party list, and their variants.
class NameMaker {
 public:
  explicit NameMaker(uint32_t seed) : rng_(seed) {}

  struct Name {
    std::vector<std::string> words;
    std::string legal;
    std::string Text() const {
      std::string s;
      for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
      return legal.empty() ? s : s + " " + legal;
    }
  };

  Name Make() {
    static const std::vector<std::string> kGeneric = {
        "Technology",    "Technologies", "Electronics",   "Industry",         "Industries",  "Group",
        "International", "Trading",      "Semiconductor", "Microelectronics", "Information", "Computing",
        "Systems",       "Research",     "Institute",     "Holdings",         "Logistics",   "Precision",
        "Instruments",   "Optical",      "Networks",      "Software",         "Devices"};
    static const std::vector<std::string> kCity = {"Shenzhen", "Beijing", "Shanghai", "Tianjin",   "Wuxi",    "Chengdu",
                                                   "Hefei",    "Moscow",  "Dubai",    "Hong Kong", "Nanjing", "Minsk"};
    static const std::vector<std::string> kLegal = {"Co., Ltd.",       "Ltd",         "LLC", "Inc.", "GmbH",
                                                    "Company Limited", "Corporation", "JSC", "",     ""};
    Name n;
    if (Chance(0.3)) n.words.push_back(Pick(kCity));
    n.words.push_back(Brand());
    for (int g = Int(0, 2); g > 0; --g) n.words.push_back(Pick(kGeneric));
    n.legal = Pick(kLegal);
    return n;
  }

  // A variant the screener is meant to catch: a typo, a split word, an abbreviation, upper
  // case, another word order, or another legal form.
  std::string Variant(Name n) {
    auto& w = n.words;
    size_t longest = 0;
    for (size_t i = 0; i < w.size(); ++i) longest = w[i].size() > w[longest].size() ? i : longest;
    std::string& word = w[longest];
    switch (Int(0, 5)) {
      case 0:
        Typo(word);
        break;
      case 1:
        word.insert(static_cast<size_t>(Int(2, static_cast<int>(word.size()) - 2)), " ");
        break;
      case 2:
        for (size_t i = 1; i < w.size(); ++i) {
          if (w[i].size() >= 8) w[i] = w[i].substr(0, static_cast<size_t>(Int(4, 5))) + ".";
        }
        break;
      case 3:
        for (auto& s : w)
          std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
        break;
      case 4:
        std::shuffle(w.begin(), w.end(), rng_);
        break;
      default:
        n.legal = Pick<std::string>({"Co Ltd", "Limited", "S.A.", "GmbH", "Inc", "Corporaton", "Co.,Ltd", ""});
    }
    return n.Text();
  }

 private:
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }

  std::string Brand() {
    static const std::vector<std::string> kSyllables = {
        "hua", "wei",  "zhong", "xin", "tian", "long", "kang", "hai", "guang", "sheng", "da",  "ming", "feng",
        "jin", "yuan", "bao",   "rui", "li",   "tong", "chen", "ke",  "xun",   "an",    "mei", "wan",  "xing",
        "bo",  "de",   "yu",    "qi",  "lan",  "sun",  "tek",  "vel", "mar",   "ori",   "nex", "tri",  "sol"};
    std::string b;
    while (b.size() < 7) b += Pick(kSyllables);
    b[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(b[0])));
    return b;
  }

  void Typo(std::string& s) {
    size_t pos = static_cast<size_t>(Int(1, static_cast<int>(s.size()) - 2));
    char letter = static_cast<char>('a' + Int(0, 25));
    switch (Int(0, 3)) {
      case 0:
        s[pos] = letter;
        break;
      case 1:
        s.erase(pos, 1);
        break;
      case 2:
        s.insert(pos, 1, letter);
        break;
      default:
        std::swap(s[pos], s[pos + 1]);
    }
  }

  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("PartyNamesNormaliseToOneKey", "[screen]") {
  struct Case {
    const char* name;
    const char* key;
  };
  const Case kCases[] = {
      {"Huawei Technologies Co., Ltd.", "huawei technology"},
      {"HUAWEI TECHNOLOGIES CO LTD", "huawei technology"},
      {"Technologies Huawei", "huawei technology"},
      {"The Huawei Technologies Company Limited", "huawei technology"},
      {"Huawei Technologies Co.,Ltd", "huawei technology"},
      {"Huawei Technologies Corporaton", "huawei technology"},  // a misspelt legal form
      {"Société Générale de Calcul S.A.", "calcul de generale societe"},
      {"SOCIETE GENERALE DE CALCUL SA", "calcul de generale societe"},
      {"Societe\xCC\x81 Ge\xCC\x81ne\xCC\x81rale de Calcul", "calcul de generale societe"},  // combining accents
      {"Łódź Elektronik Sp", "elektronik lodz sp"},
      {"Xi'an Microelectronics", "microelectronic xian"},
      {"Research & Development Inc.", "and development research"},
      {"Sugon Company Information Industry", "company industry information sugon"},  // only at the end
      {"Semiconductor Manufacturing Intl Corp", "international manufacturing semiconductor"},
      {"\xEF\xBC\xA8\xEF\xBC\xB5\xEF\xBC\xA1\xEF\xBC\xB7\xEF\xBC\xA5\xEF\xBC\xA9", "huawei"},  // fullwidth
      {"华为技术有限公司", "华为技术有限公司"},
      {"Co., Ltd.", "co"},
      {"  ...  ", ""},
  };
  for (const auto& c : kCases) {
    INFO(c.name);
    CHECK(NormalizePartyName(c.name) == c.key);
  }
}

TEST_CASE("ExactAndAliasVariantsMatchWithScoreOne", "[screen]") {
  PartyScreener s = Screener(kParties);
  struct Case {
    const char* name;
    int party;
    const char* matched;
  };
  const Case kCases[] = {
      {"HUAWEI TECHNOLOGIES CO LTD", 0, "Huawei Technologies Co., Ltd."},
      {"technologies, huawei", 0, "Huawei Technologies Co., Ltd."},
      {"huawei inc.", 0, "Huawei"},
      {"Dawning Information Industries Co., Ltd.", 1, "Dawning Information Industry"},
      {"N.U.D.T.", 2, "NUDT"},
      {"Societe Generale de Calcul", 5, "Société Générale de Calcul S.A."},
  };
  for (const auto& c : kCases) {
    INFO(c.name);
    auto matches = s.Screen(c.name);
    REQUIRE_FALSE(matches.empty());
    CHECK(matches[0].party == c.party);
    CHECK(matches[0].exact);
    CHECK(matches[0].score == 1.0);
    CHECK(matches[0].matched_name == c.matched);
  }
}

TEST_CASE("NearMissesAreFuzzyMatchesWithTheirScore", "[screen]") {
  PartyScreener s = Screener(kParties);
  struct Case {
    const char* name;
    int party;
    const char* score;
  };
  const Case kCases[] = {
      {"Huawei Technolgies Co", 0, "0.93"},                                // typo
      {"Hua Wei Technologies", 0, "0.98"},                                 // split word
      {"Huawei Tech.", 0, "0.94"},                                         // abbreviation
      {"Hauwei Tehcnologies", 0, "0.93"},                                  // two swapped letters
      {"Sugon Informations Industri", 1, "0.95"},                          // typos against an alias
      {"National Supercomputing Centre Changsha", 3, "0.98"},              // British spelling
      {"Semiconductor Manufacturing (Beijing) International", 4, "0.91"},  // an added place
  };
  for (const auto& c : kCases) {
    INFO(c.name);
    auto matches = s.Screen(c.name);
    REQUIRE_FALSE(matches.empty());
    CHECK(matches[0].party == c.party);
    CHECK_FALSE(matches[0].exact);
    CHECK(matches[0].score >= kPartyMatchThreshold);
    CHECK(matches[0].score < 1.0);
    CHECK(FormatMatchScore(matches[0].score) == c.score);
  }
}

TEST_CASE("UnrelatedNamesDoNotMatch", "[screen]") {
  PartyScreener s = Screener(kParties);
  for (const char* name : {"Huawen Trading Ltd", "Sugar Industries", "National University of Singapore",
                           "National Supercomputing Center Guangzhou", "Huawei Technologies Deutschland GmbH",
                           "Dawn Trading", "Semiconductor Research Corporation", "Generale Electrique"}) {
    INFO(name);
    CHECK(s.Screen(name).empty());
  }
}

TEST_CASE("SimilarityIsOneOnlyForEqualKeys", "[screen]") {
  CHECK(PartyNameSimilarity("huawei technology", "huawei technology") == 1.0);
  CHECK(PartyNameSimilarity("", "") == 0.0);
  CHECK(PartyNameSimilarity("huawei", "") == 0.0);
  CHECK(PartyNameSimilarity("huawei huawei", "huawei") < 1.0);
  CHECK(PartyNameSimilarity("hua wei", "huawei") < 1.0);
  CHECK(PartyNameSimilarity("abc", "xyz") == 0.0);
  CHECK(FormatMatchScore(0.999) == "0.99");
  CHECK(FormatMatchScore(0.93) == "0.93");
}

// The banded edit distance inside the similarity against a plain one: on one-word names the
// score is 1 - half_edits / (2 * longer length) when a quarter or less of the letters differ.
TEST_CASE("OneWordScoresFollowTheEditDistance", "[screen]") {
  auto reference = [](const std::string& a, const std::string& b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = 2 * i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = 2 * j;
    for (size_t i = 1; i <= a.size(); ++i) {
      for (size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 2, d[i][j - 1] + 2, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 2)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    size_t hi = std::max(a.size(), b.size());
    return d[a.size()][b.size()] <= hi / 2
               ? 1.0 - static_cast<double>(d[a.size()][b.size()]) / static_cast<double>(2 * hi)
               : 0.0;
  };
  std::mt19937 rng(11);
  auto word = [&](size_t len) {
    std::string w;
    for (size_t i = 0; i < len; ++i) w += static_cast<char>('a' + std::uniform_int_distribution<int>(0, 3)(rng));
    return w;
  };
  for (int i = 0; i < 3000; ++i) {
    std::string a = word(std::uniform_int_distribution<size_t>(1, 14)(rng));
    std::string b = word(std::uniform_int_distribution<size_t>(1, 14)(rng));
    if (a == b) continue;
    INFO(a << " / " << b);
    CHECK(PartyNameSimilarity(a, b) == reference(a, b));
  }
}

TEST_CASE("IndexFindsWhatBruteForceFinds", "[screen]") {
  NameMaker maker(20261129);
  std::vector<NameMaker::Name> listed;
  std::vector<PartyName> names;
  for (int p = 0; p < 2000; ++p) {
    listed.push_back(maker.Make());
    names.push_back({p, listed.back().Text()});
    if (p % 2 == 0) names.push_back({p, maker.Make().Text()});  // an alias
  }
  std::vector<std::string> keys;
  for (const auto& n : names) keys.push_back(NormalizePartyName(n.name));
  PartyScreener screener(names);
  std::mt19937 rng(7);
  int same = 0, same_best = 0, planted_found = 0;
  const int kQueries = 2000;
  for (int q = 0; q < kQueries; ++q) {
    int planted = std::uniform_int_distribution<int>(0, 1999)(rng);
    std::string query = maker.Variant(listed[static_cast<size_t>(planted)]);
    auto indexed = screener.Screen(query);
    auto brute = BruteForce(names, keys, query);
    bool equal = indexed.size() == brute.size();
    for (size_t i = 0; equal && i < indexed.size(); ++i) {
      equal = indexed[i].party == brute[i].party && indexed[i].score == brute[i].score;
    }
    same += equal;
    same_best +=
        !brute.empty() && !indexed.empty() && indexed[0].party == brute[0].party && indexed[0].score == brute[0].score;
    for (const auto& m : indexed) planted_found += m.party == planted;
    if (!equal) UNSCOPED_INFO("differs: `" << query << "`");
  }
  CHECK(same >= kQueries * 99 / 100);
  CHECK(same_best >= kQueries * 99 / 100);
  CHECK(planted_found >= kQueries * 99 / 100);
}

TEST_CASE("EmptyAndVeryLongNamesDoNotCrash", "[screen]") {
  PartyScreener s = Screener(kParties);
  std::string many_words;
  for (int i = 0; i < 2000; ++i) many_words += "Huawei ";
  std::string one_word(200000, 'h');
  for (const std::string& name : {std::string(), std::string("   "), std::string("Co., Ltd."), many_words, one_word,
                                  std::string("\xFF\xFE\xC3"), std::string("Huawei \xE2\x80"), many_words + one_word}) {
    CHECK_NOTHROW(s.Screen(name));
  }
  CHECK(s.Screen("").empty());
  CHECK(s.Screen(many_words).empty());  // too many words for a fuzzy match, and not equal
  CHECK(PartyScreener().Screen("Huawei").empty());
}

TEST_CASE("ScreeningFromManyThreadsAgrees", "[screen]") {
  PartyScreener s = Screener(kParties);
  const std::vector<std::string> queries = {"Huawei Technolgies", "Hua Wei Technologies", "Sugar Industries", "SMIC"};
  auto expected = [&] {
    std::vector<size_t> out;
    for (const auto& q : queries) out.push_back(s.Screen(q).size());
    return out;
  }();
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        bool all = true;
        for (size_t q = 0; q < queries.size(); ++q) all &= s.Screen(queries[q]).size() == expected[q];
        ok[static_cast<size_t>(t)] += all;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(ok == std::vector<int>(4, 200));
}

TEST_CASE("FuzzyHitIsReviewAndExactHitKeepsTheEffect", "[screen]") {
  Engine e = MustLoad(R"(
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
parties:
  - {id: p1, name: "Huawei Technologies Co., Ltd.", aliases: [Huawei], cite: c1, list: entity_list}
)");
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 1.0);
  auto decide = [&](const std::string& name) {
    ShipmentFacts s;
    s.date = *ParseDate("2024-06-01");
    s.consignee = {"Buyer GmbH", "DE", "DE", "", {}};
    s.end_user = {name, "DE", "DE", "", {}};
    return e.Decide(s, item);
  };
  LineDecision exact = decide("HUAWEI TECHNOLOGIES CO LTD");
  CHECK(exact.decision == DecisionKind::kLicenseRequired);
  REQUIRE(exact.reasons.size() == 1);
  CHECK(exact.reasons[0].detail ==
        "end user `HUAWEI TECHNOLOGIES CO LTD` matches `Huawei Technologies Co., Ltd.` (entity_list)");

  LineDecision fuzzy = decide("Huawei Technolgies");
  CHECK(fuzzy.decision == DecisionKind::kReview);
  REQUIRE(fuzzy.reasons.size() == 1);
  CHECK(fuzzy.reasons[0].rule == "p1");
  CHECK(fuzzy.reasons[0].cite == "c1");
  CHECK(fuzzy.reasons[0].message == "possible match with a restricted party");
  CHECK(fuzzy.reasons[0].detail ==
        "end user `Huawei Technolgies` resembles `Huawei Technologies Co., Ltd.` (score 0.93)");

  LineDecision alias = decide("Hua Wei");
  REQUIRE(alias.reasons.size() == 1);
  CHECK(alias.reasons[0].detail ==
        "end user `Hua Wei` resembles `Huawei`, an alias of `Huawei Technologies Co., Ltd.` (score 0.95)");

  CHECK(decide("Huawen Trading Ltd").decision == DecisionKind::kNoLicenseRequired);
}

}  // namespace chipgate::testing
