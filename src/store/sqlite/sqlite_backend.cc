// SqliteBackend: opening a file (creating it with restrictive permissions, applying migrations,
// checking tables and `parts` columns), the statement cache, and transactions.
#include "store/sqlite/sqlite_backend.h"

#include <sys/stat.h>

#include <filesystem>

#include "store/sqlite/migrations.h"
#include "store/sqlite/open.h"

namespace chipgate {

// The file is created (when asked) by a first connection under a restrictive umask, then opened
// again as asked: a read-only open cannot create it, and only the creation runs under the umask.
Result<std::unique_ptr<StoreBackend>> OpenSqliteBackend(const std::string& path,
                                                        const StoreOptions& options) {
  std::error_code ec;
  bool existed = std::filesystem::exists(path, ec);
  if (!existed && !options.create)
    return Status::Error("database `" + path +
                         "` does not exist (create it with `chipgate db init`)");
  if (!existed) {
    // Created databases are readable by the owner and group only, never world-writable.
    mode_t old = umask(027);
    auto db = sql::Db::Open(path, true, false, options.busy_timeout_ms);
    umask(old);
    if (!db.ok()) return db.status();
  }
  auto db = sql::Db::Open(path, false, options.read_only, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  if (options.large_cache) {
    if (Status s = db->Exec("PRAGMA cache_size = -65536"); !s.ok()) return s;  // KiB when negative
  }
  if (Status s = ApplyMigrations(db.value(), path, options.read_only); !s.ok()) return s;
  return std::unique_ptr<StoreBackend>(new SqliteBackend(std::move(db.value()), path));
}

// ApplyMigrations brought the database to the newest version or refused it.
int SqliteBackend::schema_version() const { return kSchemaVersion; }

// Keyed by the statement's text: the literal is its identity, so two call sites with the same
// text share one prepared statement.
Result<sql::Stmt*> SqliteBackend::Cached(sql::SqlText text) {
  auto it = cache_.find(text.view());
  if (it == cache_.end()) {
    auto stmt = db_.Prepare(text);
    if (!stmt.ok()) return stmt.status();
    it = cache_.emplace(std::string(text.view()), std::move(stmt.value())).first;
  }
  it->second.Reset();
  return &it->second;
}

// BEGIN IMMEDIATE: the write lock is taken up front, so a concurrent writer waits (busy timeout)
// instead of failing half-way; see sql::InTransaction for a transaction SQLite abandons itself.
Status SqliteBackend::InWriteTransaction(const std::function<Status()>& fn) {
  return sql::InTransaction(db_, fn);
}

// A snapshot opened inside another one joins it. The outermost one reads the schema table at
// once: in WAL mode the snapshot is taken at the first read, not at BEGIN, and a caller that
// opens a snapshot means it to start there.
Status SqliteBackend::InReadSnapshot(const std::function<Status()>& fn) {
  struct Depth {
    int& n;
    explicit Depth(int& d) : n(++d) {}
    ~Depth() { --n; }
  };
  if (snapshot_depth_ > 0) {
    Depth inner(snapshot_depth_);
    return fn();
  }
  if (Status b = db_.Exec("BEGIN; SELECT count(*) FROM sqlite_master"); !b.ok()) {
    db_.Exec("ROLLBACK");  // BEGIN may have run before the read failed
    return b;
  }
  Status s;
  {
    Depth outer(snapshot_depth_);
    s = fn();
  }
  if (!s.ok()) {
    db_.Exec("ROLLBACK");
    return s;
  }
  return db_.Exec("COMMIT");
}

}  // namespace chipgate
