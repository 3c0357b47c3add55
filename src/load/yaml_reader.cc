// YamlContext and MapReader over DocNode trees.
// Diagnostic codes produced here (see docs/diagnostics.md):
// - E101: the file is not UTF-8, or an escape in it produces invalid UTF-8;
// - E103: a value of the wrong shape (a list where a mapping is expected, a non-scalar key, a
//   word that is not `true`/`false`, a number that does not parse or is not finite);
// - E104: a key that no reader asked for (MapReader::Finish);
// - E105: a required field absent or null;
// - E106: a date that is not YYYY-MM-DD;
// - E107: a single scalar over kMaxScalarBytes;
// - E201: an expression field that is empty; other expression errors come from ParseExpr.
// Readers keep going after an error so that one run reports every problem in a file; a caller
// decides from the diagnostics (any error) whether to use what was read.
#include "load/yaml_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>

#include "base/utf8.h"

namespace chipgate {
namespace {

// Spaces and tabs only: used to tell an empty expression from a real one.
std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

// No single value of a pack or manifest (an id, an expression, a part name) comes near this;
// a longer one is refused (E107) rather than carried into every decision and record. Expressions
// are also limited to 4,096 terms by the parser.
constexpr size_t kMaxScalarBytes = size_t{1} << 20;

// The dotted path of every scalar (keys included) in document order: `lines[2].part`.
using ScalarFn = std::function<void(const DocNode&, const std::string&)>;
// Sequence indices are 1-based, as in messages; key text is cut to 64 bytes so a hostile key
// cannot make every path huge.
void EachScalar(const DocNode& n, const std::string& path, const ScalarFn& fn) {
  if (n.IsScalar()) {
    fn(n, path);
  } else if (n.IsSequence()) {
    size_t i = 0;
    for (const auto& c : n) EachScalar(c, path + "[" + std::to_string(++i) + "]", fn);
  } else if (n.IsMap()) {
    for (size_t i = 0; i < n.size(); ++i) {
      const DocNode& k = n.Key(i);
      std::string child = path;
      if (k.IsScalar()) {
        child += (path.empty() ? "" : ".") + k.Scalar().substr(0, 64);
        fn(k, child);
      }
      EachScalar(n.Value(i), child, fn);
    }
  }
}

// file:line:col of byte `offset` (columns count bytes, as in every diagnostic).
// Linear in the offset; used once per file, for the E101 of invalid UTF-8.
SourceLoc OffsetLoc(const SourceFile& file, size_t offset) {
  std::string_view text = file.text();
  size_t line_start = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  auto end = text.begin() + static_cast<std::ptrdiff_t>(line_start);
  int line = 1 + static_cast<int>(std::count(text.begin(), end, '\n'));
  return file.At(line, static_cast<int>(offset - line_start) + 1);
}

// `0xFF`-style text of one byte, for messages about invalid UTF-8.
std::string ByteHex(char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
  return buf;
}

// UTF-8 length of the character that a \x, \u or \U escape with these hex digits produces.
// Malformed digits give 1; yaml-cpp refuses such escapes while parsing, so a scalar that
// reaches this has well-formed ones.
size_t EscapeBytes(std::string_view hex) {
  unsigned long cp = 0;
  for (char h : hex) {
    int v = h >= '0' && h <= '9'   ? h - '0'
            : h >= 'a' && h <= 'f' ? h - 'a' + 10
            : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                   : -1;
    if (v < 0) return 1;
    cp = cp * 16 + static_cast<unsigned long>(v);
  }
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// Where each byte of a scalar's value comes from in the file, walking the file from the first
// content byte `p` (1-based `line`/`col`) alongside the value: escapes and doubled quotes produce
// one character from several, folded line breaks produce a space, indentation produces nothing.
// Empty when the value is a verbatim copy of one stretch of a line, or when it cannot be aligned.
// `style` is the scalar's first character: '"' or '\'' for quoted scalars, '|' or '>' for block
// scalars, 0 for plain ones. Only expression fields need this, so that an E2xx diagnostic in a
// folded or escaped expression points at the right source column.
std::vector<std::pair<int, int>> ValuePositions(const std::string& text, size_t p, int line,
                                                int col, char style, const std::string& value) {
  std::vector<std::pair<int, int>> out;
  out.reserve(value.size());
  auto advance = [&](size_t n) {
    for (; n > 0 && p < text.size(); --n, ++p) {
      if (text[p] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
  };
  for (size_t i = 0; i < value.size();) {
    if (p >= text.size()) return {};
    char c = text[p];
    std::pair<int, int> here{line, col};
    if (style == '"' && c == '\\' && p + 1 < text.size()) {
      char e = text[p + 1];
      if (e == '\n' || e == '\r') {  // an escaped line break produces nothing
        advance(2);
        continue;
      }
      size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
      size_t produced = digits ? EscapeBytes(std::string_view(text).substr(p + 2, digits)) : 1;
      for (size_t k = 0; k < produced && i < value.size(); ++k, ++i) out.push_back(here);
      advance(2 + digits);
    } else if (style == '\'' && c == '\'' && p + 1 < text.size() && text[p + 1] == '\'') {
      out.push_back(here);
      ++i;
      advance(2);
    } else if (c == value[i] || (value[i] == ' ' && (c == '\n' || c == '\r'))) {
      out.push_back(here);
      ++i;
      advance(1);
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      advance(1);  // indentation, or spaces folded away
    } else {
      return {};
    }
  }
  // Verbatim (one stretch of one line): the caller's start + offset is already right.
  bool verbatim = true;
  for (size_t i = 0; i < out.size() && verbatim; ++i) {
    verbatim = out[i].first == out[0].first && out[i].second == out[0].second + static_cast<int>(i);
  }
  if (verbatim) return {};
  return out;
}

}  // namespace

std::string NodeKindName(const DocNode& n) {
  if (n.IsMap()) return "a mapping";
  if (n.IsSequence()) return "a list";
  if (n.IsNull()) return "nothing";
  return "a scalar";
}

// Order matters: the UTF-8 check runs before any parser, so neither parser ever sees invalid
// text; a file with a NUL is left to ParseDocument, which reports the NUL instead.
bool TextWithinLimit(const std::string& path, size_t size, size_t max_bytes,
                     const std::string& what, std::vector<Diagnostic>& diags) {
  if (size <= max_bytes) return true;
  diags.push_back({Severity::kError,
                   "E107",
                   {path, 0, 0},
                   what + " is larger than the limit of " + std::to_string(max_bytes) + " bytes"});
  return false;
}

std::optional<DocNode> ParseNonEmpty(YamlContext& ctx, const SourceFile& file,
                                     const std::string& what) {
  auto root = ctx.Parse();
  if (root && root->IsNull()) {
    ctx.Error("E105", file.At(1, 1), what + " is empty");
    return std::nullopt;
  }
  return root;
}

std::optional<DocNode> YamlContext::Parse(const DocLimits& limits) {
  const std::string& text = file_.text();
  // Not UTF-8 (Latin-1 bytes, a UTF-16 file): refused where it starts, never read as something
  // else or carried into a decision, a record or a JSON report.
  if (size_t bad = FirstInvalidUtf8(text);
      bad != std::string::npos && text.find('\0') == std::string::npos) {
    ReportInvalidUtf8(bad, limits);
    return std::nullopt;
  }
  DocNode root;
  if (!ParseDocument(file_, root, diags_, limits)) return std::nullopt;
  // Values over the size limit, and invalid UTF-8 made by escapes (`"\ud800"`). Without a long
  // text or a \u escape neither can occur, so the common file is not walked again.
  if (text.size() > kMaxScalarBytes || text.find("\\u") != std::string::npos ||
      text.find("\\U") != std::string::npos) {
    size_t before = diags_.size();
    EachScalar(root, "", [&](const DocNode& n, const std::string& field) {
      std::string what = field.empty() ? std::string("a value") : "field `" + field + "`";
      if (n.Scalar().size() > kMaxScalarBytes) {
        Error("E107", Loc(n.Mark()),
              what + " is " + std::to_string(n.Scalar().size()) + " bytes long; the limit is " +
                  std::to_string(kMaxScalarBytes) + " bytes");
      } else if (size_t b = FirstInvalidUtf8(n.Scalar()); b != std::string::npos) {
        Error("E101", Loc(n.Mark()),
              what + ": an escape gives invalid UTF-8 (byte " + ByteHex(n.Scalar()[b]) + ")");
      }
    });
    if (diags_.size() != before) return std::nullopt;
  }
  return root;
}

// E101 at the first byte that is not UTF-8, naming the field that holds it when a copy of the
// text with every bad byte replaced by `_` (same offsets) parses.
// The repaired copy is parsed only to find the field; its own diagnostics are dropped. When the
// copy does not parse, or the bad byte is outside any scalar (a comment), the message names no
// field. Only one E101 is reported, however many bad bytes the file has.
void YamlContext::ReportInvalidUtf8(size_t offset, const DocLimits& limits) {
  const std::string& text = file_.text();
  std::string clean = text;
  for (size_t i = FirstInvalidUtf8(clean, offset); i != std::string::npos;
       i = FirstInvalidUtf8(clean, i + 1)) {
    clean[i] = '_';
  }
  std::string field;
  SourceFile copy(file_.path(), std::move(clean));
  std::vector<Diagnostic> ignored;
  DocNode root;
  if (ParseDocument(copy, root, ignored, limits)) {
    int best = -1;
    bool covers = false;  // the scalar reaches the offset (not a comment after it)
    EachScalar(root, "", [&](const DocNode& n, const std::string& path) {
      int pos = n.Mark().pos;
      if (pos >= best && pos >= 0 && static_cast<size_t>(pos) <= offset) {
        best = pos;
        field = path;
        // +1: a quoted scalar's mark is its opening quote. Multi-line scalars are taken as
        // covering.
        covers = offset <= static_cast<size_t>(pos) + n.Scalar().size() + 1 ||
                 n.Scalar().find('\n') != std::string::npos;
      }
    });
    if (!covers) field.clear();
  }
  Error("E101", OffsetLoc(file_, offset),
        (field.empty() ? std::string() : "field `" + field + "`: ") + "invalid UTF-8 (byte " +
            ByteHex(text[offset]) + "); the file must be UTF-8 text");
}

// 1-based location of a mark. A null mark (a node built without one) gives line 0, which
// diagnostics print as the file alone.
SourceLoc YamlContext::Loc(const DocMark& mark) const {
  if (mark.is_null()) return file_.At(0, 0);
  return file_.At(mark.line + 1, mark.column + 1);
}

// A scalar's mark is its first source character: a quote, a block indicator, or the content of a
// plain scalar. For a block scalar the content starts on the next line, at its indentation.
SourceLoc YamlContext::ContentLoc(const DocNode& scalar) const {
  SourceLoc loc = Loc(scalar.Mark());
  const std::string& text = file_.text();
  size_t pos = static_cast<size_t>(scalar.Mark().pos);
  if (pos >= text.size()) return loc;
  char c = text[pos];
  if (c == '"' || c == '\'') {
    loc.col += 1;
  } else if (c == '|' || c == '>') {
    std::string_view next = file_.Line(loc.line + 1);
    size_t indent = next.find_first_not_of(" \t");
    loc.line += 1;
    loc.col = indent == std::string_view::npos ? 1 : static_cast<int>(indent) + 1;
  }
  return loc;
}

// Empty (meaning "start plus byte offset is right") for plain one-line scalars and whenever the
// walk cannot align the value with the text; then positions fall back to that simple rule.
std::vector<std::pair<int, int>> YamlContext::ContentPositions(const DocNode& scalar,
                                                               const SourceLoc& start) const {
  const std::string& text = file_.text();
  if (scalar.Mark().is_null() || start.line <= 0) return {};
  size_t pos = static_cast<size_t>(scalar.Mark().pos);
  if (pos >= text.size()) return {};
  char style = text[pos];
  size_t p = pos;
  if (style == '"' || style == '\'') {
    p = pos + 1;
  } else if (style == '|' || style == '>') {
    // Content starts on the line after the header; the walk skips the indentation.
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) return {};
    p = nl + 1;
    return ValuePositions(text, p, start.line, 1, style, scalar.Scalar());
  } else {
    style = 0;
  }
  return ValuePositions(text, p, start.line, start.col, style, scalar.Scalar());
}

void YamlContext::Error(const std::string& code, const SourceLoc& loc, std::string message) {
  diags_.push_back({Severity::kError, code, loc, std::move(message)});
}

// A non-mapping is E103 and leaves the reader not ok(): every accessor then returns nothing and
// Finish() reports nothing, so a caller never sees a second, cascading error for the same node.
// Non-scalar keys are reported and skipped; the remaining entries are still read.
MapReader::MapReader(YamlContext& ctx, const DocNode& map, std::string what)
    : ctx_(ctx), what_(std::move(what)), loc_(ctx.Loc(map.Mark())) {
  if (!map.IsMap()) {
    ctx_.Error("E103", loc_, what_ + ": expected a mapping, found " + NodeKindName(map));
    ok_ = false;
    return;
  }
  entries_.reserve(map.size());
  for (size_t i = 0; i < map.size(); ++i) {
    const DocNode& key = map.Key(i);
    if (!key.IsScalar()) {
      ctx_.Error("E103", ctx_.Loc(key.Mark()), what_ + ": keys must be plain names");
      continue;
    }
    entries_.push_back({&key.Scalar(), key.Mark(), &map.Value(i)});
  }
}

// Records the key as asked even when it is absent, so Finish() can tell "unknown" from "known
// but not given". Linear: a mapping has a handful of keys.
MapReader::Entry* MapReader::Find(const std::string& key) {
  asked_.push_back(key);
  for (auto& e : entries_) {
    if (*e.key == key) {
      e.used = true;
      return &e;
    }
  }
  return nullptr;
}

// An explicit null (`key:` or `key: null`) counts as absent, so a required field written with
// no value is E105 at its key rather than a type error.
const DocNode* MapReader::Field(const std::string& key, bool required) {
  if (!ok_) return nullptr;
  Entry* e = Find(key);
  if (e == nullptr || e->value->IsNull()) {
    if (required) {
      ctx_.Error("E105", e ? ctx_.Loc(e->mark) : loc_,
                 what_ + ": missing required field `" + key + "`");
    }
    return nullptr;
  }
  return e->value;
}

SourceLoc MapReader::KeyLoc(const std::string& key) const {
  for (const auto& e : entries_) {
    if (*e.key == key) return ctx_.Loc(e.mark);
  }
  return loc_;
}

// E103 at the value when it is a list or mapping; nulls never get here (Field filters them).
bool MapReader::ScalarText(const Entry& e, std::string& out) {
  if (!e.value->IsScalar()) {
    ctx_.Error(
        "E103", ctx_.Loc(e.value->Mark()),
        what_ + ": field `" + *e.key + "` must be a scalar, found " + NodeKindName(*e.value));
    return false;
  }
  out = e.value->Scalar();
  return true;
}

std::optional<std::string> MapReader::String(const std::string& key, bool required) {
  if (!Field(key, required)) return std::nullopt;
  std::string out;
  if (!ScalarText(*Find(key), out)) return std::nullopt;
  return out;
}

// Only the words `true` and `false`: YAML 1.1's `yes`/`on`/`y` are refused rather than guessed,
// since a misread flag (`enabled`, `controlled`) changes decisions.
std::optional<bool> MapReader::Bool(const std::string& key) {
  auto text = String(key);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  ctx_.Error("E103", KeyLoc(key),
             what_ + ": field `" + key + "` must be `true` or `false`, found `" + *text + "`");
  return std::nullopt;
}

// The whole scalar must be one number in from_chars syntax (no leading `+`, no spaces, no
// units); `inf` and `nan` parse but are refused as not finite.
std::optional<double> MapReader::Number(const std::string& key, bool required) {
  auto text = String(key, required);
  if (!text) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size() || !std::isfinite(v)) {
    ctx_.Error("E103", KeyLoc(key),
               what_ + ": field `" + key + "` must be a finite number, found `" + *text + "`");
    return std::nullopt;
  }
  return v;
}

// A calendar-valid YYYY-MM-DD (ParseDate refuses `2023-02-30`); E106 otherwise.
std::optional<Date> MapReader::DateField(const std::string& key, bool required) {
  auto text = String(key, required);
  if (!text) return std::nullopt;
  auto d = ParseDate(*text);
  if (!d) {
    ctx_.Error("E106", KeyLoc(key),
               what_ + ": field `" + key + "` must be a date YYYY-MM-DD, found `" + *text + "`");
  }
  return d;
}

std::optional<std::vector<std::string>> MapReader::StringList(const std::string& key,
                                                              bool required) {
  const DocNode* n = Field(key, required);
  if (!n) return std::nullopt;
  std::vector<std::string> out;
  if (n->IsScalar()) {
    out.push_back(n->Scalar());
    return out;
  }
  if (!n->IsSequence()) {
    ctx_.Error("E103", ctx_.Loc(n->Mark()),
               what_ + ": field `" + key + "` must be a list, found " + NodeKindName(*n));
    return std::nullopt;
  }
  for (const auto& item : *n) {
    if (!item.IsScalar()) {
      ctx_.Error(
          "E103", ctx_.Loc(item.Mark()),
          what_ + ": elements of `" + key + "` must be scalars, found " + NodeKindName(item));
      continue;
    }
    out.push_back(item.Scalar());
  }
  return out;
}

// Fills `out` with the text, the location of its first content character and, when needed, the
// per-byte positions, then parses it; expression syntax errors are ParseExpr's diagnostics.
void MapReader::Expression(const std::string& key, ExprSource& out, bool required) {
  const DocNode* n = Field(key, required);
  if (!n) return;
  if (!n->IsScalar()) {
    ctx_.Error(
        "E103", ctx_.Loc(n->Mark()),
        what_ + ": field `" + key + "` must be an expression string, found " + NodeKindName(*n));
    return;
  }
  out.text = n->Scalar();
  out.loc = ctx_.ContentLoc(*n);
  out.positions = ctx_.ContentPositions(*n, out.loc);
  if (Trim(out.text).empty()) {
    ctx_.Error("E201", out.loc, what_ + ": field `" + key + "` is an empty expression");
    return;
  }
  ParseExpr(out, ctx_.diags());
}

void MapReader::Each(const std::string& key, const std::function<void(const DocNode&)>& fn,
                     bool required) {
  const DocNode* n = Field(key, required);
  if (!n) return;
  if (!n->IsSequence()) {
    ctx_.Error("E103", ctx_.Loc(n->Mark()),
               what_ + ": field `" + key + "` must be a list, found " + NodeKindName(*n));
    return;
  }
  for (const auto& item : *n) fn(item);
}

// E104 for every key that no accessor asked about. Call it after the last accessor; a typo in a
// field name is then an error instead of a silently ignored setting.
void MapReader::Finish() {
  if (!ok_) return;
  for (const auto& e : entries_) {
    if (e.used) continue;
    bool asked = false;
    for (const auto& a : asked_) asked |= a == *e.key;
    if (!asked) ctx_.Error("E104", ctx_.Loc(e.mark), what_ + ": unknown field `" + *e.key + "`");
  }
}

}  // namespace chipgate
