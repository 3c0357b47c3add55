// The canonical encoding of the facts a decision was made from (docs/audit-log.md, "Facts
// digest"): what an auditor recomputes to tell which data each recorded decision used. Source
// locations are left out (where a value was written is not what it says).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "audit/canonical_json.h"
#include "base/sha256.h"
#include "chipgate/audit.h"

namespace chipgate {
namespace {

// Adding a field to these structs must add it to the encoding below (then update the sizes).
static_assert(sizeof(ItemFacts) == 216 && sizeof(ShipmentFacts) == 496 && sizeof(PartyFacts) == 184,
              "a fact was added or removed: encode it in CanonicalFactsJson and docs/audit-log.md");

void Key(std::string& out, const char* key) {
  if (out.back() != '{') out += ',';
  AppendJsonString(out, key);
  out += ':';
}

// Shortest text that reads back as the same double; non-finite values (never valid facts) as
// strings.
void Number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    AppendJsonString(out, std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
    return;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, ec == std::errc() ? end : buf);
}

void Party(std::string& out, const PartyFacts& p) {
  out += '{';
  Key(out, "country");
  AppendJsonString(out, p.country);
  Key(out, "headquarters");
  AppendJsonString(out, p.headquarters);
  Key(out, "name");
  AppendJsonString(out, p.name);
  Key(out, "parent_headquarters");
  AppendJsonString(out, p.parent_headquarters);
  out += '}';
}

void Shipment(std::string& out, const ShipmentFacts& s) {
  out += '{';
  Key(out, "consignee");
  Party(out, s.consignee);
  Key(out, "date");
  AppendJsonString(out, FormatDate(s.date));
  Key(out, "end_use");
  AppendJsonString(out, s.end_use);
  Key(out, "end_user");
  Party(out, s.end_user);
  Key(out, "id");
  AppendJsonString(out, s.id);
  out += '}';
}

const char* ContentsName(ContentsState c) {
  switch (c) {
    case ContentsState::kNotGiven:
      return "not_given";
    case ContentsState::kListed:
      return "listed";
    case ContentsState::kCyclic:
      return "cyclic";
    case ContentsState::kTooLarge:
      return "too_large";
  }
  return "not_given";
}

// A bill of materials is a DAG whose shared sub-assemblies are one object (`Components`), and a
// tree walk would visit a shared node once per path: 2^n times for n stacked diamonds. So an item
// is encoded with its components as the digests of their own encodings (a Merkle DAG), each
// distinct node encoded once per record (memoised by address). The digest depends only on the
// content, not on which nodes happen to be shared.
class ItemEncoder {
 public:
  void Item(std::string& out, const ItemFacts& item) {
    out += '{';
    Key(out, "bom_cycle");
    out += '[';
    for (size_t i = 0; i < item.bom_cycle.size(); ++i) {
      if (i) out += ',';
      AppendJsonString(out, item.bom_cycle[i]);
    }
    out += ']';
    Key(out, "components");
    out += '[';
    for (size_t i = 0; i < item.components.size(); ++i) {
      if (i) out += ',';
      AppendJsonString(out, Digest(item.components[i]));
    }
    out += ']';
    Key(out, "contents");
    AppendJsonString(out, ContentsName(item.contents));
    Key(out, "has_specs");
    out += item.has_specs ? "true" : "false";
    Key(out, "note");
    AppendJsonString(out, item.note);
    Key(out, "part");
    AppendJsonString(out, item.part);
    Key(out, "quantity");
    Number(out, item.quantity);
    Key(out, "specs");
    // By name (the order a source lists attributes in means nothing); typed database numbers as
    // numbers, values written in a manifest as the text written.
    std::vector<const std::pair<std::string, SpecValue>*> specs;
    for (const auto& s : item.specs) specs.push_back(&s);
    std::stable_sort(specs.begin(), specs.end(),
                     [](auto* a, auto* b) { return a->first < b->first; });
    out += '[';
    for (size_t i = 0; i < specs.size(); ++i) {
      if (i) out += ',';
      out += '{';
      Key(out, "name");
      AppendJsonString(out, specs[i]->first);
      if (specs[i]->second.number) {
        Key(out, "number");
        Number(out, *specs[i]->second.number);
      } else {
        Key(out, "text");
        AppendJsonString(out, specs[i]->second.text);
      }
      out += '}';
    }
    out += "]}";
  }

 private:
  const std::string& Digest(const ItemFacts& item) {
    auto it = memo_.find(&item);
    if (it != memo_.end()) return it->second;
    std::string text;
    Item(text, item);
    return memo_.emplace(&item, "sha256:" + Sha256Hex(text)).first->second;
  }

  std::unordered_map<const ItemFacts*, std::string> memo_;
};

}  // namespace

std::string CanonicalFactsJson(const DecisionFacts& f) {
  std::string out = "{";
  if (f.classified_on) {
    Key(out, "classified_on");
    AppendJsonString(out, FormatDate(*f.classified_on));
  }
  if (f.declared_eccn) {
    Key(out, "declared_eccn");
    AppendJsonString(out, *f.declared_eccn);
  }
  if (f.item) {
    Key(out, "item");
    ItemEncoder().Item(out, *f.item);
  }
  if (f.license) {
    Key(out, "license");
    AppendJsonString(out, *f.license);
  }
  if (f.shipment) {
    Key(out, "shipment");
    Shipment(out, *f.shipment);
  }
  out += '}';
  return out;
}

std::string FactsDigest(const DecisionFacts& facts) {
  return "sha256:" + Sha256Hex(CanonicalFactsJson(facts));
}

}  // namespace chipgate
