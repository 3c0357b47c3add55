// Rendering of `explain` and `check --explain`: for each decided line, the decision first, then
// the reasons that decided it with the facts they read (and where each came from), the
// classification in effect on the date, what would change the answer, and the other reasons; the
// evaluator's full trace of every class, rule, exception and party only with --trace. As text for
// people, wrapped to the terminal's width, or as one JSON document (docs/cli.md,
// "`chipgate explain`").
#pragma once

#include <string>
#include <vector>

#include "chipgate/decision.h"
#include "chipgate/explanation.h"
#include "pipeline/check_report.h"

namespace chipgate::cli {

struct ExplainOptions {
  bool trace = false;  // --trace: the full trace after the explanation
  int width = 100;     // columns to wrap the text to (OutputWidth)
};

// One sentence for a counterfactual, the same in the text and in the JSON's `text`: "with a
// license for 3A090.a to SG, the line may ship under it (it stays license_required)", "if
// end_user.headquarters were SG instead of CN: no_license_required (the decision stays as it is
// only for CN, HK, MO)", "had it shipped on 2023-11-16 (...): no_license_required".
std::string WhatIfSentence(const WhatIf& w, Date shipment_date);

// Require traces.size() == explanations.size() == report.lines.size(), entry i being line i's.
std::string ExplainText(const CheckReport& report, const std::vector<Trace>& traces,
                        const std::vector<LineExplanation>& explanations,
                        const ExplainOptions& options);

// The JSON document's members up to `lines`, left open for CheckJsonTail (`recorded`, `audit`):
// {"schema": "chipgate.explain/v1", "chipgate_version", "shipment", "date", "verdict",
// "may_ship", "rules": {"pack", "digest", "packs"}, "lines": [{"index", "part", "decision",
// "explanation": {"decided_by", "exception", "classes", "inactive_classes", "would_change"},
// "trace": [{"kind", "id", "result", "detail"}], "reasons": [{"rule", "decision", "cite",
// "message", "policy"}]}]} (schemas/chipgate.explain.v1.schema.json; the members of `explanation`
// in docs/cli.md). `whole_manifest` (check --explain) gives the verdict and may_ship of the
// shipment; `explain
// --line N` explains one line, and both are null.
std::string ExplainJsonBody(const CheckReport& report, const std::vector<Trace>& traces,
                            const std::vector<LineExplanation>& explanations, bool whole_manifest);

}  // namespace chipgate::cli
