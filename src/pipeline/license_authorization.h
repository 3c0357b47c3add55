// What lets a line of `check --db` ship beyond its decision: an exception (in the decision) or a
// license the exporter holds (docs/licenses.md). The decision itself is never changed: a line
// stays `license_required` and carries the license it may ship under next to it, so the verdict,
// the audit records and the exit code each say what they always said, plus this.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/license.h"
#include "chipgate/status.h"

namespace chipgate {

struct CheckedLine;
struct CheckReport;

// The license matched to one `license_required` line: the one it ships under with the balance
// before and after it, or every reason none may be used.
struct LineLicense {
  std::string named;       // the license the line names; empty: none named
  LicenseMatch match;      // match.license indexed the licenses AuthorizeLines read: use `number`
  std::string number;      // the license used (cleared lines only)
  std::string conditions;  // its conditions, shown with the line
};

// Matches every `license_required` line of `report` in manifest order against `licenses` (the
// licenses held with their use as of the shipment date, read by `check --db` in the snapshot it
// reads everything else in), each line seeing the use of the cleared lines before it (AddUse),
// so two lines cannot both spend the last units of one license. Sets CheckedLine::license on
// those lines only. Nothing is written.
void AuthorizeLines(std::vector<HeldLicense> licenses, CheckReport& report);

// The request MatchLicense gets for a line: the decision's classes (every class the item meets:
// the decision does not keep which of them each rule required the license for, so all must be
// covered), the end user's country, both parties' customer-master ids and names, the shipment
// date, the quantity and the unit value.
LicenseRequest RequestFor(const CheckReport& report, const CheckedLine& line);

// A line may ship when its decision may (no license required, or an exception), or when it is
// `license_required` and a license covers it. `prohibited` and `review` never may.
bool LineMayShip(const CheckedLine& line);
// Every line may ship, and there is at least one (nothing decided is not a clearance).
bool ReportMayShip(const CheckReport& report);

// How a line that may ship is authorized (docs/cli.md, `authorization`); nullopt when it needs
// none (no_license_required) or may not ship.
enum class AuthorizationKind : uint8_t { kException, kLicense };
std::optional<AuthorizationKind> AuthorizationOf(const CheckedLine& line);

// A sentence saying why a license was refused, for people; the stable name for programs is
// LicenseRefusalName.
std::string_view RefusalSentence(LicenseRefusal r);

}  // namespace chipgate
