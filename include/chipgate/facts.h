// Facts a decision is made from: the shipment (date, parties, end use) and the item on a line
// (technical attributes as written by the user, components). Attribute values are kept as text
// with their source location; the Engine types them against the pack's attribute declarations
// and reports bad values as diagnostics at that location.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chipgate/date.h"
#include "chipgate/diagnostic.h"

namespace chipgate {

struct SpecValue {
  std::string text;
  SourceLoc loc;
  // Set by typed sources (the inventory database): the value is this number (1/0 for a flag)
  // and `text` is unused, so no number goes through text and back. Checked like text values.
  std::optional<double> number;

  std::string Text() const;  // `text`, or `number` written as the shortest round-trip text
};

struct ItemFacts {
  std::string part;
  SourceLoc loc;
  double quantity = 1;
  bool has_specs = false;  // false: no technical data was given for this item at all
  std::string note;        // why there is no data (e.g. "not found in the inventory database")
  std::vector<std::pair<std::string, SpecValue>> specs;
  std::vector<ItemFacts> components;

  // Programmatic helpers for library users (no source location).
  ItemFacts& Set(const std::string& name, const std::string& text);
  ItemFacts& Set(const std::string& name, double number);
  ItemFacts& Set(const std::string& name, const char* text) { return Set(name, std::string(text)); }
  ItemFacts& Set(const std::string& name, bool flag);
};

struct PartyFacts {
  std::string name;
  std::string country;              // ISO 3166-1 alpha-2; empty = unknown
  std::string headquarters;         // country of the headquarters; empty = unknown
  std::string parent_headquarters;  // country of the ultimate parent's headquarters
  SourceLoc loc;
};

struct ShipmentFacts {
  std::string id;
  Date date;
  PartyFacts consignee;
  PartyFacts end_user;  // the destination is the end user's country
  std::string end_use;
  SourceLoc loc;
};

}  // namespace chipgate
