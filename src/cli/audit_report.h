// Rendering of `chipgate audit` results: text summary and findings, JSON (docs/inventory-audit.md)
// and the pieces the HTML report (audit_html.h) and the CSV export (audit_export.h) share with
// them.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "chipgate/inventory_audit.h"

namespace chipgate::cli {

// Who ran the audit, where, on which database and when: every report says it
// (docs/inventory-audit.md, "Output"). Filled by the audit command; an empty value is not known.
struct AuditRunInfo {
  std::string actor;     // as recorded with the run: --actor, $CHIPGATE_ACTOR, $USER, ...
  std::string host;      // the machine's host name
  std::string database;  // --db as given
  // "sha256:<hex>" of the database file's bytes when the audit opened it (before the run was
  // recorded into it).
  std::string database_digest;
  std::string started;  // UTC, "2026-12-07T02:41:33Z"
  double seconds = 0;   // how long reading and deciding took (recording and rendering excluded)
  // The CSV of every finding (--csv), as the HTML links to it: relative to the HTML file and
  // percent-encoded; empty when no CSV is written.
  std::string csv_link;
};

std::string AuditText(const InventoryAuditReport& r, const AuditRunInfo& info = {});
std::string AuditJson(const InventoryAuditReport& r, const AuditRunInfo& info = {});
void AuditJson(const InventoryAuditReport& r, const AuditRunInfo& info, std::ostream& out);

// What a finding is about: "part P", "shipment S line N (P)" or "license L"; not escaped.
std::string FindingSubject(const AuditFinding& f);
// "used of limit" ("$1,000.00 of $2,000.00" for dollars), "used (no limit)" without a limit;
// not escaped.
std::string LimitUseText(std::optional<int64_t> limit, int64_t used, bool dollars);
// One license's terms and replayed use as one line of text; not escaped.
std::string LicenseUseText(const LicenseAuditUse& u);
// What a --compare-date change is put down to, as one line of text (not escaped): the pack's
// dated change with its date, or an entry in force on both dates, or nothing found.
std::string CauseText(const ChangeCause& c);

}  // namespace chipgate::cli
