// Reading a rule file into its layout tree (layout_tree.h), comments included, for `chipgate
// fmt`. It reads the YAML that rule files use: block mappings and sequences, flow collections,
// plain, quoted and block (`|`, `>`) scalars, anchors and aliases, comments. Anything else (tags,
// several documents, `?` keys, comments inside a flow collection, a `+` chomping or explicit
// indentation indicator, an anchor on a key) is refused with E108 at its location, never dropped.
// It assumes the text has already been parsed successfully by yaml-cpp (ParseYaml), which
// reports the syntax errors; what it reads is checked against that parse afterwards
// (rule_format.cc), so a misreading here cannot change a file.
#pragma once

#include <string>
#include <vector>

#include "base/source_file.h"
#include "chipgate/diagnostic.h"
#include "load/layout_tree.h"

namespace chipgate {

// Reads `file` into `doc`; on a construct it does not lay out, appends one E108 diagnostic and
// returns false.
bool ParseLayout(const SourceFile& file, LayoutDocument& doc, std::vector<Diagnostic>& diags);

// Every comment line of `doc` (from `#`, as written), in tree order: the header, each entry's
// leading comments, its end-of-line comment, its value's comments, the trailing comments of
// collections and the footer.
std::vector<std::string> LayoutComments(const LayoutDocument& doc);

}  // namespace chipgate
