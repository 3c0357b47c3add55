// Synthetic but realistic benchmark data: parts drawn from the distribution of real chips
// (accelerators, consumer GPUs, CPUs, HBM stacks, servers built from them) with jittered
// figures, shipments to a weighted mix of destinations, and restricted-party name variants.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace chipgate::bench {

struct PartRow {
  std::string part_number, declared_eccn, type;
  double tpp = -1, die_area = -1, mbd = -1, io = -1;  // -1 = unknown
  int datacenter = -1;                                // -1 = unknown
  std::vector<std::pair<std::string, int>> components;
};

struct LineRow {
  std::string destination, headquarters;
  size_t part = 0;  // index into the parts
};

class DataGenerator {
 public:
  explicit DataGenerator(uint32_t seed) : rng_(seed) {}
  // `n` parts; about 5% are servers whose BOM refers to earlier parts.
  std::vector<PartRow> Parts(size_t n);
  std::vector<LineRow> Lines(size_t n, size_t parts);

 private:
  std::mt19937_64 rng_;
};

}  // namespace chipgate::bench
