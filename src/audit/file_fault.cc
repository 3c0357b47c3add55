// The file-fault counter (file_fault.h): inert unless compiled with
// CHIPGATE_FILE_FAULTS (CMake sets it on this file only, when the test suite is built).
#include "audit/file_fault.h"

#include <mutex>

namespace chipgate {
namespace detail {
std::atomic<bool> file_fault_armed{false};
}  // namespace detail

namespace {

// Calls from several threads count one by one under one lock.
struct Counter {
  std::mutex mu;
  long target = 0;
  long calls = 1;  // how many calls from the target on fail
  long counted = 0;
  bool fired = false;
  FileFaultKind kind = FileFaultKind::kError;
};

Counter& TheCounter() {
  static Counter c;
  return c;
}

}  // namespace

std::optional<FileFaultKind> detail::CountFileCall() {
  Counter& c = TheCounter();
  std::lock_guard lock(c.mu);
  ++c.counted;
  if (c.target == 0 || c.counted < c.target || c.counted >= c.target + c.calls) return std::nullopt;
  c.fired = true;
  return c.kind;
}

#ifdef CHIPGATE_FILE_FAULTS
bool ArmFileFault(long n, FileFaultKind kind, long calls) {
  Counter& c = TheCounter();
  std::lock_guard lock(c.mu);
  c.target = n;
  c.calls = calls;
  c.counted = 0;
  c.fired = false;
  c.kind = kind;
  detail::file_fault_armed.store(true, std::memory_order_relaxed);
  return true;
}
#else
bool ArmFileFault(long, FileFaultKind, long) { return false; }
#endif

void DisarmFileFault() {
  detail::file_fault_armed.store(false, std::memory_order_relaxed);
  Counter& c = TheCounter();
  std::lock_guard lock(c.mu);
  c.target = 0;
}

long FileCallsCounted() {
  Counter& c = TheCounter();
  std::lock_guard lock(c.mu);
  return c.counted;
}

bool FileFaultFired() {
  Counter& c = TheCounter();
  std::lock_guard lock(c.mu);
  return c.fired;
}

}  // namespace chipgate
