// SQLite used directly on a database file, as anyone with write access to it can: tests build
// old schemas, plant triggers and rewrite records this way. Failures are Catch2 REQUIREs.
// RawExec, RawColumn and RawScalar given a postgresql:// location (a [backend] test run on
// PostgreSQL, TestDatabase) run the statement there instead (RawColumn: a multi-column row's
// columns joined with '|').
#pragma once

#include <string>
#include <vector>

namespace chipgate::testing {

// Runs `sql` (one or more statements) on the file.
void RawExec(const std::string& path, const std::string& sql);
// The rows of a one-column query, as text ("" for NULL).
std::vector<std::string> RawColumn(const std::string& path, const std::string& query);
// The first row's first column of a query, as text ("" when there is no row or it is NULL).
std::string RawScalar(const std::string& path, const std::string& query);
// SQL that takes a current database back to before migration 12 (the audit-run columns and
// database_id), for tests that rebuild an older version by undoing the newer migrations.
inline constexpr const char* kUndoMigration12 =
    "ALTER TABLE audit_log DROP COLUMN run; ALTER TABLE audit_runs DROP COLUMN findings_digest; "
    "ALTER TABLE audit_findings DROP COLUMN license; "
    "ALTER TABLE audit_findings DROP COLUMN facts_digest; DROP TABLE database_id;";
// Edits the audit log like a careful attacker: drops chipgate's append-only triggers, runs `sql`,
// and puts every trigger back exactly as it was, so the schema still looks like chipgate's. On a
// postgresql:// location the triggers are disabled and enabled again around `sql`.
void Tamper(const std::string& path, const std::string& sql);

}  // namespace chipgate::testing
