// The time source of audit timestamps. Production code uses SystemClock(); tests inject a clock
// of their own, so no environment variable or option can set the time written into the log.
#pragma once

#include <chrono>

namespace chipgate {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

// The operating system's UTC clock; lives for the whole program.
const Clock& SystemClock();

}  // namespace chipgate
