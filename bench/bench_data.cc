// Benchmark data generator: templates from real products (docs: db/sample/parts.csv), with
// figures jittered by up to +-10% so that caching identical parts does not make the audit trivial.
#include "bench_data.h"

#include <cmath>

namespace chipgate::bench {
namespace {

struct Template {
  const char* name;
  const char* type;
  double tpp, area;
  int dc;
  double mbd, io;
  const char* eccn;
  int weight;
};

const Template kTemplates[] = {
    {"H100", "ic", 15832, 814, 1, -1, 900, "3A090.a", 8},
    {"A100", "ic", 4992, 826, 1, -1, 600, "3A090.a", 6},
    {"L40S", "ic", 5864, 608.5, 1, -1, 64, "3A090.a", 5},
    {"L40", "ic", 2897, 608.5, 1, -1, 64, "3A090.b", 5},
    {"L4", "ic", 1940, 294.5, 1, -1, 64, "3A090.a", 4},
    {"A10", "ic", 2000, 628.4, 1, -1, 64, "EAR99", 4},
    {"T4", "ic", 1040, 545, 1, -1, 32, "EAR99", 4},
    {"RTX4090", "ic", 5285, 608.5, 0, -1, 64, "3A090.a", 8},
    {"RTX4080", "ic", 3119, 378.6, 0, -1, 64, "EAR99", 8},
    {"RTX4060", "ic", 968, 159, 0, -1, 32, "EAR99", 10},
    {"MI300X", "ic", 20919, 1017, 1, -1, 1024, "3A090.a", 4},
    {"GAUDI3", "ic", 29360, -1, 1, -1, 1328, "3A090.a", 2},
    {"XEON", "ic", 350, 1600, 1, -1, 128, "5A992.c", 10},
    {"HBM3E", "memory", -1, -1, 1, 9.5, -1, "3A090.c", 5},
    {"DDR5", "memory", -1, -1, 1, 0.4, -1, "EAR99", 8},
    {"NIC", "other", -1, -1, 1, -1, -1, "5A992.c", 9},
};

const char* const kDestinations[] = {"US", "US", "US", "DE", "DE", "JP", "JP", "GB", "FR",
                                     "KR", "TW", "IN", "IN", "SG", "SG", "MY", "AE", "SA",
                                     "VN", "CN", "CN", "CN", "HK", "MO", "IL", "BR"};

}  // namespace

std::vector<PartRow> DataGenerator::Parts(size_t n) {
  int total = 0;
  for (const auto& t : kTemplates) total += t.weight;
  std::uniform_int_distribution<int> pick(0, total - 1);
  std::uniform_real_distribution<double> jitter(0.9, 1.1);
  std::vector<PartRow> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    PartRow p;
    char id[32];
    std::snprintf(id, sizeof id, "P%08zu", i);
    p.part_number = id;
    if (i > 64 && i % 20 == 0) {  // a server built from earlier parts
      p.type = "computer";
      p.datacenter = 1;
      p.declared_eccn = "4A090.a";
      std::uniform_int_distribution<size_t> earlier(0, i - 1);
      p.components.push_back({out[earlier(rng_)].part_number, 8});
      p.components.push_back({out[earlier(rng_)].part_number, 2});
      out.push_back(std::move(p));
      continue;
    }
    int r = pick(rng_);
    const Template* t = kTemplates;
    while (r >= t->weight) r -= (t++)->weight;
    p.type = t->type;
    p.declared_eccn = t->eccn;
    p.datacenter = t->dc;
    double j = jitter(rng_);
    if (t->tpp >= 0) p.tpp = static_cast<double>(static_cast<int64_t>(t->tpp * j));
    if (t->area >= 0) p.die_area = t->area;
    if (t->mbd >= 0)
      p.mbd = std::round(t->mbd * j * 100) / 100;  // two decimals, as datasheets give it
    if (t->io >= 0) p.io = t->io;
    if (i % 97 == 0) p.die_area = -1;  // some missing data
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<LineRow> DataGenerator::Lines(size_t n, size_t parts) {
  std::uniform_int_distribution<size_t> part(0, parts - 1);
  std::uniform_int_distribution<size_t> dest(0, std::size(kDestinations) - 1);
  std::vector<LineRow> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string d = kDestinations[dest(rng_)];
    std::string hq = (i % 11 == 0) ? "CN" : d;
    out.push_back({d, hq, part(rng_)});
  }
  return out;
}

}  // namespace chipgate::bench
