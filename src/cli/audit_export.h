// `chipgate audit --format csv` and `--csv FILE`: every finding as one row of an RFC 4180 file,
// for a spreadsheet (docs/inventory-audit.md, "Output"). The HTML report holds a bounded number of
// findings; this file holds them all.
#pragma once

#include <ostream>

#include "chipgate/inventory_audit.h"

namespace chipgate::cli {

// A UTF-8 byte-order mark (so spreadsheets read the text as UTF-8), a header row, then one row
// per finding, most severe first (audit_order.h), each line ended by CRLF. Columns: severity,
// kind, part, shipment, line, destination, date, license, declared, computed, summary, reasons
// (one per line of the field: `rule (decision): message`), citations (each distinct one, one
// per line). Fields are written by CsvField (export_field.h: quoted, guarded against formula
// injection); values as stored, not escaped for a terminal: this is data.
void AuditCsv(const InventoryAuditReport& r, std::ostream& out);

}  // namespace chipgate::cli
