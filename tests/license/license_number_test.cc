// The license-number check (chipgate/license.h): the shapes of base/license_value.h, with
// placeholders and exception codes refused, each with its own problem.
#include <catch2/catch.hpp>

#include "chipgate/license.h"

namespace chipgate::testing {

TEST_CASE("BisStyleLicenseNumbersAreAccepted", "[license]") {
  for (const char* n : {"D123456", "D1234567", "D12345678", "Z0456789"}) {
    INFO(n);
    CHECK(CheckLicenseNumber(n) == LicenseNumberProblem::kNone);
  }
}

TEST_CASE("PlaceholderAndMalformedLicenseNumbersAreRefused", "[license]") {
  for (const char* n :
       {"N/A", "none", "pending", "EAR99", "NLR", "TBD", "D0000000", "D000000", "D12345",
        "D123456789", "d1234567", " D1234567", "D1234567 ", "DX234567", "0", "-", "LICENSE"}) {
    INFO(n);
    CHECK(CheckLicenseNumber(n) == LicenseNumberProblem::kInvalid);
  }
}

TEST_CASE("AnExceptionCodeIsNotALicenseNumber", "[license]") {
  CHECK(CheckLicenseNumber("NAC") == LicenseNumberProblem::kExceptionCode);
  CHECK(CheckLicenseNumber("ACA") == LicenseNumberProblem::kExceptionCode);
}

TEST_CASE("AnEmptyLicenseNumberIsMissing", "[license]") {
  CHECK(CheckLicenseNumber("") == LicenseNumberProblem::kEmpty);
}

}  // namespace chipgate::testing
