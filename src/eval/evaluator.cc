// Evaluator implementation. The fast path (no trace, nothing unknown) performs no allocation
// beyond the output vectors; descriptions of missing data are built only for review reasons.
// Contract (evaluator.h): Decide turns one resolved line (item + shipment) into a LineDecision
// following docs/rule-language.md, "How a line is decided" and "Missing data and `review`".
// It never fails: whatever is missing or unusable becomes a `review` reason, never a clearance.
// Unknown is Kleene unknown throughout (kTrue / kFalse / kUnknown), never read as false.
#include "eval/evaluator.h"

#include <algorithm>
#include <cstdio>

#include "eval/class_timing.h"
#include "eval/list_screen.h"
#include "eval/vm.h"

namespace chipgate {
namespace {

// Rule ids and messages of the built-in reasons (not written in any pack). Reasons hold
// string_views, so these must be constants with static storage, like the pack's own strings.
constexpr std::string_view kItemDataRule = "item-data";
constexpr std::string_view kItemDataMessage =
    "no technical data for this part; it cannot be classified";
constexpr std::string_view kPossibleMatchMessage = "possible match with a restricted party";
constexpr std::string_view kCoverageRule = "pack-coverage";
constexpr std::string_view kCoverageMessage =
    "the shipment date is outside the period this rule pack models";
constexpr std::string_view kEndUseRule = "end-use";
constexpr std::string_view kEndUseMessage = "the stated end use is not one this rule pack knows";
constexpr std::string_view kContentsRule = "bill-of-materials";
constexpr std::string_view kContentsMessage =
    "the bill of materials cannot be used; the item cannot be classified";
constexpr std::string_view kContentsUnknownMessage =
    "the bill of materials is not known; the item cannot be classified";
constexpr std::string_view kContradictionRule = "contents-contradiction";
constexpr std::string_view kContradictionMessage =
    "the item's declared data is contradicted by its components";
constexpr std::string_view kConflictRule = "party-conflict";
constexpr std::string_view kConflictMessage =
    "sources disagree about a fact of the shipment; the line is not decided on one source's word";
constexpr std::string_view kUncheckedMessage =
    "who owns the party is not given, so the affiliates rule could not be checked";
constexpr std::string_view kPossibleAffiliateMessage =
    "possible affiliate of listed parties: owners that may be listed parties could reach the "
    "ownership threshold";
constexpr std::string_view kUndeterminedMessage =
    "the share of the party owned by listed parties could not be determined";
constexpr std::string_view kParentListedMessage =
    "the party's parent is a listed party and its share of the party is not known: very likely "
    "an affiliate of a listed party";
constexpr std::string_view kUncontrolledMessage =
    "matches no class of this rule pack (other CCL entries are outside its scope)";

// Kleene `or` / `and` over the kTrue / kFalse / kUnknown encoding used by the VM.
uint8_t TriOr(uint8_t a, uint8_t b) {
  if (a == kTrue || b == kTrue) return kTrue;
  return (a == kUnknown || b == kUnknown) ? kUnknown : kFalse;
}
uint8_t TriAnd(uint8_t a, uint8_t b) {
  if (a == kFalse || b == kFalse) return kFalse;
  return (a == kUnknown || b == kUnknown) ? kUnknown : kTrue;
}
const char* TriName(uint8_t t) { return t == kTrue ? "true" : t == kFalse ? "false" : "unknown"; }

// Per node of the line, indexed by class name (name_state, contains) or by class (class_state):
// name_state: whether the node itself is that class id or paragraph name;
// contains: whether some component (at any depth) is;
// class_state: each class's own `when` result for the node.
struct ItemState {
  std::vector<uint8_t> name_state, contains, class_state;
};

struct Scratch {
  std::vector<ItemState> nodes;  // per distinct node of the line (ResolvedItemData::index)
  std::vector<uint8_t> classified, checked;  // per node: its state is computed / its data checked
  std::vector<uint64_t> candidates;
  std::vector<int> reason_rule;  // parallel to reasons: rule index or -1
};

// Reused across lines so the steady state allocates nothing; thread_local because the Engine's
// methods may be called from many threads at once. A LineEval must not be nested inside another
// on one thread (they would share this scratch).
thread_local Scratch tls_scratch;

// Decides one line. Construct, then call Run() (or ClassifyOnly()) once; `out` is cleared first.
// The order of Run's steps is the order reasons are added, which SortReasons keeps within a
// decision value: shipment reasons, data reasons, classes, rules, parties, then notes.
class LineEval {
 public:
  LineEval(const Program& p, const ResolvedShipmentData& s, const ResolvedItemData& item,
           LineDecision& out, Trace* trace)
      : p_(p),
        s_(s),
        item_(item),
        out_(out),
        trace_(trace),
        ep_(p.epochs[s.epoch]),
        sc_(tls_scratch) {
    // The shipment's facts are read in place (copying them per line stalled on store forwarding);
    // the quantity, the one per-line fact, travels in VmInput.
    facts_ = s.facts;
    fact_present_ = s.fact_present | (1u << kFactQuantity);
  }

  void Run() {
    out_.Clear();
    sc_.reason_rule.clear();
    Reset();
    ShipmentReasons();
    ConflictReasons();
    bool data_ok = CheckData(item_);
    const ItemState& st = Classify(item_);
    if (data_ok) ReportClasses(st);
    // Without data only `classes: any` rules (embargoes, end uses) can be decided; a party hit or
    // an embargo may be more restrictive than the missing-data review.
    EvaluateRules(st, data_ok);
    ScreenParties();
    ScreenLists();
    ScreenRelated();
    AffiliateReasons();
    Finish();
  }

 private:
  // The VM's view of `item` with the class states `st`. The quantity is always the line's own
  // (item_), also for a component: a condition reads the line's quantity, not a per-component one.
  VmInput Input(const ResolvedItemData& item, const ItemState& st) const {
    return VmInput{item.slots.data(),
                   item.present,
                   facts_,
                   fact_present_,
                   RtValue{item_.quantity, 0, true},
                   st.name_state.data(),
                   st.contains.data(),
                   &ep_,
                   &p_};
  }

  // A date outside the pack's period, or an end use it does not know, holds every line of the
  // shipment: the rules cannot say what applied then, or whether the end use is a controlled one.
  void ShipmentReasons() {
    if (s_.outside_coverage) {
      std::string period =
          "from " + FormatDate(p_.coverage_from) +
          (p_.coverage_until == kMaxDate ? "" : " until " + FormatDate(p_.coverage_until));
      AddReason(
          kCoverageRule, DecisionKind::kReview, p_.builtin_cites.pack_coverage, kCoverageMessage,
          "shipment date " + FormatDate(s_.date) + "; pack `" + p_.pack_name + "` covers " + period,
          -1);
      out_.reasons.back().source = ReasonSource::kCoverage;
      if (trace_)
        trace_->entries.push_back(
            {"shipment", std::string(kCoverageRule), "outside", out_.reasons.back().detail});
    }
    if (!s_.unknown_end_use.empty()) {
      std::string known;
      for (const auto& u : p_.end_uses) known += (known.empty() ? "" : ", ") + u.id;
      AddReason(kEndUseRule, DecisionKind::kReview, p_.builtin_cites.end_use, kEndUseMessage,
                "`" + s_.unknown_end_use + "`; known end uses: " + (known.empty() ? "none" : known),
                -1);
      out_.reasons.back().source = ReasonSource::kEndUse;
      if (trace_)
        trace_->entries.push_back(
            {"shipment", std::string(kEndUseRule), "unknown", out_.reasons.back().detail});
    }
  }

  // Pack notes for the date: information for the reader, never a change to the decision.
  void AddNotes() {
    for (int n : s_.notes) {
      const NoteInfo& note = p_.notes[n];
      AddReason(note.id, DecisionKind::kNoLicenseRequired, note.cite, note.message, "", -1);
      out_.reasons.back().source = ReasonSource::kNote;
      if (trace_) trace_->entries.push_back({"note", note.id, "in effect", note.message});
    }
  }

  // Per-node scratch for this line: every distinct node is classified and checked once.
  void Reset() {
    size_t n = std::max<size_t>(item_.node_count, 1);
    if (sc_.nodes.size() < n) sc_.nodes.resize(n);
    sc_.classified.assign(n, 0);
    sc_.checked.assign(n, 0);
  }

  // An item, or any component, with no data at all makes the line `review`; so do a bill of
  // materials that cannot be used and a declared value its components contradict.
  // Returns false when the item or some component has no data at all (the line cannot be
  // classified); bill-of-materials and contradiction reasons alone leave it true, since the class
  // states then carry the unknowns themselves.
  bool CheckData(const ResolvedItemData& item) {
    if (sc_.checked[item.index]) return true;  // a shared node's reasons are given once
    sc_.checked[item.index] = 1;
    // Unknown contents hold the line wherever it goes, like missing technical data: the item
    // cannot be classified, and a line whose classes are not known is not cleared even where no
    // rule would read them (the answer would say nothing about what the item is).
    // (An item with no data at all gets the item-data reason below instead: it says more.)
    if (item.contents == ContentsStatus::kUnusable ||
        (item.contents == ContentsStatus::kUnknown && item.has_data)) {
      AddReason(
          kContentsRule, DecisionKind::kReview, p_.builtin_cites.bill_of_materials,
          item.contents == ContentsStatus::kUnknown ? kContentsUnknownMessage : kContentsMessage,
          item.contents_note, -1);
      out_.reasons.back().source = ReasonSource::kData;
    }
    if (item.contradicted) {
      AddReason(kContradictionRule, DecisionKind::kReview, p_.builtin_cites.contents_contradiction,
                kContradictionMessage, Contradictions(item), -1);
      out_.reasons.back().source = ReasonSource::kData;
    }
    if (!item.has_data && item.children.empty()) {
      AddReason(kItemDataRule, DecisionKind::kReview, p_.builtin_cites.item_data, kItemDataMessage,
                "part `" + item.part + "`" + (item.note.empty() ? "" : ": " + item.note), -1);
      out_.reasons.back().source = ReasonSource::kData;
      if (trace_)
        trace_->entries.push_back({"item", item.part, "no data", "no specs and not found"});
      return false;
    }
    // Every component is visited (no early exit), so each data-less one gets its own reason.
    bool ok = true;
    for (const auto& c : item.children) ok &= CheckData(*c);
    return ok;
  }

  // "part `X` declares `datacenter` false, but component `Y` has it true" for each contradiction.
  std::string Contradictions(const ResolvedItemData& item) const {
    std::string out;
    for (size_t a = 0; a < p_.attrs.size(); ++a) {
      if (!((item.contradicted >> a) & 1)) continue;
      std::string by;
      // The first component that declares the attribute true is named (resolver's
      // AggregateFromComponents set the contradiction bit from the same values).
      for (const auto& c : item.children) {
        if (by.empty() && ((c->present >> a) & 1) && c->slots[a].i) by = c->part;
      }
      out += (out.empty() ? "" : "; ") + std::string("part `") + item.part + "` declares `" +
             p_.attrs[a].name + "` false, but its component `" + by +
             "` has it true; it is decided as true";
    }
    return out;
  }

  // The node's class states; each distinct node is classified once per line (a DAG of shared
  // sub-assemblies costs its number of nodes, not its number of paths).
  const ItemState& Classify(const ResolvedItemData& item) {
    ItemState& st = sc_.nodes[item.index];
    if (sc_.classified[item.index]) return st;
    sc_.classified[item.index] = 1;
    size_t names = p_.class_names.size();
    // Children first: `contains` of this node is the or of each child's own and contained names.
    // Contents the pack needs but nobody gave (or that cannot be used) may hold anything.
    st.contains.assign(names, item.contents == ContentsStatus::kKnown ? kFalse : kUnknown);
    for (const auto& child : item.children) {
      const ItemState& cs = Classify(*child);
      for (size_t n = 0; n < names; ++n)
        st.contains[n] = TriOr(st.contains[n], TriOr(cs.name_state[n], cs.contains[n]));
    }
    // Only the line's own item is traced; components would repeat in the trace for every parent.
    bool top = &item == &item_;
    st.name_state.assign(names, kFalse);
    st.class_state.assign(p_.classes.size(), kFalse);
    VmInput in = Input(item, st);
    for (int c : ep_.classes) {
      const ClassInfo& ci = p_.classes[c];
      uint8_t t = RunPredicate(ci.when, in);
      st.class_state[c] = t;
      st.name_state[ci.id_name] = TriOr(st.name_state[ci.id_name], t);
      st.name_state[ci.paragraph_name] = TriOr(st.name_state[ci.paragraph_name], t);
      if (trace_ && top)
        trace_->entries.push_back({"class", ci.id, TriName(t), Values(ci.when, item)});
    }
    if (trace_ && top) TraceInactiveClasses();
    return st;
  }

  // Lists the true classes of the item: each paragraph once, then each sub-paragraph id, and adds
  // one no_license_required reason per true class (pack order). Unknown classes add nothing here:
  // they matter only through the rules that read them (EvaluateRule).
  void ReportClasses(const ItemState& st) {
    for (size_t c = 0; c < p_.classes.size(); ++c) {
      if (st.class_state[c] != kTrue) continue;
      const ClassInfo& ci = p_.classes[c];
      bool seen = false;
      for (auto v : out_.classes) seen |= v == ci.paragraph;
      if (!seen) out_.classes.push_back(ci.paragraph);
    }
    for (size_t c = 0; c < p_.classes.size(); ++c) {
      const ClassInfo& ci = p_.classes[c];
      if (st.class_state[c] != kTrue) continue;
      if (ci.id != ci.paragraph) out_.classes.push_back(ci.id);
      AddReason(ci.id, DecisionKind::kNoLicenseRequired, ci.cite,
                ci.title.empty() ? ci.id : ci.title, "", -1);
      out_.reasons.back().source = ReasonSource::kClass;
    }
  }

  // Candidates (a bit set, evaluated in pack order = index order): rules in force filed under a
  // class name that is not false for the item, when the item could be classified (by_class), plus
  // the `classes: any` rules, which are always candidates. ep_ lists only rules in force and
  // enabled, so a disabled rule is never evaluated.
  void EvaluateRules(const ItemState& st, bool by_class) {
    size_t words = (p_.rules.size() + 63) / 64;
    sc_.candidates.assign(words, 0);
    auto mark = [&](int r) { sc_.candidates[r / 64] |= uint64_t{1} << (r % 64); };
    for (size_t n = 0; by_class && n < p_.class_names.size(); ++n) {
      if (st.name_state[n] == kFalse) continue;
      for (int r : ep_.rules_by_name[n]) mark(r);
    }
    for (int r : ep_.any_rules) mark(r);
    if (trace_) TraceUnconsideredRules();
    VmInput in = Input(item_, st);
    for (size_t w = 0; w < words; ++w) {
      for (uint64_t bits = sc_.candidates[w]; bits; bits &= bits - 1) {
        int r = static_cast<int>(w * 64 + __builtin_ctzll(bits));
        EvaluateRule(r, st, in);
      }
    }
  }

  // One rule's result is `classes and condition` (Kleene). True adds the rule's own decision;
  // unknown adds a `review` reason whatever the rule's decision (even a no_license_required one),
  // with a detail naming what is missing; false adds nothing. The condition is not run when the
  // classes are false, so a rule whose item cannot match never reports missing facts.
  void EvaluateRule(int r, const ItemState& st, const VmInput& in) {
    const RuleInfo& ri = p_.rules[r];
    uint8_t cls = ri.any_item ? kTrue : kFalse;
    for (int n : ri.class_names) cls = TriOr(cls, st.name_state[n]);
    uint8_t cond = kFalse;
    if (cls != kFalse) {
      // Conditions on shipment facts alone were evaluated once for the shipment (resolver).
      uint8_t pre = static_cast<size_t>(r) < s_.rule_when.size()
                        ? s_.rule_when[r]
                        : ResolvedShipmentData::kNotPrecomputed;
      cond = pre != ResolvedShipmentData::kNotPrecomputed
                 ? pre
                 : static_cast<uint8_t>(RunPredicate(ri.when, in));
    }
    uint8_t fire = TriAnd(cls, cond);
    if (trace_)
      trace_->entries.push_back({"rule", ri.id, TriName(fire),
                                 "classes " + std::string(TriName(cls)) + ", condition " +
                                     TriName(cond) + "; " + Values(ri.when, item_)});
    if (fire == kTrue) {
      AddReason(ri.id, ri.decision, ri.cite, ri.message, "", r);
      out_.reasons.back().policy = ri.policy;
    } else if (fire == kUnknown) {
      std::string detail =
          "could not be decided (would be " + std::string(DecisionName(ri.decision)) + "): ";
      detail += cls == kUnknown ? DescribeUnknownClasses(ri, st) : "";
      if (cond == kUnknown) detail += (cls == kUnknown ? "; " : "") + Missing(ri.when, item_);
      // Rule index -1: an undecided rule is never a license requirement an exception could cover.
      AddReason(ri.id, DecisionKind::kReview, ri.cite, ri.message, detail, -1);
      out_.reasons.back().undecided = true;
    }
  }

  // An exact hit applies the party's effect; a fuzzy one asks for review, naming the candidate.
  // Hits were found once per shipment (resolver); only parties in force on the date count. The
  // reason's rule index is -1: a party's license requirement is never covered by an exception.
  void ScreenParties() {
    for (const PartyHit& hit : s_.hits) {
      if (!ep_.party_active[hit.party]) continue;
      const PartyInfo& pi = p_.parties[hit.party];
      std::string detail = std::string(hit.role) + " `" + hit.name + "`";
      bool exact = hit.kind == PartyMatchKind::kExact;
      if (exact) {
        detail += " matches `" + pi.name + "`";
        if (!pi.list.empty())
          detail += " (" + pi.list + (pi.footnote.empty() ? "" : ", footnote " + pi.footnote) + ")";
        AddReason(pi.id, pi.effect, pi.cite, pi.message, detail, -1);
      } else {
        detail += PossibleMatchDetail(hit, pi);
        AddReason(pi.id, DecisionKind::kReview, pi.cite, kPossibleMatchMessage, detail, -1);
      }
      out_.reasons.back().source = ReasonSource::kParty;
      if (trace_)
        trace_->entries.push_back({"party", pi.id, exact ? "match" : "possible match", detail});
    }
  }

  // What a possible (not exact) hit found, after the screened name: " resembles `X` (score
  // 0.91)" or " contains `X`, among other words (coverage 0.80)", naming the party when X is one
  // of its aliases. The same words for a party's own name and for an owner's.
  static std::string PossibleMatchDetail(const PartyHit& hit, const PartyInfo& pi) {
    bool contains = hit.kind == PartyMatchKind::kContains;
    std::string detail = (contains ? " contains `" : " resembles `") + hit.matched_name + "`";
    if (hit.matched_name != pi.name) detail += ", an alias of `" + pi.name + "`";
    return detail + (contains ? ", among other words (coverage " : " (score ") +
           FormatMatchScore(hit.score) + ")";
  }

  // Hits on the imported screening lists (eval/list_screen.h), found once per shipment; like
  // party hits, never covered by an exception (rule index -1).
  void ScreenLists() {
    if (s_.list_hits.empty()) return;
    for (Reason& r : ListReasons(s_, trace_)) {
      out_.reasons.push_back(std::move(r));
      sc_.reason_rule.push_back(-1);
    }
  }

  // ---- who the parties are (resolver: ResolveWho) ----

  // Sources that disagreed while the facts were completed (Store::CompleteShipment): each
  // disagreement holds the line, whatever the slot's chosen value would decide.
  void ConflictReasons() {
    for (const FactConflict& c : s_.conflicts) {
      auto says = [](const FactConflict::Claim& claim) {
        return claim.source +
               (claim.value.empty() ? " states none" : " says `" + claim.value + "`");
      };
      std::string detail = "`" + c.fact + "`: " + says(c.first) + ", " + says(c.second);
      AddReason(kConflictRule, DecisionKind::kReview, p_.builtin_cites.party_conflict,
                kConflictMessage, detail, -1);
      out_.reasons.back().source = ReasonSource::kConflict;
      if (trace_)
        trace_->entries.push_back({"shipment", std::string(kConflictRule), "conflict", detail});
    }
  }

  // Owners' and parents' names: a possible match asks for review like a party's own name; an
  // exact hit adds no reason by itself (what it holds decides, in AffiliateReasons) and is traced.
  // Parties and list entries not in force on the date were left out by the resolver.
  void ScreenRelated() {
    for (const RelatedHit& o : s_.related_hits) {
      const PartyHit& hit = o.hit;
      std::string detail = std::string(hit.role) + " `" + hit.name + "` of " + o.of;
      if (o.on_list) {
        RelatedListHit(hit, std::move(detail));
        continue;
      }
      const PartyInfo& pi = p_.parties[hit.party];
      if (hit.kind == PartyMatchKind::kExact) {
        if (trace_)
          trace_->entries.push_back({"party", pi.id, std::string(hit.role) + " match",
                                     detail + " matches `" + pi.name + "`"});
        continue;
      }
      detail += PossibleMatchDetail(hit, pi);
      AddReason(pi.id, DecisionKind::kReview, pi.cite, kPossibleMatchMessage, detail, -1);
      out_.reasons.back().source = ReasonSource::kParty;
      if (trace_)
        trace_->entries.push_back(
            {"party", pi.id, std::string("possible ") + hit.role + " match", detail});
    }
  }

  // An owner's or parent's hit on an imported list entry, worded as the party's own would be
  // (ListHitReason): a possible match is a `review` reason, an exact one only traced.
  void RelatedListHit(const PartyHit& hit, std::string who) {
    bool exact = hit.kind == PartyMatchKind::kExact;
    if (exact && !trace_) return;  // nothing to say: no text built per line
    Reason r = ListHitReason(*s_.lists, s_.list_versions, hit, std::move(who));
    if (trace_)
      trace_->entries.push_back({"list", std::string(r.rule),
                                 (exact ? "" : "possible ") + std::string(hit.role) + " match",
                                 r.detail});
    if (exact) return;
    out_.reasons.push_back(std::move(r));
    sc_.reason_rule.push_back(-1);
  }

  // The affiliates rule's findings while it is in force. An affiliate takes the listed owners'
  // most restrictive effect; its rule index is -1, so no license exception covers it. Unknown
  // ownership is listed in `affiliates_unchecked`, and is `review` here when the pack says so
  // (else a note, added in AffiliateNotes after the "no reason at all" check).
  void AffiliateReasons() {
    const AffiliatesInfo& a = p_.affiliates;
    for (const AffiliateFinding& f : s_.affiliates) {
      using Kind = AffiliateFinding::Kind;
      // Both branches views: a `std::string : const char*` conditional would make a temporary.
      std::string_view cite =
          s_.affiliates_period ? std::string_view(s_.affiliates_period->cite) : std::string_view();
      if (f.kind == Kind::kUnchecked) {
        out_.affiliates_unchecked.push_back(f.party);
        if (!a.unknown_review) continue;
      }
      std::string_view message = f.kind == Kind::kAffiliate      ? std::string_view(a.message)
                                 : f.kind == Kind::kPossible     ? kPossibleAffiliateMessage
                                 : f.kind == Kind::kUndetermined ? kUndeterminedMessage
                                 : f.kind == Kind::kParentListed ? kParentListedMessage
                                                                 : kUncheckedMessage;
      AddReason(a.id, f.decision, cite, message, f.detail, -1);
      out_.reasons.back().source =
          f.kind == Kind::kUnchecked ? ReasonSource::kOwnershipUnknown : ReasonSource::kAffiliate;
      if (trace_)
        trace_->entries.push_back(
            {"affiliates", a.id, std::string(DecisionName(f.decision)), f.detail});
    }
  }

  // Unknown ownership under `unknown_ownership: note`: said on the line, never changing it.
  void AffiliateNotes() {
    if (p_.affiliates.unknown_review) return;
    for (const AffiliateFinding& f : s_.affiliates) {
      if (f.kind != AffiliateFinding::Kind::kUnchecked) continue;
      AddReason(p_.affiliates.id, DecisionKind::kNoLicenseRequired, s_.affiliates_period->cite,
                kUncheckedMessage, f.detail, -1);
      out_.reasons.back().source = ReasonSource::kOwnershipUnknown;
    }
  }

  // Combination (docs/rule-language.md, "How a line is decided", step 5): the most restrictive
  // reason decides; a license requirement may become license_exception when one exception covers
  // all of them, but a review reason on the same line still makes the decision review. Notes are
  // added after the "no reason at all" check, so a note alone never hides `uncontrolled`.
  void Finish() {
    DecisionKind d = DecisionKind::kNoLicenseRequired;
    bool needs_license = false;
    for (const auto& r : out_.reasons) {
      d = MostRestrictive(d, r.decision);
      needs_license |= r.decision == DecisionKind::kLicenseRequired;
    }
    if (needs_license && d == DecisionKind::kLicenseRequired) {
      if (const ExceptionInfo* e = FindException()) {
        d = DecisionKind::kLicenseException;
        for (const auto& r : out_.reasons) {
          if (r.decision == DecisionKind::kReview) d = DecisionKind::kReview;
        }
        // A decision names an exception only when the exception decided it.
        if (d == DecisionKind::kLicenseException) {
          ExceptionUse use{e->code, e->id, e->cite, {}};
          for (const auto& c : e->conditions) use.conditions.push_back(c);
          out_.exception = std::move(use);
        }
      }
    }
    if (out_.reasons.empty()) {
      AddReason("uncontrolled", DecisionKind::kNoLicenseRequired, p_.builtin_cites.uncontrolled,
                kUncontrolledMessage, "", -1);
    }
    AddNotes();
    AffiliateNotes();
    SortReasons();
    out_.decision = d;
  }

  // The first exception (pack order) eligible for every license requirement on the line.
  // Conditions, in the order checked: every license_required reason comes from a rule (party and
  // built-in reasons are never covered, so one of them ends the search); the exception's `covers`
  // lists each such rule; its `classes`, if any, are known true for the item itself (name_state,
  // not `contains`: a component's class does not qualify the item); its `when` is true. Unknown
  // counts as not met (fail closed). ep_.exceptions holds those in force and enabled, pack order.
  // Only called after EvaluateRules, so the item's node state in sc_ is complete.
  const ExceptionInfo* FindException() {
    for (size_t i = 0; i < out_.reasons.size(); ++i) {
      if (out_.reasons[i].decision == DecisionKind::kLicenseRequired && sc_.reason_rule[i] < 0)
        return nullptr;
    }
    const ItemState& st = sc_.nodes[item_.index];
    VmInput in = Input(item_, st);
    for (int e : ep_.exceptions) {
      const ExceptionInfo& ei = p_.exceptions[e];
      bool covers_all = true;
      for (size_t i = 0; i < out_.reasons.size() && covers_all; ++i) {
        if (out_.reasons[i].decision != DecisionKind::kLicenseRequired) continue;
        bool covered = false;
        for (int r : ei.covers) covered |= r == sc_.reason_rule[i];
        covers_all = covered;
      }
      uint8_t cls = ei.class_names.empty() ? kTrue : kFalse;
      for (int n : ei.class_names) cls = TriOr(cls, st.name_state[n]);
      // The `when` is run only for an exception that could apply, so its trace shows `false`
      // otherwise.
      uint8_t cond = covers_all && cls == kTrue ? RunPredicate(ei.when, in) : kFalse;
      if (trace_) {
        trace_->entries.push_back({"exception", ei.id, TriName(cond),
                                   std::string("covers every requirement: ") +
                                       (covers_all ? "yes" : "no") + ", classes " + TriName(cls) +
                                       "; " + Values(ei.when, item_)});
      }
      if (cond == kTrue) return &ei;
    }
    return nullptr;
  }

  void SortReasons() {
    // Most restrictive first, pack order kept within a decision value: an insertion sort, since
    // lines have a handful of reasons and std::stable_sort would allocate a buffer.
    auto& r = out_.reasons;
    for (size_t i = 1; i < r.size(); ++i) {
      for (size_t j = i; j > 0 && r[j].decision < r[j - 1].decision; --j) std::swap(r[j], r[j - 1]);
    }
  }

  // Every reason goes through here so reason_rule stays parallel to out_.reasons (the rule index,
  // or -1 for built-in, party, class and undecided reasons). The views must outlive the decision:
  // they point into the Program or at the constants above.
  void AddReason(std::string_view rule, DecisionKind d, std::string_view cite,
                 std::string_view message, std::string detail, int rule_index) {
    out_.reasons.push_back(Reason{rule, d, cite, message, std::move(detail)});
    sc_.reason_rule.push_back(rule_index);
  }

  // ---- descriptions (slow path: review reasons and traces only) ----
  // "missing a, b": the non-derived attributes and facts the code reads that are absent (a derived
  // attribute's inputs are in attr_refs too, so they are named instead of it). When none is
  // absent, the absent derived attributes (undefined values, e.g. a division by zero) are named
  // as "undefined"; when there is none either, the fixed fallback text below is returned, and
  // Why() relies on that exact text.
  std::string Missing(const Code& code, const ResolvedItemData& item) const {
    std::string out;
    for (size_t a = 0; a < p_.attrs.size(); ++a) {
      if (((code.attr_refs >> a) & 1) && !((item.present >> a) & 1) && !p_.attrs[a].derived) {
        out += (out.empty() ? "" : ", ") + p_.attrs[a].name;
      }
    }
    for (int f = 0; f < kFactCount; ++f) {
      if (((code.fact_refs >> f) & 1) && !((fact_present_ >> f) & 1)) {
        out += (out.empty() ? "" : ", ") + std::string(kFacts[f].name);
      }
    }
    if (out.empty()) {
      for (size_t a = 0; a < p_.attrs.size(); ++a) {
        if (((code.attr_refs >> a) & 1) && !((item.present >> a) & 1))
          out += (out.empty() ? "" : ", ") + p_.attrs[a].name;
      }
      return out.empty() ? "the condition could not be evaluated" : "undefined " + out;
    }
    return "missing " + out;
  }

  // For a rule whose classes are unknown: which class of the item could not be decided and why,
  // and which class names some component may have. Slow path only (review details).
  std::string DescribeUnknownClasses(const RuleInfo& ri, const ItemState& st) {
    std::string out;
    for (int n : ri.class_names) {
      if (st.name_state[n] == kUnknown) {
        for (int c : p_.classes_of_name[n]) {
          if (st.class_state[c] != kUnknown) continue;
          out += (out.empty() ? "" : "; ") + std::string("cannot tell whether part `") +
                 item_.part + "` is " + p_.classes[c].id + ": " +
                 Missing(p_.classes[c].when, item_);
        }
      }
      if (st.contains[n] == kUnknown) {
        out += (out.empty() ? "" : "; ") + std::string("a component may be ") + p_.class_names[n] +
               ": " + DescribeComponents();
      }
    }
    return out.empty() ? "classification incomplete" : out;
  }

  // Why a condition of the line's item is unknown: its missing inputs, or else what is unknown
  // about its components.
  std::string Why(const Code& code) {
    std::string why = Missing(code, item_);
    if (why != "the condition could not be evaluated") return why;
    std::string comps = DescribeComponents();
    return comps.empty() ? why : comps;
  }

  // What is unknown about the line's components: bills of materials that are not known or cannot
  // be used, and components missing attributes a class reads. Each distinct node is described
  // once (the `checked` flags are reused: CheckData is done by now).
  std::string DescribeComponents() {
    std::fill(sc_.checked.begin(), sc_.checked.end(), 0);
    std::string out;
    DescribeContents(item_, out);
    return out;
  }

  // Depth-first over the DAG; per component, the first class in force whose `when` reads an
  // attribute the component lacks gives the description.
  void DescribeContents(const ResolvedItemData& item, std::string& out) {
    if (sc_.checked[item.index]) return;
    sc_.checked[item.index] = 1;
    if (item.contents != ContentsStatus::kKnown)
      out += (out.empty() ? "" : "; ") + item.contents_note;
    for (const auto& child : item.children) {
      const ResolvedItemData& c = *child;
      std::string m;
      for (size_t k = 0; k < p_.classes.size() && m.empty(); ++k) {
        bool active = std::find(ep_.classes.begin(), ep_.classes.end(), static_cast<int>(k)) !=
                      ep_.classes.end();
        if (active && (p_.classes[k].when.attr_refs & ~c.present))
          m = Missing(p_.classes[k].when, c);
      }
      if (!m.empty() && !sc_.checked[c.index])
        out += (out.empty() ? "" : "; ") + std::string("component `") + c.part + "` " + m;
      DescribeContents(c, out);
    }
  }

  // For traces: the code's text and the value of each attribute and fact it reads.
  std::string Values(const Code& code, const ResolvedItemData& item) const {
    std::string out = code.text.empty() ? "always" : "`" + code.text + "`";
    std::string vals;
    for (size_t a = 0; a < p_.attrs.size(); ++a) {
      if (!((code.attr_refs >> a) & 1)) continue;
      vals +=
          (vals.empty() ? "" : ", ") + p_.attrs[a].name + "=" + ShowAttr(item, static_cast<int>(a));
    }
    for (int f = 0; f < kFactCount; ++f) {
      if (!((code.fact_refs >> f) & 1)) continue;
      vals += (vals.empty() ? "" : ", ") + std::string(kFacts[f].name) + "=" + ShowFact(f);
    }
    return vals.empty() ? out : out + " with " + vals;
  }

  // An attribute's value; a free string as it was given (ResolvedItemData::texts).
  std::string ShowAttr(const ResolvedItemData& item, int a) const {
    const RtValue& v = item.slots[a];
    if (v.known && static_cast<Type>(p_.attrs[a].type) == Type::kString) {
      for (const auto& [slot, text] : item.texts)
        if (slot == a) return "'" + text + "'";
    }
    return Show(v, p_.attrs[a].type);
  }

  // A shipment fact's value; names, ids and the end use as stated or resolved (fact_text), so a
  // value that no rule names still shows what it is.
  std::string ShowFact(int f) const {
    if (f == kFactQuantity) return Show(RtValue{item_.quantity, 0, true}, kFacts[f].type);
    const RtValue& v = facts_[f];
    if (v.known && kFacts[f].type == Type::kString && !s_.fact_text[f].empty())
      return "'" + s_.fact_text[f] + "'";
    return Show(v, static_cast<int>(kFacts[f].type));
  }

  // Strings and enums are interned ids; the reverse lookup is a linear scan, acceptable only
  // because this runs for traces and review details. Free strings and string facts are shown
  // from their text by ShowAttr and ShowFact before they get here.
  std::string Show(const RtValue& v, Type type) const { return Show(v, static_cast<int>(type)); }
  std::string Show(const RtValue& v, int type) const {
    if (!v.known) return "missing";
    switch (static_cast<Type>(type)) {
      case Type::kNumber: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v.num);
        return buf;
      }
      case Type::kBool:
        return v.i ? "true" : "false";
      case Type::kDate:
        return FormatDate(Date{v.i});
      case Type::kCountry: {
        char cc[3];
        CountryCode(v.i, cc);
        return cc;
      }
      default:
        for (const auto& [text, id] : p_.strings) {
          if (id == v.i) return "'" + text + "'";
        }
        return "(a value no rule names)";
    }
  }

  void TraceInactiveClasses() {
    for (size_t c = 0; c < p_.classes.size(); ++c) {
      bool active = false;
      for (int a : ep_.classes) active |= a == static_cast<int>(c);
      if (!active)
        trace_->entries.push_back(
            {"class", p_.classes[c].id, "not in effect",
             DescribeClassTiming(TimingOfClass(p_, static_cast<int>(c), s_.epoch)) + " (date " +
                 FormatDate(s_.date) + ")"});
    }
  }

  // Traces every rule that was not a candidate: disabled, not in force on the date, or in force
  // but filed under class names that are all false for the item (or the item has no data).
  void TraceUnconsideredRules() {
    for (size_t r = 0; r < p_.rules.size(); ++r) {
      if ((sc_.candidates[r / 64] >> (r % 64)) & 1) continue;
      bool active = ep_.any_rules.end() !=
                    std::find(ep_.any_rules.begin(), ep_.any_rules.end(), static_cast<int>(r));
      for (const auto& bucket : ep_.rules_by_name)
        active |= std::find(bucket.begin(), bucket.end(), static_cast<int>(r)) != bucket.end();
      const RuleInfo& ri = p_.rules[r];
      if (!ri.enabled) {
        trace_->entries.push_back(
            {"rule", ri.id, "disabled",
             "switched off in the pack" +
                 (ri.disabled_reason.empty() ? "" : ": " + ri.disabled_reason)});
        continue;
      }
      trace_->entries.push_back({"rule", ri.id, active ? "not applicable" : "not in effect",
                                 active ? "the item has none of its classes" : ""});
    }
  }

 public:
  // Classification without rules: the classes the item meets and what could not be decided.
  // Used by the inventory audit. `complete` is false when a class in force could not be decided
  // or a bill of materials cannot be used; `missing` says why. Contradictions become `reviews`.
  // The reasons CheckData adds are read and then discarded: only classes are reported here.
  void ClassifyOnly(Engine::Classification& out) {
    out_.Clear();
    sc_.reason_rule.clear();
    Reset();
    if (!item_.has_data && item_.children.empty()) {
      out.complete = false;
      out.missing = "no technical data" + (item_.note.empty() ? "" : " (" + item_.note + ")");
      return;
    }
    // Unusable bills of materials and contradictions anywhere in the item (reasons of CheckData).
    CheckData(item_);
    for (const auto& r : out_.reasons) {
      if (r.rule == kContradictionRule) out.reviews.push_back(r.detail);
      if (r.rule == kContentsRule) {
        out.complete = false;
        out.missing += (out.missing.empty() ? "" : "; ") + r.detail;
      }
    }
    out_.Clear();
    sc_.reason_rule.clear();
    const ItemState& st = Classify(item_);
    ReportClasses(st);
    out.classes = out_.classes;
    for (int c : ep_.classes) {
      const ClassInfo& ci = p_.classes[c];
      // An undecided sub-paragraph does not matter once its paragraph is known to apply.
      if (st.class_state[c] != kUnknown || st.name_state[ci.paragraph_name] == kTrue) continue;
      std::string why = Why(ci.when);
      out.complete = false;
      out.missing += (out.missing.empty() ? "" : "; ") + ci.id + ": " + why;
    }
    ItemOnlyReviews(st, out);
  }

  // Review rules that read only the item (no shipment fact) fire whatever the shipment, so they
  // are part of the item's classification (the inventory audit reports them).
  // Only rules in force on the epoch are considered, and only a `true` result is reported: an
  // unknown one adds nothing here.
  void ItemOnlyReviews(const ItemState& st, Engine::Classification& out) {
    for (size_t r = 0; r < p_.rules.size(); ++r) {
      const RuleInfo& ri = p_.rules[r];
      if (ri.decision != DecisionKind::kReview || ri.when.fact_refs != 0) continue;
      bool active = std::find(ep_.any_rules.begin(), ep_.any_rules.end(), static_cast<int>(r)) !=
                    ep_.any_rules.end();
      for (const auto& bucket : ep_.rules_by_name)
        active |= std::find(bucket.begin(), bucket.end(), static_cast<int>(r)) != bucket.end();
      if (!active) continue;
      uint8_t cls = ri.any_item ? kTrue : kFalse;
      for (int n : ri.class_names) cls = TriOr(cls, st.name_state[n]);
      if (TriAnd(cls, cls == kFalse ? kFalse : RunPredicate(ri.when, Input(item_, st))) == kTrue) {
        out.reviews.push_back(ri.id + ": " + ri.message);
      }
    }
  }

 private:
  const Program& p_;
  const ResolvedShipmentData& s_;
  const ResolvedItemData& item_;
  LineDecision& out_;
  Trace* trace_;
  const Epoch& ep_;
  Scratch& sc_;
  const RtValue* facts_ = nullptr;
  uint32_t fact_present_ = 0;
};

}  // namespace

// `shipment` and `item` must have been resolved against the same Program; a rule whose condition
// was not precomputed for the shipment is run per line. `trace`, when given, receives every
// class, rule, exception, party and note considered.
void Evaluator::Decide(const ResolvedShipmentData& shipment, const ResolvedItemData& item,
                       LineDecision& out, Trace* trace) const {
  LineEval(p_, shipment, item, out, trace).Run();
}

void Evaluator::Classify(const ResolvedItemData& item, int epoch,
                         Engine::Classification& out) const {
  ResolvedShipmentData none;  // classification reads no shipment facts
  none.epoch = epoch;
  LineDecision scratch;
  LineEval(p_, none, item, scratch, nullptr).ClassifyOnly(out);
}

// Runs once per shipment every rule condition that reads only shipment facts (shipment_only),
// so lines do not repeat it. Such code reads no attribute or class name, hence the null slots
// and the one-element dummy name state. Other rules stay kNotPrecomputed.
void Evaluator::PrecomputeShipmentRules(ResolvedShipmentData& s) const {
  static const uint8_t kNone[1] = {0};
  s.rule_when.assign(p_.rules.size(), ResolvedShipmentData::kNotPrecomputed);
  VmInput in{nullptr, 0, s.facts, s.fact_present, RtValue{}, kNone, kNone, &p_.epochs[s.epoch],
             &p_};
  for (size_t r = 0; r < p_.rules.size(); ++r) {
    if (p_.rules[r].when.shipment_only) s.rule_when[r] = RunPredicate(p_.rules[r].when, in);
  }
}

// Derived attributes in dependency order (derived_order), so each reads only values set before
// it. An undefined result leaves the attribute absent (unknown). Derived code reads no facts or
// class names; the first epoch is passed only because VmInput needs one.
void Evaluator::ComputeDerived(ResolvedItemData& item) const {
  static const uint8_t kNone[1] = {0};
  for (int a : p_.derived_order) {
    VmInput in{item.slots.data(), item.present, nullptr, 0, RtValue{}, kNone, kNone,
               &p_.epochs[0],     &p_};
    RtValue v = RunValue(p_.attrs[a].code, in);
    item.slots[a] = v;
    if (v.known) item.present |= uint64_t{1} << a;
  }
}

}  // namespace chipgate
