// Resolver: typing item and shipment facts against a Program (resolver.h). Typing runs for every
// attribute of every item of a manifest or an inventory audit, so messages are built only when a
// value is rejected, and a bill of materials shared between lines is typed once per distinct item.
#include "eval/resolver.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <unordered_map>

#include "base/country.h"
#include "base/end_use_key.h"
#include "base/string_key.h"
#include "eval/evaluator.h"
#include "eval/related_party_screen.h"
#include "screen/party_screen.h"

namespace chipgate {
namespace {

// Every rejection is an error (never a warning): the CLI refuses a manifest with any of them,
// and the library's convenience Decide leaves the value unknown (docs/rule-language.md, §11).
void Error(std::vector<Diagnostic>& diags, const char* code, const SourceLoc& loc,
           std::string msg) {
  diags.push_back({Severity::kError, code, loc, std::move(msg)});
}

// The whole text must be one finite number: "12 kg", "nan" and "inf" are rejected.
bool ParseNumber(const std::string& text, double& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(out);
}

// Types one spec value into `slot`; false (with a diagnostic) when the value does not fit.
// Messages are built only on failure: this runs for every attribute of every item.
// On failure `slot` may be partly written; the caller then leaves the attribute absent.
bool TypeValue(const Program& p, const AttrInfo& attr, const SpecValue& v, RtValue& slot,
               std::vector<Diagnostic>& diags) {
  auto fail = [&](const char* code, const std::string& what) {
    Error(diags, code, v.loc, "attribute `" + attr.name + "`" + what);
    return false;
  };
  switch (static_cast<Type>(attr.type)) {
    case Type::kNumber:
      // A typed source (the inventory database) gives `v.number`; text is parsed.
      if (v.number ? !std::isfinite(*v.number) : !ParseNumber(v.text, slot.num)) {
        return fail("E503", " must be a finite number, found `" + v.Text() + "`");
      }
      if (v.number) slot.num = *v.number;
      if (attr.positive && slot.num <= 0)
        return fail("E503", " must be greater than zero, found `" + v.Text() + "`");
      if (slot.num < attr.min) {
        char bound[32];
        std::snprintf(bound, sizeof bound, "%g", attr.min);
        return fail("E503",
                    std::string(" must not be less than ") + bound + ", found `" + v.Text() + "`");
      }
      return true;
    case Type::kBool:
      if (v.number ? *v.number != 0 && *v.number != 1 : v.text != "true" && v.text != "false") {
        return fail("E503", " must be `true` or `false`, found `" + v.Text() + "`");
      }
      slot.i = v.number ? *v.number == 1 : v.text == "true";
      return true;
    case Type::kDate: {
      auto d = v.number ? std::nullopt : ParseDate(v.text);
      if (!d) return fail("E503", " must be a date YYYY-MM-DD, found `" + v.Text() + "`");
      slot.i = d->days;
      return true;
    }
    case Type::kCountry:
      if (v.number || !IsIsoCountry(v.text)) {
        return fail("E504", ": `" + v.Text() + "` is not an ISO 3166-1 alpha-2 country code");
      }
      slot.i = CountryIndex(v.text);
      return true;
    default: {
      // Strings and enums become interned ids; a number given for one is read as its text. An
      // enum value the pack does not declare is an error, not a new value no rule names. A free
      // string (no declared values) is interned as its NameKey, as the compiler interned the
      // literals it is compared with (docs/rule-language.md, "Comparing strings"); a value whose
      // key no literal has gets -1, equal to no literal.
      std::string formatted = v.number ? v.Text() : std::string();
      std::string_view text = v.number ? std::string_view(formatted) : std::string_view(v.text);
      slot.i = attr.enum_ids.empty() ? p.StringId(NameKey(text)) : p.StringId(text);
      if (!attr.enum_ids.empty() &&
          std::find(attr.enum_ids.begin(), attr.enum_ids.end(), slot.i) == attr.enum_ids.end()) {
        return fail("E503", ": `" + std::string(text) + "` is not one of its declared values");
      }
      return true;
    }
  }
}

// One line's bill of materials being resolved: each distinct ItemFacts (by address: shared
// components are one object) becomes one node, so a DAG is typed in time linear in its size.
struct FillState {
  std::unordered_map<const ItemFacts*, std::shared_ptr<const ResolvedItemData>> done;
  uint32_t next_index = 0;
};

// Components nested deeper are reported (E505) and not followed: the limit bounds the
// recursion of Fill on any input.
constexpr int kMaxComponentDepth = 32;

// Kleene truth of "the pack needs this item's contents": some `requires_contents` attribute has
// one of its listed values (unknown when such an attribute is itself unknown).
uint8_t NeedsContents(const Program& p, const ResolvedItemData& out) {
  uint8_t needs = kFalse;
  for (size_t a = 0; a < p.attrs.size(); ++a) {
    const auto& req = p.attrs[a].requires_contents;
    if (req.empty()) continue;
    if (!((out.present >> a) & 1)) {
      needs = kUnknown;
    } else if (std::find(req.begin(), req.end(), out.slots[a].i) != req.end()) {
      return kTrue;
    }
  }
  return needs;
}

// What the evaluator may assume about the contents, from what the facts say and what the pack
// needs.
void SetContents(const Program& p, const ItemFacts& in, ResolvedItemData& out) {
  if (in.ContentsUnusable()) {
    out.contents = ContentsStatus::kUnusable;
    if (in.contents == ContentsState::kCyclic) {
      out.contents_note = "the bill of materials of part `" + in.part + "` is cyclic:";
      for (const auto& part : in.bom_cycle) out.contents_note += " `" + part + "` contains";
      out.contents_note += in.bom_cycle.empty() ? " itself" : " `" + in.bom_cycle.front() + "`";
    } else {
      out.contents_note =
          "the bill of materials of part `" + in.part + "` cannot be used: " + in.note;
    }
  } else if (!in.ContentsKnown() && NeedsContents(p, out) != kFalse) {
    out.contents = ContentsStatus::kUnknown;
    out.contents_note = "the bill of materials of part `" + in.part + "` is not known";
  }
}

// `from_components: any` attributes: the item's value or'ed (Kleene) with its components' values;
// contents that are not known add an unknown. A declared false that a component contradicts is
// recorded, and the value becomes true: the item is classified by what it contains.
void AggregateFromComponents(const Program& p, ResolvedItemData& out) {
  for (size_t a = 0; a < p.attrs.size(); ++a) {
    if (!p.attrs[a].from_components) continue;
    uint8_t agg = out.contents == ContentsStatus::kKnown ? kFalse : kUnknown;
    for (const auto& c : out.children) {
      uint8_t v = (c->present >> a) & 1 ? (c->slots[a].i ? kTrue : kFalse) : kUnknown;
      agg = agg == kTrue || v == kTrue         ? kTrue
            : agg == kUnknown || v == kUnknown ? kUnknown
                                               : kFalse;
    }
    bool known = (out.present >> a) & 1;
    if (agg == kTrue) {
      if (known && !out.slots[a].i) out.contradicted |= uint64_t{1} << a;
      out.slots[a] = RtValue{0, 1, true};
      out.present |= uint64_t{1} << a;
    } else if (agg == kUnknown && known && !out.slots[a].i) {
      out.slots[a] = RtValue{};  // declared false, but a component may make it true
      out.present &= ~(uint64_t{1} << a);
    }
  }
}

// Types one item into `out`: its attribute values (E501 unknown attribute, E502 derived one,
// E503/E504 bad value), then its components (each distinct one once), what may be assumed of
// its contents, the `from_components` attributes and the derived ones, in that order: each step
// reads what the steps before it set.
// Node indexes are assigned in pre-order, from 0, per line (FillState), and index the
// evaluator's per-node scratch; `height` is the longest path down to a leaf.
void Fill(const Program& p, const ItemFacts& in, ResolvedItemData& out,
          std::vector<Diagnostic>& diags, int depth, FillState& st) {
  out.index = st.next_index++;
  out.part = in.part;
  out.quantity = in.quantity;
  out.has_data = in.has_specs;
  out.note = in.note;
  out.slots.assign(p.attrs.size(), RtValue{});
  out.present = 0;
  for (const auto& [name, value] : in.specs) {
    int a = -1;  // the attribute's slot; a pack has at most 64 attributes
    for (size_t i = 0; i < p.attrs.size(); ++i) {
      if (p.attrs[i].name == name) a = static_cast<int>(i);
    }
    if (a < 0) {
      Error(diags, "E501", value.loc,
            "unknown attribute `" + name + "` for part `" + in.part + "`");
      continue;
    }
    if (p.attrs[a].derived) {
      Error(diags, "E502", value.loc,
            "attribute `" + name + "` is derived from other attributes and cannot be given");
      continue;
    }
    RtValue slot{0, 0, true};
    if (TypeValue(p, p.attrs[a], value, slot, diags)) {
      out.slots[a] = slot;
      out.present |= uint64_t{1} << a;
      const AttrInfo& attr = p.attrs[a];
      if (static_cast<Type>(attr.type) == Type::kString && attr.enum_ids.empty())
        out.texts.emplace_back(a, value.Text());
    }
  }
  // Past the limit the components are dropped, and the contents are marked unusable (fail
  // closed): E505 already refuses the input, but a caller that decides anyway (Engine::Decide
  // holds such a line at `review`) must not see an item that looks empty.
  const char* kTooDeep = "components nested more than 32 levels deep";
  if (depth > kMaxComponentDepth) {
    Error(diags, "E505", in.loc, kTooDeep);
    out.contents = ContentsStatus::kUnusable;
    out.contents_note =
        "the bill of materials of part `" + in.part + "` cannot be used: " + kTooDeep;
    AggregateFromComponents(p, out);
    Evaluator(p).ComputeDerived(out);
    return;
  }
  bool too_deep = false;
  out.children.reserve(in.components.size());
  for (const ItemFacts& c : in.components) {
    auto& slot = st.done[&c];
    if (!slot) {
      auto child = std::make_shared<ResolvedItemData>();
      Fill(p, c, *child, diags, depth + 1, st);
      slot = std::move(child);
      // A node already typed is shared, not typed again; it was checked against the limit on the
      // path that first reached it, so a deeper path is checked here with its height.
    } else if (depth + 1 + slot->height > kMaxComponentDepth) {
      Error(diags, "E505", c.loc, kTooDeep);
      too_deep = true;  // the component is left out, so the contents are not complete
      continue;
    }
    out.height = std::max(out.height, slot->height + 1);
    out.children.push_back(slot);
  }
  SetContents(p, in, out);
  if (too_deep) {
    out.contents = ContentsStatus::kUnusable;
    out.contents_note =
        "the bill of materials of part `" + in.part + "` cannot be used: " + kTooDeep;
  }
  AggregateFromComponents(p, out);
  Evaluator(p).ComputeDerived(out);
}

// A country fact: an ISO 3166-1 alpha-2 code, or E504. An empty code stays unknown, without a
// diagnostic: the rules that need it make the line `review`.
void SetCountry(ResolvedShipmentData& s, int fact, const std::string& code, const SourceLoc& loc,
                const char* field, std::vector<Diagnostic>& diags) {
  if (code.empty()) return;
  if (!IsIsoCountry(code)) {
    Error(diags, "E504", loc,
          std::string("`") + field + "`: `" + code + "` is not an ISO 3166-1 alpha-2 country code");
    return;
  }
  s.facts[fact] = RtValue{0, CountryIndex(code), true};
  s.fact_present |= 1u << fact;
}

// A name or id fact: its key (NameKey or IdKey, as the fact catalogue says) looked up among the
// interned literals. Text with an empty key (nothing given, or only spaces and punctuation) stays
// unknown, so a rule naming a customer holds such a line for review instead of clearing it.
void SetKeyed(const Program& p, ResolvedShipmentData& s, int fact, const std::string& text) {
  std::string key = StringKey(kFacts[fact].key, text);
  if (key.empty()) return;
  s.facts[fact] = RtValue{0, p.StringId(key), true};
  s.fact_present |= 1u << fact;
  s.fact_text[fact] = text;
}

// A stated end use is looked up by its key (case, spaces, hyphens, underscores ignored) and
// becomes the declared id; one the pack does not know stays unknown and is recorded, so the
// evaluator holds every line for review instead of letting no rule match it.
void SetEndUse(const Program& p, const std::string& stated, ResolvedShipmentData& s) {
  if (stated.empty()) return;
  auto it = p.end_use_keys.find(EndUseKey(stated));
  if (it == p.end_use_keys.end()) {
    s.unknown_end_use = stated;
    return;
  }
  s.facts[kFactEndUse] = RtValue{0, p.end_uses[it->second].string_id, true};
  s.fact_present |= 1u << kFactEndUse;
  s.fact_text[kFactEndUse] = p.end_uses[it->second].id;
}

// Screens one party name; hits keep the screener's order (best score first, then party).
// A name that matches no party adds nothing; the screener decides exact, contains and fuzzy
// matches (the evaluator turns the last two into `review`).
void ScreenParty(const Program& p, const PartyFacts& party, const char* role,
                 ResolvedShipmentData& s) {
  if (party.name.empty()) return;
  for (PartyMatch& m : p.party_screener.Screen(party.name)) {
    bool seen = false;  // the same name as consignee and end user is one hit
    for (const auto& h : s.hits) seen |= h.party == m.party && h.name == party.name;
    if (!seen)
      s.hits.push_back({m.party, role, party.name, m.kind, m.score, std::move(m.matched_name)});
  }
}

// True when the two parties are one mapping of the manifest (an end user defaulted from the
// consignee): the same values at the same location.
bool SameParty(const PartyFacts& a, const PartyFacts& b) {
  return a.name == b.name && a.country == b.country && a.headquarters == b.headquarters &&
         a.parent_headquarters == b.parent_headquarters && a.loc.line == b.loc.line &&
         a.loc.col == b.loc.col;
}

}  // namespace

// Errors go to `diags`; `out` is complete either way (rejected values are simply absent).
void ResolveItemFacts(const Program& p, const ItemFacts& item, ResolvedItemData& out,
                      std::vector<Diagnostic>& diags) {
  FillState st;
  Fill(p, item, out, diags, 0, st);
  out.node_count = st.next_index;
}

// Sets everything the evaluator reads once per shipment: epoch, coverage, notes in force, facts,
// party hits and the precomputed shipment-only rule conditions. `s` must be freshly constructed
// (hits and notes are appended). Coverage and notes are half-open periods [from, until).
void ResolveShipmentFacts(const Program& p, const ShipmentFacts& in, ResolvedShipmentData& s,
                          std::vector<Diagnostic>& diags,
                          const std::shared_ptr<const ScreeningListsData>& lists) {
  s.date = in.date;
  s.epoch = p.EpochIndex(in.date);
  s.facts[kFactDate] = RtValue{0, in.date.days, true};
  s.fact_present = 1u << kFactDate;
  s.outside_coverage = in.date < p.coverage_from || !(in.date < p.coverage_until);
  for (size_t n = 0; n < p.notes.size(); ++n) {
    const NoteInfo& note = p.notes[n];
    if (note.from <= in.date && in.date < note.until) s.notes.push_back(static_cast<int>(n));
  }
  SetEndUse(p, in.end_use, s);
  SetCountry(s, kFactConsigneeCountry, in.consignee.country, in.consignee.loc, "consignee.country",
             diags);
  SetCountry(s, kFactConsigneeHq, in.consignee.headquarters, in.consignee.loc,
             "consignee.headquarters", diags);
  SetCountry(s, kFactConsigneeParentHq, in.consignee.parent_headquarters, in.consignee.loc,
             "consignee.parent_headquarters", diags);
  // An end user defaulted from the consignee is the same mapping: report its errors once.
  std::vector<Diagnostic> end_user_diags;
  auto& eu_diags = SameParty(in.consignee, in.end_user) ? end_user_diags : diags;
  SetCountry(s, kFactEndUserCountry, in.end_user.country, in.end_user.loc, "end_user.country",
             eu_diags);
  SetCountry(s, kFactEndUserHq, in.end_user.headquarters, in.end_user.loc, "end_user.headquarters",
             eu_diags);
  SetCountry(s, kFactEndUserParentHq, in.end_user.parent_headquarters, in.end_user.loc,
             "end_user.parent_headquarters", eu_diags);
  SetKeyed(p, s, kFactConsigneeName, in.consignee.name);
  SetKeyed(p, s, kFactConsigneeId, in.consignee.id);
  SetKeyed(p, s, kFactEndUserName, in.end_user.name);
  SetKeyed(p, s, kFactEndUserId, in.end_user.id);
  // The destination is the end user's country (facts.h).
  s.facts[kFactDestination] = s.facts[kFactEndUserCountry];
  if (s.fact_present & (1u << kFactEndUserCountry)) s.fact_present |= 1u << kFactDestination;
  // Screening and the shipment-only rule conditions run once here, not once per line.
  ScreenParty(p, in.consignee, "consignee", s);
  ScreenParty(p, in.end_user, "end user", s);
  ResolveRelatedParties(p, in, s, SameParty(in.consignee, in.end_user), lists);
  Evaluator(p).PrecomputeShipmentRules(s);
}

}  // namespace chipgate
