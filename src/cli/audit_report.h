// Rendering of `chipgate audit` results: text summary and findings, JSON (docs/inventory-audit.md),
// and one self-contained HTML file (no network) with a summary, a chart of parts by class and
// sortable tables of findings and status changes.
#pragma once

#include <ostream>
#include <string>

#include "chipgate/inventory_audit.h"

namespace chipgate::cli {

std::string AuditText(const InventoryAuditReport& r);
std::string AuditJson(const InventoryAuditReport& r);
void AuditJson(const InventoryAuditReport& r, std::ostream& out);
std::string AuditHtml(const InventoryAuditReport& r);

}  // namespace chipgate::cli
