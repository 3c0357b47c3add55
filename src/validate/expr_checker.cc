// Expression type checking. A string literal becomes a country (checked against ISO 3166-1) or
// an enum value (checked against the attribute's values) when compared with one; lists become
// country sets the same way. Set-valued subexpressions may only combine country groups and lists,
// so the compiler can evaluate them once per effective period.
#include "validate/expr_checker.h"

#include "ast/fact_catalog.h"
#include "base/country.h"

namespace chipgate {
namespace {

// Diagnostic codes this checker raises (docs/diagnostics.md). Each error names its code where it
// is found; nothing is inferred from the message afterwards.
constexpr const char* kUnknownName = "E202";
constexpr const char* kTypeMismatch = "E203";
constexpr const char* kBadCall = "E204";
constexpr const char* kUnknownClass = "E306";
constexpr const char* kUnknownEndUse = "E309";

// Backquoted operator spelling for messages: "`and`".
std::string Quoted(ExprOp op) { return "`" + std::string(OpSpelling(op)) + "`"; }

}  // namespace

// A derived attribute's expression is a single value (the validator refuses sets and lists), so
// a derived string is a literal or a copy of another attribute; derived attributes form no cycle
// (E302), but one not yet checked has no ref, which ends the walk at kExact.
StringKeyKind StringKeyOf(const Pack& pack, const Expr& e) {
  if (e.kind != ExprKind::kName) return StringKeyKind::kExact;
  if (e.ref_kind == RefKind::kFact) return kFacts[e.ref].key;
  if (e.ref_kind != RefKind::kAttribute) return StringKeyKind::kExact;
  const AttributeDecl& a = pack.attributes[e.ref];
  if (a.derived.root) return StringKeyOf(pack, *a.derived.root);
  return a.values.empty() && a.type == Type::kString ? StringKeyKind::kName : StringKeyKind::kExact;
}

ExprChecker::ExprChecker(const Pack& pack, std::vector<Diagnostic>& diags)
    : pack_(pack), diags_(diags) {
  for (size_t i = 0; i < pack.attributes.size(); ++i)
    attr_index_.emplace(pack.attributes[i].name, static_cast<int>(i));
  for (size_t i = 0; i < pack.groups.size(); ++i)
    group_index_.emplace(pack.groups[i].id, static_cast<int>(i));
  for (const auto& c : pack.classes) {
    class_names_.insert(c.id);
    class_names_.insert(c.paragraph);
  }
}

// An expression that did not parse (root == null) was reported by the loader (E201) and is
// skipped here. The result type is kUnknown whenever an error was reported, so callers do not
// report a second error about the same expression.
Type ExprChecker::Check(ExprSource& src, const ExprScope& scope, Type want) {
  attrs_used_.clear();
  classes_used_.clear();
  if (!src.root) return Type::kUnknown;
  src_ = &src;
  scope_ = &scope;
  failed_ = false;
  Type t = Visit(*src.root);
  if (!failed_ && want != Type::kUnknown && t != want) {
    Error(*src.root, kTypeMismatch,
          std::string("expected a ") + TypeName(want) + " expression, found " + TypeName(t));
  }
  return failed_ ? Type::kUnknown : t;
}

// Every error marks the expression failed: callers stop at the first error of an expression and
// return kUnknown, so one mistake gives one diagnostic, not a cascade up the tree.
void ExprChecker::Error(const Expr& e, const char* code, std::string message) {
  failed_ = true;
  diags_.push_back(
      {Severity::kError, code, src_->At(e.offset), std::string(scope_->context) + ": " + message});
}

// Annotates `e` and its subtree bottom-up; returns e's type, or kUnknown after an error. Literals
// get their natural type here; a string literal may later become a country or an enum value when
// the node it is compared with says so (CoerceToCountry, CoerceToEnum).
Type ExprChecker::Visit(Expr& e) {
  switch (e.kind) {
    case ExprKind::kNumber:
      return e.type = Type::kNumber;
    case ExprKind::kString:
      return e.type = Type::kString;
    case ExprKind::kBool:
      return e.type = Type::kBool;
    case ExprKind::kDate:
      return e.type = Type::kDate;
    case ExprKind::kName:
      return Name(e);
    case ExprKind::kList:  // quoted strings; `in` or a set operator decides what they are
      for (auto& a : e.args) {
        if (a->kind != ExprKind::kString) {
          Error(*a, kTypeMismatch, "list elements must be quoted strings");
          return Type::kUnknown;
        }
        a->type = Type::kString;
      }
      return e.type = Type::kStringList;
    case ExprKind::kUnary: {
      Type t = Visit(*e.args[0]);
      if (t == Type::kUnknown) return t;
      Type want = e.op == ExprOp::kNot ? Type::kBool : Type::kNumber;
      if (t != want) {
        Error(e, kTypeMismatch,
              Quoted(e.op) + " needs a " + TypeName(want) + ", found " + TypeName(t));
        return Type::kUnknown;
      }
      return e.type = want;
    }
    case ExprKind::kBinary:
      return Binary(e);
    case ExprKind::kCall:
      return Call(e);
  }
  return Type::kUnknown;
}

// Resolves a name in the order attribute, shipment fact, country group (the validator keeps
// these name spaces disjoint). Facts and groups are allowed only where the scope permits:
// attributes and classes describe the item, whatever the shipment and its date.
Type ExprChecker::Name(Expr& e) {
  if (auto it = attr_index_.find(e.text); it != attr_index_.end()) {
    e.ref_kind = RefKind::kAttribute;
    e.ref = it->second;
    attrs_used_.insert(it->second);
    return e.type = pack_.attributes[it->second].type;
  }
  if (int f = FindFact(e.text); f >= 0) {
    if (!scope_->facts) {
      Error(e, kTypeMismatch,
            "`" + e.text + "` is a shipment fact; only item attributes may be used here");
      return Type::kUnknown;
    }
    e.ref_kind = RefKind::kFact;
    e.ref = f;
    return e.type = kFacts[f].type;
  }
  if (auto it = group_index_.find(e.text); it != group_index_.end()) {
    if (!scope_->facts) {
      // Item attributes and classes do not depend on the date; group membership does.
      Error(e, kTypeMismatch,
            "country group `" + e.text +
                "` cannot be used here; groups belong in license rules and exceptions");
      return Type::kUnknown;
    }
    e.ref_kind = RefKind::kGroup;
    e.ref = it->second;
    return e.type = Type::kCountrySet;
  }
  Error(e, kUnknownName, "unknown name `" + e.text + "`");
  return Type::kUnknown;
}

// Operands are checked first, left then right; the first failing operand ends the check (its
// error was reported). Then the operator decides: logic, set algebra, arithmetic, membership,
// or (the rest) comparison.
Type ExprChecker::Binary(Expr& e) {
  Type l = Visit(*e.args[0]);
  if (l == Type::kUnknown) return l;
  Type r = Visit(*e.args[1]);
  if (r == Type::kUnknown) return r;
  const ExprOp op = e.op;
  if (op == ExprOp::kAnd || op == ExprOp::kOr) {
    if (l != Type::kBool || r != Type::kBool) {
      Error(e, kTypeMismatch,
            Quoted(op) + " needs bool operands, found " + TypeName(l) + " and " + TypeName(r));
      return Type::kUnknown;
    }
    return e.type = Type::kBool;
  }
  // `-` on a set (or a list that becomes one) is set difference; on numbers, subtraction.
  if (op == ExprOp::kUnion || op == ExprOp::kIntersect ||
      (op == ExprOp::kSub && (l == Type::kCountrySet || l == Type::kStringList))) {
    if ((l != Type::kCountrySet && !CoerceToCountry(*e.args[0])) ||
        (r != Type::kCountrySet && !CoerceToCountry(*e.args[1]))) {
      if (!failed_)
        Error(e, kTypeMismatch, Quoted(op) + " combines country groups or lists of country codes");
      return Type::kUnknown;
    }
    return e.type = Type::kCountrySet;
  }
  if (op == ExprOp::kAdd || op == ExprOp::kSub || op == ExprOp::kMul || op == ExprOp::kDiv) {
    if (l != Type::kNumber || r != Type::kNumber) {
      Error(e, kTypeMismatch,
            Quoted(op) + " needs numbers, found " + TypeName(l) + " and " + TypeName(r));
      return Type::kUnknown;
    }
    return e.type = Type::kNumber;
  }
  if (op == ExprOp::kIn) return In(e, l, r);
  return Compare(e, l, r);
}

bool ExprChecker::CoerceToCountry(Expr& e) {
  // Only constants may form sets (groups, quoted codes, lists, and set operations on them): the
  // compiler evaluates each set once per period, so a fact or attribute cannot be part of one.
  if (e.kind == ExprKind::kName && e.ref_kind != RefKind::kGroup) return false;
  if (e.type == Type::kCountry || e.type == Type::kCountrySet) return true;
  if (e.kind == ExprKind::kString) {
    if (!IsIsoCountry(e.text)) {
      Error(e, kTypeMismatch, "`" + e.text + "` is not an ISO 3166-1 alpha-2 country code");
      return false;
    }
    e.type = Type::kCountry;
    e.ref = CountryIndex(e.text);
    return true;
  }
  if (e.kind == ExprKind::kList) {
    for (auto& a : e.args) {
      if (!CoerceToCountry(*a)) return false;
    }
    e.type = Type::kCountrySet;
    return true;
  }
  return false;
}

// A string literal (or each literal of a list) compared with an enum attribute must be one of
// its declared values: `type == 'gpu'` with values [ic, memory] would silently never be true.
// Strings that are not enums (values empty), and comparisons not against an attribute, pass.
bool ExprChecker::CoerceToEnum(Expr& e, const Expr& attr_side) {
  if (attr_side.ref_kind != RefKind::kAttribute) return true;
  const auto& values = pack_.attributes[attr_side.ref].values;
  if (values.empty()) return true;
  auto check = [&](const Expr& lit) {
    for (const auto& v : values) {
      if (v == lit.text) return true;
    }
    Error(lit, kTypeMismatch, "`" + lit.text + "` is not a value of `" + attr_side.text + "`");
    return false;
  };
  if (e.kind == ExprKind::kString) return check(e);
  if (e.kind == ExprKind::kList) {
    for (auto& a : e.args) {
      if (!check(*a)) return false;
    }
  }
  return true;
}

// A literal compared with `end_use` must be a declared end use's id: a misspelt one (or an
// alias, which a stated end use never equals after resolution) would silently never match.
bool ExprChecker::CheckEndUses(const Expr& e, const Expr& fact_side) {
  if (fact_side.ref_kind != RefKind::kFact || fact_side.ref != kFactEndUse) return true;
  auto check = [&](const Expr& lit) {
    for (const auto& u : pack_.end_uses) {
      if (u.id == lit.text) return true;
    }
    std::string known;
    for (const auto& u : pack_.end_uses) known += (known.empty() ? "`" : ", `") + u.id + "`";
    Error(lit, kUnknownEndUse,
          "`" + lit.text + "` is not a declared end use (`end_uses:` declares " +
              (known.empty() ? std::string("none") : known) + ")");
    return false;
  };
  if (e.kind == ExprKind::kString) return check(e);
  if (e.kind == ExprKind::kList) {
    for (const auto& a : e.args) {
      if (!check(*a)) return false;
    }
  }
  return true;
}

// ==, !=, <, <=, >, >=. Both sides must have the same type after coercion (a string literal
// against a country becomes a country); sets and lists are not comparable; ordering needs
// numbers or dates. Strings are then checked against enum values and declared end uses, in both
// directions, since the literal may be on either side.
Type ExprChecker::Compare(Expr& e, Type l, Type r) {
  Expr& a = *e.args[0];
  Expr& b = *e.args[1];
  if (l == Type::kCountry && r == Type::kString) {
    if (!CoerceToCountry(b)) {
      if (!failed_) Error(e, kTypeMismatch, "cannot compare country with string");
      return Type::kUnknown;
    }
    r = Type::kCountry;
  } else if (r == Type::kCountry && l == Type::kString) {
    if (!CoerceToCountry(a)) {
      if (!failed_) Error(e, kTypeMismatch, "cannot compare string with country");
      return Type::kUnknown;
    }
    l = Type::kCountry;
  }
  if (l != r || l == Type::kCountrySet || l == Type::kStringList) {
    Error(e, kTypeMismatch, "cannot compare " + std::string(TypeName(l)) + " with " + TypeName(r));
    return Type::kUnknown;
  }
  bool ordering = e.op != ExprOp::kEq && e.op != ExprOp::kNe;
  if (ordering && l != Type::kNumber && l != Type::kDate) {
    Error(e, kTypeMismatch,
          Quoted(e.op) + " orders numbers or dates, not " + TypeName(l) + " values");
    return Type::kUnknown;
  }
  if (l == Type::kString && (!CoerceToEnum(b, a) || !CoerceToEnum(a, b))) return Type::kUnknown;
  if (l == Type::kString && (!CheckEndUses(b, a) || !CheckEndUses(a, b))) return Type::kUnknown;
  if (l == Type::kString && !LiteralSide(e)) return Type::kUnknown;
  return e.type = Type::kBool;
}

// Names and ids are compared by their keys, and a value no literal of the pack has a key for is
// not interned at all: two such values would compare equal. So a comparison of free-text or id
// strings needs a quoted string on one side; two enum values (both exact) may still be compared.
bool ExprChecker::LiteralSide(const Expr& e) {
  const Expr& a = *e.args[0];
  const Expr& b = *e.args[1];
  if (a.kind == ExprKind::kString || b.kind == ExprKind::kString) return true;
  if (StringKeyOf(pack_, a) == StringKeyKind::kExact &&
      StringKeyOf(pack_, b) == StringKeyKind::kExact)
    return true;
  Error(e, kTypeMismatch,
        "`" + a.text + "` and `" + b.text +
            "` cannot be compared with each other; compare each with a quoted string");
  return false;
}

// `x in S`: a country in a country set (a group, a list of codes, or set algebra on them; the
// compiler evaluates S once per epoch), or a string in a list of literals (an enum value or an
// end use, checked like a comparison). A name on the right must be a group: a country-valued
// fact or attribute is not a set.
Type ExprChecker::In(Expr& e, Type l, Type r) {
  Expr& rhs = *e.args[1];
  if (l == Type::kCountry) {
    if ((r != Type::kCountrySet || rhs.kind == ExprKind::kName) && !CoerceToCountry(rhs)) {
      if (!failed_)
        Error(rhs, kTypeMismatch,
              std::string("`in` needs a country group or list of codes, found ") + TypeName(r));
      return Type::kUnknown;
    }
    return e.type = Type::kBool;
  }
  if (l == Type::kString && r == Type::kStringList) {
    if (!CoerceToEnum(rhs, *e.args[0]) || !CheckEndUses(rhs, *e.args[0])) return Type::kUnknown;
    return e.type = Type::kBool;
  }
  Error(e, kTypeMismatch,
        std::string("`in` cannot test a ") + TypeName(l) + " against a " + TypeName(r));
  return Type::kUnknown;
}

// The built-in functions, resolved by the parser into e.func. known(name) takes an attribute or
// fact name unevaluated (it asks whether a value is present); is() and contains() take a class
// id or paragraph as a quoted literal and are allowed only where class references are (not in
// derived attributes); min and max take two numbers. All codes here are E204 except an unknown
// class (E306, like an unknown class in `classes:`).
Type ExprChecker::Call(Expr& e) {
  const std::string& fn = e.text;
  auto arity = [&](size_t n) {
    if (e.args.size() == n) return true;
    Error(e, kBadCall,
          "function `" + fn + "` takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s"));
    return false;
  };
  if (e.func == ExprFunc::kKnown) {
    if (!arity(1)) return Type::kUnknown;
    Expr& a = *e.args[0];
    if (a.kind != ExprKind::kName) {
      Error(a, kBadCall, "function `known` takes an attribute or fact name");
      return Type::kUnknown;
    }
    if (Name(a) == Type::kUnknown) return Type::kUnknown;
    if (a.ref_kind == RefKind::kGroup) {
      Error(a, kBadCall, "function `known` takes an attribute or fact name, not a country group");
      return Type::kUnknown;
    }
    return e.type = Type::kBool;
  }
  if (e.func == ExprFunc::kIs || e.func == ExprFunc::kContains) {
    if (!arity(1)) return Type::kUnknown;
    if (!scope_->class_refs) {
      Error(e, kBadCall, "function `" + fn + "` is not allowed here");
      return Type::kUnknown;
    }
    Expr& a = *e.args[0];
    if (a.kind != ExprKind::kString) {
      Error(a, kBadCall, "function `" + fn + "` takes a quoted class id");
      return Type::kUnknown;
    }
    if (!class_names_.count(a.text)) {
      Error(a, kUnknownClass, "unknown class `" + a.text + "`");
      return Type::kUnknown;
    }
    a.type = Type::kString;
    // Only is() orders classes: contains() reads components, classified before their parent.
    if (e.func == ExprFunc::kIs) classes_used_.insert(a.text);
    return e.type = Type::kBool;
  }
  if (e.func == ExprFunc::kMin || e.func == ExprFunc::kMax) {
    if (!arity(2)) return Type::kUnknown;
    for (auto& a : e.args) {
      Type t = Visit(*a);
      if (t == Type::kUnknown) return t;
      if (t != Type::kNumber) {
        Error(*a, kBadCall, "function `" + fn + "` takes numbers, found " + TypeName(t));
        return Type::kUnknown;
      }
    }
    return e.type = Type::kNumber;
  }
  Error(e, kBadCall,
        "function `" + fn + "` does not exist; known functions: known, is, contains, min, max");
  return Type::kUnknown;
}

}  // namespace chipgate
