// SQLite wrappers. Every connection gets foreign keys on, double-quoted string literals off (so a
// double-quoted word is always a name), WAL journaling, synchronous=FULL (an appended audit record
// survives a power cut) and a busy timeout so concurrent writers wait instead of failing.
#include "store/sqlite/db.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "base/string_key.h"

namespace chipgate::sql {

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    state_ = o.state_;  // the connection's transaction guard goes with the statement
    o.stmt_ = nullptr;
  }
  return *this;
}

Stmt& Stmt::Bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::BindDouble(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
Stmt& Stmt::BindTextOrNull(int i, std::string_view text) {
  return text.empty() ? BindNull(i) : Bind(i, text);
}

namespace {

constexpr const char* kLostTransaction =
    "an earlier statement failed and SQLite rolled back the transaction; nothing more is written";

}  // namespace

bool Stmt::Step(Status& status) {
  if (state_ && state_->in_transaction && sqlite3_get_autocommit(db_)) {
    status = Status::Error(kLostTransaction);
    return false;
  }
  if (state_) state_->step_swallowed = false;
  if (auto fault = StatementFaultHere()) {
    if (*fault == StatementFaultKind::kNothing) {
      if (state_) state_->step_swallowed = true;
    } else {
      status = Status::Error(kStatementFaultMessage);
    }
    return false;
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status = Status::Error(sqlite3_errmsg(db_));
  return false;
}

Status Stmt::Run() {
  Status s;
  while (Step(s)) {
  }
  return s;
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Stmt::Text(int col) const { return std::string(TextView(col)); }

std::string_view Stmt::TextView(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string_view(reinterpret_cast<const char*>(t),
                              static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string_view();
}

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    sqlite3_close_v2(db_);
    db_ = o.db_;
    state_ = std::move(o.state_);
    o.db_ = nullptr;
  }
  return *this;
}

namespace {

// chipgate_party_key(text): NameKey (base/string_key.h) as an SQL function. Migration 6 keys the
// names of parties stored before it with it; statements bind keys computed in C++ instead.
void PartyKeyFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const unsigned char* text = sqlite3_value_text(argv[0]);
  if (!text) {
    sqlite3_result_null(ctx);
    return;
  }
  std::string key = NameKey(std::string_view(reinterpret_cast<const char*>(text),
                                             static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text(ctx, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
}

}  // namespace

Status RegisterFunctions(sqlite3* db) {
  int rc = sqlite3_create_function_v2(db, "chipgate_party_key", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      nullptr, PartyKeyFunction, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : Status::Error(sqlite3_errmsg(db));
}

std::string LiteralFileName(const std::string& path) {
  // SQLite reads a name starting with `file:` as a URI when it was built with SQLITE_USE_URI
  // (Debian's is), whatever the open flags say, and `:memory:` and "" as databases that exist
  // only in memory. A name that starts with `/` or `./` is neither, so it is a file on disk.
  return path.starts_with('/') ? path : "./" + path;
}

namespace {

// Switches the file to WAL. A database not yet in WAL (a new one) is switched under an exclusive
// lock that SQLite takes while already holding a shared one, and there it returns SQLITE_BUSY at
// once without calling the busy handler (waiting could deadlock two such connections). So when
// several processes create one database at once, all but one failed with "database is locked"
// whatever the busy timeout. The switch changes nothing when done twice, so it is retried, with
// short growing pauses, for as long as the busy timeout allows.
Status SetWalMode(Db& db, sqlite3* raw, int busy_timeout_ms) {
  auto waited = std::chrono::milliseconds(0);
  for (int pause_ms = 1;; pause_ms = std::min(pause_ms * 2, 50)) {
    Status s = db.Exec("PRAGMA journal_mode = WAL");
    if (s.ok() || (sqlite3_extended_errcode(raw) & 0xff) != SQLITE_BUSY ||
        waited.count() >= busy_timeout_ms)
      return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
    waited += std::chrono::milliseconds(pause_ms);
  }
}

}  // namespace

Result<Db> Db::Open(const std::string& path, bool create, bool read_only, int busy_timeout_ms) {
  if (path.empty()) return Status::Error("a database path must not be empty");
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  // No SQLITE_OPEN_URI, and a name SQLite cannot read as a URI or a memory database: every path
  // is taken literally.
  int rc =
      sqlite3_open_v2(LiteralFileName(path).c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return Status::Error("cannot open database `" + path + "`: " + db.Error());
  sqlite3_extended_result_codes(raw, 1);
  if (Status f = RegisterFunctions(raw); !f.ok()) return f;
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
  // SQLite silently opens a file it may not write read-only; a caller that asked to write (to
  // append audit records, import, migrate) is told now, before any work is done.
  if (!read_only && sqlite3_db_readonly(raw, "main") == 1) {
    return Status::Error("cannot open database `" + path +
                         "` for writing: the file is read-only for this user");
  }
  // Reading the schema fails fast on a file that is not a database.
  if (Status s = db.Exec("PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_master;");
      !s.ok()) {
    if (read_only && sqlite3_extended_errcode(raw) == SQLITE_READONLY_ROLLBACK) {
      // A write (an older chipgate creating the file, or another SQLite program) was cut short
      // and left a hot journal: rolling it back writes the file, which a read-only open cannot.
      return Status::Error("cannot read database `" + path +
                           "`: a write to it was interrupted and `" + path +
                           "-journal` must be rolled back first, which reading cannot do; "
                           "open it for writing once (e.g. `chipgate db init`)");
    }
    if (read_only && (sqlite3_errcode(raw) & 0xff) == SQLITE_READONLY) {
      // A WAL database is read through its `-shm` and `-wal` files; SQLite must be able to create
      // them beside the database (or find them) even to read.
      return Status::Error("cannot read database `" + path + "`: SQLite cannot create `" + path +
                           "-shm` and `" + path +
                           "-wal` beside it (is the directory writable?): " + s.message());
    }
    return Status::Error("`" + path + "` is not a usable chipgate database: " + s.message());
  }
  if (!read_only) {
    Status s = SetWalMode(db, raw, busy_timeout_ms);
    if (s.ok()) s = db.Exec("PRAGMA synchronous = FULL");
    if (!s.ok()) {
      return Status::Error("cannot configure database `" + path + "`: " + s.message());
    }
  }
  return db;
}

int64_t Db::Changes() const {
  return state_ && state_->step_swallowed ? 0 : sqlite3_changes64(db_);
}

bool Db::TransactionLost() const {
  return state_ && state_->in_transaction && sqlite3_get_autocommit(db_);
}

Status Db::End(SqlText sql) {
  state_->in_transaction = false;
  return Exec(sql);
}

Status Db::Exec(SqlText sql) {
  if (TransactionLost()) return Status::Error(kLostTransaction);
  if (StatementFaultHere()) return Status::Error(kStatementFaultMessage);
  char* err = nullptr;
  std::string text(sql.view());  // sqlite3_exec wants a NUL-terminated string
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : Error();
    sqlite3_free(err);
    return Status::Error(msg);
  }
  return Status::Ok();
}

Result<Stmt> Db::Prepare(SqlText sql) {
  if (StatementFaultHere()) return Status::Error(kStatementFaultMessage);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.view().data(), static_cast<int>(sql.view().size()), &stmt,
                         nullptr) != SQLITE_OK) {
    return Status::Error(Error());
  }
  return Stmt(db_, stmt, state_.get());
}

}  // namespace chipgate::sql
