// The order of findings in the HTML report and the CSV export (audit_order.h).
#include "cli/audit_order.h"

#include <algorithm>
#include <tuple>

namespace chipgate::cli {

int SeverityRank(std::string_view severity) {
  if (severity == "high") return 0;
  if (severity == "medium") return 1;
  return severity == "low" ? 2 : 3;
}

std::vector<const AuditFinding*> FindingsBySeverity(const InventoryAuditReport& r) {
  std::vector<const AuditFinding*> out;
  out.reserve(r.findings.size());
  for (const auto& f : r.findings) out.push_back(&f);
  // Stable: findings equal in every key keep the audit's order.
  std::stable_sort(out.begin(), out.end(), [](const AuditFinding* a, const AuditFinding* b) {
    return std::forward_as_tuple(SeverityRank(a->severity), a->kind, a->part, a->shipment, a->line,
                                 a->license) < std::forward_as_tuple(SeverityRank(b->severity),
                                                                     b->kind, b->part, b->shipment,
                                                                     b->line, b->license);
  });
  return out;
}

Date FindingDate(const InventoryAuditReport& r, const AuditFinding& f) {
  return f.shipment.empty() ? r.date : f.shipment_date;
}

}  // namespace chipgate::cli
