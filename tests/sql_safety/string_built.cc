// Must NOT compile: SQL built from a string. sql::SqlText accepts only literals (consteval), so
// string-built SQL is a compile error, and ctest checks that it stays one.
#include "store/sqlite/db.h"

chipgate::Status Probe(chipgate::sql::Db& db, const std::string& part) {
  std::string query = "SELECT 1 FROM parts WHERE part_number = '" + part + "'";
  auto stmt = db.Prepare(query.c_str());
  if (!stmt.ok()) return stmt.status();
  return stmt->Run();
}
