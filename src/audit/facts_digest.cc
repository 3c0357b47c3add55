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
// A tripwire, not a layout promise: a toolchain with other sizes fails here too, and may update
// them only after checking that no fact was added. Where facts came from (SpecValue::source,
// ShipmentFacts::sources) is left out, like source locations: it is not what the facts say.
static_assert(sizeof(ItemFacts) == 216 && sizeof(ShipmentFacts) == 784 && sizeof(PartyFacts) == 304,
              "a fact was added or removed: encode it in CanonicalFactsJson and docs/audit-log.md");

// Appends `"key":`, with a comma unless it is the first key of the open object (`out` is never
// empty here: every object starts with `{`).
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
  // 64 characters hold any shortest double, so to_chars does not fail here; -0 is written `-0`,
  // distinct from 0.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, ec == std::errc() ? end : buf);
}

// `{country, headquarters, name, parent_headquarters}`, all four always present (empty when not
// given), so an absent value and an empty one are the same fact; `id`, `parent_name` and
// `owners` (`{links: [{owned, owner, share}], nodes: [{country, id, name}]}`, present exactly when
// the ownership is given) only when known, so the digest of a party without them is unchanged.
void Party(std::string& out, const PartyFacts& p) {
  out += '{';
  Key(out, "country");
  AppendJsonString(out, p.country);
  Key(out, "headquarters");
  AppendJsonString(out, p.headquarters);
  if (!p.id.empty()) {
    Key(out, "id");
    AppendJsonString(out, p.id);
  }
  Key(out, "name");
  AppendJsonString(out, p.name);
  if (p.ownership == OwnershipState::kGiven) {
    Key(out, "owners");
    out += "{\"links\":[";
    for (size_t i = 0; i < p.owners.links.size(); ++i) {
      const OwnershipGraph::Link& l = p.owners.links[i];
      out += i ? ",{" : "{";
      Key(out, "owned");
      Number(out, l.owned);
      Key(out, "owner");
      Number(out, l.owner);
      Key(out, "share");
      Number(out, l.share);
      out += '}';
    }
    out += "],\"nodes\":[";
    for (size_t i = 0; i < p.owners.nodes.size(); ++i) {
      const OwnershipGraph::Node& n = p.owners.nodes[i];
      out += i ? ",{" : "{";
      Key(out, "country");
      AppendJsonString(out, n.country);
      Key(out, "id");
      AppendJsonString(out, n.id);
      Key(out, "name");
      AppendJsonString(out, n.name);
      out += '}';
    }
    out += "]}";
  }
  Key(out, "parent_headquarters");
  AppendJsonString(out, p.parent_headquarters);
  if (!p.parent_name.empty()) {
    Key(out, "parent_name");
    AppendJsonString(out, p.parent_name);
  }
  out += '}';
}

// `{conflicts, consignee, date, end_use, end_user, id}` (`conflicts` only when there are some). The
// date is the one decided under (after
// `--date`), as YYYY-MM-DD.
void Shipment(std::string& out, const ShipmentFacts& s) {
  out += '{';
  if (!s.conflicts.empty()) {  // left out when none, so older facts keep their digest
    Key(out, "conflicts");
    out += '[';
    for (size_t i = 0; i < s.conflicts.size(); ++i) {
      const FactConflict& c = s.conflicts[i];
      out += i ? ",{" : "{";
      Key(out, "fact");
      AppendJsonString(out, c.fact);
      for (const FactConflict::Claim* claim : {&c.first, &c.second}) {
        Key(out, claim == &c.first ? "first" : "second");
        out += '{';
        Key(out, "source");
        AppendJsonString(out, claim->source);
        Key(out, "value");
        AppendJsonString(out, claim->value);
        out += '}';
      }
      out += '}';
    }
    out += ']';
  }
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

// A bill of materials is a DAG whose shared sub-assemblies are one object (`Components`), and a
// tree walk would visit a shared node once per path: 2^n times for n stacked diamonds. So an item
// is encoded with its components as the digests of their own encodings (a Merkle DAG), each
// distinct node encoded once per record (memoised by address). The digest depends only on the
// content, not on which nodes happen to be shared.
class ItemEncoder {
 public:
  // Appends the item object with keys in byte order: bom_cycle, components (each `sha256:<hex>`
  // of the component's own encoding, in the order used), contents, has_specs, note, part,
  // quantity, specs. The items must form a DAG: a component that contains the item itself
  // (possible through shared pointers) would make the recursion through Digest endless. The
  // database reader never builds one: it clears the components of the part that closes a stored
  // cycle and marks it `contents` cyclic, `bom_cycle` naming the parts (src/store/bom_reader.cc).
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
    AppendJsonString(out, ContentsStateName(item.contents));
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
    // Stable: two specs of the same name keep their source order (and both are encoded).
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
  // The component's `sha256:<hex>`, computed once per distinct object. Keys are addresses, valid
  // because every ItemFacts reached is owned by the facts being encoded and outlives the encoder;
  // equal content at two addresses is encoded twice but gives the same digest.
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

// The whole facts object; keys in byte order, and a key is written only when its fact applies
// (check records: item and shipment; audit part findings: classified_on and item;
// audit shipment findings: item, license, shipment). A part finding has `declared_eccn` only
// when the finding concerns the declared ECCN.
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

std::string CanonicalShipmentFactsJson(const ShipmentFacts& shipment) {
  std::string out;
  Shipment(out, shipment);
  return out;
}

// `{"item":…,"shipment":…}`, as CanonicalFactsJson writes it for {item, shipment}.
std::string CheckFactsDigest(const ItemFacts& item, std::string_view shipment_json) {
  std::string out = "{";
  Key(out, "item");
  ItemEncoder().Item(out, item);
  Key(out, "shipment");
  out += shipment_json;
  out += '}';
  return "sha256:" + Sha256Hex(out);
}

// The value stored in `facts_digest` (and, for audit findings, in `input_digest`).
std::string FactsDigest(const DecisionFacts& facts) {
  return "sha256:" + Sha256Hex(CanonicalFactsJson(facts));
}

}  // namespace chipgate
