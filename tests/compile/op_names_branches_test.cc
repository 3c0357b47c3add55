// The names a program dump gives its instructions follow the enumerators (kJumpIfFalse ->
// JumpIfFalse), so a dump line can be found in vm.cc: each one, in enum order, is asserted here,
// and no two ops share a name. Also the name of every fact source, as explanations print it.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "chipgate/facts.h"
#include "compile/program.h"
#include "compile/program_dump.h"

namespace chipgate::testing {

TEST_CASE("EveryOpIsDumpedUnderItsEnumeratorsName", "[compile][dump]") {
  const std::vector<std::string> names = {
      "ConstNum",  "ConstInt",  "Attr",      "Fact",      "Add",         "Sub",        "Mul",
      "Div",       "Neg",       "Min",       "Max",       "EqNum",       "NeNum",      "LtNum",
      "LeNum",     "GtNum",     "GeNum",     "EqInt",     "NeInt",       "LtInt",      "LeInt",
      "GtInt",     "GeInt",     "And",       "Or",        "Not",         "InSet",      "InList",
      "KnownAttr", "KnownFact", "Is",        "Contains",  "JumpIfFalse", "JumpIfTrue", "Quantity",
      "AttrLtNum", "AttrLeNum", "AttrGtNum", "AttrGeNum", "AttrEqNum",   "AttrNeNum",  "AttrEqInt",
      "AttrNeInt"};
  REQUIRE(static_cast<size_t>(Op::kAttrNeInt) + 1 == names.size());
  std::set<std::string> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    INFO("op " << i);
    CHECK(OpName(static_cast<Op>(i)) == names[i]);
    seen.insert(OpName(static_cast<Op>(i)));
  }
  CHECK(seen.size() == names.size());
}

TEST_CASE("EveryFactSourceHasItsName", "[engine][facts]") {
  CHECK(FactSourceName(FactSource::kManifest) == "manifest");
  CHECK(FactSourceName(FactSource::kDatabase) == "database");
  CHECK(FactSourceName(FactSource::kCommandLine) == "command line");
  CHECK(FactSourceName(FactSource::kDefault) == "default");
  CHECK(FactSourceName(FactSource::kPack) == "pack");
  CHECK(FactSourceName(FactSource::kComponents) == "components");
}

}  // namespace chipgate::testing
