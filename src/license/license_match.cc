// Matching a line to a license (docs/licenses.md, "Matching"): the coverage tests, one function
// each, their refusal reasons, and the choice among covering licenses. Every test fails closed:
// a value that is missing (no unit value while the license limits value, no class on the line)
// is a reason to refuse, never a pass.
#include <algorithm>

#include "base/eccn.h"
#include "base/string_key.h"
#include "chipgate/license.h"
#include "license/license_choice.h"

namespace chipgate {
namespace {

// Whether the license's party cell names the line's party: by its customer-master id (IdKey) or
// by its name (NameKey, so `ACME Ltd.` is `Acme Ltd`). An empty cell is any party.
bool PartyMatches(const std::string& cell, const std::string& id, const std::string& name) {
  if (cell.empty()) return true;
  if (!id.empty() && IdKey(cell) == IdKey(id)) return true;
  std::string key = NameKey(cell);
  return !key.empty() && key == NameKey(name);
}

// Whether every class of the line is covered by a class of the license. A line with no class
// has nothing a license could be matched on, and an unparsable class is covered by nothing.
bool ClassesCovered(const std::vector<std::string>& line, const std::vector<std::string>& held) {
  if (line.empty()) return false;
  return std::all_of(line.begin(), line.end(), [&](const std::string& c) {
    auto item = ParseEccnPath(c);
    return item && std::any_of(held.begin(), held.end(), [&](const std::string& h) {
             auto covering = ParseEccnPath(h);
             return covering && EccnCovers(*covering, *item);
           });
  });
}

// quantity x unit value, nullopt when unknown or beyond UsdCents.
std::optional<UsdCents> LineValue(const LicenseRequest& r) {
  UsdCents v = 0;
  if (!r.unit_value || __builtin_mul_overflow(r.quantity, *r.unit_value, &v)) return std::nullopt;
  return v;
}

// The balance after taking `quantity` and `value` from `before` (limits stay nullopt).
LicenseBalance After(const LicenseBalance& before, int64_t quantity,
                     std::optional<UsdCents> value) {
  LicenseBalance after = before;
  if (after.quantity) *after.quantity -= quantity;
  if (after.value && value) *after.value -= *value;
  return after;
}

}  // namespace

// The names are a report contract (docs/licenses.md, "Refusal reasons"): renaming one changes
// what scripts reading a report see, so a name once published stays.
std::string_view LicenseRefusalName(LicenseRefusal r) {
  switch (r) {
    case LicenseRefusal::kInvalidNumber:
      return "invalid-number";
    case LicenseRefusal::kNotALicense:
      return "not-a-license";
    case LicenseRefusal::kUnknownLicense:
      return "unknown-license";
    case LicenseRefusal::kNoCoveringLicense:
      return "no-covering-license";
    case LicenseRefusal::kNotYetValid:
      return "not-yet-valid";
    case LicenseRefusal::kExpired:
      return "expired";
    case LicenseRefusal::kWrongDestination:
      return "wrong-destination";
    case LicenseRefusal::kOtherConsignee:
      return "other-consignee";
    case LicenseRefusal::kOtherEndUser:
      return "other-end-user";
    case LicenseRefusal::kOtherClass:
      return "other-class";
    case LicenseRefusal::kQuantityExhausted:
      return "quantity-exhausted";
    case LicenseRefusal::kValueExhausted:
      return "value-exhausted";
    case LicenseRefusal::kValueUnknown:
      return "value-unknown";
  }
  return "unknown";
}

// May be negative: a past shipment beyond the license (the audit's finding) leaves less than
// nothing, and a negative balance then refuses every further line.
LicenseBalance RemainingOf(const HeldLicense& held) {
  LicenseBalance b;
  if (held.license.quantity_limit) b.quantity = *held.license.quantity_limit - held.used.quantity;
  if (held.license.value_limit) b.value = *held.license.value_limit - held.used.value;
  return b;
}

// Each test runs whatever the others found, so a refusal names every reason at once and the user
// fixes the line (or the data) in one round; the order is LicenseRefusal's.
std::vector<LicenseRefusal> LicenseRefusals(const LicenseRequest& r, const HeldLicense& held) {
  const License& l = held.license;
  std::vector<LicenseRefusal> out;
  auto refuse_if = [&](bool failed, LicenseRefusal why) {
    if (failed) out.push_back(why);
  };
  // Both ends of the validity period are days of use.
  refuse_if(r.ship_date < l.valid_from, LicenseRefusal::kNotYetValid);
  refuse_if(r.ship_date > l.valid_until, LicenseRefusal::kExpired);
  // The destination is the end user's country as given (ISO codes, upper case as imported).
  refuse_if(std::find(l.destinations.begin(), l.destinations.end(), r.destination) ==
                l.destinations.end(),
            LicenseRefusal::kWrongDestination);
  refuse_if(!PartyMatches(l.consignee, r.consignee_id, r.consignee_name),
            LicenseRefusal::kOtherConsignee);
  refuse_if(!PartyMatches(l.end_user, r.end_user_id, r.end_user_name),
            LicenseRefusal::kOtherEndUser);
  refuse_if(!ClassesCovered(r.classes, l.classes), LicenseRefusal::kOtherClass);
  LicenseBalance left = RemainingOf(held);
  // A non-positive quantity is not a shipment a license can be drawn on.
  refuse_if(r.quantity <= 0 || (left.quantity && *left.quantity < r.quantity),
            LicenseRefusal::kQuantityExhausted);
  if (left.value) {
    bool known = r.unit_value.has_value();
    auto value = LineValue(r);
    refuse_if(!known, LicenseRefusal::kValueUnknown);
    // A known unit value whose product overflows is beyond any limit.
    refuse_if(known && (!value || *left.value < *value), LicenseRefusal::kValueExhausted);
  }
  return out;
}

namespace license_choice {

LicenseMatch Refused(const LicenseRequest& r, std::vector<LicenseRefusal> why) {
  LicenseMatch m;
  m.line_value = LineValue(r);
  m.refusals = std::move(why);
  return m;
}

std::optional<LicenseMatch> RefuseNamedNumber(const LicenseRequest& r) {
  switch (CheckLicenseNumber(r.named_license)) {
    case LicenseNumberProblem::kExceptionCode:
      return Refused(r, {LicenseRefusal::kNotALicense});
    case LicenseNumberProblem::kInvalid:
    case LicenseNumberProblem::kEmpty:
      return Refused(r, {LicenseRefusal::kInvalidNumber});
    case LicenseNumberProblem::kNone:
      break;
  }
  return std::nullopt;
}

LicenseMatch Cleared(const LicenseRequest& r, const std::vector<HeldLicense>& licenses, size_t i) {
  LicenseMatch m;
  m.line_value = LineValue(r);
  m.license = i;
  m.before = RemainingOf(licenses[i]);
  m.after = After(m.before, r.quantity, m.line_value);
  return m;
}

LicenseMatch MatchNamed(const LicenseRequest& r, const std::vector<HeldLicense>& licenses,
                        size_t i) {
  std::vector<LicenseRefusal> why = LicenseRefusals(r, licenses[i]);
  if (why.empty()) return Cleared(r, licenses, i);
  LicenseMatch m = Refused(r, std::move(why));
  m.before = RemainingOf(licenses[i]);  // shown with the refusal: what the named license has left
  return m;
}

LicenseMatch NoCoveringLicense(const LicenseRequest& r, bool value_unknown_only) {
  if (!value_unknown_only) return Refused(r, {LicenseRefusal::kNoCoveringLicense});
  return Refused(r, {LicenseRefusal::kNoCoveringLicense, LicenseRefusal::kValueUnknown});
}

}  // namespace license_choice

// The linear matcher: every license is tested. LicenseIndex (license_index.h) gives the same
// result from the few licenses that could cover the line, and is tested against this.
LicenseMatch MatchLicense(const LicenseRequest& r, const std::vector<HeldLicense>& licenses) {
  using namespace license_choice;
  // A named license is the exporter's choice: it is checked and never swapped for another, so
  // the license on the shipping papers is the one chipgate decided on.
  if (!r.named_license.empty()) {
    if (auto refused = RefuseNamedNumber(r)) return *refused;
    // The first license of that number (the store holds each number once).
    auto it = std::find_if(licenses.begin(), licenses.end(), [&](const HeldLicense& h) {
      return h.license.number == r.named_license;
    });
    if (it == licenses.end()) return Refused(r, {LicenseRefusal::kUnknownLicense});
    return MatchNamed(r, licenses, static_cast<size_t>(it - licenses.begin()));
  }
  // Unnamed: the covering license that expires first, then the smaller number, so the choice
  // does not depend on the order the licenses were read in.
  std::optional<size_t> best;
  bool only_value_unknown = false;
  for (size_t i = 0; i < licenses.size(); ++i) {
    auto why = LicenseRefusals(r, licenses[i]);
    if (OnlyValueUnknown(why)) only_value_unknown = true;
    if (!why.empty()) continue;
    if (!best || PreferredOver(licenses[i].license, licenses[*best].license)) best = i;
  }
  if (best) return Cleared(r, licenses, *best);
  return NoCoveringLicense(r, only_value_unknown);
}

// An unknown value adds nothing to the value used; it can only occur under a license without a
// value limit, which the matcher requires a value for otherwise.
void AddUse(HeldLicense& held, int64_t quantity, std::optional<UsdCents> value) {
  held.used.quantity += quantity;
  if (value) held.used.value += *value;
}

}  // namespace chipgate
