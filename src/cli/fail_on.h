// `check --fail-on review|license_required|prohibited`: the least severe held decision that
// makes `check` exit 1 (docs/cli.md, "Exit codes"). It changes only the exit code: the report,
// `may_ship`, the verdict and the audit records stay exactly as they are, so a pipeline that
// routes reviews elsewhere still sees every review in the report.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "pipeline/check_report.h"

namespace chipgate::cli {

// Ordered least severe first. The default, kReview, is the behaviour without the option: any
// held line (and a manifest with no lines, which is `review`) exits 1.
enum class FailOn : uint8_t { kReview, kLicenseRequired, kProhibited };

// `review`, `license_required` or `prohibited`; nullopt for anything else.
std::optional<FailOn> ParseFailOn(std::string_view name);

// Whether the report exits 1 at this threshold: some line that may not ship (LineMayShip) has a
// decision at least as severe as `threshold` (prohibited > license_required > review; a
// license_required line covered by a license held is not held), or there is no line and the
// threshold is review. With kReview this is exactly !ReportMayShip(report).
bool ReportFails(const CheckReport& report, FailOn threshold);

}  // namespace chipgate::cli
