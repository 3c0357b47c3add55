// Stack VM. A tight switch loop over postfix instructions; the stack is a fixed array sized by
// the compiler's bound (kMaxStack), so evaluation never allocates.
#include "eval/vm.h"

#include <algorithm>
#include <cmath>

namespace chipgate {
namespace {

RtValue Bool(bool b) { return RtValue{0, b ? 1 : 0, true}; }
RtValue Missing() { return RtValue{}; }
RtValue FromTri(uint8_t t) { return t == kUnknown ? Missing() : Bool(t == kTrue); }

RtValue Num(double v) {
  if (!std::isfinite(v)) return Missing();  // 0-area division and overflow are undefined data
  return RtValue{v, 0, true};
}

template <typename F>
RtValue CmpNum(const RtValue& a, const RtValue& b, F f) {
  return a.known && b.known ? Bool(f(a.num, b.num)) : Missing();
}
template <typename F>
RtValue CmpInt(const RtValue& a, const RtValue& b, F f) {
  return a.known && b.known ? Bool(f(a.i, b.i)) : Missing();
}

RtValue And(const RtValue& a, const RtValue& b) {
  if ((a.known && !a.i) || (b.known && !b.i)) return Bool(false);
  return a.known && b.known ? Bool(true) : Missing();
}
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
      case Op::kJumpIfFalse:
        if (top->known && !top->i) pc = begin + ins.arg - 1;
        break;
      case Op::kJumpIfTrue:
        if (top->known && top->i) pc = begin + ins.arg - 1;
        break;
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
      case Op::kDiv:
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
      case Op::kInSet:
        *top = top->known
                   ? Bool(top->i >= 0 && in.epoch->sets[ins.arg].test(static_cast<size_t>(top->i)))
                   : Missing();
        break;
      case Op::kInList: {
        const auto& list = in.program->lists[ins.arg];
        *top = top->known ? Bool(std::binary_search(list.begin(), list.end(), top->i)) : Missing();
        break;
      }
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

Tri RunPredicate(const Code& code, const VmInput& in) {
  if (code.instrs.empty()) return kTrue;
  RtValue v = Exec(code, in);
  if (!v.known) return kUnknown;
  return v.i ? kTrue : kFalse;
}

}  // namespace chipgate
