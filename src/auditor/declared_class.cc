// The declared-against-computed comparison of chipgate/declared_class.h: the audit's
// misclassification findings and `chipgate parts` both read it.
#include "chipgate/declared_class.h"

#include "base/eccn.h"

namespace chipgate {

std::string ComputedClassName(const Engine::Classification& cls) {
  if (!cls.classes.empty()) return std::string(cls.classes.front());
  return cls.complete ? "uncontrolled" : "unclassifiable";
}

DeclaredCheck CheckDeclared(const Engine& engine, const Engine::Classification& cls,
                            const std::string& declared) {
  if (!cls.complete) return DeclaredCheck::kUnclassifiable;
  const std::string computed = ComputedClassName(cls);
  const std::string norm = NormalizeEccn(declared);
  if (engine.IsControlled(computed))
    return norm == computed ? DeclaredCheck::kAgrees : DeclaredCheck::kDiffers;
  return engine.IsControlled(norm) ? DeclaredCheck::kOverDeclared : DeclaredCheck::kNotCompared;
}

std::string CanonicalEccn(const std::string& declared) { return NormalizeEccn(declared); }

const char* DeclaredCheckName(DeclaredCheck check) {
  switch (check) {
    case DeclaredCheck::kAgrees:
      return "agrees";
    case DeclaredCheck::kNotCompared:
      return "not_compared";
    case DeclaredCheck::kDiffers:
      return "differs";
    case DeclaredCheck::kOverDeclared:
      return "over_declared";
    case DeclaredCheck::kUnclassifiable:
      return "unclassifiable";
  }
  return "unclassifiable";
}

}  // namespace chipgate
