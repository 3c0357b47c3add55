// Party screening at scale: 10,000 listed parties with aliases, 100,000 query names (planted
// variants of listed names and unrelated names). Reports names/s for the indexed screener and,
// as the baseline, for brute-force scoring of every list name; recall of planted variants (also
// per kind of variant) and the rate of unrelated names flagged are reported as counters.
#include <benchmark/benchmark.h>

#include <array>
#include <cctype>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "screen/party_name.h"
#include "screen/party_screen.h"

namespace chipgate::bench {
namespace {

const char* const kSyllables[] = {"hua", "wei",  "zhong", "xin", "tian",  "long", "jing", "sheng",
                                  "guo", "hai",  "kang",  "rui", "tong",  "yuan", "feng", "ming",
                                  "bao", "chen", "da",    "jin", "xun",   "yi",   "ke",   "li",
                                  "nan", "shan", "tai",   "wu",  "xiang", "yun"};
// A Han character read as each syllable above (ICU's Han-Latin), for names written in Chinese.
const char* const kHan[] = {"华", "为", "中", "新", "天", "龙", "京", "生", "国", "海",
                            "康", "瑞", "通", "源", "丰", "明", "宝", "晨", "大", "金",
                            "讯", "易", "科", "力", "南", "山", "泰", "武", "祥", "云"};
const char* const kWords[] = {"Technology",  "Electronics",        "Semiconductor",    "Computing",
                              "Information", "Industry",           "Microelectronics", "Trading",
                              "Systems",     "Research Institute", "Intelligent",      "Data"};
const char* const kForms[] = {"Co., Ltd.", "Limited", "Corporation", "Inc.", "GmbH",
                              "Pte. Ltd.", ""};
const char* const kCities[] = {"Beijing", "Shanghai", "Shenzhen", "Tianjin",
                               "Wuhan",   "Chengdu",  "Hefei",    "Xi'an"};
// Brands of ordinary companies that are not listed: other syllables, same generic words and cities.
const char* const kOtherSyllables[] = {"mar", "tel", "vin", "dor", "ber", "ron", "lex", "sal",
                                       "kor", "ven", "tas", "mil", "pal", "gor", "nes", "tro"};

// Kinds of planted variants; the first six are written in ASCII, the others are not.
enum Kind {
  kCase,
  kSwap,
  kNoForm,
  kOrder,
  kSplit,
  kAcronym,
  kLookAlike,
  kInvisible,
  kAdded,
  kTransliterated,
  kKinds
};
const char* const kKindNames[kKinds] = {"case",    "swap",      "no_form",   "order", "split",
                                        "acronym", "lookalike", "invisible", "added", "translit"};

struct Data {
  std::vector<PartyName> names;
  std::vector<std::string> forms;  // the legal form each name ends with ("" for none)
  std::vector<std::vector<int>>
      brand_syllables;  // per name: syllables of its brand word (empty: acronym)
  std::vector<std::string> queries;
  std::vector<int> planted;  // party index for a planted variant, -1 for unrelated
  std::vector<int> kind;     // Kind of a planted variant
  PartyScreener screener;

  // The headline list: 10,000 parties (about 16,000 names with aliases). Get(n) builds one per
  // size.
  static Data& Get(int n_parties = 10000) {
    static std::map<int, Data> lists;
    auto it = lists.find(n_parties);
    if (it == lists.end()) it = lists.emplace(n_parties, Make(n_parties)).first;
    return it->second;
  }

  static std::string Word(std::mt19937& rng, std::vector<int>* syllables = nullptr,
                          const char* const* from = kSyllables,
                          size_t n_from = std::size(kSyllables)) {
    std::string w;
    int n = 2 + static_cast<int>(rng() % 2);
    for (int i = 0; i < n; ++i) {
      size_t k = rng() % n_from;
      w += from[k];
      if (syllables) syllables->push_back(static_cast<int>(k));
    }
    w[0] = static_cast<char>(std::toupper(w[0]));
    return w;
  }

  // One or two letters replaced by Cyrillic or Greek look-alikes.
  static std::string LookAlike(const std::string& name, std::mt19937& rng) {
    static const std::map<char, std::vector<char32_t>> kAlike = {
        {'a', {0x0430, 0x03B1}}, {'e', {0x0435}}, {'o', {0x043E, 0x03BF}}, {'i', {0x0456, 0x03B9}},
        {'c', {0x0441}},         {'p', {0x0440}}, {'x', {0x0445}},         {'y', {0x0443}},
        {'s', {0x0455}},         {'h', {0x04BB}}, {'T', {0x0422, 0x03A4}}, {'S', {0x0405}},
        {'H', {0x041D, 0x0397}}, {'C', {0x0421}}, {'B', {0x0412}},         {'K', {0x041A}},
        {'M', {0x041C}},         {'X', {0x0425}}, {'Z', {0x0396}},         {'N', {0x039D}}};
    std::string v = name;
    for (int n = 1 + static_cast<int>(rng() % 2); n > 0; --n) {
      std::vector<size_t> at;
      for (size_t i = 0; i < v.size(); ++i) {
        if (kAlike.count(v[i])) at.push_back(i);
      }
      if (at.empty()) break;
      size_t pos = at[rng() % at.size()];
      const auto& options = kAlike.at(v[pos]);
      v = v.substr(0, pos) + Utf8(options[rng() % options.size()]) + v.substr(pos + 1);
    }
    return v;
  }

  // One to three invisible code points inserted before ASCII letters.
  static std::string Invisible(const std::string& name, std::mt19937& rng) {
    static const char32_t kInvisible[] = {0x200B, 0xFEFF,  0x00AD, 0x180E, 0x200D,
                                          0x2060, 0xE0041, 0x034F, 0xFE0F};
    std::string v = name;
    for (int n = 1 + static_cast<int>(rng() % 3); n > 0; --n) {
      std::vector<size_t> at;
      for (size_t i = 0; i < v.size(); ++i) {
        if (std::isalpha(static_cast<unsigned char>(v[i]))) at.push_back(i);
      }
      size_t pos = at[rng() % at.size()];
      v.insert(pos, Utf8(kInvisible[rng() % std::size(kInvisible)]));
    }
    return v;
  }

  // The brand written in Chinese characters (the rest as it is).
  static std::string Transliterated(const std::string& name, const std::vector<int>& syllables) {
    std::string han;
    for (int k : syllables) han += kHan[k];
    size_t start = 0;
    for (const char* city : kCities) {
      if (name.starts_with(std::string(city) + " ")) start = std::string(city).size() + 1;
    }
    size_t end = name.find(' ', start);
    return name.substr(0, start) + han + (end == std::string::npos ? "" : name.substr(end));
  }

  // A realistic written variant of the kind asked for: case, punctuation, legal form, a typo, a
  // split word, word order (the legal form staying at the end), and the kinds that ASCII folding
  // alone does not catch: look-alike letters, invisible characters, words added, the brand in
  // Chinese characters, a spaced acronym.
  static std::string Variant(const Data& d, size_t k, Kind kind, std::mt19937& rng) {
    const std::string& name = d.names[k].name;
    const std::string& form = d.forms[k];
    std::string v = name;
    switch (kind) {
      case kCase:
        for (auto& c : v) c = static_cast<char>(std::toupper(c));
        break;
      case kSwap: {
        size_t p = v.find(' ');
        if (p != std::string::npos && p > 3) std::swap(v[p - 2], v[p - 3]);
        break;
      }  // transposed letters
      case kNoForm: {
        size_t p = v.find(',');
        if (p != std::string::npos) v = v.substr(0, p);
        break;
      }
      case kOrder: {
        std::string base = form.empty() ? v : v.substr(0, v.size() - form.size() - 1);
        size_t p = base.find(' ');
        if (p != std::string::npos)
          v = base.substr(p + 1) + " " + base.substr(0, p) + (form.empty() ? "" : " " + form);
        break;
      }
      case kSplit: {
        size_t p = v.find(' ');
        if (p != std::string::npos && p > 4) v.insert(p - 3, " ");
        break;
      }  // split word
      case kAcronym: {
        static const char* const kSep[] = {" ", "-", ". ", "."};
        const char* sep = kSep[rng() % std::size(kSep)];
        v.clear();
        for (char c : name) v += (v.empty() ? "" : sep) + std::string(1, c);
        break;
      }
      case kLookAlike:
        v = LookAlike(name, rng);
        break;
      case kInvisible:
        v = Invisible(name, rng);
        break;
      case kAdded: {
        static const char* const kMore[] = {" Cloud", " (Shenzhen)", " Europe Branch", " Holdings"};
        v = rng() % 3 ? name + kMore[rng() % std::size(kMore)] : std::string("Shenzhen ") + name;
        break;
      }
      default:
        v = Transliterated(name, d.brand_syllables[k]);
    }
    return v;
  }

  // An ordinary company that is not listed: Nordic partners, or a name built like the listed
  // ones from other syllables (sharing generic words, cities and legal forms with the list),
  // sometimes written with Cyrillic letters.
  static std::string Unrelated(int q, std::mt19937& rng) {
    switch (rng() % 3) {
      case 0:
        return std::string("Nordic ") + kWords[rng() % std::size(kWords)] + " Partners " +
               std::to_string(q) + " AB";
      case 1: {
        std::string n = Word(rng, nullptr, kOtherSyllables, std::size(kOtherSyllables)) + " " +
                        kWords[rng() % std::size(kWords)];
        if (rng() % 2) n = std::string(kCities[rng() % std::size(kCities)]) + " " + n;
        return n + " " + kForms[rng() % std::size(kForms)];
      }
      default:
        return LookAlike(Word(rng, nullptr, kOtherSyllables, std::size(kOtherSyllables)), rng) +
               " " + kWords[rng() % std::size(kWords)];
    }
  }

  static Data Make(int n_parties) {
    Data d;
    std::mt19937 rng(7);
    for (int p = 0; p < n_parties; ++p) {
      std::vector<int> syllables;
      std::string base = Word(rng, &syllables) + " " + kWords[rng() % std::size(kWords)];
      if (rng() % 2) base = std::string(kCities[rng() % std::size(kCities)]) + " " + base;
      std::string form = kForms[rng() % std::size(kForms)];
      d.names.push_back({p, form.empty() ? base : base + " " + form});
      d.forms.push_back(form);
      d.brand_syllables.push_back(syllables);
      if (rng() % 2) {  // an alias
        syllables.clear();
        d.names.push_back({p, Word(rng, &syllables) + " " + kWords[rng() % std::size(kWords)]});
        d.forms.push_back("");
        d.brand_syllables.push_back(syllables);
      }
      if (rng() % 10 == 0) {  // an acronym alias of four or five letters
        std::string acronym;
        for (int n = 4 + static_cast<int>(rng() % 2); n > 0; --n)
          acronym += static_cast<char>('A' + rng() % 26);
        d.names.push_back({p, acronym});
        d.forms.push_back("");
        d.brand_syllables.push_back({});
      }
    }
    d.screener = PartyScreener(d.names);
    for (int q = 0; q < 100000; ++q) {
      if (q % 2 == 0) {
        size_t k = rng() % d.names.size();
        bool acronym = d.brand_syllables[k].empty();
        Kind kind = acronym ? kAcronym : static_cast<Kind>(rng() % kKinds);
        if (kind == kAcronym && !acronym) kind = kCase;
        d.queries.push_back(Variant(d, k, kind, rng));
        d.planted.push_back(d.names[k].party);
        d.kind.push_back(kind);
      } else {
        d.queries.push_back(Unrelated(q, rng));
        d.planted.push_back(-1);
        d.kind.push_back(-1);
      }
    }
    return d;
  }
};

void BM_ScreenIndexed(benchmark::State& state) {
  Data& d = Data::Get();
  size_t i = 0, unrelated = 0, false_hits = 0, exact_false = 0;
  std::array<size_t, kKinds> planted{}, found{};
  for (auto _ : state) {
    auto matches = d.screener.Screen(d.queries[i]);
    if (d.planted[i] >= 0) {
      ++planted[static_cast<size_t>(d.kind[i])];
      for (const auto& m : matches)
        found[static_cast<size_t>(d.kind[i])] += m.party == d.planted[i];
    } else {
      ++unrelated;
      false_hits += !matches.empty();
      for (const auto& m : matches) exact_false += m.kind == PartyMatchKind::kExact;
    }
    if (++i == d.queries.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  size_t all_planted = 0, all_found = 0;
  for (size_t k = 0; k < kKinds; ++k) {
    all_planted += planted[k];
    all_found += found[k];
    state.counters[std::string("recall_") + kKindNames[k]] =
        planted[k] ? static_cast<double>(found[k]) / planted[k] : 0;
  }
  state.counters["recall"] = all_planted ? static_cast<double>(all_found) / all_planted : 0;
  state.counters["false_review_rate"] = unrelated ? static_cast<double>(false_hits) / unrelated : 0;
  state.counters["false_exact_rate"] = unrelated ? static_cast<double>(exact_false) / unrelated : 0;
}
BENCHMARK(BM_ScreenIndexed)->MinTime(2.0);

// Scaling: the same queries against lists of 10^3, 10^4, 10^5 parties.
void BM_ScreenScaling(benchmark::State& state) {
  Data& d = Data::Get(static_cast<int>(state.range(0)));
  size_t i = 0, found = 0, planted = 0;
  for (auto _ : state) {
    auto matches = d.screener.Screen(d.queries[i]);
    if (d.planted[i] >= 0) {
      ++planted;
      for (const auto& m : matches) found += m.party == d.planted[i];
    }
    if (++i == d.queries.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["recall"] = planted ? static_cast<double>(found) / planted : 0;
}
BENCHMARK(BM_ScreenScaling)->Arg(1000)->Arg(10000)->Arg(100000)->MinTime(1.0);

// Baseline: match the query against every list name (how screening must not work).
void BM_ScreenBruteForce(benchmark::State& state) {
  Data& d = Data::Get();
  std::vector<std::string> keys;
  for (const auto& n : d.names) {
    for (auto& k : PartyNameKeys(n.name)) keys.push_back(std::move(k));
  }
  size_t i = 0;
  for (auto _ : state) {
    int hits = 0;
    for (const auto& q : PartyNameKeys(d.queries[i])) {
      for (const auto& k : keys) {
        PartyMatchKind kind;
        double score = 0;
        hits += MatchPartyKeys(q, k, kind, score);
      }
    }
    benchmark::DoNotOptimize(hits);
    if (++i == d.queries.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScreenBruteForce)->MinTime(2.0);

}  // namespace
}  // namespace chipgate::bench
