// Moving a whole database to another one, on any backend (`chipgate db migrate`;
// docs/db-schema.md, "Moving a database").
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/status.h"

namespace chipgate {

// Why MigrateDatabase copied nothing.
enum class MigrationRefusal {
  kNone,
  kSourceLog,       // the source's audit log does not verify (`log verify`)
  kTargetNotEmpty,  // the target holds rows already
};

struct MigratedTable {
  std::string_view table;
  int64_t rows = 0;  // copied, and counted in the target before committing
};

struct MigrationResult {
  std::string from, to;  // the databases as messages name them (no password)
  MigrationRefusal refused = MigrationRefusal::kNone;
  std::string problem;                // why it was refused
  std::vector<MigratedTable> tables;  // every copied table, in copy order
  int64_t records = 0;                // audit-log records, in both
  std::string head;                   // the log's head hash, in both ("" when empty)
  int64_t runs_checked = 0;           // audit-run records whose findings the target verified
  std::string database_id;            // the source's, now the target's too
};

// Called after each table is copied with its name and rows; an error rolls everything back
// (tests inject faults through it).
using MigrationProgress = std::function<Status(std::string_view table, int64_t rows)>;

// Copies the whole database at `from` (opened read-only) into the one at `to` (a SQLite file is
// created when missing; a PostgreSQL database must exist) in ONE write transaction of the target:
// every row of every table with its ids (the audit log byte for byte, audit runs and their
// findings, every screening-list version, licenses and their uses, the customer master with names,
// aliases and ownership) and the database id, so the copy's log verifies as the source's does.
// Refused (nothing written) when the source's log does not verify or the target holds any row.
// Before committing, the copy is checked: each table's row count and a digest of its rows equal
// the source's, and the target's log verifies with the source's record count and head. Any failure
// (an error here) leaves the target as it was: empty.
Result<MigrationResult> MigrateDatabase(const std::string& from, const std::string& to,
                                        const MigrationProgress& progress = {});

}  // namespace chipgate
