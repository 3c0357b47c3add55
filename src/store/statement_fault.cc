// The statement-fault counter (statement_fault.h): inert unless compiled with
// CHIPGATE_STATEMENT_FAULTS (CMake sets it on this file only, when the test suite is built).
#include "store/statement_fault.h"

#include <mutex>

namespace chipgate {
namespace detail {
std::atomic<bool> statement_fault_armed{false};
}  // namespace detail

namespace {

// Statements of several threads (the group commit's writer, a test's callers) count one by one.
struct Counter {
  std::mutex mu;
  long target = 0;
  long counted = 0;
  bool fired = false;
  StatementFaultKind kind = StatementFaultKind::kError;
};

Counter& TheCounter() {
  static Counter c;
  return c;
}

}  // namespace

std::optional<StatementFaultKind> detail::CountStatement() {
  Counter& c = TheCounter();
  std::lock_guard lock(c.mu);
  if (++c.counted != c.target || c.fired) return std::nullopt;
  c.fired = true;
  return c.kind;
}

#ifdef CHIPGATE_STATEMENT_FAULTS
bool ArmStatementFault(long n, StatementFaultKind kind) {
  Counter& c = TheCounter();
  std::lock_guard lock(c.mu);
  c.target = n;
  c.counted = 0;
  c.fired = false;
  c.kind = kind;
  detail::statement_fault_armed.store(true, std::memory_order_relaxed);
  return true;
}
#else
bool ArmStatementFault(long, StatementFaultKind) { return false; }
#endif

void DisarmStatementFault() {
  detail::statement_fault_armed.store(false, std::memory_order_relaxed);
  Counter& c = TheCounter();
  std::lock_guard lock(c.mu);
  c.target = 0;
}

long StatementsCounted() {
  Counter& c = TheCounter();
  std::lock_guard lock(c.mu);
  return c.counted;
}

bool StatementFaultFired() {
  Counter& c = TheCounter();
  std::lock_guard lock(c.mu);
  return c.fired;
}

}  // namespace chipgate
