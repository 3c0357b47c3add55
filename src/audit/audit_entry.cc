// The record builders of include/chipgate/audit_entry.h. Every audit-log record chipgate writes
// is built here; docs/audit-log.md ("What a record holds") is the specification.
#include "chipgate/audit_entry.h"

#include <string>

namespace chipgate {
// One subject for every decided shipment line, from `check`, `ship` or the audit, so records of
// the same line can be found together.
std::string ShipmentLineSubject(std::string_view shipment, Date date, int line,
                                std::string_view part) {
  std::string out = "shipment ";
  out += shipment;
  out += " date " + FormatDate(date) + " line " + std::to_string(line) + " part ";
  out += part;
  return out;
}

// Every reason of the decision, in its order, as recorded: the decision by name, and the message
// with its detail (Reason::Text), so the record holds what `check --format json` prints.
std::vector<AuditReason> RecordedReasons(const LineDecision& decision) {
  std::vector<AuditReason> out;
  out.reserve(decision.reasons.size());
  for (const Reason& r : decision.reasons) {
    out.push_back({std::string(r.rule), std::string(DecisionName(r.decision)), std::string(r.cite),
                   r.Text()});
  }
  return out;
}

// The input digest is the manifest's (every line of it shares one); the facts digest is the
// line's own: the shipment with the date decided under, and the item as completed.
AuditEntry MakeCheckEntry(const CheckRecordInput& in) {
  AuditEntry e;
  e.actor = in.actor;
  e.command = "check";
  e.subject = ShipmentLineSubject(in.shipment.id, in.shipment.date, in.line, in.item.part);
  e.input_digest = in.input_digest;
  e.decision = DecisionName(in.decision.decision);
  // Classes in the decision's order (paragraph ids first), reasons unfiltered: the record holds
  // what `check` prints, so a reader can tell from it alone why the line was decided so.
  e.classes.assign(in.decision.classes.begin(), in.decision.classes.end());
  e.reasons = RecordedReasons(in.decision);
  e.pack_digest = in.pack_digest;
  if (!in.shipment_facts_json.empty()) {
    e.facts_digest = CheckFactsDigest(in.item, in.shipment_facts_json);
    return e;
  }
  DecisionFacts facts;
  facts.shipment = &in.shipment;
  facts.item = &in.item;
  e.facts_digest = FactsDigest(facts);
  return e;
}

// The check record with the ship outcome added, so a reader of the log sees both the decision
// and what came of it; the license shipped under is part of the facts, as it is for a stored
// shipment line the audit re-decides.
AuditEntry MakeShipEntry(const ShipRecordInput& in) {
  AuditEntry e = MakeCheckEntry(in.check);
  e.command = "ship";
  e.reasons.push_back(
      {"ship", in.shipped ? "shipped" : "not_shipped", "", std::string(in.outcome)});
  DecisionFacts facts;
  facts.shipment = &in.check.shipment;
  facts.item = &in.check.item;
  if (in.shipped && !in.authorization.empty()) facts.license = std::string(in.authorization);
  e.facts_digest = FactsDigest(facts);
  return e;
}

// A finding is recorded as a decision whose outcome is the finding's kind and whose one class is
// what the audit computed; the reasons are the finding's own (its classes among them for part
// findings), so the record says what was found and why.
AuditEntry MakeFindingEntry(const FindingRecordInput& in) {
  AuditEntry e;
  e.actor = in.actor;
  e.command = "audit";
  if (in.shipment.empty()) {
    e.subject = in.license.empty() ? "part " : "license ";
    e.subject += in.license.empty() ? in.part : in.license;
    e.subject += " date " + FormatDate(in.date);
  } else {
    e.subject = ShipmentLineSubject(in.shipment, in.date, in.line, in.part);
  }
  // No input file: the stored rows are the input, and the facts digest is their digest.
  e.input_digest = in.facts_digest;
  e.decision = in.kind;
  e.classes = {std::string(in.computed)};
  e.reasons = in.reasons;
  e.pack_digest = in.pack_digest;
  e.facts_digest = in.facts_digest;
  return e;
}

// The findings themselves stay in audit_findings; the record holds their count and digest, and
// `log verify` recomputes the digest from the rows.
AuditEntry MakeAuditRunEntry(std::string_view actor, std::string_view pack_digest,
                             const AuditRunSummary& run) {
  AuditEntry e;
  e.actor = actor;
  e.command = "audit";
  e.subject = "audit run " + std::to_string(run.id) + " date " + run.date;
  e.input_digest = run.findings_digest;
  e.decision = run.findings > 0 ? "findings" : "no_findings";
  e.pack_digest = pack_digest;
  e.facts_digest = run.findings_digest;
  e.run = run;
  return e;
}

}  // namespace chipgate
