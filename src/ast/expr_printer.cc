// Canonical printer: literals normalised, every operator parenthesised. Two trees print the
// same text exactly when they have the same structure (the shadowing lint relies on this; the
// parser tests use it as the tree's dump). Also the names of static types for messages.
#include <cstdio>

#include "ast/expr.h"

namespace chipgate {

// Type names as messages show them ("expected a bool expression, found number").
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
      char buf[32];  // %.17g round-trips every double, so `1.50` and `1.5` print alike
      std::snprintf(buf, sizeof buf, "%.17g", e.number);
      return buf;
    }
    case ExprKind::kString:  // always single quotes, whichever quote was written
      return "'" + e.text + "'";
    case ExprKind::kBool:
      return e.boolean ? "true" : "false";
    case ExprKind::kDate:  // dates are already canonical (the lexer takes only NNNN-NN-NN)
      return e.text;
    case ExprKind::kName:
      return e.text;
    case ExprKind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + PrintExpr(*e.args[i]);
      return out + "]";
    }
    case ExprKind::kUnary:  // `(not x)`, `(-x)`
      return "(" + std::string(OpSpelling(e.op)) + (e.op == ExprOp::kNot ? " " : "") +
             PrintExpr(*e.args[0]) + ")";
    case ExprKind::kBinary:
      return "(" + PrintExpr(*e.args[0]) + " " + std::string(OpSpelling(e.op)) + " " +
             PrintExpr(*e.args[1]) + ")";
    case ExprKind::kCall: {
      std::string out = e.text + "(";
      for (size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + PrintExpr(*e.args[i]);
      return out + ")";
    }
  }
  return "?";
}

}  // namespace chipgate
