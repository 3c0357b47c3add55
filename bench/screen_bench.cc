// Party screening at scale: 10,000 listed parties with aliases, 100,000 query names (planted
// variants of listed names and unrelated names). Reports names/s for the indexed screener and,
// as the baseline, for brute-force scoring of every list name; recall of planted variants and
// the rate of unrelated names flagged are reported as counters.
#include <map>
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "compile/compiler.h"
#include "compile/party_screen.h"

namespace chipgate::bench {
namespace {

const char* const kSyllables[] = {"hua", "wei", "zhong", "xin", "tian", "long", "jing", "sheng", "guo", "hai", "kang",
                                  "rui", "tong", "yuan", "feng", "ming", "bao", "chen", "da", "jin", "xun", "yi",
                                  "ke", "li", "nan", "shan", "tai", "wu", "xiang", "yun"};
const char* const kWords[] = {"Technology", "Electronics", "Semiconductor", "Computing", "Information", "Industry",
                              "Microelectronics", "Trading", "Systems", "Research Institute", "Intelligent", "Data"};
const char* const kForms[] = {"Co., Ltd.", "Limited", "Corporation", "Inc.", "GmbH", "Pte. Ltd.", ""};
const char* const kCities[] = {"Beijing", "Shanghai", "Shenzhen", "Tianjin", "Wuhan", "Chengdu", "Hefei", "Xi'an"};

struct Data {
  std::vector<PartyName> names;
  std::vector<std::string> forms;  // the legal form each name ends with ("" for none)
  std::vector<std::string> queries;
  std::vector<int> planted;  // party index for a planted variant, -1 for unrelated
  PartyScreener screener;

  // The headline list: 10,000 parties (about 15,000 names with aliases). Get(n) builds one per size.
  static Data& Get(int n_parties = 10000) {
    static std::map<int, Data> lists;
    auto it = lists.find(n_parties);
    if (it == lists.end()) it = lists.emplace(n_parties, Make(n_parties)).first;
    return it->second;
  }

  static std::string Word(std::mt19937& rng) {
    std::string w;
    int n = 2 + static_cast<int>(rng() % 2);
    for (int i = 0; i < n; ++i) w += kSyllables[rng() % std::size(kSyllables)];
    w[0] = static_cast<char>(std::toupper(w[0]));
    return w;
  }

  // A realistic written variant: case, punctuation, legal form, a typo, a split word, word order
  // (the words of the name reordered, the legal form staying at the end).
  static std::string Variant(const std::string& name, const std::string& form, std::mt19937& rng) {
    std::string v = name;
    switch (rng() % 5) {
      case 0: for (auto& c : v) c = static_cast<char>(std::toupper(c)); break;
      case 1: { size_t p = v.find(' '); if (p != std::string::npos && p > 3) std::swap(v[p - 2], v[p - 3]); break; }  // transposed letters
      case 2: { size_t p = v.find(','); if (p != std::string::npos) v = v.substr(0, p); break; }
      case 3: {
        std::string base = form.empty() ? v : v.substr(0, v.size() - form.size() - 1);
        size_t p = base.find(' ');
        if (p != std::string::npos) v = base.substr(p + 1) + " " + base.substr(0, p) + (form.empty() ? "" : " " + form);
        break;
      }
      default: { size_t p = v.find(' '); if (p != std::string::npos && p > 4) v.insert(p - 3, " "); break; }  // split word
    }
    return v;
  }

  static Data Make(int n_parties) {
    Data d;
    std::mt19937 rng(7);
    for (int p = 0; p < n_parties; ++p) {
      std::string base = Word(rng) + " " + kWords[rng() % std::size(kWords)];
      if (rng() % 2) base = std::string(kCities[rng() % std::size(kCities)]) + " " + base;
      std::string form = kForms[rng() % std::size(kForms)];
      d.names.push_back({p, form.empty() ? base : base + " " + form});
      d.forms.push_back(form);
      if (rng() % 2) {  // an alias
        d.names.push_back({p, Word(rng) + " " + kWords[rng() % std::size(kWords)]});
        d.forms.push_back("");
      }
    }
    d.screener = PartyScreener(d.names);
    for (int q = 0; q < 100000; ++q) {
      if (q % 2 == 0) {
        size_t k = rng() % d.names.size();
        const PartyName& n = d.names[k];
        d.queries.push_back(Variant(n.name, d.forms[k], rng));
        d.planted.push_back(n.party);
      } else {
        d.queries.push_back(std::string("Nordic ") + kWords[rng() % std::size(kWords)] + " Partners " + std::to_string(q) + " AB");
        d.planted.push_back(-1);
      }
    }
    return d;
  }
};

void BM_ScreenIndexed(benchmark::State& state) {
  Data& d = Data::Get();
  size_t i = 0, found = 0, planted = 0, false_hits = 0, unrelated = 0;
  for (auto _ : state) {
    auto matches = d.screener.Screen(d.queries[i]);
    if (d.planted[i] >= 0) {
      ++planted;
      for (const auto& m : matches) found += m.party == d.planted[i];
    } else {
      ++unrelated;
      false_hits += !matches.empty();
    }
    if (++i == d.queries.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["recall"] = planted ? static_cast<double>(found) / planted : 0;
  state.counters["false_review_rate"] = unrelated ? static_cast<double>(false_hits) / unrelated : 0;
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

// Baseline: score the query against every list name (how screening must not work).
void BM_ScreenBruteForce(benchmark::State& state) {
  Data& d = Data::Get();
  std::vector<std::string> keys;
  for (const auto& n : d.names) keys.push_back(NormalizePartyName(n.name));
  size_t i = 0;
  for (auto _ : state) {
    std::string q = NormalizePartyName(d.queries[i]);
    int hits = 0;
    for (const auto& k : keys) hits += PartyNameSimilarity(q, k) >= kPartyMatchThreshold;
    benchmark::DoNotOptimize(hits);
    if (++i == d.queries.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScreenBruteForce)->MinTime(2.0);

}  // namespace
}  // namespace chipgate::bench
