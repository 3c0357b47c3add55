// Test-only kill points in the store's write path (docs/development.md, "Crash tests"). A crash
// test names a point and the how-many-th time it is reached in $CHIPGATE_TEST_CRASH_AT
// (`NAME` or `NAME:N`, N from 1); the process then kills itself with SIGKILL there, as a power cut
// or `kill -9` would stop it. Compiled in only when the test suite is built
// (CHIPGATE_CRASH_POINTS, set by CMake with CHIPGATE_BUILD_TESTS): in other builds, such as the
// Debian package, CrashPoint does nothing and reads no environment.
#pragma once

namespace chipgate {

// The points, in the order a write passes them:
//   "open"          before a database is opened or created;
//   "create"        a new database built beside its path, before it is moved into place;
//   "migration"     after each migration script, inside the migrations' transaction;
//   "audit-append"  after each audit record is inserted, inside the append's transaction;
//   "before-commit" every write transaction, its work done, before COMMIT;
//   "after-commit"  every write transaction, after COMMIT returned.
void CrashPoint(const char* name);

}  // namespace chipgate
