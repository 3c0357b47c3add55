// The check report in JUnit XML (check_junit.h), through junit_writer.h.
#include "cli/check_junit.h"

#include "cli/junit_writer.h"
#include "pipeline/license_authorization.h"

namespace chipgate::cli {
namespace {

// Every reason, most restrictive first, as `rule (decision): text [cite]`, one per line, then
// the license refusals of a license_required line that licenses were matched for.
std::string ReasonsText(const CheckedLine& l) {
  std::string out;
  for (const auto& r : l.decision.reasons) {
    out += std::string(r.rule) + " (" + std::string(DecisionName(r.decision)) + "): " + r.Text() +
           (r.cite.empty() ? "" : " [" + std::string(r.cite) + "]") + "\n";
  }
  if (l.license && !l.license->match.cleared()) {
    out += l.license->named.empty() ? "no license covers the line\n"
                                    : "license " + l.license->named + " does not cover the line\n";
    for (LicenseRefusal r : l.license->match.refusals) {
      out +=
          "  " + std::string(LicenseRefusalName(r)) + ": " + std::string(RefusalSentence(r)) + "\n";
    }
  }
  return out;
}

}  // namespace

// Held or not is LineMayShip's answer, the same that decides the exit code, so the failures of
// the document and the verdict cannot disagree.
std::string CheckJunit(const CheckReport& r) {
  const std::string& id = r.manifest->shipment.id;
  JunitSuite suite{.name = "shipment " + (id.empty() ? std::string("(no id)") : id)};
  suite.properties = {{"date", FormatDate(r.date)},
                      {"verdict", std::string(DecisionName(r.verdict))},
                      {"may_ship", ReportMayShip(r) ? "true" : "false"},
                      {"pack", r.engine->pack_name()},
                      {"digest", r.engine->digest()},
                      {"recorded", r.recorded ? "true" : "false"}};
  if (r.recorded) {
    suite.properties.push_back({"audit_db", r.audit_db});
    suite.properties.push_back(
        {"audit_records", std::to_string(r.first_seq) + "-" + std::to_string(r.last_seq)});
    suite.properties.push_back({"audit_head", r.audit_head});
  }
  for (const auto& l : r.lines) {
    JunitCase c{.name = "line " + std::to_string(l.line->index) + ": " + l.line->item.part,
                .classname = suite.name};
    std::string reasons = ReasonsText(l);
    std::string_view decision = DecisionName(l.decision.decision);
    if (!LineMayShip(l)) {
      std::string first =
          l.decision.reasons.empty() ? std::string(decision) : l.decision.reasons.front().Text();
      c.failure = JunitFailure{.type = std::string(decision), .message = first, .text = reasons};
    } else {
      std::string exception =
          l.decision.exception ? " (" + std::string(l.decision.exception->code) + ")" : "";
      c.system_out = "decision: " + std::string(decision) + exception + "\n" + reasons;
    }
    suite.cases.push_back(std::move(c));
  }
  if (r.lines.empty()) {
    suite.cases.push_back(
        {.name = "manifest",
         .classname = suite.name,
         .failure = JunitFailure{.type = std::string(DecisionName(r.verdict)),
                                 .message = "the manifest has no lines",
                                 .text = "nothing decided is not a clearance\n"}});
  }
  return JunitXml("chipgate check", {suite});
}

}  // namespace chipgate::cli
