// SQLite schema migrations: the numbered SQL files of db/migrations/sqlite/, compiled into the
// binary (store/migration.h). A database's PRAGMA user_version is the number of the last
// migration applied. Also the schema they create, which the audit tables are compared with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chipgate/status.h"
#include "store/migration.h"
#include "store/sqlite/db.h"

namespace chipgate {

// Brings `db` to the newest schema. Refuses a database from a newer chipgate, a database that is
// not a chipgate database, and (when read-only) a database that would need upgrading. Then checks
// that every table is there and that the `parts` columns are exactly those of part_attributes.h.
Status ApplyMigrations(sql::Db& db, const std::string& path, bool read_only);

// One row of sqlite_master (sql is "" for SQLite's automatic indexes).
struct SchemaObject {
  std::string type, name, table, sql;
  bool operator==(const SchemaObject&) const = default;
};

// sqlite_master of a fresh database after every migration: the schema chipgate creates, built
// once per process in memory. Databases are compared with it by SQL text, so a released
// migration file is never edited (a change is a new migration). Empty only if SQLite itself fails
// (then every check fails closed).
const std::vector<SchemaObject>& MigratedSchema();
// The rows of `db`'s sqlite_master.
Result<std::vector<SchemaObject>> ReadSchema(sql::Db& db);

}  // namespace chipgate
