// Expression tree of the rule language (docs/rule-language.md). Built by ParseExpr from the text
// of a YAML scalar; the validator annotates each node with its type and resolved reference; the
// compiler turns checked trees into bytecode. Offsets are byte offsets into the expression text.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chipgate/diagnostic.h"

namespace chipgate {

enum class ExprKind { kNumber, kString, kBool, kDate, kName, kList, kUnary, kBinary, kCall };

// The operator of a kUnary or kBinary node, chosen by the parser from the token it read. The
// checker, the compiler and the printer switch on it; OpSpelling (expr_op.cc) is the one table
// from an operator to its written form, used for printing and in messages.
enum class ExprOp : uint8_t {
  kNone,  // the node is not an operator
  kOr,
  kAnd,
  kNot,  // unary `not` (also the outer node of `x not in S`)
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kUnion,      // `|` on country sets
  kIntersect,  // `&` on country sets
  kAdd,
  kSub,  // `-`: subtraction of numbers, or set difference when the left side is a set
  kMul,
  kDiv,
  kNeg,  // unary `-`
};

// The written form of `op` ("and", "==", "-", ...); "" for kNone.
std::string_view OpSpelling(ExprOp op);

// The built-in function a kCall node names. The parser accepts any name; the checker reports a
// call whose function is kUnknown (E204).
enum class ExprFunc : uint8_t { kUnknown, kKnown, kIs, kContains, kMin, kMax };

// The function spelt `name`, or kUnknown.
ExprFunc FindFunc(std::string_view name);

// Static types. kEnum is a string restricted to an attribute's declared values.
enum class Type { kUnknown, kNumber, kBool, kString, kDate, kCountry, kCountrySet, kStringList };

const char* TypeName(Type t);

// What a kName node resolved to.
enum class RefKind { kNone, kAttribute, kFact, kGroup };

struct Expr {
  ExprKind kind = ExprKind::kNumber;
  int offset = 0;  // start of the node in the expression text
  double number = 0;
  int date_days = 0;
  bool boolean = false;
  std::string text;           // string literal, name, date or number as written, or function name
  ExprOp op = ExprOp::kNone;  // kUnary and kBinary nodes
  ExprFunc func = ExprFunc::kUnknown;  // kCall nodes
  std::vector<std::unique_ptr<Expr>> args;

  // Filled by the validator.
  Type type = Type::kUnknown;
  RefKind ref_kind = RefKind::kNone;
  int ref = -1;  // attribute, fact, group or class index
};

// An expression as written in a rule file: its text, where that text starts in the file, and
// the parsed tree (null when it did not parse).
struct ExprSource {
  std::string text;
  SourceLoc loc;  // location of the first character of `text`
  // (line, col) of each byte of `text` in the file, when the text is not a verbatim copy of one
  // stretch of a line (escapes, doubled quotes, folded or block lines); empty otherwise.
  std::vector<std::pair<int, int>> positions;
  std::unique_ptr<Expr> root;

  bool present() const { return root != nullptr || !text.empty(); }
  SourceLoc At(int offset) const {
    SourceLoc l = loc;
    if (!positions.empty() && offset >= 0) {
      // Past the end (an error at the end of the text): just after the last character.
      size_t i = std::min(static_cast<size_t>(offset), positions.size() - 1);
      l.line = positions[i].first;
      l.col = positions[i].second + (static_cast<size_t>(offset) >= positions.size() ? 1 : 0);
    } else if (l.line > 0) {
      l.col += offset;
    }
    return l;
  }
};

// Parses `source.text` into `source.root`; syntax errors are appended to `diags` (code E201)
// with a location inside the string.
void ParseExpr(ExprSource& source, std::vector<Diagnostic>& diags);

// Canonical, fully parenthesised text of a tree (used by tests and the shadowing lint).
std::string PrintExpr(const Expr& e);

}  // namespace chipgate
