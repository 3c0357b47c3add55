// The license part of `chipgate audit` (docs/licenses.md, "Audit"): the stored shipment lines
// that name a license number, replayed in date order against the licenses held, each line judged
// by the matcher's own refusal reasons (LicenseRefusals, chipgate/license.h) so that the audit and
// `check` decide a line alike; and the licenses about to expire with a balance left. The inventory
// audit collects the lines while it re-decides the shipments and hands them over at the end.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "chipgate/inventory_audit.h"
#include "chipgate/license.h"

namespace chipgate {

// Each kind is a finding kind of its own (docs/inventory-audit.md); the report spells it with
// LicenseFindingKindName.
enum class LicenseFindingKind : uint8_t {
  kQuantityExceeded,  // the line takes the license beyond its quantity limit
  kValueExceeded,     // the line's known value takes the license beyond its value limit
  kExpired,           // shipped after valid_until
  kNotYetValid,       // shipped before valid_from
  kWrongDestination,  // the end user's country is not a destination of the license
  kWrongParty,        // the license names another consignee or end user
  kWrongClass,        // a class of the line is not covered by the license
  kNotALicense,       // the number has a license's shape but no license held has it
  kExpiring,          // valid on the audit date, ends within kExpiringDays, balance left
};
std::string_view LicenseFindingKindName(LicenseFindingKind kind);

// A license ending this many days after the audit date or sooner is `license_expiring`.
constexpr int kExpiringDays = 30;

// One stored shipment line naming a license number, as the inventory audit re-decided it.
struct LicensedLine {
  // What the matcher is asked: the decision's classes, the end user's country, the parties as
  // completed from the customer master, the ship date, the quantity, the unit value (nullopt: not
  // known) and the license the line names.
  LicenseRequest request;
  DecisionKind decision = DecisionKind::kReview;  // the line's decision now
  // The finding as every finding of this line starts: part, shipment, line, date, the recorded
  // license (declared), the decision (computed), its reasons and the line's facts digest.
  AuditFinding base;
};

// A finding with its kind as a type; finding.kind is LicenseFindingKindName(kind).
struct LicenseFinding {
  LicenseFindingKind kind;
  AuditFinding finding;
};

struct LicenseAudit {
  std::vector<LicenseFinding> findings;   // line findings in replay order, then kExpiring by number
  std::vector<LicenseAuditUse> licenses;  // every license held, by number
};

// Replays `lines` in the order (ship date, shipment id, line) from no use at all: every line
// naming a held license draws its quantity (and its value, when known) on it, whatever its
// decision or its other problems, since the goods left under that number. A line whose decision
// needed an authorization (anything but no_license_required) is judged against the license's
// use before it: each refusal reason becomes a finding (value-unknown none: an unknown value is
// not counted). A number not held is kNotALicense for every line. `held` are the licenses as
// stored (their `used` is what license_uses recorded, kept as LicenseAuditUse::recorded);
// `audit_date` bounds the use shown and decides kExpiring.
LicenseAudit AuditLicenses(const std::vector<HeldLicense>& held, std::vector<LicensedLine> lines,
                           Date audit_date);

}  // namespace chipgate
