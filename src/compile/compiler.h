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

}  // namespace chipgate
