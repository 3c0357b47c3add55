// Non-finite numbers in the facts (never valid facts: the resolver refuses them, but the audit
// log records what it was given) are encoded as the strings "nan", "inf" and "-inf", each with its
// own digest and none equal to a finite value's.
#include <catch2/catch.hpp>
#include <limits>
#include <set>
#include <string>

#include "chipgate/audit.h"

namespace chipgate::testing {
namespace {

std::string Encoding(double tpp) {
  ItemFacts item;
  item.part = "P";
  item.has_specs = true;
  item.specs.push_back({"tpp", SpecValue{"", {}, tpp, FactSource::kDatabase}});
  DecisionFacts f;
  f.item = &item;
  return CanonicalFactsJson(f);
}

}  // namespace

TEST_CASE("NonFiniteNumbersAreEncodedAsNamedStrings", "[audit]") {
  const double inf = std::numeric_limits<double>::infinity();
  const std::string nan = Encoding(std::numeric_limits<double>::quiet_NaN());
  CHECK(nan.find("{\"name\":\"tpp\",\"number\":\"nan\"}") != std::string::npos);
  CHECK(Encoding(inf).find("{\"name\":\"tpp\",\"number\":\"inf\"}") != std::string::npos);
  CHECK(Encoding(-inf).find("{\"name\":\"tpp\",\"number\":\"-inf\"}") != std::string::npos);
  CHECK(Encoding(1e308).find("{\"name\":\"tpp\",\"number\":1e+308}") != std::string::npos);
  std::set<std::string> distinct = {nan, Encoding(inf), Encoding(-inf), Encoding(1e308),
                                    Encoding(0)};
  CHECK(distinct.size() == 5);
}

}  // namespace chipgate::testing
