// The SQLite statements that read licenses with their use (sqlite_licenses.cc), as literal macros
// so that each stays one compile-time literal (sql::SqlText) and a test can ask SQLite for each
// one's query plan (tests/store/license_store_test.cc: the reads `check` makes use indexes).
// ?1 is the date: the use of a license as of it is the sum of its uses on or before it, each
// summed through the index license_uses_license (license, date). Dates are `YYYY-MM-DD` text,
// which orders as the dates do.
#pragma once

// The columns a License is read from (LicenseOf), then its use as of ?1.
#define CHIPGATE_LICENSE_COLUMNS                                                        \
  "SELECT l.number, l.classes, l.destinations, coalesce(l.consignee, ''), "             \
  "coalesce(l.end_user, ''), l.quantity, l.value_cents, l.valid_from, l.valid_until, "  \
  "l.conditions, l.line, "                                                              \
  "coalesce((SELECT sum(u.quantity) FROM license_uses u WHERE u.license = l.id AND "    \
  "u.date <= ?1), 0), "                                                                 \
  "coalesce((SELECT sum(u.value_cents) FROM license_uses u WHERE u.license = l.id AND " \
  "u.date <= ?1), 0) "

// Every license, by number.
#define CHIPGATE_SQL_ALL_LICENSES CHIPGATE_LICENSE_COLUMNS "FROM licenses l ORDER BY l.number"

// One license by number (?2), through the UNIQUE index on `number`.
#define CHIPGATE_SQL_LICENSE_BY_NUMBER \
  CHIPGATE_LICENSE_COLUMNS "FROM licenses l WHERE l.number = ?2"

// The licenses in force on ?3 with destination ?2, by number, with their use as of ?1: the
// destination's rows of license_destinations by its primary key, each license by its id. CROSS JOIN
// makes SQLite keep that order of the tables: left to choose, it walked every license in number
// order to save the sort (the query plan test saw it).
#define CHIPGATE_SQL_LICENSES_IN_FORCE_TO                                        \
  CHIPGATE_LICENSE_COLUMNS                                                       \
  "FROM license_destinations d CROSS JOIN licenses l ON l.id = d.license WHERE " \
  "d.destination = ?2 AND l.valid_from <= ?3 AND l.valid_until >= ?3 ORDER BY l.number"
