// `check --format junit`: the check report as a JUnit document, so a CI job that checks a
// manifest shows each held line as a failed test with its reasons.
#pragma once

#include <string>

#include "pipeline/check_report.h"

namespace chipgate::cli {

// One suite named after the shipment, one test case per manifest line (`line N: PART`), a held
// line (LineMayShip false) a failure whose type is its decision and whose text lists every
// reason with its citation and, where licenses were matched, why none covers it. The suite's
// properties are the date, verdict, may_ship, pack and digest, and where the decisions were
// recorded. A manifest with no lines is one failed case: nothing decided is not a clearance.
std::string CheckJunit(const CheckReport& report);

}  // namespace chipgate::cli
