// The canonical printer of layout trees (layout_printer.h). It writes into one string, line by
// line; a block collection's entries are printed at their indentation, each value after its
// `key:` or `-` on the same line unless it is a block collection (below, 2 spaces deeper) or a
// mapping entry of a sequence (on the `- ` line).
#include "load/layout_printer.h"

#include <cstdio>

namespace chipgate {
namespace {

constexpr size_t kWidth = 100;  // the column a flow sequence is wrapped before

// Whether `v` holds a character only an escape can write inside quotes (a tab can stand as is).
bool HasControl(const std::string& v) {
  for (unsigned char c : v) {
    if ((c < 0x20 && c != '\t') || c == 0x7f) return true;
  }
  return false;
}

// Block collections go on lines of their own; everything else fits after its `key:` or `-`.
bool IsBlockCollection(const LayoutNode& n) {
  return (n.kind == LayoutNode::Kind::kMap || n.kind == LayoutNode::Kind::kSeq) && !n.flow;
}

// A scalar, key or alias as it is printed inline (a null is nothing).
std::string ScalarText(const LayoutNode& n) {
  switch (n.kind) {
    case LayoutNode::Kind::kPlain:
      // A folded blank line is a line break in the value: only quotes keep it on one line.
      return n.expression || n.text.find('\n') != std::string::npos ? QuoteScalar(n.text) : n.text;
    case LayoutNode::Kind::kQuoted:
      return QuoteScalar(n.text);
    case LayoutNode::Kind::kAlias:
      return "*" + n.text;
    default:
      return "";
  }
}

// A node on one line: flow collections as `[a, b]` / `{k: v}` with one space after each comma
// and colon, whatever the spacing and line breaks of the source; the anchor first.
std::string Inline(const LayoutNode& n) {
  std::string body;
  if (n.kind == LayoutNode::Kind::kSeq || n.kind == LayoutNode::Kind::kMap) {
    bool map = n.kind == LayoutNode::Kind::kMap;
    body = map ? "{" : "[";
    for (size_t i = 0; i < n.entries.size(); ++i) {
      const LayoutEntry& e = n.entries[i];
      if (i > 0) body += ", ";
      if (map) {
        body += ScalarText(e.key);
        // A key without a value is an implicit null: `{a, b: c}`.
        if (e.value.kind == LayoutNode::Kind::kNull && e.value.anchor.empty()) continue;
        body += ": ";
      }
      body += Inline(e.value);
    }
    body += map ? "}" : "]";
  } else {
    body = ScalarText(n);
  }
  if (n.anchor.empty()) return body;
  return body.empty() ? "&" + n.anchor : "&" + n.anchor + " " + body;
}

class Printer {
 public:
  // The header, one blank line, the root, the footer. A document that is only comments prints
  // them without the blank line.
  std::string Print(const LayoutDocument& doc) {
    bool empty_root = doc.root.kind == LayoutNode::Kind::kNull && doc.root.anchor.empty();
    Lines(doc.header, 0);
    if (!doc.header.empty() && !empty_root) out_ += '\n';
    if (IsBlockCollection(doc.root)) {
      if (!doc.root.anchor.empty()) out_ += "&" + doc.root.anchor + "\n";
      if (doc.root.kind == LayoutNode::Kind::kMap) {
        Map(doc.root, 0, false, true);
      } else {
        Seq(doc.root, 0);
      }
    } else if (doc.root.kind == LayoutNode::Kind::kBlockScalar) {
      Value(doc.root, -2, "");
    } else if (!empty_root) {
      out_ += Inline(doc.root) + "\n";
    }
    size_t first = 0;
    while (out_.empty() && first < doc.footer.size() && doc.footer[first].empty()) ++first;
    Lines({doc.footer.begin() + static_cast<long>(first), doc.footer.end()}, 0);
    return std::move(out_);
  }

 private:
  std::string out_;

  void Indent(int n) { out_.append(static_cast<size_t>(n), ' '); }
  // Comment lines at `indent`, blank lines as empty lines (no trailing spaces).
  void Lines(const std::vector<std::string>& lines, int indent) {
    for (const auto& l : lines) {
      if (!l.empty()) Indent(indent);
      out_ += l + "\n";
    }
  }
  // `leading` without the blank lines it starts with (the start of a collection has none).
  static std::vector<std::string> Trimmed(const std::vector<std::string>& leading) {
    size_t i = 0;
    while (i < leading.size() && leading[i].empty()) ++i;
    return {leading.begin() + static_cast<long>(i), leading.end()};
  }
  void Comment(const std::string& comment) {
    if (!comment.empty()) out_ += " " + comment;
  }
  // The column the next character goes to (where a value starts after `key: `).
  size_t CurrentColumn() const {
    size_t nl = out_.rfind('\n');
    return nl == std::string::npos ? out_.size() : out_.size() - nl - 1;
  }

  // A flow sequence that would pass the width, wrapped after commas (each entry kept whole on
  // one line) with its continuation lines aligned one column after the `[`; anything else as
  // Inline.
  std::string Wrapped(const LayoutNode& v, size_t column) {
    std::string one = Inline(v);
    if (v.kind != LayoutNode::Kind::kSeq || !v.anchor.empty() || column + one.size() <= kWidth) {
      return one;
    }
    std::string out = "[";
    size_t line = column + 1;
    for (size_t i = 0; i < v.entries.size(); ++i) {
      std::string item = Inline(v.entries[i].value);
      if (i > 0 && line + 2 + item.size() + 1 > kWidth) {
        out += ",\n" + std::string(column + 1, ' ');
        line = column + 1;
      } else if (i > 0) {
        out += ", ";
        line += 2;
      }
      out += item;
      line += item.size();
    }
    return out + "]";
  }

  // The value of an entry whose `key:` or `-` (at `indent`) is the end of the output so far.
  void Value(const LayoutNode& v, int indent, const std::string& comment) {
    if (IsBlockCollection(v)) {
      if (!v.anchor.empty()) out_ += " &" + v.anchor;
      Comment(comment);
      out_ += '\n';
      if (v.kind == LayoutNode::Kind::kMap) {
        Map(v, indent + 2, false, false);
      } else {
        Seq(v, indent + 2);
      }
      return;
    }
    if (v.kind == LayoutNode::Kind::kBlockScalar) {
      if (indent >= 0) out_ += ' ';
      if (!v.anchor.empty()) out_ += "&" + v.anchor + " ";
      out_ += v.text;
      Comment(comment);
      out_ += '\n';
      for (const auto& l : v.block_lines) {
        if (!l.empty()) Indent(indent + 2);
        out_ += l + "\n";
      }
      return;
    }
    if (v.kind != LayoutNode::Kind::kNull || !v.anchor.empty()) {
      out_ += ' ';
      out_ += Wrapped(v, CurrentColumn());
    }
    Comment(comment);
    out_ += '\n';
  }

  // A block mapping at `indent`. `on_dash_line`: its first key goes on a sequence entry's `- `
  // line, whose printer has already written that entry's leading comments. `top`: the document's
  // mapping, whose keys are separated by one blank line.
  void Map(const LayoutNode& m, int indent, bool on_dash_line, bool top) {
    for (size_t k = 0; k < m.entries.size(); ++k) {
      const LayoutEntry& e = m.entries[k];
      std::vector<std::string> leading = k == 0 ? Trimmed(e.leading) : e.leading;
      if (top && k > 0 && (leading.empty() || !leading.front().empty())) {
        leading.insert(leading.begin(), "");
      }
      if (!(k == 0 && on_dash_line)) {
        Lines(leading, indent);
        Indent(indent);
      }
      out_ += e.key.kind == LayoutNode::Kind::kPlain ? e.key.text : QuoteScalar(e.key.text);
      out_ += ':';
      Value(e.value, indent, e.comment);
    }
    Lines(m.trailing, indent);
  }

  void Seq(const LayoutNode& s, int indent) {
    for (size_t k = 0; k < s.entries.size(); ++k) {
      const LayoutEntry& e = s.entries[k];
      std::vector<std::string> leading = k == 0 ? Trimmed(e.leading) : e.leading;
      const LayoutNode& v = e.value;
      // A mapping entry starts on the `- ` line unless something must sit on that line first:
      // an anchor (`- &a` then the mapping below) or the entry's own end-of-line comment.
      bool compact =
          v.kind == LayoutNode::Kind::kMap && !v.flow && v.anchor.empty() && e.comment.empty();
      if (compact) {
        for (auto& l : Trimmed(v.entries.front().leading)) leading.push_back(l);
      }
      Lines(leading, indent);
      Indent(indent);
      out_ += '-';
      if (compact) {
        out_ += ' ';
        Map(v, indent + 2, true, false);
      } else {
        Value(v, indent, e.comment);
      }
    }
    Lines(s.trailing, indent);
  }
};

}  // namespace

// Double quotes need escapes for `"` and `\`, single quotes none at all (a `'` is doubled):
// so a value with either is single-quoted, which keeps an expression's text (and the columns
// of its diagnostics) as written. Control characters need double quotes and escapes.
std::string QuoteScalar(const std::string& value) {
  if (!HasControl(value)) {
    if (value.find_first_of("\"\\") == std::string::npos) return "\"" + value + "\"";
    std::string out = "'";
    for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string PrintLayout(const LayoutDocument& doc) { return Printer().Print(doc); }

}  // namespace chipgate
