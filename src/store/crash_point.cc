// CrashPoint: inert unless compiled with CHIPGATE_CRASH_POINTS (CMake sets it on this file only,
// when the test suite is built) and $CHIPGATE_TEST_CRASH_AT names the point reached.
#include "store/crash_point.h"

#ifdef CHIPGATE_CRASH_POINTS
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <string>
#endif

namespace chipgate {

#ifdef CHIPGATE_CRASH_POINTS
void CrashPoint(const char* name) {
  // Read once: `NAME` (the first time) or `NAME:N` (the N-th time the point is reached).
  static const std::pair<std::string, long> kTarget = []() -> std::pair<std::string, long> {
    const char* at = std::getenv("CHIPGATE_TEST_CRASH_AT");
    if (!at || !*at) return {"", 0};
    std::string spec = at;
    size_t colon = spec.rfind(':');
    if (colon == std::string::npos) return {spec, 1};
    return {spec.substr(0, colon), std::strtol(spec.c_str() + colon + 1, nullptr, 10)};
  }();
  if (kTarget.first.empty() || kTarget.first != name) return;
  static std::atomic<long> reached{0};  // writers on several threads count once each
  if (++reached == kTarget.second) raise(SIGKILL);
}
#else
void CrashPoint(const char*) {}
#endif

}  // namespace chipgate
