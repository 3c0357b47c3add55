// The order the audit's findings are shown in by the HTML report and written in by the CSV
// export: most severe first, then by kind, part, shipment, line and license, so a manager reads
// the high findings first and a finding's place does not depend on the order the database was
// read in. The text and JSON reports keep the audit's own order (parts, shipments, licenses).
#pragma once

#include <string_view>
#include <vector>

#include "chipgate/inventory_audit.h"

namespace chipgate::cli {

// high 0, medium 1, low 2; any other severity 3 (after low).
int SeverityRank(std::string_view severity);

// The report's findings in that order (pointers into `r.findings`).
std::vector<const AuditFinding*> FindingsBySeverity(const InventoryAuditReport& r);

// The date a finding is about: the shipment's date for a shipment finding, else the audit date
// (the date a part was classified on, or a license's use counted up to), as its audit-log record.
Date FindingDate(const InventoryAuditReport& r, const AuditFinding& f);

}  // namespace chipgate::cli
