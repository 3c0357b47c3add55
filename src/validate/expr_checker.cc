// Expression type checking. A string literal becomes a country (checked against ISO 3166-1) or
// an enum value (checked against the attribute's values) when compared with one; lists become
// country sets the same way. Set-valued subexpressions may only combine country groups and lists,
// so the compiler can evaluate them once per effective period.
#include "validate/expr_checker.h"

#include "ast/fact_catalog.h"
#include "base/country.h"

namespace chipgate {

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

Type ExprChecker::Check(ExprSource& src, const ExprScope& scope, Type want) {
  attrs_used_.clear();
  classes_used_.clear();
  if (!src.root) return Type::kUnknown;
  src_ = &src;
  scope_ = &scope;
  failed_ = false;
  Type t = Visit(*src.root);
  if (!failed_ && want != Type::kUnknown && t != want) {
    Error(*src.root,
          std::string("expected a ") + TypeName(want) + " expression, found " + TypeName(t));
  }
  return failed_ ? Type::kUnknown : t;
}

void ExprChecker::Error(const Expr& e, std::string message) {
  failed_ = true;
  std::string code = message.starts_with("unknown name")    ? "E202"
                     : message.starts_with("unknown class") ? "E306"
                     : message.starts_with("function")      ? "E204"
                                                            : "E203";
  Error(e, code.c_str(), std::move(message));
}

void ExprChecker::Error(const Expr& e, const char* code, std::string message) {
  failed_ = true;
  diags_.push_back(
      {Severity::kError, code, src_->At(e.offset), std::string(scope_->context) + ": " + message});
}

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
    case ExprKind::kList:
      for (auto& a : e.args) {
        if (a->kind != ExprKind::kString) {
          Error(*a, "list elements must be quoted strings");
          return Type::kUnknown;
        }
        a->type = Type::kString;
      }
      return e.type = Type::kStringList;
    case ExprKind::kUnary: {
      Type t = Visit(*e.args[0]);
      if (t == Type::kUnknown) return t;
      Type want = e.text == "not" ? Type::kBool : Type::kNumber;
      if (t != want) {
        Error(e, "`" + e.text + "` needs a " + TypeName(want) + ", found " + TypeName(t));
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

Type ExprChecker::Name(Expr& e) {
  if (auto it = attr_index_.find(e.text); it != attr_index_.end()) {
    e.ref_kind = RefKind::kAttribute;
    e.ref = it->second;
    attrs_used_.insert(it->second);
    return e.type = pack_.attributes[it->second].type;
  }
  if (int f = FindFact(e.text); f >= 0) {
    if (!scope_->facts) {
      Error(e, "`" + e.text + "` is a shipment fact; only item attributes may be used here");
      return Type::kUnknown;
    }
    e.ref_kind = RefKind::kFact;
    e.ref = f;
    return e.type = kFacts[f].type;
  }
  if (auto it = group_index_.find(e.text); it != group_index_.end()) {
    if (!scope_->facts) {
      // Item attributes and classes do not depend on the date; group membership does.
      Error(e, "country group `" + e.text +
                   "` cannot be used here; groups belong in license rules and exceptions");
      return Type::kUnknown;
    }
    e.ref_kind = RefKind::kGroup;
    e.ref = it->second;
    return e.type = Type::kCountrySet;
  }
  Error(e, "unknown name `" + e.text + "`");
  return Type::kUnknown;
}

Type ExprChecker::Binary(Expr& e) {
  Type l = Visit(*e.args[0]);
  if (l == Type::kUnknown) return l;
  Type r = Visit(*e.args[1]);
  if (r == Type::kUnknown) return r;
  const std::string& op = e.text;
  if (op == "and" || op == "or") {
    if (l != Type::kBool || r != Type::kBool) {
      Error(e, "`" + op + "` needs bool operands, found " + TypeName(l) + " and " + TypeName(r));
      return Type::kUnknown;
    }
    return e.type = Type::kBool;
  }
  if (op == "|" || op == "&" || (op == "-" && (l == Type::kCountrySet || l == Type::kStringList))) {
    if ((l != Type::kCountrySet && !CoerceToCountry(*e.args[0])) ||
        (r != Type::kCountrySet && !CoerceToCountry(*e.args[1]))) {
      if (!failed_) Error(e, "`" + op + "` combines country groups or lists of country codes");
      return Type::kUnknown;
    }
    return e.type = Type::kCountrySet;
  }
  if (op == "+" || op == "-" || op == "*" || op == "/") {
    if (l != Type::kNumber || r != Type::kNumber) {
      Error(e, "`" + op + "` needs numbers, found " + TypeName(l) + " and " + TypeName(r));
      return Type::kUnknown;
    }
    return e.type = Type::kNumber;
  }
  if (op == "in") return In(e, l, r);
  return Compare(e, l, r);
}

bool ExprChecker::CoerceToCountry(Expr& e) {
  // Only constants may form sets (groups, quoted codes, lists, and set operations on them): the
  // compiler evaluates each set once per period, so a fact or attribute cannot be part of one.
  if (e.kind == ExprKind::kName && e.ref_kind != RefKind::kGroup) return false;
  if (e.type == Type::kCountry || e.type == Type::kCountrySet) return true;
  if (e.kind == ExprKind::kString) {
    if (!IsIsoCountry(e.text)) {
      Error(e, "`" + e.text + "` is not an ISO 3166-1 alpha-2 country code");
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

bool ExprChecker::CoerceToEnum(Expr& e, const Expr& attr_side) {
  if (attr_side.ref_kind != RefKind::kAttribute) return true;
  const auto& values = pack_.attributes[attr_side.ref].values;
  if (values.empty()) return true;
  auto check = [&](const Expr& lit) {
    for (const auto& v : values) {
      if (v == lit.text) return true;
    }
    Error(lit, "`" + lit.text + "` is not a value of `" + attr_side.text + "`");
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
    Error(lit, "E309",
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

Type ExprChecker::Compare(Expr& e, Type l, Type r) {
  Expr& a = *e.args[0];
  Expr& b = *e.args[1];
  if (l == Type::kCountry && r == Type::kString) {
    if (!CoerceToCountry(b)) {
      if (!failed_) Error(e, "cannot compare country with string");
      return Type::kUnknown;
    }
    r = Type::kCountry;
  } else if (r == Type::kCountry && l == Type::kString) {
    if (!CoerceToCountry(a)) {
      if (!failed_) Error(e, "cannot compare string with country");
      return Type::kUnknown;
    }
    l = Type::kCountry;
  }
  if (l != r || l == Type::kCountrySet || l == Type::kStringList) {
    Error(e, "cannot compare " + std::string(TypeName(l)) + " with " + TypeName(r));
    return Type::kUnknown;
  }
  bool ordering = e.text != "==" && e.text != "!=";
  if (ordering && l != Type::kNumber && l != Type::kDate) {
    Error(e, "`" + e.text + "` orders numbers or dates, not " + TypeName(l) + " values");
    return Type::kUnknown;
  }
  if (l == Type::kString && (!CoerceToEnum(b, a) || !CoerceToEnum(a, b))) return Type::kUnknown;
  if (l == Type::kString && (!CheckEndUses(b, a) || !CheckEndUses(a, b))) return Type::kUnknown;
  return e.type = Type::kBool;
}

Type ExprChecker::In(Expr& e, Type l, Type r) {
  Expr& rhs = *e.args[1];
  if (l == Type::kCountry) {
    if ((r != Type::kCountrySet || rhs.kind == ExprKind::kName) && !CoerceToCountry(rhs)) {
      if (!failed_)
        Error(rhs,
              std::string("`in` needs a country group or list of codes, found ") + TypeName(r));
      return Type::kUnknown;
    }
    return e.type = Type::kBool;
  }
  if (l == Type::kString && r == Type::kStringList) {
    if (!CoerceToEnum(rhs, *e.args[0]) || !CheckEndUses(rhs, *e.args[0])) return Type::kUnknown;
    return e.type = Type::kBool;
  }
  Error(e, std::string("`in` cannot test a ") + TypeName(l) + " against a " + TypeName(r));
  return Type::kUnknown;
}

Type ExprChecker::Call(Expr& e) {
  const std::string& fn = e.text;
  auto arity = [&](size_t n) {
    if (e.args.size() == n) return true;
    Error(e,
          "function `" + fn + "` takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s"));
    return false;
  };
  if (fn == "known") {
    if (!arity(1)) return Type::kUnknown;
    Expr& a = *e.args[0];
    if (a.kind != ExprKind::kName) {
      Error(a, "function `known` takes an attribute or fact name");
      return Type::kUnknown;
    }
    if (Name(a) == Type::kUnknown) return Type::kUnknown;
    if (a.ref_kind == RefKind::kGroup) {
      Error(a, "function `known` takes an attribute or fact name, not a country group");
      return Type::kUnknown;
    }
    return e.type = Type::kBool;
  }
  if (fn == "is" || fn == "contains") {
    if (!arity(1)) return Type::kUnknown;
    if (!scope_->class_refs) {
      Error(e, "function `" + fn + "` is not allowed here");
      return Type::kUnknown;
    }
    Expr& a = *e.args[0];
    if (a.kind != ExprKind::kString) {
      Error(a, "function `" + fn + "` takes a quoted class id");
      return Type::kUnknown;
    }
    if (!class_names_.count(a.text)) {
      Error(a, "unknown class `" + a.text + "`");
      return Type::kUnknown;
    }
    a.type = Type::kString;
    if (fn == "is") classes_used_.insert(a.text);
    return e.type = Type::kBool;
  }
  if (fn == "min" || fn == "max") {
    if (!arity(2)) return Type::kUnknown;
    for (auto& a : e.args) {
      Type t = Visit(*a);
      if (t == Type::kUnknown) return t;
      if (t != Type::kNumber) {
        Error(*a, "function `" + fn + "` takes numbers, found " + TypeName(t));
        return Type::kUnknown;
      }
    }
    return e.type = Type::kNumber;
  }
  Error(e, "function `" + fn + "` does not exist; known functions: known, is, contains, min, max");
  return Type::kUnknown;
}

}  // namespace chipgate
