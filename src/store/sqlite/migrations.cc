// Migration runner: all pending migrations and their user_version bumps commit together. Also the
// schema the migrations create, which the audit log compares a database against.
#include "store/sqlite/migrations.h"

#include <algorithm>
#include <string>

#include "chipgate/store.h"
#include "store/part_attributes.h"

namespace chipgate {
namespace {

// The schema version and the number of tables, read by ONE statement, so from one snapshot. Two
// statements could see another process's first migration half-way: the version from before its
// commit (0) and its tables from after, which reads as "tables but no chipgate version" and
// refused a database chipgate itself had just created (seen with eight processes creating one
// audit log at once).
struct SchemaState {
  int64_t version = 0, tables = 0;
};
Result<SchemaState> ReadSchemaState(sql::Db& db) {
  auto stmt = db.Prepare(
      "SELECT (SELECT user_version FROM pragma_user_version), "
      "(SELECT count(*) FROM sqlite_master WHERE type = 'table')");
  if (!stmt.ok()) return stmt.status();
  Status s;
  if (!stmt->Step(s)) return s.ok() ? Status::Error("no result") : s;
  return SchemaState{stmt->Int(0), stmt->Int(1)};
}

// The `parts` columns as SQLite lists them, checked by CheckPartColumns (part_attributes.h).
Status CheckPartColumnsOf(sql::Db& db, const std::string& path) {
  auto stmt = db.Prepare("SELECT name FROM pragma_table_info('parts') ORDER BY cid");
  if (!stmt.ok()) return stmt.status();
  std::vector<std::string> have;
  Status s;
  while (stmt->Step(s)) have.push_back(stmt->Text(0));
  if (!s.ok()) return s;
  return CheckPartColumns(have, path);
}

// A database at the current version must have every table of the schema.
Status CheckTables(sql::Db& db, const std::string& path) {
  static const char* kTables[] = {"parts",      "part_components", "parties",        "party_names",
                                  "ownership",  "shipments",       "shipment_lines", "audit_log",
                                  "audit_runs", "audit_findings",  "list_versions",  "list_entries",
                                  "database_id"};
  std::string missing;
  for (const char* t : kTables) {
    auto stmt = db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, std::string_view(t));
    Status s;
    if (!stmt->Step(s)) missing += (missing.empty() ? "" : ", ") + std::string(t);
  }
  if (!missing.empty()) {
    return Status::Error("database `" + path + "` is missing table(s) " + missing +
                         "; it is damaged or was changed by hand");
  }
  return CheckPartColumnsOf(db, path);
}

// Runs migration `m` and its user_version bump on `db` (inside the caller's transaction).
Status RunMigration(sql::Db& db, const Migration& m) {
  std::string script =
      std::string(m.sql) + "\nPRAGMA user_version = " + std::to_string(m.version) + ";";
  // The migration scripts are compiled into the binary: the only SQL not written as a literal.
  return db.Exec(sql::SqlText::Trusted(script, {}));
}

}  // namespace

// In a fixed order, so two databases with the same schema give equal lists.
Result<std::vector<SchemaObject>> ReadSchema(sql::Db& db) {
  auto stmt = db.Prepare(
      "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name");
  if (!stmt.ok()) return stmt.status();
  std::vector<SchemaObject> out;
  Status s;
  while (stmt->Step(s)) out.push_back({stmt->Text(0), stmt->Text(1), stmt->Text(2), stmt->Text(3)});
  if (!s.ok()) return s;
  return out;
}

// Built by running the embedded migrations on a private in-memory database (not a file name
// from a user, so the memory database is intended here).
const std::vector<SchemaObject>& MigratedSchema() {
  static const std::vector<SchemaObject> kSchema = [] {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(
        ":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY, nullptr);
    sql::Db db(raw);
    if (rc != SQLITE_OK || !sql::RegisterFunctions(raw).ok()) return std::vector<SchemaObject>{};
    for (const Migration& m : SqliteMigrations()) {
      if (!RunMigration(db, m).ok()) return std::vector<SchemaObject>{};
    }
    auto schema = ReadSchema(db);
    return schema.ok() ? std::move(schema.value()) : std::vector<SchemaObject>{};
  }();
  return kSchema;
}

// Refuses a database of a newer chipgate, and a file that has tables but no chipgate version.
Status CheckSchemaState(const SchemaState& st, const std::string& path) {
  if (st.version > kSchemaVersion) {
    return Status::Error("database `" + path + "` has schema version " +
                         std::to_string(st.version) + ", newer than this chipgate supports (" +
                         std::to_string(kSchemaVersion) + "); use a newer chipgate");
  }
  if (st.version == 0 && st.tables > 0) {
    return Status::Error(
        "`" + path + "` is not a chipgate database (it has tables but no chipgate schema version)");
  }
  return Status::Ok();
}

Status ApplyMigrations(sql::Db& db, const std::string& path, bool read_only) {
  auto state = ReadSchemaState(db);
  if (!state.ok()) return Status::Error("cannot read the schema of `" + path + "`");
  if (Status s = CheckSchemaState(state.value(), path); !s.ok()) return s;
  if (state->version == kSchemaVersion) return CheckTables(db, path);
  if (read_only && state->version == 0) {
    // No table and no version: an empty file, or one whose creation was cut short before its
    // one transaction committed (or by a chipgate older than the atomic creation). It holds no
    // records at all; it is not reported as an empty log, which would read as "verified".
    return Status::Error("`" + path +
                         "` is not an initialised chipgate database: it is empty (its creation "
                         "was interrupted, or it was never created by chipgate) and holds no "
                         "records; `chipgate db init` initialises it");
  }
  if (read_only) {
    return Status::Error("database `" + path + "` has schema version " +
                         std::to_string(state->version) +
                         " and needs upgrading; open it writable (e.g. `chipgate db init`)");
  }
  // All pending migrations commit together: a process killed while creating or upgrading a
  // database leaves it as it was (a new database empty, which the next open creates again), never
  // half-way between two versions.
  Status s = sql::InTransaction(db, [&]() -> Status {
    // Re-read inside the write lock: another process may have applied them meanwhile.
    auto now = ReadSchemaState(db);
    if (!now.ok()) return now.status();
    if (Status c = CheckSchemaState(now.value(), path); !c.ok()) return c;
    for (const Migration& m : SqliteMigrations()) {
      if (m.version <= now->version) continue;
      if (Status r = RunMigration(db, m); !r.ok()) {
        return Status::Error("migration " + std::string(m.name) + ": " + r.message());
      }
      CrashPoint("migration");
    }
    return Status::Ok();
  });
  if (!s.ok()) return Status::Error("migrating `" + path + "` failed: " + s.message());
  return CheckTables(db, path);
}

}  // namespace chipgate
