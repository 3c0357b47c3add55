// License value shapes (docs/db-schema.md "License values").
#include "base/license_value.h"

#include <algorithm>

namespace chipgate {
namespace {

bool Upper(char c) { return c >= 'A' && c <= 'Z'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }

// Three-letter placeholders seen in shipping records; none is a License Exception symbol.
constexpr std::string_view kPlaceholders[] = {"NLR", "TBD", "NIL", "NAN", "NOT",
                                              "NON", "YES", "UNK", "TBA"};

}  // namespace

LicenseValueKind ClassifyLicenseValue(std::string_view v) {
  if (v.empty()) return LicenseValueKind::kNone;
  if (v.size() == 3 && std::all_of(v.begin(), v.end(), Upper)) {
    bool placeholder =
        std::find(std::begin(kPlaceholders), std::end(kPlaceholders), v) != std::end(kPlaceholders);
    return placeholder ? LicenseValueKind::kInvalid : LicenseValueKind::kExceptionCode;
  }
  if (v.size() >= 7 && v.size() <= 9 && Upper(v[0]) && std::all_of(v.begin() + 1, v.end(), Digit)) {
    // All zeros after the letter is a filler, not an issued number.
    bool zeros = std::all_of(v.begin() + 1, v.end(), [](char c) { return c == '0'; });
    return zeros ? LicenseValueKind::kInvalid : LicenseValueKind::kLicenseNumber;
  }
  return LicenseValueKind::kInvalid;
}

std::string_view LicenseValueShapes() {
  return "a License Exception symbol (three capital letters, e.g. `NAC`), a BIS license number "
         "(one capital "
         "letter and 6 to 8 digits, e.g. `D1234567`), or empty for none";
}

}  // namespace chipgate
