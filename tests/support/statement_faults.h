// Statement-fault loops (src/store/statement_fault.h): run an operation once per statement it
// runs, with the N-th statement failing, N = 1, 2, ... until a run no longer reaches the armed
// statement; that last run must succeed, which shows the loop went past the operation's last
// statement. Failures are Catch2 REQUIREs.
#pragma once

#include <catch2/catch.hpp>
#include <functional>

#include "chipgate/status.h"
#include "store/statement_fault.h"

namespace chipgate::testing {

// Disarms whatever is armed when it goes out of scope (a failed REQUIRE throws past the loop).
struct StatementFaultGuard {
  StatementFaultGuard() = default;
  StatementFaultGuard(const StatementFaultGuard&) = delete;
  StatementFaultGuard& operator=(const StatementFaultGuard&) = delete;
  ~StatementFaultGuard() { DisarmStatementFault(); }
};

// Runs `op` with statement N faulted as `kind`, for N = 1, 2, ...; `before_each` (unarmed)
// first sets up each run, so that every run runs the same statements (a store opened afresh: a
// store's caches change what its next call runs). After each run in which the fault fired,
// `after_fault(n, status)` checks what the failure left (faults disarmed by then). Returns the
// number of statements of the first run the fault did not reach, which must have succeeded.
// `limit` bounds the loop (an operation with more statements fails the test).
inline long ForEachStatementFault(StatementFaultKind kind, const std::function<void()>& before_each,
                                  const std::function<Status()>& op,
                                  const std::function<void(long n, const Status&)>& after_fault,
                                  long limit = 2000) {
  for (long n = 1; n <= limit; ++n) {
    before_each();
    Status s;
    bool fired = false;
    long counted = 0;
    {
      StatementFaultGuard guard;
      REQUIRE(ArmStatementFault(n, kind));
      s = op();
      fired = StatementFaultFired();
      counted = StatementsCounted();
    }
    INFO("statement " << n << (kind == StatementFaultKind::kError ? " failing" : " without effect")
                      << ": " << s.message());
    if (!fired) {
      REQUIRE(s.ok());
      REQUIRE(counted == n - 1);
      return counted;
    }
    after_fault(n, s);
  }
  FAIL("the operation ran more than " << limit << " statements");
  return limit;
}

}  // namespace chipgate::testing
