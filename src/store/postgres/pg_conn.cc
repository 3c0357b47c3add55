// libpq wrappers (pg_conn.h).
#include "store/postgres/pg_conn.h"

#include <charconv>

namespace chipgate::pg {

Params& Params::Text(std::string_view v) {
  values_.emplace_back(v);
  null_.push_back(false);
  return *this;
}

Params& Params::Int(int64_t v) {
  values_.push_back(std::to_string(v));
  null_.push_back(false);
  return *this;
}

// std::to_chars without a precision gives the shortest text that reads back as `v`, and
// PostgreSQL's float8 input reads it exactly.
Params& Params::Double(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  values_.emplace_back(buf, ec == std::errc() ? end : buf);
  null_.push_back(false);
  return *this;
}

Params& Params::Null() {
  values_.emplace_back();
  null_.push_back(true);
  return *this;
}

std::vector<const char*> Params::Pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (size_t i = 0; i < values_.size(); ++i)
    out.push_back(null_[i] ? nullptr : values_[i].c_str());
  return out;
}

// Inside double quotes only `"` and `\` are special; each is escaped with a backslash.
ArrayText& ArrayText::Add(std::string_view v) {
  if (size_++) text_ += ',';
  text_ += '"';
  for (char ch : v) {
    if (ch == '"' || ch == '\\') text_ += '\\';
    text_ += ch;
  }
  text_ += '"';
  return *this;
}

ArrayText& ArrayText::AddNull() {
  if (size_++) text_ += ',';
  text_ += "NULL";
  return *this;
}

int64_t Rows::Int(int row, int col) const {
  std::string_view t = TextView(row, col);
  int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

// PostgreSQL 12 and later write a float8 as the shortest text that reads back exactly
// (extra_float_digits = 1, the default), which from_chars reads exactly.
double Rows::Double(int row, int col) const {
  std::string_view t = TextView(row, col);
  double v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

int64_t Rows::affected() const {
  const char* n = r_ ? PQcmdTuples(r_.get()) : "";
  int64_t v = 0;
  std::from_chars(n, n + std::char_traits<char>::length(n), v);
  return v;
}

Result<Conn> Conn::Connect(const std::string& uri) {
  Conn c;
  c.conn_.reset(PQconnectdb(uri.c_str()));
  if (!c.conn_) return Status::Error("out of memory connecting to PostgreSQL");
  if (PQstatus(c.conn_.get()) != CONNECTION_OK) {
    std::string why = PQerrorMessage(c.conn_.get());
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return Status::Error("cannot connect: " + why);
  }
  if (Status s = c.Script("SET client_encoding = 'UTF8'; SET client_min_messages = warning");
      !s.ok())
    return s;
  return c;
}

Status Conn::ErrorOf(PGresult* r) const {
  std::string why = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_.get());
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  if (why.rfind("ERROR:  ", 0) == 0) why.erase(0, 8);
  // The first line is the message; the rest points into the statement's text.
  if (size_t nl = why.find('\n'); nl != std::string::npos) why.erase(nl);
  return Status::Error(why.empty() ? "the PostgreSQL server did not answer" : why);
}

namespace {

// The result of a statement as Rows, or the server's error.
bool Succeeded(PGresult* r) {
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  return st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
}

}  // namespace

std::optional<Result<Rows>> Conn::Faulted() {
  auto fault = StatementFaultHere();
  if (!fault) return std::nullopt;
  if (*fault == StatementFaultKind::kNothing) return Result<Rows>(Rows());
  return Result<Rows>(Status::Error(kStatementFaultMessage));
}

Result<Rows> Conn::Exec(SqlText sql, const Params& params) {
  auto it = prepared_.find(sql.view());
  if (it == prepared_.end()) {
    if (StatementFaultHere()) return Status::Error(kStatementFaultMessage);
    std::string name = "chipgate_" + std::to_string(prepared_.size() + 1);
    std::string text(sql.view());
    auto prepared = Taken(PQprepare(conn_.get(), name.c_str(), text.c_str(), 0, nullptr));
    if (!prepared.ok()) return prepared.status();
    it = prepared_.emplace(std::move(text), std::move(name)).first;
  }
  if (auto fault = Faulted()) return std::move(*fault);
  std::vector<const char*> values = params.Pointers();
  return Taken(PQexecPrepared(conn_.get(), it->second.c_str(), params.size(), values.data(),
                              nullptr, nullptr, 0));
}

Result<Rows> Conn::ExecOnce(SqlText sql, const Params& params) {
  if (auto fault = Faulted()) return std::move(*fault);
  std::string text(sql.view());
  std::vector<const char*> values = params.Pointers();
  return Taken(PQexecParams(conn_.get(), text.c_str(), params.size(), nullptr, values.data(),
                            nullptr, nullptr, 0));
}

Status Conn::Script(SqlText sql) {
  if (StatementFaultHere()) return Status::Error(kStatementFaultMessage);
  std::string text(sql.view());
  auto r = Taken(PQexec(conn_.get(), text.c_str()));
  return r.ok() ? Status::Ok() : r.status();
}

// The result owned by Rows (freed whichever way this returns), or the server's error.
Result<Rows> Conn::Taken(PGresult* r) const {
  Rows rows(r);
  if (!Succeeded(r)) return ErrorOf(r);
  return rows;
}

bool Conn::InFailedTransaction() const {
  return PQtransactionStatus(conn_.get()) == PQTRANS_INERROR;
}

bool Conn::InTransaction() const {
  PGTransactionStatusType t = PQtransactionStatus(conn_.get());
  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

}  // namespace chipgate::pg
