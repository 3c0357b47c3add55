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
  Date shipment_date;    // shipment findings: the shipment's date
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

// A part whose decision for a destination differs between --date and --compare-date.
struct StatusChange {
  std::string part, destination;  // destination: an ISO country code
  DecisionKind before, after;     // the decisions at the two dates (they differ)
};

struct InventoryAuditReport {
  Date date;
  std::optional<Date> compare_date;
  std::string pack, digest;
  int64_t parts = 0, shipments = 0, shipment_lines = 0;
  std::vector<AuditFinding> findings;
  std::vector<StatusChange> changes;
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
  // Called now and then with what has been done; may be null.
  std::function<void(const char* phase, int64_t done)> progress;
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
