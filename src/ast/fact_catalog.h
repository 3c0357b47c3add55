// The shipment-level facts an expression may name besides item attributes (design section 3).
// The index of a fact in kFacts is its slot in the evaluator's fact array.
#pragma once

#include <array>
#include <string_view>

#include "ast/expr.h"

namespace chipgate {

struct FactInfo {
  std::string_view name;
  Type type;
};

enum FactId : int {
  kFactDate,
  kFactDestination,
  kFactEndUse,
  kFactQuantity,
  kFactConsigneeCountry,
  kFactConsigneeHq,
  kFactConsigneeParentHq,
  kFactEndUserCountry,
  kFactEndUserHq,
  kFactEndUserParentHq,
  kFactCount,
};

inline constexpr std::array<FactInfo, kFactCount> kFacts = {{
    {"date", Type::kDate},
    {"destination", Type::kCountry},
    {"end_use", Type::kString},
    {"quantity", Type::kNumber},
    {"consignee.country", Type::kCountry},
    {"consignee.headquarters", Type::kCountry},
    {"consignee.parent_headquarters", Type::kCountry},
    {"end_user.country", Type::kCountry},
    {"end_user.headquarters", Type::kCountry},
    {"end_user.parent_headquarters", Type::kCountry},
}};

inline int FindFact(std::string_view name) {
  for (int i = 0; i < kFactCount; ++i) {
    if (kFacts[i].name == name) return i;
  }
  return -1;
}

}  // namespace chipgate
