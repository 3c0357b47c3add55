// `check --db`: each `license_required` line matched to a license held in the database
// (MatchLicense), and whether each line and the whole manifest may ship. The store reads the
// licenses; the library decides; this file only joins the report's facts to the matcher.
#include "pipeline/license_authorization.h"

#include <algorithm>
#include <cmath>

#include "chipgate/license_index.h"
#include "pipeline/check_report.h"

namespace chipgate {

// The parties as the report decided them: after --db completed them from the customer master, so
// a license naming a party by its id (`C-1010`) matches a manifest naming the party.
LicenseRequest RequestFor(const CheckReport& report, const CheckedLine& line) {
  // The loader admits whole quantities up to 1e12 only; anything else (a library caller's
  // fraction) becomes 0, which the matcher refuses as quantity-exhausted: fail closed.
  double q = line.line->item.quantity;
  int64_t quantity = q >= 1 && q <= 1e12 && std::floor(q) == q ? static_cast<int64_t>(q) : 0;
  return RequestForLine(report.manifest->shipment, report.date, line.decision, quantity,
                        line.line->unit_value, line.line->license);
}

// Every line is matched in memory against one copy of the licenses, which AddUse updates as
// lines clear; the index (built once, MatchLicense's result) reads those uses as it matches.
void AuthorizeLines(std::vector<HeldLicense> licenses, CheckReport& report) {
  const LicenseIndex index(licenses);
  for (CheckedLine& l : report.lines) {
    // prohibited and review are never cleared by a license; the others need none.
    if (l.decision.decision != DecisionKind::kLicenseRequired) continue;
    LineLicense out;
    LicenseRequest req = RequestFor(report, l);
    out.named = req.named_license;
    out.match = index.Match(req);
    if (out.match.cleared()) {
      HeldLicense& used = licenses[*out.match.license];
      out.number = used.license.number;
      out.conditions = used.license.conditions;
      // The line's value is unknown (nullopt) only under a license without a value limit.
      AddUse(used, req.quantity, out.match.line_value);
    }
    l.license = std::move(out);
  }
}

bool LineMayShip(const CheckedLine& line) {
  if (MayShip(line.decision.decision)) return true;
  return line.decision.decision == DecisionKind::kLicenseRequired && line.license &&
         line.license->match.cleared();
}

bool ReportMayShip(const CheckReport& report) {
  return !report.lines.empty() &&
         std::all_of(report.lines.begin(), report.lines.end(), LineMayShip);
}

// An exception is in the decision itself; a license only beside it (CheckedLine::license).
std::optional<AuthorizationKind> AuthorizationOf(const CheckedLine& line) {
  if (line.decision.decision == DecisionKind::kLicenseException && line.decision.exception)
    return AuthorizationKind::kException;
  if (line.decision.decision == DecisionKind::kLicenseRequired && LineMayShip(line))
    return AuthorizationKind::kLicense;
  return std::nullopt;
}

// One sentence per enum value (docs/licenses.md, "Refusal reasons"); the switch has no default
// so a new reason is a compiler warning (an error in CI) until it is worded here.
std::string_view RefusalSentence(LicenseRefusal r) {
  switch (r) {
    case LicenseRefusal::kInvalidNumber:
      return "the named license number is a placeholder or malformed";
    case LicenseRefusal::kNotALicense:
      return "the named license is a License Exception symbol, not a license";
    case LicenseRefusal::kUnknownLicense:
      return "the named license is not held";
    case LicenseRefusal::kNoCoveringLicense:
      return "no license held covers the line";
    case LicenseRefusal::kNotYetValid:
      return "the ship date is before the license is valid";
    case LicenseRefusal::kExpired:
      return "the ship date is after the license expired";
    case LicenseRefusal::kWrongDestination:
      return "the end user's country is not a destination of the license";
    case LicenseRefusal::kOtherConsignee:
      return "the license names another consignee";
    case LicenseRefusal::kOtherEndUser:
      return "the license names another end user";
    case LicenseRefusal::kOtherClass:
      return "a class of the line is not covered by the license";
    case LicenseRefusal::kQuantityExhausted:
      return "the remaining quantity is less than the line's";
    case LicenseRefusal::kValueExhausted:
      return "the remaining value is less than the line's";
    case LicenseRefusal::kValueUnknown:
      return "the license has a value limit and the line gives no unit_value";
  }
  return "refused";
}

}  // namespace chipgate
