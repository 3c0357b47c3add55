// The compiled evaluator against the test-only AST interpreter (tests/support/oracle.cc) on
// generated items, shipments and dates: decisions, classes, exceptions and the structure of the
// reasons (rule, decision, source, undecided flag, policy) must agree exactly. Deterministic
// seeds keep failures reproducible. The last tests mutate the oracle's pack and the compared
// records to show that the comparison catches a wrong decision.
#include <catch2/catch.hpp>
#include <functional>
#include <random>
#include <set>

#include "chipgate/engine.h"
#include "load/pack_loader.h"
#include "support/oracle.h"
#include "support/test_support.h"
#include "validate/validator.h"

namespace chipgate::testing {
namespace {

struct PackUnderTest {
  Pack pack;
  Engine engine;
};

PackUnderTest LoadBoth(const std::string& dir) {
  auto loaded = Engine::Load(dir);
  INFO(RenderDiagnostics(loaded.diagnostics));
  REQUIRE(loaded.engine.has_value());
  auto files = ReadPackDir(dir);
  REQUIRE(files.ok());
  std::vector<Diagnostic> diags;
  Pack pack = LoadPack(files.value(), dir, diags);
  Validate(pack, diags);
  REQUIRE_FALSE(HasErrors(diags));
  return {std::move(pack), std::move(*loaded.engine)};
}

class Generator {
 public:
  Generator(uint32_t seed, const Pack& pack) : rng_(seed) {
    for (const auto& a : pack.attributes) declared_.insert(a.name);
  }

  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng_)];
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  ItemFacts Item(int depth) {
    ItemFacts item;
    item.part = "P" + std::to_string(counter_++);
    if (Chance(0.04)) return item;  // nothing known at all
    item.has_specs = true;
    std::string type = Pick<std::string>({"ic", "ic", "ic", "computer", "memory", "other", ""});
    if (!type.empty() && declared_.count("type")) item.Set("type", type);
    Maybe(item, "tpp",
          {"0", "100", "1599.99", "1600", "2399", "2400", "4799.99", "4800", "5000", "15832",
           "25000"});
    Maybe(item, "die_area_mm2", {"0", "100", "300", "609", "814", "1000", "2000"});
    Maybe(item, "datacenter", {"true", "false"});
    Maybe(item, "mbd", {"1.5", "2", "2.01", "3.29", "3.3", "5"});
    Maybe(item, "launched", {"2023-06-01", "2024-01-01", "2025-03-01"});
    if (type == "computer" && depth < 3) {
      int n = std::uniform_int_distribution<int>(0, 3)(rng_);
      for (int i = 0; i < n; ++i) item.components.push_back(Item(depth + 1));
    }
    item.quantity = Pick<double>({1, 8, 11, 100});
    return item;
  }

  ShipmentFacts Shipment(const std::vector<std::string>& dates,
                         const std::vector<std::string>& names) {
    ShipmentFacts s;
    s.date = *ParseDate(Pick(dates));
    std::vector<std::string> countries = {"CN", "RU", "KH", "VN", "MO", "SG", "IL", "TW", "CY",
                                          "DE", "US", "KP", "IR", "SY", "CU", "IN", "AE", ""};
    s.consignee.country = Pick(countries);
    s.consignee.name = Pick(names);
    s.consignee.headquarters = Pick(countries);
    s.end_user = s.consignee;
    if (Chance(0.5)) {
      s.end_user.country = Pick(countries);
      s.end_user.name = Pick(names);
      s.end_user.headquarters = Pick(countries);
      s.end_user.parent_headquarters = Pick(countries);
    }
    // Declared ids, other spellings of them, an alias, and end uses the pack does not know.
    s.end_use = Pick<std::string>({"", "civil", "Civil", "ci-vil", "CIVIL_", "civilian",
                                   "datacenter", "Data Center", "military"});
    return s;
  }

 private:
  void Maybe(ItemFacts& item, const char* name, const std::vector<std::string>& values) {
    if (!declared_.count(name) || Chance(0.15)) return;  // missing attribute
    item.Set(name, Pick(values));
  }

  std::mt19937 rng_;
  std::set<std::string> declared_;
  int counter_ = 0;
};

// Runs `cases` generated lines through both evaluators; returns how many agreed.
int Compare(const PackUnderTest& put, uint32_t seed, int cases,
            const std::vector<std::string>& dates, const std::vector<std::string>& names) {
  Generator gen(seed, put.pack);
  int agreed = 0;
  for (int i = 0; i < cases; ++i) {
    ShipmentFacts s = gen.Shipment(dates, names);
    ItemFacts item = gen.Item(0);
    OwnedDecision fast = ToOwned(put.engine.Decide(s, item));
    OwnedDecision slow = OracleDecide(put.pack, s, item);
    if (fast == slow) {
      ++agreed;
      continue;
    }
    INFO("case " << i << " date " << FormatDate(s.date) << " dest " << s.end_user.country
                 << "\nengine: " << Describe(fast) << "\noracle: " << Describe(slow));
    CHECK(fast == slow);
    if (cases - agreed > 5) break;  // enough to debug
  }
  return agreed;
}

// How many of `cases` generated lines the two evaluators decide differently (no assertion).
int Disagreements(const PackUnderTest& put, uint32_t seed, int cases,
                  const std::vector<std::string>& dates, const std::vector<std::string>& names) {
  Generator gen(seed, put.pack);
  int differ = 0;
  for (int i = 0; i < cases; ++i) {
    ShipmentFacts s = gen.Shipment(dates, names);
    ItemFacts item = gen.Item(0);
    if (!(ToOwned(put.engine.Decide(s, item)) == OracleDecide(put.pack, s, item))) ++differ;
  }
  return differ;
}

const std::vector<std::string> kDates = {
    "2001-06-01", "2021-12-31", "2022-01-01", "2022-10-06", "2022-10-07",
    "2023-01-16", "2023-01-17", "2023-11-16", "2023-11-17", "2024-04-03",
    "2024-04-04", "2024-12-01", "2024-12-02", "2025-01-12", "2025-01-13",
    "2025-05-14", "2025-05-15", "2025-05-31", "2025-06-01", "2026-02-02",
    "2026-02-03", "2026-11-29", "2026-12-31", "2027-01-01", "2030-06-30"};

}  // namespace

TEST_CASE("CompiledEvaluatorAgreesWithOracleOnFeaturePack", "[oracle]") {
  PackUnderTest put = LoadBoth(SourcePath("tests/data/oracle_pack"));
  std::vector<std::string> names = {
      "", "Acme Advanced Computing Co., Ltd.", "ACME ADVANCED COMPUTING CO LTD",
      "Computing Acme Advanced", "acme ac", "Societe Generale de Calcul SA",
      "Blocked Industries GmbH", "Unrelated Trading Pte Ltd", "Acme Advanced",
      // near misses: the screener's index against the oracle's brute force
      "Acme Advanced Computng Ltd", "Acme Adv. Computing", "Acme Advanced Compu Ting",
      "ACME Super Computing Centre", "Societe Generale de Calcule", "Blockd Industries",
      "Blocked Industry Trading"};
  const int kCases = 12000;
  CHECK(Compare(put, 20261129, kCases, kDates, names) == kCases);
}

TEST_CASE("CompiledEvaluatorAgreesWithOracleOnExamplePack", "[oracle]") {
  PackUnderTest put = LoadBoth(SourcePath("rules/examples"));
  std::vector<std::string> names = {
      "",         "Example Advanced Fabrication Co., Ltd.", "EAF Semiconductor",
      "Other Co", "Exampel Advanced Fabrication",           "Example Adv. Fabrication Co"};
  const int kCases = 10000;
  CHECK(Compare(put, 7, kCases, kDates, names) == kCases);
}

// A wrong expectation in the oracle must show up: the oracle decides `r-dest` as prohibited
// while the compiled pack still says license_required.
TEST_CASE("OracleComparisonCatchesAMutatedRuleDecision", "[oracle]") {
  PackUnderTest put = LoadBoth(SourcePath("tests/data/oracle_pack"));
  REQUIRE(put.pack.rules.at(0).id == "r-dest");
  REQUIRE(put.pack.rules[0].decision == DecisionKind::kLicenseRequired);
  CHECK(Disagreements(put, 20261129, 2000, kDates, {""}) == 0);
  put.pack.rules[0].decision = DecisionKind::kProhibited;
  CHECK(Disagreements(put, 20261129, 2000, kDates, {""}) > 0);
}

// The oracle evaluates every rule's condition with Kleene logic; marking `r-off` enabled in the
// oracle only (a rule whose condition is `true`, for any item) must be caught too.
TEST_CASE("OracleComparisonCatchesAMutatedEnabledFlag", "[oracle]") {
  PackUnderTest put = LoadBoth(SourcePath("tests/data/oracle_pack"));
  REQUIRE(put.pack.rules.at(6).id == "r-off");
  put.pack.rules[6].enabled = true;
  CHECK(Disagreements(put, 7, 200, kDates, {""}) > 0);
}

// Every structural field takes part in the comparison; the wording does not.
TEST_CASE("OracleComparisonIsStructural", "[oracle]") {
  LineDecision d;
  d.decision = DecisionKind::kReview;
  d.classes = {"X.a"};
  d.reasons.push_back(Reason{"r-dest", DecisionKind::kReview, "r1", "destination rule",
                             "could not be decided (would be license_required): missing tpp"});
  d.reasons.back().undecided = true;
  d.reasons.push_back(Reason{"X.a", DecisionKind::kNoLicenseRequired, "c", "X.a", ""});
  d.reasons.back().source = ReasonSource::kClass;
  const OwnedDecision base = ToOwned(d);

  LineDecision reworded = d;
  reworded.reasons[0].message = "another sentence";
  reworded.reasons[0].detail = "another detail";
  CHECK(ToOwned(reworded) == base);

  std::vector<std::pair<const char*, std::function<void(OwnedDecision&)>>> mutations = {
      {"decision", [](OwnedDecision& o) { o.decision = DecisionKind::kLicenseRequired; }},
      {"classes", [](OwnedDecision& o) { o.classes.push_back("X.b"); }},
      {"exception", [](OwnedDecision& o) { o.exception = "EX1"; }},
      {"reason rule", [](OwnedDecision& o) { o.reasons[0].rule = "r-hq"; }},
      {"reason decision",
       [](OwnedDecision& o) { o.reasons[0].decision = DecisionKind::kLicenseRequired; }},
      {"reason source", [](OwnedDecision& o) { o.reasons[1].source = ReasonSource::kRule; }},
      {"undecided flag", [](OwnedDecision& o) { o.reasons[0].undecided = false; }},
      {"policy", [](OwnedDecision& o) { o.reasons[0].policy = "case by case"; }},
      {"reason order", [](OwnedDecision& o) { std::swap(o.reasons[0], o.reasons[1]); }},
  };
  for (const auto& [name, mutate] : mutations) {
    INFO(name);
    OwnedDecision m = base;
    mutate(m);
    CHECK_FALSE(m == base);
  }
}

}  // namespace chipgate::testing
