// PostgreSQL helpers for tests (raw_postgres.h), over libpq.
#include "support/raw_postgres.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>

namespace chipgate::testing {
namespace {

using Conn = std::unique_ptr<PGconn, void (*)(PGconn*)>;

Conn Connect(const std::string& uri) {
  Conn c(PQconnectdb(uri.c_str()), &PQfinish);
  INFO(PQerrorMessage(c.get()));
  REQUIRE(PQstatus(c.get()) == CONNECTION_OK);
  return c;
}

}  // namespace

std::string PgServerUri() {
  const char* uri = std::getenv("CHIPGATE_PG_URI");
  INFO("the [postgresql] tests need a server: run them through scripts/pg-tmp (ctest does)");
  REQUIRE(uri != nullptr);
  return uri;
}

std::string NewPgDatabase() {
  static std::atomic<int> counter{0};
  std::string schema = "t" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  std::string server = PgServerUri();
  PgExec(server, "CREATE SCHEMA " + schema);
  // libpq's `options` sets the session's search_path, so chipgate's tables go into the schema.
  return server + (server.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

void PgExec(const std::string& uri, const std::string& sql) {
  Conn c = Connect(uri);
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(c.get(), sql.c_str()), &PQclear);
  INFO(sql << "\n" << PQresultErrorMessage(r.get()));
  ExecStatusType st = PQresultStatus(r.get());
  REQUIRE((st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK));
}

std::vector<std::string> PgRows(const std::string& uri, const std::string& query) {
  Conn c = Connect(uri);
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(c.get(), query.c_str()), &PQclear);
  INFO(query << "\n" << PQresultErrorMessage(r.get()));
  REQUIRE(PQresultStatus(r.get()) == PGRES_TUPLES_OK);
  std::vector<std::string> out;
  for (int i = 0; i < PQntuples(r.get()); ++i) {
    std::string row;
    for (int j = 0; j < PQnfields(r.get()); ++j) {
      if (j > 0) row += '|';
      row += PQgetvalue(r.get(), i, j);
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace chipgate::testing
