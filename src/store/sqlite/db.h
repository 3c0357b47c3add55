// Thin RAII wrappers over the SQLite C API: a connection and prepared statements with typed
// binds. Only the SQLite backend (src/store/sqlite/) includes this header and sqlite3.h
// (tests/layering.cmake). Errors come back as Status with SQLite's message; nothing throws.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "chipgate/status.h"
#include "store/crash_point.h"
#include "store/sql_text.h"
#include "store/statement_fault.h"

namespace chipgate::sql {

// Per-connection state shared by a Db and its statements (heap-allocated, so it stays put when
// the Db is moved).
struct ConnState {
  // Set by InTransaction between BEGIN and COMMIT/ROLLBACK. SQLite rolls a transaction back by
  // itself on some errors (a full disk, an I/O error) and then runs every later statement in
  // autocommit mode, committing each one: with this set, a statement finding the connection back
  // in autocommit refuses to run, so nothing after a failure inside a transaction is written.
  bool in_transaction = false;
  // Whether the last step was a write that a test's statement fault swallowed (Db::Changes).
  bool step_swallowed = false;
};

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, sqlite3_stmt* stmt, ConnState* state) : db_(db), stmt_(stmt), state_(state) {}
  Stmt(Stmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_), state_(o.state_) { o.stmt_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  ~Stmt() { sqlite3_finalize(stmt_); }

  Stmt& Bind(int i, std::string_view text);
  Stmt& Bind(int i, int64_t v);
  Stmt& BindDouble(int i, double v);
  Stmt& BindNull(int i);
  // Binds text, or NULL when empty.
  Stmt& BindTextOrNull(int i, std::string_view text);

  // SQLITE_ROW -> true (a row is ready), SQLITE_DONE -> false; errors set `status`.
  bool Step(Status& status);
  Status Run();  // steps to completion
  void Reset();

  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const;
  // The column's text, valid until the statement steps, resets or reads the column as another type.
  std::string_view TextView(int col) const;
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  ConnState* state_ = nullptr;
};

class Db {
 public:
  Db() = default;
  explicit Db(sqlite3* db) : db_(db) {}
  Db(Db&& o) noexcept : db_(o.db_), state_(std::move(o.state_)) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept;
  ~Db() { sqlite3_close_v2(db_); }

  // Opens the file `path`, taken literally: never a URI (`file:...`) nor a memory database
  // (`:memory:`), which are read as names of files in the current directory.
  static Result<Db> Open(const std::string& path, bool create, bool read_only, int busy_timeout_ms);
  Status Exec(SqlText sql);
  Result<Stmt> Prepare(SqlText sql);
  std::string Error() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }
  sqlite3* raw() const { return db_; }
  // The rows the last completed INSERT, UPDATE or DELETE wrote (sqlite3_changes64); 0 after a
  // step a test's statement fault swallowed (store/statement_fault.h).
  int64_t Changes() const;
  // Whether SQLite rolled back the transaction InTransaction opened (see ConnState).
  bool TransactionLost() const;

 private:
  template <typename Fn>
  friend Status InTransaction(Db& db, Fn&& fn);
  Status End(SqlText sql);  // COMMIT or ROLLBACK, leaving the transaction state

  sqlite3* db_ = nullptr;
  std::unique_ptr<ConnState> state_ = std::make_unique<ConnState>();
};

// Registers chipgate's SQL functions on a connection (Db::Open does it for every file): today
// chipgate_party_key(text), the party-name key of base/string_key.h, which migration 6 uses.
Status RegisterFunctions(sqlite3* db);

// The name to give SQLite for the file `path` so that it is read as a plain file name.
std::string LiteralFileName(const std::string& path);

// Runs `fn` inside BEGIN IMMEDIATE ... COMMIT, rolling back when it returns an error. All or
// nothing: once SQLite has rolled the transaction back by itself, every statement `fn` still
// runs fails (ConnState), and the result is an error even if `fn` ignored one.
template <typename Fn>
Status InTransaction(Db& db, Fn&& fn) {
  if (Status s = db.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  db.state_->in_transaction = true;
  Status s = fn();
  if (s.ok() && db.TransactionLost()) {
    s = Status::Error("SQLite rolled back the transaction after an error; nothing was written");
  }
  if (!s.ok()) {
    db.End("ROLLBACK");
    return s;
  }
  CrashPoint("before-commit");
  if (Status c = db.End("COMMIT"); !c.ok()) {
    db.End("ROLLBACK");
    return c;
  }
  CrashPoint("after-commit");
  return Status::Ok();
}

}  // namespace chipgate::sql
