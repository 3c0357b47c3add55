// Diagnostics for programs: with a machine format (json, junit, sarif, tap), a command writes each
// diagnostic that stops it (a pack, manifest or rule-test error) to stderr as one JSON object per
// line (JSON Lines); `lint`, whose findings are diagnostics, puts them in its report instead. One
// object shape everywhere:
// {"code", "severity", "file", "line", "column", "message"} (docs/cli.md, "Diagnostics as JSON");
// a JSON Lines record starts with "schema": "chipgate.diagnostic/v1" and "chipgate_version".
#pragma once

#include <string>
#include <vector>

#include "chipgate/diagnostic.h"
#include "cli/output_format.h"
#include "pipeline/diagnostic_json.h"

namespace chipgate::cli {

// Writes `diags` to stderr: rendered with source line and caret for the formats read by people
// (text, html), JSON Lines for the machine formats.
void PrintDiagnostics(const std::vector<Diagnostic>& diags, OutputFormat format);

}  // namespace chipgate::cli
