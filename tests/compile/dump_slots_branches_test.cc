// DumpCode on code naming slots its program does not have (a damaged or hand-made Program): each
// is printed by number, never read out of range; and an op outside the enum prints as `?`.
#include <catch2/catch.hpp>
#include <string>

#include "compile/program.h"
#include "compile/program_dump.h"

namespace chipgate::testing {

TEST_CASE("ADumpNamesSlotsOutOfRangeByNumber", "[compile][dump]") {
  Program p;  // no attributes, no class names
  Code code;
  code.text = "damaged";
  code.instrs = {{Op::kAttr, 7, 0},        {Op::kKnownAttr, -1, 0}, {Op::kFact, 99, 0},
                 {Op::kKnownFact, -2, 0},  {Op::kIs, 3, 0},         {Op::kContains, -1, 0},
                 {Op::kAttrGeNum, 5, 2.5}, {Op::kAttrEqInt, -3, 4}};
  CHECK(DumpCode(p, code, "  ") ==
        "  \"damaged\"\n"
        "  0 Attr #7\n"
        "  1 KnownAttr #-1\n"
        "  2 Fact #99\n"
        "  3 KnownFact #-2\n"
        "  4 Is #3\n"
        "  5 Contains #-1\n"
        "  6 AttrGeNum #5 2.5\n"
        "  7 AttrEqInt #-3 4\n");
}

TEST_CASE("AnOpOutsideTheEnumIsDumpedAsUnknown", "[compile][dump]") {
  CHECK(std::string(OpName(static_cast<Op>(200))) == "?");
}

}  // namespace chipgate::testing
