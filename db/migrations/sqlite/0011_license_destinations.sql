-- Migration 11: each license's destinations one row each, so that the licenses to one country are
-- found through an index instead of by reading every license (docs/licenses.md, "Matching";
-- docs/db-schema.md "Licenses"). `licenses.destinations` stays the license's own list, as
-- imported; this table is derived from it: the importer writes both in one transaction, and the
-- licenses stored before this migration are split here (on `;`, as the store's SplitList does).
-- The primary key is the index `check` reads by: (destination, license).
CREATE TABLE license_destinations (
  destination TEXT NOT NULL,
  license     INTEGER NOT NULL REFERENCES licenses(id),
  PRIMARY KEY (destination, license)
) STRICT, WITHOUT ROWID;
WITH RECURSIVE split(license, item, rest) AS (
  SELECT id, NULL, destinations || ';' FROM licenses
  UNION ALL
  SELECT license, substr(rest, 1, instr(rest, ';') - 1), substr(rest, instr(rest, ';') + 1)
  FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO license_destinations (destination, license)
  SELECT item, license FROM split WHERE item IS NOT NULL;
