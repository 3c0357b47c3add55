// Compiler: validated Pack -> Program. Runs as an ordered table of named stages (attributes,
// classes, rules, exceptions, parties, epochs); each stage reads the AST and fills one part of
// the Program. Requires a pack that validated without errors.
#pragma once

#include <memory>

#include "ast/pack.h"
#include "compile/program.h"
#include "validate/validator.h"

namespace chipgate {

std::shared_ptr<const Program> Compile(const Pack& pack, const CheckedPack& checked);

// Party-name normalisation shared by the compiler (list side) and the evaluator (query side):
// case-folded, accents and punctuation removed, legal-form suffixes dropped, words sorted.
std::string NormalizePartyName(std::string_view name);

}  // namespace chipgate
