// Explain rendering (explain_report.h): text wrapped with text_wrap.h, and JSON with PrettyJson.
// Everything shown comes from the typed decision and its LineExplanation; every value from the
// manifest, the inventory or the pack is made terminal-safe in the text.
#include "cli/explain_report.h"

#include "chipgate/terminal_text.h"
#include "cli/text_wrap.h"
#include "pipeline/json_report.h"
#include "pipeline/license_authorization.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

// Stable names for the JSON (`source` of a deciding reason).
std::string_view SourceName(ReasonSource s) {
  switch (s) {
    case ReasonSource::kRule:
      return "rule";
    case ReasonSource::kClass:
      return "class";
    case ReasonSource::kParty:
      return "party";
    case ReasonSource::kData:
      return "item_data";
    case ReasonSource::kInput:
      return "input";
    case ReasonSource::kCoverage:
      return "coverage";
    case ReasonSource::kEndUse:
      return "end_use";
    case ReasonSource::kNote:
      return "note";
    case ReasonSource::kAffiliate:
      return "affiliates";
    case ReasonSource::kConflict:
      return "conflict";
    case ReasonSource::kOwnershipUnknown:
      return "ownership_unknown";
  }
  return "rule";
}

// The words before a reason's id in the text: "rule d5-headquartered", "party entity-x".
std::string_view SourceLabel(ReasonSource s) {
  switch (s) {
    case ReasonSource::kData:
      return "item data";
    case ReasonSource::kCoverage:
      return "pack coverage";
    case ReasonSource::kEndUse:
      return "end use";
    case ReasonSource::kAffiliate:
    case ReasonSource::kOwnershipUnknown:
      return "affiliates rule";
    default:
      return SourceName(s);
  }
}

// What the decision means for the shipment, after the decision's name.
std::string Meaning(const CheckedLine& l) {
  const LineDecision& d = l.decision;
  switch (d.decision) {
    case DecisionKind::kProhibited:
      return "held: the line may not ship";
    case DecisionKind::kLicenseRequired:
      if (LineMayShip(l) && l.license) return "may ship under license " + l.license->number;
      return "held: the line needs a license";
    case DecisionKind::kReview:
      return "held for review: chipgate cannot clear it";
    case DecisionKind::kLicenseException:
      return d.exception ? "may ship under License Exception " + std::string(d.exception->code)
                         : "may ship under a License Exception";
    case DecisionKind::kNoLicenseRequired:
      return "may ship: no license required";
  }
  return "";
}

std::string FactText(const ExplainedFact& f) {
  std::string out = f.name + " = " + (f.value ? *f.value : "not known");
  if (!f.value) return out;
  out += " (" + std::string(FactSourceName(f.source));
  if (!f.formula.empty()) out += ": " + f.formula;
  return out + ")";
}

std::string Countries(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ", ") + c;
  return out;
}

// The label of a reason that did not decide the line: a class the item meets is its
// classification and a note informs; neither is a decision of the line.
std::string OtherLabel(const Reason& r) {
  if (r.source == ReasonSource::kClass) return "classification";
  if (r.source == ReasonSource::kNote) return "note";
  return std::string(DecisionName(r.decision));
}

}  // namespace

std::string WhatIfSentence(const WhatIf& w, Date shipment_date) {
  std::string decided(DecisionName(w.decision));
  switch (w.kind) {
    case WhatIf::Kind::kLicense:
      return "with a license for " + Countries(w.classes) + " to " + w.value +
             ", the line may ship under it (it stays license_required)";
    case WhatIf::Kind::kFact: {
      std::string out = "if " + w.fact + " were " + w.value + " instead of " +
                        (w.was.empty() ? "not given" : w.was) + ": " + decided;
      if (!w.countries_keeping.empty()) {
        out += " (the decision stays as it is only for " + Countries(w.countries_keeping) + ")";
      } else if (w.countries_changing > 1) {
        out += " (" + std::to_string(w.countries_changing) + " countries give this answer)";
      }
      return out;
    }
    case WhatIf::Kind::kDate:
      if (w.date < shipment_date)
        return "had it shipped on " + FormatDate(w.date) + " (before a change of the pack on " +
               FormatDate(Date{w.date.days + 1}) + "): " + decided;
      return "if it shipped on or after " + FormatDate(w.date) +
             " (a change of the pack then): " + decided;
  }
  return "";
}

std::string ExplainText(const CheckReport& report, const std::vector<Trace>& traces,
                        const std::vector<LineExplanation>& explanations,
                        const ExplainOptions& options) {
  const int w = options.width;
  std::string out;
  for (size_t i = 0; i < report.lines.size(); ++i) {
    const CheckedLine& l = report.lines[i];
    const LineDecision& d = l.decision;
    const LineExplanation& e = explanations[i];
    if (i > 0) out += "\n";
    // 1. The decision, and what it means for the shipment.
    out +=
        Wrap("line " + std::to_string(l.line->index) + ": part " + TerminalSafe(l.line->item.part) +
                 " -> " + std::string(DecisionName(d.decision)) + ": ",
             Meaning(l), 4, w);
    // 2. The reasons that decided it, each with the facts it read.
    out += "decided by:\n";
    for (const DecidingReason& dr : e.deciding) {
      const Reason& r = d.reasons[dr.reason];
      // The citation follows the sentence, so a long one wraps with it.
      std::string head =
          "  " + std::string(SourceLabel(r.source)) + " " + TerminalSafe(r.rule) + ": ";
      out += Wrap(
          head, TerminalSafe(r.Text()) + (r.cite.empty() ? "" : " [" + TerminalSafe(r.cite) + "]"),
          6, w);
      if (!r.policy.empty()) out += Wrap("    licensing policy: ", TerminalSafe(r.policy), 6, w);
      std::string facts;
      for (const auto& f : dr.facts) facts += (facts.empty() ? "" : "; ") + FactText(f);
      if (!facts.empty()) out += Wrap("    facts: ", TerminalSafe(facts), 6, w);
    }
    if (d.exception) {
      std::string conditions;
      for (auto c : d.exception->conditions)
        conditions += (conditions.empty() ? "" : "; ") + std::string(c);
      std::string cite =
          d.exception->cite.empty() ? "" : " [" + TerminalSafe(d.exception->cite) + "]";
      out += Wrap("  covered by License Exception " + TerminalSafe(d.exception->code) + ": ",
                  (conditions.empty() ? "every license requirement above"
                                      : "conditions: " + TerminalSafe(conditions)) +
                      cite,
                  6, w);
    }
    // 3. The classification in effect on the date, and the related classes that are not.
    std::string classes;
    for (auto c : d.classes) classes += (classes.empty() ? "" : ", ") + TerminalSafe(c);
    out += Wrap("classification on " + FormatDate(report.date) + ": ",
                classes.empty() ? "none of the pack's classes" : classes, 4, w);
    for (const auto& c : e.inactive) {
      // "3A090.a: (its title) no longer in effect ...; not applied; the paragraph is met on this
      // date through 3A090.a.1", so the paragraph listed above is never read as this class. The
      // title is in the wrapped text: a label longer than the width would not wrap.
      std::string text = TerminalSafe(c.timing) + "; not applied";
      if (!c.instead.empty()) {
        std::string through;
        for (const auto& i : c.instead) through += (through.empty() ? "" : ", ") + TerminalSafe(i);
        text += "; the paragraph is met on this date through " + through;
      }
      if (!c.title.empty()) text = "(" + TerminalSafe(c.title) + ") " + text;
      out += Wrap("  " + TerminalSafe(c.id) + ": ", text, 6, w);
    }
    // 4. What would change the answer: computed counterfactuals only.
    out += "would change the answer:\n";
    size_t shown = 0;
    for (const WhatIf& wi : e.what_if) {
      // A line already cleared by a license held needs no hypothetical one.
      if (wi.kind == WhatIf::Kind::kLicense && LineMayShip(l)) continue;
      out += Wrap("  - ", TerminalSafe(WhatIfSentence(wi, report.date)), 4, w);
      ++shown;
    }
    if (shown == 0)
      out += Wrap("  ", "nothing found: no license, country, end use or pack date tried changes it",
                  2, w);
    // 5. The other reasons, labelled for what they are.
    bool other_head = false;
    for (size_t k = 0; k < d.reasons.size(); ++k) {
      bool deciding = false;
      for (const auto& dr : e.deciding) deciding |= dr.reason == k;
      if (deciding) continue;
      if (!other_head) out += "other reasons:\n";
      other_head = true;
      const Reason& r = d.reasons[k];
      out += Wrap(
          "  " + TerminalSafe(r.rule) + " (" + OtherLabel(r) + "): ",
          TerminalSafe(r.Text()) + (r.cite.empty() ? "" : " [" + TerminalSafe(r.cite) + "]"), 6, w);
    }
    // 6. The evaluator's trace, only when asked for.
    if (!options.trace) {
      out += "(every class, rule, exception and party considered: --trace)\n";
      continue;
    }
    out += "trace:\n";
    for (const auto& t : traces[i].entries) {
      out += Wrap("  " + TerminalSafe(t.kind) + " " + TerminalSafe(t.id) + ": ",
                  TerminalSafe(t.result) + (t.detail.empty() ? "" : " — " + TerminalSafe(t.detail)),
                  6, w);
    }
  }
  return out;
}

// The object is left open (no closing brace): CheckJsonTail continues it, as for check's body.
std::string ExplainJsonBody(const CheckReport& report, const std::vector<Trace>& traces,
                            const std::vector<LineExplanation>& explanations, bool whole_manifest) {
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
    const LineExplanation& e = explanations[i];
    j.BeginObject().Key("index").Int(l.line->index).Key("part").String(l.line->item.part);
    j.Key("decision").String(DecisionName(l.decision.decision));
    j.Key("may_ship").Bool(LineMayShip(l));
    j.Key("explanation").BeginObject().Key("decided_by").BeginArray();
    for (const DecidingReason& dr : e.deciding) {
      const Reason& r = l.decision.reasons[dr.reason];
      j.BeginObject().Key("rule").String(r.rule).Key("source").String(SourceName(r.source));
      j.Key("decision").String(DecisionName(r.decision)).Key("cite").StringOrNull(r.cite);
      j.Key("message").String(r.Text()).Key("facts").BeginArray();
      for (const ExplainedFact& f : dr.facts) {
        j.BeginObject().Key("name").String(f.name).Key("value");
        f.value ? j.String(*f.value) : j.Null();
        j.Key("source");
        f.value ? j.String(FactSourceName(f.source)) : j.Null();
        j.Key("formula").StringOrNull(f.formula).EndObject();
      }
      j.EndArray().EndObject();
    }
    j.EndArray().Key("exception");
    if (const auto& x = l.decision.exception) {
      j.BeginObject().Key("code").String(x->code).Key("cite").StringOrNull(x->cite);
      j.Key("conditions").BeginArray();
      for (auto c : x->conditions) j.String(c);
      j.EndArray().EndObject();
    } else {
      j.Null();
    }
    j.Key("classes").BeginArray();
    for (auto c : l.decision.classes) j.String(c);
    j.EndArray().Key("inactive_classes").BeginArray();
    for (const auto& c : e.inactive) {
      j.BeginObject().Key("id").String(c.id).Key("title").String(c.title);
      j.Key("timing").String(c.timing).Key("instead").BeginArray();
      for (const auto& i : c.instead) j.String(i);
      j.EndArray().EndObject();
    }
    j.EndArray().Key("would_change").BeginArray();
    for (const WhatIf& w : e.what_if) {
      if (w.kind == WhatIf::Kind::kLicense && LineMayShip(l)) continue;  // as in the text
      static constexpr const char* kKinds[] = {"license", "fact", "date"};
      j.BeginObject().Key("kind").String(kKinds[static_cast<int>(w.kind)]);
      j.Key("fact").StringOrNull(w.fact).Key("was").StringOrNull(w.was);
      j.Key("value").StringOrNull(w.value).Key("classes").BeginArray();
      for (const auto& c : w.classes) j.String(c);
      j.EndArray().Key("date");
      w.kind == WhatIf::Kind::kDate ? j.String(FormatDate(w.date)) : j.Null();
      j.Key("decision").String(DecisionName(w.decision)).Key("may_ship").Bool(w.may_ship);
      j.Key("countries_keeping").BeginArray();
      for (const auto& c : w.countries_keeping) j.String(c);
      j.EndArray().Key("text").String(WhatIfSentence(w, report.date)).EndObject();
    }
    j.EndArray().EndObject();
    j.Key("trace").BeginArray();
    // `detail` is null when the evaluator had nothing to add (as the text output leaves it out).
    for (const auto& t : traces[i].entries) {
      j.BeginObject().Key("kind").String(t.kind).Key("id").String(t.id);
      j.Key("result").String(t.result).Key("detail").StringOrNull(t.detail).EndObject();
    }
    j.EndArray().Key("reasons");
    ReasonsJson(j, l.decision.reasons);
    j.EndObject();
  }
  j.EndArray();
  return out;
}

}  // namespace chipgate::cli
