// The SQL baseline for the inventory audit: the same classification written by hand as one
// query over the parts table (with the bill of materials joined in), run by SQLite on the same
// database file. Prints the elapsed seconds and how many parts fall in each computed class.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace {

// The us-ear classes in force on 2025-06-01, written by hand. SQLite's NULL logic is Kleene's
// three-valued logic, as the engine's, so a NULL class condition is "cannot be decided":
// a part is `unclassifiable` when no class holds and some condition is NULL, as `chipgate audit`
// reports it. Computers take 4A090 from everything their bill of materials contains, at any
// depth (a recursive CTE); the computed class of every part must equal the audit's, and
// bench/run_all.py compares the counts per class. `own` is materialised so that SQLite
// evaluates each part's conditions once (inlined, they would be repeated in every CASE arm).
const char* kQuery = R"SQL(
WITH RECURSIVE
own AS MATERIALIZED (
  SELECT part_number, declared_eccn, type,
    (type = 'ic' AND tpp >= 4800) OR
      (type = 'ic' AND datacenter AND tpp >= 1600 AND tpp / die_area_mm2 >= 5.92) AS a,
    type = 'memory' AND memory_bandwidth_density > 2 AS c,
    tpp / die_area_mm2 AS pd, tpp, datacenter
  FROM parts),
chip AS (
  SELECT part_number, declared_eccn, type, a, c,
    (type = 'ic' AND datacenter AND NOT a AND tpp >= 2400 AND tpp < 4800 AND pd >= 1.6 AND pd < 5.92) OR
      (type = 'ic' AND datacenter AND NOT a AND tpp >= 1600 AND pd >= 3.2 AND pd < 5.92) AS b
  FROM own),
reach(root, part) AS (
  SELECT parent, child FROM part_components
  UNION
  SELECT r.root, c.child FROM reach r JOIN part_components c ON c.parent = r.part),
contains AS (
  SELECT r.root AS part_number, max(ch.a) AS has_a, max(ch.b) AS has_b,
    max(ch.a IS NULL) AS unknown_a, max(ch.b IS NULL) AS unknown_b
  FROM reach r JOIN chip ch ON ch.part_number = r.part GROUP BY r.root),
classified AS (
  SELECT ch.part_number, ch.declared_eccn, ch.a, ch.b, ch.c,
    ch.type IN ('computer', 'other') AND
      CASE WHEN co.has_a THEN 1 WHEN co.unknown_a THEN NULL ELSE 0 END AS ca,
    ch.type IN ('computer', 'other') AND
      CASE WHEN co.has_b THEN 1 WHEN co.unknown_b THEN NULL ELSE 0 END AS cb
  FROM chip ch LEFT JOIN contains co ON co.part_number = ch.part_number),
computed AS (
  SELECT declared_eccn,
    CASE WHEN a THEN '3A090.a' WHEN b THEN '3A090.b' WHEN c THEN '3A090.c'
         WHEN ca THEN '4A090.a' WHEN cb AND NOT ca THEN '4A090.b'
         WHEN a IS NULL OR b IS NULL OR c IS NULL OR ca IS NULL OR (cb AND NOT ca) IS NULL THEN 'unclassifiable'
         ELSE 'uncontrolled' END AS cls
  FROM classified)
SELECT cls, count(*),
       sum(CASE WHEN cls IN ('uncontrolled', 'unclassifiable') THEN coalesce(declared_eccn, '') LIKE '%A090%'
                ELSE cls <> replace(coalesce(declared_eccn, ''), 'ECCN ', '') END)
FROM computed GROUP BY cls ORDER BY cls
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
  std::string by_class;
  while (sqlite3_step(st) == SQLITE_ROW) {
    long long n = sqlite3_column_int64(st, 1);
    std::fprintf(stderr, "  %s: %lld (%lld differ from declared)\n", sqlite3_column_text(st, 0), n,
                 static_cast<long long>(sqlite3_column_int64(st, 2)));
    by_class += std::string(by_class.empty() ? "" : ", ") + "\"" +
                reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) +
                "\": " + std::to_string(n);
    parts += n;
  }
  sqlite3_finalize(st);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // by_class: the same counts as the audit's parts_by_class (bench/run_all.py compares them).
  std::printf("{\"parts\": %lld, \"seconds\": %.4f, \"by_class\": {%s}}\n", parts, secs,
              by_class.c_str());
  sqlite3_close(db);
  return 0;
}
