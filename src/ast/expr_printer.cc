// Canonical printer: literals normalised, every operator parenthesised. Two trees print the
// same text exactly when they have the same structure.
#include <cstdio>

#include "ast/expr.h"

namespace chipgate {

const char* TypeName(Type t) {
  switch (t) {
    case Type::kNumber:
      return "number";
    case Type::kBool:
      return "bool";
    case Type::kString:
      return "string";
    case Type::kDate:
      return "date";
    case Type::kCountry:
      return "country";
    case Type::kCountrySet:
      return "country set";
    case Type::kStringList:
      return "string list";
    case Type::kUnknown:
      break;
  }
  return "unknown";
}

std::string PrintExpr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kNumber: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", e.number);
      return buf;
    }
    case ExprKind::kString:
      return "'" + e.text + "'";
    case ExprKind::kBool:
      return e.boolean ? "true" : "false";
    case ExprKind::kDate:
      return e.text;
    case ExprKind::kName:
      return e.text;
    case ExprKind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + PrintExpr(*e.args[i]);
      return out + "]";
    }
    case ExprKind::kUnary:
      return "(" + e.text + (e.text == "not" ? " " : "") + PrintExpr(*e.args[0]) + ")";
    case ExprKind::kBinary:
      return "(" + PrintExpr(*e.args[0]) + " " + e.text + " " + PrintExpr(*e.args[1]) + ")";
    case ExprKind::kCall: {
      std::string out = e.text + "(";
      for (size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + PrintExpr(*e.args[i]);
      return out + ")";
    }
  }
  return "?";
}

}  // namespace chipgate
