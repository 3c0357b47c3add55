// The SQL baseline for the inventory audit: the same classification written by hand as one
// query over the parts table (with the bill of materials joined in), run by SQLite on the same
// database file. Prints the elapsed seconds and how many parts fall in each computed class.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>

namespace {

// 3A090 (2023 text) and 4A090 on the part's own data; computers from their components' classes.
const char* kQuery = R"SQL(
WITH chip AS (
  SELECT part_number, declared_eccn, type,
    CASE
      WHEN type = 'memory' AND memory_bandwidth_density > 2 THEN '3A090.c'
      WHEN type <> 'ic' THEN NULL
      WHEN tpp >= 4800 THEN '3A090.a'
      WHEN datacenter = 1 AND tpp >= 1600 AND tpp / die_area_mm2 >= 5.92 THEN '3A090.a'
      WHEN datacenter = 1 AND tpp >= 2400 AND tpp < 4800 AND tpp / die_area_mm2 >= 1.6 AND tpp / die_area_mm2 < 5.92 THEN '3A090.b'
      WHEN datacenter = 1 AND tpp >= 1600 AND tpp / die_area_mm2 >= 3.2 AND tpp / die_area_mm2 < 5.92 THEN '3A090.b'
      WHEN tpp IS NULL OR (datacenter = 1 AND die_area_mm2 IS NULL AND tpp >= 1600) OR datacenter IS NULL THEN 'unclassifiable'
      ELSE NULL
    END AS computed
  FROM parts),
computers AS (
  SELECT c.parent AS part_number,
    CASE WHEN max(ch.computed = '3A090.a') = 1 THEN '4A090.a'
         WHEN max(ch.computed = '3A090.b') = 1 THEN '4A090.b' ELSE NULL END AS computed
  FROM part_components c JOIN chip ch ON ch.part_number = c.child
  GROUP BY c.parent)
SELECT coalesce(co.computed, ch.computed, 'uncontrolled') AS cls, count(*),
       sum(coalesce(co.computed, ch.computed, '') <> replace(coalesce(ch.declared_eccn, ''), 'ECCN ', ''))
FROM chip ch LEFT JOIN computers co ON co.part_number = ch.part_number
GROUP BY cls ORDER BY cls
)SQL";

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: chipgate_bench_sql DB\n");
    return 2;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return 2;
  auto start = std::chrono::steady_clock::now();
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, kQuery, -1, &st, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "%s\n", sqlite3_errmsg(db));
    return 2;
  }
  long long parts = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::fprintf(stderr, "  %s: %lld (%lld differ from declared)\n", sqlite3_column_text(st, 0),
                 static_cast<long long>(sqlite3_column_int64(st, 1)), static_cast<long long>(sqlite3_column_int64(st, 2)));
    parts += sqlite3_column_int64(st, 1);
  }
  sqlite3_finalize(st);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"parts\": %lld, \"seconds\": %.4f}\n", parts, secs);
  sqlite3_close(db);
  return 0;
}
