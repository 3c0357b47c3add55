// Test-only statement faults (docs/development.md, "Statement faults"): a test arms the N-th
// statement the store runs from then on to fail, and then checks that the operation it started
// fails cleanly, writing nothing. Counted are the wrappers' calls into the database: on SQLite
// each prepare, step and exec (src/store/sqlite/db.cc), on PostgreSQL each prepare, execute and
// script (src/store/postgres/pg_conn.cc), on every connection and thread of the process. The
// fault fires once and disarms itself, so the rollback after it runs normally.
//
// Armed only by tests, in-process (no environment variable): ArmStatementFault does nothing in
// builds without the test suite (CHIPGATE_STATEMENT_FAULTS, set by CMake on statement_fault.cc
// only when CHIPGATE_BUILD_TESTS), such as the Debian package. Unarmed, a statement pays one
// relaxed atomic load.
#pragma once

#include <atomic>
#include <optional>

namespace chipgate {

enum class StatementFaultKind {
  // The statement fails with an error, as a full disk, an I/O error or a lost connection makes it.
  kError,
  // The statement succeeds without effect: it returns no (more) rows and writes nothing, as an
  // insert swallowed by a trigger (RAISE(IGNORE), a rule) does. Only a statement that is executed
  // (SQLite's step, PostgreSQL's execute) can suffer it; a prepare, exec or script armed with it
  // fails as kError.
  kNothing,
};

// The error a kError fault gives, on every backend.
inline constexpr const char* kStatementFaultMessage = "statement fault injected by a test";

namespace detail {
extern std::atomic<bool> statement_fault_armed;
std::optional<StatementFaultKind> CountStatement();
}  // namespace detail

// For the statement wrappers, before each statement: the fault this statement suffers, if any.
inline std::optional<StatementFaultKind> StatementFaultHere() {
  if (!detail::statement_fault_armed.load(std::memory_order_relaxed)) return std::nullopt;
  return detail::CountStatement();
}

// The test API. Arms the n-th statement from now (n >= 1) with `kind` and resets the count;
// false (and nothing armed) in a build without the test suite.
bool ArmStatementFault(long n, StatementFaultKind kind = StatementFaultKind::kError);
// Stops counting; a fault that did not fire is dropped.
void DisarmStatementFault();
// The statements counted since ArmStatementFault, and whether the armed one was reached.
long StatementsCounted();
bool StatementFaultFired();

}  // namespace chipgate
