// Compiles: SQL written as a literal, values bound as parameters (the positive twin of
// string_built.cc, so the negative test cannot pass for an unrelated reason).
#include "store/sqlite/db.h"

chipgate::Status Probe(chipgate::sql::Db& db, const std::string& part) {
  auto stmt = db.Prepare("SELECT 1 FROM parts WHERE part_number = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, part);
  return stmt->Run();
}
