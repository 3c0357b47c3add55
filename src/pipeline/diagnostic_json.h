// Diagnostics for programs, in one object shape everywhere:
// {"code", "severity", "file", "line", "column", "message"} (docs/cli.md, "Diagnostics as JSON");
// a JSON Lines record starts with "schema": "chipgate.diagnostic/v1" and "chipgate_version".
// The command line writes them to stderr (cli/diagnostics_json.h); the service answers a bad
// request with them (docs/serve.md).
#pragma once

#include <string>
#include <vector>

#include "chipgate/diagnostic.h"
#include "pipeline/pretty_json.h"

namespace chipgate {

// "error" or "warning".
const char* SeverityName(Severity severity);

// One diagnostic as an object member of a report, in the key order above. `file` is null when
// the diagnostic names no file, `line` and `column` when the location is not known (0).
void DiagnosticJson(PrettyJson& j, const Diagnostic& d);

// The same object on one line, after the schema name and the version, newline-terminated (a JSON
// Lines record).
std::string DiagnosticJsonLine(const Diagnostic& d);

}  // namespace chipgate
