// DocNode lookups, duplicate-key detection and the choice between the JSON and YAML builders.
#include "load/doc_node.h"

#include <algorithm>
#include <string_view>

namespace chipgate {

// Linear scan: maps in packs and manifests are small, and duplicate keys have already been
// refused, so "first" and "only" coincide in any tree that parsed.
const DocNode* DocNode::Get(const std::string& key) const {
  if (kind_ != Kind::kMap) return nullptr;
  for (size_t i = 0; i < size(); ++i) {
    if (Key(i).IsScalar() && Key(i).Scalar() == key) return &Value(i);
  }
  return nullptr;
}

// Recursive; called when an anchor is recorded, to know what an alias of it will cost.
size_t DocNode::CountNodes() const {
  size_t n = 1;
  for (const auto& c : children_) n += c.CountNodes();
  return n;
}

// Non-scalar keys (`? [a, b]`) are never compared. Each repeat is reported once, at its own
// mark, so a key written three times gives two E102 diagnostics.
void CheckDuplicateKeys(const DocNode& map, const SourceFile& file,
                        std::vector<Diagnostic>& diags) {
  size_t n = map.size();
  if (n < 2) return;
  auto report = [&](const DocNode& key) {
    diags.push_back({Severity::kError, "E102", file.At(key.Mark().line + 1, key.Mark().column + 1),
                     "duplicate key `" + key.Scalar() + "`"});
  };
  if (n <= 16) {  // the common case (a manifest line, a rule): no allocation
    for (size_t i = 1; i < n; ++i) {
      const DocNode& k = map.Key(i);
      if (!k.IsScalar()) continue;
      for (size_t j = 0; j < i; ++j) {
        if (map.Key(j).IsScalar() && map.Key(j).Scalar() == k.Scalar()) {
          report(k);
          break;
        }
      }
    }
    return;
  }
  // Large maps: sort the key indices by text (stable, so the first occurrence comes first).
  std::vector<size_t> order;
  for (size_t i = 0; i < n; ++i) {
    if (map.Key(i).IsScalar()) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return map.Key(a).Scalar() < map.Key(b).Scalar(); });
  for (size_t i = 1; i < order.size(); ++i) {
    if (map.Key(order[i]).Scalar() == map.Key(order[i - 1]).Scalar()) report(map.Key(order[i]));
  }
}

// NUL bytes are refused first (E101): a file holding one is not UTF-8 text (often UTF-16), and
// no parser should guess at it. JSON is tried only when the text looks like it; a JSON
// document that parses but has duplicate keys returns false with those E102s (the YAML
// parser is not tried then).
bool ParseDocument(const SourceFile& file, DocNode& root, std::vector<Diagnostic>& diags,
                   const DocLimits& limits) {
  const std::string& text = file.text();
  if (text.find('\0') != std::string::npos) {
    diags.push_back(
        {Severity::kError, "E101", file.At(1, 1), "file contains a NUL byte; expected UTF-8 text"});
    return false;
  }
  // JSON's own whitespace only, after a UTF-8 byte-order mark (which both parsers skip).
  size_t first = text.find_first_not_of(" \t\r\n", text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0);
  if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
    size_t before = diags.size();
    if (ParseJson(file, root, diags)) return diags.size() == before;
    root = DocNode();  // not JSON after all (e.g. YAML flow style): read it as YAML
  }
  return ParseYaml(file, root, diags, limits);
}

}  // namespace chipgate
