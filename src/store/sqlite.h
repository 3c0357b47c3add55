// Thin RAII wrappers over the SQLite C API: a connection and prepared statements with typed
// binds. The only place (with the rest of src/store) that includes sqlite3.h. Errors come back
// as Status with SQLite's message; nothing throws.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "chipgate/status.h"

namespace chipgate::sql {

// SQL text that can only come from a string literal (consteval), so no statement is ever built
// from data: values travel as bound parameters. The one escape hatch, Trusted(), is for the
// migration scripts compiled into the binary (and a test checks nothing else uses it).
class SqlText {
 public:
  template <size_t N>
  consteval SqlText(const char (&literal)[N]) : text_(literal, N - 1) {}  // NOLINT: implicit by design
  struct TrustedTag {};
  static SqlText Trusted(std::string_view compiled_in, TrustedTag) { return SqlText(compiled_in); }
  std::string_view view() const { return text_; }

 private:
  explicit SqlText(std::string_view text) : text_(text) {}
  std::string_view text_;
};

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Stmt(Stmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
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
};

class Db {
 public:
  Db() = default;
  explicit Db(sqlite3* db) : db_(db) {}
  Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept;
  ~Db() { sqlite3_close_v2(db_); }

  static Result<Db> Open(const std::string& path, bool create, bool read_only, int busy_timeout_ms);
  Status Exec(SqlText sql);
  Result<Stmt> Prepare(SqlText sql);
  std::string Error() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }
  sqlite3* raw() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// Runs `fn` inside BEGIN IMMEDIATE ... COMMIT, rolling back when it returns an error.
template <typename Fn>
Status InTransaction(Db& db, Fn&& fn) {
  if (Status s = db.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  Status s = fn();
  if (!s.ok()) {
    db.Exec("ROLLBACK");
    return s;
  }
  if (Status c = db.Exec("COMMIT"); !c.ok()) {
    db.Exec("ROLLBACK");
    return c;
  }
  return Status::Ok();
}

}  // namespace chipgate::sql
