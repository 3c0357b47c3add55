// The license-number check (chipgate/license.h): the shapes are those of base/license_value.h,
// which the shipments import and the auditor already use, so "is this a license number" has one
// answer everywhere.
#include "base/license_value.h"
#include "chipgate/license.h"

namespace chipgate {

LicenseNumberProblem CheckLicenseNumber(std::string_view number) {
  switch (ClassifyLicenseValue(number)) {
    case LicenseValueKind::kLicenseNumber:
      return LicenseNumberProblem::kNone;
    case LicenseValueKind::kNone:
      return LicenseNumberProblem::kEmpty;
    case LicenseValueKind::kExceptionCode:
      return LicenseNumberProblem::kExceptionCode;
    case LicenseValueKind::kInvalid:
      break;
  }
  return LicenseNumberProblem::kInvalid;
}

}  // namespace chipgate
