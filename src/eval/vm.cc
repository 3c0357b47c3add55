// Stack VM. A tight switch loop over postfix instructions; the stack is a fixed array sized by
// the compiler's bound (kMaxStack), so evaluation never allocates.
//
// Contract with the compiler (src/compile/compiler.cc), relied on without checks because this
// loop runs millions of times in an inventory audit:
// - the code is well formed: every instruction finds the operands it pops on the stack, the
//   stack never exceeds 256 values, and operand indices (slots, facts, sets, lists, class names)
//   are in range for the Program and VmInput it was compiled with;
// - jump targets are absolute indices in [0, instrs.size()], forward only;
// - a predicate leaves exactly one value, a bool; a derived attribute's code leaves one number.
// Values: `known == false` means missing or undefined. Each instruction below either propagates
// unknown or, for and/or/known/is/contains, applies Kleene logic as documented in vm.h.
#include "eval/vm.h"

#include <algorithm>
#include <cmath>

namespace chipgate {
namespace {

// Bools live in `i` (0/1); an unknown value is the default RtValue (known = false).
RtValue Bool(bool b) { return RtValue{0, b ? 1 : 0, true}; }
RtValue Missing() { return RtValue{}; }
// Class states (is/contains) are Tri bytes computed by the evaluator before the code runs.
RtValue FromTri(uint8_t t) { return t == kUnknown ? Missing() : Bool(t == kTrue); }

RtValue Num(double v) {
  if (!std::isfinite(v)) return Missing();  // 0-area division and overflow are undefined data
  return RtValue{v, 0, true};
}

// Comparisons are unknown when either side is: a missing value is neither above nor below a
// threshold, so the rule using it cannot be decided (and the line goes to review).
template <typename F>
RtValue CmpNum(const RtValue& a, const RtValue& b, F f) {
  return a.known && b.known ? Bool(f(a.num, b.num)) : Missing();
}
template <typename F>
RtValue CmpInt(const RtValue& a, const RtValue& b, F f) {
  return a.known && b.known ? Bool(f(a.i, b.i)) : Missing();
}

// Kleene conjunction: one known false decides; otherwise any unknown makes the result unknown.
RtValue And(const RtValue& a, const RtValue& b) {
  if ((a.known && !a.i) || (b.known && !b.i)) return Bool(false);
  return a.known && b.known ? Bool(true) : Missing();
}
// Kleene disjunction: one known true decides; otherwise any unknown makes the result unknown.
RtValue Or(const RtValue& a, const RtValue& b) {
  if ((a.known && a.i) || (b.known && b.i)) return Bool(true);
  return a.known && b.known ? Bool(false) : Missing();
}

// Stack slots are left uninitialised: every slot is written before it is read, and zeroing 4 KiB
// per predicate was the evaluator's largest single cost.
union Slot {
  RtValue v;
  Slot() {}
};

// Runs `code` and returns the value on top of the stack at the end (true for empty code).
// Binary instructions pop two values and push one by overwriting `second` and decrementing sp;
// loads and fused comparisons push; unary instructions rewrite `top` in place.
RtValue Exec(const Code& code, const VmInput& in) {
  Slot slots[256];
  RtValue* stack = &slots[0].v;
  int sp = 0;
  const Instr* const begin = code.instrs.data();
  const Instr* const end = begin + code.instrs.size();
  for (const Instr* pc = begin; pc != end; ++pc) {
    const Instr& ins = *pc;
    RtValue* top = &stack[sp - 1];     // meaningful only when sp > 0
    RtValue* second = &stack[sp - 2];  // meaningful only when sp > 1
    switch (ins.op) {
      // Short-circuit (see EmitShortCircuit in the compiler): the tested value stays on the stack
      // as the result. `- 1` because the loop's ++pc then lands on the target; a target equal to
      // instrs.size() ends the loop. Unknown never jumps: `unknown and b` still depends on b.
      case Op::kJumpIfFalse:
        if (top->known && !top->i) pc = begin + ins.arg - 1;
        break;
      case Op::kJumpIfTrue:
        if (top->known && top->i) pc = begin + ins.arg - 1;
        break;
      // Fused `attribute <op> constant`: arg is the slot, num the constant (for the Int forms an
      // interned string id or a bool, stored exactly in the double).
      case Op::kAttrLtNum:
        stack[sp++] = CmpNum(in.attrs[ins.arg], RtValue{ins.num, 0, true},
                             [](double a, double b) { return a < b; });
        break;
      case Op::kAttrLeNum:
        stack[sp++] = CmpNum(in.attrs[ins.arg], RtValue{ins.num, 0, true},
                             [](double a, double b) { return a <= b; });
        break;
      case Op::kAttrGtNum:
        stack[sp++] = CmpNum(in.attrs[ins.arg], RtValue{ins.num, 0, true},
                             [](double a, double b) { return a > b; });
        break;
      case Op::kAttrGeNum:
        stack[sp++] = CmpNum(in.attrs[ins.arg], RtValue{ins.num, 0, true},
                             [](double a, double b) { return a >= b; });
        break;
      case Op::kAttrEqNum:
        stack[sp++] = CmpNum(in.attrs[ins.arg], RtValue{ins.num, 0, true},
                             [](double a, double b) { return a == b; });
        break;
      case Op::kAttrNeNum:
        stack[sp++] = CmpNum(in.attrs[ins.arg], RtValue{ins.num, 0, true},
                             [](double a, double b) { return a != b; });
        break;
      case Op::kAttrEqInt: {
        const RtValue& a = in.attrs[ins.arg];
        stack[sp++] = a.known ? Bool(a.i == static_cast<int32_t>(ins.num)) : Missing();
        break;
      }
      case Op::kAttrNeInt: {
        const RtValue& a = in.attrs[ins.arg];
        stack[sp++] = a.known ? Bool(a.i != static_cast<int32_t>(ins.num)) : Missing();
        break;
      }
      // Loads. A missing attribute or fact is pushed as it is (known = false).
      case Op::kConstNum:
        stack[sp++] = RtValue{ins.num, 0, true};
        break;
      case Op::kConstInt:
        stack[sp++] = RtValue{0, ins.arg, true};
        break;
      case Op::kAttr:
        stack[sp++] = in.attrs[ins.arg];
        break;
      case Op::kFact:
        stack[sp++] = in.facts[ins.arg];
        break;
      case Op::kQuantity:
        stack[sp++] = in.quantity;
        break;
      // Arithmetic: unknown in, unknown out; Num() also makes non-finite results unknown.
      case Op::kAdd:
        *second = second->known && top->known ? Num(second->num + top->num) : Missing();
        --sp;
        break;
      case Op::kSub:
        *second = second->known && top->known ? Num(second->num - top->num) : Missing();
        --sp;
        break;
      case Op::kMul:
        *second = second->known && top->known ? Num(second->num * top->num) : Missing();
        --sp;
        break;
      case Op::kDiv:  // division by zero is undefined, i.e. unknown (never infinity or an error)
        *second =
            second->known && top->known && top->num != 0 ? Num(second->num / top->num) : Missing();
        --sp;
        break;
      case Op::kMin:
        *second = second->known && top->known ? Num(std::min(second->num, top->num)) : Missing();
        --sp;
        break;
      case Op::kMax:
        *second = second->known && top->known ? Num(std::max(second->num, top->num)) : Missing();
        --sp;
        break;
      case Op::kNeg:
        *top = top->known ? Num(-top->num) : Missing();
        break;
      // Comparisons on two stack values: Num for numbers, Int for bools, dates (days), countries
      // (CountryIndex) and strings (interned ids), which compare equal exactly when equal.
      case Op::kEqNum:
        *second = CmpNum(*second, *top, [](double a, double b) { return a == b; });
        --sp;
        break;
      case Op::kNeNum:
        *second = CmpNum(*second, *top, [](double a, double b) { return a != b; });
        --sp;
        break;
      case Op::kLtNum:
        *second = CmpNum(*second, *top, [](double a, double b) { return a < b; });
        --sp;
        break;
      case Op::kLeNum:
        *second = CmpNum(*second, *top, [](double a, double b) { return a <= b; });
        --sp;
        break;
      case Op::kGtNum:
        *second = CmpNum(*second, *top, [](double a, double b) { return a > b; });
        --sp;
        break;
      case Op::kGeNum:
        *second = CmpNum(*second, *top, [](double a, double b) { return a >= b; });
        --sp;
        break;
      case Op::kEqInt:
        *second = CmpInt(*second, *top, [](int a, int b) { return a == b; });
        --sp;
        break;
      case Op::kNeInt:
        *second = CmpInt(*second, *top, [](int a, int b) { return a != b; });
        --sp;
        break;
      case Op::kLtInt:
        *second = CmpInt(*second, *top, [](int a, int b) { return a < b; });
        --sp;
        break;
      case Op::kLeInt:
        *second = CmpInt(*second, *top, [](int a, int b) { return a <= b; });
        --sp;
        break;
      case Op::kGtInt:
        *second = CmpInt(*second, *top, [](int a, int b) { return a > b; });
        --sp;
        break;
      case Op::kGeInt:
        *second = CmpInt(*second, *top, [](int a, int b) { return a >= b; });
        --sp;
        break;
      case Op::kAnd:
        *second = And(*second, *top);
        --sp;
        break;
      case Op::kOr:
        *second = Or(*second, *top);
        --sp;
        break;
      case Op::kNot:
        *top = top->known ? Bool(!top->i) : Missing();
        break;
      // Membership: the set is this epoch's precomputed bitset for the set id; a negative
      // country index (not two letters) is in no set.
      case Op::kInSet:
        *top = top->known
                   ? Bool(top->i >= 0 && in.epoch->sets[ins.arg].test(static_cast<size_t>(top->i)))
                   : Missing();
        break;
      case Op::kInList: {  // the compiler sorted the list of interned ids
        const auto& list = in.program->lists[ins.arg];
        *top = top->known ? Bool(std::binary_search(list.begin(), list.end(), top->i)) : Missing();
        break;
      }
      // known() is never unknown: it reads a presence bit.
      case Op::kKnownAttr:
        stack[sp++] = Bool((in.present >> ins.arg) & 1);
        break;
      case Op::kKnownFact:
        stack[sp++] = Bool((in.fact_present >> ins.arg) & 1);
        break;
      case Op::kIs:
        stack[sp++] = FromTri(in.name_state[ins.arg]);
        break;
      case Op::kContains:
        stack[sp++] = FromTri(in.contains[ins.arg]);
        break;
    }
  }
  return sp > 0 ? stack[sp - 1] : Bool(true);
}

}  // namespace

RtValue RunValue(const Code& code, const VmInput& in) { return Exec(code, in); }

// Empty code (an absent `when`) is true without running the loop.
Tri RunPredicate(const Code& code, const VmInput& in) {
  if (code.instrs.empty()) return kTrue;
  RtValue v = Exec(code, in);
  if (!v.known) return kUnknown;
  return v.i ? kTrue : kFalse;
}

}  // namespace chipgate
