// File-fault loops (src/audit/file_fault.h), as the statement-fault loops
// (tests/support/statement_faults.h): run an operation once per faultable call it makes, with the
// N-th call faulted, N = 1, 2, ... until a run no longer reaches the armed call; that last run
// must succeed, which shows the loop went past the operation's last call. Failures are Catch2
// REQUIREs.
#pragma once

#include <catch2/catch.hpp>
#include <functional>

#include "audit/file_fault.h"
#include "chipgate/status.h"

namespace chipgate::testing {

// Disarms whatever is armed when it goes out of scope (a failed REQUIRE throws past the loop).
struct FileFaultGuard {
  FileFaultGuard() = default;
  FileFaultGuard(const FileFaultGuard&) = delete;
  FileFaultGuard& operator=(const FileFaultGuard&) = delete;
  ~FileFaultGuard() { DisarmFileFault(); }
};

// Runs `op` with call N faulted as `kind`, for N = 1, 2, ...; `before_each` (unarmed) first
// resets what the operation changes, so that every run makes the same calls. After each run in
// which the fault fired, `after_fault(n, status)` checks the result and what it left (faults
// disarmed by then): with kError every such run must fail, with kInterrupted or kShort a run may
// also succeed (a write retried or continued). Returns the number of calls of the first run the
// fault did not reach, which must have succeeded.
inline long ForEachFileFault(FileFaultKind kind, const std::function<void()>& before_each,
                             const std::function<Status()>& op,
                             const std::function<void(long n, const Status&)>& after_fault,
                             long limit = 200) {
  for (long n = 1; n <= limit; ++n) {
    before_each();
    Status s;
    bool fired = false;
    long counted = 0;
    {
      FileFaultGuard guard;
      REQUIRE(ArmFileFault(n, kind));
      s = op();
      fired = FileFaultFired();
      counted = FileCallsCounted();
    }
    INFO("call " << n << " faulted: " << (s.ok() ? std::string("succeeded") : s.message()));
    if (!fired) {
      REQUIRE(s.ok());
      REQUIRE(counted == n - 1);
      return counted;
    }
    if (kind == FileFaultKind::kError) REQUIRE_FALSE(s.ok());
    after_fault(n, s);
  }
  FAIL("the operation made more than " << limit << " calls");
  return limit;
}

}  // namespace chipgate::testing
