// Tests for the expression parser: canonical dumps by precedence, located E201 syntax errors,
// nesting limits.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "ast/expr.h"
#include "chipgate/engine.h"

namespace chipgate {
namespace {

// Where the test expressions pretend to live: rules.yaml line 7, text starting at column 11.
constexpr int kLine = 7;
constexpr int kCol = 11;

struct Parsed {
  ExprSource src;
  std::vector<Diagnostic> diags;
};

Parsed Parse(const std::string& text) {
  Parsed p;
  p.src.text = text;
  p.src.loc = {"rules.yaml", kLine, kCol};
  ParseExpr(p.src, p.diags);
  return p;
}

// The canonical dump, or "error: <message>" when the text does not parse.
std::string Dump(const std::string& text) {
  Parsed p = Parse(text);
  if (!p.diags.empty()) return "error: " + p.diags.front().message;
  return p.src.root ? PrintExpr(*p.src.root) : "<no tree>";
}

struct DumpCase {
  const char* input;
  const char* dump;
};

void CheckDumps(const std::vector<DumpCase>& cases) {
  for (const auto& c : cases) {
    INFO("input: " << c.input);
    CHECK(Dump(c.input) == c.dump);
  }
}

// Runs `fn` in a child process so that a crash fails one assertion instead of the whole binary.
bool RunsWithoutCrash(const std::function<void()>& fn) {
  pid_t pid = fork();
  if (pid == 0) {
    fn();
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("LogicalOperatorsBindOrLooserThanAndLooserThanNot", "[ast][parser]") {
  CheckDumps({
      {"a or b and c", "(a or (b and c))"},
      {"a and b or c", "((a and b) or c)"},
      {"a or b or c", "((a or b) or c)"},
      {"a and b and c", "((a and b) and c)"},
      {"not a and b", "((not a) and b)"},
      {"not a or not b", "((not a) or (not b))"},
      {"not not a", "(not (not a))"},
      {"not (a or b)", "(not (a or b))"},
      {"(a or b) and c", "((a or b) and c)"},
      {"a and not b or c", "((a and (not b)) or c)"},
      {"true and false", "(true and false)"},
      {"android or notable", "(android or notable)"},
  });
}

TEST_CASE("ComparisonsBindTighterThanNotAndDoNotChain", "[ast][parser]") {
  CheckDumps({
      {"a == b", "(a == b)"},
      {"a != b", "(a != b)"},
      {"a < b", "(a < b)"},
      {"a<=b", "(a <= b)"},
      {"a > b", "(a > b)"},
      {"a >= b", "(a >= b)"},
      {"not a == b", "(not (a == b))"},
      {"a == b or c != d", "((a == b) or (c != d))"},
      {"tpp >= 4800 and type == 'ic'", "((tpp >= 4800) and (type == 'ic'))"},
      {"a + 1 > b * 2", "((a + 1) > (b * 2))"},
      {"a == b == c", "error: expected end of expression, found `==`"},
  });
}

TEST_CASE("InAndNotInTestMembershipOfASetExpression", "[ast][parser]") {
  CheckDumps({
      {"destination in D:5", "(destination in D:5)"},
      {"destination not in D:5", "(not (destination in D:5))"},
      {"x not in D:5 | A:5", "(not (x in (D:5 | A:5)))"},
      {"destination in D:5 | ['MO']", "(destination in (D:5 | ['MO']))"},
      {"destination in D:5 - ['CN']", "(destination in (D:5 - ['CN']))"},
      {"not destination in A:5", "(not (destination in A:5))"},
      {"type in ['ic', 'memory']", "(type in ['ic', 'memory'])"},
      {"a in b and c in d", "((a in b) and (c in d))"},
      {"end_user.headquarters in D:5 | ['MO'] and not (destination in A:5)",
       "((end_user.headquarters in (D:5 | ['MO'])) and (not (destination in A:5)))"},
  });
}

TEST_CASE("SetOperatorsBindLooserThanArithmetic", "[ast][parser]") {
  CheckDumps({
      {"A | B", "(A | B)"},
      {"A & B", "(A & B)"},
      {"A | B & C", "((A | B) & C)"},
      {"A & B | C", "((A & B) | C)"},
      {"A | B - C", "(A | (B - C))"},
      {"A - B | C", "((A - B) | C)"},
      {"a + b | c", "((a + b) | c)"},
      {"D:5 | ['MO', 'HK']", "(D:5 | ['MO', 'HK'])"},
  });
}

TEST_CASE("ArithmeticFollowsTheUsualPrecedence", "[ast][parser]") {
  CheckDumps({
      {"1 + 2 * 3", "(1 + (2 * 3))"},
      {"1 * 2 + 3", "((1 * 2) + 3)"},
      {"(1 + 2) * 3", "((1 + 2) * 3)"},
      {"a - b - c", "((a - b) - c)"},
      {"a / b / c", "((a / b) / c)"},
      {"a - b + c", "((a - b) + c)"},
      {"tpp / die_area_mm2", "(tpp / die_area_mm2)"},
      {"a*b/c", "((a * b) / c)"},
  });
}

TEST_CASE("UnaryMinusBindsTightest", "[ast][parser]") {
  CheckDumps({
      {"-2 * 3", "((-2) * 3)"},
      {"-x", "(-x)"},
      {"- - x", "(-(-x))"},
      {"a - -b", "(a - (-b))"},
      {"-x.y", "(-x.y)"},
      {"-(a + b)", "(-(a + b))"},
      {"-a > b", "((-a) > b)"},
      {"not -a > b", "(not ((-a) > b))"},
  });
}

TEST_CASE("CallsTakeFullExpressionsAsArguments", "[ast][parser]") {
  CheckDumps({
      {"known(tpp)", "known(tpp)"},
      {"is('3A090.a')", "is('3A090.a')"},
      {"contains('3A090.a')", "contains('3A090.a')"},
      {"min(a, 1)", "min(a, 1)"},
      {"max(a * 2, b or c)", "max((a * 2), (b or c))"},
      {"min(a, 1) + max(b, 2)", "(min(a, 1) + max(b, 2))"},
      {"known(tpp) and is('3A090.a') or contains('4A090.a')",
       "((known(tpp) and is('3A090.a')) or contains('4A090.a'))"},
      {"not known(pd)", "(not known(pd))"},
      {"f()", "f()"},
      {"min(max(a, b), c)", "min(max(a, b), c)"},
      {"type == 'computer' and contains('3A090.a')",
       "((type == 'computer') and contains('3A090.a'))"},
  });
}

TEST_CASE("ListsHoldSetLevelExpressions", "[ast][parser]") {
  CheckDumps({
      {"[]", "[]"},
      {"['a']", "['a']"},
      {"['a', 'b', 'c']", "['a', 'b', 'c']"},
      {"[ 'CN' ,'RU' ]", "['CN', 'RU']"},
      {"[a + 1, b]", "[(a + 1), b]"},
      {"[a == b]", "error: expected `]`, found `==`"},
  });
}

TEST_CASE("LiteralsPrintCanonically", "[ast][parser]") {
  CheckDumps({
      {"4800", "4800"},
      {"5.92", "5.9199999999999999"},
      {"1.5e3", "1500"},
      {".5", "0.5"},
      {"007", "7"},
      {"'ic'", "'ic'"},
      {"\"ic\"", "'ic'"},
      {"'two words'", "'two words'"},
      {"''", "''"},
      {"true", "true"},
      {"false", "false"},
      {"2024-01-01", "2024-01-01"},
      {"date >= 2024-01-01", "(date >= 2024-01-01)"},
      {"date < 2025-01-15 and date >= 2023-11-17",
       "((date < 2025-01-15) and (date >= 2023-11-17))"},
      // A date literal must not run into another digit; then it is arithmetic on numbers.
      {"2024-01-011", "((2024 - 1) - 11)"},
  });
}

TEST_CASE("NamesIncludeGroupIdsAndDottedFacts", "[ast][parser]") {
  CheckDumps({
      {"D:5", "D:5"},
      {"A:6", "A:6"},
      {"E:1 | E:2", "(E:1 | E:2)"},
      {"end_user.headquarters", "end_user.headquarters"},
      {"consignee.parent_headquarters", "consignee.parent_headquarters"},
      {"a.b.c", "a.b.c"},
      {"_private", "_private"},
      {"die_area_mm2", "die_area_mm2"},
      {"x in not_listed", "(x in not_listed)"},
  });
}

TEST_CASE("NodeOffsetsPointAtTheirToken", "[ast][parser]") {
  Parsed p = Parse("tpp >= 4800 and not known(pd)");
  REQUIRE(p.diags.empty());
  const Expr& root = *p.src.root;
  CHECK(root.op == ExprOp::kAnd);
  CHECK(root.offset == 12);
  CHECK(root.args[0]->offset == 4);                     // >=
  CHECK(root.args[0]->args[0]->offset == 0);            // tpp
  CHECK(root.args[0]->args[1]->offset == 7);            // 4800
  CHECK(root.args[1]->offset == 16);                    // not
  CHECK(root.args[1]->args[0]->offset == 20);           // known(
  CHECK(root.args[1]->args[0]->args[0]->offset == 26);  // pd

  Parsed q = Parse("x not in ['CN']");
  REQUIRE(q.diags.empty());
  CHECK(q.src.root->offset == 2);           // the `not` of `not in`
  CHECK(q.src.root->args[0]->offset == 2);  // the `in` node shares it
  CHECK(q.src.root->args[0]->args[1]->kind == ExprKind::kList);
  CHECK(q.src.root->args[0]->args[1]->offset == 9);
}

TEST_CASE("LiteralNodesCarryTheirValues", "[ast][parser]") {
  Parsed p = Parse("[1.5, 2024-02-29, true, 'x']");
  REQUIRE(p.diags.empty());
  const auto& a = p.src.root->args;
  REQUIRE(a.size() == 4);
  CHECK(a[0]->kind == ExprKind::kNumber);
  CHECK(a[0]->number == 1.5);
  CHECK(a[1]->kind == ExprKind::kDate);
  CHECK(a[1]->date_days == ParseDate("2024-02-29")->days);
  CHECK(a[2]->kind == ExprKind::kBool);
  CHECK(a[2]->boolean);
  CHECK(a[3]->kind == ExprKind::kString);
  CHECK(a[3]->text == "x");
}

struct ErrorCase {
  const char* input;
  int offset;           // byte offset of the error inside the expression
  const char* message;  // substring of the message
};

TEST_CASE("SyntaxErrorsAreE201AtTheColumnInsideTheExpression", "[ast][parser]") {
  const std::vector<ErrorCase> cases = {
      {"", 0, "expected a value, found end of expression"},
      {"tpp >= ", 7, "expected a value, found end of expression"},
      {"tpp >= 4800 and", 15, "expected a value, found end of expression"},
      {"a == b == c", 7, "expected end of expression, found `==`"},
      {"(a", 2, "expected `)`, found end of expression"},
      {"a)", 1, "expected end of expression, found `)`"},
      {"min(a,", 6, "expected a value, found end of expression"},
      {"f(a b)", 4, "expected `)`, found `b`"},
      {"[a == b]", 3, "expected `]`, found `==`"},
      {"['a' 'b']", 5, "expected `]`, found `b`"},
      {"not in x", 4, "expected a value, found `in`"},
      {"a not b", 6, "expected `in` after `not`, found `b`"},
      {"and", 0, "expected a value, found `and`"},
      {"x in", 4, "expected a value, found end of expression"},
      {"type == 'ic' and and", 17, "expected a value, found `and`"},
      {"a or * b", 5, "expected a value, found `*`"},
      {"2024-02-30", 0, "`2024-02-30`"},
      {"date > 2023-13-01", 7, "`2023-13-01`"},
      {"1e999", 0, "`1e999`"},
      {"12abc", 0, "`12abc`"},
      {"type == 'ic", 8, "unterminated string"},
      {"a = b", 2, "`=`"},
      {"a ! b", 2, "`!`"},
      {"D:5:6", 3, "`:`"},
      {"x . y", 2, "`.`"},
      {"a < = b", 4, "`=`"},
  };
  for (const auto& c : cases) {
    INFO("input: `" << c.input << "`");
    Parsed p = Parse(c.input);
    CHECK(p.src.root == nullptr);
    REQUIRE(p.diags.size() == 1);
    const Diagnostic& d = p.diags[0];
    CHECK(d.severity == Severity::kError);
    CHECK(d.code == "E201");
    CHECK(d.loc.file == "rules.yaml");
    CHECK(d.loc.line == kLine);
    CHECK(d.loc.col == kCol + c.offset);
    CHECK_THAT(d.message, Catch::Contains(c.message));
  }
}

TEST_CASE("AnErrorInAnExpressionOfUnknownLocationKeepsColumnZero", "[ast][parser]") {
  ExprSource src;
  src.text = "a ==";
  std::vector<Diagnostic> diags;
  ParseExpr(src, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].loc.line == 0);
  CHECK(diags[0].loc.col == 0);
}

TEST_CASE("ReparsingReplacesTheOldTree", "[ast][parser]") {
  Parsed p = Parse("a or b");
  REQUIRE(p.src.root != nullptr);
  p.src.text = "a or";
  ParseExpr(p.src, p.diags);
  CHECK(p.src.root == nullptr);
  CHECK(p.diags.size() == 1);
}

TEST_CASE("NestingWithinTheLimitParses", "[ast][parser]") {
  CHECK(Dump(Repeat("(", 30) + "a" + Repeat(")", 30)) == "a");
  CHECK(Dump(Repeat("not ", 40) + "a").starts_with("(not (not "));
  CHECK(Dump(Repeat("-", 40) + "a").starts_with("(-(-"));
  CHECK(Dump(Repeat("min(", 20) + "a" + Repeat(", 1)", 20)).starts_with("min(min("));
}

TEST_CASE("VeryDeepNestingIsAnErrorNotACrash", "[ast][parser]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"parentheses", Repeat("(", 100000) + "a" + Repeat(")", 100000)},
      {"unclosed parentheses", Repeat("(", 100000)},
      {"not", Repeat("not ", 100000) + "a"},
      {"unary minus", Repeat("-", 100000) + "a"},
      {"lists", Repeat("[", 100000) + Repeat("]", 100000)},
      {"calls", Repeat("min(", 100000) + "a" + Repeat(", 1)", 100000)},
      {"mixed", Repeat("not (-[min(", 30000)},
  };
  for (const auto& [name, text] : cases) {
    INFO(name);
    Parsed p = Parse(text);
    CHECK(p.src.root == nullptr);
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == "E201");
    CHECK(p.diags[0].message == "expression nested too deeply");
    CHECK(p.diags[0].loc.col > kCol);
  }
}

// Regression: the depth limit counts nested constructs only, so a flat chain `a or a or ...`
// used to build a tree as deep as the chain is long and overflow the stack when it was
// destroyed, checked or compiled. Chains are now bounded by a node limit.
TEST_CASE("LongOperatorChainIsAnErrorNotACrash", "[ast][parser]") {
  std::string text = "a" + Repeat(" or a", 500000);
  CHECK(RunsWithoutCrash([&] {
    Parsed p = Parse(text);
    (void)p;
  }));
  Parsed p = Parse(text);
  CHECK(p.src.root == nullptr);
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].code == "E201");
  CHECK_THAT(p.diags[0].message, Catch::StartsWith("expression too long"));
  CHECK(p.diags[0].loc.col > kCol);

  CHECK(Parse("a" + Repeat(" + a", 1000)).diags.empty());
}

// Regression (same cause): a 20000-term chain in a rule file crashed Engine::LoadFromStrings in
// the compiler's recursive code generation.
TEST_CASE("LongOperatorChainInARuleFileIsE201", "[ast][parser]") {
  std::string pack =
      "attributes:\n  - {name: tpp, type: number}\n"
      "classes:\n  - id: 3A090.a\n    cite: c\n    when: \"tpp" +
      Repeat(" + tpp", 20000) + " > 0\"\n";
  CHECK(RunsWithoutCrash([&] {
    LoadResult r = Engine::LoadFromStrings({{"pack.yaml", pack}});
    (void)r;
  }));
  LoadResult r = Engine::LoadFromStrings({{"pack.yaml", pack}});
  CHECK_FALSE(r.engine.has_value());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "E201");
  CHECK(r.diagnostics[0].loc.line == 6);
}

// Regression: lexer messages used to be wrapped a second time, giving nested backticks such as
// "invalid token `unexpected character `=``".
TEST_CASE("LexerErrorMessagesAreNotWrappedTwice", "[ast][parser]") {
  CHECK(Parse("a = b").diags.at(0).message == "unexpected character `=`");
  CHECK(Parse("'abc").diags.at(0).message == "unterminated string");
  for (const char* text : {"2024-02-30", "1e999", "12abc"}) {
    INFO(text);
    CHECK(Parse(text).diags.at(0).message.find("``") == std::string::npos);
  }
}

// Regression: numbers were read with strtod, which also accepts hexadecimal (and hex-float)
// syntax, so `0x10` was the number 16.
TEST_CASE("HexadecimalNumbersAreNotAccepted", "[ast][parser]") {
  for (const char* text : {"0x10", "0x1p4", "0X1F"}) {
    INFO(text);
    Parsed p = Parse(text);
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == "E201");
    CHECK(p.diags[0].loc.col == kCol);
  }
}

}  // namespace chipgate

namespace chipgate {

// The parser produces each operator as its ExprOp (nothing downstream reads operator text), and
// OpSpelling gives back what was written; function calls carry their ExprFunc.
TEST_CASE("EveryOperatorParsesToItsEnum", "[ast][parser]") {
  const std::vector<std::pair<std::string, ExprOp>> binary = {
      {"a or b", ExprOp::kOr},   {"a and b", ExprOp::kAnd},     {"a == b", ExprOp::kEq},
      {"a != b", ExprOp::kNe},   {"a < b", ExprOp::kLt},        {"a <= b", ExprOp::kLe},
      {"a > b", ExprOp::kGt},    {"a >= b", ExprOp::kGe},       {"a in b", ExprOp::kIn},
      {"a | b", ExprOp::kUnion}, {"a & b", ExprOp::kIntersect}, {"a + b", ExprOp::kAdd},
      {"a - b", ExprOp::kSub},   {"a * b", ExprOp::kMul},       {"a / b", ExprOp::kDiv},
  };
  for (const auto& [text, op] : binary) {
    INFO(text);
    Parsed p = Parse(text);
    REQUIRE(p.diags.empty());
    CHECK(p.src.root->kind == ExprKind::kBinary);
    CHECK(p.src.root->op == op);
    CHECK(p.src.root->text.empty());
    CHECK("a " + std::string(OpSpelling(op)) + " b" == text);
  }
  Parsed neg = Parse("-a");
  CHECK(neg.src.root->op == ExprOp::kNeg);
  Parsed no = Parse("not a");
  CHECK(no.src.root->op == ExprOp::kNot);
  Parsed not_in = Parse("a not in b");
  CHECK(not_in.src.root->op == ExprOp::kNot);
  CHECK(not_in.src.root->args[0]->op == ExprOp::kIn);
  CHECK(Parse("a").src.root->op == ExprOp::kNone);

  const std::vector<std::pair<std::string, ExprFunc>> calls = {
      {"known(a)", ExprFunc::kKnown},         {"is('X')", ExprFunc::kIs},
      {"contains('X')", ExprFunc::kContains}, {"min(a, b)", ExprFunc::kMin},
      {"max(a, b)", ExprFunc::kMax},          {"nope(a)", ExprFunc::kUnknown}};
  for (const auto& [text, func] : calls) {
    INFO(text);
    Parsed p = Parse(text);
    REQUIRE(p.diags.empty());
    CHECK(p.src.root->func == func);
  }
}

}  // namespace chipgate
