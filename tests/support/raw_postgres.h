// PostgreSQL used directly, as a database administrator or anyone with write access can: tests
// make a fresh schema per test, read the catalog and tamper with records this way. The server is
// the throw-away cluster scripts/pg-tmp starts; its URI is in $CHIPGATE_PG_URI. Failures are
// Catch2 REQUIREs.
#pragma once

#include <string>
#include <vector>

namespace chipgate::testing {

// $CHIPGATE_PG_URI (REQUIREs that it is set: the [postgresql] tests run under scripts/pg-tmp).
std::string PgServerUri();
// A new, empty schema on that server, and the URI whose connections use it (search_path): each
// test gets a database of its own without the cost of CREATE DATABASE.
std::string NewPgDatabase();
// Runs `sql` (one or more statements) on the database `uri` names.
void PgExec(const std::string& uri, const std::string& sql);
// The rows of a query, each row's columns joined with '|' ("" for NULL).
std::vector<std::string> PgRows(const std::string& uri, const std::string& query);

}  // namespace chipgate::testing
