// Compiler stages. Codegen emits postfix bytecode; set-valued subexpressions (country groups and
// their unions/differences) are not code but set ids, evaluated once per epoch here.
#include "compile/compiler.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "ast/fact_catalog.h"
#include "base/end_use_key.h"

namespace chipgate {
namespace {

constexpr size_t kMaxStack = 256;

class Compiler {
 public:
  Compiler(const Pack& pack, const CheckedPack& checked) : pack_(pack), checked_(checked) {}

  std::shared_ptr<const Program> Run() {
    auto p = std::make_shared<Program>();
    prog_ = p.get();
    // The stages in order; each reads what the ones before it filled in.
    static constexpr void (Compiler::*kStages[])() = {
        &Compiler::Header, &Compiler::Attributes, &Compiler::ClassNames, &Compiler::Classes,
        &Compiler::Rules,  &Compiler::Exceptions, &Compiler::Parties,    &Compiler::EndUses,
        &Compiler::Notes,  &Compiler::Epochs,
    };
    for (auto stage : kStages) (this->*stage)();
    return p;
  }

 private:
  int32_t Intern(const std::string& s) {
    auto [it, inserted] = prog_->strings.emplace(s, static_cast<int32_t>(prog_->strings.size()));
    return it->second;
  }

  void Header() {
    prog_->pack_name = pack_.info.name;
    prog_->pack_version = pack_.info.version;
    prog_->digest = pack_.digest;
    prog_->coverage_from = pack_.info.coverage.from;
    prog_->coverage_until = pack_.info.coverage.until;
  }

  // Every spelling's key maps to its end use; the ids are interned so the fact compares with
  // the literals in rules (which the validator restricted to these ids).
  void EndUses() {
    for (size_t i = 0; i < pack_.end_uses.size(); ++i) {
      const EndUseDecl& u = pack_.end_uses[i];
      prog_->end_uses.push_back({u.id, Intern(u.id)});
      prog_->end_use_keys.emplace(EndUseKey(u.id), static_cast<int>(i));
      for (const auto& a : u.aliases)
        prog_->end_use_keys.emplace(EndUseKey(a.name), static_cast<int>(i));
    }
  }

  void Notes() {
    for (const auto& n : pack_.notes) {
      prog_->notes.push_back({n.id, n.message, n.cite, n.effective.from, n.effective.until});
    }
  }

  void Attributes() {
    for (const auto& a : pack_.attributes) {
      AttrInfo info;
      info.name = a.name;
      info.type = static_cast<int>(a.type);
      for (const auto& v : a.values) info.enum_ids.push_back(Intern(v));
      info.derived = a.derived.root != nullptr;
      if (a.min) info.min = *a.min;
      info.positive = a.positive;
      for (const auto& v : a.requires_contents) info.requires_contents.push_back(Intern(v));
      info.from_components = a.from_components;
      prog_->attrs.push_back(std::move(info));
    }
    // Derived attributes in dependency order, so their inputs' refs are already expanded.
    for (int i : checked_.derived_order) {
      prog_->attrs[i].code = Gen(pack_.attributes[i].derived);
    }
    prog_->derived_order = checked_.derived_order;
  }

  void ClassNames() {
    auto name_index = [&](const std::string& n) {
      auto [it, inserted] =
          class_name_index_.emplace(n, static_cast<int>(prog_->class_names.size()));
      if (inserted) {
        prog_->class_names.push_back(n);
        prog_->classes_of_name.emplace_back();
      }
      return it->second;
    };
    for (size_t i = 0; i < pack_.classes.size(); ++i) {
      const auto& c = pack_.classes[i];
      int id = name_index(c.id), para = name_index(c.paragraph);
      prog_->classes_of_name[id].push_back(static_cast<int>(i));
      if (para != id) prog_->classes_of_name[para].push_back(static_cast<int>(i));
    }
  }

  std::vector<int> NameIds(const std::vector<NameRef>& refs) {
    std::vector<int> out;
    for (const auto& r : refs) out.push_back(class_name_index_.at(r.name));
    return out;
  }

  void Classes() {
    for (const auto& c : pack_.classes) {
      ClassInfo info;
      info.id = c.id;
      info.paragraph = c.paragraph;
      info.title = c.title;
      info.cite = c.cite;
      info.id_name = class_name_index_.at(c.id);
      info.paragraph_name = class_name_index_.at(c.paragraph);
      info.when = Gen(c.when);
      prog_->classes.push_back(std::move(info));
    }
  }

  void Rules() {
    for (const auto& r : pack_.rules) {
      RuleInfo info;
      info.id = r.id;
      info.cite = r.cite;
      info.message = r.message.empty() ? r.id : r.message;
      info.policy = r.policy;
      info.decision = r.decision;
      info.any_item = r.any_item;
      info.class_names = NameIds(r.classes);
      info.when = Gen(r.when);
      prog_->rules.push_back(std::move(info));
      if (!r.enabled) prog_->disabled_rules.push_back(r.id);
    }
  }

  void Exceptions() {
    std::map<std::string, int> rule_index;
    for (size_t i = 0; i < pack_.rules.size(); ++i)
      rule_index[pack_.rules[i].id] = static_cast<int>(i);
    for (const auto& e : pack_.exceptions) {
      ExceptionInfo info;
      info.id = e.id;
      info.code = e.code;
      info.cite = e.cite;
      for (const auto& ref : e.covers) info.covers.push_back(rule_index.at(ref.name));
      info.class_names = NameIds(e.classes);
      info.conditions = e.conditions;
      info.when = Gen(e.when);
      prog_->exceptions.push_back(std::move(info));
    }
  }

  // The party table, and the screener over every name and alias (name first, then aliases).
  void Parties() {
    std::vector<PartyName> names;
    for (size_t i = 0; i < pack_.parties.size(); ++i) {
      const auto& p = pack_.parties[i];
      std::string message = p.message.empty() ? "party on a restricted-party list" : p.message;
      prog_->parties.push_back({p.id, p.name, p.cite, message, p.list, p.footnote, p.effect});
      names.push_back({static_cast<int>(i), p.name});
      for (const auto& a : p.aliases) names.push_back({static_cast<int>(i), a});
    }
    prog_->party_screener = PartyScreener(names);
  }

  void Epochs() {
    std::set<Date> cuts{kMinDate};
    auto add = [&](const Effective& e) {
      if (e.from != kMinDate) cuts.insert(e.from);
      if (e.until != kMaxDate) cuts.insert(e.until);
    };
    for (const auto& g : pack_.groups) {
      for (const auto& m : g.members) add(m.effective);
    }
    for (const auto& c : pack_.classes) add(c.effective);
    for (const auto& r : pack_.rules) add(r.effective);
    for (const auto& e : pack_.exceptions) add(e.effective);
    for (const auto& p : pack_.parties) add(p.effective);
    for (Date from : cuts) prog_->epochs.push_back(BuildEpoch(from));
    RecordChanges();
  }

  // The list behind dated-change coverage: one entry per start or end of any dated entry.
  void RecordChanges() {
    auto add = [&](const Effective& e, const std::string& what, const char* starts,
                   const char* ends) {
      if (e.from != kMinDate) prog_->changes.push_back({e.from, what + " " + starts});
      if (e.until != kMaxDate) prog_->changes.push_back({e.until, what + " " + ends});
    };
    for (const auto& g : pack_.groups) {
      for (const auto& m : g.members) {
        add(m.effective, "`" + m.code + "`", ("joins country group `" + g.id + "`").c_str(),
            ("leaves country group `" + g.id + "`").c_str());
      }
    }
    for (const auto& c : pack_.classes)
      add(c.effective, "class `" + c.id + "`", "takes effect", "ends");
    for (const auto& r : pack_.rules) {
      if (r.enabled) add(r.effective, "license rule `" + r.id + "`", "takes effect", "ends");
    }
    for (const auto& e : pack_.exceptions) {
      if (e.enabled) add(e.effective, "exception `" + e.id + "`", "takes effect", "ends");
    }
    for (const auto& p : pack_.parties)
      add(p.effective, "party `" + p.id + "`", "is listed", "is removed");
    add(pack_.info.coverage, "the pack's coverage", "begins", "ends");
    for (const auto& n : pack_.notes) add(n.effective, "note `" + n.id + "`", "starts", "ends");
    std::stable_sort(
        prog_->changes.begin(), prog_->changes.end(),
        [](const Program::Change& a, const Program::Change& b) { return a.date < b.date; });
  }

  Epoch BuildEpoch(Date d) {
    Epoch ep;
    ep.from = d;
    for (int i : checked_.class_order) {
      if (pack_.classes[i].effective.Contains(d)) ep.classes.push_back(i);
    }
    ep.rules_by_name.resize(prog_->class_names.size());
    for (size_t i = 0; i < pack_.rules.size(); ++i) {
      const auto& r = pack_.rules[i];
      if (!r.enabled || !r.effective.Contains(d)) continue;
      if (r.any_item) ep.any_rules.push_back(static_cast<int>(i));
      for (int name : prog_->rules[i].class_names) {
        auto& bucket = ep.rules_by_name[name];
        if (bucket.empty() || bucket.back() != static_cast<int>(i))
          bucket.push_back(static_cast<int>(i));
      }
    }
    for (size_t i = 0; i < pack_.exceptions.size(); ++i) {
      const auto& e = pack_.exceptions[i];
      if (e.enabled && e.effective.Contains(d)) ep.exceptions.push_back(static_cast<int>(i));
    }
    for (const auto& p : pack_.parties) ep.party_active.push_back(p.effective.Contains(d) ? 1 : 0);
    for (const Expr* s : set_exprs_) ep.sets.push_back(EvalSet(*s, d));
    return ep;
  }

  CountrySet EvalSet(const Expr& e, Date d) {
    CountrySet out;
    if (e.ref_kind == RefKind::kGroup) {
      for (const auto& m : pack_.groups[e.ref].members) {
        if (m.effective.Contains(d)) out.set(CountryIndex(m.code));
      }
    } else if (e.kind == ExprKind::kList) {
      for (const auto& a : e.args) out |= EvalSet(*a, d);
    } else if (e.kind == ExprKind::kString) {
      out.set(CountryIndex(e.text));
    } else if (e.kind == ExprKind::kBinary) {
      CountrySet l = EvalSet(*e.args[0], d), r = EvalSet(*e.args[1], d);
      out = e.text == "|" ? (l | r) : e.text == "&" ? (l & r) : (l & ~r);
    }
    return out;
  }

  // ---- code generation ----
  static bool ReadsItem(const Instr& in) {
    switch (in.op) {
      case Op::kAttr:
      case Op::kKnownAttr:
      case Op::kIs:
      case Op::kContains:
      case Op::kQuantity:
      case Op::kAttrLtNum:
      case Op::kAttrLeNum:
      case Op::kAttrGtNum:
      case Op::kAttrGeNum:
      case Op::kAttrEqNum:
      case Op::kAttrNeNum:
      case Op::kAttrEqInt:
      case Op::kAttrNeInt:
        return true;
      default:
        return false;
    }
  }

  Code Gen(const ExprSource& src) {
    Code code;
    code.text = src.text;
    if (src.root) {
      depth_ = max_depth_ = 0;
      Emit(*src.root, code);
      if (max_depth_ > static_cast<int>(kMaxStack))
        throw std::length_error("expression too deep to compile");
    }
    code.shipment_only =
        code.attr_refs == 0 && std::none_of(code.instrs.begin(), code.instrs.end(), ReadsItem);
    return code;
  }

  void Push(Code& code, Instr in, int delta) {
    code.instrs.push_back(in);
    depth_ += delta;
    max_depth_ = std::max(max_depth_, depth_);
  }

  void Emit(const Expr& e, Code& code) {
    switch (e.kind) {
      case ExprKind::kNumber:
        return Push(code, {Op::kConstNum, 0, e.number}, 1);
      case ExprKind::kBool:
        return Push(code, {Op::kConstInt, e.boolean ? 1 : 0}, 1);
      case ExprKind::kDate:
        return Push(code, {Op::kConstInt, e.date_days}, 1);
      case ExprKind::kString:
        return Push(code, {Op::kConstInt, e.type == Type::kCountry ? e.ref : Intern(e.text)}, 1);
      case ExprKind::kName:
        if (e.ref_kind == RefKind::kAttribute) {
          code.attr_refs |= uint64_t{1} << e.ref;
          code.attr_refs |= prog_->attrs[e.ref].code.attr_refs;
          return Push(code, {Op::kAttr, e.ref}, 1);
        }
        code.fact_refs |= 1u << e.ref;
        return Push(code, {e.ref == kFactQuantity ? Op::kQuantity : Op::kFact, e.ref}, 1);
      case ExprKind::kList:
        throw std::logic_error("list outside `in`");
      case ExprKind::kUnary:
        Emit(*e.args[0], code);
        return Push(code, {e.text == "not" ? Op::kNot : Op::kNeg}, 0);
      case ExprKind::kBinary:
        return EmitBinary(e, code);
      case ExprKind::kCall:
        return EmitCall(e, code);
    }
  }

  // `attribute <cmp> literal` as one instruction; false when `e` has another shape.
  bool EmitFusedCompare(const Expr& e, Code& code) {
    static const std::map<std::string, std::pair<Op, Op>> kFused = {
        {"<", {Op::kAttrLtNum, Op::kAttrLtNum}},  {"<=", {Op::kAttrLeNum, Op::kAttrLeNum}},
        {">", {Op::kAttrGtNum, Op::kAttrGtNum}},  {">=", {Op::kAttrGeNum, Op::kAttrGeNum}},
        {"==", {Op::kAttrEqNum, Op::kAttrEqInt}}, {"!=", {Op::kAttrNeNum, Op::kAttrNeInt}},
    };
    const Expr& l = *e.args[0];
    const Expr& r = *e.args[1];
    auto it = kFused.find(e.text);
    if (it == kFused.end() || l.kind != ExprKind::kName || l.ref_kind != RefKind::kAttribute)
      return false;
    double constant = 0;
    bool num = l.type == Type::kNumber;
    if (num && r.kind == ExprKind::kNumber) {
      constant = r.number;
    } else if (!num && (l.type == Type::kString || l.type == Type::kBool) &&
               r.kind == ExprKind::kString) {
      if (e.text != "==" && e.text != "!=") return false;
      constant = Intern(r.text);
    } else {
      return false;
    }
    code.attr_refs |= (uint64_t{1} << l.ref) | prog_->attrs[l.ref].code.attr_refs;
    Push(code, {num ? it->second.first : it->second.second, l.ref, constant}, 1);
    return true;
  }

  void EmitBinary(const Expr& e, Code& code) {
    const std::string& op = e.text;
    if (EmitFusedCompare(e, code)) return;
    if (op == "and" || op == "or") {
      Emit(*e.args[0], code);
      size_t jump = code.instrs.size();
      Push(code, {op == "and" ? Op::kJumpIfFalse : Op::kJumpIfTrue}, 0);
      Emit(*e.args[1], code);
      Push(code, {op == "and" ? Op::kAnd : Op::kOr}, -1);
      code.instrs[jump].arg = static_cast<int32_t>(code.instrs.size());
      return;
    }
    Emit(*e.args[0], code);
    if (op == "in") {
      if (e.args[0]->type == Type::kCountry) {
        set_exprs_.push_back(e.args[1].get());
        return Push(code, {Op::kInSet, static_cast<int32_t>(set_exprs_.size() - 1)}, 0);
      }
      std::vector<int32_t> ids;
      for (const auto& a : e.args[1]->args) ids.push_back(Intern(a->text));
      std::sort(ids.begin(), ids.end());
      prog_->lists.push_back(std::move(ids));
      return Push(code, {Op::kInList, static_cast<int32_t>(prog_->lists.size() - 1)}, 0);
    }
    Emit(*e.args[1], code);
    bool num = e.args[0]->type == Type::kNumber;
    static const std::map<std::string, std::pair<Op, Op>> kOps = {
        {"==", {Op::kEqNum, Op::kEqInt}}, {"!=", {Op::kNeNum, Op::kNeInt}},
        {"<", {Op::kLtNum, Op::kLtInt}},  {"<=", {Op::kLeNum, Op::kLeInt}},
        {">", {Op::kGtNum, Op::kGtInt}},  {">=", {Op::kGeNum, Op::kGeInt}},
        {"and", {Op::kAnd, Op::kAnd}},    {"or", {Op::kOr, Op::kOr}},
        {"+", {Op::kAdd, Op::kAdd}},      {"-", {Op::kSub, Op::kSub}},
        {"*", {Op::kMul, Op::kMul}},      {"/", {Op::kDiv, Op::kDiv}},
    };
    const auto& ops = kOps.at(op);
    Push(code, {num ? ops.first : ops.second}, -1);
  }

  void EmitCall(const Expr& e, Code& code) {
    const Expr& a = *e.args[0];
    if (e.text == "known") {
      return Push(code,
                  {a.ref_kind == RefKind::kAttribute ? Op::kKnownAttr : Op::kKnownFact, a.ref}, 1);
    }
    if (e.text == "is" || e.text == "contains") {
      int name = class_name_index_.at(a.text);
      return Push(code, {e.text == "is" ? Op::kIs : Op::kContains, name}, 1);
    }
    Emit(a, code);
    Emit(*e.args[1], code);
    Push(code, {e.text == "min" ? Op::kMin : Op::kMax}, -1);
  }

  const Pack& pack_;
  const CheckedPack& checked_;
  Program* prog_ = nullptr;
  std::map<std::string, int> class_name_index_;
  std::vector<const Expr*> set_exprs_;
  int depth_ = 0, max_depth_ = 0;
};

}  // namespace

int Program::EpochIndex(Date d) const {
  auto it = std::upper_bound(epochs.begin(), epochs.end(), d,
                             [](Date v, const Epoch& e) { return v < e.from; });
  return static_cast<int>(it - epochs.begin()) - 1;
}

std::shared_ptr<const Program> Compile(const Pack& pack, const CheckedPack& checked) {
  return Compiler(pack, checked).Run();
}

}  // namespace chipgate
