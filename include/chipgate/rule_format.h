// Formatting rule files: the one canonical layout of rule packs, their rule-test files and
// company packs (`chipgate fmt`, docs/cli.md). Keys in a fixed order per kind of entry, 2-space
// indentation, one quoting style, comments kept with the entry they precede or end the line of.
// The formatted text always reads back as exactly the same values and comments: the formatter
// checks that itself and refuses the file otherwise, so formatting never changes a decision.
#pragma once

#include <string>
#include <vector>

#include "chipgate/diagnostic.h"

namespace chipgate {

// Formats the YAML `text` of the file `path` (the path names it in diagnostics only). Returns
// true with the canonical text in `formatted` (equal to `text` when it is formatted already), or
// false with diagnostics: E101 (YAML syntax), E102 (a duplicate key), E107 (aliases over the
// limit), E108 (YAML the formatter does not lay out: tags, several documents, `?` keys,
// comments inside flow collections, ...). Thread-compatible; no file access.
bool FormatRuleFile(const std::string& path, const std::string& text, std::string& formatted,
                    std::vector<Diagnostic>& diags);

}  // namespace chipgate
