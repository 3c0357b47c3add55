// Compiler stages. Codegen emits postfix bytecode; set-valued subexpressions (country groups and
// their unions/differences) are not code but set ids, evaluated once per epoch here.
// Input contract: the pack validated without errors, so every name is resolved (Expr::ref), every
// node has its type, and the dependency orders in CheckedPack are complete. Nothing is checked
// again; an impossible shape is a logic_error. The Program's layout is described in program.h and
// docs/architecture.md; DumpProgram (program_dump.h) prints what this file produced.
#include "compile/compiler.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "ast/fact_catalog.h"
#include "base/end_use_key.h"
#include "base/string_key.h"
#include "validate/expr_checker.h"

namespace chipgate {
namespace {

// The VM's fixed stack size (vm.cc); Gen refuses code that could need more. The parser's node
// limit keeps real expressions far below it.
constexpr size_t kMaxStack = 256;

class Compiler {
 public:
  Compiler(const Pack& pack, const CheckedPack& checked) : pack_(pack), checked_(checked) {}

  // Stages run in this order because later ones read what earlier ones built: class names
  // before classes, rules and exceptions (which refer to names by index), attributes before any
  // code (derived attributes' read masks are folded into the code that reads them), and epochs
  // last (they index classes, rules, exceptions, parties and the set ids codegen collected).
  std::shared_ptr<const Program> Run() {
    auto p = std::make_shared<Program>();
    prog_ = p.get();
    // The stages in order; each reads what the ones before it filled in.
    static constexpr void (Compiler::*kStages[])() = {
        &Compiler::Header, &Compiler::Attributes, &Compiler::ClassNames, &Compiler::Classes,
        &Compiler::Rules,  &Compiler::Exceptions, &Compiler::Parties,    &Compiler::EndUses,
        &Compiler::Notes,  &Compiler::Epochs,     &Compiler::Audit,      &Compiler::Affiliates,
    };
    for (auto stage : kStages) (this->*stage)();
    return p;
  }

 private:
  // The id of `s` in the program's string table, adding it if new. Ids are dense, in order of
  // first use, so the same pack always gets the same ids.
  int32_t Intern(const std::string& s) {
    auto [it, inserted] = prog_->strings.emplace(s, static_cast<int32_t>(prog_->strings.size()));
    return it->second;
  }

  // A pack loaded alone has no `layers`: it is its own single layer. A stack's name and version
  // join its packs' with `+`.
  void Header() {
    prog_->pack_name = pack_.info.name;
    prog_->pack_version = pack_.info.version;
    prog_->digest = pack_.digest;
    for (const auto& l : pack_.layers) {
      prog_->layers.push_back({l.name, l.version, l.digest, static_cast<int>(l.first_group),
                               static_cast<int>(l.first_class), static_cast<int>(l.first_rule),
                               static_cast<int>(l.first_exception), static_cast<int>(l.first_party),
                               static_cast<int>(l.first_note)});
    }
    if (prog_->layers.empty())
      prog_->layers.push_back({pack_.info.name, pack_.info.version, pack_.digest});
    for (size_t i = 1; i < prog_->layers.size(); ++i) {
      prog_->pack_name += "+" + prog_->layers[i].name;
      prog_->pack_version += "+" + prog_->layers[i].version;
    }
    prog_->coverage_from = pack_.info.coverage.from;
    prog_->coverage_until = pack_.info.coverage.until;
    auto cite = [&](const char* id) {
      auto it = pack_.info.reason_cites.find(id);
      return it == pack_.info.reason_cites.end() ? std::string() : it->second;
    };
    BuiltinCites& c = prog_->builtin_cites;
    c.item_data = cite("item-data");
    c.bill_of_materials = cite("bill-of-materials");
    c.contents_contradiction = cite("contents-contradiction");
    c.pack_coverage = cite("pack-coverage");
    c.end_use = cite("end-use");
    c.uncontrolled = cite("uncontrolled");
    c.party_conflict = cite("party-conflict");
  }

  // The affiliates rule: which parties count as listed owners (by their `list`), the threshold as
  // a fraction, and each period with the citation its reasons show.
  void Affiliates() {
    const AffiliatesDecl& d = pack_.affiliates;
    AffiliatesInfo& a = prog_->affiliates;
    if (!d.present()) return;
    a.present = true;
    a.id = d.id;
    a.message = d.message;
    a.threshold = d.threshold / 100;
    a.unknown_review = d.unknown_ownership == UnknownOwnership::kReview;
    for (const auto& l : d.lists) a.lists.push_back(l.name);
    for (const auto& p : pack_.parties) {
      bool counts = false;
      for (const auto& l : d.lists) counts |= !p.list.empty() && l.name == p.list;
      a.party_counts.push_back(counts ? 1 : 0);
    }
    for (const auto& p : d.periods) {
      std::string cite = d.cite + (p.cite.empty() ? "" : "; " + p.cite);
      a.periods.push_back({p.effective.from, p.effective.until, p.in_force, std::move(cite)});
    }
  }

  // The audit's view of the pack: controlled families, comparison destinations (a group stands
  // for every country that is ever its member, in member order), and the audit's citations.
  void Audit() {
    static_assert(std::size(kAuditReasonIds) == std::tuple_size_v<decltype(AuditInfo::cites)>);
    AuditInfo& a = prog_->audit;
    for (const auto& c : pack_.classes) {
      if (c.controlled.value_or(false)) a.controlled_families.push_back(ClassFamily(c.id));
    }
    std::sort(a.controlled_families.begin(), a.controlled_families.end());
    a.controlled_families.erase(
        std::unique(a.controlled_families.begin(), a.controlled_families.end()),
        a.controlled_families.end());
    std::set<std::string> seen;
    auto add = [&](const std::string& code) {
      if (seen.insert(code).second) a.compare_destinations.push_back(code);
    };
    for (const auto& d : pack_.audit.compare_destinations) {
      auto g = std::find_if(pack_.groups.begin(), pack_.groups.end(),
                            [&](const CountryGroupDecl& g) { return g.id == d.name; });
      if (g == pack_.groups.end()) {
        add(d.name);
      } else {
        for (const auto& m : g->members) add(m.code);
      }
    }
    for (size_t i = 0; i < a.cites.size(); ++i) {
      auto it = pack_.audit.reason_cites.find(kAuditReasonIds[i]);
      if (it != pack_.audit.reason_cites.end()) a.cites[i] = it->second;
    }
    for (const auto& r : pack_.audit.headquarters_rules) a.headquarters_rules.push_back(r.name);
    std::sort(a.headquarters_rules.begin(), a.headquarters_rules.end());
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

  // Class ids and paragraph ids share one index of names: rules, exceptions and is()/contains()
  // refer to either, and a name covers every class having it as id or paragraph.
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

  // Disabled rules are compiled (with their reason, for explain) but left out of every epoch.
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
      info.enabled = r.enabled;
      info.disabled_reason = r.disabled_reason;
      info.when = Gen(r.when);
      prog_->rules.push_back(std::move(info));
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

  // Every date on which something starts or ends cuts the timeline; each cut starts an epoch,
  // and epoch 0 starts at kMinDate, so EpochIndex always finds one.
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

  // The layer (pack of a stack) that entry `index` of a table belongs to: the last layer whose
  // first index in that table is at or below it.
  int LayerOf(int PackLayerInfo::*first, size_t index) const {
    int layer = 0;
    for (size_t l = 1; l < prog_->layers.size(); ++l) {
      if (prog_->layers[l].*first <= static_cast<int>(index)) layer = static_cast<int>(l);
    }
    return layer;
  }

  // The list behind dated-change coverage: one entry per start or end of any dated entry, with
  // the pack the entry came from (a stacked pack's tests cover its own changes).
  void RecordChanges() {
    int layer = 0;
    // `change` is the typed record (its date and `starts` are set here); `what` the text.
    auto add = [&](const Effective& e, const std::string& what, const char* starts,
                   const char* ends, PackChange change) {
      if (e.from != kMinDate) {
        change.date = e.from;
        change.starts = true;
        prog_->changes.push_back({e.from, what + " " + starts, layer, change});
      }
      if (e.until != kMaxDate) {
        change.date = e.until;
        change.starts = false;
        prog_->changes.push_back({e.until, what + " " + ends, layer, change});
      }
    };
    using K = PackChangeKind;
    auto typed = [](K kind, const std::string& id, const std::string& cite,
                    const std::string& country = "") {
      PackChange c;
      c.kind = kind;
      c.id = id;
      c.cite = cite;
      c.country = country;
      return c;
    };
    for (size_t i = 0; i < pack_.groups.size(); ++i) {
      const auto& g = pack_.groups[i];
      layer = LayerOf(&PackLayerInfo::first_group, i);
      for (const auto& m : g.members) {
        add(m.effective, "`" + m.code + "`", ("joins country group `" + g.id + "`").c_str(),
            ("leaves country group `" + g.id + "`").c_str(),
            typed(K::kGroupMember, g.id, m.cite.empty() ? g.cite : m.cite, m.code));
      }
    }
    for (size_t i = 0; i < pack_.classes.size(); ++i) {
      const auto& c = pack_.classes[i];
      layer = LayerOf(&PackLayerInfo::first_class, i);
      add(c.effective, "class `" + c.id + "`", "takes effect", "ends",
          typed(K::kClass, c.id, c.cite));
    }
    for (size_t i = 0; i < pack_.rules.size(); ++i) {
      const auto& r = pack_.rules[i];
      layer = LayerOf(&PackLayerInfo::first_rule, i);
      if (r.enabled)
        add(r.effective, "license rule `" + r.id + "`", "takes effect", "ends",
            typed(K::kRule, r.id, r.cite));
    }
    for (size_t i = 0; i < pack_.exceptions.size(); ++i) {
      const auto& e = pack_.exceptions[i];
      layer = LayerOf(&PackLayerInfo::first_exception, i);
      if (e.enabled)
        add(e.effective, "exception `" + e.id + "`", "takes effect", "ends",
            typed(K::kException, e.id, e.cite));
    }
    for (size_t i = 0; i < pack_.parties.size(); ++i) {
      const auto& p = pack_.parties[i];
      layer = LayerOf(&PackLayerInfo::first_party, i);
      add(p.effective, "party `" + p.id + "`", "is listed", "is removed",
          typed(K::kParty, p.id, p.cite));
    }
    layer = 0;  // the coverage is the base pack's
    add(pack_.info.coverage, "the pack's coverage", "begins", "ends", typed(K::kCoverage, "", ""));
    for (size_t i = 0; i < pack_.notes.size(); ++i) {
      const auto& n = pack_.notes[i];
      layer = LayerOf(&PackLayerInfo::first_note, i);
      add(n.effective, "note `" + n.id + "`", "starts", "ends", typed(K::kNote, n.id, n.cite));
    }
    layer = 0;  // only the base pack may have an affiliates section (E321 otherwise)
    for (const auto& p : pack_.affiliates.periods) {
      // A suspension's start ends the rule's force, and its end restores it.
      PackChange change = typed(K::kAffiliates, pack_.affiliates.id,
                                p.cite.empty() ? pack_.affiliates.cite : p.cite);
      size_t before = prog_->changes.size();
      add(p.effective, "affiliates rule `" + pack_.affiliates.id + "`",
          p.in_force ? "takes effect" : "is suspended", p.in_force ? "ends" : "suspension ends",
          change);
      if (!p.in_force) {
        for (size_t k = before; k < prog_->changes.size(); ++k)
          prog_->changes[k].typed.starts = !prog_->changes[k].typed.starts;
      }
    }
    std::stable_sort(
        prog_->changes.begin(), prog_->changes.end(),
        [](const Program::Change& a, const Program::Change& b) { return a.date < b.date; });
  }

  // The entries in force on `d`, which (by construction of the cuts) are in force for the whole
  // epoch. Rules are bucketed by class name in rule order; a rule naming both an id and its
  // paragraph appears once per name, and the evaluator's candidate bitset removes duplicates.
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
        // The same name listed twice in one rule's `classes` is entered once.
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

  // The value of a set-valued expression on date `d`: a group's members in force, a list of
  // codes, a single code, or set algebra of those (the checker allows nothing else in a set).
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
      // The checker admits only |, & and - (difference) between sets.
      out = e.op == ExprOp::kUnion ? (l | r) : e.op == ExprOp::kIntersect ? (l & r) : (l & ~r);
    }
    return out;
  }

  // ---- code generation ----
  // Expressions become postfix code: operands first, then the operator, so the VM needs only a
  // value stack. `depth_` tracks the stack height while emitting (each Push states its net
  // effect), and `max_depth_` its peak, which must fit the VM's stack.

  // Whether an instruction reads the line's item or quantity (and so cannot be precomputed once
  // per shipment).
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

  // Compiles one expression (an absent one is empty code, which the VM takes as true).
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

  // Appends an instruction whose net effect on the stack height is `delta` (+1 a load, 0 a
  // unary operator or a jump, -1 a binary operator).
  void Push(Code& code, Instr in, int delta) {
    code.instrs.push_back(in);
    depth_ += delta;
    max_depth_ = std::max(max_depth_, depth_);
  }

  // Emits code leaving e's value on the stack. Literals become constants (strings interned,
  // countries by index); names become slot loads, recording what the code reads (attr_refs
  // includes the inputs of derived attributes, so missing data is traced to given attributes).
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
      case ExprKind::kList:  // lists exist only as the right side of `in` or in set algebra
        throw std::logic_error("list outside `in`");
      case ExprKind::kUnary:
        Emit(*e.args[0], code);
        return Push(code, {e.op == ExprOp::kNot ? Op::kNot : Op::kNeg}, 0);
      case ExprKind::kBinary:
        return EmitBinary(e, code);
      case ExprKind::kCall:
        return EmitCall(e, code);
    }
  }

  // The instruction for a binary operator whose operands are both on the stack: `num` when the
  // operands are numbers, `other` for the int-valued types (bools, dates, countries, strings).
  struct StackOps {
    Op num, other;
  };
  static StackOps BinaryOps(ExprOp op) {
    switch (op) {
      case ExprOp::kEq:
        return {Op::kEqNum, Op::kEqInt};
      case ExprOp::kNe:
        return {Op::kNeNum, Op::kNeInt};
      case ExprOp::kLt:
        return {Op::kLtNum, Op::kLtInt};
      case ExprOp::kLe:
        return {Op::kLeNum, Op::kLeInt};
      case ExprOp::kGt:
        return {Op::kGtNum, Op::kGtInt};
      case ExprOp::kGe:
        return {Op::kGeNum, Op::kGeInt};
      case ExprOp::kAdd:
        return {Op::kAdd, Op::kAdd};
      case ExprOp::kSub:
        return {Op::kSub, Op::kSub};
      case ExprOp::kMul:
        return {Op::kMul, Op::kMul};
      case ExprOp::kDiv:
        return {Op::kDiv, Op::kDiv};
      default:  // and, or, in and set operators are handled before this is asked
        throw std::logic_error("no stack instruction for `" + std::string(OpSpelling(op)) + "`");
    }
  }

  // The fused `attribute <op> constant` instruction for a comparison (`num` for a number
  // attribute, `other` for ==/!= on a string or bool one); false when `op` is not a comparison.
  static bool FusedOps(ExprOp op, StackOps& out) {
    switch (op) {
      case ExprOp::kLt:
        out = {Op::kAttrLtNum, Op::kAttrLtNum};
        return true;
      case ExprOp::kLe:
        out = {Op::kAttrLeNum, Op::kAttrLeNum};
        return true;
      case ExprOp::kGt:
        out = {Op::kAttrGtNum, Op::kAttrGtNum};
        return true;
      case ExprOp::kGe:
        out = {Op::kAttrGeNum, Op::kAttrGeNum};
        return true;
      case ExprOp::kEq:
        out = {Op::kAttrEqNum, Op::kAttrEqInt};
        return true;
      case ExprOp::kNe:
        out = {Op::kAttrNeNum, Op::kAttrNeInt};
        return true;
      default:
        return false;
    }
  }

  // `attribute <cmp> literal` as one instruction; false (nothing emitted) when `e` has another
  // shape. Thresholds (`tpp >= 4800`) and enum tests (`type == 'ic'`) are most conditions, and
  // one instruction instead of three (load, constant, compare) is the evaluator's main saving.
  // Only the attribute on the left is fused; `4800 <= tpp` takes the general path.
  bool EmitFusedCompare(const Expr& e, Code& code) {
    const Expr& l = *e.args[0];
    const Expr& r = *e.args[1];
    StackOps ops;
    if (!FusedOps(e.op, ops) || l.kind != ExprKind::kName || l.ref_kind != RefKind::kAttribute)
      return false;
    double constant = 0;  // a number, or an interned string id stored as a double (exact)
    bool num = l.type == Type::kNumber;
    if (num && r.kind == ExprKind::kNumber) {
      constant = r.number;
    } else if (!num && (l.type == Type::kString || l.type == Type::kBool) &&
               r.kind == ExprKind::kString) {
      if (e.op != ExprOp::kEq && e.op != ExprOp::kNe) return false;
      constant = Intern(StringKey(StringKeyOf(pack_, l), r.text));
    } else {
      return false;
    }
    code.attr_refs |= (uint64_t{1} << l.ref) | prog_->attrs[l.ref].code.attr_refs;
    Push(code, {num ? ops.num : ops.other, l.ref, constant}, 1);
    return true;
  }

  // `in` is one instruction over the left value: a country tests a bit of the epoch's set
  // (the right side becomes a set id, evaluated per epoch by EvalSet), a string searches a
  // sorted list of interned ids. Other operators take two stack values, typed by the left
  // operand (the checker made both sides the same type).
  void EmitBinary(const Expr& e, Code& code) {
    const ExprOp op = e.op;
    if (EmitFusedCompare(e, code)) return;
    if (op == ExprOp::kAnd || op == ExprOp::kOr) return EmitShortCircuit(e, code);
    EmitOperand(*e.args[0], *e.args[1], code);
    if (op == ExprOp::kIn) {
      if (e.args[0]->type == Type::kCountry) {
        set_exprs_.push_back(e.args[1].get());
        return Push(code, {Op::kInSet, static_cast<int32_t>(set_exprs_.size() - 1)}, 0);
      }
      std::vector<int32_t> ids;
      StringKeyKind key = StringKeyOf(pack_, *e.args[0]);
      for (const auto& a : e.args[1]->args) ids.push_back(Intern(StringKey(key, a->text)));
      std::sort(ids.begin(), ids.end());
      prog_->lists.push_back(std::move(ids));
      return Push(code, {Op::kInList, static_cast<int32_t>(prog_->lists.size() - 1)}, 0);
    }
    EmitOperand(*e.args[1], *e.args[0], code);
    StackOps ops = BinaryOps(op);
    Push(code, {e.args[0]->type == Type::kNumber ? ops.num : ops.other}, -1);
  }

  // One operand of a binary operator. A string literal compared with a name or an id is interned
  // as its key (base/string_key.h), the key the resolver gives the other side's values; every
  // other operand is emitted as itself.
  void EmitOperand(const Expr& x, const Expr& other, Code& code) {
    if (x.kind == ExprKind::kString && x.type == Type::kString) {
      return Push(code, {Op::kConstInt, Intern(StringKey(StringKeyOf(pack_, other), x.text))}, 1);
    }
    Emit(x, code);
  }

  // `a and b` compiles to
  //
  //     <a>                    leaves a's value on the stack
  //     JumpIfFalse  end       a known false: skip b; a's false is the result
  //     <b>                    otherwise b's value goes on top of a's
  //     And                    Kleene and of the two (pops one)
  //   end:
  //
  // and `a or b` the same with JumpIfTrue and Or. The jump does not pop: when it is taken, the
  // left value stays on the stack as the result, so both paths leave exactly one value (the
  // stack depth at `end` is one more than before `a`). When a is unknown the jump is not taken,
  // because `unknown and false` is false: b must still run and And combines them. The jump is
  // taken only when And(a, b) would be a whatever b is, so short-circuiting never changes a
  // result; it only saves running b.
  //
  // Patching: the target is not known until b is emitted, so the jump is pushed with arg 0 and
  // its index remembered; after the And/Or is emitted, arg is set to the index of the next
  // instruction (code.instrs.size()). That index may be one past the end: the VM's loop then
  // ends, which is the intended "jump to the end". Targets are absolute indices into this
  // Code's instrs, and nested and/or patch their own jumps, which always point forward and
  // never beyond their enclosing expression's end.
  void EmitShortCircuit(const Expr& e, Code& code) {
    bool is_and = e.op == ExprOp::kAnd;
    Emit(*e.args[0], code);
    size_t jump = code.instrs.size();
    Push(code, {is_and ? Op::kJumpIfFalse : Op::kJumpIfTrue}, 0);
    Emit(*e.args[1], code);
    Push(code, {is_and ? Op::kAnd : Op::kOr}, -1);
    code.instrs[jump].arg = static_cast<int32_t>(code.instrs.size());
  }

  // known() reads a presence bit, is() and contains() read the class states the evaluator
  // computed before running this code (their argument is a class name, not a value); min and
  // max are ordinary two-operand instructions.
  void EmitCall(const Expr& e, Code& code) {
    const Expr& a = *e.args[0];
    switch (e.func) {
      case ExprFunc::kKnown:
        return Push(
            code, {a.ref_kind == RefKind::kAttribute ? Op::kKnownAttr : Op::kKnownFact, a.ref}, 1);
      case ExprFunc::kIs:
      case ExprFunc::kContains:
        return Push(
            code, {e.func == ExprFunc::kIs ? Op::kIs : Op::kContains, class_name_index_.at(a.text)},
            1);
      case ExprFunc::kMin:
      case ExprFunc::kMax:
        Emit(a, code);
        Emit(*e.args[1], code);
        return Push(code, {e.func == ExprFunc::kMin ? Op::kMin : Op::kMax}, -1);
      case ExprFunc::kUnknown:
        break;
    }
    throw std::logic_error("call of an unknown function `" + e.text + "`");  // checker rejects
  }

  const Pack& pack_;
  const CheckedPack& checked_;
  Program* prog_ = nullptr;                      // the program being built
  std::map<std::string, int> class_name_index_;  // class id or paragraph -> class-name index
  std::vector<const Expr*> set_exprs_;           // set id -> its expression (in the pack's AST)
  int depth_ = 0, max_depth_ = 0;                // stack height while emitting one Code
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
