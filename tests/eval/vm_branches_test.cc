// Arithmetic whose result is not finite is unknown, never infinity: an overflowing sum or
// difference of known values, like the overflowing product and the division by zero of the VM's
// arithmetic table.
#include <catch2/catch.hpp>
#include <vector>

#include "compile/program.h"
#include "eval/vm.h"

namespace chipgate::testing {
namespace {

RtValue Run(double a, double b, Op op) {
  Code code;
  code.instrs = {Instr{Op::kConstNum, 0, a}, Instr{Op::kConstNum, 0, b}, Instr{op, 0, 0}};
  Program program;
  Epoch epoch;
  VmInput in{nullptr, 0, nullptr, 0, RtValue{1, 0, true}, nullptr, nullptr, &epoch, &program};
  return RunValue(code, in);
}

}  // namespace

TEST_CASE("AnOverflowingSumOrDifferenceIsUnknown", "[eval][vm]") {
  CHECK_FALSE(Run(1e308, 1e308, Op::kAdd).known);
  CHECK_FALSE(Run(-1e308, 1e308, Op::kSub).known);
  // Near the limit but finite: known.
  RtValue sum = Run(1e307, 1e307, Op::kAdd);
  REQUIRE(sum.known);
  CHECK(sum.num == 2e307);
  RtValue diff = Run(-1e307, 1e307, Op::kSub);
  REQUIRE(diff.known);
  CHECK(diff.num == -2e307);
}

}  // namespace chipgate::testing
