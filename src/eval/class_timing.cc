// Class timing from the epochs (class_timing.h).
#include "eval/class_timing.h"

#include <algorithm>

namespace chipgate {
namespace {

bool ActiveIn(const Epoch& e, int cls) {
  return std::find(e.classes.begin(), e.classes.end(), cls) != e.classes.end();
}

}  // namespace

ClassTiming TimingOfClass(const Program& p, int cls, int epoch) {
  ClassTiming t;
  int n = static_cast<int>(p.epochs.size());
  if (epoch < 0 || epoch >= n) return t;
  t.in_effect = ActiveIn(p.epochs[epoch], cls);
  if (t.in_effect) return t;
  // The nearest earlier run of epochs that list the class: its first epoch's start, and the start
  // of the epoch after it.
  for (int e = epoch - 1; e >= 0; --e) {
    if (!ActiveIn(p.epochs[e], cls)) continue;
    t.ended_until = p.epochs[e + 1].from;
    int first = e;
    while (first > 0 && ActiveIn(p.epochs[first - 1], cls)) --first;
    t.ended_from = p.epochs[first].from;
    break;
  }
  for (int e = epoch + 1; e < n; ++e) {
    if (ActiveIn(p.epochs[e], cls)) {
      t.starts = p.epochs[e].from;
      break;
    }
  }
  return t;
}

std::string DescribeClassTiming(const ClassTiming& t) {
  if (t.in_effect) return "in effect";
  std::string out;
  if (t.ended_until) {
    out = "no longer in effect: it applied ";
    if (t.ended_from && *t.ended_from != kMinDate) out += "from " + FormatDate(*t.ended_from) + " ";
    out += "until " + FormatDate(*t.ended_until);
  }
  if (t.starts) {
    out += out.empty() ? "not yet in effect: it takes effect on " : "; it applies again from ";
    out += FormatDate(*t.starts);
  }
  return out.empty() ? "never in effect" : out;
}

}  // namespace chipgate
