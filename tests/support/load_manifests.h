// Manifests for the tests that load one database from many writers at once (CLI processes in
// tests/concurrency, `chipgate serve` instances in tests/serve): the sample inventory's parts to
// the sample consignee, so every line is decided, and one-unit shipments under the sample license
// D6789012 (8 units, $3,200,000), so exactly eight of them can ship.
#pragma once

#include <string>

namespace chipgate::testing {

// A manifest of `lines` lines of sample parts, shipment `id` (its records' subjects name it).
inline std::string CheckManifest(const std::string& id, int lines) {
  static const char* kParts[] = {"NV-RTX4090-24G", "NV-H100-SXM5-80G", "NV-DGX-H100",
                                 "NV-A100-PCIE-80G"};
  std::string m = "shipment:\n  id: " + id +
                  "\n  date: 2025-03-01\n  consignee: {name: \"Lion City Cloud Services Pte. "
                  "Ltd.\", country: SG, headquarters: CN}\nlines:\n";
  for (int i = 0; i < lines; ++i)
    m += "  - part: " + std::string(kParts[i % 4]) + "\n    quantity: " + std::to_string(i + 1) +
         "\n";
  return m;
}

// One DGX under the sample license D6789012: eight such shipments use it up.
inline std::string ShipManifest(const std::string& id) {
  return "shipment:\n  id: " + id +
         "\n  date: 2025-03-01\n  consignee: {name: \"Lion City Cloud Services Pte. Ltd.\", "
         "country: SG, headquarters: CN}\nlines:\n  - part: NV-DGX-H100\n    quantity: 1\n    "
         "license: D6789012\n    unit_value: 400000\n";
}

}  // namespace chipgate::testing
