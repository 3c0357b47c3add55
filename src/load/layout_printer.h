// Printing a layout tree in the canonical layout of rule files (`chipgate fmt`):
// - block collections indented by 2 spaces per level, a sequence under its key, a mapping that
//   is a sequence entry starting on the entry's `- ` line;
// - flow collections on one line as `[a, b]` and `{k: v}`; a flow sequence that would pass column
//   100 is wrapped after a comma, its continuation lines aligned after the `[`;
// - plain scalars as written (folded onto one line); quoted scalars in double quotes, or in
//   single quotes when the value holds `"` or `\` (so that nothing needs an escape), escapes only
//   for control characters; expression values (`when`, `derived`) quoted even when written plain;
// - block scalars (`|`, `>`) with their header and their lines re-indented under the key;
// - comments kept where they were: before their entry at its indentation, at the end of its
//   line after one space, or after the last entry of a collection; at most one blank line in a
//   row, none at the start of a collection, and one between the top-level keys.
#pragma once

#include <string>

#include "load/layout_tree.h"

namespace chipgate {

std::string PrintLayout(const LayoutDocument& doc);

// A scalar value in the canonical quotes (exposed for tests).
std::string QuoteScalar(const std::string& value);

}  // namespace chipgate
