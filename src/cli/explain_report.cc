// Explain rendering (explain_report.h): text, and JSON with PrettyJson.
#include "cli/explain_report.h"

#include "chipgate/terminal_text.h"
#include "cli/json_report.h"
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
  j.BeginObject();
  JsonReportHead(j, JsonKind::kExplain);
  j.Key("shipment").StringOrNull(report.manifest->shipment.id);
  j.Key("date").String(FormatDate(report.date));
  // One line explained (`explain --line N`) gives no verdict on the shipment: both are null.
  j.Key("verdict");
  whole_manifest ? j.String(DecisionName(report.verdict)) : j.Null();
  j.Key("may_ship");
  whole_manifest ? j.Bool(ReportMayShip(report)) : j.Null();
  RulesJson(j, *report.engine);
  j.Key("lines").BeginArray();
  for (size_t i = 0; i < report.lines.size(); ++i) {
    const auto& l = report.lines[i];
    j.BeginObject().Key("index").Int(l.line->index).Key("part").String(l.line->item.part);
    j.Key("decision").String(DecisionName(l.decision.decision)).Key("trace").BeginArray();
    // `detail` is null when the evaluator had nothing to add (as the text output leaves it out).
    for (const auto& e : traces[i].entries) {
      j.BeginObject().Key("kind").String(e.kind).Key("id").String(e.id);
      j.Key("result").String(e.result).Key("detail").StringOrNull(e.detail).EndObject();
    }
    j.EndArray().Key("reasons");
    ReasonsJson(j, l.decision.reasons);
    j.EndObject();
  }
  j.EndArray();
  return out;
}

}  // namespace chipgate::cli
