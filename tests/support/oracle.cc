// Oracle implementation: a tree-walking interpreter over the AST with Kleene logic.
#include "support/oracle.h"

#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "ast/fact_catalog.h"
#include "base/country.h"
#include "base/end_use_key.h"
#include "base/string_key.h"
#include "compile/compiler.h"
#include "screen/party_match.h"
#include "screen/party_name.h"

namespace chipgate::testing {
namespace {

enum T3 { F = 0, Tr = 1, U = 2 };
T3 Or3(T3 a, T3 b) { return a == Tr || b == Tr ? Tr : (a == U || b == U ? U : F); }
T3 And3(T3 a, T3 b) { return a == F || b == F ? F : (a == U || b == U ? U : Tr); }

// A value: number, or text (bools "true"/"false", enum values, country codes, dates as days).
struct OVal {
  bool known = false;
  double num = 0;
  std::string text;
};

struct OItem {
  const ItemFacts* facts;
  std::map<std::string, OVal> attrs;
  std::vector<OItem> children;
};

class Oracle {
 public:
  Oracle(const Pack& p, const ShipmentFacts& s) : p_(p), s_(s), date_(s.date) {}

  OwnedDecision Decide(const ItemFacts& facts) {
    quantity_ = facts.quantity;
    OItem item = Build(facts);
    OwnedDecision out;
    std::vector<int> reason_rule;
    auto add = [&](OwnedReason r, int rule) {
      out.reasons.push_back(std::move(r));
      reason_rule.push_back(rule);
    };
    if (!p_.info.coverage.Contains(date_)) {
      add({"pack-coverage", DecisionKind::kReview, ReasonSource::kCoverage}, -1);
    }
    if (!s_.end_use.empty() && EndUse().empty()) {
      add({"end-use", DecisionKind::kReview, ReasonSource::kEndUse}, -1);
    }
    bool data_ok = true;
    std::function<void(const OItem&)> check = [&](const OItem& it) {
      if (!it.facts->has_specs && it.children.empty()) {
        add({"item-data", DecisionKind::kReview, ReasonSource::kData}, -1);
        data_ok = false;
      }
      for (const auto& c : it.children) check(c);
    };
    check(item);
    {
      for (size_t c = 0; c < p_.classes.size() && data_ok; ++c) {
        if (ClassState(item, static_cast<int>(c)) != Tr) continue;
        const auto& cl = p_.classes[c];
        if (std::find(out.classes.begin(), out.classes.end(), cl.paragraph) == out.classes.end())
          out.classes.push_back(cl.paragraph);
      }
      for (size_t c = 0; c < p_.classes.size() && data_ok; ++c) {
        const auto& cl = p_.classes[c];
        if (ClassState(item, static_cast<int>(c)) != Tr) continue;
        if (cl.id != cl.paragraph) out.classes.push_back(cl.id);
        add({cl.id, DecisionKind::kNoLicenseRequired, ReasonSource::kClass}, -1);
      }
      for (size_t r = 0; r < p_.rules.size(); ++r) {
        const RuleDecl& rule = p_.rules[r];
        if (!rule.enabled || !rule.effective.Contains(date_) || (!data_ok && !rule.any_item))
          continue;
        T3 cls = rule.any_item ? Tr : F;
        for (const auto& n : rule.classes) cls = Or3(cls, Is(item, n.name));
        if (cls == F) continue;
        T3 cond = rule.when.root ? Truth(*rule.when.root, item) : Tr;
        T3 fire = And3(cls, cond);
        if (fire == Tr) {
          add({rule.id, rule.decision, ReasonSource::kRule, false, rule.policy},
              static_cast<int>(r));
        } else if (fire == U) {  // undecided: review in place of the rule's own decision
          add({rule.id, DecisionKind::kReview, ReasonSource::kRule, true}, -1);
        }
      }
    }
    Parties(s_.consignee, add);
    Parties(s_.end_user, add);
    Combine(out, reason_rule, item);
    return out;
  }

 private:
  OItem Build(const ItemFacts& f) {
    OItem it{&f, {}, {}};
    for (const auto& [name, v] : f.specs) {
      for (const auto& a : p_.attributes) {
        if (a.name != name || a.derived.root) continue;
        OVal val{true, 0, v.text};
        if (a.type == Type::kNumber) val.num = std::strtod(v.text.c_str(), nullptr);
        if (a.type == Type::kDate) val.num = ParseDate(v.text)->days;
        it.attrs[name] = val;
      }
    }
    for (int pass = 0; pass < static_cast<int>(p_.attributes.size()); ++pass) {
      for (const auto& a : p_.attributes) {
        if (!a.derived.root) continue;
        OVal v = Value(*a.derived.root, it);
        if (v.known) it.attrs[a.name] = v;
      }
    }
    for (const auto& c : f.components) it.children.push_back(Build(c));
    return it;
  }

  // The declared end use the stated one names (by a scan of every spelling); empty when none.
  std::string EndUse() const {
    std::string key = EndUseKey(s_.end_use);
    for (const auto& u : p_.end_uses) {
      if (!key.empty() && EndUseKey(u.id) == key) return u.id;
      for (const auto& a : u.aliases) {
        if (!key.empty() && EndUseKey(a.name) == key) return u.id;
      }
    }
    return "";
  }

  OVal Fact(int f) const {
    auto country = [](const std::string& c) { return c.empty() ? OVal{} : OVal{true, 0, c}; };
    switch (f) {
      case kFactDate:
        return OVal{true, static_cast<double>(date_.days), ""};
      case kFactDestination:
        return country(s_.end_user.country);
      case kFactQuantity:
        return OVal{true, quantity_, ""};
      case kFactEndUse:
        return EndUse().empty() ? OVal{} : OVal{true, 0, EndUse()};
      case kFactConsigneeCountry:
        return country(s_.consignee.country);
      case kFactConsigneeHq:
        return country(s_.consignee.headquarters);
      case kFactConsigneeParentHq:
        return country(s_.consignee.parent_headquarters);
      case kFactEndUserCountry:
        return country(s_.end_user.country);
      case kFactEndUserHq:
        return country(s_.end_user.headquarters);
      case kFactEndUserParentHq:
        return country(s_.end_user.parent_headquarters);
      case kFactConsigneeName:
        return NameKey(s_.consignee.name).empty() ? OVal{} : OVal{true, 0, s_.consignee.name};
      case kFactConsigneeId:
        return IdKey(s_.consignee.id).empty() ? OVal{} : OVal{true, 0, s_.consignee.id};
      case kFactEndUserName:
        return NameKey(s_.end_user.name).empty() ? OVal{} : OVal{true, 0, s_.end_user.name};
      case kFactEndUserId:
        return IdKey(s_.end_user.id).empty() ? OVal{} : OVal{true, 0, s_.end_user.id};
    }
    return OVal{};
  }

  // How a string operand compares (docs/rule-language.md, "Comparing strings"), decided here from
  // the names themselves: `.name` facts and free-text attributes by NameKey, `.id` facts by
  // IdKey, everything else (enums, end uses, countries, literals) exactly.
  StringKeyKind KindOf(const Expr& e) const {
    if (e.kind != ExprKind::kName) return StringKeyKind::kExact;
    if (e.ref_kind == RefKind::kFact) {
      if (e.text.ends_with(".name")) return StringKeyKind::kName;
      if (e.text.ends_with(".id")) return StringKeyKind::kId;
      return StringKeyKind::kExact;
    }
    if (e.ref_kind != RefKind::kAttribute) return StringKeyKind::kExact;
    const AttributeDecl& a = p_.attributes[e.ref];
    if (a.derived.root) return KindOf(*a.derived.root);
    return a.type == Type::kString && a.values.empty() ? StringKeyKind::kName
                                                       : StringKeyKind::kExact;
  }
  // The kind a comparison of `a` and `b` uses: the non-literal side's.
  StringKeyKind KindOf(const Expr& a, const Expr& b) const {
    StringKeyKind k = KindOf(a);
    return k != StringKeyKind::kExact ? k : KindOf(b);
  }

  OVal Num(double v) const { return std::isfinite(v) ? OVal{true, v, ""} : OVal{}; }
  OVal FromT3(T3 t) const { return t == U ? OVal{} : OVal{true, 0, t == Tr ? "true" : "false"}; }
  T3 ToT3(const OVal& v) const { return !v.known ? U : (v.text == "true" ? Tr : F); }

  OVal Value(const Expr& e, const OItem& it) {
    switch (e.kind) {
      case ExprKind::kNumber:
        return OVal{true, e.number, ""};
      case ExprKind::kBool:
        return OVal{true, 0, e.boolean ? "true" : "false"};
      case ExprKind::kDate:
        return OVal{true, static_cast<double>(e.date_days), ""};
      case ExprKind::kString:
        return OVal{true, 0, e.text};
      case ExprKind::kName:
        if (e.ref_kind == RefKind::kFact) return Fact(e.ref);
        if (e.ref_kind == RefKind::kAttribute) {
          auto f = it.attrs.find(e.text);
          return f == it.attrs.end() ? OVal{} : f->second;
        }
        return OVal{};
      case ExprKind::kList:
        return OVal{};
      case ExprKind::kUnary: {
        OVal a = Value(*e.args[0], it);
        if (e.op == ExprOp::kNot)
          return a.known ? OVal{true, 0, a.text == "true" ? "false" : "true"} : OVal{};
        return a.known ? Num(-a.num) : OVal{};
      }
      case ExprKind::kCall:
        return Call(e, it);
      case ExprKind::kBinary:
        break;
    }
    const ExprOp op = e.op;
    if (op == ExprOp::kAnd)
      return FromT3(And3(ToT3(Value(*e.args[0], it)), ToT3(Value(*e.args[1], it))));
    if (op == ExprOp::kOr)
      return FromT3(Or3(ToT3(Value(*e.args[0], it)), ToT3(Value(*e.args[1], it))));
    if (op == ExprOp::kIn) {
      OVal l = Value(*e.args[0], it);
      if (!l.known) return OVal{};
      return OVal{true, 0, InSet(*e.args[1], l.text, KindOf(*e.args[0])) ? "true" : "false"};
    }
    OVal a = Value(*e.args[0], it), b = Value(*e.args[1], it);
    if (!a.known || !b.known) return OVal{};
    if (op == ExprOp::kAdd) return Num(a.num + b.num);
    if (op == ExprOp::kSub) return Num(a.num - b.num);
    if (op == ExprOp::kMul) return Num(a.num * b.num);
    if (op == ExprOp::kDiv) return b.num == 0 ? OVal{} : Num(a.num / b.num);
    bool numeric = e.args[0]->type == Type::kNumber || e.args[0]->type == Type::kDate;
    StringKeyKind kind = KindOf(*e.args[0], *e.args[1]);
    bool same = StringKey(kind, a.text) == StringKey(kind, b.text);
    int cmp = numeric ? (a.num < b.num ? -1 : a.num > b.num ? 1 : 0) : (same ? 0 : 2);
    bool r = op == ExprOp::kEq   ? cmp == 0
             : op == ExprOp::kNe ? cmp != 0
             : op == ExprOp::kLt ? cmp == -1
             : op == ExprOp::kLe ? cmp <= 0 && cmp != 2
             : op == ExprOp::kGt ? cmp == 1
                                 : cmp >= 0 && cmp != 2;
    return OVal{true, 0, r ? "true" : "false"};
  }

  bool InSet(const Expr& e, const std::string& code, StringKeyKind kind = StringKeyKind::kExact) {
    if (e.ref_kind == RefKind::kGroup) {
      for (const auto& m : p_.groups[e.ref].members) {
        if (m.code == code && m.effective.Contains(date_)) return true;
      }
      return false;
    }
    if (e.kind == ExprKind::kString) return e.text == code;
    if (e.kind == ExprKind::kList) {
      for (const auto& a : e.args) {
        if (StringKey(kind, a->text) == StringKey(kind, code)) return true;
      }
      return false;
    }
    bool l = InSet(*e.args[0], code), r = InSet(*e.args[1], code);
    return e.op == ExprOp::kUnion ? (l || r) : e.op == ExprOp::kIntersect ? (l && r) : (l && !r);
  }

  OVal Call(const Expr& e, const OItem& it) {
    if (e.func == ExprFunc::kKnown) {
      const Expr& a = *e.args[0];
      bool k = a.ref_kind == RefKind::kFact ? Fact(a.ref).known : it.attrs.count(a.text) > 0;
      return OVal{true, 0, k ? "true" : "false"};
    }
    if (e.func == ExprFunc::kIs) return FromT3(Is(it, e.args[0]->text));
    if (e.func == ExprFunc::kContains) return FromT3(Contains(it, e.args[0]->text));
    OVal a = Value(*e.args[0], it), b = Value(*e.args[1], it);
    if (!a.known || !b.known) return OVal{};
    return Num(e.func == ExprFunc::kMin ? std::min(a.num, b.num) : std::max(a.num, b.num));
  }

  T3 Truth(const Expr& e, const OItem& it) { return ToT3(Value(e, it)); }

  T3 ClassState(const OItem& it, int c) {
    const ClassDecl& cl = p_.classes[c];
    if (!cl.effective.Contains(date_)) return F;
    return Truth(*cl.when.root, it);
  }

  T3 Is(const OItem& it, const std::string& name) {
    T3 t = F;
    for (size_t c = 0; c < p_.classes.size(); ++c) {
      if (p_.classes[c].id == name || p_.classes[c].paragraph == name)
        t = Or3(t, ClassState(it, static_cast<int>(c)));
    }
    return t;
  }

  T3 Contains(const OItem& it, const std::string& name) {
    T3 t = F;
    for (const auto& c : it.children) t = Or3(t, Or3(Is(c, name), Contains(c, name)));
    return t;
  }

  // Brute-force screening: every key of every name and alias of every party in force is matched
  // with MatchPartyKeys against every key of the screened name (no index); the strongest match
  // per party is kept (kind, then score; the first on a tie), ordered by kind, score, then pack
  // order, as the resolver orders the screener's matches.
  template <typename Add>
  void Parties(const PartyFacts& party, Add& add) {
    if (party.name.empty()) return;
    std::vector<std::string> keys = PartyNameKeys(party.name);
    struct Hit {
      const PartyDecl* pd;
      PartyMatchKind kind;
      double score;
    };
    auto stronger = [](PartyMatchKind xk, double xs, PartyMatchKind yk, double ys) {
      return xk != yk ? xk < yk : xs > ys;
    };
    std::vector<Hit> hits;
    for (const auto& pd : p_.parties) {
      if (!pd.effective.Contains(date_)) continue;
      std::optional<Hit> best;
      std::vector<std::string> names{pd.name};
      names.insert(names.end(), pd.aliases.begin(), pd.aliases.end());
      for (const auto& n : names) {
        for (const auto& listed : PartyNameKeys(n)) {
          for (const auto& key : keys) {
            PartyMatchKind kind;
            double score = 0;
            if (!MatchPartyKeys(key, listed, kind, score)) continue;
            if (!best || stronger(kind, score, best->kind, best->score))
              best = Hit{&pd, kind, score};
          }
        }
      }
      if (best) hits.push_back(*best);
    }
    std::stable_sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
      return stronger(a.kind, a.score, b.kind, b.score);
    });
    for (const Hit& h : hits) {
      const PartyDecl& pd = *h.pd;
      if (!party_seen_.insert(pd.id + "\n" + party.name).second) continue;
      // An exact hit applies the party's effect; a fuzzy one asks for review.
      DecisionKind d = h.kind == PartyMatchKind::kExact ? pd.effect : DecisionKind::kReview;
      add({pd.id, d, ReasonSource::kParty}, -1);
    }
  }

  void Combine(OwnedDecision& out, const std::vector<int>& reason_rule, const OItem& item) {
    DecisionKind d = DecisionKind::kNoLicenseRequired;
    bool needs = false;
    for (const auto& r : out.reasons) {
      d = MostRestrictive(d, r.decision);
      needs |= r.decision == DecisionKind::kLicenseRequired;
    }
    if (needs && d == DecisionKind::kLicenseRequired) {
      bool all_rules = true;
      for (size_t i = 0; i < out.reasons.size(); ++i) {
        if (out.reasons[i].decision == DecisionKind::kLicenseRequired && reason_rule[i] < 0)
          all_rules = false;
      }
      for (const auto& ex : p_.exceptions) {
        if (!all_rules || !ex.enabled || !ex.effective.Contains(date_)) continue;
        bool covers = true;
        for (size_t i = 0; i < out.reasons.size(); ++i) {
          if (out.reasons[i].decision != DecisionKind::kLicenseRequired) continue;
          bool c = false;
          for (const auto& ref : ex.covers) c |= ref.name == p_.rules[reason_rule[i]].id;
          covers &= c;
        }
        T3 cls = ex.classes.empty() ? Tr : F;
        for (const auto& n : ex.classes) cls = Or3(cls, Is(item, n.name));
        if (!covers || cls != Tr) continue;
        if ((ex.when.root ? Truth(*ex.when.root, item) : Tr) != Tr) continue;
        d = DecisionKind::kLicenseException;
        for (const auto& r : out.reasons) {
          if (r.decision == DecisionKind::kReview) d = DecisionKind::kReview;
        }
        if (d == DecisionKind::kLicenseException) out.exception = ex.id;
        break;
      }
    }
    if (out.reasons.empty()) {
      out.reasons.push_back(
          {"uncontrolled", DecisionKind::kNoLicenseRequired, ReasonSource::kRule});
    }
    for (const auto& n : p_.notes) {
      if (n.effective.Contains(date_))
        out.reasons.push_back({n.id, DecisionKind::kNoLicenseRequired, ReasonSource::kNote});
    }
    std::stable_sort(
        out.reasons.begin(), out.reasons.end(),
        [](const OwnedReason& a, const OwnedReason& b) { return a.decision < b.decision; });
    out.decision = d;
  }

  const Pack& p_;
  const ShipmentFacts& s_;
  Date date_;
  double quantity_ = 1;
  std::set<std::string> party_seen_;  // one hit per party and screened name
};

}  // namespace

OwnedDecision ToOwned(const LineDecision& d) {
  OwnedDecision o;
  for (auto c : d.classes) o.classes.emplace_back(c);
  o.decision = d.decision;
  if (d.exception) o.exception = std::string(d.exception->id);
  for (const auto& r : d.reasons) {
    o.reasons.push_back(
        {std::string(r.rule), r.decision, r.source, r.undecided, std::string(r.policy)});
  }
  return o;
}

std::string Describe(const OwnedDecision& d) {
  std::string out = std::string(DecisionName(d.decision)) +
                    " exception=" + d.exception.value_or("-") + " classes=";
  for (const auto& c : d.classes) out += c + ",";
  for (const auto& r : d.reasons) {
    out += "\n  " + r.rule + " " + std::string(DecisionName(r.decision)) + " source " +
           std::to_string(static_cast<int>(r.source)) + (r.undecided ? " undecided" : "") +
           (r.policy.empty() ? "" : " policy " + r.policy);
  }
  return out;
}

OwnedDecision OracleDecide(const Pack& pack, const ShipmentFacts& shipment, const ItemFacts& item) {
  return Oracle(pack, shipment).Decide(item);
}

}  // namespace chipgate::testing
