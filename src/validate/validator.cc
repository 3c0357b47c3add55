// Validator: structural checks over the whole pack, then per-expression type checks, then
// dependency ordering (derived attributes, classes) with cycle detection, then lint.
// Every check reports and goes on (errors accumulate, each with its code chosen here, catalogued
// in docs/diagnostics.md); Engine::Load stops after validation when any error was reported, so
// the compiler may assume everything checked here. The validator also writes into the pack:
// the checker annotates expression nodes, and a derived attribute without a declared type gets
// its expression's type. The audit's fields (class families' `controlled`,
// `audit: compare_destinations`) are checked here too.
#include "validate/validator.h"

#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "ast/fact_catalog.h"
#include "base/country.h"
#include "base/end_use_key.h"
#include "validate/expr_checker.h"

namespace chipgate {
namespace {

// One validation run over one pack. The order of Run's steps matters: ids and groups first (the
// checker resolves names against them), attributes before classes (class conditions read
// attribute types, including derived ones), rules and exceptions after classes (they name
// classes), and the orders last (they use the dependencies the checks recorded).
class Validator {
 public:
  Validator(Pack& pack, std::vector<Diagnostic>& diags)
      : pack_(pack), diags_(diags), checker_(pack, diags) {}

  CheckedPack Run() {
    CheckIds();
    CheckGroups();
    CheckEffectiveRanges();
    CheckAttributes();
    CheckClasses();
    CheckRules();
    CheckExceptions();
    CheckParties();
    CheckEndUses();
    CheckControlledFamilies();
    CheckAuditSection();
    CheckAffiliatesSection();
    CheckedPack out;
    out.derived_order = OrderDerived();
    out.class_order = OrderClasses();
    return out;
  }

 private:
  void Error(const char* code, const SourceLoc& loc, std::string msg) {
    diags_.push_back({Severity::kError, code, loc, std::move(msg)});
  }

  // E301 for the second and later entries of `items` with the same id; empty ids are left to the
  // loader, which reports a missing id itself.
  template <typename T>
  void UniqueIds(const std::vector<T>& items, const char* kind,
                 std::function<const std::string&(const T&)> id) {
    std::map<std::string, SourceLoc> seen;
    for (const auto& item : items) {
      const std::string& name = id(item);
      if (name.empty()) continue;
      auto [it, inserted] = seen.emplace(name, item.loc);
      if (!inserted) {
        Error("E301", item.loc,
              std::string("duplicate ") + kind + " `" + name + "` (first defined at " +
                  it->second.file + ":" + std::to_string(it->second.line) + ")");
      }
    }
  }

  // Ids unique per kind, and attribute names distinct from fact and group names (an expression
  // name must resolve to one thing).
  void CheckIds() {
    UniqueIds<AttributeDecl>(pack_.attributes, "attribute",
                             [](const auto& a) -> const std::string& { return a.name; });
    UniqueIds<CountryGroupDecl>(pack_.groups, "country group",
                                [](const auto& g) -> const std::string& { return g.id; });
    UniqueIds<ClassDecl>(pack_.classes, "class",
                         [](const auto& c) -> const std::string& { return c.id; });
    UniqueIds<RuleDecl>(pack_.rules, "license rule",
                        [](const auto& r) -> const std::string& { return r.id; });
    UniqueIds<ExceptionDecl>(pack_.exceptions, "exception",
                             [](const auto& e) -> const std::string& { return e.id; });
    UniqueIds<PartyDecl>(pack_.parties, "party",
                         [](const auto& p) -> const std::string& { return p.id; });
    UniqueIds<EndUseDecl>(pack_.end_uses, "end use",
                          [](const auto& e) -> const std::string& { return e.id; });
    UniqueIds<NoteDecl>(pack_.notes, "note",
                        [](const auto& n) -> const std::string& { return n.id; });
    for (const auto& a : pack_.attributes) {
      if (FindFact(a.name) >= 0)
        Error("E301", a.loc, "attribute `" + a.name + "` has the name of a shipment fact");
      for (const auto& g : pack_.groups) {
        if (g.id == a.name)
          Error("E301", a.loc, "attribute `" + a.name + "` has the name of a country group");
      }
    }
  }

  // Group ids are names in expressions: letters, digits and `_`, with an optional `:suffix`.
  static bool IsExpressionName(const std::string& id) {
    size_t i = 0;
    auto word = [&] {
      size_t start = i;
      while (i < id.size() && (std::isalnum(static_cast<unsigned char>(id[i])) || id[i] == '_'))
        ++i;
      return i > start;
    };
    if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0])) || !word()) return false;
    if (i < id.size() && id[i] == ':') {
      ++i;
      if (!word()) return false;
    }
    return i == id.size();
  }

  // Members must be ISO codes; one code may appear twice only for disjoint periods (leaving a
  // group and joining again later).
  void CheckGroups() {
    for (const auto& g : pack_.groups) {
      if (!IsExpressionName(g.id)) {
        Error("E106", g.loc,
              "country group id `" + g.id +
                  "` is not a valid name (letters, digits, `_`, optional `:suffix`)");
      }
      if (g.members.empty()) Error("E304", g.loc, "country group `" + g.id + "` has no members");
      std::map<std::string, const GroupMember*> seen;
      for (const auto& m : g.members) {
        if (!IsIsoCountry(m.code)) {
          Error("E305", m.loc,
                "country group `" + g.id + "`: `" + m.code + "` is not an ISO 3166-1 alpha-2 code");
        }
        auto [it, inserted] = seen.emplace(m.code, &m);
        if (!inserted && it->second->effective.Overlaps(m.effective)) {
          Error("E301", m.loc,
                "country group `" + g.id + "`: `" + m.code +
                    "` is listed twice for overlapping dates");
        }
      }
    }
  }

  // E303 for an empty [from, until): the entry would never be in force. `fallback` (the entry's
  // own location) is used when the range carries no location of its own.
  void CheckRange(const Effective& e, const SourceLoc& fallback, const std::string& what) {
    if (e.from >= e.until) {
      Error("E303", e.loc.line ? e.loc : fallback,
            what + ": effective range is empty (`from` " + FormatDate(e.from) +
                " is not before `until` " + FormatDate(e.until) + ")");
    }
  }

  void CheckEffectiveRanges() {
    for (const auto& g : pack_.groups) {
      for (const auto& m : g.members)
        CheckRange(m.effective, m.loc, "member `" + m.code + "` of `" + g.id + "`");
    }
    for (const auto& c : pack_.classes) CheckRange(c.effective, c.loc, "class `" + c.id + "`");
    for (const auto& r : pack_.rules) CheckRange(r.effective, r.loc, "license rule `" + r.id + "`");
    for (const auto& e : pack_.exceptions)
      CheckRange(e.effective, e.loc, "exception `" + e.id + "`");
    for (const auto& p : pack_.parties) CheckRange(p.effective, p.loc, "party `" + p.id + "`");
    for (const auto& n : pack_.notes) CheckRange(n.effective, n.loc, "note `" + n.id + "`");
    CheckRange(pack_.info.coverage, pack_.info.loc, "pack coverage");
  }

  // Names a derived expression mentions that are other derived attributes (before type checking).
  void DerivedNames(const Expr& e, std::set<int>& out) {
    if (e.kind == ExprKind::kName) {
      for (size_t i = 0; i < pack_.attributes.size(); ++i) {
        if (pack_.attributes[i].name == e.text && pack_.attributes[i].derived.root)
          out.insert(static_cast<int>(i));
      }
    }
    for (const auto& a : e.args) DerivedNames(*a, out);
  }

  // Derived attributes are type-checked in dependency order; their dependencies are recorded
  // for OrderDerived. The 64 limit is the width of the presence and reads masks (uint64_t).
  void CheckAttributes() {
    if (pack_.attributes.size() > 64) {
      Error("E308", pack_.attributes[64].loc, "a pack may declare at most 64 attributes");
    }
    // Check derived attributes inputs-first, so a later-declared input already has its type.
    std::vector<int> order = TopoOrder(
        pack_.attributes.size(),
        [&](int i) {
          std::set<int> names;
          if (pack_.attributes[i].derived.root)
            DerivedNames(*pack_.attributes[i].derived.root, names);
          return std::vector<int>(names.begin(), names.end());
        },
        [](int) {});  // cycles are reported by OrderDerived
    for (int idx : order) {
      AttributeDecl& a = pack_.attributes[idx];
      if (!a.derived.root) continue;
      std::string ctx = "derived attribute `" + a.name + "`";
      ExprScope scope{false, false, ctx.c_str()};
      Type t = checker_.Check(a.derived, scope, Type::kUnknown);
      if (t != Type::kUnknown && a.type != Type::kUnknown && t != a.type) {
        Error("E203", a.derived.loc,
              ctx + ": declared " + TypeName(a.type) + " but the expression is " + TypeName(t));
      }
      if (t == Type::kCountrySet || t == Type::kStringList) {
        Error("E203", a.derived.loc, ctx + ": a derived attribute must be a single value");
      }
      if (a.type == Type::kUnknown) a.type = t;
      derived_deps_[&a - pack_.attributes.data()] = checker_.attributes_used();
    }
    for (const auto& a : pack_.attributes) {
      // A given attribute without a type was already reported by the loader.
      if (a.type == Type::kUnknown && !a.derived.root && !a.name.empty()) continue;
      std::set<std::string> seen;
      for (const auto& v : a.values) {
        if (!seen.insert(v).second)
          Error("E301", a.loc, "attribute `" + a.name + "`: duplicate enum value `" + v + "`");
      }
      CheckContentsFields(a, seen);
    }
  }

  // `requires_contents` names values of an enum; `from_components` is for given (not derived)
  // bools.
  void CheckContentsFields(const AttributeDecl& a, const std::set<std::string>& values) {
    if (!a.requires_contents.empty() && a.values.empty()) {
      Error("E106", a.requires_contents_loc,
            "attribute `" + a.name + "`: `requires_contents` needs an enum attribute");
    }
    for (const auto& v : a.requires_contents) {
      if (!a.values.empty() && !values.count(v)) {
        Error("E106", a.requires_contents_loc,
              "attribute `" + a.name + "`: `requires_contents`: `" + v +
                  "` is not one of its values");
      }
    }
    if (a.from_components && (a.type != Type::kBool || a.derived.root)) {
      Error("E106", a.from_components_loc,
            "attribute `" + a.name +
                "`: `from_components` needs a bool attribute that is not derived");
    }
  }

  // Class conditions read attributes and other classes (is/contains), never shipment facts: a
  // classification describes the item, whatever the shipment. Each class's is() names are kept
  // for OrderClasses.
  void CheckClasses() {
    for (auto& c : pack_.classes) {
      std::string ctx = "class `" + c.id + "`";
      ExprScope scope{false, true, ctx.c_str()};
      checker_.Check(c.when, scope, Type::kBool);
      class_deps_[&c - pack_.classes.data()] = checker_.classes_used();
    }
  }

  void CheckClassRefs(const std::vector<NameRef>& refs, const std::string& ctx) {
    for (const auto& ref : refs) {
      if (!checker_.IsClassName(ref.name))
        Error("E306", ref.loc, ctx + ": unknown class `" + ref.name + "`");
    }
  }

  // Rules decide only restrictive outcomes (a clearance is the absence of a firing rule); their
  // conditions may read shipment facts and groups as well as the item.
  void CheckRules() {
    for (auto& r : pack_.rules) {
      std::string ctx = "license rule `" + r.id + "`";
      if (r.decision == DecisionKind::kLicenseException ||
          r.decision == DecisionKind::kNoLicenseRequired) {
        Error("E106", r.loc,
              ctx + ": `decision` must hold the line (prohibited, license_required or review)");
      }
      if (!r.any_item && r.classes.empty())
        Error("E105", r.loc, ctx + ": `classes` lists no class (use `any`)");
      CheckClassRefs(r.classes, ctx);
      ExprScope scope{true, true, ctx.c_str()};
      checker_.Check(r.when, scope, Type::kBool);
    }
  }

  // An exception must cover at least one existing rule; what it covers is matched by rule id.
  void CheckExceptions() {
    std::set<std::string> rule_ids;
    for (const auto& r : pack_.rules) rule_ids.insert(r.id);
    for (auto& e : pack_.exceptions) {
      std::string ctx = "exception `" + e.id + "`";
      if (e.covers.empty()) Error("E105", e.loc, ctx + ": `covers` lists no rule");
      for (const auto& ref : e.covers) {
        if (!rule_ids.count(ref.name))
          Error("E307", ref.loc, ctx + ": unknown license rule `" + ref.name + "`");
      }
      CheckClassRefs(e.classes, ctx);
      ExprScope scope{true, true, ctx.c_str()};
      checker_.Check(e.when, scope, Type::kBool);
    }
  }

  // A party's effect, like a rule's decision, must hold the line.
  void CheckParties() {
    for (const auto& p : pack_.parties) {
      if (!p.country.empty() && !IsIsoCountry(p.country)) {
        Error("E305", p.country_loc.line > 0 ? p.country_loc : p.loc,
              "party `" + p.id + "`: `" + p.country + "` is not an ISO 3166-1 alpha-2 code");
      }
      if (p.effect == DecisionKind::kNoLicenseRequired ||
          p.effect == DecisionKind::kLicenseException) {
        Error("E106", p.effect_loc.line > 0 ? p.effect_loc : p.loc,
              "party `" + p.id +
                  "`: `effect` must hold the line (prohibited, license_required or review)");
      }
    }
  }

  // Every spelling of every end use must have a key (EndUseKey), and no key may name two end
  // uses: a stated end use must resolve to exactly one declared id.
  void CheckEndUses() {
    std::map<std::string, std::pair<const EndUseDecl*, std::string>>
        owner;  // key -> (end use, spelling)
    for (const auto& u : pack_.end_uses) {
      std::vector<NameRef> spellings{{u.id, u.loc}};
      spellings.insert(spellings.end(), u.aliases.begin(), u.aliases.end());
      for (const auto& sp : spellings) {
        std::string key = EndUseKey(sp.name);
        if (key.empty()) {
          Error("E106", sp.loc,
                "end use `" + u.id + "`: `" + sp.name + "` has no letters or digits");
          continue;
        }
        auto [it, inserted] = owner.emplace(key, std::make_pair(&u, sp.name));
        if (!inserted && it->second.first != &u) {
          Error("E310", sp.loc,
                "end use `" + u.id + "`: `" + sp.name + "` reads the same as `" +
                    it->second.second + "` of end use `" + it->second.first->id +
                    "` (case, spaces, hyphens and underscores are ignored)");
        }
      }
    }
  }

  // A family is controlled or not as a whole: the audit asks about declared classifications such
  // as `3A090` or `3A090.z` that name no class, so two classes of one family must not disagree.
  void CheckControlledFamilies() {
    std::map<std::string, const ClassDecl*> stated;  // family -> first class that states it
    for (const auto& c : pack_.classes) {
      if (!c.controlled) continue;
      auto [it, inserted] = stated.emplace(ClassFamily(c.id), &c);
      if (!inserted && *it->second->controlled != *c.controlled) {
        const ClassDecl& first = *it->second;
        Error("E311", c.controlled_loc,
              "class `" + c.id + "`: `controlled: " + (*c.controlled ? "true" : "false") +
                  "` disagrees with class `" + first.id + "` of the same family `" + it->first +
                  "` (" + first.controlled_loc.file + ":" +
                  std::to_string(first.controlled_loc.line) + ")");
      }
    }
  }

  // `audit: compare_destinations`: each entry is a country group of the pack or an ISO code, once.
  // `audit: headquarters_rules`: each a license rule of the pack (E307), once (E301).
  void CheckAuditSection() {
    std::set<std::string> rule_ids, hq_seen;
    for (const auto& r : pack_.rules) rule_ids.insert(r.id);
    for (const auto& ref : pack_.audit.headquarters_rules) {
      if (!rule_ids.count(ref.name)) {
        Error("E307", ref.loc, "audit headquarters_rules: unknown license rule `" + ref.name + "`");
      } else if (!hq_seen.insert(ref.name).second) {
        Error("E301", ref.loc, "audit headquarters_rules: `" + ref.name + "` is listed twice");
      }
    }
    std::set<std::string> groups, seen;
    for (const auto& g : pack_.groups) groups.insert(g.id);
    for (const auto& d : pack_.audit.compare_destinations) {
      if (!groups.count(d.name) && !IsIsoCountry(d.name)) {
        Error("E305", d.loc,
              "audit compare_destinations: `" + d.name +
                  "` is neither a country group of the pack nor an ISO 3166-1 alpha-2 code");
      } else if (!seen.insert(d.name).second) {
        Error("E301", d.loc, "audit compare_destinations: `" + d.name + "` is listed twice");
      }
    }
  }

  // `affiliates:`: each period non-empty (E303) and no two overlapping (E301, like a group member
  // listed twice for overlapping dates: on a date in both, whether the rule is in force would
  // depend on their order); each list named once (E301); the id, which its reasons carry as their
  // rule id, names no rule or party (E301).
  void CheckAffiliatesSection() {
    const AffiliatesDecl& a = pack_.affiliates;
    if (!a.present()) return;
    for (size_t i = 0; i < a.periods.size(); ++i) {
      const AffiliatesPeriod& p = a.periods[i];
      CheckRange(p.effective, p.loc, "affiliates period " + std::to_string(i + 1));
      for (size_t j = 0; j < i; ++j) {
        if (!p.effective.Overlaps(a.periods[j].effective)) continue;
        Error("E301", p.loc,
              "affiliates period " + std::to_string(i + 1) + " overlaps period " +
                  std::to_string(j + 1) + " (" + a.periods[j].loc.file + ":" +
                  std::to_string(a.periods[j].loc.line) + ")");
        break;
      }
    }
    std::set<std::string> lists;
    for (const auto& l : a.lists) {
      if (!lists.insert(l.name).second)
        Error("E301", l.loc, "affiliates lists: `" + l.name + "` is listed twice");
    }
    for (const auto& r : pack_.rules) {
      if (r.id == a.id) Error("E301", a.loc, "affiliates id `" + a.id + "` is also a license rule");
    }
    for (const auto& p : pack_.parties) {
      if (p.id == a.id) Error("E301", a.loc, "affiliates id `" + a.id + "` is also a party");
    }
  }

  // Depth-first topological order over n nodes, dependencies before dependents. state: 0 not
  // visited, 1 on the current path, 2 done. Reaching a node on the current path is a cycle;
  // `on_cycle` is called with that node and the edge is ignored, so the order still contains
  // every node once (cycles are errors, and the order is not used after an error).
  std::vector<int> TopoOrder(size_t n, const std::function<std::vector<int>(int)>& deps,
                             const std::function<void(int)>& on_cycle) {
    std::vector<int> state(n, 0), order;
    std::function<void(int)> visit = [&](int i) {
      if (state[i] == 2) return;
      if (state[i] == 1) {
        on_cycle(i);
        return;
      }
      state[i] = 1;
      for (int d : deps(i)) visit(d);
      state[i] = 2;
      order.push_back(i);
    };
    for (size_t i = 0; i < n; ++i) visit(static_cast<int>(i));
    return order;
  }

  // Derived attributes in an order where each one's inputs come first (the resolver computes
  // them in this order); given attributes are dropped from the order.
  std::vector<int> OrderDerived() {
    std::vector<int> order = TopoOrder(
        pack_.attributes.size(),
        [&](int i) {
          auto it = derived_deps_.find(i);
          return it == derived_deps_.end() ? std::vector<int>{}
                                           : std::vector<int>(it->second.begin(), it->second.end());
        },
        [&](int i) {
          Error("E302", pack_.attributes[i].loc,
                "derived attribute `" + pack_.attributes[i].name + "` depends on itself");
        });
    std::erase_if(order, [&](int i) { return !pack_.attributes[i].derived.root; });
    return order;
  }

  // Classes in is()-dependency order. is('3A090.a') depends on every class with that id or
  // paragraph, so a name maps to several classes (by_name is a multimap).
  std::vector<int> OrderClasses() {
    std::multimap<std::string, int> by_name;
    for (size_t i = 0; i < pack_.classes.size(); ++i) {
      by_name.emplace(pack_.classes[i].id, static_cast<int>(i));
      if (pack_.classes[i].paragraph != pack_.classes[i].id)
        by_name.emplace(pack_.classes[i].paragraph, static_cast<int>(i));
    }
    return TopoOrder(
        pack_.classes.size(),
        [&](int i) {
          std::vector<int> out;
          for (const auto& name : class_deps_[i]) {
            auto [b, e] = by_name.equal_range(name);
            for (auto it = b; it != e; ++it) out.push_back(it->second);
          }
          return out;
        },
        [&](int i) {
          Error("E302", pack_.classes[i].loc,
                "class `" + pack_.classes[i].id + "` depends on itself through is()");
        });
  }

  Pack& pack_;
  std::vector<Diagnostic>& diags_;
  ExprChecker checker_;
  std::map<int, std::set<int>> derived_deps_;        // derived attribute -> attributes it reads
  std::map<int, std::set<std::string>> class_deps_;  // class -> class names its is() calls name
};

}  // namespace

CheckedPack Validate(Pack& pack, std::vector<Diagnostic>& diags) {
  CheckedPack out = Validator(pack, diags).Run();
  if (!HasErrors(diags)) Lint(pack, diags);  // warnings on a broken pack would only be cascades
  return out;
}

}  // namespace chipgate
