// Rendering of `explain` and `check --explain`: for each decided line, the trace of every class,
// rule, exception and party the evaluator considered, then the line's reasons. As text for
// people, or as one JSON document (docs/cli.md, "`chipgate explain`").
#pragma once

#include <string>
#include <vector>

#include "chipgate/decision.h"
#include "cli/check_report.h"

namespace chipgate::cli {

// Both require traces.size() == report.lines.size(), traces[i] being line i's.
std::string ExplainText(const CheckReport& report, const std::vector<Trace>& traces);

// The JSON document's members up to `lines`, left open for CheckJsonTail (`recorded`, `audit`):
// {"schema": "chipgate.explain/v1", "chipgate_version", "shipment", "date", "verdict",
// "may_ship", "rules": {"pack", "digest", "packs"}, "lines": [{"index", "part", "decision",
// "trace": [{"kind", "id", "result", "detail"}], "reasons": [{"rule", "decision", "cite",
// "message", "policy"}]}]} (schemas/chipgate.explain.v1.schema.json).
// `whole_manifest` (check --explain) gives the verdict and may_ship of the shipment; `explain
// --line N` explains one line, and both are null.
std::string ExplainJsonBody(const CheckReport& report, const std::vector<Trace>& traces,
                            bool whole_manifest);

}  // namespace chipgate::cli
