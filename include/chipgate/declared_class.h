// A part's declared classification (its catalogue ECCN) against the class the pack computes from
// its technical data: the one comparison `chipgate audit` reports findings from and `chipgate
// parts` shows, so both always agree (docs/inventory-audit.md, "Misclassified parts").
#pragma once

#include <string>

#include "chipgate/engine.h"

namespace chipgate {

// The class a classification is reported as: its first class (a paragraph, `3A090.a`), else
// `uncontrolled` when it is complete, else `unclassifiable`.
std::string ComputedClassName(const Engine::Classification& cls);

// How the declaration compares. Declarations are compared only within the class families the
// pack marks controlled (Engine::IsControlled); elsewhere (`EAR99`, `5A992.c`) they are the
// exporter's business, not the pack's.
enum class DeclaredCheck {
  kAgrees,          // computed in a controlled family and declared exactly that paragraph
  kNotCompared,     // neither the computed class nor the declaration is in a controlled family
  kDiffers,         // computed in a controlled family, declared otherwise (or nothing)
  kOverDeclared,    // declared in a controlled family, but the data meets none of its classes
  kUnclassifiable,  // the class could not be decided (missing or invalid data)
};

// Compares `declared` (as the catalogue spells it: `ECCN 3a090a` reads as `3A090.a`) with `cls`.
DeclaredCheck CheckDeclared(const Engine& engine, const Engine::Classification& cls,
                            const std::string& declared);

// A declared ECCN in one spelling, for comparing declarations: `ECCN 3a090a` -> `3A090.a`,
// `ear 99` -> `EAR99`, "" -> "".
std::string CanonicalEccn(const std::string& declared);

// `agrees`, `not_compared`, `differs`, `over_declared`, `unclassifiable`.
const char* DeclaredCheckName(DeclaredCheck check);

}  // namespace chipgate
