// Building audit-log records: one function per kind of record, so that `chipgate check`,
// `chipgate audit` and any program that embeds chipgate write the same record for the same
// decision. What each field holds, per kind, is specified in docs/audit-log.md ("What a record
// holds"); the store adds seq, ts, prev_hash and hash when it appends the entries.
#pragma once

#include <string_view>
#include <vector>

#include "chipgate/audit.h"
#include "chipgate/date.h"
#include "chipgate/decision.h"
#include "chipgate/facts.h"

namespace chipgate {

// The reasons a record keeps for a decision: every reason the decision lists, in its order
// (classification reasons included), each as {rule, decision, cite, Reason::Text()}. These are
// the reasons `check --format json` prints, so a reader of the log sees the same explanation.
std::vector<AuditReason> RecordedReasons(const LineDecision& decision);

// One manifest line decided as `chipgate check` decides it. Everything is borrowed for the call.
struct CheckRecordInput {
  std::string_view actor;         // who asked for the decision
  std::string_view input_digest;  // "sha256:<hex>" of the manifest file's bytes (Manifest::digest)
  std::string_view pack_digest;   // the rule pack that decided (Engine::digest)
  const ShipmentFacts& shipment;  // as decided: the date after any override
  int line;                       // the manifest line's number (ManifestLine::index)
  const ItemFacts& item;          // as decided: completed from an inventory when that was asked
  const LineDecision& decision;
  // CanonicalShipmentFactsJson(shipment) when the caller encoded it once for many lines; empty:
  // encoded for this record. The record is the same either way.
  std::string_view shipment_facts_json = {};
};

// `shipment <id> date <YYYY-MM-DD> line <n> part <part>`: the subject of every record about a
// shipment line (check, ship, audit findings), by which `chipgate parts` finds a line's `ship`
// record.
std::string ShipmentLineSubject(std::string_view shipment, Date date, int line,
                                std::string_view part);

// The record of one decided manifest line: command `check`, subject
// `shipment <id> date <YYYY-MM-DD> line <n> part <part>`, the decision's classes and
// RecordedReasons, and the facts digest of {shipment, item}.
AuditEntry MakeCheckEntry(const CheckRecordInput& in);

// One manifest line of `chipgate ship`: its decision as `check` records it, and whether the line
// was shipped. Everything is borrowed for the call.
struct ShipRecordInput {
  const CheckRecordInput& check;  // the line's decision; `shipment.id` is the id shipped under
  bool shipped;                   // the whole shipment was recorded (every line may ship)
  // What the line shipped under: the license number or exception code stored with the shipment
  // line; empty when it needs none or was not shipped.
  std::string_view authorization;
  std::string_view outcome;  // for people: what was shipped under what, or why not
};

// The record of one line of a ship attempt: MakeCheckEntry's record with command `ship`, one
// reason appended {rule `ship`, decision `shipped` or `not_shipped`, no cite, `outcome`}, and the
// facts digest of {shipment, item, license = authorization} (the license only when shipped).
AuditEntry MakeShipEntry(const ShipRecordInput& in);

// One finding of the inventory audit (`chipgate audit`). Everything is borrowed for the call.
struct FindingRecordInput {
  std::string_view actor;        // who ran the audit
  std::string_view pack_digest;  // the rule pack the audit decided with
  std::string_view kind;         // the finding's kind (misclassified, party_hit, ...)
  std::string_view computed;     // the class, or the decision (and exception), computed now
  std::string_view part;
  std::string_view shipment;  // empty for a part finding
  int line;                   // the shipment line's number; unused for a part finding
  Date date;  // the shipment's date; for a part finding, the date it was classified at
  // A finding about a license held rather than a part or a shipment (`license_expiring`): its
  // number; empty otherwise. Takes the place of `part` in the subject.
  std::string_view license = {};
  const std::vector<AuditReason>& reasons;  // the finding's reasons, recorded as they are
  std::string_view facts_digest;            // FactsDigest of what the finding was made from
};

// The record of one audit finding: command `audit`, subject
// `shipment <id> date <YYYY-MM-DD> line <n> part <part>` (as for `check`) or
// `part <part> date <YYYY-MM-DD>` or `license <number> date <YYYY-MM-DD>`, decision = the kind,
// classes = [computed]. The audit reads no input file, only stored rows, so its input digest is the
// facts digest of those rows.
// Written by `chipgate audit` before schema version 12, one per finding; kept so a program can
// rebuild those records (they still verify as stored).
AuditEntry MakeFindingEntry(const FindingRecordInput& in);

// The one record of an inventory-audit run (`chipgate audit`, since schema version 12): command
// `audit`, subject `audit run <id> date <YYYY-MM-DD>`, decision `findings` or `no_findings`, no
// classes and no reasons, input and facts digest = the run's findings digest, and `run` = the
// run. Its hash covers the findings through their digest, so a large audit costs one record.
AuditEntry MakeAuditRunEntry(std::string_view actor, std::string_view pack_digest,
                             const AuditRunSummary& run);

}  // namespace chipgate
