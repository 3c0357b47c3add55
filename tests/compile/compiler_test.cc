// Code generation pinned by text: each case is a small pack and the expected DumpProgram text
// (src/compile/program_dump.h) of what the compiler made of it. A change in generated code shows
// up here as a readable diff of instructions, jump targets, slots, sets and epochs.
// Every expected dump below was checked by hand against the pack above it.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "compile/program_dump.h"
#include "engine/engine_internal.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// Shows the first differing line, so a failure reads as a small diff.
std::string FirstDifference(const std::string& got, const std::string& want) {
  size_t line = 1, i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) {
    if (got[i] == '\n') ++line;
    ++i;
  }
  auto line_at = [](const std::string& s, size_t at) {
    size_t b = s.rfind('\n', at == 0 ? 0 : at - 1);
    b = b == std::string::npos ? 0 : b + 1;
    size_t e = s.find('\n', at);
    return s.substr(b, e == std::string::npos ? std::string::npos : e - b);
  };
  return "line " + std::to_string(line) + "\n  got:  " + line_at(got, i) +
         "\n  want: " + line_at(want, i);
}

// Compiles `pack` and compares its dump with `want`, showing the first difference.
void CheckDump(const char* pack, const std::string& want) {
  Engine e = MustLoad(pack);
  std::string got = DumpProgram(EngineInternals::ProgramOf(e));
  INFO(FirstDifference(got, want) << "\nfull dump:\n" << got);
  CHECK(got == want);
}

}  // namespace

// `attribute <op> literal` is one instruction (the enum literal is its interned id); `and`
// jumps past its own And when the left side is known false.
TEST_CASE("CompilerDumpFusedComparisonsAndShortCircuitAnd", "[compile]") {
  CheckDump(R"yaml(
attributes:
  - {name: tpp, type: number}
  - {name: type, type: enum, values: [ic, memory]}
classes:
  - {id: X.a, cite: c, when: "type == 'ic' and tpp >= 4800"}
)yaml",
            R"dump(pack pack version - coverage start until end
attributes
  0 tpp number
  1 type string values 0 1
derived order -
class names
  0 X.a classes 0
classes
  0 X.a paragraph X.a
    "type == 'ic' and tpp >= 4800" reads tpp type
    0 AttrEqInt type 0
    1 JumpIfFalse -> 4
    2 AttrGeNum tpp 4800
    3 And
rules
exceptions
strings
  0 'ic'
  1 'memory'
lists
parties
end uses
notes
epoch 0 from start
  classes 0
  rules by name -
  any rules -
  exceptions -
  parties -
changes
)dump");
}

// A constant on the left is not fused: operands, then the operator. `or` jumps past its Or.
TEST_CASE("CompilerDumpGeneralPathConstantLeftArithmeticNotOr", "[compile]") {
  CheckDump(R"yaml(
attributes: [{name: tpp, type: number}, {name: area, type: number}]
classes:
  - {id: X.a, cite: c, when: "4800 <= tpp / area or not (tpp > 1)"}
)yaml",
            R"dump(pack pack version - coverage start until end
attributes
  0 tpp number
  1 area number
derived order -
class names
  0 X.a classes 0
classes
  0 X.a paragraph X.a
    "4800 <= tpp / area or not (tpp > 1)" reads tpp area
    0 ConstNum 4800
    1 Attr tpp
    2 Attr area
    3 Div
    4 LeNum
    5 JumpIfTrue -> 9
    6 AttrGtNum tpp 1
    7 Not
    8 Or
rules
exceptions
strings
lists
parties
end uses
notes
epoch 0 from start
  classes 0
  rules by name -
  any rules -
  exceptions -
  parties -
changes
)dump");
}

// Country sets become set ids evaluated per epoch (VN joins D:5 in 2025: a second epoch);
// string lists are sorted interned ids; known() and quantity; a disabled rule is compiled but
// in no epoch's index, and keeps its reason.
TEST_CASE("CompilerDumpShipmentRulesSetsListsEpochsDisabled", "[compile]") {
  CheckDump(R"yaml(
pack: {name: t, version: "2", coverage: {from: 2024-01-01}}
country_groups:
  - {id: "D:5", cite: c, members: [CN, {code: VN, effective: {from: 2025-01-01}, cite: c}]}
end_uses: [{id: civil}, {id: weapons}]
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules:
  - {id: r1, cite: c, classes: [X.a], when: "destination in D:5 | ['MO'] and end_use in ['weapons', 'civil']"}
  - {id: r2, cite: c, classes: any, decision: prohibited, when: "known(end_use) and quantity > 5"}
  - {id: off, cite: c, classes: [X.a], when: "true", enabled: false, disabled_reason: not yet}
)yaml",
            R"dump(pack t version 2 coverage 2024-01-01 until end
attributes
  0 tpp number
derived order -
class names
  0 X.a classes 0
classes
  0 X.a paragraph X.a
    "tpp >= 10" reads tpp
    0 AttrGeNum tpp 10
rules
  0 r1 license_required classes X.a
    "destination in D:5 | ['MO'] and end_use in ['weapons', 'civil']" [shipment-only] reads destination end_use
    0 Fact destination
    1 InSet set 0
    2 JumpIfFalse -> 6
    3 Fact end_use
    4 InList list 0
    5 And
  1 r2 prohibited classes any
    "known(end_use) and quantity > 5" reads quantity
    0 KnownFact end_use
    1 JumpIfFalse -> 6
    2 Quantity
    3 ConstNum 5
    4 GtNum
    5 And
  2 off license_required classes X.a disabled (not yet)
    "true" [shipment-only]
    0 ConstInt 1
exceptions
strings
  0 'weapons'
  1 'civil'
lists
  0 0 1
parties
end uses
  0 civil string 1
  1 weapons string 0
notes
epoch 0 from start
  classes 0
  rules by name X.a: 0
  any rules 1
  exceptions -
  parties -
  set 0: CN MO
epoch 1 from 2025-01-01
  classes 0
  rules by name X.a: 0
  any rules 1
  exceptions -
  parties -
  set 0: CN MO VN
changes
  2024-01-01 the pack's coverage begins
  2025-01-01 `VN` joins country group `D:5`
)dump");
}

// A derived attribute's code and its inputs in the reads of code using it; nested and/or patch
// their own jumps (the inner `or` jumps to 6, the outer `and` to 7, one past the end);
// is()/contains() by class-name index; an exception's covers and classes.
TEST_CASE("CompilerDumpDerivedClassRefsExceptionsAndNestedJumps", "[compile]") {
  CheckDump(R"yaml(
attributes:
  - {name: tpp, type: number}
  - {name: area, type: number}
  - {name: pd, derived: "min(tpp / area, 10)"}
classes:
  - {id: X.a.1, cite: c, when: "pd >= 5 and (tpp > 1 or area < 2)"}
  - {id: Y.a, cite: c, when: "contains('X.a') and not is('X.a.1')"}
license_rules:
  - {id: r1, cite: c, classes: [X.a, Y.a], when: "destination != 'CN'"}
exceptions:
  - {id: EX, code: E, cite: c, covers: [r1], classes: [X.a.1], when: "tpp < 100"}
)yaml",
            R"dump(pack pack version - coverage start until end
attributes
  0 tpp number
  1 area number
  2 pd number
    "min(tpp / area, 10)" reads tpp area
    0 Attr tpp
    1 Attr area
    2 Div
    3 ConstNum 10
    4 Min
derived order 2
class names
  0 X.a.1 classes 0
  1 X.a classes 0
  2 Y.a classes 1
classes
  0 X.a.1 paragraph X.a
    "pd >= 5 and (tpp > 1 or area < 2)" reads tpp area pd
    0 AttrGeNum pd 5
    1 JumpIfFalse -> 7
    2 AttrGtNum tpp 1
    3 JumpIfTrue -> 6
    4 AttrLtNum area 2
    5 Or
    6 And
  1 Y.a paragraph Y.a
    "contains('X.a') and not is('X.a.1')"
    0 Contains X.a
    1 JumpIfFalse -> 5
    2 Is X.a.1
    3 Not
    4 And
rules
  0 r1 license_required classes X.a Y.a
    "destination != 'CN'" [shipment-only] reads destination
    0 Fact destination
    1 ConstInt 65
    2 NeInt
exceptions
  0 EX code E covers 0 classes X.a.1
    "tpp < 100" reads tpp
    0 AttrLtNum tpp 100
strings
lists
parties
end uses
notes
epoch 0 from start
  classes 0 1
  rules by name X.a: 0; Y.a: 0
  any rules -
  exceptions 0
  parties -
changes
)dump");
}

// `dc == true` is not fused (the literal is a bool, not a string); `!=` on an enum is;
// `x not in L` is In then Not; `and` chains left to right.
TEST_CASE("CompilerDumpBoolAndEnumComparisonsAndNotIn", "[compile]") {
  CheckDump(R"yaml(
attributes: [{name: dc, type: bool}, {name: type, type: enum, values: [ic, memory]}]
classes: [{id: X.a, cite: c, when: "dc == true and type != 'memory' and type not in ['ic']"}]
)yaml",
            R"dump(pack pack version - coverage start until end
attributes
  0 dc bool
  1 type string values 0 1
derived order -
class names
  0 X.a classes 0
classes
  0 X.a paragraph X.a
    "dc == true and type != 'memory' and type not in ['ic']" reads dc type
    0 Attr dc
    1 ConstInt 1
    2 EqInt
    3 JumpIfFalse -> 6
    4 AttrNeInt type 1
    5 And
    6 JumpIfFalse -> 11
    7 Attr type
    8 InList list 0
    9 Not
    10 And
rules
exceptions
strings
  0 'ic'
  1 'memory'
lists
  0 0
parties
end uses
notes
epoch 0 from start
  classes 0
  rules by name -
  any rules -
  exceptions -
  parties -
changes
)dump");
}

}  // namespace chipgate::testing
