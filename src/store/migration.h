// A numbered schema migration compiled into the binary: one SQL file of db/migrations/<backend>/,
// embedded at configure time by cmake/embed_migrations.cmake. Each backend applies its own list.
#pragma once

#include <string_view>
#include <vector>

namespace chipgate {

struct Migration {
  int version;            // the number the file name starts with; the schema version after it
  std::string_view name;  // the file name, for messages
  std::string_view sql;   // the file's text, in the backend's dialect
};

// db/migrations/sqlite/*.sql in version order (generated).
const std::vector<Migration>& SqliteMigrations();
// db/migrations/postgresql/*.sql in version order (generated); the first is number 12, the
// schema version at which the PostgreSQL backend began.
const std::vector<Migration>& PostgresqlMigrations();

}  // namespace chipgate
