// The inventory audit: one streaming pass over parts (classification, and the two-date
// comparison) and one over shipments (re-check under the rules of each ship date), then the
// replay of the lines naming a license against the licenses held (license_findings.h). Results
// for parts with identical technical data are computed once.
//
// The audit names no regulation: which class families are controlled, which destinations the
// two-date comparison decides for, and the citations of the reasons it adds itself all come from
// the pack through the Engine (IsControlled, CompareDestinations, AuditCite).
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "auditor/change_cause.h"
#include "auditor/license_findings.h"
#include "auditor/ordered_chunks.h"
#include "auditor/stored_facts.h"
#include "base/country.h"
#include "base/eccn.h"
#include "base/license_value.h"
#include "chipgate/audit_entry.h"
#include "chipgate/declared_class.h"
#include "chipgate/inventory_audit.h"

namespace chipgate {
namespace {

// The facts of an item and its bill of materials as text. A component shared by several parents
// (one object, see Components) is written once and then referred to by number, so the key of a
// DAG is as long as the DAG, not as its number of paths.
class FactsKeyWriter {
 public:
  // The key of `item`, valid until the next call: the writer's buffers are reused part to part.
  const std::string& Key(const ItemFacts& item) {
    key_.clear();
    seen_.clear();
    Append(item);
    return key_;
  }

 private:
  void Append(const ItemFacts& item) {
    auto [it, first] = seen_.emplace(&item, seen_.size());
    if (!first) {
      key_ += '#';
      key_ += std::to_string(it->second);
      return;
    }
    key_ += '{';
    for (const auto& [name, v] : item.specs) {
      key_ += name;
      key_ += '=';
      key_ += v.Text();
      key_ += ';';
    }
    // How much is known about the contents is part of the facts: "nothing" differs from "not said".
    key_ += "contents=";
    key_ += std::to_string(static_cast<int>(item.contents));
    key_ += ';';
    for (const auto& c : item.components) {
      key_ += std::to_string(c.quantity);
      key_ += 'x';
      Append(c);
    }
    key_ += '}';
  }

  std::string key_;
  std::unordered_map<const ItemFacts*, size_t> seen_;
};

// Identical technical data (and bill of materials) gives an identical key; each worker's cache
// holds at most this many results.
constexpr size_t kMaxCached = 1 << 16;

// The cycles in an item's stored bill of materials (each as written by the store: smallest part
// number first), each distinct node visited once.
void FindCycles(const ItemFacts& item, std::unordered_set<const ItemFacts*>& seen,
                std::vector<std::vector<std::string>>& out) {
  if (!seen.insert(&item).second) return;
  if (item.contents == ContentsState::kCyclic &&
      std::find(out.begin(), out.end(), item.bom_cycle) == out.end()) {
    out.push_back(item.bom_cycle);
  }
  for (const auto& c : item.components) FindCycles(c, seen, out);
}

// A decision's reasons as the audit records them: owned strings, since a finding outlives the
// decision (whose views point into the engine's program).
std::vector<AuditReason> Reasons(const LineDecision& d) {
  std::vector<AuditReason> out;
  for (const auto& r : d.reasons) {
    out.push_back({std::string(r.rule), std::string(DecisionName(r.decision)), std::string(r.cite),
                   r.Text()});
  }
  return out;
}

// A destination whose decision for a part differs between the two dates of --compare-date, and
// why (change_cause.h).
struct DestinationChange {
  std::string destination;
  DecisionKind before, after;  // on the earlier and on the later date
  std::vector<ChangeCause> causes;
};

// What classifying one part's facts gave: shared by every part with the same facts.
struct PartResult {
  Engine::Classification cls;
  std::string computed;  // the first (paragraph) class, or "uncontrolled" / "unclassifiable"
  std::vector<DestinationChange> compare;  // --compare-date only
  // The classes met as a finding's reasons (PartWorker::ClassReasons); made for the first finding
  // about parts with these facts, nullopt before.
  std::optional<std::vector<AuditReason>> class_reasons;
};

// What the parts pass reads besides the engine, fixed before the first part is read and shared,
// read-only, by every worker.
struct PartContext {
  Date date;             // --date
  bool compare = false;  // --compare-date given
  Date changes_from, changes_to;
  std::vector<std::string> compare_destinations;
  const std::vector<PackChange>* pack_changes = nullptr;  // the pack's dated changes
  std::string pack;                                       // the pack's name, for summaries
};

// What one part gives the report: made by a worker (PartWorker::Evaluate), then applied to the
// report in catalogue order (Auditor::ApplyPart), so any number of workers give one report.
struct PartOutcome {
  bool on_cycle = false;  // on a bill-of-materials cycle: counted unclassifiable, nothing else
  // The bom_cycle findings of the cycles the part is on, each with the cycle's text.
  std::vector<std::pair<std::string, AuditFinding>> cycles;
  std::string computed;                    // the class counted in parts_by_class
  std::vector<AuditFinding> findings;      // in report order
  std::vector<DestinationChange> changes;  // --compare-date only
  void Clear() {
    on_cycle = false;
    cycles.clear();
    findings.clear();
    changes.clear();
  }
};

// A part as read, with its outcome: the unit of work handed to the workers (OrderedChunks).
struct PartSlot {
  std::string part, declared;
  ItemFacts item;
  PartOutcome out;
};

// Classifies parts one at a time; one per thread. Not thread-safe: the cache and scratch members
// are reused from part to part. Reads only the engine (immutable, shared) and the context.
class PartWorker {
 public:
  PartWorker(const Engine& e, const PartContext& c) : engine_(e), ctx_(c) {}

  // One part of the catalogue: at most one classification finding (misclassified or
  // unclassifiable) plus a review finding, and its --compare-date changes.
  void Evaluate(const std::string& part, const std::string& declared, const ItemFacts& item,
                PartOutcome& out) {
    out.Clear();
    if (CycleFindings(part, item, out)) return;
    PartResult& r = Classify(item);
    if (!r.cls.reviews.empty()) ReviewFinding(part, declared, item, r, out);
    out.computed = r.computed;
    if (ctx_.compare) out.changes = r.compare;
    // The declared classification is compared only within controlled families: a part computed
    // in one must be declared exactly that; a part computed in none must not be declared in one.
    // Declarations outside every controlled family (EAR99, 5A992.c) are not the pack's business.
    // Decide whether there is a finding first: most parts have none, and building one is costly.
    const DeclaredCheck check = CheckDeclared(engine_, r.cls, declared);
    if (check == DeclaredCheck::kAgrees || check == DeclaredCheck::kNotCompared) return;
    std::string norm = NormalizeEccn(declared);
    AuditFinding f;
    f.part = part;
    DecisionFacts facts;
    facts.item = &item;
    facts.declared_eccn = declared;
    facts.classified_on = ctx_.date;
    f.facts_digest = FactsDigest(facts);
    f.declared = declared;  // empty: none declared (the reports show that)
    // The summary is a sentence for people, where no declaration reads `(none)`.
    const std::string shown = declared.empty() ? "(none)" : declared;
    f.computed = r.computed;
    if (!r.cls.classes.empty()) f.reasons = ClassReasons(item, r);
    if (check == DeclaredCheck::kUnclassifiable) {
      // A part already declared controlled is held anyway: not knowing its class matters less.
      f.kind = "unclassifiable";
      f.severity = engine_.IsControlled(norm) ? "low" : "high";
      f.summary = "cannot be classified on " + FormatDate(ctx_.date) + ": " + r.cls.missing;
      f.reasons.push_back(
          {"item-data", "review", engine_.AuditCite(AuditReasonId::kItemData), r.cls.missing});
    } else if (check == DeclaredCheck::kDiffers) {
      // Under-declared (or declared as another paragraph): shipments may have left unlicensed.
      f.kind = "misclassified";
      f.severity = "high";
      f.summary = "declared " + shown + " but its technical data meets " + r.computed;
      f.reasons.insert(f.reasons.begin(),
                       DeclaredReason("the declared ECCN " + shown + " is not " + r.computed +
                                      ", the class its technical data meets"));
    } else {
      // Over-declared: the part is held more than it needs to be, which costs but breaks no rule.
      f.kind = "misclassified";
      f.severity = "low";
      f.summary = r.cls.classes.empty()
                      ? "declared " + shown + " but its technical data meets no class of the " +
                            ctx_.pack + " pack"
                      : "declared " + shown + " but its technical data meets only " + r.computed +
                            ", a class the " + ctx_.pack + " pack does not mark controlled";
      f.reasons.insert(f.reasons.begin(),
                       DeclaredReason("the declared ECCN " + shown +
                                      " is in a controlled family, but the technical data "
                                      "meets no class of that family"));
    }
    out.findings.push_back(std::move(f));
  }

 private:
  // Parts without a bill of materials are cheap to classify and nearly all distinct in a real
  // catalogue, so building a key for each costs more than the cache saves; bills of materials
  // and --compare-date (two decisions per comparison destination) are worth caching.
  PartResult& Classify(const ItemFacts& item) {
    if (item.components.empty() && !ctx_.compare) {
      Compute(item, scratch_);
      return scratch_;
    }
    const std::string& key = keys_.Key(item);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    PartResult r;
    Compute(item, r);
    // A bounded cache keeps memory flat however many distinct parts there are.
    if (cache_.size() >= kMaxCached) cache_.clear();
    return cache_.emplace(key, std::move(r)).first->second;
  }

  // Classifies on --date. Facts the pack cannot type (a value of the wrong kind) make the part
  // unclassifiable rather than silently dropping the value, which could clear it.
  void Compute(const ItemFacts& item, PartResult& r) {
    diags_.clear();
    ResolvedItem resolved = engine_.ResolveItem(item, diags_);
    r.cls = engine_.Classify(resolved, ctx_.date);
    if (!diags_.empty()) {
      r.cls.complete = false;
      r.cls.missing = "invalid data: " + diags_.front().message;
    }
    r.computed = ComputedClassName(r.cls);
    r.compare.clear();
    r.class_reasons.reset();
    if (ctx_.compare) Compare(resolved, r);
  }

  // The --compare-date shipments: one per destination compared and date, resolved once for all
  // parts. The consignee and end user are anonymous, so only the destination decides: their
  // owners are given as none, since who owns the buyer is each real shipment's question, not a
  // change of the part's or the destination's rules (unknown owners would hold every line under
  // the affiliates rule and bury the changes).
  void PrepareCompare() {
    std::vector<Diagnostic> diags;
    for (const std::string& dest : ctx_.compare_destinations) {
      ShipmentFacts s;
      s.consignee = PartyFacts::Of("", dest, dest, "");
      s.consignee.ownership = OwnershipState::kGiven;
      s.consignee.owners.nodes.push_back({"", "", dest, {}});
      s.end_user = s.consignee;
      s.date = ctx_.changes_from;
      ResolvedShipment before = engine_.ResolveShipment(s, diags);
      s.date = ctx_.changes_to;
      compare_.push_back({dest, std::move(before), engine_.ResolveShipment(s, diags)});
    }
  }

  // Only a change of decision is reported; a part decided alike on both dates adds nothing.
  void Compare(const ResolvedItem& item, PartResult& r) {
    if (!compare_prepared_) PrepareCompare();
    compare_prepared_ = true;
    LineDecision before, after;
    for (const auto& c : compare_) {
      engine_.Decide(c.before, item, before);
      engine_.Decide(c.after, item, after);
      if (before.decision == after.decision) continue;
      r.compare.push_back({c.destination, before.decision, after.decision,
                           CausesOfChange(before, after, c.destination, ctx_.changes_from,
                                          ctx_.changes_to, *ctx_.pack_changes)});
    }
  }

  // A part on a bill-of-materials cycle: one `bom_cycle` finding per cycle, for all its parts, and
  // no other finding for them (they cannot be classified, and the cycle is the thing to fix).
  // Each cycle's finding goes with its text: the audit reports a cycle once, for the first part
  // on it read (Auditor::ApplyPart).
  bool CycleFindings(const std::string& part, const ItemFacts& item, PartOutcome& out) {
    // Most parts have no bill of materials: nothing to walk (and no set to allocate).
    if (item.components.empty() && item.contents != ContentsState::kCyclic) return false;
    std::unordered_set<const ItemFacts*> seen;
    std::vector<std::vector<std::string>> cycles;
    FindCycles(item, seen, cycles);
    bool on_cycle = false;
    for (const auto& cycle : cycles) {
      if (std::find(cycle.begin(), cycle.end(), part) == cycle.end()) continue;
      on_cycle = true;
      std::string text;
      for (const auto& p : cycle) text += "`" + p + "` contains ";
      text += "`" + cycle.front() + "`";
      AuditFinding f;
      f.kind = "bom_cycle";
      f.severity = "high";
      f.part = cycle.front();
      f.declared = "(bill of materials)";
      f.computed = "unclassifiable";
      f.summary =
          "the bill of materials is cyclic: " + text + "; none of these parts can be classified";
      const std::string& cite = engine_.AuditCite(AuditReasonId::kBillOfMaterials);
      for (const auto& p : cycle)
        f.reasons.push_back(
            {"bill-of-materials", "review", cite, "part `" + p + "` is on the cycle"});
      f.facts_digest = PartFactsDigest(item, std::nullopt);
      out.cycles.emplace_back(std::move(text), std::move(f));
    }
    out.on_cycle = on_cycle;
    return on_cycle;
  }

  // The part needs review whatever the shipment: declared values its components contradict
  // (e.g. `datacenter: false` over datacenter ICs), or a review rule on the item alone fired.
  void ReviewFinding(const std::string& part, const std::string& declared, const ItemFacts& item,
                     const PartResult& r, PartOutcome& out) {
    AuditFinding f;
    f.kind = "part_needs_review";
    f.severity = "high";
    f.part = part;
    f.declared = declared;  // empty: none declared (the reports show that)
    f.computed = r.computed;
    f.summary = "needs review whatever the shipment: " + r.cls.reviews.front();
    for (const auto& c : r.cls.reviews)
      f.reasons.push_back(
          {"item-review", "review", engine_.AuditCite(AuditReasonId::kItemReview), c});
    f.facts_digest = PartFactsDigest(item, declared);
    out.findings.push_back(std::move(f));
  }

  // Why the part is classed as it is: the classes its data meets, as Decide reports them (typed:
  // source kClass, with the class's id, citation and title), each a reason with the decision
  // `classified` (a class met decides nothing alone). Decided once per facts and only for parts
  // with a finding, against an anonymous shipment on the audit date: classes read no shipment
  // fact.
  const std::vector<AuditReason>& ClassReasons(const ItemFacts& item, PartResult& r) {
    if (r.class_reasons) return *r.class_reasons;
    if (!class_shipment_ready_) {
      ShipmentFacts none;
      none.date = ctx_.date;
      std::vector<Diagnostic> ignored;  // the parties are unknown on purpose
      class_shipment_ = engine_.ResolveShipment(none, ignored);
      class_shipment_ready_ = true;
    }
    std::vector<Diagnostic> diags;
    LineDecision d;
    engine_.Decide(class_shipment_, engine_.ResolveItem(item, diags), d);
    r.class_reasons.emplace();
    for (const Reason& reason : d.reasons) {
      if (reason.source != ReasonSource::kClass) continue;
      r.class_reasons->push_back(
          {std::string(reason.rule), "classified", std::string(reason.cite), reason.Text()});
    }
    return *r.class_reasons;
  }

  // The reason every `misclassified` finding has first: the declaration against the computed
  // class (rule `declared-class`). Its decision is `review`: the declaration (or the data) is to
  // be corrected and the part's shipments looked at again. It cites what the pack cites for
  // classifying an item from its data (`audit: reason_cites: item-data`; us-ear: 15 CFR
  // 732.3(b)); the classes met follow with their own citations.
  AuditReason DeclaredReason(std::string message) const {
    return {"declared-class", "review", engine_.AuditCite(AuditReasonId::kItemData),
            std::move(message)};
  }

  // The facts a part finding was made from: the part as stored and completed, its declared ECCN
  // when the finding is about it, and the date it was classified at.
  std::string PartFactsDigest(const ItemFacts& item, std::optional<std::string> declared) const {
    DecisionFacts facts;
    facts.item = &item;
    facts.declared_eccn = std::move(declared);
    facts.classified_on = ctx_.date;
    return FactsDigest(facts);
  }

  const Engine& engine_;
  const PartContext& ctx_;
  // Results by FactsKeyWriter key, for parts with a bill of materials or with --compare-date.
  std::unordered_map<std::string, PartResult> cache_;
  FactsKeyWriter keys_;
  PartResult scratch_;  // the result of an uncached part
  struct CompareShipments {
    std::string destination;
    ResolvedShipment before, after;  // at --date and at --compare-date
  };
  std::vector<CompareShipments> compare_;
  bool compare_prepared_ = false;    // a pack may list no destination: compare_ stays empty
  ResolvedShipment class_shipment_;  // ClassReasons' anonymous shipment on the audit date
  bool class_shipment_ready_ = false;
  std::vector<Diagnostic> diags_;
};

// One audit run. The parts pass classifies on InventoryAuditOptions::threads workers; everything
// else runs on the calling thread. Findings are appended to the report in the order parts and
// shipments are read, whatever the number of workers.
class Auditor {
 public:
  Auditor(const Engine& e, const Store& s, const InventoryAuditOptions& o, InventoryAuditReport& r)
      : engine_(e), store_(s), opt_(o), report_(r), exception_codes_(e.ExceptionCodes()) {}

  // Parts first, then shipments. A store error, or an error while handling one part or shipment,
  // stops the walk and is returned; the report then holds what was done so far.
  Status Run() {
    report_.date = opt_.date;
    report_.compare_date = opt_.compare_date;
    if (opt_.compare_date) {
      if (Status s = PrepareDates(); !s.ok()) return s;
    }
    report_.pack = engine_.pack_name();
    report_.digest = engine_.digest();
    // The screening lists imported into the database are screened next to the pack's parties,
    // as `check --db` screens them: each shipment against the versions in force on its own date,
    // which every hit's reason names.
    auto stored = store_.ReadScreeningLists();
    if (!stored.ok()) return stored.status();
    lists_ = ScreeningLists::Build(std::move(stored.value()));
    for (const ScreeningListVersion& v : lists_.versions())
      report_.list_versions.push_back(v.Label());
    if (Status s = Parts(); !s.ok()) return s;
    Status inner;
    int64_t read = 0;
    Status s = store_.ForEachShipment([&](const StoredShipment& shipment) {
      inner = Shipment(shipment);
      Progress("shipments", ++read);
      return inner.ok();
    });
    if (!s.ok() || !inner.ok()) return s.ok() ? inner : s;
    GroupChanges();
    return Licenses();
  }

  // The lines naming a license number, replayed against the licenses held once every shipment
  // was re-decided (license_findings.h); their findings follow the shipments' own.
  Status Licenses() {
    auto held = store_.ReadLicenses(opt_.date);
    if (!held.ok()) return held.status();
    LicenseAudit audit = AuditLicenses(held.value(), std::move(licensed_), opt_.date);
    for (LicenseFinding& f : audit.findings) report_.findings.push_back(std::move(f.finding));
    report_.licenses = std::move(audit.licenses);
    return Status::Ok();
  }

 private:
  // Every 256th item only: the callback writes to a terminal, which is slow next to a decision.
  void Progress(const char* phase, int64_t n) {
    if (opt_.progress && n % 256 == 0) opt_.progress(phase, n);
  }

  // The parts pass. One thread: each part classified and applied as it is read. More: the parts
  // read here are classified in chunks on the workers while this thread reads on, and applied
  // here in the order they were read (OrderedChunks), so the report is the same.
  Status Parts() {
    ctx_.date = opt_.date;
    ctx_.compare = opt_.compare_date.has_value();
    ctx_.changes_from = report_.changes_from;
    ctx_.changes_to = report_.changes_to;
    ctx_.compare_destinations = report_.compare_destinations;
    ctx_.pack_changes = &pack_changes_;
    ctx_.pack = report_.pack;
    const size_t threads = opt_.threads > 0 ? static_cast<size_t>(opt_.threads)
                                            : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::unique_ptr<PartWorker>> workers;
    for (size_t i = 0; i < threads; ++i)
      workers.push_back(std::make_unique<PartWorker>(engine_, ctx_));
    if (threads == 1) {
      PartOutcome out;
      return store_.ForEachPartWithData(
          [&](const std::string& part, const std::string& declared, const ItemFacts& item) {
            workers[0]->Evaluate(part, declared, item, out);
            ApplyPart(part, out);
            return true;
          });
    }
    OrderedChunks<PartSlot> chunks(
        threads, opt_.chunk_parts,
        [&](size_t w, PartSlot& s) { workers[w]->Evaluate(s.part, s.declared, s.item, s.out); },
        [&](PartSlot& s) { ApplyPart(s.part, s.out); });
    Status s = store_.ForEachPartWithData(
        [&](const std::string& part, const std::string& declared, const ItemFacts& item) {
          PartSlot& slot = chunks.Next();
          slot.part = part;
          slot.declared = declared;
          slot.item = item;
          chunks.Add();
          return true;
        });
    if (!s.ok()) return s;
    chunks.Finish();
    return Status::Ok();
  }

  // One part's outcome into the report, in catalogue order: a cycle is reported once (for the
  // first part on it read), the part counted under its class, its findings and changes added.
  void ApplyPart(const std::string& part, PartOutcome& out) {
    for (auto& [text, f] : out.cycles) {
      if (reported_cycles_.insert(text).second) report_.findings.push_back(std::move(f));
    }
    Progress("parts", ++report_.parts);
    if (out.on_cycle) {
      ++report_.parts_by_class["unclassifiable"];
      return;
    }
    ++report_.parts_by_class[out.computed];
    for (const auto& c : out.changes) {
      size_t g = GroupOf(c.causes);
      grouped_[g].rows.push_back({part, c.destination, c.before, c.after});
      grouped_[g].parts.insert(part);
      auto& groups = affected_[{part, c.destination}];
      if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
    }
    for (AuditFinding& f : out.findings) report_.findings.push_back(std::move(f));
  }

  // The two dates in order, whichever was given first, and the destinations compared: those
  // asked for (each an ISO code, once) or the pack's.
  Status PrepareDates() {
    report_.changes_from = std::min(opt_.date, *opt_.compare_date);
    report_.changes_to = std::max(opt_.date, *opt_.compare_date);
    if (opt_.destinations.empty()) {
      report_.compare_destinations = engine_.CompareDestinations();
    } else {
      for (const std::string& d : opt_.destinations) {
        if (!IsIsoCountry(d))
          return Status::Error("destination `" + d +
                               "` is not an ISO 3166 country code (two capital letters, e.g. CN)");
        auto& seen = report_.compare_destinations;
        if (std::find(seen.begin(), seen.end(), d) == seen.end()) seen.push_back(d);
      }
    }
    pack_changes_ = PackChanges(engine_);
    return Status::Ok();
  }

  // The group of the changes put down to `causes`, made on first use.
  size_t GroupOf(const std::vector<ChangeCause>& causes) {
    auto [it, added] = group_index_.try_emplace(causes, grouped_.size());
    if (added) grouped_.push_back({});
    return it->second;
  }

  // Orders the groups by their causes (CauseBefore on the first differing cause) and lays their
  // rows out together in report.changes, each group's rows in the order the parts were read.
  void GroupChanges() {
    std::vector<const std::vector<ChangeCause>*> causes(grouped_.size());
    for (const auto& [key, index] : group_index_) causes[index] = &key;
    std::vector<size_t> order(grouped_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return std::lexicographical_compare(causes[a]->begin(), causes[a]->end(), causes[b]->begin(),
                                          causes[b]->end(), CauseBefore);
    });
    for (size_t index : order) {
      Grouped& g = grouped_[index];
      ChangeGroup out;
      out.causes = *causes[index];
      out.first = report_.changes.size();
      out.count = g.rows.size();
      out.parts = static_cast<int64_t>(g.parts.size());
      out.shipments = static_cast<int64_t>(g.shipments.size());
      for (StatusChange& row : g.rows) report_.changes.push_back(std::move(row));
      report_.change_groups.push_back(std::move(out));
    }
    grouped_.clear();
    group_index_.clear();
    affected_.clear();
  }

  // A shipment dated on or before the later compared date counts once for each group one of its
  // lines is in: the line's part to the end user's country.
  void CountAffected(const StoredShipment& sh, const ShipmentFacts& facts) {
    if (affected_.empty() || sh.date > report_.changes_to) return;
    for (const auto& line : sh.lines) {
      auto it = affected_.find({line.part, facts.end_user.country});
      if (it == affected_.end()) continue;
      for (size_t g : it->second) grouped_[g].shipments.insert(sh.id);
    }
  }

  // One recorded shipment, re-decided line by line under the rules in force on its own date,
  // with its parties completed from the customer master (stored_facts.h).
  // A shipment dated after the audit date is not audited: an audit as of a past date sees what
  // had shipped by then. It still counts towards the --compare-date changes up to the later date.
  Status Shipment(const StoredShipment& sh) {
    if (sh.date > opt_.date && (affected_.empty() || sh.date > report_.changes_to)) {
      ++report_.shipments_after_date;
      return Status::Ok();
    }
    auto completed = StoredShipmentFacts(store_, sh);
    if (!completed.ok()) return completed.status();
    const ShipmentFacts& facts = completed.value();
    CountAffected(sh, facts);
    if (sh.date > opt_.date) {
      ++report_.shipments_after_date;
      return Status::Ok();
    }
    ++report_.shipments;
    std::vector<Diagnostic> diags;
    ResolvedShipment resolved = engine_.ResolveShipment(facts, diags, &lists_);
    for (const auto& line : sh.lines) {
      ++report_.shipment_lines;
      auto item = StoredLineItem(store_, line);
      if (!item.ok()) return item.status();
      LineDecision d;
      engine_.Decide(resolved, engine_.ResolveItem(item.value(), diags), d);
      line_facts_ = DecisionFacts{};
      line_facts_.shipment = &facts;
      line_facts_.item = &item.value();
      line_facts_.license = line.license;
      CheckLine(sh, line, d);
      if (ClassifyLicenseValue(line.license) == LicenseValueKind::kLicenseNumber)
        licensed_.push_back(Licensed(sh, facts, line, d));
    }
    return Status::Ok();
  }

  // What the license replay needs of a line naming a license number: the request `check` would
  // make for it (the decision's classes, the end user's country, the parties as completed from
  // the customer master), and the finding every license finding of the line starts from.
  LicensedLine Licensed(const StoredShipment& sh, const ShipmentFacts& facts,
                        const StoredShipmentLine& line, const LineDecision& d) {
    LicensedLine out;
    out.request = RequestForLine(facts, sh.date, d, line.quantity, line.unit_value, line.license);
    out.decision = d.decision;
    out.base = Finding(sh, line, d);
    return out;
  }

  // A finding about one shipment line: `declared` is the recorded license, `computed` the
  // decision made now (with the eligible exception, if any).
  void Add(const StoredShipment& sh, const StoredShipmentLine& line, const LineDecision& d,
           std::string kind, std::string severity, std::string summary) {
    AuditFinding f = Finding(sh, line, d);
    f.kind = std::move(kind);
    f.severity = std::move(severity);
    f.summary = std::move(summary);
    report_.findings.push_back(std::move(f));
  }

  // What every finding about the line holds, whatever its kind: the subject, the recorded license
  // and the decision made now, its reasons, and the digest of the line's facts.
  AuditFinding Finding(const StoredShipment& sh, const StoredShipmentLine& line,
                       const LineDecision& d) const {
    AuditFinding f;
    f.part = line.part;
    f.shipment = sh.id;
    f.line = line.line;
    f.declared = line.license;  // empty: none recorded
    f.computed = std::string(DecisionName(d.decision)) +
                 (d.exception ? " " + std::string(d.exception->code) : "");
    f.reasons = Reasons(d);
    f.shipment_date = sh.date;
    f.destination =
        line_facts_.shipment ? line_facts_.shipment->end_user.country : sh.end_user.country;
    f.facts_digest = FactsDigest(line_facts_);
    return f;
  }

  // What the stored license value is worth: an exception code counts only when the pack knows
  // it, and a placeholder (`N/A`, `EAR99`; stored before import checked values, or written to the
  // database directly) counts as nothing. Anything unusable is a finding of its own.
  std::string UsableLicense(const StoredShipment& sh, const StoredShipmentLine& line,
                            const LineDecision& d) {
    const std::string& lic = line.license;
    LicenseValueKind kind = ClassifyLicenseValue(lic);
    if (kind == LicenseValueKind::kNone || kind == LicenseValueKind::kLicenseNumber) return lic;
    bool known = kind == LicenseValueKind::kExceptionCode &&
                 std::binary_search(exception_codes_.begin(), exception_codes_.end(), lic);
    if (known) return lic;
    std::string why =
        kind == LicenseValueKind::kExceptionCode
            ? "`" + lic + "` is not a License Exception the " + report_.pack + " pack knows"
            : "`" + lic + "` is not a license value (" + std::string(LicenseValueShapes()) + ")";
    Add(sh, line, d, "invalid_license",
        MayShip(d.decision) && d.decision != DecisionKind::kLicenseException ? "low" : "high",
        "recorded license " + why + "; the line is treated as unlicensed");
    return "";
  }

  // The reason of a rule in `audit: headquarters_rules` that holds the line (its decision is the
  // line's), or null. Such rules never hold a line together with a destination rule: the pack
  // writes them for the destinations the destination rules leave out.
  const Reason* HeadquartersReason(const LineDecision& d) const {
    for (const auto& r : d.reasons) {
      if (r.source == ReasonSource::kRule && r.decision == DecisionKind::kLicenseRequired &&
          engine_.IsHeadquartersRule(r.rule))
        return &r;
    }
    return nullptr;
  }

  // Compares what the decision required with what was recorded. A license number satisfies any
  // requirement here (whether the license held covered the line is the license replay's
  // question: Licenses()); an exception code must be the one that was eligible; a party hit is
  // reported even when the line needed nothing else.
  void CheckLine(const StoredShipment& sh, const StoredShipmentLine& line, const LineDecision& d) {
    const std::string lic = UsableLicense(sh, line, d);
    LicenseValueKind kind = ClassifyLicenseValue(lic);
    bool exception_code = kind == LicenseValueKind::kExceptionCode,
         license_number = kind == LicenseValueKind::kLicenseNumber;
    std::string when = "on " + FormatDate(sh.date) + " to " + sh.end_user.country;
    // Who the parties are: a listed party (pack or imported list), an affiliate of listed
    // parties, and sources that disagree about a party are findings of their own, whatever the
    // license column says, so a reviewer sees why the line is held.
    for (const auto& r : d.reasons) {
      const char* kind = r.source == ReasonSource::kParty       ? "party_hit"
                         : r.source == ReasonSource::kAffiliate ? "affiliate_of_listed_party"
                         : r.source == ReasonSource::kConflict  ? "party_conflict"
                                                                : nullptr;
      if (!kind) continue;
      bool possible = r.decision == DecisionKind::kReview;
      if (r.source == ReasonSource::kConflict) {
        Add(sh, line, d, kind, "medium", "sources disagree: " + r.detail);
      } else {
        std::string what = r.source == ReasonSource::kParty
                               ? (possible ? "possible restricted party: " : "restricted party: ")
                               : (possible ? "possible affiliate of listed parties: "
                                           : "affiliate of listed parties: ");
        Add(sh, line, d, kind, license_number ? "low" : "high",
            what + r.detail + (license_number ? " (a license is recorded)" : ""));
      }
    }
    // Parties whose owners nobody gave, while the affiliates rule was in force: listed once each
    // in the report (the line itself is a review finding when the pack holds such lines).
    for (const std::string& party : d.affiliates_unchecked) report_.ownership_unknown.insert(party);
    // A line held by a rule the pack marks as a headquarters rule is about who the buyer is, not
    // where the goods went: it gets its own kind, so a reviewer can tell the two apart.
    const Reason* hq = HeadquartersReason(d);
    const char* unlicensed = hq ? "headquarters_in_d5" : "unlicensed_shipment";
    std::string hq_note = hq ? " (rule `" + std::string(hq->rule) + "`)" : std::string();
    switch (d.decision) {
      case DecisionKind::kProhibited:
      case DecisionKind::kLicenseRequired:
        if (lic.empty())
          Add(sh, line, d, unlicensed, "high",
              "a license was required " + when + " and none is recorded" + hq_note);
        if (exception_code) {
          Add(sh, line, d, "exception_misused", "high",
              "recorded License Exception " + lic + ", but no exception could cover this line " +
                  when);
        }
        break;
      case DecisionKind::kLicenseException:
        // The line could have shipped under the exception, but only with it recorded.
        if (lic.empty()) {
          Add(sh, line, d, unlicensed, "medium",
              "License Exception " + std::string(d.exception->code) + " was needed " + when +
                  " and none is recorded" + hq_note);
        } else if (exception_code && lic != d.exception->code) {
          Add(sh, line, d, "exception_misused", "medium",
              "recorded License Exception " + lic + ", but the eligible exception " + when +
                  " was " + std::string(d.exception->code));
        }
        break;
      case DecisionKind::kReview: {
        // A date the pack does not model is its own kind of finding: no rule can re-check it.
        const Reason* outside = nullptr;
        for (const auto& r : d.reasons)
          outside = outside ? outside : r.source == ReasonSource::kCoverage ? &r : nullptr;
        if (outside) {
          Add(sh, line, d, "outside_coverage", "medium",
              "cannot be re-checked " + when + ": " + outside->Text());
        } else {
          Add(sh, line, d, "shipment_needs_review", "medium",
              "cannot be re-checked " + when + ": " + d.reasons.front().Text());
        }
        break;
      }
      case DecisionKind::kNoLicenseRequired:  // an unusable license was reported above
        break;
    }
  }

  const Engine& engine_;
  const Store& store_;
  const InventoryAuditOptions& opt_;
  InventoryAuditReport& report_;
  PartContext ctx_;                       // what the part workers read; set by Parts()
  std::vector<PackChange> pack_changes_;  // the pack's dated changes, for CausesOfChange
  // The --compare-date changes while the parts are read, by cause (GroupChanges lays them out).
  struct Grouped {
    std::vector<StatusChange> rows;
    std::set<std::string> parts, shipments;
  };
  std::vector<Grouped> grouped_;
  std::map<std::vector<ChangeCause>, size_t> group_index_;
  // Each changed part and destination, with the groups its rows are in (for CountAffected).
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> affected_;
  std::set<std::string> reported_cycles_;     // bill-of-materials cycles already reported
  DecisionFacts line_facts_;                  // the facts of the shipment line being checked
  std::vector<std::string> exception_codes_;  // the pack's License Exception symbols, sorted
  ScreeningLists lists_;                      // the lists imported into the database
  std::vector<LicensedLine> licensed_;        // the lines naming a license number, for Licenses()
};

}  // namespace

Result<InventoryAuditReport> RunInventoryAudit(const Engine& engine, const Store& store,
                                               const InventoryAuditOptions& options) {
  InventoryAuditReport report;
  if (Status s = Auditor(engine, store, options, report).Run(); !s.ok()) return s;
  return report;
}

AuditEntry FindingAuditEntry(const InventoryAuditReport& report, const AuditFinding& f,
                             std::string_view actor) {
  return MakeFindingEntry({.actor = actor,
                           .pack_digest = report.digest,
                           .kind = f.kind,
                           .computed = f.computed,
                           .part = f.part,
                           .shipment = f.shipment,
                           .line = f.line,
                           .date = f.shipment.empty() ? report.date : f.shipment_date,
                           .license = f.shipment.empty() ? std::string_view(f.license) : "",
                           .reasons = f.reasons,
                           .facts_digest = f.facts_digest});
}

Status RecordInventoryAudit(Store& store, InventoryAuditReport& report, const std::string& actor,
                            Store* log_elsewhere) {
  Store::RunRow run{FormatAuditTimestamp(store.clock().Now()),
                    actor,
                    FormatDate(report.date),
                    report.compare_date ? FormatDate(*report.compare_date) : "",
                    report.digest,
                    report.parts,
                    report.shipments};
  std::vector<Store::FindingRow> rows;
  rows.reserve(report.findings.size());
  for (const auto& f : report.findings) {
    // The stored finding's reasons are the canonical encoding the audit log uses for reasons.
    rows.push_back({f.kind, f.severity, f.part, f.shipment, f.declared, f.computed,
                    CanonicalReasonsJson(f.reasons), f.line, f.license, f.facts_digest});
  }
  // One transaction: the run, its findings and the run's one log record.
  auto recorded = store.RecordAuditRun(run, rows, log_elsewhere);
  if (!recorded.ok()) return recorded.status();
  report.run_id = recorded->run_id;
  return Status::Ok();
}

}  // namespace chipgate
