// Benchmark data files: `chipgate_bench_gen DIR PARTS LINES` writes DIR/parts.csv,
// DIR/components.csv (the inventory), DIR/manifest.yaml and DIR/manifest.json (the same LINES
// lines naming those parts, as YAML and as JSON) and DIR/lines.jsonl (the same lines with their
// technical data, for the Cedar baseline).
#include <cstdio>
#include <fstream>
#include <string>

#include "bench_data.h"

using chipgate::bench::DataGenerator;

namespace {

std::string Num(double v) {
  if (v < 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: chipgate_bench_gen DIR PARTS LINES\n");
    return 2;
  }
  std::string dir = argv[1];
  size_t n_parts = std::stoul(argv[2]), n_lines = std::stoul(argv[3]);
  DataGenerator gen(20261129);
  auto parts = gen.Parts(n_parts);
  std::ofstream p(dir + "/parts.csv"), c(dir + "/components.csv");
  p << "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter,memory_bandwidth_density,io_"
       "bandwidth_gbs\n";
  c << "parent,child,quantity\n";
  for (const auto& r : parts) {
    p << r.part_number << ',' << r.declared_eccn << ',' << r.type << ',' << Num(r.tpp) << ','
      << Num(r.die_area) << ','
      << (r.datacenter < 0 ? ""
          : r.datacenter   ? "true"
                           : "false")
      << ',' << Num(r.mbd) << ',' << Num(r.io) << '\n';
    for (const auto& [child, qty] : r.components)
      c << r.part_number << ',' << child << ',' << qty << '\n';
  }
  auto lines = gen.Lines(n_lines, parts.size());
  std::ofstream m(dir + "/manifest.yaml"), mj(dir + "/manifest.json"), j(dir + "/lines.jsonl");
  m << "shipment: {id: BENCH, date: 2025-06-01, consignee: {name: Bench Customer, country: SG, "
       "headquarters: SG}}\nlines:\n";
  mj << "{\"shipment\": {\"id\": \"BENCH\", \"date\": \"2025-06-01\", \"consignee\": {\"name\": "
        "\"Bench Customer\", "
        "\"country\": \"SG\", \"headquarters\": \"SG\"}},\n \"lines\": [";
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    const auto& r = parts[l.part];
    m << "  - {part: " << r.part_number << ", quantity: 1}\n";
    mj << (i ? ",\n  " : "\n  ") << "{\"part\": \"" << r.part_number << "\", \"quantity\": 1}";
    auto jnum = [](double v) { return v < 0 ? std::string("null") : Num(v); };
    j << "{\"type\":\"" << r.type << "\",\"tpp\":" << jnum(r.tpp)
      << ",\"die_area_mm2\":" << jnum(r.die_area) << ",\"datacenter\":"
      << (r.datacenter < 0 ? "null"
          : r.datacenter   ? "true"
                           : "false")
      << ",\"memory_bandwidth_density\":" << jnum(r.mbd) << ",\"destination\":\"" << l.destination
      << "\",\"headquarters\":\"" << l.headquarters << "\"}\n";
  }
  mj << "]}\n";
  return 0;
}
