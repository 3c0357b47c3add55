// Licenses the exporter holds, and which one a `license_required` line may ship under
// (docs/licenses.md). The store imports and reads them (Store::ReadLicenses); MatchLicense picks
// the license for one line from the licenses and their used balances. Nothing here reads a
// database or a file, so `check` (a dry run), `ship` (which records the use) and the audit (which
// replays past shipments) all decide a line the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/date.h"
#include "chipgate/decision.h"
#include "chipgate/facts.h"

namespace chipgate {

// Amounts of money in whole US cents: exact, never a float.
using UsdCents = int64_t;

// Parses a dollar amount as written in a file: digits, optionally `.` and one or two decimals
// (`1500`, `1500.5`, `1500.50`); no sign, no thousands separators, no exponent. nullopt when the
// text is not such an amount or does not fit in UsdCents.
std::optional<UsdCents> ParseUsd(std::string_view text);
// `150050` -> "1500.50". Negative amounts get a leading `-`.
std::string FormatUsd(UsdCents cents);

// What is wrong with a license number, if anything. The shapes are base/license_value.h's: one
// capital letter and 6 to 8 digits (`D1234567`).
enum class LicenseNumberProblem : uint8_t {
  kNone,           // a license number
  kEmpty,          // no number given
  kExceptionCode,  // a License Exception symbol (`NAC`), not a license
  kInvalid,        // a placeholder (`N/A`, `pending`, `D0000000`, `NLR`) or a typo
};
LicenseNumberProblem CheckLicenseNumber(std::string_view number);

// One license as imported (docs/licenses.md, "The data").
struct License {
  std::string number;                     // checked by CheckLicenseNumber
  std::vector<std::string> classes;       // ECCN paths, canonical (`3A090.a`); at least one
  std::vector<std::string> destinations;  // ISO 3166-1 alpha-2 codes; at least one
  std::string consignee, end_user;        // a party id or name; empty: any party
  std::optional<int64_t> quantity_limit;  // units; nullopt: no quantity limit
  std::optional<UsdCents> value_limit;    // nullopt: no value limit
  Date valid_from, valid_until;           // both inclusive: the first and last day of use
  std::string conditions;                 // free text shown with every decision that uses it
  int line = 0;                           // where it was read (the import file's line)
};

// What shipments have used of a license: the sum of its recorded uses (units, and the value of
// those with a known value).
struct LicenseUse {
  int64_t quantity = 0;
  UsdCents value = 0;
};

// A license with its use as of some date: the matcher's input.
struct HeldLicense {
  License license;
  LicenseUse used;
};

// What is left of a license: nullopt where it has no limit of that kind.
struct LicenseBalance {
  std::optional<int64_t> quantity;
  std::optional<UsdCents> value;
};
LicenseBalance RemainingOf(const HeldLicense& held);

// The line to find a license for.
struct LicenseRequest {
  std::vector<std::string> classes;  // the line's classes needing a license (ECCN paths)
  std::string destination;           // the end user's country
  std::string consignee_id, consignee_name, end_user_id, end_user_name;
  Date ship_date;
  int64_t quantity = 0;
  std::optional<UsdCents> unit_value;  // nullopt: not given (unknown)
  std::string named_license;           // the license the line names; empty: none named
};

// The request for one line of a decided shipment, the same for `check`, `ship` and the audit's
// replay so that they decide a line alike: the decision's classes, the end user's country as the
// destination, and the parties as given (after completion from the customer master, so a license
// naming a party by its id matches a shipment naming it).
LicenseRequest RequestForLine(const ShipmentFacts& shipment, Date ship_date,
                              const LineDecision& decision, int64_t quantity,
                              std::optional<UsdCents> unit_value, std::string named_license);

// Why a license does not cover a line. Every reason that applies is reported, in this order.
enum class LicenseRefusal : uint8_t {
  kInvalidNumber,      // the line names a placeholder or malformed license number
  kNotALicense,        // the line names a License Exception symbol, not a license
  kUnknownLicense,     // the named license is not held
  kNoCoveringLicense,  // no license was named and none held covers the line
  kNotYetValid,        // the ship date is before valid_from
  kExpired,            // the ship date is after valid_until
  kWrongDestination,   // the end user's country is not a destination of the license
  kOtherConsignee,     // the license names another consignee
  kOtherEndUser,       // the license names another end user
  kOtherClass,         // a class of the line is not covered (or the line has no class)
  kQuantityExhausted,  // the remaining quantity is less than the line's
  kValueExhausted,     // the remaining value is less than the line's
  kValueUnknown,       // the license has a value limit and the line gives no unit value
};
// A stable lower-case name for reports (`wrong-destination`).
std::string_view LicenseRefusalName(LicenseRefusal r);

// The license a line may ship under, or every reason it may not.
struct LicenseMatch {
  std::optional<size_t> license;       // index into the licenses given to MatchLicense
  LicenseBalance before, after;        // the license's remaining balance without and with this line
  std::optional<UsdCents> line_value;  // quantity x unit value, when the unit value is known
  std::vector<LicenseRefusal> refusals;  // empty exactly when `license` is set
  bool cleared() const { return license.has_value(); }
};

// Every reason `held` does not cover `request` (empty: it covers it). Does not look at the
// license number the line names.
std::vector<LicenseRefusal> LicenseRefusals(const LicenseRequest& request, const HeldLicense& held);

// The license for the line: the one it names (if it covers the line; else every reason why not),
// or, when it names none, the covering license that expires first (ties: the smaller number).
// When none covers an unnamed line the refusals are kNoCoveringLicense, plus kValueUnknown when a
// license would cover it but for its unknown value. A caller deciding several lines against the
// same licenses adds each cleared line's use (AddUse) before matching the next.
LicenseMatch MatchLicense(const LicenseRequest& request, const std::vector<HeldLicense>& licenses);

// Adds a cleared line's quantity and value to the license's use.
void AddUse(HeldLicense& held, int64_t quantity, std::optional<UsdCents> value);

}  // namespace chipgate
