// The exit threshold of `check --fail-on` (fail_on.h).
#include "cli/fail_on.h"

#include "pipeline/license_authorization.h"

namespace chipgate::cli {
namespace {

// The severity of a held line's decision on the --fail-on scale. Only prohibited,
// license_required and review lines are ever held; a decision that may ship never reaches here,
// and were one to, it counts as review (the least severe held level), never as cleared.
FailOn HeldLevel(DecisionKind d) {
  switch (d) {
    case DecisionKind::kProhibited:
      return FailOn::kProhibited;
    case DecisionKind::kLicenseRequired:
      return FailOn::kLicenseRequired;
    case DecisionKind::kReview:
    case DecisionKind::kLicenseException:
    case DecisionKind::kNoLicenseRequired:
      return FailOn::kReview;
  }
  return FailOn::kReview;
}

}  // namespace

std::optional<FailOn> ParseFailOn(std::string_view name) {
  if (name == "review") return FailOn::kReview;
  if (name == "license_required") return FailOn::kLicenseRequired;
  if (name == "prohibited") return FailOn::kProhibited;
  return std::nullopt;
}

// Lines that may ship never count, whatever their decision; so with kReview any held line fails,
// as ReportMayShip's negation does.
bool ReportFails(const CheckReport& report, FailOn threshold) {
  if (report.lines.empty()) return threshold == FailOn::kReview;  // nothing decided is a review
  for (const CheckedLine& line : report.lines) {
    if (LineMayShip(line)) continue;
    if (HeldLevel(line.decision.decision) >= threshold) return true;
  }
  return false;
}

}  // namespace chipgate::cli
