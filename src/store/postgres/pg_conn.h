// Thin RAII wrappers over libpq: a connection whose statements are prepared once per connection
// (keyed by their literal text) and run with text-format parameters, and the rows a statement
// returns. Only the PostgreSQL backend (src/store/postgres/) includes this header and libpq-fe.h
// (tests/layering.cmake). Errors come back as Status with the server's message; nothing throws.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/status.h"
#include "store/sql_text.h"
#include "store/statement_fault.h"

namespace chipgate::pg {

using sql::SqlText;

// A statement's parameters ($1, $2, ... in order), each in PostgreSQL's text format, which the
// server parses into the column's type; NULL is distinct from empty text. Numbers are written
// exactly: integers in decimal, doubles as the shortest text that reads back as the same double.
class Params {
 public:
  Params& Text(std::string_view v);
  Params& Int(int64_t v);
  Params& Double(double v);
  Params& Null();
  Params& TextOrNull(std::string_view v) { return v.empty() ? Null() : Text(v); }
  template <typename T>
  Params& IntOrNull(const std::optional<T>& v) {
    return v ? Int(static_cast<int64_t>(*v)) : Null();
  }
  int size() const { return static_cast<int>(values_.size()); }
  // The values as libpq takes them (nullptr for NULL); valid while this object is unchanged.
  std::vector<const char*> Pointers() const;

 private:
  std::vector<std::string> values_;
  std::vector<bool> null_;
};

// A one-dimensional array parameter in PostgreSQL's array text syntax, every element quoted (so
// any text, commas, braces and the word NULL included, reads back as itself) and nullopt as NULL.
// The statement casts it to the element type ($1::text[], $2::bigint[]); bound with
// Params::Text(array.Text()), so a batch is one parameter of a literal statement, never SQL built
// from data.
class ArrayText {
 public:
  ArrayText& Add(std::string_view v);
  ArrayText& Add(int64_t v) { return Add(std::string_view(std::to_string(v))); }
  ArrayText& AddNull();
  ArrayText& AddOrNull(const std::optional<std::string>& v) { return v ? Add(*v) : AddNull(); }
  // The array's text: "{}" when nothing was added.
  std::string Text() const { return text_ + "}"; }
  size_t size() const { return size_; }

 private:
  std::string text_ = "{";
  size_t size_ = 0;
};

// The rows of one statement (a PGresult).
class Rows {
 public:
  Rows() = default;
  explicit Rows(PGresult* r) : r_(r, &PQclear) {}
  int size() const { return r_ ? PQntuples(r_.get()) : 0; }
  bool IsNull(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string_view TextView(int row, int col) const {
    return {PQgetvalue(r_.get(), row, col), static_cast<size_t>(PQgetlength(r_.get(), row, col))};
  }
  std::string Text(int row, int col) const { return std::string(TextView(row, col)); }
  std::optional<std::string> TextOrNull(int row, int col) const {
    return IsNull(row, col) ? std::nullopt : std::optional<std::string>(Text(row, col));
  }
  // A bigint column (0 when NULL or not a number: callers test IsNull first where NULL matters).
  int64_t Int(int row, int col) const;
  double Double(int row, int col) const;
  // The number of rows an INSERT, UPDATE or DELETE wrote.
  int64_t affected() const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_{nullptr, &PQclear};
};

class Conn {
 public:
  // Connects to `uri` (a libpq connection URI, postgresql://... or postgres://...). The session
  // speaks UTF-8 and reports only warnings and errors.
  static Result<Conn> Connect(const std::string& uri);
  Conn(Conn&&) noexcept = default;
  Conn& operator=(Conn&&) noexcept = default;

  // Runs `sql` with `params`: prepared on first use on this connection, then executed.
  Result<Rows> Exec(SqlText sql, const Params& params = {});
  // Runs `sql` with `params` unprepared: for statements PREPARE cannot hold (DECLARE CURSOR).
  Result<Rows> ExecOnce(SqlText sql, const Params& params = {});
  // Runs one or more statements without parameters (BEGIN, COMMIT, a migration script).
  Status Script(SqlText sql);
  // Whether the session is inside a transaction that an error aborted: every statement but
  // ROLLBACK then fails, so nothing more can be written in it.
  bool InFailedTransaction() const;
  bool InTransaction() const;

 private:
  Conn() = default;
  Status ErrorOf(PGresult* r) const;
  // A test's statement fault (store/statement_fault.h) for the execution about to run: an error,
  // no rows (kNothing), or nullopt to run it.
  static std::optional<Result<Rows>> Faulted();
  Result<Rows> Taken(PGresult* r) const;

  std::unique_ptr<PGconn, void (*)(PGconn*)> conn_{nullptr, &PQfinish};
  std::map<std::string, std::string, std::less<>> prepared_;  // text -> statement name
};

}  // namespace chipgate::pg
