// The shipment-level facts an expression may name besides item attributes
// (docs/rule-language.md). The index of a fact in kFacts is its slot in the evaluator's fact
// array; the checker resolves names with FindFact, the compiler emits the index.
#pragma once

#include <array>
#include <string_view>

#include "ast/expr.h"
#include "base/string_key.h"

namespace chipgate {

struct FactInfo {
  std::string_view name;
  Type type;
  // Strings only: how the fact is compared with literals (base/string_key.h). `end_use` holds a
  // declared end use's id after its spelling was resolved, so it compares exactly.
  StringKeyKind key = StringKeyKind::kExact;
};

// Slot numbers, in kFacts order. A plain enum: the ids index arrays and fill bit masks
// (Code::fact_refs is a 32-bit mask, so there may be at most 32 facts).
enum FactId : int {
  kFactDate,
  kFactDestination,  // the end user's country (the country the item goes to)
  kFactEndUse,       // the declared end use's id after resolving spellings; unknown when none
  kFactQuantity,     // the only per-line fact: Op::kQuantity reads it from the line, not the slots
  kFactConsigneeCountry,
  kFactConsigneeHq,
  kFactConsigneeParentHq,
  kFactEndUserCountry,
  kFactEndUserHq,
  kFactEndUserParentHq,
  // Who the parties are, for rules that name a customer (a company's own holds). Names compare
  // by NameKey, ids (the customer-master id, PartyFacts::id) by IdKey.
  kFactConsigneeName,
  kFactConsigneeId,
  kFactEndUserName,
  kFactEndUserId,
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
    {"consignee.name", Type::kString, StringKeyKind::kName},
    {"consignee.id", Type::kString, StringKeyKind::kId},
    {"end_user.name", Type::kString, StringKeyKind::kName},
    {"end_user.id", Type::kString, StringKeyKind::kId},
}};

// The slot of the fact spelt `name`, or -1 (a linear scan over a few names, used only when
// checking).
inline int FindFact(std::string_view name) {
  for (int i = 0; i < kFactCount; ++i) {
    if (kFacts[i].name == name) return i;
  }
  return -1;
}

}  // namespace chipgate
