// The YAML builder: yaml-cpp's parser events straight into a DocNode tree (no YAML::Node, whose
// shared, reference-counted nodes were most of the cost of reading a large manifest). Aliases
// are copied from their anchors, counting the nodes they add against DocLimits.
// Contract: ParseYaml reads the first YAML document of the file into `root` and returns true, or
// appends its diagnostics and returns false. No yaml-cpp exception escapes. Errors:
// - E101: syntax errors (yaml-cpp's message and mark), nesting too deep, an alias of a node
//   that contains it;
// - E102: a repeated key in one mapping (reported, parsing goes on, the result is false);
// - E107: aliases that would add more than DocLimits::max_alias_nodes nodes in all.
// Tags are ignored: `!!str 1` and `1` give the same scalar, and scalars keep yaml-cpp's text.
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
// An exception is the only way out of yaml-cpp's event loop, and partial trees are of no use.
struct Abort {
  std::string code;
  YAML::Mark mark;
  std::string message;
};

DocMark ToMark(const YAML::Mark& m) { return {m.pos, m.line, m.column}; }

// Builds the tree from yaml-cpp's events. `open_` is the stack of collections started but not
// ended; a finished node (scalar, null, alias copy or closed collection) is appended to the
// innermost open one, or becomes the root when none is open. Anchored nodes are copied when they
// are finished, so an alias to them is a plain copy of an already-built subtree.
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

  // An alias is a deep copy of its anchor's node. Every copy counts that node's size against one
  // budget for the whole document, so the nested-alias "billion laughs" (each level doubling the
  // one below) is stopped after max_alias_nodes nodes instead of exhausting memory.
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
  // Checked when the mapping is complete, so E102 lands on the second occurrence. A mapping that
  // merges with `<<` is not special: `<<` is an ordinary key here.
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

  // yaml-cpp numbers anchors from 1 (0 means none) and gives a redefined anchor name a new id,
  // so insert_or_assign only ever inserts. The anchor's copy itself is not counted against the
  // alias budget: each anchored node is copied once, so the cost is the tree's size times the
  // number of anchors nested around a node.
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

// yaml-cpp marks are 0-based; diagnostics are 1-based. Some yaml-cpp errors carry no mark.
SourceLoc Loc(const SourceFile& file, const YAML::Mark& mark) {
  if (mark.is_null()) return file.At(1, 1);
  return file.At(mark.line + 1, mark.column + 1);
}

}  // namespace

// The result is false whenever any diagnostic was added, including E102s found while the rest
// of the document parsed; `root` is then left as it was on an exception, or set on E102.
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
    // Anything else (e.g. std::bad_alloc on a huge document) is still a refusal, never a crash.
  } catch (const std::exception& e) {
    diags.push_back(
        {Severity::kError, "E101", file.At(1, 1), std::string("yaml syntax: ") + e.what()});
  }
  return diags.size() == before;
}

}  // namespace chipgate
