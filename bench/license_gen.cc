// Benchmark data for license matching: `chipgate_bench_license_gen DIR LICENSES LINES` writes
// DIR/parts.csv and DIR/components.csv (20,000 generated parts, bench_data.h), DIR/parties.csv (a
// customer master of 2,000 parties), DIR/licenses.csv (LICENSES licenses for those parties) and
// DIR/manifest.json (one shipment of LINES lines that need a license), and DIR/ship-candidates.json
// (LINES × 3/2 lines a license covers, for `ship`). bench/run_all.py imports them into a database
// with the licenses and one without, times `check` of the manifest against each, and `ship` of the
// first LINES candidates that may ship (docs/performance.md, "Issue 14: license matching").
//
// The shipment goes to C-0001, a Singapore company headquartered in the PRC, so every datacenter
// 3A090 or 4A090 line needs a license (us-ear, ac-hq-d5). Its licenses are 40 of the LICENSES;
// the rest name other parties of the master, to the same and other destinations and classes, so
// the index's lists for the shipment's destination and classes are long (a few thousand
// licenses to SG, most of them for other parties). About a
// fifth of the lines name a license (some of them one that does not cover the line), the others
// are matched to the covering license that expires first; lines of classes the party holds no
// license for, and lines beyond the licenses' quantity, are refused.
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench_data.h"
#include "chipgate/date.h"

using chipgate::bench::DataGenerator;
using chipgate::bench::PartRow;

namespace {

// Destinations weighted as the decision bench's shipments are.
const char* const kCountries[] = {"US", "US", "DE", "DE", "JP", "JP", "GB", "FR", "KR",
                                  "TW", "IN", "IN", "SG", "SG", "MY", "AE", "SA", "VN",
                                  "CN", "CN", "HK", "IL", "BR", "NL", "IE", "CA"};
// License classes, weighted: mostly the AI chips and computers licensing is about.
const char* const kClasses[] = {"3A090.a", "3A090.a", "3A090.a", "3A090.a", "3A090.b",
                                "3A090.c", "4A090.a", "4A090.a", "4A090.a", "4A090.b",
                                "5A992.c", "5A992.c", "EAR99"};
constexpr size_t kParties = 2000;

std::mt19937_64 rng(20261206);
size_t Below(size_t n) { return rng() % n; }
template <typename T, size_t N>
const T& Pick(const T (&a)[N]) {
  return a[Below(N)];
}

std::string PartyId(size_t i) {
  char id[16];
  std::snprintf(id, sizeof id, "C-%04zu", i + 1);
  return id;
}
std::string PartyName(size_t i) { return "Bench Party " + std::to_string(i + 1) + " Ltd"; }

std::string DateText(int days) { return chipgate::FormatDate(chipgate::Date{days}); }
constexpr int k2022 = 18993;     // 2022-01-01
constexpr int kShipDay = 20150;  // 2025-03-03, the shipment's date

struct LicenseRow {
  std::string number, classes, destinations, consignee, end_user, quantity, value;
  int from = 0, until = 0;
};

void WriteLicense(std::ofstream& out, const LicenseRow& l) {
  out << l.number << ',' << l.classes << ',' << l.destinations << ',' << l.consignee << ','
      << l.end_user << ',' << l.quantity << ',' << l.value << ',' << DateText(l.from) << ','
      << DateText(l.until) << ",generated for the benchmark\n";
}

// A license for some party of the master: one class in five licenses two, one in five goes to
// two or three countries; validity of one to four years starting 2022 to 2026.
LicenseRow OtherLicense(size_t i, const std::vector<std::string>& country_of) {
  LicenseRow l;
  l.number = "D" + std::to_string(2000000 + i);
  l.classes = Pick(kClasses);
  if (Below(5) == 0) {
    std::string second = Pick(kClasses);
    if (second != l.classes) l.classes += ";" + second;
  }
  size_t party = 1 + Below(kParties - 1);  // never C-0001, the shipment's party
  l.destinations = country_of[party];
  for (size_t extra = Below(5) == 0 ? 1 + Below(2) : 0; extra > 0; --extra) {
    std::string c = Pick(kCountries);
    if (l.destinations.find(c) == std::string::npos) l.destinations += ";" + c;
  }
  // A license names its consignee (by id mostly, by name sometimes); the end user is the same
  // party or, in one license in five, any.
  l.consignee = Below(10) ? PartyId(party) : PartyName(party);
  l.end_user = Below(5) ? l.consignee : "";
  if (Below(2)) l.quantity = std::to_string(10 + Below(990));
  if (Below(10) < 7) l.value = std::to_string(100000 + Below(50000000));
  l.from = k2022 + static_cast<int>(Below(5 * 365));
  l.until = l.from + 365 * (1 + static_cast<int>(Below(4))) - 1;
  return l;
}

// The shipment party's own licenses: `n` of them to SG, for 3A090.a, 3A090.b and 4A090.a (never
// 3A090.c), a fifth of them expired or not yet valid on the ship date, a few with room for only a
// few units.
std::vector<LicenseRow> ShipperLicenses(size_t n) {
  const char* const classes[] = {"3A090.a", "3A090.a;4A090.a", "4A090.a", "3A090.b"};
  std::vector<LicenseRow> out;
  for (size_t i = 0; i < n; ++i) {
    LicenseRow l;
    l.number = "D1" + std::to_string(100000 + i);
    l.classes = classes[i % 4];
    l.destinations = "SG";
    l.consignee = i % 3 ? "C-0001" : "Bench Party 1 Ltd.";
    l.end_user = i % 2 ? "C-0001" : "";
    l.quantity = i % 7 == 0 ? "3" : std::to_string(200 + Below(800));
    l.value = std::to_string(10000000 + Below(40000000));
    int start = kShipDay - 700 + static_cast<int>(Below(900));
    if (i % 5 == 0) start = i % 10 ? kShipDay - 1100 : kShipDay + 30;  // expired / not yet valid
    l.from = start;
    l.until = start + 730;
    out.push_back(l);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: chipgate_bench_license_gen DIR LICENSES LINES\n");
    return 2;
  }
  std::string dir = argv[1];
  size_t n_licenses = std::stoul(argv[2]), n_lines = std::stoul(argv[3]);
  auto parts = DataGenerator(20261206).Parts(20000);
  std::ofstream p(dir + "/parts.csv"), c(dir + "/components.csv");
  p << "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter,memory_bandwidth_density,io_"
       "bandwidth_gbs\n";
  c << "parent,child,quantity\n";
  auto num = [](double v) { return v < 0 ? std::string() : std::to_string(v); };
  for (const PartRow& r : parts) {
    p << r.part_number << ',' << r.declared_eccn << ',' << r.type << ',' << num(r.tpp) << ','
      << num(r.die_area) << ','
      << (r.datacenter < 0 ? ""
          : r.datacenter   ? "true"
                           : "false")
      << ',' << num(r.mbd) << ',' << num(r.io) << '\n';
    for (const auto& [child, qty] : r.components)
      c << r.part_number << ',' << child << ',' << qty << '\n';
  }
  // The customer master: C-0001 is the shipment's party; the others are spread over the
  // countries, one in ten headquartered in the PRC.
  std::vector<std::string> country_of(kParties);
  std::ofstream m(dir + "/parties.csv");
  m << "party_id,name,aliases,country,headquarters,parent,parent_headquarters,note\n";
  for (size_t i = 0; i < kParties; ++i) {
    country_of[i] = i == 0 ? "SG" : Pick(kCountries);
    std::string hq = i == 0 || Below(10) == 0 ? "CN" : country_of[i];
    m << PartyId(i) << ',' << PartyName(i) << ",," << country_of[i] << ',' << hq
      << ",,,generated\n";
  }
  std::ofstream l(dir + "/licenses.csv");
  l << "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
       "valid_until,conditions\n";
  std::vector<LicenseRow> own = ShipperLicenses(std::min<size_t>(40, n_licenses));
  // And one without limits that expires last, so a shipment of any size can be covered: the
  // matcher takes it only when every license expiring earlier is used up (`ship`'s manifest).
  own.push_back({"D1199999", "3A090.a;3A090.b;4A090.a", "SG", "C-0001", "C-0001", "", "",
                 kShipDay - 30, kShipDay + 1500});
  for (const LicenseRow& row : own) WriteLicense(l, row);
  for (size_t i = own.size(); i < n_licenses; ++i) WriteLicense(l, OtherLicense(i, country_of));
  // The lines: datacenter accelerators (3A090.a, .b), HBM stacks (3A090.c: the party holds no
  // license for it) and servers (4A090.a), one to four units each.
  std::vector<size_t> needing;
  for (size_t i = 0; i < parts.size(); ++i) {
    const PartRow& r = parts[i];
    bool accelerator =
        r.type == "ic" && r.datacenter == 1 && r.declared_eccn.rfind("3A090", 0) == 0;
    bool hbm = r.type == "memory" && r.declared_eccn == "3A090.c";
    if (accelerator || r.type == "computer" || (hbm && Below(4) == 0)) needing.push_back(i);
  }
  std::ofstream j(dir + "/manifest.json");
  j << "{\"shipment\": {\"id\": \"BENCH-LICENSES\", \"date\": \"" << DateText(kShipDay)
    << "\", \"consignee\": {\"id\": \"C-0001\", \"name\": \"Bench Party 1 Ltd\", \"country\": "
       "\"SG\", \"headquarters\": \"CN\"}},\n \"lines\": [";
  for (size_t i = 0; i < n_lines; ++i) {
    const PartRow& r = parts[needing[Below(needing.size())]];
    j << (i ? ",\n  " : "\n  ") << "{\"part\": \"" << r.part_number
      << "\", \"quantity\": " << 1 + Below(4);
    if (Below(10)) j << ", \"unit_value\": " << 2000 + Below(40000);
    // One line in five names a license of the party's: which may be expired, not yet valid, for
    // another class, or used up by the lines before it.
    if (Below(5) == 0) j << ", \"license\": \"" << own[Below(own.size())].number << '"';
    j << '}';
  }
  j << "]}\n";
  // For `ship`: accelerators and servers only (no HBM, which no license of the party covers), no
  // license named, a unit value on every line (value-limited licenses need it). Some lines are
  // still held (a part whose data is incomplete is review); run_all.py keeps LINES that may ship.
  std::ofstream s(dir + "/ship-candidates.json");
  s << "{\"shipment\": {\"id\": \"BENCH-SHIP\", \"date\": \"" << DateText(kShipDay)
    << "\", \"consignee\": {\"id\": \"C-0001\"}},\n \"lines\": [";
  size_t written = 0;
  for (size_t tries = 0; written < n_lines * 3 / 2 && tries < n_lines * 100; ++tries) {
    const PartRow& r = parts[needing[Below(needing.size())]];
    if (r.type == "memory") continue;
    s << (written++ ? ",\n  " : "\n  ") << "{\"part\": \"" << r.part_number
      << "\", \"quantity\": " << 1 + Below(4) << ", \"unit_value\": " << 2000 + Below(40000) << '}';
  }
  s << "]}\n";
  return 0;
}
