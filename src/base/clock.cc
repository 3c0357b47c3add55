// The system clock behind chipgate::Clock.
#include "chipgate/clock.h"

namespace chipgate {
namespace {

class SystemClockImpl final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace

const Clock& SystemClock() {
  static const SystemClockImpl clock;
  return clock;
}

}  // namespace chipgate
