// Fail-closed property (issue 7): with the bundled us-ear pack, generated items and shipments
// have random attributes removed or corrupted. Whenever such a damaged line is decided
// `no_license_required`, every completion of the damaged values from a boundary-heavy set must be
// `no_license_required` too: a missing or invalid value was never needed for the clearance.
// A damaged line whose facts do not type-check (a resolve diagnostic) must never be allowed to
// ship. Seeded std::mt19937: failures are reproducible from the case number printed.
#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

enum class Kind { kEnum, kNumber, kBool, kCountry };

struct AttrSpec {
  const char* name;
  Kind kind;
  std::vector<std::string>
      boundary;   // completions: every threshold of classes.yaml / rules, both sides
  double lo, hi;  // range for random "real" values
};

// rules/us-ear/pack.yaml attributes; thresholds from classes.yaml, license_rules.yaml and
// exceptions.yaml (tpp 1600/2400/4800/21000; pd = tpp/die 1.6/3.2/5.92; io 600; mbd 2/3.3;
// dram 6500).
const std::vector<AttrSpec> kAttrs = {
    {"type", Kind::kEnum, {"ic", "computer", "memory", "other"}, 0, 0},
    {"tpp",
     Kind::kNumber,
     {"0", "1599", "1600", "2399", "2400", "4799", "4800", "20999", "21000", "1000000"},
     0,
     30000},
    {"die_area_mm2", Kind::kNumber, {"1", "100", "270", "800", "5000"}, 1, 1200},
    {"datacenter", Kind::kBool, {"true", "false"}, 0, 0},
    {"io_bandwidth_gbs", Kind::kNumber, {"0", "599", "600", "10000"}, 0, 1200},
    {"memory_bandwidth_density", Kind::kNumber, {"0", "2", "2.01", "3.29", "3.3", "10"}, 0, 6},
    {"dram_bandwidth_gbs", Kind::kNumber, {"0", "6499", "6500", "100000"}, 0, 9000},
};

// Destinations and headquarters: D:1, D:4, D:5 (with dated members), A:5, A:6, PRC, Macau,
// embargoed and sanctioned countries, others.
const std::vector<std::string> kCountries = {
    "CN", "HK", "MO", "RU", "BY", "VE", "KH", "NI", "CY", "VN", "KZ", "AM", "AE", "SA", "IL",
    "SG", "TW", "BR", "DE", "JP", "IN", "GB", "US", "MY", "TH", "IR", "KP", "SY", "CU"};

// Corrupt texts per kind: each must be rejected by the resolver (E503/E504).
const std::vector<std::string> kBadNumbers = {"abc",  "-5",    "NaN",  "nan",  "",  "inf",
                                              "-inf", "1e400", "12,5", "0x10", " 7"};
const std::vector<std::string> kBadBools = {"yes", "1", "", "TRUE", "no"};
const std::vector<std::string> kBadEnums = {"IC", "gpu", "", "memory ", "Computer"};
const std::vector<std::string> kBadCountries = {"XX", "cn", "C1", "CHN", "UK"};

const AttrSpec& Attr(const std::string& name) {
  for (const auto& a : kAttrs) {
    if (name == a.name) return a;
  }
  FAIL("no attribute " << name);
  return kAttrs[0];
}

// A complete generated item: every attribute known; components for computers.
struct GenItem {
  std::string part;
  std::vector<std::pair<std::string, std::string>> attrs;
  std::vector<GenItem> components;
  bool listed =
      false;  // `components` is the whole bill of materials even when empty (`components: []`)
};

struct GenShipment {
  Date date;
  std::string destination, headquarters, parent_headquarters, end_use;
};

// Where a damaged value sits: an attribute of the item at `path` (indices into components), or a
// shipment fact ("destination", "headquarters").
struct Damage {
  std::vector<size_t> path;
  std::string attr;
  bool shipment = false;
  bool corrupt = false;  // false: removed
  std::string text;      // the corrupt text
};

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  size_t Index(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Index(v.size())];
  }
  std::mt19937& rng() { return rng_; }

  std::string Value(const AttrSpec& a) {
    if (a.kind != Kind::kNumber || Chance(0.6)) return Pick(a.boundary);
    std::ostringstream os;
    os << std::uniform_real_distribution<double>(a.lo, a.hi)(rng_);
    return os.str();
  }

  GenItem Item(const std::string& type, int depth) {
    GenItem item;
    item.part = "P" + std::to_string(counter_++);
    for (const auto& a : kAttrs)
      item.attrs.emplace_back(a.name, std::string(a.name) == "type" ? type : Value(a));
    if (type == "computer" && depth < 2) {
      size_t n = 1 + Index(3);
      for (size_t i = 0; i < n; ++i)
        item.components.push_back(
            Item(Pick<std::string>({"ic", "ic", "memory", "other", "computer"}), depth + 1));
    }
    return item;
  }

  GenItem Item() {
    return Item(
        Pick<std::string>({"ic", "ic", "ic", "ic", "computer", "computer", "memory", "other"}), 0);
  }

  GenShipment Shipment() {
    // Every cut date of the pack and the day before (the coverage start too, and a date long before
    // it), plus random days from 2022-06 to 2026-11.
    static const std::vector<std::string> kCuts = {
        "2002-06-01", "2021-12-31", "2022-01-01", "2022-10-06", "2022-10-07", "2023-01-16",
        "2023-01-17", "2023-11-16", "2023-11-17", "2024-03-14", "2024-03-15", "2024-04-03",
        "2024-04-04", "2024-05-29", "2024-05-30", "2024-12-01", "2024-12-02", "2025-01-12",
        "2025-01-13", "2025-09-01", "2025-09-02", "2026-01-14", "2026-01-15", "2026-02-02",
        "2026-02-03", "2026-11-29"};
    GenShipment s;
    if (Chance(0.4)) {
      s.date = *ParseDate(Pick(kCuts));
    } else {
      Date from = *ParseDate("2022-06-01"), to = *ParseDate("2026-11-29");
      s.date = Date{std::uniform_int_distribution<int32_t>(from.days, to.days)(rng_)};
    }
    s.destination = Pick(kCountries);
    s.headquarters = Chance(0.5) ? s.destination : Pick(kCountries);
    s.parent_headquarters = Chance(0.7) ? "" : Pick(kCountries);
    // Declared end uses in other spellings, and end uses the pack does not know (always held).
    s.end_use = Pick<std::string>(
        {"", "", "", "", "", "", "Supercomputer", "advanced_node_IC_production", "research"});
    return s;
  }

 private:
  std::mt19937 rng_;
  int counter_ = 0;
};

GenItem& At(GenItem& root, const std::vector<size_t>& path) {
  GenItem* p = &root;
  for (size_t i : path) p = &p->components[i];
  return *p;
}

void AllPaths(const GenItem& item, std::vector<size_t>& path,
              std::vector<std::vector<size_t>>& out) {
  out.push_back(path);
  for (size_t i = 0; i < item.components.size(); ++i) {
    path.push_back(i);
    AllPaths(item.components[i], path, out);
    path.pop_back();
  }
}

// Removes or replaces the attribute `name`; "" removes it.
void SetAttr(GenItem& item, const std::string& name, const std::optional<std::string>& text) {
  for (size_t i = 0; i < item.attrs.size(); ++i) {
    if (item.attrs[i].first != name) continue;
    if (text) {
      item.attrs[i].second = *text;
    } else {
      item.attrs.erase(item.attrs.begin() + static_cast<std::ptrdiff_t>(i));
    }
    return;
  }
  if (text) item.attrs.emplace_back(name, *text);
}

ItemFacts ToFacts(const GenItem& g) {
  ItemFacts f;
  f.part = g.part;
  f.quantity = 4;
  f.has_specs = true;  // even with every attribute removed, specs were given (all unknown)
  for (const auto& [name, text] : g.attrs) f.Set(name, text);
  for (const auto& c : g.components) f.components.push_back(ToFacts(c));
  if (g.listed) f.contents = ContentsState::kListed;
  return f;
}

ShipmentFacts ToFacts(const GenShipment& g) {
  ShipmentFacts s;
  s.id = "SO-PROP";
  s.date = g.date;
  s.consignee = PartyFacts::Of("", "SG", "SG", "");  // no names: party screening is not under test
  s.end_user = PartyFacts::Of("", g.destination, g.headquarters, g.parent_headquarters);
  s.end_use = g.end_use;
  return s;
}

struct Line {
  GenShipment shipment;
  GenItem item;
};

// Applies the damages to a copy; corrupt values get their text, removed ones disappear.
Line Damaged(const Line& complete, const std::vector<Damage>& damages) {
  Line out = complete;
  for (const auto& d : damages) {
    std::optional<std::string> text;
    if (d.corrupt) text = d.text;
    if (d.shipment) {
      (d.attr == "destination" ? out.shipment.destination : out.shipment.headquarters) =
          text.value_or("");
    } else {
      SetAttr(At(out.item, d.path), d.attr, text);
    }
  }
  return out;
}

const std::vector<std::string>& Completions(const Damage& d) {
  return d.shipment ? kCountries : Attr(d.attr).boundary;
}

std::string Describe(const Line& l, const std::vector<Damage>& damages) {
  std::ostringstream os;
  os << "date " << FormatDate(l.shipment.date) << " dest `" << l.shipment.destination << "` hq `"
     << l.shipment.headquarters << "` parent `" << l.shipment.parent_headquarters << "` end_use `"
     << l.shipment.end_use << "`\n";
  std::function<void(const GenItem&, int)> item = [&](const GenItem& g, int depth) {
    os << std::string(2 * depth, ' ') << g.part << ":";
    for (const auto& [n, v] : g.attrs) os << " " << n << "=`" << v << "`";
    os << "\n";
    for (const auto& c : g.components) item(c, depth + 1);
  };
  item(l.item, 0);
  for (const auto& d : damages) {
    os << "damage: " << (d.corrupt ? "corrupt " : "remove ") << d.attr;
    if (!d.shipment) {
      os << " at [";
      for (size_t i : d.path) os << i << " ";
      os << "]";
    }
    if (d.corrupt) os << " -> `" << d.text << "`";
    os << "\n";
  }
  return os.str();
}

struct Stats {
  int lines = 0, damaged_nlr = 0, damaged_may_ship = 0, damaged_held = 0, with_diags = 0,
      completions = 0;
};

constexpr size_t kMaxCompletions = 400;  // beyond this, a seeded sample of the completion grid

// Decides every completion of `damages` (or a sample of them); each must satisfy `ok`.
template <typename Ok>
void ForEachCompletion(const Engine& engine, const Line& complete,
                       const std::vector<Damage>& damages, Generator& gen, Stats& stats,
                       const std::function<std::string()>& where, const char* property, Ok ok) {
  size_t total = 1;
  for (const auto& d : damages) total *= Completions(d).size();
  size_t n = std::min(total, kMaxCompletions);
  for (size_t k = 0; k < n; ++k) {
    size_t code = total <= kMaxCompletions ? k : gen.Index(total);
    Line filled = complete;
    std::ostringstream chosen;
    for (const auto& d : damages) {
      const auto& values = Completions(d);
      const std::string& v = values[code % values.size()];
      code /= values.size();
      chosen << d.attr << "=" << v << " ";
      if (d.shipment) {
        (d.attr == "destination" ? filled.shipment.destination : filled.shipment.headquarters) = v;
      } else {
        SetAttr(At(filled.item, d.path), d.attr, v);
      }
    }
    std::vector<Diagnostic> diags;
    ShipmentFacts s = ToFacts(filled.shipment);
    ItemFacts i = ToFacts(filled.item);
    ResolvedShipment rs = engine.ResolveShipment(s, diags);
    ResolvedItem ri = engine.ResolveItem(i, diags);
    if (!diags.empty())
      FAIL("completion " << chosen.str() << "does not resolve: " << RenderDiagnostics(diags));
    LineDecision d;
    engine.Decide(rs, ri, d);
    // A completion whose declared value its own components contradict (`datacenter: false` over a
    // datacenter IC) is not a state the item can be in: it is `review` for that reason alone.
    bool contradicts = false;
    for (const auto& r : d.reasons) contradicts |= r.rule == "contents-contradiction";
    if (contradicts) continue;
    ++stats.completions;
    if (!ok(d.decision)) {
      FAIL_CHECK(
          property << ": completion " << chosen.str() << "gives " << DecisionName(d.decision)
                   << " ("
                   << (d.reasons.empty() ? std::string() : std::string(d.reasons.front().rule))
                   << ")\n"
                   << where());
      return;
    }
  }
}

Stats RunProperty(uint32_t seed, int lines) {
  auto loaded = Engine::Load(SourcePath("rules/us-ear"));
  INFO(RenderDiagnostics(loaded.diagnostics));
  REQUIRE(loaded.engine.has_value());
  const Engine& engine = *loaded.engine;
  Generator gen(seed);
  Stats stats;
  for (int n = 0; n < lines; ++n) {
    Line complete{gen.Shipment(), gen.Item()};
    {  // the generator only makes valid complete facts
      std::vector<Diagnostic> diags;
      engine.ResolveShipment(ToFacts(complete.shipment), diags);
      engine.ResolveItem(ToFacts(complete.item), diags);
      if (!diags.empty()) FAIL("generated facts do not resolve: " << RenderDiagnostics(diags));
    }
    std::vector<std::vector<size_t>> paths;
    std::vector<size_t> path;
    AllPaths(complete.item, path, paths);
    std::vector<Damage> damages;
    size_t count = 1 + gen.Index(3);
    bool corrupted = false;
    for (size_t k = 0; k < count; ++k) {
      Damage d;
      d.corrupt = gen.Chance(0.3);
      if (gen.Chance(0.2)) {
        d.shipment = true;
        d.attr = gen.Chance(0.5) ? "destination" : "headquarters";
        d.text = gen.Pick(kBadCountries);
      } else {
        d.path = gen.Pick(paths);
        const AttrSpec& a = gen.Pick(kAttrs);
        d.attr = a.name;
        d.text = gen.Pick(a.kind == Kind::kNumber ? kBadNumbers
                          : a.kind == Kind::kBool ? kBadBools
                                                  : kBadEnums);
        if (d.attr == "die_area_mm2" && d.corrupt && gen.Chance(0.3))
          d.text = gen.Pick<std::string>({"0", "-0", "-1"});
      }
      bool duplicate = false;
      for (const auto& e : damages)
        duplicate |= e.shipment == d.shipment && e.attr == d.attr && e.path == d.path;
      if (duplicate) continue;
      corrupted |= d.corrupt;
      damages.push_back(d);
    }
    Line damaged = Damaged(complete, damages);
    auto where = [&] {
      return "line " + std::to_string(n) + " (seed " + std::to_string(seed) + ")\n" +
             Describe(complete, damages);
    };
    ShipmentFacts s = ToFacts(damaged.shipment);
    ItemFacts item = ToFacts(damaged.item);
    std::vector<Diagnostic> diags;
    ResolvedShipment rs = engine.ResolveShipment(s, diags);
    ResolvedItem ri = engine.ResolveItem(item, diags);
    // Every corrupt value is a resolve error; a removed one is not.
    if (diags.empty() == corrupted)
      FAIL(where() << "corrupted " << corrupted
                   << " but diagnostics: " << RenderDiagnostics(diags));
    LineDecision raw;
    engine.Decide(rs, ri, raw);
    ++stats.lines;
    if (corrupted) {
      ++stats.with_diags;
      // What `check` would do is refuse the manifest (exit 2); the library's one-call Decide holds
      // it.
      LineDecision held = engine.Decide(s, item);
      if (MayShip(held.decision)) {
        FAIL_CHECK(where() << "a line with invalid facts may ship: " << DecisionName(held.decision)
                           << "\n"
                           << RenderDiagnostics(diags));
      }
    }
    // The raw decision treats corrupt values as unknown; the property covers them as well.
    if (raw.decision == DecisionKind::kNoLicenseRequired) {
      ++stats.damaged_nlr;
      ForEachCompletion(engine, complete, damages, gen, stats, where,
                        "no_license_required without the damaged data",
                        [](DecisionKind k) { return k == DecisionKind::kNoLicenseRequired; });
    } else if (MayShip(raw.decision)) {
      // An exception found without the data must hold for every completion as well.
      ++stats.damaged_may_ship;
      ForEachCompletion(engine, complete, damages, gen, stats, where,
                        "may ship without the damaged data",
                        [](DecisionKind k) { return MayShip(k); });
    } else {
      ++stats.damaged_held;
    }
  }
  return stats;
}

LineDecision DecideLine(const Engine& engine, const GenShipment& shipment, const GenItem& item) {
  std::vector<Diagnostic> diags;
  ResolvedShipment rs = engine.ResolveShipment(ToFacts(shipment), diags);
  ResolvedItem ri = engine.ResolveItem(ToFacts(item), diags);
  if (!diags.empty()) FAIL("generated facts do not resolve: " << RenderDiagnostics(diags));
  LineDecision d;
  engine.Decide(rs, ri, d);
  return d;
}

}  // namespace

// Issue 11: a computer whose bill of materials is dropped (no `components` at all) is damaged
// data like a removed attribute: whatever the shipment, it is held (`review` naming the missing
// bill of materials, or something stronger), never allowed to ship on what it might not contain.
TEST_CASE("ComputersWithoutABillOfMaterialsAreNeverCleared", "[reliability][property]") {
  auto loaded = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(loaded.engine.has_value());
  const Engine& engine = *loaded.engine;
  Generator gen(20261206);
  int held = 0, named = 0;
  for (int n = 0; n < 600; ++n) {
    GenShipment shipment = gen.Shipment();
    GenItem computer = gen.Item("computer", 0);
    computer.components.clear();
    computer.listed = false;
    LineDecision d = DecideLine(engine, shipment, computer);
    if (MayShip(d.decision)) {
      FAIL_CHECK("a computer without a bill of materials may ship: "
                 << DecisionName(d.decision) << "\n"
                 << Describe(Line{shipment, computer}, {}));
      continue;
    }
    ++held;
    // Held for its unknown contents (or for something stronger: a party, an embargo).
    bool says_why = d.decision != DecisionKind::kReview;
    for (const auto& r : d.reasons) says_why |= r.rule == "bill-of-materials";
    named += says_why;
  }
  CHECK(held == 600);
  CHECK(named == 600);
}

// Issue 11: a container whose declared type (ic, memory) or `datacenter: false` its contents
// contradict is never allowed to ship, whatever the shipment and the rest of its data.
TEST_CASE("ContainersContradictedByTheirContentsAreNeverCleared", "[reliability][property]") {
  auto loaded = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(loaded.engine.has_value());
  const Engine& engine = *loaded.engine;
  Generator gen(20261207);
  GenItem h100{"H100",
               {{"type", "ic"}, {"tpp", "15832"}, {"die_area_mm2", "814"}, {"datacenter", "true"}},
               {},
               true};
  int held = 0;
  for (int n = 0; n < 600; ++n) {
    GenShipment shipment = gen.Shipment();
    // Before 2022-10-07 no 3A090/4A090 class exists, so a declared type cannot contradict one.
    shipment.date = std::max(shipment.date, *ParseDate("2022-10-07"));
    std::string type = gen.Pick<std::string>({"ic", "memory", "computer", "other"});
    GenItem box = gen.Item(type, 2);  // depth 2: no generated components
    // ic and memory contradict any H100 inside; computer and other contradict it by `datacenter:
    // false`.
    if (type == "computer" || type == "other" || gen.Chance(0.5))
      SetAttr(box, "datacenter", std::string("false"));
    GenItem inner = h100;
    if (gen.Chance(0.3)) inner = GenItem{"BOARD", {{"type", "other"}}, {h100}, true};
    box.components = {inner};
    box.listed = true;
    LineDecision d = DecideLine(engine, shipment, box);
    if (MayShip(d.decision)) {
      FAIL_CHECK("a contradicted container " << DecisionName(d.decision) << "\n"
                                             << Describe(Line{shipment, box}, {}));
      break;
    }
    ++held;
  }
  CHECK(held == 600);
}

TEST_CASE("DamagedFactsNeverClearALineThatTheMissingDataCouldHold", "[reliability][property]") {
  const int kLines = 4000;
  Stats st = RunProperty(20261129, kLines);
  INFO("lines " << st.lines << ", damaged no_license_required " << st.damaged_nlr
                << ", may ship (exception) " << st.damaged_may_ship << ", held " << st.damaged_held
                << ", with resolve errors " << st.with_diags << ", completions decided "
                << st.completions);
  CHECK(st.lines == kLines);
  // The property must not hold vacuously: many damaged lines still clear (the damage was
  // irrelevant) and have their completions checked, and many are held because of it.
  CHECK(st.damaged_nlr >= 400);
  CHECK(st.damaged_may_ship >= 50);
  CHECK(st.damaged_held >= 1000);
  CHECK(st.with_diags >= 500);
  CHECK(st.completions >= 20000);
}

}  // namespace chipgate::testing
