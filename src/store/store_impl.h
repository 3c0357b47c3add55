// Store internals shared by the store's source files (inventory, import, audit log).
#pragma once

#include <map>
#include <string>

#include "chipgate/store.h"
#include "store/sqlite.h"

namespace chipgate {

struct Store::Impl {
  sql::Db db;
  std::string path;
  int version = 0;
  bool read_only = false;
  const Clock* clock = nullptr;                         // never null once opened
  std::map<std::string, sql::Stmt, std::less<>> cache;  // prepared once per connection

  // A prepared statement for `sql`, reset and ready to bind; prepared on first use.
  Result<sql::Stmt*> Cached(sql::SqlText sql);
};

// Audit-log internals used by the log and by audit runs, which append in their own transaction.
// Both expect an open write transaction (sql::InTransaction).
// Fails when the audit tables' schema objects are not exactly the migrations' (SchemaDifference).
Status CheckAuditSchema(Store::Impl& impl);
// Appends `entries` after the current head, then reads them back and compares.
Status AppendAuditInTransaction(Store::Impl& impl, const std::vector<AuditEntry>& entries,
                                Store::AppendResult& written);

// The parts-table columns that hold pack attributes, with how each is stored.
enum class ColumnKind { kText, kReal, kBool };
struct AttributeColumn {
  const char* name;
  ColumnKind kind;
};
inline constexpr AttributeColumn kAttributeColumns[] = {
    {"type", ColumnKind::kText},
    {"tpp", ColumnKind::kReal},
    {"die_area_mm2", ColumnKind::kReal},
    {"datacenter", ColumnKind::kBool},
    {"io_bandwidth_gbs", ColumnKind::kReal},
    {"memory_bandwidth_density", ColumnKind::kReal},
    {"dram_bandwidth_gbs", ColumnKind::kReal},
};

// The attribute columns of a statement's current row, starting at column `first`, as specs of
// `out`; NULL columns are left out, so they stay unknown (store.cc).
void AssignSpecs(const sql::Stmt& stmt, int first, ItemFacts& out);

}  // namespace chipgate
