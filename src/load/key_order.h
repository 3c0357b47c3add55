// The canonical order of keys in rule files, per kind of mapping (`chipgate fmt`). A mapping's
// kind comes from where it is: a file with a top-level `tests` key is a rule-test file
// (docs/rule-tests.md), any other a rule file (docs/rule-language.md); below the top, each
// section's entries and each field's mapping have their own kind. Each kind lists its keys in
// the order of its field table in those documents (`id` or `name` first). Keys a kind does not
// list (and the keys of data mappings such as `specs`) keep their order, after the listed ones.
// The sections of a rule file (its top-level keys) keep the order they are written in.
#pragma once

#include "load/layout_tree.h"

namespace chipgate {

// Reorders every mapping of `doc` whose kind is known (a stable sort: keys not listed keep
// their relative order) and marks the values of expression fields (`when`, `derived`).
void OrderKeys(LayoutDocument& doc);

}  // namespace chipgate
