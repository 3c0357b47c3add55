// Explain rendering (explain_report.h): text, and JSON with PrettyJson.
#include "cli/explain_report.h"

#include "chipgate/terminal_text.h"
#include "cli/license_authorization.h"
#include "cli/pretty_json.h"

namespace chipgate::cli {

std::string ExplainText(const CheckReport& report, const std::vector<Trace>& traces) {
  std::string out;
  for (size_t i = 0; i < report.lines.size(); ++i) {
    const auto& l = report.lines[i];
    // Values from the manifest, the inventory or the pack are made terminal-safe.
    out += "line " + std::to_string(l.line->index) + ": part " + TerminalSafe(l.line->item.part) +
           " -> " + std::string(DecisionName(l.decision.decision)) + "\n";
    for (const auto& e : traces[i].entries) {
      out += "  " + TerminalSafe(e.kind) + " " + TerminalSafe(e.id) + ": " +
             TerminalSafe(e.result) + (e.detail.empty() ? "" : " — " + TerminalSafe(e.detail)) +
             "\n";
    }
    for (const auto& r : l.decision.reasons) {
      out += "  reason " + TerminalSafe(r.rule) + " (" + std::string(DecisionName(r.decision)) +
             "): " + TerminalSafe(r.Text()) +
             (r.cite.empty() ? "" : " [" + TerminalSafe(r.cite) + "]") + "\n";
      if (!r.policy.empty()) out += "    licensing policy: " + TerminalSafe(r.policy) + "\n";
    }
  }
  return out;
}

// The object is left open (no closing brace): CheckJsonTail continues it, as for check's body.
std::string ExplainJsonBody(const CheckReport& report, const std::vector<Trace>& traces,
                            bool whole_manifest) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject().Key("shipment").String(report.manifest->shipment.id);
  j.Key("date").String(FormatDate(report.date));
  if (whole_manifest) {
    j.Key("verdict")
        .String(DecisionName(report.verdict))
        .Key("may_ship")
        .Bool(ReportMayShip(report));
  }
  j.Key("rules").BeginObject().Key("pack").String(report.engine->pack_name());
  j.Key("digest").String(report.engine->digest()).EndObject();
  j.Key("lines").BeginArray();
  for (size_t i = 0; i < report.lines.size(); ++i) {
    const auto& l = report.lines[i];
    j.BeginObject().Key("index").Int(l.line->index).Key("part").String(l.line->item.part);
    j.Key("decision").String(DecisionName(l.decision.decision)).Key("trace").BeginArray();
    // `detail` is "" when the evaluator had nothing to add (as the text output leaves it out).
    for (const auto& e : traces[i].entries) {
      j.BeginObject().Key("kind").String(e.kind).Key("id").String(e.id);
      j.Key("result").String(e.result).Key("detail").String(e.detail).EndObject();
    }
    j.EndArray().Key("reasons").BeginArray();
    for (const auto& r : l.decision.reasons) {
      j.BeginObject().Key("rule").String(r.rule).Key("decision").String(DecisionName(r.decision));
      j.Key("cite").String(r.cite).Key("message").String(r.Text());
      if (!r.policy.empty()) j.Key("policy").String(r.policy);
      j.EndObject();
    }
    j.EndArray().EndObject();
  }
  j.EndArray();
  return out;
}

}  // namespace chipgate::cli
