// Reading located documents: YamlContext parses a file into a DocNode tree (YAML or JSON, see
// doc_node.h; yaml-cpp itself is used only in doc_yaml.cc), and MapReader reads typed fields of
// one mapping with file:line:col diagnostics for wrong types, unknown fields and missing
// required fields. No parser exception escapes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ast/expr.h"
#include "base/source_file.h"
#include "chipgate/date.h"
#include "chipgate/diagnostic.h"
#include "load/doc_node.h"

namespace chipgate {

// Per-file state shared by the readers: the source text and the diagnostic list.
class YamlContext {
 public:
  YamlContext(const SourceFile& file, std::vector<Diagnostic>& diags)
      : file_(file), diags_(diags) {}

  // Parses the file's first document. On a syntax error, a duplicate key, an alias budget
  // exceeded, text that is not UTF-8 (E101 at the first bad byte, naming its field) or a value
  // longer than 1 MiB (E107), reports it and returns nullopt.
  std::optional<DocNode> Parse(const DocLimits& limits = {});

  SourceLoc Loc(const DocMark& mark) const;
  // Location of the first character of a scalar's content (after a quote or block indicator).
  SourceLoc ContentLoc(const DocNode& scalar) const;
  // (line, col) of each byte of a scalar's value when it is not a verbatim copy of one stretch
  // of a line (see ExprSource::positions); `start` is its ContentLoc.
  std::vector<std::pair<int, int>> ContentPositions(const DocNode& scalar,
                                                    const SourceLoc& start) const;
  void Error(const std::string& code, const SourceLoc& loc, std::string message);
  const std::string& path() const { return file_.path(); }
  std::vector<Diagnostic>& diags() { return diags_; }

 private:
  void ReportInvalidUtf8(size_t offset, const DocLimits& limits);

  const SourceFile& file_;
  std::vector<Diagnostic>& diags_;
};

std::string NodeKindName(const DocNode& n);

// The start every bounded document of a request shares (a manifest, a screening request; `what`
// names it in messages). TextWithinLimit: a text over `max_bytes` is E107 with no line, reported
// before anything is parsed, so a huge text is never parsed. ParseNonEmpty: the document, or
// nullopt after a parse error or, for an empty document (only comments), E105 "`what` is empty",
// which would otherwise fail later as "expected a mapping".
bool TextWithinLimit(const std::string& path, size_t size, size_t max_bytes,
                     const std::string& what, std::vector<Diagnostic>& diags);
std::optional<DocNode> ParseNonEmpty(YamlContext& ctx, const SourceFile& file,
                                     const std::string& what);

// Reads the fields of one mapping. Every accessor marks the key as known; Finish() reports the
// keys nobody asked for as unknown fields (E104).
class MapReader {
 public:
  // `what` names the entry in messages, e.g. "class `3A090.a`".
  MapReader(YamlContext& ctx, const DocNode& map, std::string what);

  bool ok() const { return ok_; }
  const std::string& what() const { return what_; }
  SourceLoc loc() const { return loc_; }

  // Null when absent; reports E105 when required and absent.
  const DocNode* Field(const std::string& key, bool required = false);
  SourceLoc KeyLoc(const std::string& key) const;

  std::optional<std::string> String(const std::string& key, bool required = false);
  std::optional<bool> Bool(const std::string& key);
  std::optional<double> Number(const std::string& key, bool required = false);
  std::optional<Date> DateField(const std::string& key, bool required = false);
  // A list of scalars, or a single scalar taken as a one-element list.
  std::optional<std::vector<std::string>> StringList(const std::string& key, bool required = false);
  // Reads an expression scalar with its location and parses it.
  void Expression(const std::string& key, ExprSource& out, bool required = false);
  // Calls `fn` for each element of a sequence field; reports E103 if it is not a sequence.
  void Each(const std::string& key, const std::function<void(const DocNode&)>& fn,
            bool required = false);

  void Finish();

 private:
  struct Entry {
    const std::string* key;
    DocMark mark;
    const DocNode* value;  // in the tree, which outlives the reader
    bool used = false;
  };
  Entry* Find(const std::string& key);
  bool ScalarText(const Entry& e, std::string& out);

  YamlContext& ctx_;
  std::string what_;
  SourceLoc loc_;
  std::vector<Entry> entries_;
  std::vector<std::string> asked_;
  bool ok_ = true;
};

}  // namespace chipgate
