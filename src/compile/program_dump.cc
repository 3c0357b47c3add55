// Program dump (program_dump.h). Only for people and tests: nothing reads it back, and nothing
// on the evaluation path calls it.
#include "compile/program_dump.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "ast/expr.h"
#include "ast/fact_catalog.h"

namespace chipgate {
namespace {

// Shortest text that reads back as the same double (1599.99, 4800, 0.5).
std::string Num(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : "?";
}

// A date, with the open ends of the timeline named.
std::string Day(Date d) {
  if (d == kMinDate) return "start";
  if (d == kMaxDate) return "end";
  return FormatDate(d);
}

// Numbers separated by spaces; "-" for none, so every line has a value to read.
template <typename T>
std::string Join(const std::vector<T>& v) {
  if (v.empty()) return "-";
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : " ") + std::to_string(x);
  return out;
}

std::string Country(int index) {
  char cc[3];
  CountryCode(index, cc);
  return cc;
}

// The operand of one instruction, named where the program knows a name for it.
std::string Operand(const Program& p, const Instr& in) {
  auto attr = [&](int32_t slot) {
    return slot >= 0 && static_cast<size_t>(slot) < p.attrs.size() ? p.attrs[slot].name
                                                                   : "#" + std::to_string(slot);
  };
  auto fact = [&](int32_t f) {
    return f >= 0 && f < kFactCount ? std::string(kFacts[f].name) : "#" + std::to_string(f);
  };
  auto name = [&](int32_t n) {
    return n >= 0 && static_cast<size_t>(n) < p.class_names.size() ? p.class_names[n]
                                                                   : "#" + std::to_string(n);
  };
  switch (in.op) {
    case Op::kConstNum:
      return Num(in.num);
    case Op::kConstInt:
      return std::to_string(in.arg);
    case Op::kAttr:
    case Op::kKnownAttr:
      return attr(in.arg);
    case Op::kFact:
    case Op::kKnownFact:
      return fact(in.arg);
    case Op::kInSet:
      return "set " + std::to_string(in.arg);
    case Op::kInList:
      return "list " + std::to_string(in.arg);
    case Op::kIs:
    case Op::kContains:
      return name(in.arg);
    case Op::kJumpIfFalse:
    case Op::kJumpIfTrue:
      return "-> " + std::to_string(in.arg);
    case Op::kAttrLtNum:
    case Op::kAttrLeNum:
    case Op::kAttrGtNum:
    case Op::kAttrGeNum:
    case Op::kAttrEqNum:
    case Op::kAttrNeNum:
      return attr(in.arg) + " " + Num(in.num);
    case Op::kAttrEqInt:
    case Op::kAttrNeInt:
      return attr(in.arg) + " " + std::to_string(static_cast<int32_t>(in.num));
    default:
      return "";
  }
}

// Names of the bits set in a mask of attribute slots or facts.
std::string Reads(const Program& p, const Code& code) {
  std::string out;
  for (size_t a = 0; a < p.attrs.size(); ++a) {
    if ((code.attr_refs >> a) & 1) out += " " + p.attrs[a].name;
  }
  for (int f = 0; f < kFactCount; ++f) {
    if ((code.fact_refs >> f) & 1) out += " " + std::string(kFacts[f].name);
  }
  return out.empty() ? "" : " reads" + out;
}

// Attribute slots: type, enum value ids, constraints, and the code of derived ones.
void Attributes(const Program& p, std::string& out) {
  out += "attributes\n";
  for (size_t a = 0; a < p.attrs.size(); ++a) {
    const AttrInfo& ai = p.attrs[a];
    out += "  " + std::to_string(a) + " " + ai.name + " " + TypeName(static_cast<Type>(ai.type));
    if (!ai.enum_ids.empty()) out += " values " + Join(ai.enum_ids);
    if (ai.positive) out += " positive";
    if (ai.min > -1e308) out += " min " + Num(ai.min);
    if (!ai.requires_contents.empty()) out += " requires_contents " + Join(ai.requires_contents);
    if (ai.from_components) out += " from_components";
    out += "\n";
    if (ai.derived) out += DumpCode(p, ai.code, "    ");
  }
  out += "derived order " + Join(p.derived_order) + "\n";
}

// The string table is a hash map: sorted by id here so the dump is deterministic.
void Strings(const Program& p, std::string& out) {
  std::vector<std::pair<int32_t, std::string>> by_id;
  for (const auto& [text, id] : p.strings) by_id.emplace_back(id, text);
  std::sort(by_id.begin(), by_id.end());
  out += "strings\n";
  for (const auto& [id, text] : by_id) out += "  " + std::to_string(id) + " '" + text + "'\n";
  out += "lists\n";
  for (size_t l = 0; l < p.lists.size(); ++l)
    out += "  " + std::to_string(l) + " " + Join(p.lists[l]) + "\n";
}

// Class names, then each class, rule and exception with its references and code. Rules print
// their decision, class names (`any` for classes: any) and, when switched off, `disabled`
// with the pack's reason.
void ClassesAndRules(const Program& p, std::string& out) {
  out += "class names\n";
  for (size_t n = 0; n < p.class_names.size(); ++n) {
    out += "  " + std::to_string(n) + " " + p.class_names[n] + " classes " +
           Join(p.classes_of_name[n]) + "\n";
  }
  out += "classes\n";
  for (size_t c = 0; c < p.classes.size(); ++c) {
    const ClassInfo& ci = p.classes[c];
    out += "  " + std::to_string(c) + " " + ci.id + " paragraph " + ci.paragraph + "\n";
    out += DumpCode(p, ci.when, "    ");
  }
  out += "rules\n";
  for (size_t r = 0; r < p.rules.size(); ++r) {
    const RuleInfo& ri = p.rules[r];
    out += "  " + std::to_string(r) + " " + ri.id + " " + std::string(DecisionName(ri.decision)) +
           " classes";
    if (ri.any_item) out += " any";
    for (int n : ri.class_names) out += " " + p.class_names[n];
    if (!ri.enabled)
      out += " disabled" + (ri.disabled_reason.empty() ? "" : " (" + ri.disabled_reason + ")");
    out += "\n" + DumpCode(p, ri.when, "    ");
  }
  out += "exceptions\n";
  for (size_t e = 0; e < p.exceptions.size(); ++e) {
    const ExceptionInfo& ei = p.exceptions[e];
    out += "  " + std::to_string(e) + " " + ei.id + " code " + ei.code + " covers " +
           Join(ei.covers) + " classes";
    for (int n : ei.class_names) out += " " + p.class_names[n];
    out += "\n" + DumpCode(p, ei.when, "    ");
  }
}

void Others(const Program& p, std::string& out) {
  out += "parties\n";
  for (size_t i = 0; i < p.parties.size(); ++i) {
    const PartyInfo& pi = p.parties[i];
    out += "  " + std::to_string(i) + " " + pi.id + " `" + pi.name + "` " +
           std::string(DecisionName(pi.effect)) + "\n";
  }
  out += "end uses\n";
  for (size_t i = 0; i < p.end_uses.size(); ++i)
    out += "  " + std::to_string(i) + " " + p.end_uses[i].id + " string " +
           std::to_string(p.end_uses[i].string_id) + "\n";
  out += "notes\n";
  for (const auto& n : p.notes)
    out += "  " + n.id + " from " + Day(n.from) + " until " + Day(n.until) + "\n";
  // Only a pack with the rule prints the section, so other packs' dumps are unchanged.
  const AffiliatesInfo& a = p.affiliates;
  if (!a.present) return;
  char threshold[32];
  std::snprintf(threshold, sizeof threshold, "%g", a.threshold * 100);
  out += "affiliates " + a.id + " threshold " + threshold + " unknown ownership " +
         (a.unknown_review ? "review" : "note") + "\n  counted parties";
  for (size_t i = 0; i < a.party_counts.size(); ++i) {
    if (a.party_counts[i]) out += " " + std::to_string(i);
  }
  out += "\n";
  for (const auto& period : a.periods) {
    out += "  " + std::string(period.in_force ? "in force" : "suspended") + " from " +
           Day(period.from) + " until " + Day(period.until) + "\n";
  }
}

// Each epoch's index as the evaluator sees it; empty rule buckets are left out, and each set
// prints its member codes in index (alphabetical) order.
void Epochs(const Program& p, std::string& out) {
  for (size_t e = 0; e < p.epochs.size(); ++e) {
    const Epoch& ep = p.epochs[e];
    out += "epoch " + std::to_string(e) + " from " + Day(ep.from) + "\n";
    out += "  classes " + Join(ep.classes) + "\n";
    std::string buckets;
    for (size_t n = 0; n < ep.rules_by_name.size(); ++n) {
      if (ep.rules_by_name[n].empty()) continue;
      buckets +=
          (buckets.empty() ? "" : "; ") + p.class_names[n] + ": " + Join(ep.rules_by_name[n]);
    }
    out += "  rules by name " + (buckets.empty() ? "-" : buckets) + "\n";
    out += "  any rules " + Join(ep.any_rules) + "\n";
    out += "  exceptions " + Join(ep.exceptions) + "\n";
    out += "  parties " + Join(std::vector<int>(ep.party_active.begin(), ep.party_active.end())) +
           "\n";
    for (size_t s = 0; s < ep.sets.size(); ++s) {
      out += "  set " + std::to_string(s) + ":";
      for (size_t c = 0; c < ep.sets[s].size(); ++c) {
        if (ep.sets[s].test(c)) out += " " + Country(static_cast<int>(c));
      }
      out += "\n";
    }
  }
  out += "changes\n";
  for (const auto& ch : p.changes) out += "  " + Day(ch.date) + " " + ch.what + "\n";
}

}  // namespace

// Names follow the enum (kJumpIfFalse -> JumpIfFalse) so a dump line can be found in vm.cc.
const char* OpName(Op op) {
  switch (op) {
    case Op::kConstNum:
      return "ConstNum";
    case Op::kConstInt:
      return "ConstInt";
    case Op::kAttr:
      return "Attr";
    case Op::kFact:
      return "Fact";
    case Op::kAdd:
      return "Add";
    case Op::kSub:
      return "Sub";
    case Op::kMul:
      return "Mul";
    case Op::kDiv:
      return "Div";
    case Op::kNeg:
      return "Neg";
    case Op::kMin:
      return "Min";
    case Op::kMax:
      return "Max";
    case Op::kEqNum:
      return "EqNum";
    case Op::kNeNum:
      return "NeNum";
    case Op::kLtNum:
      return "LtNum";
    case Op::kLeNum:
      return "LeNum";
    case Op::kGtNum:
      return "GtNum";
    case Op::kGeNum:
      return "GeNum";
    case Op::kEqInt:
      return "EqInt";
    case Op::kNeInt:
      return "NeInt";
    case Op::kLtInt:
      return "LtInt";
    case Op::kLeInt:
      return "LeInt";
    case Op::kGtInt:
      return "GtInt";
    case Op::kGeInt:
      return "GeInt";
    case Op::kAnd:
      return "And";
    case Op::kOr:
      return "Or";
    case Op::kNot:
      return "Not";
    case Op::kInSet:
      return "InSet";
    case Op::kInList:
      return "InList";
    case Op::kKnownAttr:
      return "KnownAttr";
    case Op::kKnownFact:
      return "KnownFact";
    case Op::kIs:
      return "Is";
    case Op::kContains:
      return "Contains";
    case Op::kJumpIfFalse:
      return "JumpIfFalse";
    case Op::kJumpIfTrue:
      return "JumpIfTrue";
    case Op::kQuantity:
      return "Quantity";
    case Op::kAttrLtNum:
      return "AttrLtNum";
    case Op::kAttrLeNum:
      return "AttrLeNum";
    case Op::kAttrGtNum:
      return "AttrGtNum";
    case Op::kAttrGeNum:
      return "AttrGeNum";
    case Op::kAttrEqNum:
      return "AttrEqNum";
    case Op::kAttrNeNum:
      return "AttrNeNum";
    case Op::kAttrEqInt:
      return "AttrEqInt";
    case Op::kAttrNeInt:
      return "AttrNeInt";
  }
  return "?";
}

std::string DumpCode(const Program& p, const Code& code, const std::string& indent) {
  std::string out = indent + (code.text.empty() ? "always" : "\"" + code.text + "\"") +
                    (code.shipment_only ? " [shipment-only]" : "") + Reads(p, code) + "\n";
  for (size_t i = 0; i < code.instrs.size(); ++i) {
    const Instr& in = code.instrs[i];
    std::string operand = Operand(p, in);
    out += indent + std::to_string(i) + " " + OpName(in.op) + (operand.empty() ? "" : " ") +
           operand + "\n";
  }
  return out;
}

std::string DumpProgram(const Program& p) {
  std::string out = "pack " + p.pack_name + " version " +
                    (p.pack_version.empty() ? "-" : p.pack_version) + " coverage " +
                    Day(p.coverage_from) + " until " + Day(p.coverage_until) + "\n";
  Attributes(p, out);
  ClassesAndRules(p, out);
  Strings(p, out);
  Others(p, out);
  Epochs(p, out);
  return out;
}

}  // namespace chipgate
