// FormatRuleFile (chipgate/rule_format.h): yaml-cpp reads the values (and reports syntax errors),
// the layout reader reads the comments and styles, the keys are put in order and the tree is
// printed. Then the printed text is read back both ways and must give the same values (mappings
// compared as sets of keys, since their order is what changed) and the same comments; anything
// else is refused, so a gap in the layout reader can only ever cost a refusal.
#include "chipgate/rule_format.h"

#include <algorithm>

#include "load/doc_node.h"
#include "load/key_order.h"
#include "load/layout_parser.h"
#include "load/layout_printer.h"

namespace chipgate {
namespace {

// Whether two trees hold the same values, mappings compared whatever the order of their keys.
bool SameValues(const DocNode& a, const DocNode& b) {
  if (a.kind() != b.kind() || a.size() != b.size()) return false;
  switch (a.kind()) {
    case DocNode::Kind::kNull:
      return true;
    case DocNode::Kind::kScalar:
      return a.Scalar() == b.Scalar();
    case DocNode::Kind::kSequence:
      for (size_t i = 0; i < a.size(); ++i) {
        if (!SameValues(a.children()[i], b.children()[i])) return false;
      }
      return true;
    case DocNode::Kind::kMap:
      for (size_t i = 0; i < a.size(); ++i) {
        bool found = false;
        for (size_t j = 0; j < b.size() && !found; ++j) {
          found = SameValues(a.Key(i), b.Key(j)) && SameValues(a.Value(i), b.Value(j));
        }
        if (!found) return false;
      }
      return true;
  }
  return false;
}

std::vector<std::string> SortedComments(const LayoutDocument& doc) {
  auto comments = LayoutComments(doc);
  std::sort(comments.begin(), comments.end());
  return comments;
}

}  // namespace

bool FormatRuleFile(const std::string& path, const std::string& text, std::string& formatted,
                    std::vector<Diagnostic>& diags) {
  SourceFile in(path, text);
  DocNode before;
  if (!ParseYaml(in, before, diags, DocLimits{})) return false;
  LayoutDocument layout;
  if (!ParseLayout(in, layout, diags)) return false;
  std::vector<std::string> comments = SortedComments(layout);
  OrderKeys(layout);
  std::string out = PrintLayout(layout);

  // The check: the printed text must parse, hold the same values (a key order changed is no
  // difference, any other change is) and hold the same comments, as a multiset (an entry moved
  // takes its comments with it, so their order may change).
  SourceFile printed(path, out);
  DocNode after;
  LayoutDocument relaid;
  std::vector<Diagnostic> ignored;  // the printed text's own problems are this check's failure
  if (!ParseYaml(printed, after, ignored, DocLimits{}) || !SameValues(before, after) ||
      !ParseLayout(printed, relaid, ignored) || SortedComments(relaid) != comments) {
    diags.push_back({Severity::kError, "E108", in.At(1, 1),
                     "cannot format: laid out canonically, the file would not read back as the "
                     "same values and comments (an alias before its anchor once keys are "
                     "reordered?); it is left as it is"});
    return false;
  }
  formatted = std::move(out);
  return true;
}

}  // namespace chipgate
