// Hand-written lexer and recursive-descent parser for rule expressions.
// Precedence, loosest first: or, and, not, comparison/in, set | &, + -, * /, unary -.
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "ast/expr.h"
#include "chipgate/date.h"

namespace chipgate {
namespace {

enum class Tok { kEnd, kNumber, kString, kDate, kName, kOp, kError };

struct Token {
  Tok kind = Tok::kEnd;
  int offset = 0;
  std::string text;
  double number = 0;
};

constexpr int kMaxDepth = 64;
constexpr int kMaxNodes = 4096;  // bounds the size (and so the evaluation stack) of one expression

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Lexer {
 public:
  explicit Lexer(const std::string& s) : s_(s) {}

  Token Next() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    Token t;
    t.offset = static_cast<int>(pos_);
    if (pos_ >= s_.size()) return t;
    char c = s_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && pos_ + 1 < s_.size() &&
         std::isdigit(static_cast<unsigned char>(s_[pos_ + 1])))) {
      return Number(t);
    }
    if (c == '\'' || c == '"') return String(t, c);
    if (IsNameStart(c)) return Name(t);
    return Operator(t);
  }

 private:
  Token Number(Token t) {
    // An ISO date literal: exactly NNNN-NN-NN not followed by a digit.
    if (pos_ + 10 <= s_.size() && s_[pos_ + 4] == '-' && s_[pos_ + 7] == '-' &&
        (pos_ + 10 == s_.size() || !std::isalnum(static_cast<unsigned char>(s_[pos_ + 10])))) {
      std::string text = s_.substr(pos_, 10);
      bool digits = true;
      for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        digits &= std::isdigit(static_cast<unsigned char>(text[i])) != 0;
      if (digits) {
        pos_ += 10;
        t.kind = ParseDate(text) ? Tok::kDate : Tok::kError;
        t.text = t.kind == Tok::kDate ? text : "invalid date `" + text + "`";
        return t;
      }
    }
    const char* begin = s_.c_str() + pos_;
    auto [end, ec] =
        std::from_chars(begin, s_.c_str() + s_.size(), t.number);  // decimal only, no hex
    if (end == begin) end = begin + 1;
    pos_ += static_cast<size_t>(end - begin);
    t.text = std::string(begin, end);
    t.kind = ec == std::errc() && std::isfinite(t.number) ? Tok::kNumber : Tok::kError;
    if (pos_ < s_.size() && IsNameChar(s_[pos_])) {
      while (pos_ < s_.size() && IsNameChar(s_[pos_])) t.text += s_[pos_++];
      t.kind = Tok::kError;
    }
    if (t.kind == Tok::kError) t.text = "invalid number `" + t.text + "`";
    return t;
  }

  Token String(Token t, char quote) {
    ++pos_;
    while (pos_ < s_.size() && s_[pos_] != quote) t.text += s_[pos_++];
    if (pos_ >= s_.size()) {
      t.kind = Tok::kError;
      t.text = "unterminated string";
      return t;
    }
    ++pos_;
    t.kind = Tok::kString;
    return t;
  }

  // Names: identifiers, dotted fact paths (end_user.headquarters) and group ids (D:5, A:6).
  Token Name(Token t) {
    size_t start = pos_;
    while (pos_ < s_.size() && IsNameChar(s_[pos_])) ++pos_;
    if (pos_ + 1 < s_.size() && s_[pos_] == ':' && IsNameChar(s_[pos_ + 1])) {
      ++pos_;
      while (pos_ < s_.size() && IsNameChar(s_[pos_])) ++pos_;
    }
    while (pos_ + 1 < s_.size() && s_[pos_] == '.' && IsNameStart(s_[pos_ + 1])) {
      ++pos_;
      while (pos_ < s_.size() && IsNameChar(s_[pos_])) ++pos_;
    }
    t.kind = Tok::kName;
    t.text = s_.substr(start, pos_ - start);
    return t;
  }

  Token Operator(Token t) {
    static const char* kTwo[] = {"==", "!=", "<=", ">="};
    for (const char* op : kTwo) {
      if (s_.compare(pos_, 2, op) == 0) {
        pos_ += 2;
        t.kind = Tok::kOp;
        t.text = op;
        return t;
      }
    }
    char c = s_[pos_++];
    if (std::string("<>+-*/()[],|&").find(c) != std::string::npos) {
      t.kind = Tok::kOp;
      t.text = std::string(1, c);
      return t;
    }
    t.kind = Tok::kError;
    t.text = std::string("unexpected character `") + c + "`";
    return t;
  }

  const std::string& s_;
  size_t pos_ = 0;
};

struct SyntaxError : std::runtime_error {
  SyntaxError(int offset, const std::string& msg) : std::runtime_error(msg), offset(offset) {}
  int offset;
};

class Parser {
 public:
  explicit Parser(const std::string& text) : lexer_(text) { Advance(); }

  std::unique_ptr<Expr> ParseAll() {
    auto e = Or();
    if (tok_.kind != Tok::kEnd) Fail("expected end of expression, found " + Describe(tok_));
    return e;
  }

 private:
  using Ptr = std::unique_ptr<Expr>;

  void Advance() {
    tok_ = lexer_.Next();
    if (tok_.kind == Tok::kError)
      throw SyntaxError(tok_.offset, tok_.text.empty() ? "invalid token" : tok_.text);
  }
  [[noreturn]] void Fail(const std::string& msg) { throw SyntaxError(tok_.offset, msg); }
  static std::string Describe(const Token& t) {
    return t.kind == Tok::kEnd ? "end of expression" : "`" + t.text + "`";
  }
  bool IsOp(const char* op) const { return tok_.kind == Tok::kOp && tok_.text == op; }
  bool IsWord(const char* w) const { return tok_.kind == Tok::kName && tok_.text == w; }
  void Expect(const char* op) {
    if (!IsOp(op)) Fail(std::string("expected `") + op + "`, found " + Describe(tok_));
    Advance();
  }

  Ptr Node(ExprKind kind, int offset, std::string text = "") {
    if (++nodes_ > kMaxNodes)
      throw SyntaxError(offset,
                        "expression too long (more than " + std::to_string(kMaxNodes) + " terms)");
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->offset = offset;
    e->text = std::move(text);
    return e;
  }
  Ptr Binary(std::string op, int offset, Ptr l, Ptr r) {
    auto e = Node(ExprKind::kBinary, offset, std::move(op));
    e->args.push_back(std::move(l));
    e->args.push_back(std::move(r));
    return e;
  }

  struct DepthGuard {
    explicit DepthGuard(Parser* p) : p(p) {
      if (++p->depth_ > kMaxDepth) p->Fail("expression nested too deeply");
    }
    ~DepthGuard() { --p->depth_; }
    Parser* p;
  };

  Ptr Or() {
    DepthGuard g(this);
    Ptr l = And();
    while (IsWord("or")) {
      int at = tok_.offset;
      Advance();
      l = Binary("or", at, std::move(l), And());
    }
    return l;
  }
  Ptr And() {
    Ptr l = Not();
    while (IsWord("and")) {
      int at = tok_.offset;
      Advance();
      l = Binary("and", at, std::move(l), Not());
    }
    return l;
  }
  Ptr Not() {
    if (IsWord("not")) {
      DepthGuard g(this);
      int at = tok_.offset;
      Advance();
      auto e = Node(ExprKind::kUnary, at, "not");
      e->args.push_back(Not());
      return e;
    }
    return Comparison();
  }
  Ptr Comparison() {
    Ptr l = SetOps();
    static const char* kCmp[] = {"==", "!=", "<", "<=", ">", ">="};
    for (const char* op : kCmp) {
      if (IsOp(op)) {
        int at = tok_.offset;
        Advance();
        return Binary(op, at, std::move(l), SetOps());
      }
    }
    if (IsWord("in")) {
      int at = tok_.offset;
      Advance();
      return Binary("in", at, std::move(l), SetOps());
    }
    if (IsWord("not")) {  // `x not in S`
      int at = tok_.offset;
      Advance();
      if (!IsWord("in")) Fail("expected `in` after `not`, found " + Describe(tok_));
      Advance();
      auto e = Node(ExprKind::kUnary, at, "not");
      e->args.push_back(Binary("in", at, std::move(l), SetOps()));
      return e;
    }
    return l;
  }
  Ptr SetOps() {
    Ptr l = Additive();
    while (IsOp("|") || IsOp("&")) {
      std::string op = tok_.text;
      int at = tok_.offset;
      Advance();
      l = Binary(op, at, std::move(l), Additive());
    }
    return l;
  }
  Ptr Additive() {
    Ptr l = Multiplicative();
    while (IsOp("+") || IsOp("-")) {
      std::string op = tok_.text;
      int at = tok_.offset;
      Advance();
      l = Binary(op, at, std::move(l), Multiplicative());
    }
    return l;
  }
  Ptr Multiplicative() {
    Ptr l = Unary();
    while (IsOp("*") || IsOp("/")) {
      std::string op = tok_.text;
      int at = tok_.offset;
      Advance();
      l = Binary(op, at, std::move(l), Unary());
    }
    return l;
  }
  Ptr Unary() {
    if (IsOp("-")) {
      DepthGuard g(this);
      int at = tok_.offset;
      Advance();
      auto e = Node(ExprKind::kUnary, at, "-");
      e->args.push_back(Unary());
      return e;
    }
    return Primary();
  }
  Ptr Primary() {
    DepthGuard g(this);
    Token t = tok_;
    switch (t.kind) {
      case Tok::kNumber: {
        Advance();
        auto e = Node(ExprKind::kNumber, t.offset, t.text);
        e->number = t.number;
        return e;
      }
      case Tok::kString:
        Advance();
        return Node(ExprKind::kString, t.offset, t.text);
      case Tok::kDate: {
        Advance();
        auto e = Node(ExprKind::kDate, t.offset, t.text);
        e->date_days = ParseDate(t.text)->days;
        return e;
      }
      case Tok::kName:
        return NameOrCall();
      default:
        break;
    }
    if (IsOp("(")) {
      Advance();
      Ptr e = Or();
      Expect(")");
      return e;
    }
    if (IsOp("[")) return List();
    Fail("expected a value, found " + Describe(t));
  }
  Ptr NameOrCall() {
    Token t = tok_;
    static const char* kReserved[] = {"and", "or", "not", "in"};
    for (const char* w : kReserved) {
      if (t.text == w) Fail("expected a value, found `" + t.text + "`");
    }
    Advance();
    if (t.text == "true" || t.text == "false") {
      auto e = Node(ExprKind::kBool, t.offset, t.text);
      e->boolean = t.text == "true";
      return e;
    }
    if (!IsOp("(")) return Node(ExprKind::kName, t.offset, t.text);
    Advance();
    auto call = Node(ExprKind::kCall, t.offset, t.text);
    if (!IsOp(")")) {
      call->args.push_back(Or());
      while (IsOp(",")) {
        Advance();
        call->args.push_back(Or());
      }
    }
    Expect(")");
    return call;
  }
  Ptr List() {
    auto e = Node(ExprKind::kList, tok_.offset);
    Advance();
    if (!IsOp("]")) {
      e->args.push_back(SetOps());
      while (IsOp(",")) {
        Advance();
        e->args.push_back(SetOps());
      }
    }
    Expect("]");
    return e;
  }

  Lexer lexer_;
  Token tok_;
  int depth_ = 0;
  int nodes_ = 0;
};

}  // namespace

void ParseExpr(ExprSource& source, std::vector<Diagnostic>& diags) {
  source.root.reset();
  try {
    Parser parser(source.text);
    source.root = parser.ParseAll();
  } catch (const SyntaxError& e) {
    diags.push_back({Severity::kError, "E201", source.At(e.offset), e.what()});
  }
}

}  // namespace chipgate
