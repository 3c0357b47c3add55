// The bytecode VM on its own: hand-written instruction sequences run against fixed slots, with
// the expected result of each. Covers Kleene logic with unknowns, undefined arithmetic (division
// by zero, overflow), short-circuit jumps (absolute targets, one past the end), the fused
// attribute comparisons, set and list membership, known(), is() and contains().
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "compile/program.h"
#include "eval/vm.h"

namespace chipgate::testing {
namespace {

// Slots: attribute 0 = 5 (number), 1 = missing, 2 = 1 (bool true), 3 = interned string 7.
// Facts: 0 = country CN, 1 = missing. Class names: 0 true, 1 false, 2 unknown (item itself);
// contains: 0 false, 1 true, 2 unknown. Set 0 = {CN, MO}; list 0 = {2, 7, 9}.
struct Fixture {
  RtValue attrs[4] = {{5, 0, true}, {}, {0, 1, true}, {0, 7, true}};
  RtValue facts[2] = {{0, CountryIndex("CN"), true}, {}};
  uint8_t name_state[3] = {kTrue, kFalse, kUnknown};
  uint8_t contains[3] = {kFalse, kTrue, kUnknown};
  Program program;
  Epoch epoch;

  Fixture() {
    program.lists.push_back({2, 7, 9});
    CountrySet s;
    s.set(static_cast<size_t>(CountryIndex("CN")));
    s.set(static_cast<size_t>(CountryIndex("MO")));
    epoch.sets.push_back(s);
  }

  VmInput Input() const {
    return VmInput{attrs,      0b1101,   facts,  0b01,    RtValue{8, 0, true},
                   name_state, contains, &epoch, &program};
  }

  // "true", "false", "unknown" for predicates; the number (or "unknown") for values.
  std::string Predicate(const std::vector<Instr>& instrs) const {
    Code code;
    code.instrs = instrs;
    Tri t = RunPredicate(code, Input());
    return t == kTrue ? "true" : t == kFalse ? "false" : "unknown";
  }
  std::string Value(const std::vector<Instr>& instrs) const {
    Code code;
    code.instrs = instrs;
    RtValue v = RunValue(code, Input());
    if (!v.known) return "unknown";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v.num);
    return buf;
  }
};

Instr I(Op op, int32_t arg = 0, double num = 0) { return Instr{op, arg, num}; }
const Instr kTrueI = I(Op::kConstInt, 1);
const Instr kFalseI = I(Op::kConstInt, 0);
const Instr kUnknownI = I(Op::kAttr, 1);  // the missing attribute

struct Case {
  const char* name;
  std::vector<Instr> code;
  const char* want;
};

}  // namespace

TEST_CASE("VmKleeneLogicTable", "[eval][vm]") {
  Fixture f;
  const std::vector<Case> cases = {
      {"empty code is true", {}, "true"},
      {"false and unknown", {kFalseI, kUnknownI, I(Op::kAnd)}, "false"},
      {"unknown and false", {kUnknownI, kFalseI, I(Op::kAnd)}, "false"},
      {"unknown and true", {kUnknownI, kTrueI, I(Op::kAnd)}, "unknown"},
      {"true and true", {kTrueI, kTrueI, I(Op::kAnd)}, "true"},
      {"true or unknown", {kTrueI, kUnknownI, I(Op::kOr)}, "true"},
      {"unknown or true", {kUnknownI, kTrueI, I(Op::kOr)}, "true"},
      {"unknown or false", {kUnknownI, kFalseI, I(Op::kOr)}, "unknown"},
      {"false or false", {kFalseI, kFalseI, I(Op::kOr)}, "false"},
      {"not unknown", {kUnknownI, I(Op::kNot)}, "unknown"},
      {"not false", {kFalseI, I(Op::kNot)}, "true"},
      {"comparison with unknown", {kUnknownI, I(Op::kConstNum, 0, 1), I(Op::kLtNum)}, "unknown"},
      {"known of missing attr", {I(Op::kKnownAttr, 1)}, "false"},
      {"known of present attr", {I(Op::kKnownAttr, 0)}, "true"},
      {"known of missing fact", {I(Op::kKnownFact, 1)}, "false"},
      {"known of present fact", {I(Op::kKnownFact, 0)}, "true"},
      {"is true name", {I(Op::kIs, 0)}, "true"},
      {"is unknown name", {I(Op::kIs, 2)}, "unknown"},
      {"contains true name", {I(Op::kContains, 1)}, "true"},
      {"contains unknown name", {I(Op::kContains, 2)}, "unknown"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(f.Predicate(c.code) == c.want);
  }
}

TEST_CASE("VmComparisonsAndMembershipTable", "[eval][vm]") {
  Fixture f;
  const int cn = CountryIndex("CN"), de = CountryIndex("DE");
  const std::vector<Case> cases = {
      {"5 < 6", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 6), I(Op::kLtNum)}, "true"},
      {"5 <= 5", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 5), I(Op::kLeNum)}, "true"},
      {"5 > 5", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 5), I(Op::kGtNum)}, "false"},
      {"5 >= 5", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 5), I(Op::kGeNum)}, "true"},
      {"5 == 5", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 5), I(Op::kEqNum)}, "true"},
      {"5 != 5", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 5), I(Op::kNeNum)}, "false"},
      {"int 7 == 7", {I(Op::kAttr, 3), I(Op::kConstInt, 7), I(Op::kEqInt)}, "true"},
      {"int 7 < 7", {I(Op::kAttr, 3), I(Op::kConstInt, 7), I(Op::kLtInt)}, "false"},
      {"int 7 >= 8", {I(Op::kAttr, 3), I(Op::kConstInt, 8), I(Op::kGeInt)}, "false"},
      {"fused 5 >= 4.5", {I(Op::kAttrGeNum, 0, 4.5)}, "true"},
      {"fused 5 < 5", {I(Op::kAttrLtNum, 0, 5)}, "false"},
      {"fused missing >= 1", {I(Op::kAttrGeNum, 1, 1)}, "unknown"},
      {"fused string == 7", {I(Op::kAttrEqInt, 3, 7)}, "true"},
      {"fused string != 7", {I(Op::kAttrNeInt, 3, 7)}, "false"},
      {"fused missing == 7", {I(Op::kAttrEqInt, 1, 7)}, "unknown"},
      {"CN in set", {I(Op::kFact, 0), I(Op::kInSet, 0)}, "true"},
      {"DE in set", {I(Op::kConstInt, de), I(Op::kInSet, 0)}, "false"},
      {"missing fact in set", {I(Op::kFact, 1), I(Op::kInSet, 0)}, "unknown"},
      {"CN == CN", {I(Op::kFact, 0), I(Op::kConstInt, cn), I(Op::kEqInt)}, "true"},
      {"7 in list", {I(Op::kAttr, 3), I(Op::kInList, 0)}, "true"},
      {"8 in list", {I(Op::kConstInt, 8), I(Op::kInList, 0)}, "false"},
      {"missing in list", {kUnknownI, I(Op::kInList, 0)}, "unknown"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(f.Predicate(c.code) == c.want);
  }
}

TEST_CASE("VmArithmeticTable", "[eval][vm]") {
  Fixture f;
  const std::vector<Case> cases = {
      {"5 + 2", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 2), I(Op::kAdd)}, "7"},
      {"5 - 2", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 2), I(Op::kSub)}, "3"},
      {"5 * 2", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 2), I(Op::kMul)}, "10"},
      {"5 / 2", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 2), I(Op::kDiv)}, "2.5"},
      {"-5", {I(Op::kAttr, 0), I(Op::kNeg)}, "-5"},
      {"min(5, 2)", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 2), I(Op::kMin)}, "2"},
      {"max(5, 2)", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 2), I(Op::kMax)}, "5"},
      {"quantity", {I(Op::kQuantity)}, "8"},
      {"division by zero", {I(Op::kAttr, 0), I(Op::kConstNum, 0, 0), I(Op::kDiv)}, "unknown"},
      {"0 / 0", {I(Op::kConstNum, 0, 0), I(Op::kConstNum, 0, 0), I(Op::kDiv)}, "unknown"},
      {"overflow", {I(Op::kConstNum, 0, 1e308), I(Op::kConstNum, 0, 10), I(Op::kMul)}, "unknown"},
      {"unknown + 1", {kUnknownI, I(Op::kConstNum, 0, 1), I(Op::kAdd)}, "unknown"},
      {"-unknown", {kUnknownI, I(Op::kNeg)}, "unknown"},
      {"min(unknown, 1)", {kUnknownI, I(Op::kConstNum, 0, 1), I(Op::kMin)}, "unknown"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(f.Value(c.code) == c.want);
  }
  // A comparison with an undefined quotient is unknown, not false: `x / 0 > 1` holds the line.
  CHECK(f.Predicate({I(Op::kAttr, 0), I(Op::kConstNum, 0, 0), I(Op::kDiv), I(Op::kConstNum, 0, 1),
                     I(Op::kGtNum)}) == "unknown");
}

// Jump targets are absolute instruction indices; a taken jump leaves the tested value as the
// result and skips to the target (which may be one past the end). Each sequence below has code
// after the jump that would change the result if it ran, so the table tells taken from not taken.
TEST_CASE("VmJumpsShortCircuitTable", "[eval][vm]") {
  Fixture f;
  const std::vector<Case> cases = {
      // false, JumpIfFalse -> 3 (the end): Not would turn the result into true.
      {"JumpIfFalse on false is taken", {kFalseI, I(Op::kJumpIfFalse, 3), I(Op::kNot)}, "false"},
      {"JumpIfFalse on true falls through", {kTrueI, I(Op::kJumpIfFalse, 3), I(Op::kNot)}, "false"},
      // unknown is not known false: the jump must not be taken (Kleene `unknown and false`).
      {"JumpIfFalse on unknown falls through",
       {kUnknownI, I(Op::kJumpIfFalse, 4), kFalseI, I(Op::kAnd)},
       "false"},
      {"JumpIfTrue on true is taken", {kTrueI, I(Op::kJumpIfTrue, 3), I(Op::kNot)}, "true"},
      {"JumpIfTrue on false falls through", {kFalseI, I(Op::kJumpIfTrue, 3), I(Op::kNot)}, "true"},
      {"JumpIfTrue on unknown falls through",
       {kUnknownI, I(Op::kJumpIfTrue, 4), kTrueI, I(Op::kOr)},
       "true"},
      // A jump into the middle: JumpIfFalse -> 3 skips the Not at 2 and runs the one at 3 (true);
      // falling through would run both (false).
      {"jump to a middle instruction",
       {kFalseI, I(Op::kJumpIfFalse, 3), I(Op::kNot), I(Op::kNot)},
       "true"},
      // The compiled shape of `false and (missing > 1)`: jump over b and the And.
      {"compiled and",
       {kFalseI, I(Op::kJumpIfFalse, 6), kUnknownI, I(Op::kConstNum, 0, 1), I(Op::kGtNum),
        I(Op::kAnd)},
       "false"},
      // `(missing > 1) or true`: no jump on unknown, then Or gives true.
      {"compiled or with unknown left",
       {kUnknownI, I(Op::kConstNum, 0, 1), I(Op::kGtNum), I(Op::kJumpIfTrue, 6), kTrueI,
        I(Op::kOr)},
       "true"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(f.Predicate(c.code) == c.want);
  }
}

// Every comparison and arithmetic instruction with both operands known, and with each one
// unknown: the table of VmComparisonsAndMembershipTable and VmArithmeticTable left most
// instructions' unknown operands (and several instructions) unrun, where a wrong propagation of
// unknown would decide a line from missing data.
TEST_CASE("VmEveryBinaryInstructionPropagatesUnknown", "[eval][vm]") {
  Fixture f;
  struct Row {
    Op op;
    const char* known;  // attribute 0 (5) OP 6, or string id 7 OP 8 for the Int forms
  };
  const Row num_rows[] = {{Op::kEqNum, "false"}, {Op::kNeNum, "true"},  {Op::kLtNum, "true"},
                          {Op::kLeNum, "true"},  {Op::kGtNum, "false"}, {Op::kGeNum, "false"}};
  for (const Row& r : num_rows) {
    INFO("numeric op " << static_cast<int>(r.op));
    CHECK(f.Predicate({I(Op::kAttr, 0), I(Op::kConstNum, 0, 6), I(r.op)}) == r.known);
    CHECK(f.Predicate({kUnknownI, I(Op::kConstNum, 0, 6), I(r.op)}) == "unknown");
    CHECK(f.Predicate({I(Op::kAttr, 0), kUnknownI, I(r.op)}) == "unknown");
  }
  const Row int_rows[] = {{Op::kEqInt, "false"}, {Op::kNeInt, "true"},  {Op::kLtInt, "true"},
                          {Op::kLeInt, "true"},  {Op::kGtInt, "false"}, {Op::kGeInt, "false"}};
  for (const Row& r : int_rows) {
    INFO("int op " << static_cast<int>(r.op));
    CHECK(f.Predicate({I(Op::kAttr, 3), I(Op::kConstInt, 8), I(r.op)}) == r.known);
    CHECK(f.Predicate({kUnknownI, I(Op::kConstInt, 8), I(r.op)}) == "unknown");
    CHECK(f.Predicate({I(Op::kAttr, 3), kUnknownI, I(r.op)}) == "unknown");
  }
  // Fused `attribute OP constant` (attribute 0 is 5): against 6, and on the missing attribute.
  const Row fused_rows[] = {{Op::kAttrLtNum, "true"},  {Op::kAttrLeNum, "true"},
                            {Op::kAttrGtNum, "false"}, {Op::kAttrGeNum, "false"},
                            {Op::kAttrEqNum, "false"}, {Op::kAttrNeNum, "true"}};
  for (const Row& r : fused_rows) {
    INFO("fused op " << static_cast<int>(r.op));
    CHECK(f.Predicate({I(r.op, 0, 6)}) == r.known);
    CHECK(f.Predicate({I(r.op, 1, 6)}) == "unknown");
  }
  CHECK(f.Predicate({I(Op::kAttrNeInt, 3, 8)}) == "true");
  CHECK(f.Predicate({I(Op::kAttrNeInt, 1, 8)}) == "unknown");
  const Row arithmetic[] = {{Op::kAdd, "11"},       {Op::kSub, "-1"}, {Op::kMul, "30"},
                            {Op::kDiv, "0.833333"}, {Op::kMin, "5"},  {Op::kMax, "6"}};
  for (const Row& r : arithmetic) {
    INFO("arithmetic op " << static_cast<int>(r.op));
    CHECK(f.Value({I(Op::kAttr, 0), I(Op::kConstNum, 0, 6), I(r.op)}) == r.known);
    CHECK(f.Value({kUnknownI, I(Op::kConstNum, 0, 6), I(r.op)}) == "unknown");
    CHECK(f.Value({I(Op::kAttr, 0), kUnknownI, I(r.op)}) == "unknown");
  }
}

}  // namespace chipgate::testing
