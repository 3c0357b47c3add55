// The audit's findings as CSV (audit_export.h). Written row by row into a buffer handed to the
// stream every 64 KiB, so a report of a million findings needs no second copy of itself.
#include "cli/audit_export.h"

#include <algorithm>
#include <vector>

#include "cli/audit_order.h"
#include "cli/export_field.h"

namespace chipgate::cli {

void AuditCsv(const InventoryAuditReport& r, std::ostream& out) {
  std::string buf = "\xEF\xBB\xBF";
  buf +=
      "severity,kind,part,shipment,line,destination,date,license,declared,computed,summary,"
      "reasons,citations\r\n";
  for (const AuditFinding* f : FindingsBySeverity(r)) {
    std::string reasons, cites;
    std::vector<std::string_view> seen;
    for (const auto& reason : f->reasons) {
      reasons += (reasons.empty() ? "" : "\n") + reason.rule + " (" + reason.decision +
                 "): " + reason.message;
      if (reason.cite.empty() || std::find(seen.begin(), seen.end(), reason.cite) != seen.end())
        continue;
      seen.push_back(reason.cite);
      cites += (cites.empty() ? "" : "\n") + reason.cite;
    }
    const std::string fields[] = {f->severity,
                                  f->kind,
                                  f->part,
                                  f->shipment,
                                  f->shipment.empty() ? "" : std::to_string(f->line),
                                  f->destination,
                                  FormatDate(FindingDate(r, *f)),
                                  f->license,
                                  f->declared,
                                  f->computed,
                                  f->summary,
                                  reasons,
                                  cites};
    bool first = true;
    for (const auto& v : fields) {
      if (!first) buf += ',';
      first = false;
      buf += CsvField(v);
    }
    buf += "\r\n";
    if (buf.size() >= (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  out << buf;
}

}  // namespace chipgate::cli
