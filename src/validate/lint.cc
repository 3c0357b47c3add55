// Lint: warnings for entries that are valid but can never matter. A rule can never fire when
// none of its classes is in effect at any time the rule is, or when its condition is the literal
// `false`; a rule is shadowed when an earlier rule with the same classes and condition decides at
// least as restrictively over an overlapping period. A class family license rules name but none
// of whose classes says `controlled` would be ignored by an inventory audit without anyone
// deciding so (W404).
#include <algorithm>
#include <set>

#include "validate/validator.h"

namespace chipgate {
namespace {

// Lint findings are warnings: the pack still loads (Engine::Load ignores them), `lint` shows them.
void Warn(std::vector<Diagnostic>& diags, const char* code, const SourceLoc& loc, std::string msg) {
  diags.push_back({Severity::kWarning, code, loc, std::move(msg)});
}

// Whether some class named by `refs` (by id or paragraph) is in force at some time in `range`.
bool AnyClassOverlaps(const Pack& pack, const std::vector<NameRef>& refs, const Effective& range) {
  for (const auto& ref : refs) {
    for (const auto& c : pack.classes) {
      if ((c.id == ref.name || c.paragraph == ref.name) && c.effective.Overlaps(range)) return true;
    }
  }
  return false;
}

// What a rule applies to, as text: its class names sorted (order in `classes` does not matter),
// `any`, and the canonical print of its condition. Equal signatures mean the two rules fire on
// exactly the same lines; conditions that are equivalent but written differently (`a and b` vs
// `b and a`) are not detected: a warning always concerns two rules that fire on the same lines.
std::string Signature(const RuleDecl& r) {
  std::vector<std::string> names;
  for (const auto& c : r.classes) names.push_back(c.name);
  std::sort(names.begin(), names.end());
  std::string sig = r.any_item ? "any" : "";
  for (const auto& n : names) sig += n + ",";
  return sig + "|" + (r.when.root ? PrintExpr(*r.when.root) : "true");
}

}  // namespace

// Runs only on a pack without errors (Validate), so every reference resolves. Disabled rules are
// left out: they are meant never to fire, and explain lists them with their disabled_reason.
void Lint(const Pack& pack, std::vector<Diagnostic>& diags) {
  for (size_t i = 0; i < pack.rules.size(); ++i) {
    const RuleDecl& r = pack.rules[i];
    if (!r.enabled) continue;
    if (!r.any_item && !r.classes.empty() && !AnyClassOverlaps(pack, r.classes, r.effective)) {
      Warn(diags, "W401", r.loc,
           "license rule `" + r.id +
               "` can never fire: none of its classes is in effect while it is");
    }
    if (r.when.root && r.when.root->kind == ExprKind::kBool && !r.when.root->boolean) {
      Warn(diags, "W401", r.when.loc,
           "license rule `" + r.id + "` can never fire: its condition is `false`");
    }
    // Shadowed: an earlier enabled rule, overlapping in time, at least as restrictive
    // (DecisionKind orders most restrictive first), with the same signature. Only the first
    // such rule is named.
    for (size_t j = 0; j < i; ++j) {
      const RuleDecl& earlier = pack.rules[j];
      if (earlier.enabled && earlier.effective.Overlaps(r.effective) &&
          earlier.decision <= r.decision && Signature(earlier) == Signature(r)) {
        Warn(diags, "W402", r.loc,
             "license rule `" + r.id + "` is shadowed by `" + earlier.id +
                 "`: same classes and condition");
        break;
      }
    }
  }
  // A family that license rules hold lines for, but that no class says anything about, is one the
  // audit silently ignores: a pack that adds such a family must decide whether declared
  // classifications in it are checked. (A family no rule names requires no license.)
  std::set<std::string> stated, licensed, warned;
  for (const auto& c : pack.classes) {
    if (c.controlled) stated.insert(ClassFamily(c.id));
  }
  for (const auto& r : pack.rules) {
    if (!r.enabled) continue;
    for (const auto& ref : r.classes) licensed.insert(ClassFamily(ref.name));
  }
  for (const auto& c : pack.classes) {
    std::string family = ClassFamily(c.id);
    if (family.empty() || stated.count(family) || !licensed.count(family) ||
        !warned.insert(family).second)
      continue;
    Warn(diags, "W404", c.loc,
         "class family `" + family +
             "` does not say whether it is controlled: an inventory audit treats it as "
             "uncontrolled and checks no declared classification against it (state "
             "`controlled: true` or `controlled: false` on its classes)");
  }
  // An exception covering a rule it never coexists with can never be used for that rule.
  for (const auto& e : pack.exceptions) {
    for (const auto& ref : e.covers) {
      for (const auto& r : pack.rules) {
        if (r.id == ref.name && !r.effective.Overlaps(e.effective)) {
          Warn(diags, "W403", ref.loc,
               "exception `" + e.id + "` can never cover `" + r.id +
                   "`: their effective ranges do not overlap");
        }
      }
    }
  }
}

}  // namespace chipgate
