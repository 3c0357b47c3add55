// SqliteBackend: opening a file (creating it with restrictive permissions, applying migrations,
// checking tables and `parts` columns), the statement cache, and transactions.
#include "store/sqlite/sqlite_backend.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "store/sqlite/migrations.h"
#include "store/sqlite/open.h"

namespace chipgate {

namespace {

// Builds a new database at `path` atomically: the file is made beside it under a unique name
// (`PATH.creating-XXXXXX`), brought to the newest schema in one transaction, switched to WAL,
// closed and synced, and only then given its name (without replacing a file of that name). So a
// reader never finds a half-made database at `path`: there is either no file or a whole one. A
// process killed while creating leaves at most the `.creating-` file beside it (safe to delete).
// Another process that created `path` meanwhile wins: its file is kept and ours is removed. Created
// databases are readable by the owner and group only, never world-writable.
Status CreateAside(const std::string& path, const StoreOptions& options) {
  mode_t mask = umask(027);
  umask(mask);
  std::string aside = path + ".creating-XXXXXX";
  int fd = mkstemp(aside.data());
  if (fd < 0) {
    return Status::Error("cannot create database `" + path + "`: " + std::strerror(errno));
  }
  // mkstemp makes the file 0600; a database is 0640 (less as the umask says), as SQLite would
  // have made it under umask 027, and its -wal and -shm files take the same mode.
  fchmod(fd, 0640 & ~mask);
  close(fd);
  struct Cleanup {
    const std::string& file;
    ~Cleanup() {
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) unlink((file + suffix).c_str());
    }
  } cleanup{aside};
  {
    auto db = sql::Db::Open(aside, false, false, options.busy_timeout_ms);
    if (!db.ok()) {
      return Status::Error("cannot create database `" + path + "`: " + db.status().message());
    }
    // Built with a rollback journal, so every write has reached the file, synced, when its
    // statement returns, or failed it; only then switched to WAL (a change of the header, made
    // the same way). In WAL mode the last write would be the checkpoint when the connection
    // closes, which SQLite makes without reporting a failure: the file moved into place could
    // lack pages still in a -wal file left behind.
    if (Status s = db->Exec("PRAGMA journal_mode = DELETE"); !s.ok()) {
      return Status::Error("cannot create database `" + path + "`: " + s.message());
    }
    if (Status s = ApplyMigrations(db.value(), path, false); !s.ok()) return s;
    if (Status s = db->Exec("PRAGMA journal_mode = WAL"); !s.ok()) {
      return Status::Error("cannot create database `" + path + "`: " + s.message());
    }
  }
  // Nothing may be left in a -wal file (see above): the database is whole in its file.
  std::error_code ec;
  if (std::filesystem::file_size(aside + "-wal", ec) > 0 && !ec) {
    return Status::Error("cannot create database `" + path +
                         "`: the new database could not be completed (its -wal file remained)");
  }
  // SQLite synced the file at each commit; synced again so the name never comes first.
  fd = open(aside.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync(fd) != 0) {
    int err = errno;
    if (fd >= 0) close(fd);
    return Status::Error("cannot create database `" + path + "`: " + std::strerror(err));
  }
  close(fd);
  CrashPoint("create");
  // Moved into place only if nothing is there yet: RENAME_NOREPLACE, or a hard link where the
  // file system has no such rename (both fail with EEXIST when `path` exists).
  int rc = renameat2(AT_FDCWD, aside.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
  if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) rc = link(aside.c_str(), path.c_str());
  if (rc != 0 && errno != EEXIST) {
    return Status::Error("cannot create database `" + path + "`: " + std::strerror(errno));
  }
  // The directory entry made durable too: a power cut after this keeps the database.
  std::string dir = std::filesystem::path(path).parent_path().string();
  int dfd = open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return Status::Ok();  // renamed (cleanup finds nothing), linked, or another process's file kept
}

}  // namespace

// A missing file is created aside and moved into place whole (CreateAside); an existing one
// (including an empty file, or one whose creation by an older chipgate was cut short) is brought
// to the newest schema in place, in one transaction (ApplyMigrations).
Result<std::unique_ptr<StoreBackend>> OpenSqliteBackend(const std::string& path,
                                                        const StoreOptions& options) {
  CrashPoint("open");
  std::error_code ec;
  bool existed = std::filesystem::exists(path, ec);
  if (!existed && !options.create)
    return Status::Error("database `" + path +
                         "` does not exist (create it with `chipgate db init`)");
  if (!existed) {
    if (Status s = CreateAside(path, options); !s.ok()) return s;
  }
  auto db = sql::Db::Open(path, false, options.read_only, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
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
  prefetched_.clear();
  in_write_ = true;
  Status s = sql::InTransaction(db_, fn);
  in_write_ = false;
  return s;
}

// SQLite calls the WAL hook after each commit with the log's page count; installing ours
// replaces the default one, which checkpoints (sqlite3_wal_autocheckpoint).
bool SqliteBackend::DeferCheckpoints() {
  sqlite3_wal_hook(
      db_.raw(),
      [](void* self, sqlite3*, const char*, int pages) {
        static_cast<SqliteBackend*>(self)->log_pages_.store(pages, std::memory_order_relaxed);
        return SQLITE_OK;
      },
      this);
  return true;
}

// Passive: copies what no reader still needs and returns; SQLITE_BUSY (another checkpoint under
// way) is not a failure. The log restarts from its beginning at a later commit once all of it
// was copied.
Status SqliteBackend::Checkpoint() {
  int rc =
      sqlite3_wal_checkpoint_v2(db_.raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    return Status::Error("checkpoint of `" + path_ + "` failed: " + db_.Error());
  return Status::Ok();
}

// A snapshot opened inside another one, or inside a write transaction (which reads what it has
// written so far: `db migrate` verifies its copy before committing), joins it. The outermost one
// reads the schema table at once: in WAL mode the snapshot is taken at the first read, not at
// BEGIN, and a caller that opens a snapshot means it to start there.
Status SqliteBackend::InReadSnapshot(const std::function<Status()>& fn) {
  struct Depth {
    int& n;
    explicit Depth(int& d) : n(++d) {}
    ~Depth() { --n; }
  };
  if (snapshot_depth_ > 0 || in_write_) {
    Depth inner(snapshot_depth_);
    return fn();
  }
  // BEGIN and a first read, which takes the snapshot now rather than at fn's first read; as
  // cached statements, since the service opens a snapshot for every request.
  auto run = [this](sql::SqlText text) -> Status {
    auto stmt = Cached(text);
    return stmt.ok() ? stmt.value()->Run() : stmt.status();
  };
  Status b = run("BEGIN");
  if (b.ok()) b = run("SELECT count(*) FROM sqlite_master");
  if (!b.ok()) {
    db_.Exec("ROLLBACK");  // BEGIN may have run before the read failed
    return b;
  }
  Status s;
  {
    Depth outer(snapshot_depth_);
    s = fn();
  }
  prefetched_.clear();  // read in this snapshot: not an answer in the next one
  if (!s.ok()) {
    db_.Exec("ROLLBACK");
    return s;
  }
  return run("COMMIT");
}

}  // namespace chipgate
