// When a class of the pack is in effect, seen from one date: in effect then, no longer (the period
// it last applied in before the date), or not yet (the day it takes effect). Read off the
// program's epochs, so it is exactly what the evaluator uses: a class is in effect on a date when
// the date's epoch lists it. Used by traces and explanations to say plainly why a class is not
// applied, instead of only "not in effect".
#pragma once

#include <optional>
#include <string>

#include "chipgate/date.h"
#include "compile/program.h"

namespace chipgate {

struct ClassTiming {
  bool in_effect = false;
  // Not in effect: the last period [from, until) it was in effect before the date, if any ...
  std::optional<Date> ended_from, ended_until;
  // ... and the first day it is in effect after the date, if any.
  std::optional<Date> starts;
};

// `cls` indexes program.classes; `epoch` is program.EpochIndex(date).
ClassTiming TimingOfClass(const Program& program, int cls, int epoch);

// "no longer in effect: it applied from 2022-10-07 until 2023-11-17", "not yet in effect: it takes
// effect on 2026-01-15", both when it applied before and applies again, "never in effect" for a
// class no epoch lists; "in effect" otherwise. `until` is shown as the first day it no longer
// applied (the pack's `until`).
std::string DescribeClassTiming(const ClassTiming& timing);

}  // namespace chipgate
