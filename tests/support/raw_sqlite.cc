// SQLite used directly on a database file (see raw_sqlite.h).
#include "support/raw_sqlite.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "support/raw_postgres.h"

namespace chipgate::testing {
namespace {

// A [backend] test's database may be PostgreSQL (TestDatabase): plain statements then go to it.
bool IsPostgres(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

}  // namespace

void RawExec(const std::string& path, const std::string& sql) {
  if (IsPostgres(path)) return PgExec(path, sql);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO(sql);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

std::vector<std::string> RawColumn(const std::string& path, const std::string& query) {
  if (IsPostgres(path)) return PgRows(path, query);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  INFO(query);
  REQUIRE(sqlite3_prepare_v2(db, query.c_str(), -1, &st, nullptr) == SQLITE_OK);
  std::vector<std::string> out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out.push_back(t ? reinterpret_cast<const char*>(t) : "");
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

std::string RawScalar(const std::string& path, const std::string& query) {
  std::vector<std::string> rows = RawColumn(path, query);
  return rows.empty() ? "" : rows.front();
}

void Tamper(const std::string& path, const std::string& sql) {
  // PostgreSQL: the append-only triggers are switched off and on again around `sql`, leaving the
  // catalog as it was.
  if (IsPostgres(path)) {
    return PgExec(path, "ALTER TABLE audit_log DISABLE TRIGGER USER; " + sql +
                            "; ALTER TABLE audit_log ENABLE TRIGGER USER;");
  }
  std::string restore;
  for (const auto& t :
       RawColumn(path, "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"))
    restore += t + ";\n";
  RawExec(
      path,
      "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; " +
          sql + ";" + restore);
}

}  // namespace chipgate::testing
