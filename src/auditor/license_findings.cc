// The license replay of the inventory audit (license_findings.h). Whether a license covers a
// line is never decided here: LicenseRefusals (src/license) answers it from the line and the
// license's use before the line, exactly as for `check`; this file orders the lines, keeps the
// running use, and turns each refusal reason into a finding a person can act on.
#include "auditor/license_findings.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "chipgate/audit_entry.h"

namespace chipgate {
namespace {

// Lists in summaries: classes and destinations as a person reads them.
std::string Join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

// Amounts in summaries: whole cents shown as dollars, never through a float.
std::string Dollars(UsdCents c) { return "$" + FormatUsd(c); }

// quantity x unit value, nullopt when the unit value is not known or the product overflows
// (the matcher's own rule: such a line's value is beyond any limit, and adds nothing here).
std::optional<UsdCents> ValueOf(const LicenseRequest& r) {
  UsdCents v = 0;
  if (!r.unit_value || __builtin_mul_overflow(r.quantity, *r.unit_value, &v)) return std::nullopt;
  return v;
}

// The finding kind a refusal reason is reported as. Both party reasons are one kind (the
// summary names which party); value-unknown is none (see AuditLicenses); the reasons about the
// named number itself never come from LicenseRefusals, which does not look at it.
std::optional<LicenseFindingKind> KindOf(LicenseRefusal r) {
  switch (r) {
    case LicenseRefusal::kNotYetValid:
      return LicenseFindingKind::kNotYetValid;
    case LicenseRefusal::kExpired:
      return LicenseFindingKind::kExpired;
    case LicenseRefusal::kWrongDestination:
      return LicenseFindingKind::kWrongDestination;
    case LicenseRefusal::kOtherConsignee:
    case LicenseRefusal::kOtherEndUser:
      return LicenseFindingKind::kWrongParty;
    case LicenseRefusal::kOtherClass:
      return LicenseFindingKind::kWrongClass;
    case LicenseRefusal::kQuantityExhausted:
      return LicenseFindingKind::kQuantityExceeded;
    case LicenseRefusal::kValueExhausted:
      return LicenseFindingKind::kValueExceeded;
    case LicenseRefusal::kValueUnknown:
    case LicenseRefusal::kInvalidNumber:
    case LicenseRefusal::kNotALicense:
    case LicenseRefusal::kUnknownLicense:
    case LicenseRefusal::kNoCoveringLicense:
      break;
  }
  return std::nullopt;
}

// A line that needed a license and shipped outside it is as grave as an unlicensed shipment;
// where an exception was available, or the line needs review, it is medium (as
// unlicensed_shipment is); a line that needed nothing is low (only kNotALicense reaches it).
std::string SeverityOf(DecisionKind d) {
  switch (d) {
    case DecisionKind::kLicenseRequired:
    case DecisionKind::kProhibited:
      return "high";
    case DecisionKind::kLicenseException:
    case DecisionKind::kReview:
      return "medium";
    case DecisionKind::kNoLicenseRequired:
      break;
  }
  return "low";
}

// What is wrong, in one sentence, for each refusal reason of `line` under `held` (its use is the
// use before the line).
std::string Summary(LicenseRefusal r, const LicensedLine& line, const HeldLicense& held) {
  const License& l = held.license;
  const LicenseRequest& q = line.request;
  std::string lic = "license " + l.number;
  switch (r) {
    case LicenseRefusal::kNotYetValid:
      return "shipped on " + FormatDate(q.ship_date) + " under " + lic + ", valid only from " +
             FormatDate(l.valid_from);
    case LicenseRefusal::kExpired:
      return "shipped on " + FormatDate(q.ship_date) + " under " + lic + ", which expired on " +
             FormatDate(l.valid_until);
    case LicenseRefusal::kWrongDestination:
      return "the end user's country " + (q.destination.empty() ? "(none)" : q.destination) +
             " is not a destination of " + lic + " (" + Join(l.destinations) + ")";
    case LicenseRefusal::kOtherConsignee:
      return lic + " names the consignee `" + l.consignee + "`, not `" + q.consignee_name + "`";
    case LicenseRefusal::kOtherEndUser:
      return lic + " names the end user `" + l.end_user + "`, not `" + q.end_user_name + "`";
    case LicenseRefusal::kOtherClass:
      return q.classes.empty()
                 ? "the line meets no class of the pack, so " + lic + " (" + Join(l.classes) +
                       ") cannot be matched to it"
                 : "the line's classes " + Join(q.classes) + " are not all covered by " + lic +
                       " (" + Join(l.classes) + ")";
    // The totals are the replay's: the use before the line plus the line, so the sentence shows
    // by how much the line went beyond the limit.
    case LicenseRefusal::kQuantityExhausted:
      return "the line's " + std::to_string(q.quantity) + " units take " + lic + " to " +
             std::to_string(held.used.quantity + q.quantity) + " of its " +
             std::to_string(*l.quantity_limit) + " (" + std::to_string(held.used.quantity) +
             " used by earlier shipments)";
    case LicenseRefusal::kValueExhausted: {
      auto v = ValueOf(q);
      if (!v) return "the line's value overflows; it is beyond the value limit of " + lic;
      return "the line's value " + Dollars(*v) + " takes " + lic + " to " +
             Dollars(held.used.value + *v) + " of its " + Dollars(*l.value_limit) + " (" +
             Dollars(held.used.value) + " used by earlier shipments of known value)";
    }
    // The reasons KindOf reports no finding for never reach here; the name is a safe fallback.
    default:
      return std::string(LicenseRefusalName(r));
  }
}

// The finding `base` becomes, with its kind and a reason naming the license (rule
// `license:<number>`, decision the refusal's stable name) after the decision's own reasons.
LicenseFinding Make(LicenseFindingKind kind, const LicensedLine& line, std::string reason_name,
                    std::string summary) {
  LicenseFinding out{kind, line.base};
  AuditFinding& f = out.finding;
  f.kind = std::string(LicenseFindingKindName(kind));
  f.severity = SeverityOf(line.decision);
  f.license = line.request.named_license;
  f.reasons.push_back(
      {"license:" + line.request.named_license, std::move(reason_name), "", summary});
  f.summary = std::move(summary);
  return out;
}

// The findings of one line that needed a license: one per refusal kind (two party reasons are
// one finding, their sentences joined).
void JudgeLine(const LicensedLine& line, const HeldLicense& held,
               std::vector<LicenseFinding>& out) {
  size_t first = out.size();
  for (LicenseRefusal r : LicenseRefusals(line.request, held)) {
    auto kind = KindOf(r);
    if (!kind) continue;
    std::string text = Summary(r, line, held);
    if (*kind == LicenseFindingKind::kWrongParty && out.size() > first &&
        out.back().kind == LicenseFindingKind::kWrongParty) {
      out.back().finding.summary += "; " + text;
      out.back().finding.reasons.push_back(
          {"license:" + held.license.number, std::string(LicenseRefusalName(r)), "", text});
      continue;
    }
    out.push_back(Make(*kind, line, std::string(LicenseRefusalName(r)), std::move(text)));
  }
}

// Valid on the audit date, ending within kExpiringDays of it, and able to ship more: every
// limit it has still has something left (a license with no limit always has).
bool Expiring(const LicenseAuditUse& u, Date audit_date) {
  const License& l = u.license;
  if (audit_date < l.valid_from || audit_date > l.valid_until) return false;
  if (l.valid_until.days - audit_date.days > kExpiringDays) return false;
  LicenseBalance left = RemainingOf({l, u.used});
  return (!left.quantity || *left.quantity > 0) && (!left.value || *left.value > 0);
}

// The finding about the license itself: no part, no shipment; `declared` is its number and
// `computed` its last day, as they are stored in audit_findings.
LicenseFinding ExpiringFinding(const LicenseAuditUse& u, Date audit_date) {
  const License& l = u.license;
  LicenseBalance left = RemainingOf({l, u.used});
  int days = l.valid_until.days - audit_date.days;
  std::string balance =
      left.quantity ? std::to_string(*left.quantity) + " units" : "no quantity limit";
  balance += left.value ? " and " + Dollars(*left.value) : " and no value limit";
  LicenseFinding out{LicenseFindingKind::kExpiring, {}};
  AuditFinding& f = out.finding;
  f.kind = std::string(LicenseFindingKindName(LicenseFindingKind::kExpiring));
  f.severity = "low";
  f.license = l.number;
  f.declared = l.number;
  f.computed = "valid until " + FormatDate(l.valid_until);
  f.summary = "license " + l.number + " expires on " + FormatDate(l.valid_until) + ", " +
              std::to_string(days) + (days == 1 ? " day" : " days") +
              " after the audit date, with " + balance + " left";
  f.reasons.push_back({"license:" + l.number, "expiring", "", f.summary});
  // The facts are the license's number and the date it was judged on; its terms are in the
  // licenses table, which no import amends.
  DecisionFacts facts;
  facts.license = l.number;
  facts.classified_on = audit_date;
  f.facts_digest = FactsDigest(facts);
  return out;
}

}  // namespace

// The names are a report contract, like every finding kind (docs/inventory-audit.md).
std::string_view LicenseFindingKindName(LicenseFindingKind kind) {
  switch (kind) {
    case LicenseFindingKind::kQuantityExceeded:
      return "license_quantity_exceeded";
    case LicenseFindingKind::kValueExceeded:
      return "license_value_exceeded";
    case LicenseFindingKind::kExpired:
      return "license_expired";
    case LicenseFindingKind::kNotYetValid:
      return "license_not_yet_valid";
    case LicenseFindingKind::kWrongDestination:
      return "license_wrong_destination";
    case LicenseFindingKind::kWrongParty:
      return "license_wrong_party";
    case LicenseFindingKind::kWrongClass:
      return "license_wrong_class";
    case LicenseFindingKind::kNotALicense:
      return "license_not_a_license";
    case LicenseFindingKind::kExpiring:
      return "license_expiring";
  }
  return "license_unknown";
}

LicenseAudit AuditLicenses(const std::vector<HeldLicense>& held, std::vector<LicensedLine> lines,
                           Date audit_date) {
  LicenseAudit out;
  // The running state starts from no use: the replay is the history, license_uses is only shown.
  std::vector<HeldLicense> state;
  std::unordered_map<std::string, size_t> by_number;
  for (const HeldLicense& h : held) {
    by_number.emplace(h.license.number, state.size());
    state.push_back({h.license, {}});
    out.licenses.push_back({h.license, {}, h.used, 0, 0});
  }
  // Shipments of one day are taken in id order: the store keeps no time of day.
  std::stable_sort(lines.begin(), lines.end(), [](const LicensedLine& a, const LicensedLine& b) {
    const AuditFinding &x = a.base, &y = b.base;
    return std::tie(x.shipment_date, x.shipment, x.line) <
           std::tie(y.shipment_date, y.shipment, y.line);
  });
  for (const LicensedLine& line : lines) {
    const LicenseRequest& q = line.request;
    auto it = by_number.find(q.named_license);
    if (it == by_number.end()) {
      out.findings.push_back(Make(LicenseFindingKind::kNotALicense, line, "unknown-license",
                                  "recorded license `" + q.named_license +
                                      "` is not a license held (not in the licenses table)"));
      continue;
    }
    // Judged against the use before the line, then drawn: the line's own units count for the
    // lines after it, whether or not it was refused.
    HeldLicense& h = state[it->second];
    if (line.decision != DecisionKind::kNoLicenseRequired) JudgeLine(line, h, out.findings);
    std::optional<UsdCents> value = ValueOf(q);
    AddUse(h, q.quantity, value);
    // The use shown stops at the audit date; the replay itself goes on past it.
    if (q.ship_date > audit_date) continue;
    LicenseAuditUse& u = out.licenses[it->second];
    u.used.quantity += q.quantity;
    if (value) u.used.value += *value;
    ++u.lines;
    if (!q.unit_value) ++u.unknown_value_lines;
  }
  // A license's own findings come after every line's, in license-number order (the store's).
  for (const LicenseAuditUse& u : out.licenses)
    if (Expiring(u, audit_date)) out.findings.push_back(ExpiringFinding(u, audit_date));
  return out;
}

}  // namespace chipgate
