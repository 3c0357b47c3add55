// Type checker for one expression: resolves names against the pack (attributes, facts, country
// groups, classes) and annotates each node with its Type and reference. Errors point inside the
// expression string.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ast/pack.h"
#include "base/string_key.h"

namespace chipgate {

// Where an expression appears decides what it may name.
struct ExprScope {
  bool facts = false;        // shipment facts (destination, date, ...)
  bool class_refs = false;   // is(...) and contains(...)
  const char* context = "";  // e.g. "class `3A090.a`", for messages
};

// How the string value of `e` (a checked name: an attribute or a fact) compares with literals:
// enum attributes exactly, other given string attributes by NameKey, facts as the catalogue says,
// a derived string attribute as the expression it copies. kExact for anything else (literals).
// The compiler keys literals by it and the resolver keys values the same way.
StringKeyKind StringKeyOf(const Pack& pack, const Expr& e);

class ExprChecker {
 public:
  ExprChecker(const Pack& pack, std::vector<Diagnostic>& diags);

  // Checks `src` and reports if its type is not `want` (kUnknown: any type). Returns the type.
  Type Check(ExprSource& src, const ExprScope& scope, Type want);

  // Names referenced by the last checked expression.
  const std::set<int>& attributes_used() const { return attrs_used_; }
  const std::set<std::string>& classes_used() const { return classes_used_; }

  // Class ids and paragraph ids known to the pack.
  bool IsClassName(const std::string& name) const { return class_names_.count(name) > 0; }

 private:
  Type Visit(Expr& e);
  Type Name(Expr& e);
  Type Binary(Expr& e);
  Type Compare(Expr& e, Type l, Type r);
  Type In(Expr& e, Type l, Type r);
  Type Call(Expr& e);
  bool CoerceToCountry(Expr& e);
  bool CoerceToEnum(Expr& e, const Expr& attr_side);
  bool CheckEndUses(const Expr& e, const Expr& fact_side);
  bool LiteralSide(const Expr& e);
  // Reports `message` with diagnostic `code` at `e`, prefixed by the scope's context.
  void Error(const Expr& e, const char* code, std::string message);

  const Pack& pack_;
  std::vector<Diagnostic>& diags_;
  std::map<std::string, int> attr_index_, group_index_;
  std::set<std::string> class_names_;
  ExprSource* src_ = nullptr;
  const ExprScope* scope_ = nullptr;
  std::set<int> attrs_used_;
  std::set<std::string> classes_used_;
  bool failed_ = false;
};

}  // namespace chipgate
