// The JSON builder: a strict RFC 8259 parser into a DocNode tree with yaml-cpp's marks (byte
// offset, 0-based line and byte column; a string's mark is its opening quote). Machine-written
// manifests are usually JSON, and this reads them an order of magnitude faster than the YAML
// parser does. Any deviation from JSON returns false with no diagnostic: the caller then reads
// the text as YAML, which reports problems in YAML terms (JSON is YAML, so nothing valid is lost).
// Strictness is the contract: no comments, no trailing commas, no single quotes, no leading `+`,
// no leading zeros, no NaN/Infinity, no raw control characters in strings, no lone surrogates, and
// nothing but whitespace after the top-level value. Scalars keep their source text: a number is
// stored as written (`1.50` stays `1.50`) and `true`/`false` as those words, as the YAML builder
// stores plain scalars, so MapReader converts both trees alike. `null` becomes a kNull node.
// Duplicate keys are reported (E102) only when the whole text turns out to be JSON.
#include <cstdint>

#include "base/utf8.h"
#include "load/doc_node.h"

namespace chipgate {
namespace {

// Nesting bound for the recursive descent below, so hostile input cannot exhaust the stack.
constexpr int kMaxDepth = 512;  // deeper: left to the YAML parser, which reports it

// Recursive-descent parser over the file's text. Every member returns false as soon as the text
// stops being JSON; the tree is then partly built, which is why the caller discards it, and the
// position is where reading stopped (at or just after the first byte that is not JSON: good for
// pointing a reader at the trouble, not an exact column). Only Object() adds diagnostics
// (duplicate keys).
class JsonParser {
 public:
  JsonParser(const SourceFile& file, std::vector<Diagnostic>& diags)
      : file_(file), text_(file.text()), diags_(diags) {}

  // Where reading stopped (see above).
  DocMark Stop() const { return Here(); }

  // One value, surrounded only by whitespace, after an optional UTF-8 byte-order mark (Windows
  // tools write one; RFC 8259 lets a parser ignore it). Columns on the first line still count
  // the mark's bytes, as they are in the file's text.
  bool Document(DocNode& root) {
    if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
    SkipSpace();
    if (!Value(root, 0)) return false;
    SkipSpace();
    return pos_ == text_.size();
  }

 private:
  // The mark of the current position, 0-based like yaml-cpp's (column counts bytes).
  DocMark Here() const {
    return {static_cast<int>(pos_), line_, static_cast<int>(pos_ - line_start_)};
  }

  // JSON whitespace only (space, tab, CR, LF); tracks the line so that marks stay right. Strings
  // cannot hold a raw newline, so this is the only place where lines advance.
  void SkipSpace() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++pos_;
    }
  }

  // Consumes `word` when the text continues with it exactly.
  bool Literal(const char* word) {
    // compare() clamps at the end of the text, so a truncated word simply does not match.
    size_t n = std::char_traits<char>::length(word);
    if (text_.compare(pos_, n, word) != 0) return false;
    pos_ += n;
    return true;
  }

  // Any JSON value into `out`, dispatched on its first character; `depth` counts enclosing
  // containers. Anything not covered below (a bare word, `+1`, `.5`) fails in Number().
  bool Value(DocNode& out, int depth) {
    // Past kMaxDepth the text is handed to yaml-cpp, which reads it or reports its own
    // nesting limit (E101).
    if (pos_ >= text_.size() || depth > kMaxDepth) return false;
    DocMark mark = Here();
    char c = text_[pos_];
    if (c == '{') return Object(out, mark, depth);
    if (c == '[') return Array(out, mark, depth);
    // A string is always a scalar, even "null" or "true": quoting keeps its text as written.
    if (c == '"') {
      out = DocNode(DocNode::Kind::kScalar, mark);
      std::string s;
      if (!String(s)) return false;
      out.set_scalar(std::move(s));
      return true;
    }
    // Only JSON's `null` is a null; YAML's `~` or an empty value are not JSON and fail here.
    if (c == 'n') {
      out = DocNode(DocNode::Kind::kNull, mark);
      return Literal("null");
    }
    // true, false or a number: a scalar holding the exact source text of the token.
    out = DocNode(DocNode::Kind::kScalar, mark);
    size_t start = pos_;
    if (c == 't' || c == 'f') {
      if (!Literal(c == 't' ? "true" : "false")) return false;
    } else if (!Number()) {
      return false;
    }
    out.set_scalar(text_.substr(start, pos_ - start));
    return true;
  }

  // The elements of an object or array after its opening bracket: `element` reads one,
  // separated by commas, up to `close`. False when the text is not JSON.
  template <typename Fn>
  bool Elements(char close, Fn element) {
    ++pos_;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == close) {
      ++pos_;
      return true;
    }
    while (true) {
      SkipSpace();
      if (!element()) return false;
      SkipSpace();
      if (pos_ >= text_.size()) return false;
      char c = text_[pos_++];
      if (c == close) return true;
      if (c != ',') return false;
    }
  }

  // An object becomes a kMap with keys and values alternating in `children`, in text order.
  // Keys must be strings (a YAML-only key such as `{1: x}` is not JSON).
  bool Object(DocNode& out, DocMark mark, int depth) {
    out = DocNode(DocNode::Kind::kMap, mark);
    auto& children = out.mutable_children();
    bool ok = Elements('}', [&] {
      if (pos_ >= text_.size() || text_[pos_] != '"') return false;
      DocNode key(DocNode::Kind::kScalar, Here());
      std::string s;
      if (!String(s)) return false;
      key.set_scalar(std::move(s));
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != ':') return false;
      ++pos_;
      SkipSpace();
      children.push_back(std::move(key));
      children.emplace_back();
      return Value(children.back(), depth + 1);
    });
    if (ok) CheckDuplicateKeys(out, file_, diags_);
    return ok;
  }

  // An array becomes a kSequence of its elements in order.
  bool Array(DocNode& out, DocMark mark, int depth) {
    out = DocNode(DocNode::Kind::kSequence, mark);
    auto& children = out.mutable_children();
    return Elements(']', [&] {
      children.emplace_back();
      return Value(children.back(), depth + 1);
    });
  }

  // One or more ASCII digits.
  bool Digits() {
    size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool Number() {
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    if (pos_ >= text_.size()) return false;
    if (text_[pos_] == '0') {
      ++pos_;
    } else if (!Digits()) {
      return false;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!Digits()) return false;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!Digits()) return false;
    }
    return true;
  }

  // The four hex digits of a \u escape.
  bool Hex4(uint32_t& out) {
    if (pos_ + 4 > text_.size()) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      out <<= 4;
      if (c >= '0' && c <= '9')
        out |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        out |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        out |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  // The escape after a backslash, appended to `s` as UTF-8. A \u escape that names a surrogate
  // must be a complete high+low pair; a lone surrogate fails, so the text falls back to YAML,
  // whose parser then decides (YamlContext::Parse reports any invalid UTF-8 that produces).
  bool Escape(std::string& s) {
    if (pos_ >= text_.size()) return false;
    char c = text_[pos_++];
    switch (c) {
      case '"':
        s += '"';
        return true;
      case '\\':
        s += '\\';
        return true;
      case '/':
        s += '/';
        return true;
      case 'b':
        s += '\b';
        return true;
      case 'f':
        s += '\f';
        return true;
      case 'n':
        s += '\n';
        return true;
      case 'r':
        s += '\r';
        return true;
      case 't':
        s += '\t';
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    uint32_t cp = 0;
    if (!Hex4(cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {  // a high surrogate must be followed by a low one
      uint32_t low = 0;
      if (!Literal("\\u") || !Hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return false;
    }
    AppendUtf8(s, cp);
    return true;
  }

  // A string starting at its opening quote; its decoded value is appended to `s`. Bytes >= 0x80
  // are copied as they are; YamlContext::Parse has checked that the file is UTF-8 before any
  // parsing starts.
  bool String(std::string& s) {
    ++pos_;  // the opening quote
    while (pos_ < text_.size()) {
      size_t run = pos_;  // copy runs of ordinary characters at once
      while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\\' &&
             static_cast<unsigned char>(text_[pos_]) >= 0x20) {
        ++pos_;
      }
      s.append(text_, run, pos_ - run);
      if (pos_ >= text_.size()) return false;
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c != '\\') return false;  // a raw control character
      ++pos_;
      if (!Escape(s)) return false;
    }
    return false;
  }

  const SourceFile& file_;
  const std::string& text_;
  std::vector<Diagnostic>& diags_;
  size_t pos_ = 0, line_start_ = 0;
  int line_ = 0;
};

}  // namespace

// False with `diags` untouched when the text is not JSON; `root` may then hold a partial tree,
// which ParseDocument resets before reading the text as YAML, and `stop` (when given) where
// reading stopped.
bool ParseJson(const SourceFile& file, DocNode& root, std::vector<Diagnostic>& diags,
               DocMark* stop) {
  std::vector<Diagnostic> found;  // duplicate keys count only if the whole text is JSON
  JsonParser parser(file, found);
  if (!parser.Document(root)) {
    if (stop) *stop = parser.Stop();
    return false;
  }
  diags.insert(diags.end(), found.begin(), found.end());
  return true;
}

}  // namespace chipgate
