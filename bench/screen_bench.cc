// Party screening at list scale: generated lists of 10^4, 10^5 and 10^6 parties with aliases
// (names in the style of the Entity List and OpenSanctions: Chinese, Russian and other brands,
// industry words, cities, legal forms) and 100,000 query names per list (planted variants of
// listed names and unrelated names). Reports names/s for the indexed screener, with recall of the
// planted variants (per kind too), the rate of unrelated names flagged, the index's build time
// and memory; and, as the baseline, brute-force scoring of every list name on a sample of the
// same queries, with the share of sampled queries on which the two give the same matches.
// Two workloads: realistic, and dense (the earlier measurements' lists, kept as stress rows);
// each warm (queries cycled) and on a first pass (a fresh index, each query screened once).
// CHIPGATE_BENCH_SHOW_MISSES=1 prints the planted variants not found.
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
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
// Syllables of Russian-style and other brands (Latin letters that read back from Cyrillic as
// written, see Cyrillic below), and of brands in the style of Western, Persian and other names.
const char* const kRuSyllables[] = {
    "ros",  "tek", "vol",  "mir",  "nov",  "prom", "mash", "energo", "al",  "maz", "kron", "gaz",
    "neft", "sib", "ural", "avia", "elek", "tron", "opt",  "stal",   "zav", "kom", "rad",  "zhel"};
const char* const kWeSyllables[] = {"pars", "sanat", "tad", "bir", "sep", "ehr", "nor", "tex",
                                    "ast",  "ron",   "vis", "ion", "gen", "ex",  "ar",  "co",
                                    "mid",  "lan",   "fab", "rik", "sol", "tri", "ka",  "dex"};
// The realistic workload (Density::kRealistic) draws from larger inventories: 100 pinyin
// syllables (the 30 above, which have Han characters, and 70 more), and 48 syllables each for
// Russian-style and other brands, all read back from Cyrillic as written (see Cyrillic below).
const char* const kMoreSyllables[] = {
    "an",    "bai",  "bei",   "cheng", "chuang", "dong", "fang", "fu",    "gang", "gao",
    "guang", "he",   "heng",  "hong",  "hui",    "jia",  "jian", "jiang", "jie",  "ju",
    "jun",   "kai",  "lan",   "lian",  "lin",    "lu",   "mei",  "min",   "ning", "pu",
    "qi",    "qian", "qiang", "qing",  "quan",   "ren",  "rong", "shang", "shen", "shi",
    "shu",   "si",   "song",  "su",    "teng",   "wan",  "wang", "wen",   "xi",   "xia",
    "xing",  "xu",   "ya",    "yang",  "ye",     "ying", "yong", "you",   "yu",   "zhan",
    "zhao",  "zhen", "zheng", "zhi",   "zhou",   "zhu",  "ze",   "hang",  "pan",  "ding"};
const char* const kMoreRuSyllables[] = {"bel", "kar", "lev", "don", "var", "tor", "ner", "pol",
                                        "sel", "zor", "kam", "rus", "dal", "nik", "ser", "ves",
                                        "mur", "bor", "len", "per", "sam", "tul", "lip", "fed"};
const char* const kMoreWeSyllables[] = {"lum", "vor", "tin", "mak", "ren", "sor", "fin", "kal",
                                        "nus", "ord", "pel", "sim", "zar", "ham", "jar", "lor",
                                        "mer", "nad", "qua", "bex", "dul", "fen", "gal", "hov"};
const char* const kWords[] = {"Technology",       "Electronics",
                              "Semiconductor",    "Computing",
                              "Information",      "Industry",
                              "Microelectronics", "Trading",
                              "Systems",          "Research Institute",
                              "Intelligent",      "Data",
                              "Aviation",         "Engineering",
                              "Optical",          "Instruments",
                              "Logistics",        "Precision",
                              "Machinery",        "Energy",
                              "Software",         "Devices",
                              "Networks",         "Defense",
                              "Materials",        "Import Export",
                              "Holding",          "Scientific"};
const char* const kForms[] = {"Co., Ltd.", "Limited", "Corporation", "Inc.", "GmbH",
                              "Pte. Ltd.", "LLC",     "JSC",         "FZE",  ""};
const char* const kCities[] = {
    "Beijing",   "Shanghai", "Shenzhen",         "Tianjin",      "Wuhan", "Chengdu",
    "Hefei",     "Xi'an",    "Moscow",           "Minsk",        "Dubai", "Tehran",
    "Hong Kong", "Nanjing",  "Saint Petersburg", "Yekaterinburg"};
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

// How a listed name's brand is written: the transliterated variant writes a Chinese brand in Han
// characters and a Russian one in Cyrillic; other brands and acronyms have none.
enum Style { kAcronymStyle, kChinese, kRussian, kOther };

// How dense the generated list is. kDense is the workload of the earlier measurements
// (docs/performance.md, "Issue 13"): brands of two or three syllables from 30 pinyin syllables,
// or two to four from 24, so at 10^6 parties every two-syllable Chinese brand is listed hundreds
// of times; kept as the stress rows. kRealistic draws from larger inventories, mostly three
// syllables or more, and makes a fifth of the parties affiliates sharing an earlier party's
// brand (as the Entity List lists a company's subsidiaries in other cities): the reasons are in
// docs/performance.md, and the counter `brand_repeat` shows the density each workload has.
enum class Density { kRealistic, kDense };

struct Data {
  std::vector<PartyName> names;
  std::vector<std::string> forms;  // the legal form each name ends with ("" for none)
  std::vector<Style> style;        // per name
  std::vector<std::vector<int>>
      brand_syllables;              // per name: syllables of its brand word (Chinese style only)
  std::vector<std::string> brands;  // per name: its brand (for the density counter)
  std::vector<std::string> queries;
  std::vector<int> planted;  // party index for a planted variant, -1 for unrelated
  std::vector<int> kind;     // Kind of a planted variant
  PartyScreener screener;
  double build_seconds = 0;  // CPU seconds constructing the screener (normalising and
                             // indexing every name)
  double index_mib = 0;      // heap the screener holds once built
  double brand_repeat = 0;   // BrandRepeat(), computed once per list

  // The list of `n_parties` parties (about 1.65 names each with aliases), built once per size.
  static Data& Get(int n_parties, Density density) {
    static std::map<std::pair<int, Density>, Data> lists;
    auto it = lists.find({n_parties, density});
    if (it == lists.end())
      it = lists.emplace(std::pair{n_parties, density}, Make(n_parties, density)).first;
    return it->second;
  }

  static std::string Word(std::mt19937& rng, std::vector<int>* syllables = nullptr,
                          const char* const* from = kSyllables,
                          size_t n_from = std::size(kSyllables), int most = 3) {
    std::string w;
    int n = 2 + static_cast<int>(rng() % static_cast<unsigned>(most - 1));
    for (int i = 0; i < n; ++i) {
      size_t k = rng() % n_from;
      w += from[k];
      if (syllables) syllables->push_back(static_cast<int>(k));
    }
    w[0] = static_cast<char>(std::toupper(w[0]));
    return w;
  }

  // A brand: half Chinese (pinyin syllables), a quarter Russian, a quarter other; the last two
  // of two to four syllables, sometimes two words.
  static std::string Brand(std::mt19937& rng, Style& style, std::vector<int>& syllables) {
    syllables.clear();
    unsigned pick = rng() % 4;
    if (pick < 2) {
      style = kChinese;
      return Word(rng, &syllables);
    }
    style = pick == 2 ? kRussian : kOther;
    const char* const* from = style == kRussian ? kRuSyllables : kWeSyllables;
    std::string b = Word(rng, nullptr, from, std::size(kRuSyllables), 4);
    if (rng() % 5 == 0) b += " " + Word(rng, nullptr, from, std::size(kRuSyllables), 4);
    return b;
  }

  // A brand of the realistic workload: half Chinese, of two (40 %) or three syllables from 100
  // (4 % of them, those made only of the 30 with Han characters, can be written in Chinese);
  // a quarter Russian and a quarter other, of three or four syllables from 48, a fifth of them
  // with a second word of two or three.
  static std::string RealisticBrand(std::mt19937& rng, Style& style, std::vector<int>& syllables) {
    syllables.clear();
    std::string b;
    unsigned pick = rng() % 4;
    if (pick < 2) {
      style = kChinese;
      for (int n = rng() % 5 < 2 ? 2 : 3; n > 0; --n) {
        size_t k = rng() % (std::size(kSyllables) + std::size(kMoreSyllables));
        b += k < std::size(kSyllables) ? kSyllables[k] : kMoreSyllables[k - std::size(kSyllables)];
        syllables.push_back(static_cast<int>(k));
      }
    } else {
      style = pick == 2 ? kRussian : kOther;
      const char* const* from = style == kRussian ? kRuSyllables : kWeSyllables;
      const char* const* more = style == kRussian ? kMoreRuSyllables : kMoreWeSyllables;
      auto word = [&](int n) {
        std::string w;
        for (; n > 0; --n) {
          size_t k = rng() % 48;
          w += k < 24 ? from[k] : more[k - 24];
        }
        w[0] = static_cast<char>(std::toupper(w[0]));
        return w;
      };
      b = word(3 + static_cast<int>(rng() % 2));
      if (rng() % 5 == 0) b += " " + word(2 + static_cast<int>(rng() % 2));
    }
    b[0] = static_cast<char>(std::toupper(b[0]));
    return b;
  }

  // A Russian-style brand written in Cyrillic, letter by letter (zh, sh, ch as one letter).
  static std::string Cyrillic(const std::string& latin) {
    static const std::map<std::string, char32_t> kLetters = {
        {"zh", 0x0436}, {"sh", 0x0448}, {"ch", 0x0447}, {"a", 0x0430}, {"b", 0x0431},
        {"v", 0x0432},  {"g", 0x0433},  {"d", 0x0434},  {"e", 0x0435}, {"z", 0x0437},
        {"i", 0x0438},  {"k", 0x043A},  {"l", 0x043B},  {"m", 0x043C}, {"n", 0x043D},
        {"o", 0x043E},  {"p", 0x043F},  {"r", 0x0440},  {"s", 0x0441}, {"t", 0x0442},
        {"u", 0x0443},  {"f", 0x0444},  {"h", 0x0445},  {"y", 0x044B}};
    std::string out;
    for (size_t i = 0; i < latin.size();) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(latin[i])));
      std::string two = std::string(1, c) + (i + 1 < latin.size() ? latin.substr(i + 1, 1) : "");
      if (auto it = kLetters.find(two); it != kLetters.end()) {
        out += Utf8(it->second);
        i += 2;
      } else if (auto one = kLetters.find(std::string(1, c)); one != kLetters.end()) {
        out += Utf8(one->second);
        ++i;
      } else {
        out += latin[i++];
      }
    }
    return out;
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

  // The brand written in Chinese characters or in Cyrillic (the rest as it is).
  static std::string Transliterated(const Data& d, size_t k) {
    const std::string& name = d.names[k].name;
    size_t start = 0;
    for (const char* city : kCities) {
      if (name.starts_with(std::string(city) + " ")) start = std::string(city).size() + 1;
    }
    size_t end = name.find(' ', start);
    std::string brand = name.substr(start, end == std::string::npos ? end : end - start);
    std::string written;
    if (d.style[k] == kChinese) {
      for (int s : d.brand_syllables[k]) written += kHan[s];
    } else {
      written = Cyrillic(brand);
    }
    return name.substr(0, start) + written + (end == std::string::npos ? "" : name.substr(end));
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
        static const char* const kMore[] = {" Cloud", " (Shenzhen)", " Europe Branch", " Holdings",
                                            " Shenzhen Branch"};
        v = rng() % 3 ? name + kMore[rng() % std::size(kMore)] : std::string("Shenzhen ") + name;
        break;
      }
      default:
        v = Transliterated(d, k);
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

  // The kind of variant to plant in name `k`: acronyms are only spaced or punctuated, and only
  // Chinese and Russian brands are transliterated.
  static Kind KindFor(const Data& d, size_t k, std::mt19937& rng) {
    if (d.style[k] == kAcronymStyle) return kAcronym;
    Kind kind = static_cast<Kind>(rng() % kKinds);
    if (kind == kAcronym) return kCase;
    bool han = std::all_of(d.brand_syllables[k].begin(), d.brand_syllables[k].end(),
                           [](int x) { return x < static_cast<int>(std::size(kHan)); });
    if (kind == kTransliterated && (d.style[k] == kOther || !han)) return kLookAlike;
    return kind;
  }

  void Add(int party, std::string name, std::string form, Style s, std::vector<int> syllables,
           std::string brand) {
    names.push_back({party, std::move(name)});
    forms.push_back(std::move(form));
    style.push_back(s);
    brand_syllables.push_back(std::move(syllables));
    brands.push_back(std::move(brand));
  }

  // The average number of list names sharing a list name's brand (acronyms left out): 1 when
  // every brand is listed once.
  double BrandRepeat() const {
    std::unordered_map<std::string_view, size_t> count;
    for (size_t k = 0; k < names.size(); ++k) {
      if (style[k] != kAcronymStyle) ++count[brands[k]];
    }
    double sum = 0, n = 0;
    for (size_t k = 0; k < names.size(); ++k) {
      if (style[k] == kAcronymStyle) continue;
      sum += static_cast<double>(count[brands[k]]);
      ++n;
    }
    return n ? sum / n : 0;
  }

  static Data Make(int n_parties, Density density) {
    Data d;
    std::mt19937 rng(7);
    std::vector<int> syllables;
    Style s;
    // The dense workload draws exactly as before (the same lists as the earlier measurements);
    // the realistic one reuses an earlier party's brand for a fifth of the parties.
    auto brand = [&](bool may_share) {
      if (density == Density::kDense) return Brand(rng, s, syllables);
      if (may_share && !d.names.empty() && rng() % 5 == 0) {
        size_t k = rng() % d.names.size();
        while (d.style[k] == kAcronymStyle) k = rng() % d.names.size();
        s = d.style[k];
        syllables = d.brand_syllables[k];
        return d.brands[k];
      }
      return RealisticBrand(rng, s, syllables);
    };
    for (int p = 0; p < n_parties; ++p) {
      // The dense workload draws the industry word before the brand, as the code of the earlier
      // measurements did (GCC evaluated `Brand(...) + " " + kWords[rng() % n]` right to left),
      // so its lists are those measured before.
      size_t word = density == Density::kDense ? rng() % std::size(kWords) : 0;
      std::string b = brand(true);
      if (density != Density::kDense) word = rng() % std::size(kWords);
      std::string base = b + " " + kWords[word];
      if (rng() % 2) base = std::string(kCities[rng() % std::size(kCities)]) + " " + base;
      std::string form = kForms[rng() % std::size(kForms)];
      d.Add(p, form.empty() ? base : base + " " + form, form, s, syllables, b);
      if (rng() % 2) {  // an alias
        size_t alias_word = density == Density::kDense ? rng() % std::size(kWords) : 0;
        std::string a = brand(false);
        if (density != Density::kDense) alias_word = rng() % std::size(kWords);
        std::string alias = a + " " + kWords[alias_word];
        d.Add(p, alias, "", s, syllables, a);
      }
      if (rng() % 10 == 0) {  // an acronym alias of four or five letters
        std::string acronym;
        for (int n = 4 + static_cast<int>(rng() % 2); n > 0; --n)
          acronym += static_cast<char>('A' + rng() % 26);
        d.Add(p, acronym, "", kAcronymStyle, {}, acronym);
      }
    }
    size_t heap = Heap();
    double start = ThreadCpuSeconds();
    d.screener = PartyScreener(d.names);
    d.build_seconds = ThreadCpuSeconds() - start;
    d.index_mib = static_cast<double>(Heap() - heap) / (1 << 20);
    d.brand_repeat = d.BrandRepeat();
    for (int q = 0; q < 100000; ++q) {
      if (q % 2 == 0) {
        size_t k = rng() % d.names.size();
        Kind kind = KindFor(d, k, rng);
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

  // CPU time of this thread: the build's cost whatever else runs on a shared machine.
  static double ThreadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  }

  // Bytes allocated on the heap now (glibc: the main arena plus mmapped blocks).
  static size_t Heap() {
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
  }
};

// The matches of `query` by brute force: every key of every list name matched with
// MatchPartyKeys, the strongest per party (kind, then score). party -> (kind, score).
std::map<int, std::pair<PartyMatchKind, double>> BruteForce(
    const std::vector<std::pair<int, std::string>>& keys, std::string_view query) {
  std::map<int, std::pair<PartyMatchKind, double>> best;
  for (const auto& q : PartyNameKeys(query)) {
    for (const auto& [party, k] : keys) {
      PartyMatchKind kind;
      double score = 0;
      if (!MatchPartyKeys(q, k, kind, score)) continue;
      auto [it, added] = best.emplace(party, std::pair{kind, score});
      auto& b = it->second;
      if (!added && (kind != b.first ? kind < b.first : score > b.second)) b = {kind, score};
    }
  }
  return best;
}

// Screens queries [0, n) of `d` (cycling) with `screener` while `state` runs, and reports recall
// per kind, the share of unrelated names flagged, and the list's counters.
template <typename Loop>
void ScreenQueries(benchmark::State& state, const Data& d, const PartyScreener& screener,
                   Loop&& loop) {
  size_t i = 0, unrelated = 0, false_hits = 0, exact_false = 0;
  std::array<size_t, kKinds> planted{}, found{};
  PartyScreenCounts before = PartyScreener::ThreadCounts();
  loop([&] {
    auto matches = screener.Screen(d.queries[i]);
    if (d.planted[i] >= 0) {
      ++planted[static_cast<size_t>(d.kind[i])];
      bool hit = false;
      for (const auto& m : matches) hit = hit || m.party == d.planted[i];
      found[static_cast<size_t>(d.kind[i])] += hit;
      if (!hit && std::getenv("CHIPGATE_BENCH_SHOW_MISSES")) {
        std::fprintf(stderr, "missed %s: query %zu `%s`, listed as", kKindNames[d.kind[i]], i,
                     d.queries[i].c_str());
        for (const auto& n : d.names) {
          if (n.party == d.planted[i]) std::fprintf(stderr, " `%s`", n.name.c_str());
        }
        // Whether brute force finds it (a miss of the rule) or not (a miss of the index).
        std::vector<std::pair<int, std::string>> keys;
        for (const auto& n : d.names) {
          if (n.party != d.planted[i]) continue;
          for (auto& k : PartyNameKeys(n.name)) keys.emplace_back(n.party, std::move(k));
        }
        std::fprintf(stderr, "; brute force %s\n",
                     BruteForce(keys, d.queries[i]).empty() ? "misses it too" : "finds it");
      }
    } else {
      ++unrelated;
      false_hits += !matches.empty();
      for (const auto& m : matches) exact_false += m.kind == PartyMatchKind::kExact;
    }
    if (++i == d.queries.size()) i = 0;
  });
  // The candidate steps' work per key screened (docs/screening.md, section 4).
  PartyScreenCounts after = PartyScreener::ThreadCounts();
  double keys = static_cast<double>(std::max<uint64_t>(1, after.keys - before.keys));
  state.counters["per_key_reached"] = static_cast<double>(after.reached - before.reached) / keys;
  state.counters["per_key_touched"] = static_cast<double>(after.touched - before.touched) / keys;
  state.counters["per_key_bounded"] = static_cast<double>(after.bounded - before.bounded) / keys;
  state.counters["per_key_reached_joined"] =
      static_cast<double>(after.reached_joined - before.reached_joined) / keys;
  state.counters["per_key_lists"] = static_cast<double>(after.lists - before.lists) / keys;
  state.counters["per_key_lists_read"] =
      static_cast<double>(after.lists_read - before.lists_read) / keys;
  state.counters["per_key_matched"] = static_cast<double>(after.matched - before.matched) / keys;
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
  state.counters["list_names"] = static_cast<double>(d.names.size());
  state.counters["index_entries"] = static_cast<double>(screener.size());
  state.counters["brand_repeat"] = d.brand_repeat;
}

// The indexed screener on the 100,000 queries of a list of range(0) parties, cycling through
// them for the run's time: words seen before have their similar words kept (warm).
void BM_ScreenList(benchmark::State& state, Density density) {
  Data& d = Data::Get(static_cast<int>(state.range(0)), density);
  ScreenQueries(state, d, d.screener, [&](auto&& screen_one) {
    for (auto _ : state) screen_one();
  });
  state.SetItemsProcessed(state.iterations());
  state.counters["build_seconds"] = d.build_seconds;
  state.counters["index_mib"] = d.index_mib;
}
BENCHMARK_CAPTURE(BM_ScreenList, realistic, Density::kRealistic)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->MinTime(2.0);
BENCHMARK_CAPTURE(BM_ScreenList, dense, Density::kDense)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->MinTime(2.0);

// The first pass: a freshly built index (nothing kept of any word yet) screening the first
// queries once each (the iterations: fewer than the 100,000 queries), as a screening of a customer
// master right after `check --db` built the index. The build is not timed.
void BM_ScreenFirstPass(benchmark::State& state, Density density) {
  Data& d = Data::Get(static_cast<int>(state.range(0)), density);
  auto fresh = std::make_unique<PartyScreener>(d.names);
  ScreenQueries(state, d, *fresh, [&](auto&& screen_one) {
    for (auto _ : state) screen_one();
  });
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_ScreenFirstPass, realistic, Density::kRealistic)
    ->Arg(10000)
    ->Iterations(20000);
BENCHMARK_CAPTURE(BM_ScreenFirstPass, realistic, Density::kRealistic)
    ->Arg(100000)
    ->Iterations(20000);
BENCHMARK_CAPTURE(BM_ScreenFirstPass, realistic, Density::kRealistic)
    ->Arg(1000000)
    ->Iterations(20000);
BENCHMARK_CAPTURE(BM_ScreenFirstPass, dense, Density::kDense)->Arg(10000)->Iterations(20000);
BENCHMARK_CAPTURE(BM_ScreenFirstPass, dense, Density::kDense)->Arg(100000)->Iterations(20000);
BENCHMARK_CAPTURE(BM_ScreenFirstPass, dense, Density::kDense)->Arg(1000000)->Iterations(5000);

// Baseline: match the query against every list name (how screening must not work), on the
// first queries of the same list: all of them over the run at 10^4 parties, fewer at larger
// lists (the iterations are the sample). Each sampled query is also screened with the index,
// and `agree` is the share of them on which both give the same parties, kinds and scores.
void BM_ScreenBruteForce(benchmark::State& state, Density density) {
  Data& d = Data::Get(static_cast<int>(state.range(0)), density);
  std::vector<std::pair<int, std::string>> keys;
  for (const auto& n : d.names) {
    for (auto& k : PartyNameKeys(n.name)) keys.emplace_back(n.party, std::move(k));
  }
  size_t i = 0, agree = 0, sampled = 0;
  for (auto _ : state) {
    auto brute = BruteForce(keys, d.queries[i]);
    state.PauseTiming();
    std::map<int, std::pair<PartyMatchKind, double>> indexed;
    for (const auto& m : d.screener.Screen(d.queries[i])) indexed[m.party] = {m.kind, m.score};
    agree += indexed == brute;
    ++sampled;
    if (indexed != brute && std::getenv("CHIPGATE_BENCH_SHOW_DIFFERENCES")) {
      // The query and both answers, for analysing a disagreement (docs/performance.md).
      auto show = [](const std::map<int, std::pair<PartyMatchKind, double>>& ms) {
        std::string out;
        char item[64];
        for (const auto& [party, m] : ms) {
          std::snprintf(item, sizeof item, " %d:%d:%.6f", party, static_cast<int>(m.first),
                        m.second);
          out += item;
        }
        return out;
      };
      std::fprintf(stderr, "differs: `%s` index%s / brute force%s\n", d.queries[i].c_str(),
                   show(indexed).c_str(), show(brute).c_str());
      for (const auto& n : d.names) {
        if (indexed.count(n.party) != brute.count(n.party))
          std::fprintf(stderr, "  %d: `%s`\n", n.party, n.name.c_str());
      }
    }
    state.ResumeTiming();
    if (++i == d.queries.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["agree"] = sampled ? static_cast<double>(agree) / sampled : 0;
  state.counters["sampled"] = static_cast<double>(sampled);
}
BENCHMARK_CAPTURE(BM_ScreenBruteForce, realistic, Density::kRealistic)->Arg(10000)->MinTime(2.0);
BENCHMARK_CAPTURE(BM_ScreenBruteForce, realistic, Density::kRealistic)
    ->Arg(100000)
    ->Iterations(200);
BENCHMARK_CAPTURE(BM_ScreenBruteForce, realistic, Density::kRealistic)
    ->Arg(1000000)
    ->Iterations(40);
BENCHMARK_CAPTURE(BM_ScreenBruteForce, dense, Density::kDense)->Arg(10000)->MinTime(2.0);
BENCHMARK_CAPTURE(BM_ScreenBruteForce, dense, Density::kDense)->Arg(100000)->Iterations(200);
BENCHMARK_CAPTURE(BM_ScreenBruteForce, dense, Density::kDense)->Arg(1000000)->Iterations(40);

}  // namespace
}  // namespace chipgate::bench
