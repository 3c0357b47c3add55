-- Migration 7: imported screening lists (docs/db-schema.md, "Screening lists"). One version per
-- source set (`csl` for the Consolidated Screening List in either format, `opensanctions`): a
-- new import of a set deletes its previous version, whose entries go with it (ON DELETE
-- CASCADE). `aliases` and `countries` are `;`-separated, as the published files write them.
CREATE TABLE list_versions (
  id          INTEGER PRIMARY KEY,
  source_set  TEXT NOT NULL UNIQUE CHECK (source_set IN ('csl', 'opensanctions')),
  format      TEXT NOT NULL CHECK (format IN ('csl-csv', 'csl-json', 'opensanctions-csv')),
  file_name   TEXT NOT NULL,
  digest      TEXT NOT NULL CHECK (digest LIKE 'sha256:%'),
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
