// Migration runner: each pending migration and its user_version bump commit together.
#include "store/migrations.h"

#include <string>

#include "chipgate/store.h"

namespace chipgate {
namespace {

Result<int64_t> QueryInt(sql::Db& db, const char* query) {
  auto stmt = db.Prepare(query);
  if (!stmt.ok()) return stmt.status();
  Status s;
  if (!stmt->Step(s)) return s.ok() ? Status::Error("no result") : s;
  return stmt->Int(0);
}

}  // namespace

Status ApplyMigrations(sql::Db& db, const std::string& path, bool read_only) {
  auto version = QueryInt(db, "PRAGMA user_version");
  auto tables = QueryInt(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
  if (!version.ok() || !tables.ok()) return Status::Error("cannot read the schema of `" + path + "`");
  if (version.value() > kSchemaVersion) {
    return Status::Error("database `" + path + "` has schema version " + std::to_string(version.value()) +
                         ", newer than this chipgate supports (" + std::to_string(kSchemaVersion) +
                         "); use a newer chipgate");
  }
  if (version.value() == 0 && tables.value() > 0) {
    return Status::Error("`" + path + "` is not a chipgate database (it has tables but no chipgate schema version)");
  }
  if (version.value() == kSchemaVersion) return Status::Ok();
  if (read_only) {
    return Status::Error("database `" + path + "` has schema version " + std::to_string(version.value()) +
                         " and needs upgrading; open it writable (e.g. `chipgate db init`)");
  }
  for (const Migration& m : Migrations()) {
    if (m.version <= version.value()) continue;
    std::string script = std::string(m.sql) + "\nPRAGMA user_version = " + std::to_string(m.version) + ";";
    Status s = sql::InTransaction(db, [&] { return db.Exec(script.c_str()); });
    if (!s.ok()) return Status::Error("migration " + std::string(m.name) + " failed on `" + path + "`: " + s.message());
  }
  return Status::Ok();
}

}  // namespace chipgate
