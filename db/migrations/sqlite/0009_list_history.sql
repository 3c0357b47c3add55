-- Migration 9: every imported version of a screening list is kept (docs/screening.md, "Imported
-- lists"), so a shipment is screened against the version in force on its own date. The UNIQUE
-- on `source_set` goes (SQLite cannot drop a constraint, so both tables are rebuilt) and a file
-- is stored once: `digest` becomes UNIQUE. Rows are copied unchanged, in the same transaction as
-- the version bump. The old tables are renamed first, so the old entries' foreign key follows
-- the old versions table and nothing cascades; the new `list_entries` refers to the new
-- `list_versions` by name.
ALTER TABLE list_versions RENAME TO list_versions_v8;
ALTER TABLE list_entries RENAME TO list_entries_v8;
CREATE TABLE list_versions (
  id          INTEGER PRIMARY KEY,
  source_set  TEXT NOT NULL CHECK (source_set IN ('csl', 'opensanctions')),
  format      TEXT NOT NULL CHECK (format IN ('csl-csv', 'csl-json', 'opensanctions-csv')),
  file_name   TEXT NOT NULL,
  digest      TEXT NOT NULL UNIQUE CHECK (digest LIKE 'sha256:%'),
  file_date   TEXT,
  imported_at TEXT NOT NULL,
  entries     INTEGER NOT NULL CHECK (entries > 0)
) STRICT;
CREATE TABLE list_entries (
  version                 INTEGER NOT NULL REFERENCES list_versions(id) ON DELETE CASCADE,
  seq                     INTEGER NOT NULL CHECK (seq > 0),
  entry_id                TEXT NOT NULL,
  list                    TEXT NOT NULL,
  source                  TEXT NOT NULL,
  type                    TEXT NOT NULL,
  name                    TEXT NOT NULL,
  aliases                 TEXT NOT NULL,
  countries               TEXT NOT NULL,
  programs                TEXT NOT NULL,
  federal_register_notice TEXT NOT NULL,
  start_date              TEXT,
  end_date                TEXT,
  license_requirement     TEXT NOT NULL,
  license_policy          TEXT NOT NULL,
  line                    INTEGER NOT NULL,
  PRIMARY KEY (version, seq),
  UNIQUE (version, entry_id)
) STRICT;
INSERT INTO list_versions (id, source_set, format, file_name, digest, file_date, imported_at, entries)
  SELECT id, source_set, format, file_name, digest, file_date, imported_at, entries
  FROM list_versions_v8 ORDER BY id;
INSERT INTO list_entries SELECT * FROM list_entries_v8 ORDER BY version, seq;
DROP TABLE list_entries_v8;
DROP TABLE list_versions_v8;
