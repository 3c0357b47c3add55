// DocNode: the located document tree every loader reads (rule packs, manifests, rule tests).
// Built from yaml-cpp's parser events (doc_yaml.cc) or, for JSON text, by a JSON parser
// (doc_json.cc); both give the same tree for the same JSON document. Building it, not walking
// it afterwards, is where duplicate keys are found and where aliases are expanded against a
// budget, so a hostile document (an "alias bomb") cannot make any later walk exponential.
// Owning plain values: a node is its kind, its mark, its scalar text and its children.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "chipgate/diagnostic.h"

namespace chipgate {

// Where a node starts: byte offset, 0-based line and column (as yaml-cpp's Mark).
struct DocMark {
  int pos = -1, line = -1, column = -1;
  bool is_null() const { return pos < 0; }
};

class DocNode {
 public:
  enum class Kind : uint8_t { kNull, kScalar, kSequence, kMap };

  DocNode() = default;
  DocNode(Kind kind, DocMark mark) : kind_(kind), mark_(mark) {}

  Kind kind() const { return kind_; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsScalar() const { return kind_ == Kind::kScalar; }
  bool IsSequence() const { return kind_ == Kind::kSequence; }
  bool IsMap() const { return kind_ == Kind::kMap; }
  const DocMark& Mark() const { return mark_; }
  const std::string& Scalar() const { return scalar_; }

  // Sequences: the elements. Maps: keys and values alternate (key 0, value 0, key 1, ...);
  // use size()/Key(i)/Value(i) or Get(key).
  const std::vector<DocNode>& children() const { return children_; }
  size_t size() const { return kind_ == Kind::kMap ? children_.size() / 2 : children_.size(); }
  const DocNode& Key(size_t i) const { return children_[2 * i]; }
  const DocNode& Value(size_t i) const { return children_[2 * i + 1]; }
  // The value of the first entry whose key is the scalar `key`; nullptr when there is none.
  const DocNode* Get(const std::string& key) const;

  // Sequences only: range-for over the elements.
  std::vector<DocNode>::const_iterator begin() const { return children_.begin(); }
  std::vector<DocNode>::const_iterator end() const { return children_.end(); }

  // Building (the two builders only).
  void set_scalar(std::string text) { scalar_ = std::move(text); }
  std::vector<DocNode>& mutable_children() { return children_; }
  size_t CountNodes() const;  // this node and all below it

 private:
  Kind kind_ = Kind::kNull;
  DocMark mark_;
  std::string scalar_;
  std::vector<DocNode> children_;
};

// Limits on building a tree from untrusted text.
struct DocLimits {
  // Nodes that alias expansion may add in all. Aliases in real packs and manifests name a short
  // list a few times; a document whose aliases expand past this is refused (E107).
  size_t max_alias_nodes = 100'000;
};

// Parses `file` into a tree. JSON text (first non-blank character `{` or `[`, and the whole
// text valid JSON) takes the JSON parser; anything else, or JSON that does not parse, is read
// as YAML. On a syntax error, a duplicate key (E102) or an exceeded limit (E107) it reports the
// diagnostics with the file's locations and returns false. The first document only.
bool ParseDocument(const SourceFile& file, DocNode& root, std::vector<Diagnostic>& diags,
                   const DocLimits& limits = {});

// The two builders behind ParseDocument (exposed for tests). ParseJson returns false without
// diagnostics when the text is not JSON (ParseDocument then reads it as YAML).
bool ParseYaml(const SourceFile& file, DocNode& root, std::vector<Diagnostic>& diags,
               const DocLimits& limits);
// `stop`, when given, receives where reading stopped on text that is not JSON (approximately the
// first byte that is not JSON: the list reader points at it).
bool ParseJson(const SourceFile& file, DocNode& root, std::vector<Diagnostic>& diags,
               DocMark* stop = nullptr);

// Reports each repeated scalar key of `map` as E102 at its second occurrence (builders call it
// when a mapping is complete).
void CheckDuplicateKeys(const DocNode& map, const SourceFile& file, std::vector<Diagnostic>& diags);

}  // namespace chipgate
