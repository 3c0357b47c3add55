// libFuzzer target: the rule-expression lexer and parser (and the canonical printer).
#include <cstddef>
#include <cstdint>
#include <string>

#include "ast/expr.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  chipgate::ExprSource src;
  src.text.assign(reinterpret_cast<const char*>(data), size);
  std::vector<chipgate::Diagnostic> diags;
  chipgate::ParseExpr(src, diags);
  if (src.root) (void)chipgate::PrintExpr(*src.root);
  return 0;
}
