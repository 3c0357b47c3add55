// Inventory audits (`chipgate audit`): classify every part from its technical data and compare
// with its declared ECCN, re-check every recorded shipment under the rules in force on its own
// date, and optionally list what changes between two dates. Streams through the database; work
// repeated across identical parts is cached.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/audit.h"
#include "chipgate/date.h"
#include "chipgate/engine.h"
#include "chipgate/license.h"
#include "chipgate/pack_change.h"
#include "chipgate/screening_list.h"
#include "chipgate/store.h"

namespace chipgate {

struct AuditFinding {
  std::string kind;      // misclassified, unclassifiable, part_needs_review, bom_cycle,
                         // unlicensed_shipment, headquarters_in_d5, exception_misused, party_hit,
                         // affiliate_of_listed_party, party_conflict, shipment_needs_review,
                         // and the license_* kinds (docs/inventory-audit.md)
  std::string severity;  // high, medium, low
  std::string part;      // part findings and shipment lines
  std::string shipment;  // shipment findings
  // License findings: the license held that the finding is about (a shipment line's, or a
  // license finding of its own, which has no part and no shipment); empty otherwise.
  std::string license;
  int line = 0;
  Date shipment_date;  // shipment findings: the shipment's date
  // Shipment findings: the destination, the end user's country (ISO code) as the line was decided
  // (completed from the customer master); empty for part and license findings.
  std::string destination;
  std::string declared;  // declared ECCN, or the license / exception recorded on the shipment
  std::string computed;  // computed class, or the decision (and exception) computed now
  std::string summary;   // one sentence a person can act on
  std::vector<AuditReason> reasons;
  // FactsDigest of what the finding was made from: the stored rows as decided (audit-log.md,
  // "Facts digest"); the finding's audit-log record uses it as its input digest too.
  std::string facts_digest;
};

// A license held, as the audit replayed the stored shipments naming it (docs/licenses.md,
// "Audit"): its use counts the lines dated on or before the audit date.
struct LicenseAuditUse {
  License license;
  LicenseUse used;                  // replayed from the stored shipments naming the license
  LicenseUse recorded;              // drawn in license_uses (by `ship`) as of the audit date
  int64_t lines = 0;                // the lines counted in `used`
  int64_t unknown_value_lines = 0;  // of those, lines without a unit value (not in used.value)
};

// A part whose decision for a destination differs between the two dates of --compare-date.
struct StatusChange {
  std::string part, destination;  // destination: an ISO country code
  // The decisions on the earlier and on the later of the two dates (they differ), whatever order
  // --date and --compare-date were given in.
  DecisionKind before, after;
};

// What a change of decision between the two dates is put down to, found from the decisions'
// typed reasons (never their text): the rules that decided the line on one date and not on the
// other (or the exception used), and for each the pack's dated change between the dates that
// makes the difference.
// - `date` set: a dated change of the pack (PackChanges) after the earlier date and on or
//   before the later one: such a rule or exception taking effect or ending, the pack's coverage
//   or the affiliates rule, or, for a rule in force on both dates, the destination joining or
//   leaving a country group (else a class the part meets on one date only).
// - `date` unset, `id` set: a rule (or exception) in force on both dates that decides on one only,
//   with no class or group change to explain it; `cite` is its own.
// - `date` and `id` unset: nothing in the two decisions or the pack's dated changes explains it
//   (kept so that no change goes unlisted).
struct ChangeCause {
  PackChangeKind kind = PackChangeKind::kRule;
  std::string id;       // the entry's id; a group member's group
  std::string country;  // group members only
  std::string cite;
  std::optional<Date> date;
  bool starts = true;  // dated causes: in force from `date` (else no longer in force from it)
  friend auto operator<=>(const ChangeCause&, const ChangeCause&) = default;
};

// The changes put down to the same causes: rows report.changes[first, first + count).
struct ChangeGroup {
  std::vector<ChangeCause> causes;  // sorted: dated ones by date, then the undated
  size_t first = 0, count = 0;
  int64_t parts = 0;  // distinct parts among its rows
  // Recorded shipments dated on or before the later date with a line of one of its rows' parts
  // to that row's destination (the end user's country, completed from the customer master).
  int64_t shipments = 0;
};

struct InventoryAuditReport {
  Date date;
  std::optional<Date> compare_date;
  std::string pack, digest;
  int64_t parts = 0, shipments = 0, shipment_lines = 0;
  // Shipments dated after `date`: not audited (neither findings, counts nor the license replay
  // see them), only counted here so the report can say so.
  int64_t shipments_after_date = 0;
  std::vector<AuditFinding> findings;
  // --compare-date: the earlier and the later of the two dates, the destinations compared (the
  // pack's CompareDestinations(), or those asked for), the changes grouped by cause (each group's
  // rows together, in change_groups order) and the groups.
  Date changes_from, changes_to;
  std::vector<std::string> compare_destinations;
  std::vector<StatusChange> changes;
  std::vector<ChangeGroup> change_groups;
  std::map<std::string, int64_t>
      parts_by_class;  // computed paragraph (or "uncontrolled", "unclassifiable")
  int64_t run_id = 0;  // set once recorded
  // Every screening-list version stored (imported with `chipgate lists import`), each as its
  // ScreeningListVersion::Label(); each shipment was screened against those in force on its
  // date, which its hits name. Empty when none is imported.
  std::vector<std::string> list_versions;
  // Parties for whom the affiliates rule was in force on a shipment's date but could not be
  // checked, because the shipment and the customer master say nothing of who owns them.
  std::set<std::string> ownership_unknown;
  // Every license held (by number), with its replayed use; empty when none is stored.
  std::vector<LicenseAuditUse> licenses;
};

struct InventoryAuditOptions {
  Date date;
  std::optional<Date> compare_date;
  // The destinations --compare-date decides for: ISO codes (another value is an error naming it);
  // empty: the pack's CompareDestinations().
  std::vector<std::string> destinations;
  // Called now and then with what has been done, always from the calling thread; may be null.
  std::function<void(const char* phase, int64_t done)> progress;
  // Threads classifying the parts: 1 classifies each part as it is read; more classify chunks
  // of parts on that many workers while the calling thread reads on; 0: the hardware's cores.
  // The report is the same whatever the number.
  int threads = 1;
  // Parts per chunk handed to a worker (threads > 1).
  size_t chunk_parts = 1024;
};

Result<InventoryAuditReport> RunInventoryAudit(const Engine& engine, const Store& store,
                                               const InventoryAuditOptions& options);

// Stores the run and its findings (audit_runs, audit_findings) and appends one audit-log record
// for the run (MakeAuditRunEntry, chipgate/audit_entry.h: its hash covers the findings' digest),
// in one transaction (Store::RecordAuditRun); the record goes to `log_elsewhere` when given
// (`audit --audit FILE`). Sets report.run_id.
Status RecordInventoryAudit(Store& store, InventoryAuditReport& report, const std::string& actor,
                            Store* log_elsewhere = nullptr);

// The per-finding audit-log record chipgate wrote before schema version 12 for `finding` of
// `report` (MakeFindingEntry with the finding's date: the shipment's for a shipment finding, the
// audit date for a part finding); no longer written, kept for programs that rebuild old records.
AuditEntry FindingAuditEntry(const InventoryAuditReport& report, const AuditFinding& finding,
                             std::string_view actor);

}  // namespace chipgate
