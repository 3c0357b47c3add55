// License values of shipment lines: the shape a recorded authorisation must have. The importer
// (src/store) refuses any other value; the auditor reads stored values through the same check
// and then checks exception codes against the rule pack. See docs/db-schema.md for the shapes
// and their sources.
#pragma once

#include <string_view>

namespace chipgate {

enum class LicenseValueKind : unsigned char {
  kNone,           // empty: no authorisation recorded
  kExceptionCode,  // three capital letters, e.g. `NAC` (a License Exception symbol, 15 CFR 740)
  kLicenseNumber,  // a BIS license number: one capital letter and 6 to 8 digits, e.g. `D1234567`
  kInvalid,  // anything else: a placeholder (`N/A`, `none`, `EAR99`, `NLR`, `pending`, `0`) or a
             // typo
};

// Classifies a value as written (no trimming or case folding: ` nac` is invalid). The
// three-letter words that mean "no authorisation" (`NLR`, `TBD`, `NIL`, `NAN`, `N/A` spelt
// without the slash) are invalid, not exception codes.
LicenseValueKind ClassifyLicenseValue(std::string_view value);

// One line saying what a valid value looks like, for messages.
std::string_view LicenseValueShapes();

}  // namespace chipgate
