// Resolved facts: items and shipments typed against a Program's slots, ready to evaluate.
// Built once per manifest line / shipment (see engine/resolver), then decided as often as needed.
#pragma once

#include <string>
#include <vector>

#include "ast/fact_catalog.h"
#include "compile/program.h"

namespace chipgate {

struct ResolvedItemData {
  std::string part;
  bool has_data = false;  // false: nothing at all is known about this item
  std::string note;       // why, when known
  double quantity = 1;
  std::vector<RtValue> slots;  // one per attribute; derived ones computed
  uint64_t present = 0;        // bit i set when slot i is known
  std::vector<ResolvedItemData> children;
};

struct PartyHit {
  int party = -1;
  const char* role = "";     // "consignee" or "end user"
  std::string name;          // the screened name as written
  double score = 1;          // PartyNameSimilarity; 1 for exact matches
  bool exact = true;         // false: a possible match, decided as `review`
  std::string matched_name;  // the party's name or alias it matched, as written
};

struct ResolvedShipmentData {
  Date date;
  int epoch = 0;
  RtValue facts[kFactCount];
  uint32_t fact_present = 0;
  std::vector<PartyHit> hits;
};

}  // namespace chipgate
