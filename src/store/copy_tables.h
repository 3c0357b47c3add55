// The tables `chipgate db migrate` copies from one database to another (MigrateDatabase), with
// the kind of each column, shared by every backend: a backend's copy statements (its
// TableCopyBackend) name exactly these columns in exactly this order, so a row read from one
// backend is written unchanged by another. Every column of every table but database_id is copied
// (database_id is one row that migrations create: the copy overwrites its value); a test compares
// these lists with the schema of each backend, so a column added by a migration cannot be left out.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chipgate {

// In the order they are written: every table after the ones its rows refer to.
enum class CopyTable {
  kParts,
  kPartComponents,
  kParties,
  kPartyNames,
  kOwnership,
  kShipments,
  kShipmentLines,
  kLicenses,
  kLicenseDestinations,
  kLicenseUses,
  kListVersions,
  kListEntries,
  kAuditRuns,
  kAuditFindings,
  kAuditLog,
};
inline constexpr int kCopyTableCount = 15;
inline constexpr std::array<CopyTable, kCopyTableCount> kCopyTables = {
    CopyTable::kParts,         CopyTable::kPartComponents, CopyTable::kParties,
    CopyTable::kPartyNames,    CopyTable::kOwnership,      CopyTable::kShipments,
    CopyTable::kShipmentLines, CopyTable::kLicenses,       CopyTable::kLicenseDestinations,
    CopyTable::kLicenseUses,   CopyTable::kListVersions,   CopyTable::kListEntries,
    CopyTable::kAuditRuns,     CopyTable::kAuditFindings,  CopyTable::kAuditLog};

// A column's type, the same in both schemas: SQLite INTEGER / PostgreSQL bigint, REAL / double
// precision, TEXT / text.
enum class CellKind { kInt, kReal, kText };

struct CopyColumn {
  std::string_view name;
  CellKind kind;
};

// The table's name (as both schemas spell it).
std::string_view CopyTableName(CopyTable table);
// The table's columns in the order of its copy statements.
std::span<const CopyColumn> CopyColumns(CopyTable table);

// One value of a copied row: NULL, or a value of the column's kind (text byte for byte, a double
// bit for bit).
struct Cell {
  bool null = true;
  int64_t i = 0;
  double d = 0;
  std::string t;
};
using CopyRow = std::vector<Cell>;

}  // namespace chipgate
