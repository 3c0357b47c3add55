// The layout tree of a rule file: what `chipgate fmt` reads and rewrites. Unlike DocNode (the
// loaders' tree, which has values only), it keeps what a person wrote around the values: the
// comments and blank lines before each entry, the comment at the end of an entry's line, the
// scalar style (plain, quoted, block), flow or block collections, anchors and aliases by name.
// layout_parser.h builds it, key_order.h reorders it, layout_printer.h prints it.
#pragma once

#include <string>
#include <vector>

namespace chipgate {

struct LayoutEntry;

struct LayoutNode {
  enum class Kind { kNull, kPlain, kQuoted, kBlockScalar, kAlias, kMap, kSeq };

  Kind kind = Kind::kNull;
  bool flow = false;   // a map or sequence written in flow style (`{...}`, `[...]`)
  std::string anchor;  // the anchor's name without `&`; empty when none
  // kPlain, kQuoted: the value (escapes decoded, line breaks folded). kAlias: the anchor name.
  // kBlockScalar: the header indicator as written (`|`, `>-`, ...).
  std::string text;
  // kBlockScalar: the content lines with the content indentation removed ("" for a blank line).
  std::vector<std::string> block_lines;
  // kMap, kSeq: the entries in order (for a map, key and value; for a sequence, the value).
  std::vector<LayoutEntry> entries;
  // Block collections: comment and blank lines after the last entry that are indented as far
  // as the collection (so belong to its end). Comment lines start with `#`; "" is a blank line.
  std::vector<std::string> trailing;
  // The value of an expression field (`when`, `derived`): printed quoted (key_order.h sets it).
  bool expression = false;
  int line = 0, column = 0;  // where the node starts, 1-based (for messages)
};

struct LayoutEntry {
  // Comment lines (starting with `#`) and blank lines ("", never two in a row) before the entry.
  std::vector<std::string> leading;
  LayoutNode key;  // maps only: a kPlain or kQuoted scalar
  LayoutNode value;
  std::string comment;  // the comment ending the entry's first line, from `#`; empty when none
};

// A parsed file: the comment and blank lines at its start that belong to no entry (the file's
// header, separated from the first entry by a blank line), the root node, and what follows it.
struct LayoutDocument {
  std::vector<std::string> header;
  LayoutNode root;
  std::vector<std::string> footer;
};

}  // namespace chipgate
