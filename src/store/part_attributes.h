// The one table mapping pack attributes to the inventory's `parts` columns. The importer validates
// and writes, and every backend reads, the columns listed here and no others; the non-attribute
// columns of `parts` are listed too, so a column in neither list is reported instead of ignored
// (docs/db-schema.md, "Attribute columns"). No SQL here: backends spell their statements as
// literals and check them against this table at compile time (ListsColumns).
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/status.h"

namespace chipgate {

// How a column stores its attribute, and what the importer accepts for it.
enum class AttributeKind {
  kText,         // one of PartAttribute::values
  kFreeText,     // any text (a name, such as the producer)
  kNonNegative,  // a finite number >= 0
  kPositive,     // a finite number > 0
  kFlag,         // `true` or `false`, stored as 1 or 0
};

struct PartAttribute {
  std::string_view column;     // the `parts` column, and the header of the parts CSV column
  std::string_view attribute;  // the pack attribute (ItemFacts spec name) its value becomes
  AttributeKind kind;
  std::span<const std::string_view> values = {};  // kText: the accepted values
};

inline constexpr std::string_view kPartTypes[] = {"ic", "computer", "memory", "other"};

// In column order of every statement that reads or writes them. Adding an attribute column is a
// new migration, a row here, and the backends' column lists (which then fail to compile until
// they match); tests/store/part_attributes_test.cc checks this table against the migrated schema.
inline constexpr PartAttribute kPartAttributes[] = {
    {"type", "type", AttributeKind::kText, kPartTypes},
    {"tpp", "tpp", AttributeKind::kNonNegative},
    {"die_area_mm2", "die_area_mm2", AttributeKind::kPositive},
    {"datacenter", "datacenter", AttributeKind::kFlag},
    {"io_bandwidth_gbs", "io_bandwidth_gbs", AttributeKind::kNonNegative},
    {"memory_bandwidth_density", "memory_bandwidth_density", AttributeKind::kNonNegative},
    {"dram_bandwidth_gbs", "dram_bandwidth_gbs", AttributeKind::kNonNegative},
    {"producer", "producer", AttributeKind::kFreeText},
};
inline constexpr size_t kPartAttributeCount = std::size(kPartAttributes);

// The columns of `parts` that are not attributes: the key, catalogue text, and the bill-of-
// materials flag. Every column of `parts` is in exactly one of the two lists.
inline constexpr std::string_view kPartOtherColumns[] = {"part_number", "description",
                                                         "declared_eccn", "source", "bom_complete"};

// Whether a database's `parts` columns (`have`, as its catalog lists them) are exactly the
// attribute columns and kPartOtherColumns: a column chipgate does not know would be silently left
// out of every item (its values never reach the rules), and a missing one fails every read. Every
// backend checks this when it opens a database; `where` names the database in the error.
Status CheckPartColumns(const std::vector<std::string>& have, const std::string& where);

// Whether `list` ("a, b, c") names exactly the attribute columns in table order, each written
// with `prefix` ("excluded." in an upsert). For static_assert on the backends' SQL literals.
consteval bool ListsColumns(std::string_view list, std::string_view prefix = "") {
  size_t at = 0;
  for (size_t i = 0; i < kPartAttributeCount; ++i) {
    if (i > 0) {
      if (list.substr(at, 2) != ", ") return false;
      at += 2;
    }
    if (list.substr(at, prefix.size()) != prefix) return false;
    at += prefix.size();
    std::string_view column = kPartAttributes[i].column;
    if (list.substr(at, column.size()) != column) return false;
    at += column.size();
  }
  return at == list.size();
}

// Whether `list` is the bound parameters "?first, ?first+1, ..." one per attribute column (with
// `mark` '$': PostgreSQL's "$first, $first+1, ...").
consteval bool ListsParameters(std::string_view list, int first, char mark = '?') {
  size_t at = 0;
  for (size_t i = 0; i < kPartAttributeCount; ++i) {
    if (i > 0) {
      if (list.substr(at, 2) != ", ") return false;
      at += 2;
    }
    if (at >= list.size() || list[at] != mark) return false;
    ++at;
    int n = first + static_cast<int>(i);
    char digits[12] = {};
    int len = 0;
    for (int v = n; v > 0; v /= 10) digits[len++] = static_cast<char>('0' + v % 10);
    for (int d = len - 1; d >= 0; --d) {
      if (at >= list.size() || list[at++] != digits[d]) return false;
    }
  }
  return at == list.size();
}

}  // namespace chipgate
