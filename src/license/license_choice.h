// The parts of choosing a license that the linear matcher (MatchLicense, license_match.cc) and the
// indexed one (LicenseIndex, license_index.cc) share, so both build their results the same way:
// the checks on a named number, the result for a cleared line, the result when nothing covers an
// unnamed line, and the order in which covering licenses are preferred.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "chipgate/license.h"

namespace chipgate::license_choice {

// A refused line: `why`, and the line's value (no license, no balance).
LicenseMatch Refused(const LicenseRequest& request, std::vector<LicenseRefusal> why);

// The refusal of a named number that is not a license number at all (invalid-number,
// not-a-license), decided without looking at the licenses; nullopt when it is one to look up.
std::optional<LicenseMatch> RefuseNamedNumber(const LicenseRequest& request);

// The result for the named license `licenses[i]` (found by its number): cleared when it covers
// the line, else every reason it does not, with what it has left.
LicenseMatch MatchNamed(const LicenseRequest& request, const std::vector<HeldLicense>& licenses,
                        size_t i);

// The result of a line cleared by `licenses[i]`: its balance before and after the line.
LicenseMatch Cleared(const LicenseRequest& request, const std::vector<HeldLicense>& licenses,
                     size_t i);

// The result for an unnamed line no license covers: no-covering-license, plus value-unknown when
// some license would have covered it but for the line's missing unit value.
LicenseMatch NoCoveringLicense(const LicenseRequest& request, bool value_unknown_only);

// Whether a license's only refusal is value-unknown (what NoCoveringLicense reports).
inline bool OnlyValueUnknown(const std::vector<LicenseRefusal>& why) {
  return why.size() == 1 && why[0] == LicenseRefusal::kValueUnknown;
}

// The order covering licenses are preferred in: the one that expires first, then the smaller
// number. Licenses equal in both (a caller's list with a number twice) keep their list order.
inline bool PreferredOver(const License& a, const License& b) {
  return a.valid_until < b.valid_until || (a.valid_until == b.valid_until && a.number < b.number);
}

}  // namespace chipgate::license_choice
