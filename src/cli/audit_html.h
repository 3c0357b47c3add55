// The HTML audit report (`chipgate audit --format html`, docs/inventory-audit.md, "Output"): one
// self-contained file (inline CSS and script, no network) a manager can work with.
//
// Without JavaScript the page is complete and correct: who ran the audit on which database and
// when, the counts, summaries by kind, severity and destination over every finding, and the first
// page of findings, most severe first. The script adds search and filters (kind, severity, part,
// shipment, destination; read from and written to the address's #fragment, so a filtered view
// can be bookmarked or sent), sorting by a column and pages of 100 rows.
//
// The page stays small whatever the number of findings: at most kHtmlEmbeddedFindings findings
// (the most severe) are in it, and it says so; the full list is the CSV (--csv, linked).
#pragma once

#include <cstddef>
#include <string>

#include "chipgate/inventory_audit.h"
#include "cli/audit_report.h"

namespace chipgate::cli {

// The findings embedded in the page for the script to search, at most; and the rows of the
// first page, rendered in the HTML itself.
inline constexpr size_t kHtmlEmbeddedFindings = 5000;
inline constexpr size_t kHtmlPageRows = 100;

std::string AuditHtml(const InventoryAuditReport& r, const AuditRunInfo& info = {});

}  // namespace chipgate::cli
