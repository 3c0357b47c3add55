// The layout reader (layout_parser.h): a recursive-descent reader of the block structure of a
// YAML document that keeps comments and blank lines. Each block parser starts at its first
// content character and returns at the start of the line after its last one, so the caller
// decides from that line's indentation whether its own collection goes on.
// Comments and blank lines are collected as they are passed (`pending_`) and attached to the
// next entry that starts; when a block collection ends, the ones indented at least as far as
// its entries stay with it as its trailing lines.
#include "load/layout_parser.h"

#include <string_view>

#include "base/utf8.h"

namespace chipgate {
namespace {

// Thrown to stop reading at a construct the formatter does not lay out; caught in ParseLayout.
struct Refusal {
  int line, column;
  std::string message;
};

// A comment line seen but not yet attached, with its 0-based column; text "" is a blank line.
struct Pending {
  std::string text;
  int column;
};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsFlowIndicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (IsBlank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : t_(text) {}

  // The whole text: the root node (a block collection, or a single value) and the comment lines
  // around it. Only one document: a second one, or anything after the root, is refused.
  LayoutDocument Parse() {
    LayoutDocument doc;
    if (t_.substr(0, 3) == "\xEF\xBB\xBF") p_ = line_start_ = 3;  // a byte-order mark
    int indent = NextContentLine();
    if (indent >= 0) {
      p_ += indent;
      std::string comment;
      doc.root = InlineNode(-1, comment);
      if (!comment.empty()) Refuse("a comment after a document that is a single value");
      if (NextContentLine() >= 0) {
        p_ += static_cast<size_t>(NextContentLine());
        Refuse("text after the end of the document");
      }
    }
    for (auto& p : pending_) doc.footer.push_back(std::move(p.text));
    while (!doc.footer.empty() && doc.footer.back().empty()) doc.footer.pop_back();
    SplitHeader(doc);
    return doc;
  }

 private:
  std::string_view t_;
  size_t p_ = 0;           // the current byte
  int line_ = 1;           // its 1-based line
  size_t line_start_ = 0;  // the offset of that line's first byte
  std::vector<Pending> pending_;

  int Column() const { return static_cast<int>(p_ - line_start_); }  // 0-based
  bool Eof() const { return p_ >= t_.size(); }
  // The byte `k` ahead, a line end past the end of the text (so every loop stops at it).
  char Peek(size_t k = 0) const { return p_ + k < t_.size() ? t_[p_ + k] : '\n'; }
  char At(size_t q) const { return q < t_.size() ? t_[q] : '\n'; }
  bool AtEol() const { return Peek() == '\n' || (Peek() == '\r' && Peek(1) == '\n'); }
  bool EndsToken(size_t q) const { return IsBlank(At(q)) || At(q) == '\n' || At(q) == '\r'; }

  [[noreturn]] void Refuse(std::string message) const {
    throw Refusal{line_, Column() + 1, std::move(message)};
  }

  // Spaces and tabs within a line (never a line end).
  void SkipBlanks() {
    while (IsBlank(Peek())) ++p_;
  }
  // To the first byte of the next line (or the end of the text), keeping line_ and line_start_
  // in step: every line change goes through here or PlainBlock's continuation loop.
  void NextLine() {
    while (!Eof() && t_[p_] != '\n') ++p_;
    if (!Eof()) {
      ++p_;
      ++line_;
      line_start_ = p_;
    }
  }
  // The rest of the line as a comment (from `#`, trailing blanks removed).
  std::string ReadComment() {
    size_t s = p_;
    while (!AtEol() && !Eof()) ++p_;
    return std::string(TrimRight(t_.substr(s, p_ - s)));
  }
  // After a value: blanks, an optional comment (into `comment`), the line end.
  void EndOfLine(std::string& comment) {
    SkipBlanks();
    if (Peek() == '#') {
      if (!comment.empty()) Refuse("two comments for one entry");
      comment = ReadComment();
    }
    if (!AtEol()) Refuse("unexpected text after a value");
    NextLine();
  }

  // A blank line seen: one marker however many there are in a row (the printer keeps at most
  // one blank line anywhere, so two markers would only be merged later).
  void AddBlank() {
    if (!pending_.empty() && pending_.back().text.empty()) return;
    pending_.push_back({"", 0});
  }
  // Skips blank and comment lines (collecting them) up to the next line with content; returns
  // its indentation with the position at the line's start, or -1 at the end of the text.
  int NextContentLine() {
    while (!Eof()) {
      size_t q = p_;
      while (At(q) == ' ') ++q;
      size_t r = q;
      while (IsBlank(At(r)) || At(r) == '\r') ++r;
      if (At(r) == '\n') {
        AddBlank();
        NextLine();
        continue;
      }
      if (t_[r] == '#') {
        p_ = r;
        pending_.push_back({ReadComment(), static_cast<int>(r - line_start_)});
        NextLine();
        continue;
      }
      if (r != q) {
        p_ = q;
        Refuse("a tab in the indentation");
      }
      int indent = static_cast<int>(q - p_);
      std::string_view rest = t_.substr(q);
      if (indent == 0 && (rest.substr(0, 3) == "---" || rest.substr(0, 3) == "...") &&
          EndsToken(q + 3)) {
        p_ = q;
        Refuse("a document marker (`---` or `...`): a rule file is one document without markers");
      }
      if (indent == 0 && rest[0] == '%') {
        p_ = q;
        Refuse("a YAML directive (`%`)");
      }
      return indent;
    }
    return -1;
  }
  // All pending lines, for the entry that starts now: a comment belongs to what it precedes.
  std::vector<std::string> TakeLeading() {
    std::vector<std::string> out;
    for (auto& p : pending_) out.push_back(std::move(p.text));
    pending_.clear();
    return out;
  }
  // The pending lines that end a block collection whose entries are at `column`: comments
  // indented at least that far (and the blank lines among them). The rest stay pending.
  std::vector<std::string> TakeTrailing(int column) {
    size_t n = 0;
    while (n < pending_.size() && (pending_[n].text.empty() || pending_[n].column >= column)) ++n;
    while (n > 0 && pending_[n - 1].text.empty()) --n;
    std::vector<std::string> out;
    for (size_t i = 0; i < n; ++i) out.push_back(std::move(pending_[i].text));
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<long>(n));
    return out;
  }

  // Whether a `- ` sequence entry starts at `q`.
  bool DashAt(size_t q) const { return At(q) == '-' && EndsToken(q + 1); }
  // The end (one past the closing quote) of the quoted scalar at `q` on its line, or npos.
  size_t QuotedEnd(size_t q) const {
    char quote = At(q);
    for (++q; At(q) != '\n'; ++q) {
      if (quote == '"' && At(q) == '\\') {
        ++q;
      } else if (At(q) == quote) {
        if (quote == '\'' && At(q + 1) == '\'') {
          ++q;
        } else {
          return q + 1;
        }
      }
    }
    return std::string_view::npos;
  }
  // Whether the line from the current position is a block mapping entry (`key:` then a blank
  // or the line end).
  // Decided on the text alone, before anything is consumed, so the callers can choose between a
  // mapping, a sequence and a scalar. A `:` inside a plain scalar (`D:5`, `a:b`) is not an
  // indicator: only `:` followed by a blank or the line end is, as YAML says.
  bool KeyAhead() const {
    size_t q = p_;
    char c = At(q);
    if (c == '"' || c == '\'') {
      q = QuotedEnd(q);
      if (q == std::string_view::npos) return false;
      while (IsBlank(At(q))) ++q;
      return At(q) == ':' && EndsToken(q + 1);
    }
    if (IsFlowIndicator(c) || c == '#' || c == '&' || c == '*' || c == '!' || c == '|' ||
        c == '>' || DashAt(q)) {
      return false;
    }
    for (; At(q) != '\n'; ++q) {
      if (At(q) == ':' && EndsToken(q + 1)) return true;
      if (At(q) == '#' && q > p_ && IsBlank(At(q - 1))) return false;
    }
    return false;
  }

  // `&name` or `*name` at the current position: the name.
  std::string ReadName() {
    ++p_;
    size_t s = p_;
    while (!EndsToken(p_) && !IsFlowIndicator(Peek())) ++p_;
    if (p_ == s) Refuse("an anchor or alias without a name");
    return std::string(t_.substr(s, p_ - s));
  }

  // A quoted scalar on one line; the position after its closing quote.
  // Quoted scalars over several lines fold their line breaks with rules of their own (escaped
  // breaks, trimmed indentation); rule files have none, so they are refused rather than guessed.
  LayoutNode Quoted() {
    LayoutNode n = Start(LayoutNode::Kind::kQuoted);
    size_t start = p_;
    char quote = Peek();
    ++p_;
    for (;;) {
      char c = Peek();
      if (AtEol()) {
        p_ = start;
        Refuse("a quoted scalar over several lines: write it on one line");
      }
      ++p_;
      if (c == quote && !(quote == '\'' && Peek() == '\'')) break;
      if (quote == '\'' && c == '\'') {
        ++p_;
        n.text += '\'';
      } else if (quote == '"' && c == '\\') {
        Escape(n.text);
      } else {
        n.text += c;
      }
    }
    return n;
  }
  // One escape of a double-quoted scalar (the position after its backslash).
  // The value is decoded so that the printer can choose the quotes afresh; an escape not known
  // here would otherwise be printed as something else.
  void Escape(std::string& out) {
    char e = Peek();
    ++p_;
    static constexpr std::string_view kFrom = "0abtnvfre \"/\\\t";
    static constexpr std::string_view kTo = std::string_view("\0\a\b\t\n\v\f\r\x1b \"/\\\t", 14);
    if (size_t i = kFrom.find(e); i != std::string_view::npos) {
      out += kTo[i];
      return;
    }
    char32_t named = e == 'N' ? 0x85 : e == '_' ? 0xA0 : e == 'L' ? 0x2028 : e == 'P' ? 0x2029 : 0;
    if (named) {
      AppendUtf8(out, named);
      return;
    }
    size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (!digits) Refuse("an escape this formatter does not know in a double-quoted scalar");
    char32_t cp = 0;
    for (size_t i = 0; i < digits; ++i, ++p_) {
      char h = Peek();
      int v = h >= '0' && h <= '9'   ? h - '0'
              : h >= 'a' && h <= 'f' ? h - 'a' + 10
              : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                     : -1;
      if (v < 0) Refuse("a malformed escape in a double-quoted scalar");
      cp = cp * 16 + static_cast<char32_t>(v);
    }
    AppendUtf8(out, cp);
  }

  // A node of `kind` starting at the current position (its location for messages).
  LayoutNode Start(LayoutNode::Kind kind) const {
    LayoutNode n;
    n.kind = kind;
    n.line = line_;
    n.column = Column() + 1;
    return n;
  }

  // A plain scalar in block context: to the end of the line or a comment, then the lines below
  // it indented more than `parent_indent` (folded: one line break is a space, n+1 are n).
  LayoutNode PlainBlock(int parent_indent) {
    LayoutNode n = Start(LayoutNode::Kind::kPlain);
    for (;;) {
      size_t s = p_;
      while (!AtEol() && !(Peek() == '#' && p_ > s && IsBlank(At(p_ - 1)))) ++p_;
      n.text += TrimRight(t_.substr(s, p_ - s));
      // A comment ends the scalar's line; on a line that another line continues, it would sit
      // inside the value, which the printed single line cannot hold: refused below.
      bool commented = Peek() == '#';
      // Look for a continuation line: more indented than the parent, not a comment. Blank lines
      // in between count as line breaks of the value; none of this is consumed unless a
      // continuation is found (the blank lines then belong to the value, not to the layout).
      size_t q = p_;
      while (At(q) != '\n') ++q;
      int breaks = 0;
      size_t content = q;
      for (;;) {
        if (q >= t_.size()) return n;
        size_t line = q + 1, c = line;
        while (IsBlank(At(c)) || At(c) == '\r') ++c;
        ++breaks;
        if (At(c) == '\n') {
          q = c;
          continue;
        }
        if (static_cast<int>(c - line) <= parent_indent || At(c) == '#' || c >= t_.size()) {
          return n;
        }
        content = c;
        break;
      }
      if (commented) Refuse("a comment inside a plain scalar over several lines");
      // Fold, then move to the continuation's first character, counting the lines passed.
      n.text += breaks == 1 ? std::string(" ") : std::string(breaks - 1, '\n');
      while (p_ < content) {
        if (t_[p_] == '\n') {
          ++line_;
          line_start_ = p_ + 1;
        }
        ++p_;
      }
    }
  }

  // A plain scalar in flow context, to a flow indicator, `: `, a comment or the line end;
  // continued on the next line when that line does not start with an indicator.
  LayoutNode PlainFlow() {
    LayoutNode n = Start(LayoutNode::Kind::kPlain);
    for (;;) {
      size_t s = p_;
      while (!AtEol() && !IsFlowIndicator(Peek()) &&
             !(Peek() == ':' && (EndsToken(p_ + 1) || IsFlowIndicator(Peek(1)))) &&
             !(Peek() == '#' && p_ > s && IsBlank(At(p_ - 1)))) {
        ++p_;
      }
      n.text += TrimRight(t_.substr(s, p_ - s));
      if (!AtEol()) return n;
      size_t q = p_;
      while (At(q) != '\n') ++q;
      size_t c = q + 1;
      while (IsBlank(At(c)) || At(c) == '\r') ++c;
      if (c >= t_.size() || IsFlowIndicator(At(c)) || At(c) == ':' || At(c) == '#' ||
          At(c) == '\n') {
        return n;
      }
      n.text += ' ';
      NextLine();
      SkipBlanks();
    }
  }

  // Blanks and line ends inside a flow collection; a comment there is refused.
  void FlowSpace() {
    for (;;) {
      if (IsBlank(Peek()) || Peek() == '\r') {
        ++p_;
      } else if (Peek() == '\n') {
        if (Eof()) Refuse("a flow collection that is not closed");
        NextLine();
      } else if (Peek() == '#') {
        Refuse("a comment inside a flow collection (`[...]`, `{...}`): put it before the entry");
      } else {
        return;
      }
    }
  }
  // One node inside a flow collection: an optional anchor, then a collection, a quoted or plain
  // scalar, an alias, or nothing (`[a, ]`, `{k: }`).
  LayoutNode FlowNode() {
    FlowSpace();
    std::string anchor;
    if (Peek() == '&') {
      anchor = ReadName();
      FlowSpace();
    }
    LayoutNode n;
    char c = Peek();
    if (c == '!') Refuse("a YAML tag (`!`)");
    if (c == '[' || c == '{') {
      n = FlowCollection();
    } else if (c == '"' || c == '\'') {
      n = Quoted();
    } else if (c == '*') {
      n = Start(LayoutNode::Kind::kAlias);
      n.text = ReadName();
    } else if (c == ',' || c == ']' || c == '}') {
      n = Start(LayoutNode::Kind::kNull);
    } else {
      n = PlainFlow();
    }
    n.anchor = anchor;
    return n;
  }
  // `[...]` or `{...}`, possibly over several lines.
  LayoutNode FlowCollection() {
    bool is_map = Peek() == '{';
    LayoutNode n = Start(is_map ? LayoutNode::Kind::kMap : LayoutNode::Kind::kSeq);
    n.flow = true;
    char close = is_map ? '}' : ']';
    ++p_;
    FlowSpace();
    // Entries up to the closing bracket; a comma after the last entry is allowed, as in YAML.
    while (Peek() != close) {
      LayoutEntry e;
      if (is_map) {
        // A key: only scalars (the loaders reject any other key anyway); a key alone is a
        // key with a null value.
        FlowSpace();
        if (Peek() == '?' || Peek() == '[' || Peek() == '{' || Peek() == '&' || Peek() == '*') {
          Refuse("a complex key, or an anchor or alias as a key, in a flow mapping");
        }
        e.key = Peek() == '"' || Peek() == '\'' ? Quoted() : PlainFlow();
        FlowSpace();
        if (Peek() == ':') {
          ++p_;
          e.value = FlowNode();
        } else {
          e.value = Start(LayoutNode::Kind::kNull);
        }
      } else {
        e.value = FlowNode();
      }
      FlowSpace();
      if (!is_map && Peek() == ':') Refuse("a `key: value` pair inside a flow sequence");
      n.entries.push_back(std::move(e));
      if (Peek() == ',') {
        ++p_;
        FlowSpace();
      } else if (Peek() != close) {
        Refuse(std::string("expected `,` or `") + close + "` in a flow collection");
      }
    }
    ++p_;
    return n;
  }

  // A block scalar: the header at the position, its lines below (indented more than
  // `parent_indent`, or blank), with the first content line's indentation removed.
  LayoutNode BlockScalar(int parent_indent, std::string& comment) {
    LayoutNode n = Start(LayoutNode::Kind::kBlockScalar);
    size_t s = p_++;
    while (!EndsToken(p_) && Peek() != '#') {
      if (Peek() != '-') Refuse("a block scalar with a `+` or indentation indicator");
      ++p_;
    }
    n.text = std::string(t_.substr(s, p_ - s));
    EndOfLine(comment);
    // The content indentation is the first non-blank line's (YAML's auto-detection); a line
    // indented less ends the scalar. Blank lines are held back until a content line follows:
    // blank lines at the end are not part of a clipped (`|`) or stripped (`|-`) value and are
    // given back as a blank line of the layout. With `+` they would be: refused above.
    int content = -1;
    size_t blanks = 0;
    while (!Eof()) {
      size_t q = p_;
      while (At(q) == ' ') ++q;
      int indent = static_cast<int>(q - p_);
      bool blank = At(q) == '\n' || (At(q) == '\r' && At(q + 1) == '\n');
      if (!blank && (indent <= parent_indent || (content >= 0 && indent < content))) break;
      if (!blank && content < 0) content = indent;
      size_t e = q;
      while (At(e) != '\n') ++e;
      std::string_view line = t_.substr(p_, e - p_);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (blank && (content < 0 || static_cast<int>(line.size()) <= content)) {
        ++blanks;
      } else {
        n.block_lines.insert(n.block_lines.end(), blanks, "");
        blanks = 0;
        n.block_lines.emplace_back(line.substr(static_cast<size_t>(content)));
      }
      NextLine();
    }
    if (blanks) AddBlank();  // blank lines after the content separate it from what follows
    return n;
  }

  // A node that starts on the current line at the position: a block collection starting here
  // (`- ` or `key:`), or a value on this line. Returns at the start of the line after it.
  LayoutNode InlineNode(int parent_indent, std::string& comment) {
    std::string anchor;
    char c = Peek();
    if (c == '!') Refuse("a YAML tag (`!`)");
    if (c == '?' && EndsToken(p_ + 1)) Refuse("a complex key (`? `)");
    if (c == '&') {
      size_t at = p_;
      anchor = ReadName();
      SkipBlanks();
      if (Peek() == '#' || AtEol()) {
        EndOfLine(comment);
        LayoutNode n = BlockBelow(parent_indent, false, comment);
        n.anchor = anchor;
        return n;
      }
      if (KeyAhead() || DashAt(p_)) {
        p_ = at;
        Refuse("an anchor before a block collection on the same line: put the collection below");
      }
    }
    // A collection that starts on this line: a compact sequence or mapping (`- - a`, `- k: v`)
    // takes the current column as its indentation.
    LayoutNode n;
    c = Peek();
    if (DashAt(p_)) return BlockSeq(Column());
    if (KeyAhead()) return BlockMap(Column());
    if (c == '|' || c == '>') {
      n = BlockScalar(parent_indent, comment);
      n.anchor = anchor;
      return n;
    }
    if (c == '!') Refuse("a YAML tag (`!`)");
    if (c == '*') {
      n = Start(LayoutNode::Kind::kAlias);
      n.text = ReadName();
    } else if (c == '[' || c == '{') {
      n = FlowCollection();
    } else if (c == '"' || c == '\'') {
      n = Quoted();
    } else {
      n = PlainBlock(parent_indent);
    }
    n.anchor = anchor;
    EndOfLine(comment);
    return n;
  }

  // The value of an entry whose line ended after its indicator (`key:`, `-`): a node on the
  // lines below, indented more than `parent_indent` (or, for a mapping value, a sequence at the
  // key's own indentation); null when none.
  LayoutNode BlockBelow(int parent_indent, bool map_value, std::string& comment) {
    int indent = NextContentLine();
    size_t q = p_ + static_cast<size_t>(indent);
    if (indent < 0 ||
        !(indent > parent_indent || (map_value && indent == parent_indent && DashAt(q)))) {
      return Start(LayoutNode::Kind::kNull);
    }
    p_ = q;
    return InlineNode(parent_indent, comment);
  }

  // What follows an entry's indicator (`key:` or `-`) at the position.
  LayoutNode Value(int indent, bool map_value, std::string& comment) {
    SkipBlanks();
    if (AtEol() || Peek() == '#') {
      EndOfLine(comment);
      return BlockBelow(indent, map_value, comment);
    }
    return InlineNode(indent, comment);
  }

  // A mapping key at the position, up to and including its `:`. Keys are scalars on one line;
  // anything else (an anchor, a tag, `?`) is refused.
  LayoutNode Key() {
    char c = Peek();
    if (c == '&' || c == '*' || c == '!' || c == '?') {
      Refuse("an anchor, alias, tag or `?` on a key");
    }
    if (!KeyAhead()) Refuse("expected a `key: value` entry");
    LayoutNode k;
    if (c == '"' || c == '\'') {
      k = Quoted();
      SkipBlanks();
    } else {
      k = Start(LayoutNode::Kind::kPlain);
      size_t s = p_;
      while (!(Peek() == ':' && EndsToken(p_ + 1))) ++p_;
      k.text = std::string(TrimRight(t_.substr(s, p_ - s)));
    }
    ++p_;  // the `:`
    return k;
  }

  // A block mapping whose keys are at `column`. It ends at a line indented less, at a sequence
  // entry at its own column (the mapping was the entry of an outer sequence), or at the end.
  // A line indented more than its keys cannot follow a complete entry: refused.
  LayoutNode BlockMap(int column) {
    LayoutNode n = Start(LayoutNode::Kind::kMap);
    for (;;) {
      LayoutEntry e;
      e.leading = TakeLeading();
      e.key = Key();
      e.value = Value(column, true, e.comment);
      n.entries.push_back(std::move(e));
      int indent = NextContentLine();
      if (indent < column || DashAt(p_ + static_cast<size_t>(indent))) break;
      p_ += static_cast<size_t>(indent);
      if (indent > column) Refuse("unexpected indentation");
    }
    n.trailing = TakeTrailing(column);
    return n;
  }

  // A block sequence whose dashes are at `column`. It ends at a line indented less, or at a line
  // at its column that is not an entry (a mapping key: the sequence was that mapping's value,
  // written at the key's own indentation).
  LayoutNode BlockSeq(int column) {
    LayoutNode n = Start(LayoutNode::Kind::kSeq);
    for (;;) {
      LayoutEntry e;
      e.leading = TakeLeading();
      ++p_;  // the `-`
      e.value = Value(column, false, e.comment);
      n.entries.push_back(std::move(e));
      int indent = NextContentLine();
      size_t q = p_ + static_cast<size_t>(indent);
      if (indent < column || (indent == column && !DashAt(q))) break;
      p_ = q;
      if (indent > column) Refuse("unexpected indentation");
    }
    n.trailing = TakeTrailing(column);
    return n;
  }

  // The comment lines before the first entry up to the last blank line among them are the
  // file's header: they stay at the top whatever entry comes first after formatting.
  static void SplitHeader(LayoutDocument& doc) {
    auto& entries = doc.root.entries;
    if (doc.root.flow || entries.empty()) return;
    auto& leading = entries.front().leading;
    size_t blank = leading.size();
    while (blank > 0 && !leading[blank - 1].empty()) --blank;
    if (blank == 0) return;
    doc.header.assign(leading.begin(), leading.begin() + static_cast<long>(blank - 1));
    leading.erase(leading.begin(), leading.begin() + static_cast<long>(blank));
    while (!doc.header.empty() && doc.header.front().empty()) doc.header.erase(doc.header.begin());
  }
};

// The comment lines of `lines` (blank ones are layout, not comments).
void CollectLines(const std::vector<std::string>& lines, std::vector<std::string>& out) {
  for (const auto& l : lines) {
    if (!l.empty()) out.push_back(l);
  }
}

// Every comment under `n`, depth first in entry order.
void CollectComments(const LayoutNode& n, std::vector<std::string>& out) {
  for (const auto& e : n.entries) {
    CollectLines(e.leading, out);
    if (!e.comment.empty()) out.push_back(e.comment);
    CollectComments(e.value, out);
  }
  CollectLines(n.trailing, out);
}

}  // namespace

// The reader's refusals are exceptions inside it (a refusal can come from deep in the recursion)
// and one diagnostic here; nothing escapes.
bool ParseLayout(const SourceFile& file, LayoutDocument& doc, std::vector<Diagnostic>& diags) {
  try {
    doc = Parser(file.text()).Parse();
    return true;
  } catch (const Refusal& r) {
    diags.push_back(
        {Severity::kError, "E108", file.At(r.line, r.column), "cannot format: " + r.message});
    return false;
  }
}

std::vector<std::string> LayoutComments(const LayoutDocument& doc) {
  std::vector<std::string> out;
  CollectLines(doc.header, out);
  CollectComments(doc.root, out);
  CollectLines(doc.footer, out);
  return out;
}

}  // namespace chipgate
