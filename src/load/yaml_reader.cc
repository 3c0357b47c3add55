// YamlContext and MapReader over DocNode trees.
#include "load/yaml_reader.h"

#include <charconv>
#include <cmath>

namespace chipgate {
namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::string NodeKindName(const DocNode& n) {
  if (n.IsMap()) return "a mapping";
  if (n.IsSequence()) return "a list";
  if (n.IsNull()) return "nothing";
  return "a scalar";
}

std::optional<DocNode> YamlContext::Parse(const DocLimits& limits) {
  DocNode root;
  if (!ParseDocument(file_, root, diags_, limits)) return std::nullopt;
  return root;
}

SourceLoc YamlContext::Loc(const DocMark& mark) const {
  if (mark.is_null()) return {path(), 0, 0};
  return {path(), mark.line + 1, mark.column + 1};
}

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

void YamlContext::Error(const std::string& code, const SourceLoc& loc, std::string message) {
  diags_.push_back({Severity::kError, code, loc, std::move(message)});
}

void YamlContext::Warning(const std::string& code, const SourceLoc& loc, std::string message) {
  diags_.push_back({Severity::kWarning, code, loc, std::move(message)});
}

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

const DocNode* MapReader::Field(const std::string& key, bool required) {
  if (!ok_) return nullptr;
  Entry* e = Find(key);
  if (e == nullptr || e->value->IsNull()) {
    if (required) {
      ctx_.Error("E105", e ? ctx_.Loc(e->mark) : loc_, what_ + ": missing required field `" + key + "`");
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

bool MapReader::ScalarText(const Entry& e, std::string& out) {
  if (!e.value->IsScalar()) {
    ctx_.Error("E103", ctx_.Loc(e.value->Mark()),
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

std::optional<bool> MapReader::Bool(const std::string& key) {
  auto text = String(key);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  ctx_.Error("E103", KeyLoc(key), what_ + ": field `" + key + "` must be `true` or `false`, found `" + *text + "`");
  return std::nullopt;
}

std::optional<double> MapReader::Number(const std::string& key, bool required) {
  auto text = String(key, required);
  if (!text) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size() || !std::isfinite(v)) {
    ctx_.Error("E103", KeyLoc(key), what_ + ": field `" + key + "` must be a finite number, found `" + *text + "`");
    return std::nullopt;
  }
  return v;
}

std::optional<Date> MapReader::DateField(const std::string& key, bool required) {
  auto text = String(key, required);
  if (!text) return std::nullopt;
  auto d = ParseDate(*text);
  if (!d) {
    ctx_.Error("E106", KeyLoc(key), what_ + ": field `" + key + "` must be a date YYYY-MM-DD, found `" + *text + "`");
  }
  return d;
}

std::optional<std::vector<std::string>> MapReader::StringList(const std::string& key, bool required) {
  const DocNode* n = Field(key, required);
  if (!n) return std::nullopt;
  std::vector<std::string> out;
  if (n->IsScalar()) {
    out.push_back(n->Scalar());
    return out;
  }
  if (!n->IsSequence()) {
    ctx_.Error("E103", ctx_.Loc(n->Mark()), what_ + ": field `" + key + "` must be a list, found " + NodeKindName(*n));
    return std::nullopt;
  }
  for (const auto& item : *n) {
    if (!item.IsScalar()) {
      ctx_.Error("E103", ctx_.Loc(item.Mark()),
                 what_ + ": elements of `" + key + "` must be scalars, found " + NodeKindName(item));
      continue;
    }
    out.push_back(item.Scalar());
  }
  return out;
}

void MapReader::Expression(const std::string& key, ExprSource& out, bool required) {
  const DocNode* n = Field(key, required);
  if (!n) return;
  if (!n->IsScalar()) {
    ctx_.Error("E103", ctx_.Loc(n->Mark()),
               what_ + ": field `" + key + "` must be an expression string, found " + NodeKindName(*n));
    return;
  }
  out.text = n->Scalar();
  out.loc = ctx_.ContentLoc(*n);
  if (Trim(out.text).empty()) {
    ctx_.Error("E201", out.loc, what_ + ": field `" + key + "` is an empty expression");
    return;
  }
  ParseExpr(out, ctx_.diags());
}

void MapReader::Each(const std::string& key, const std::function<void(const DocNode&)>& fn, bool required) {
  const DocNode* n = Field(key, required);
  if (!n) return;
  if (!n->IsSequence()) {
    ctx_.Error("E103", ctx_.Loc(n->Mark()), what_ + ": field `" + key + "` must be a list, found " + NodeKindName(*n));
    return;
  }
  for (const auto& item : *n) fn(item);
}

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
