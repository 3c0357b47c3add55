// Hand-written lexer and recursive-descent parser for rule expressions (ParseExpr in expr.h).
// Precedence, loosest first: or, and, not, comparison/in, set | &, + -, * /, unary -.
// The loader calls ParseExpr on every expression scalar; the first syntax error becomes an E201
// diagnostic pointing at the offending token.
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "ast/expr.h"
#include "chipgate/date.h"

namespace chipgate {
namespace {

// Token kinds. The keywords and, or, not, in are kName tokens whose `Token::sym` says which
// keyword they are; a keyword where a value is expected is an error. `true` and `false` are plain
// names that NameOrCall turns into bool literals.
enum class Tok { kEnd, kNumber, kString, kDate, kName, kOp, kError };

// The symbol of a kOp token or of a keyword kName token; kNone for anything else. The parser
// decides on symbols, never on token text: the text is kept only for error messages.
enum class Sym : uint8_t {
  kNone,
  kEq,
  kNe,
  kLe,
  kGe,
  kLt,
  kGt,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kComma,
  kPipe,
  kAmp,
  kAnd,
  kOr,
  kNot,
  kIn,
};

struct SymSpelling {
  std::string_view text;
  Sym sym;
};

// Punctuation, two-character operators first so that `<=` is not read as `<` then `=`.
constexpr SymSpelling kPunctuation[] = {
    {"==", Sym::kEq},      {"!=", Sym::kNe},      {"<=", Sym::kLe},    {">=", Sym::kGe},
    {"<", Sym::kLt},       {">", Sym::kGt},       {"+", Sym::kPlus},   {"-", Sym::kMinus},
    {"*", Sym::kStar},     {"/", Sym::kSlash},    {"(", Sym::kLParen}, {")", Sym::kRParen},
    {"[", Sym::kLBracket}, {"]", Sym::kRBracket}, {",", Sym::kComma},  {"|", Sym::kPipe},
    {"&", Sym::kAmp},
};
constexpr SymSpelling kKeywords[] = {
    {"and", Sym::kAnd}, {"or", Sym::kOr}, {"not", Sym::kNot}, {"in", Sym::kIn}};

struct Token {
  Tok kind = Tok::kEnd;
  Sym sym = Sym::kNone;
  int offset = 0;
  std::string text;  // as written (kError: the message)
  double number = 0;
};

constexpr int kMaxDepth = 64;    // nesting levels (parentheses, `not`, unary minus, calls, lists)
constexpr int kMaxNodes = 4096;  // bounds the size (and so the evaluation stack) of one expression

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Splits the expression text into tokens on demand (the parser needs one token of lookahead).
// It never fails by throwing: a malformed token is a kError token whose text is the message, and
// the parser reports it when it reads it. Offsets are byte offsets into the text; the text is not
// copied and must outlive the lexer.
class Lexer {
 public:
  explicit Lexer(const std::string& s) : s_(s) {}

  // The token starting at the next non-blank character; kEnd at the end of the text. The first
  // character decides the kind: digit (or `.digit`) a number or date, a quote a string, a letter
  // or `_` a name, anything else punctuation.
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
    // An ISO date literal: exactly NNNN-NN-NN not followed by a letter or digit. A date-shaped
    // token that is not a real day (2024-02-30) is an error, not the number 2024 minus 2 minus 30.
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
    if (end == begin) end = begin + 1;  // always consume something, so lexing advances
    pos_ += static_cast<size_t>(end - begin);
    t.text = std::string(begin, end);
    t.kind = ec == std::errc() && std::isfinite(t.number) ? Tok::kNumber : Tok::kError;
    // A number running into letters (`12abc`, `0x10`) is one bad token, not a number and a name.
    if (pos_ < s_.size() && IsNameChar(s_[pos_])) {
      while (pos_ < s_.size() && IsNameChar(s_[pos_])) t.text += s_[pos_++];
      t.kind = Tok::kError;
    }
    if (t.kind == Tok::kError) t.text = "invalid number `" + t.text + "`";
    return t;
  }

  // 'text' or "text", no escapes: the text is everything up to the matching quote.
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
    for (const auto& [text, sym] : kKeywords) {
      if (t.text == text) t.sym = sym;
    }
    return t;
  }

  // Punctuation by longest match (kPunctuation lists two-character symbols first).
  Token Operator(Token t) {
    for (const auto& [text, sym] : kPunctuation) {
      if (s_.compare(pos_, text.size(), text) == 0) {
        pos_ += text.size();
        t.kind = Tok::kOp;
        t.sym = sym;
        t.text = text;
        return t;
      }
    }
    char c = s_[pos_++];
    t.kind = Tok::kError;
    t.text = std::string("unexpected character `") + c + "`";
    return t;
  }

  const std::string& s_;
  size_t pos_ = 0;
};

// Thrown from anywhere in the parser and caught once in ParseExpr: the first syntax error ends
// the parse (there is no recovery), so unwinding is simpler than threading an error state.
struct SyntaxError : std::runtime_error {
  SyntaxError(int offset, const std::string& msg) : std::runtime_error(msg), offset(offset) {}
  int offset;  // byte offset of the offending token in the expression text
};

// Recursive descent, one function per precedence level, loosest first:
//
//   Or             := And ("or" And)*
//   And            := Not ("and" Not)*
//   Not            := "not" Not | Comparison
//   Comparison     := SetOps [("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in") SetOps]
//   SetOps         := Additive (("|" | "&") Additive)*
//   Additive       := Multiplicative (("+" | "-") Multiplicative)*
//   Multiplicative := Negation (("*" | "/") Negation)*
//   Negation       := "-" Negation | Primary
//   Primary        := number | string | date | true | false | name | name "(" [Or ("," Or)*] ")"
//                   | "(" Or ")" | "[" [SetOps ("," SetOps)*] "]"
//
// Binary levels loop, so `a - b - c` is left-associative ((a - b) - c). A comparison takes at
// most one operator, so `a < b < c` is a syntax error at the second `<`. `x not in S` becomes
// not(in(x, S)), both nodes at the offset of `not`.
//
// Invariants: `tok_` is always the next unconsumed token (the constructor reads the first one);
// each function consumes exactly the tokens of the construct it returns. Every node's offset is
// its operator's or first token's offset, which is where the checker points its errors.
// Two limits make hostile input cheap: nesting depth (kMaxDepth, checked by DepthGuard on the
// levels that recurse: Or, Not, Negation, Primary) so the C++ stack cannot overflow, and node
// count (kMaxNodes) so the compiled code and its evaluation stack stay bounded.
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

  // A lexical error is reported when the bad token becomes current, i.e. at the point the
  // parser would have to look at it.
  void Advance() {
    tok_ = lexer_.Next();
    if (tok_.kind == Tok::kError)
      throw SyntaxError(tok_.offset, tok_.text.empty() ? "invalid token" : tok_.text);
  }
  [[noreturn]] void Fail(const std::string& msg) { throw SyntaxError(tok_.offset, msg); }
  static std::string Describe(const Token& t) {
    return t.kind == Tok::kEnd ? "end of expression" : "`" + t.text + "`";
  }
  bool IsOp(Sym s) const { return tok_.kind == Tok::kOp && tok_.sym == s; }
  bool IsWord(Sym s) const { return tok_.kind == Tok::kName && tok_.sym == s; }
  // Consumes the punctuation `s`, spelt `spelling` in the error message when it is missing.
  void Expect(Sym s, const char* spelling) {
    if (!IsOp(s)) Fail(std::string("expected `") + spelling + "`, found " + Describe(tok_));
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
  // A unary node without its operand: the caller parses the operand after creating the node, so
  // nodes are counted in source order (which node reports "expression too long").
  Ptr Prefix(ExprOp op, int offset) {
    auto e = Node(ExprKind::kUnary, offset);
    e->op = op;
    return e;
  }
  Ptr Binary(ExprOp op, int offset, Ptr l, Ptr r) {
    auto e = Node(ExprKind::kBinary, offset);
    e->op = op;
    e->args.push_back(std::move(l));
    e->args.push_back(std::move(r));
    return e;
  }

  // The operator of the current token if it is one of `table`'s symbols, else kNone.
  template <size_t N>
  ExprOp Match(const std::pair<Sym, ExprOp> (&table)[N]) const {
    if (tok_.kind != Tok::kOp) return ExprOp::kNone;
    for (const auto& [sym, op] : table) {
      if (tok_.sym == sym) return op;
    }
    return ExprOp::kNone;
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
    while (IsWord(Sym::kOr)) {
      int at = tok_.offset;
      Advance();
      l = Binary(ExprOp::kOr, at, std::move(l), And());
    }
    return l;
  }
  Ptr And() {
    Ptr l = Not();
    while (IsWord(Sym::kAnd)) {
      int at = tok_.offset;
      Advance();
      l = Binary(ExprOp::kAnd, at, std::move(l), Not());
    }
    return l;
  }
  Ptr Not() {
    if (IsWord(Sym::kNot)) {
      DepthGuard g(this);
      int at = tok_.offset;
      Advance();
      auto e = Prefix(ExprOp::kNot, at);
      e->args.push_back(Not());
      return e;
    }
    return Comparison();
  }
  Ptr Comparison() {
    static constexpr std::pair<Sym, ExprOp> kCmp[] = {
        {Sym::kEq, ExprOp::kEq}, {Sym::kNe, ExprOp::kNe}, {Sym::kLt, ExprOp::kLt},
        {Sym::kLe, ExprOp::kLe}, {Sym::kGt, ExprOp::kGt}, {Sym::kGe, ExprOp::kGe}};
    Ptr l = SetOps();
    if (ExprOp op = Match(kCmp); op != ExprOp::kNone) {
      int at = tok_.offset;
      Advance();
      return Binary(op, at, std::move(l), SetOps());
    }
    if (IsWord(Sym::kIn)) {
      int at = tok_.offset;
      Advance();
      return Binary(ExprOp::kIn, at, std::move(l), SetOps());
    }
    if (IsWord(Sym::kNot)) {  // `x not in S`
      int at = tok_.offset;
      Advance();
      if (!IsWord(Sym::kIn)) Fail("expected `in` after `not`, found " + Describe(tok_));
      Advance();
      auto e = Prefix(ExprOp::kNot, at);
      e->args.push_back(Binary(ExprOp::kIn, at, std::move(l), SetOps()));
      return e;
    }
    return l;
  }
  // The three left-associative binary levels share one loop: `table` holds the level's
  // operators, `next` parses its operands (the next tighter level).
  template <size_t N>
  Ptr LeftAssociative(const std::pair<Sym, ExprOp> (&table)[N], Ptr (Parser::*next)()) {
    Ptr l = (this->*next)();
    for (ExprOp op = Match(table); op != ExprOp::kNone; op = Match(table)) {
      int at = tok_.offset;
      Advance();
      l = Binary(op, at, std::move(l), (this->*next)());
    }
    return l;
  }
  Ptr SetOps() {
    static constexpr std::pair<Sym, ExprOp> kSet[] = {{Sym::kPipe, ExprOp::kUnion},
                                                      {Sym::kAmp, ExprOp::kIntersect}};
    return LeftAssociative(kSet, &Parser::Additive);
  }
  Ptr Additive() {
    static constexpr std::pair<Sym, ExprOp> kAdd[] = {{Sym::kPlus, ExprOp::kAdd},
                                                      {Sym::kMinus, ExprOp::kSub}};
    return LeftAssociative(kAdd, &Parser::Multiplicative);
  }
  Ptr Multiplicative() {
    static constexpr std::pair<Sym, ExprOp> kMul[] = {{Sym::kStar, ExprOp::kMul},
                                                      {Sym::kSlash, ExprOp::kDiv}};
    return LeftAssociative(kMul, &Parser::Negation);
  }
  Ptr Negation() {
    if (IsOp(Sym::kMinus)) {
      DepthGuard g(this);
      int at = tok_.offset;
      Advance();
      auto e = Prefix(ExprOp::kNeg, at);
      e->args.push_back(Negation());
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
        e->date_days = ParseDate(t.text)->days;  // the lexer accepted only valid dates
        return e;
      }
      case Tok::kName:
        return NameOrCall();
      default:
        break;
    }
    if (IsOp(Sym::kLParen)) {
      Advance();
      Ptr e = Or();
      Expect(Sym::kRParen, ")");
      return e;
    }
    if (IsOp(Sym::kLBracket)) return List();
    Fail("expected a value, found " + Describe(t));
  }
  // A name, `true`/`false`, or a call. The function is resolved here (FindFunc) but an unknown
  // one is not a syntax error: the checker reports it with the list of known functions.
  Ptr NameOrCall() {
    Token t = tok_;
    if (t.sym != Sym::kNone) Fail("expected a value, found `" + t.text + "`");  // a keyword
    Advance();
    if (t.text == "true" || t.text == "false") {
      auto e = Node(ExprKind::kBool, t.offset, t.text);
      e->boolean = t.text == "true";
      return e;
    }
    if (!IsOp(Sym::kLParen)) return Node(ExprKind::kName, t.offset, t.text);
    Advance();
    auto call = Node(ExprKind::kCall, t.offset, t.text);
    call->func = FindFunc(t.text);
    if (!IsOp(Sym::kRParen)) {
      call->args.push_back(Or());
      while (IsOp(Sym::kComma)) {
        Advance();
        call->args.push_back(Or());
      }
    }
    Expect(Sym::kRParen, ")");
    return call;
  }
  // List elements are SetOps, not Or: a comparison inside `[...]` is a syntax error rather than
  // a list of bools (the checker would reject it anyway, with a vaguer message).
  Ptr List() {
    auto e = Node(ExprKind::kList, tok_.offset);
    Advance();
    if (!IsOp(Sym::kRBracket)) {
      e->args.push_back(SetOps());
      while (IsOp(Sym::kComma)) {
        Advance();
        e->args.push_back(SetOps());
      }
    }
    Expect(Sym::kRBracket, "]");
    return e;
  }

  Lexer lexer_;
  Token tok_;      // the next unconsumed token
  int depth_ = 0;  // DepthGuards currently open
  int nodes_ = 0;  // nodes created so far
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
