// Explanations of a decided line (chipgate/explanation.h). The deciding reasons and the facts
// they read come from the compiled pack (the rule's and classes' code: which attributes and facts
// it reads) and from the facts as completed (their text and FactSource); counterfactuals are
// decided again by the evaluator, on a copy of the resolved shipment with one fact changed (a
// country, the end use) or resolved anew for another date, and a license is tried with the same
// matcher `check --db` uses. Nothing here reads the text of a message.
#include "chipgate/explanation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "base/country.h"
#include "chipgate/license.h"
#include "engine/engine_internal.h"
#include "eval/class_timing.h"
#include "eval/evaluator.h"

namespace chipgate {
namespace {

// At most this many countries that keep the decision are listed with a country counterfactual:
// a group such as D:5 fits; "every country but two" is said by the count instead.
constexpr size_t kMaxKeepingListed = 40;

int RuleIndex(const Program& p, std::string_view id) {
  for (size_t r = 0; r < p.rules.size(); ++r)
    if (p.rules[r].id == id) return static_cast<int>(r);
  return -1;
}

int ClassIndex(const Program& p, std::string_view id) {
  for (size_t c = 0; c < p.classes.size(); ++c)
    if (p.classes[c].id == id) return static_cast<int>(c);
  return -1;
}

// The fact's text in the completed shipment (empty: not given); `destination` is the end user's
// country.
std::string FactText(const ShipmentFacts& s, const ItemFacts& item, int f) {
  switch (static_cast<FactId>(f)) {
    case kFactDate:
      return FormatDate(s.date);
    case kFactDestination:
    case kFactEndUserCountry:
      return s.end_user.country;
    case kFactEndUse:
      return s.end_use;
    case kFactQuantity: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", item.quantity);
      return buf;
    }
    case kFactConsigneeCountry:
      return s.consignee.country;
    case kFactConsigneeHq:
      return s.consignee.headquarters;
    case kFactConsigneeParentHq:
      return s.consignee.parent_headquarters;
    case kFactEndUserHq:
      return s.end_user.headquarters;
    case kFactEndUserParentHq:
      return s.end_user.parent_headquarters;
    case kFactConsigneeName:
      return s.consignee.name;
    case kFactConsigneeId:
      return s.consignee.id;
    case kFactEndUserName:
      return s.end_user.name;
    case kFactEndUserId:
      return s.end_user.id;
    case kFactCount:
      break;
  }
  return "";
}

class Explainer {
 public:
  Explainer(const Engine& engine, const ShipmentFacts& shipment, const ItemFacts& item,
            const ScreeningLists* lists, const LineDecision& decision)
      : engine_(engine),
        p_(EngineInternals::ProgramOf(engine)),
        shipment_(shipment),
        item_(item),
        lists_(lists),
        decision_(decision) {
    std::vector<Diagnostic> diags;  // the line was decided from these facts: they resolve
    resolved_shipment_ = engine.ResolveShipment(shipment, diags, lists);
    resolved_item_ = engine.ResolveItem(item, diags);
  }

  LineExplanation Run() {
    LineExplanation out;
    Deciding(out);
    Inactive(out);
    LicenseWhatIf(out);
    FactWhatIfs(out);
    DateWhatIfs(out);
    return out;
  }

 private:
  const ResolvedShipmentData& Ship() const { return EngineInternals::DataOf(resolved_shipment_); }
  const ResolvedItemData& Item() const { return EngineInternals::DataOf(resolved_item_); }

  // ---- deciding reasons and their facts ----

  // A reason decides the line when its decision is the line's; on a license_exception line the
  // license requirements the exception covers decide it. Notes never decide.
  bool Decides(const Reason& r) const {
    if (r.source == ReasonSource::kNote) return false;
    if (r.source == ReasonSource::kOwnershipUnknown &&
        r.decision == DecisionKind::kNoLicenseRequired)
      return false;
    DecisionKind d = decision_.decision == DecisionKind::kLicenseException
                         ? DecisionKind::kLicenseRequired
                         : decision_.decision;
    return r.decision == d;
  }

  void Deciding(LineExplanation& out) {
    for (size_t i = 0; i < decision_.reasons.size(); ++i) {
      const Reason& r = decision_.reasons[i];
      if (!Decides(r)) continue;
      DecidingReason d{i, {}};
      FactsOf(r, d.facts);
      out.deciding.push_back(std::move(d));
    }
  }

  void FactsOf(const Reason& r, std::vector<ExplainedFact>& facts) const {
    uint64_t attrs = 0;
    uint32_t shipment_facts = 0;
    switch (r.source) {
      case ReasonSource::kRule: {
        int ri = RuleIndex(p_, r.rule);
        if (ri < 0) break;  // a built-in reason (`uncontrolled`): no condition of its own
        const RuleInfo& rule = p_.rules[ri];
        attrs |= rule.when.attr_refs;
        shipment_facts |= rule.when.fact_refs;
        // The item's classes the rule applies to: the true ones, or for an undecided rule every
        // class in effect with one of its names (what could not be decided).
        const Epoch& ep = p_.epochs[Ship().epoch];
        for (int c : ep.classes) {
          const ClassInfo& ci = p_.classes[c];
          bool named = std::find(rule.class_names.begin(), rule.class_names.end(), ci.id_name) !=
                           rule.class_names.end() ||
                       std::find(rule.class_names.begin(), rule.class_names.end(),
                                 ci.paragraph_name) != rule.class_names.end();
          bool met = std::find(decision_.classes.begin(), decision_.classes.end(), ci.id) !=
                     decision_.classes.end();
          if (named && (met || r.undecided)) attrs |= ci.when.attr_refs;
        }
        break;
      }
      case ReasonSource::kClass: {
        int c = ClassIndex(p_, r.rule);
        if (c >= 0) attrs |= p_.classes[c].when.attr_refs;
        break;
      }
      case ReasonSource::kParty:
      case ReasonSource::kAffiliate:
      case ReasonSource::kOwnershipUnknown:
        shipment_facts |= (1u << kFactConsigneeName) | (1u << kFactEndUserName);
        break;
      case ReasonSource::kEndUse:
        shipment_facts |= 1u << kFactEndUse;
        break;
      case ReasonSource::kCoverage:
        shipment_facts |= 1u << kFactDate;
        break;
      default:
        break;  // data, input and conflict reasons say everything in their detail
    }
    for (size_t a = 0; a < p_.attrs.size(); ++a)
      if ((attrs >> a) & 1) facts.push_back(Attribute(static_cast<int>(a)));
    for (int f = 0; f < kFactCount; ++f) {
      if (!((shipment_facts >> f) & 1)) continue;
      ExplainedFact e{std::string(kFacts[f].name), std::nullopt, FactSource::kManifest, ""};
      std::string text = FactText(shipment_, item_, f);
      if (!text.empty()) e.value = text;
      e.source = f == kFactQuantity ? FactSource::kManifest
                                    : shipment_.SourceOf(std::string(kFacts[f].name));
      facts.push_back(std::move(e));
    }
  }

  // An attribute of the line's item: as given (manifest or database), computed by the pack
  // (derived), or true because a component is (from_components).
  ExplainedFact Attribute(int a) const {
    const AttrInfo& attr = p_.attrs[a];
    ExplainedFact e{attr.name, std::nullopt, FactSource::kManifest, ""};
    const SpecValue* given = nullptr;
    for (const auto& [name, value] : item_.specs)
      if (name == attr.name) given = &value;
    const ResolvedItemData& item = Item();
    bool known = (item.present >> a) & 1;
    if (attr.derived) {
      e.source = FactSource::kPack;
      e.formula = attr.code.text;
      if (known) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", item.slots[a].num);
        e.value = buf;
      }
      return e;
    }
    if (attr.from_components && known && item.slots[a].i && (!given || given->Text() != "true")) {
      e.source = FactSource::kComponents;
      e.value = "true";
      return e;
    }
    if (given && known) {
      e.value = given->Text();
      e.source = given->source;
    }
    return e;
  }

  // Classes of the same paragraph as a class the item meets, not in effect on the date.
  void Inactive(LineExplanation& out) const {
    const Epoch& ep = p_.epochs[Ship().epoch];
    for (size_t c = 0; c < p_.classes.size(); ++c) {
      const ClassInfo& ci = p_.classes[c];
      if (std::find(ep.classes.begin(), ep.classes.end(), static_cast<int>(c)) != ep.classes.end())
        continue;
      bool related = std::find(decision_.classes.begin(), decision_.classes.end(), ci.paragraph) !=
                     decision_.classes.end();
      if (!related) continue;
      std::vector<std::string> instead;
      for (int k : ep.classes) {
        const ClassInfo& in = p_.classes[static_cast<size_t>(k)];
        if (in.paragraph == ci.paragraph && in.id != ci.id &&
            std::find(decision_.classes.begin(), decision_.classes.end(), in.id) !=
                decision_.classes.end())
          instead.push_back(in.id);
      }
      out.inactive.push_back(
          {ci.id, ci.title,
           DescribeClassTiming(TimingOfClass(p_, static_cast<int>(c), Ship().epoch)),
           std::move(instead)});
    }
  }

  // ---- what would change the answer ----

  DecisionKind Decide(const ResolvedShipmentData& s) const {
    LineDecision d;
    Evaluator(p_).Decide(s, Item(), d, nullptr);
    return d.decision;
  }

  // Held lines look for the least restrictive answer a change gives; lines that may ship for the
  // most restrictive (what would stop them).
  bool Better(DecisionKind a, DecisionKind b) const {
    return MayShip(decision_.decision) ? a < b : a > b;
  }

  // A license_required line: a license for its classes to its destination, tried with the
  // matcher `check --db` uses; reported only when it would cover the line.
  void LicenseWhatIf(LineExplanation& out) const {
    if (decision_.decision != DecisionKind::kLicenseRequired ||
        shipment_.end_user.country.empty() || decision_.classes.empty())
      return;
    std::vector<std::string> paragraphs;
    for (std::string_view id : decision_.classes) {
      int c = ClassIndex(p_, id);
      std::string para = c >= 0 ? p_.classes[c].paragraph : std::string(id);
      if (std::find(paragraphs.begin(), paragraphs.end(), para) == paragraphs.end())
        paragraphs.push_back(para);
    }
    HeldLicense held;
    held.license.number = "(any license)";
    held.license.classes = paragraphs;
    held.license.destinations = {shipment_.end_user.country};
    held.license.valid_from = held.license.valid_until = shipment_.date;
    int64_t quantity = std::llround(item_.quantity);
    LicenseRequest req =
        RequestForLine(shipment_, shipment_.date, decision_, quantity, std::nullopt, "");
    if (!MatchLicense(req, {held}).cleared()) return;
    WhatIf w;
    w.kind = WhatIf::Kind::kLicense;
    w.classes = paragraphs;
    w.value = shipment_.end_user.country;
    w.decision = DecisionKind::kLicenseRequired;
    w.may_ship = true;
    out.what_if.push_back(std::move(w));
  }

  // The shipment facts worth changing: those the deciding rules read; for a line no rule decided
  // (it may ship), those of every rule in force that could apply to the item.
  uint32_t FactsToTry() const {
    uint32_t facts = 0;
    for (const Reason& r : decision_.reasons) {
      if (!Decides(r)) continue;
      int ri = RuleIndex(p_, r.rule);
      if (ri >= 0) facts |= p_.rules[ri].when.fact_refs;
    }
    if (facts == 0 && MayShip(decision_.decision)) {
      const Epoch& ep = p_.epochs[Ship().epoch];
      for (int r : ep.any_rules) facts |= p_.rules[r].when.fact_refs;
      for (std::string_view id : decision_.classes) {
        int c = ClassIndex(p_, id);
        if (c < 0) continue;
        for (int name : {p_.classes[c].id_name, p_.classes[c].paragraph_name})
          for (int r : ep.rules_by_name[name]) facts |= p_.rules[r].when.fact_refs;
      }
    }
    return facts;
  }

  void FactWhatIfs(LineExplanation& out) const {
    uint32_t facts = FactsToTry();
    // destination and end_user.country are one fact: tried once, as `destination`.
    if (facts & (1u << kFactEndUserCountry)) {
      facts &= ~(1u << kFactEndUserCountry);
      facts |= 1u << kFactDestination;
    }
    for (int f = 0; f < kFactCount; ++f) {
      if (!((facts >> f) & 1)) continue;
      if (!((Ship().fact_present >> f) & 1)) continue;  // unknown: the reason says it is missing
      if (kFacts[static_cast<size_t>(f)].type == Type::kCountry) CountryWhatIf(f, out);
      if (f == kFactEndUse) EndUseWhatIf(out);
    }
  }

  void CountryWhatIf(int f, LineExplanation& out) const {
    ResolvedShipmentData s = Ship();
    Evaluator eval(p_);
    std::string was = FactText(shipment_, item_, f);
    std::string prefer = shipment_.end_user.country;  // e.g. a local headquarters
    struct Tried {
      std::string code;
      DecisionKind decision;
    };
    std::vector<Tried> tried;
    for (int i = 0; i < kCountrySlots; ++i) {
      char cc[3];
      CountryCode(i, cc);
      if (!IsIsoCountry(cc) || was == cc) continue;
      s.facts[f] = RtValue{0, i, true};
      if (f == kFactDestination) s.facts[kFactEndUserCountry] = s.facts[f];
      eval.PrecomputeShipmentRules(s);
      tried.push_back({cc, Decide(s)});
    }
    WhatIf best;
    best.decision = decision_.decision;
    for (const Tried& t : tried)
      if (Better(t.decision, best.decision)) best.decision = t.decision;
    if (best.decision == decision_.decision) return;
    best.kind = WhatIf::Kind::kFact;
    best.fact = std::string(kFacts[f].name);
    best.was = was;
    best.may_ship = MayShip(best.decision);
    for (const Tried& t : tried) {
      if (t.decision == best.decision) {
        ++best.countries_changing;
        if (best.value.empty() || t.code == prefer) best.value = t.code;
      }
      if (t.decision == decision_.decision) best.countries_keeping.push_back(t.code);
    }
    if (!was.empty()) best.countries_keeping.push_back(was);
    std::sort(best.countries_keeping.begin(), best.countries_keeping.end());
    if (best.countries_keeping.size() > kMaxKeepingListed) best.countries_keeping.clear();
    out.what_if.push_back(std::move(best));
  }

  void EndUseWhatIf(LineExplanation& out) const {
    ResolvedShipmentData s = Ship();
    Evaluator eval(p_);
    WhatIf best;
    best.decision = decision_.decision;
    for (const EndUseInfo& u : p_.end_uses) {
      if (u.string_id == Ship().facts[kFactEndUse].i) continue;
      s.facts[kFactEndUse] = RtValue{0, u.string_id, true};
      s.fact_text[kFactEndUse] = u.id;
      eval.PrecomputeShipmentRules(s);
      DecisionKind d = Decide(s);
      if (Better(d, best.decision)) {
        best.decision = d;
        best.value = u.id;
      }
    }
    if (best.decision == decision_.decision) return;
    best.kind = WhatIf::Kind::kFact;
    best.fact = "end_use";
    best.was = shipment_.end_use;
    best.may_ship = MayShip(best.decision);
    out.what_if.push_back(std::move(best));
  }

  // The nearest dates, before and after the shipment's, on which the pack changes and the line
  // would be decided otherwise: before, the last day before a change in force on the date; after,
  // the first day of a later change. Only dates within the pack's coverage are tried.
  void DateWhatIfs(LineExplanation& out) const {
    std::vector<Date> cuts;
    for (const auto& c : p_.changes) cuts.push_back(c.date);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    Date date = shipment_.date;
    auto in_coverage = [&](Date d) { return p_.coverage_from <= d && d < p_.coverage_until; };
    for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
      if (!(*it <= date)) continue;
      Date before{it->days - 1};
      if (!in_coverage(before)) break;
      if (TryDate(before, out)) break;
    }
    for (Date cut : cuts) {
      if (!(date < cut)) continue;
      if (!in_coverage(cut)) break;
      if (TryDate(cut, out)) break;
    }
  }

  bool TryDate(Date d, LineExplanation& out) const {
    ShipmentFacts moved = shipment_;
    moved.date = d;
    std::vector<Diagnostic> diags;
    ResolvedShipment s = engine_.ResolveShipment(moved, diags, lists_);
    DecisionKind got = Decide(EngineInternals::DataOf(s));
    if (got == decision_.decision) return false;
    WhatIf w;
    w.kind = WhatIf::Kind::kDate;
    w.date = d;
    w.decision = got;
    w.may_ship = MayShip(got);
    out.what_if.push_back(std::move(w));
    return true;
  }

  const Engine& engine_;
  const Program& p_;
  const ShipmentFacts& shipment_;
  const ItemFacts& item_;
  const ScreeningLists* lists_;
  const LineDecision& decision_;
  ResolvedShipment resolved_shipment_;
  ResolvedItem resolved_item_;
};

}  // namespace

LineExplanation ExplainDecision(const Engine& engine, const ShipmentFacts& shipment,
                                const ItemFacts& item, const ScreeningLists* lists,
                                const LineDecision& decision) {
  return Explainer(engine, shipment, item, lists, decision).Run();
}

}  // namespace chipgate
