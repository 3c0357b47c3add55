// The YAML builder: yaml-cpp's parser events straight into a DocNode tree (no YAML::Node, whose
// shared, reference-counted nodes were most of the cost of reading a large manifest). Aliases
// are copied from their anchors, counting the nodes they add against DocLimits.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>
#include <unordered_map>

#include "load/doc_node.h"

namespace chipgate {
namespace {

// Thrown from the handler to stop parsing a hostile document; caught in ParseYaml.
struct Abort {
  std::string code;
  YAML::Mark mark;
  std::string message;
};

DocMark ToMark(const YAML::Mark& m) { return {m.pos, m.line, m.column}; }

class Builder : public YAML::EventHandler {
 public:
  Builder(const SourceFile& file, std::vector<Diagnostic>& diags, const DocLimits& limits)
      : file_(file), diags_(diags), limits_(limits) {}

  DocNode& root() { return root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Add(DocNode(DocNode::Kind::kNull, ToMark(mark)), anchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    DocNode n(DocNode::Kind::kScalar, ToMark(mark));
    n.set_scalar(value);
    Add(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {  // an anchor still open: a document that contains itself
      throw Abort{"E101", mark, "yaml syntax: an alias refers to a node that contains it"};
    }
    alias_nodes_ += it->second.nodes;
    if (alias_nodes_ > limits_.max_alias_nodes) {
      throw Abort{"E107", mark,
                  "aliases expand to more than " + std::to_string(limits_.max_alias_nodes) +
                      " nodes; write the repeated content out or reduce it"};
    }
    Add(DocNode(it->second.node), 0);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_.push_back({DocNode(DocNode::Kind::kSequence, ToMark(mark)), anchor});
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open_.push_back({DocNode(DocNode::Kind::kMap, ToMark(mark)), anchor});
  }
  void OnMapEnd() override {
    CheckDuplicateKeys(open_.back().node, file_, diags_);
    Close();
  }

 private:
  struct Open {
    DocNode node;
    YAML::anchor_t anchor;
  };
  struct Anchored {
    DocNode node;
    size_t nodes;
  };

  void Close() {
    Open top = std::move(open_.back());
    open_.pop_back();
    Add(std::move(top.node), top.anchor);
  }

  void Add(DocNode n, YAML::anchor_t anchor) {
    if (anchor != 0) {
      size_t count = n.CountNodes();
      anchors_.insert_or_assign(anchor, Anchored{n, count});
    }
    if (open_.empty()) {
      root_ = std::move(n);
    } else {
      open_.back().node.mutable_children().push_back(std::move(n));
    }
  }

  const SourceFile& file_;
  std::vector<Diagnostic>& diags_;
  const DocLimits& limits_;
  DocNode root_;
  std::vector<Open> open_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  size_t alias_nodes_ = 0;
};

SourceLoc Loc(const SourceFile& file, const YAML::Mark& mark) {
  if (mark.is_null()) return file.At(1, 1);
  return file.At(mark.line + 1, mark.column + 1);
}

}  // namespace

bool ParseYaml(const SourceFile& file, DocNode& root, std::vector<Diagnostic>& diags,
               const DocLimits& limits) {
  size_t before = diags.size();
  try {
    std::istringstream in(file.text());
    YAML::Parser parser(in);
    Builder builder(file, diags, limits);
    parser.HandleNextDocument(builder);  // the first document only, as YAML::Load
    root = std::move(builder.root());
  } catch (const Abort& a) {
    diags.push_back({Severity::kError, a.code, Loc(file, a.mark), a.message});
  } catch (const YAML::Exception& e) {
    std::string msg = e.msg;
    if (msg == "bad file") msg = "document nested too deeply";  // yaml-cpp's DeepRecursion text
    diags.push_back({Severity::kError, "E101", Loc(file, e.mark), "yaml syntax: " + msg});
  } catch (const std::exception& e) {
    diags.push_back(
        {Severity::kError, "E101", file.At(1, 1), std::string("yaml syntax: ") + e.what()});
  }
  return diags.size() == before;
}

}  // namespace chipgate
