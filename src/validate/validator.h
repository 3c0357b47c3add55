// Validation: name resolution, type checking of expressions, duplicate ids, cycles among
// derived attributes and classes, effective-date sanity, country codes, and lint warnings
// (rules that can never fire, shadowed rules). Annotates the AST's expression nodes in place.
#pragma once

#include <vector>

#include "ast/pack.h"

namespace chipgate {

// What later stages need besides the annotated AST.
struct CheckedPack {
  std::vector<int> derived_order;  // derived attribute indices, dependencies first
  std::vector<int> class_order;    // class indices, is()-dependencies first
};

// Appends diagnostics (errors and warnings). The result is meaningful only without errors.
CheckedPack Validate(Pack& pack, std::vector<Diagnostic>& diags);

// Lint only: warnings about entries that can never apply or are shadowed. Called by Validate.
void Lint(const Pack& pack, std::vector<Diagnostic>& diags);

}  // namespace chipgate
