// The spelling of every expression operator and built-in function: the single table between the
// enums of expr.h and the text users write and read (printer, checker messages).
#include <array>
#include <utility>

#include "ast/expr.h"

namespace chipgate {

// A switch rather than an array, so adding an operator without a spelling is a compiler warning.
std::string_view OpSpelling(ExprOp op) {
  switch (op) {
    case ExprOp::kNone:
      return "";
    case ExprOp::kOr:
      return "or";
    case ExprOp::kAnd:
      return "and";
    case ExprOp::kNot:
      return "not";
    case ExprOp::kEq:
      return "==";
    case ExprOp::kNe:
      return "!=";
    case ExprOp::kLt:
      return "<";
    case ExprOp::kLe:
      return "<=";
    case ExprOp::kGt:
      return ">";
    case ExprOp::kGe:
      return ">=";
    case ExprOp::kIn:
      return "in";
    case ExprOp::kUnion:
      return "|";
    case ExprOp::kIntersect:
      return "&";
    case ExprOp::kAdd:
      return "+";
    case ExprOp::kSub:  // binary and unary minus are written alike; the node kind tells them apart
    case ExprOp::kNeg:
      return "-";
    case ExprOp::kMul:
      return "*";
    case ExprOp::kDiv:
      return "/";
  }
  return "";
}

// Function names are not reserved words: `known` may also name an attribute; only a call
// `name(...)` is looked up here.
ExprFunc FindFunc(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, ExprFunc>, 5> kFuncs = {{
      {"known", ExprFunc::kKnown},
      {"is", ExprFunc::kIs},
      {"contains", ExprFunc::kContains},
      {"min", ExprFunc::kMin},
      {"max", ExprFunc::kMax},
  }};
  for (const auto& [spelling, func] : kFuncs) {
    if (spelling == name) return func;
  }
  return ExprFunc::kUnknown;
}

}  // namespace chipgate
