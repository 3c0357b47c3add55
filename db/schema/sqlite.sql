-- chipgate database schema, version 12 (PRAGMA user_version = 12). This file is the current schema;
-- databases are created and upgraded by the numbered files in db/migrations/sqlite/, and a test
-- checks that applying them gives exactly this schema. SQLite-specific (STRICT, sqlite_master).
-- STRICT tables; foreign keys are enforced per connection (PRAGMA foreign_keys=ON).
CREATE TABLE parts (
  part_number              TEXT PRIMARY KEY NOT NULL CHECK (length(part_number) > 0),
  description              TEXT,
  declared_eccn            TEXT,
  type                     TEXT CHECK (type IN ('ic', 'computer', 'memory', 'other')),
  tpp                      REAL CHECK (tpp >= 0),
  die_area_mm2             REAL CHECK (die_area_mm2 > 0),
  datacenter               INTEGER CHECK (datacenter IN (0, 1)),
  io_bandwidth_gbs         REAL CHECK (io_bandwidth_gbs >= 0),
  memory_bandwidth_density REAL CHECK (memory_bandwidth_density >= 0),
  dram_bandwidth_gbs       REAL CHECK (dram_bandwidth_gbs >= 0),
  source                   TEXT
, bom_complete INTEGER CHECK (bom_complete IN (0, 1)), producer TEXT) STRICT;
-- bom_complete (migration 4, hence its place): 1 = the bill of materials is complete (no component
-- rows means the part contains nothing); NULL or 0 = a part without rows has unknown contents.
-- producer (migration 6): the pack attribute `producer`, free text.

CREATE TABLE part_components (
  parent   TEXT NOT NULL REFERENCES parts(part_number) ON DELETE CASCADE,
  child    TEXT NOT NULL REFERENCES parts(part_number),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (parent, child),
  CHECK (parent <> child)
) STRICT;
CREATE INDEX part_components_child ON part_components(child);

-- The customer master (migration 6; docs/db-schema.md, "Customer master").
CREATE TABLE parties (
  id                  INTEGER PRIMARY KEY,
  party_id            TEXT NOT NULL UNIQUE CHECK (length(party_id) > 0),
  name                TEXT NOT NULL CHECK (length(name) > 0),
  country             TEXT NOT NULL CHECK (length(country) = 2),
  headquarters        TEXT CHECK (headquarters IS NULL OR length(headquarters) = 2),
  parent              TEXT,  -- the parent's party_id, or the name of a parent not in the master
  parent_headquarters TEXT CHECK (parent_headquarters IS NULL OR length(parent_headquarters) = 2),
  note                TEXT
) STRICT;

CREATE TABLE party_names (
  key   TEXT PRIMARY KEY NOT NULL CHECK (length(key) > 0),  -- chipgate_party_key(name)
  party INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
  name  TEXT NOT NULL,  -- as written
  alias INTEGER NOT NULL CHECK (alias IN (0, 1))  -- 0: the party's name, 1: an alias
) STRICT;
CREATE INDEX party_names_party ON party_names(party);
-- `owner` holds `share` percent of `party` directly. Either side is a party of the master (the
-- row id) or, when it is not in the master, a name (as written, and its key). A row with neither
-- owner nor share records that the party's owners are known and none is listed.
CREATE TABLE ownership (
  party      INTEGER REFERENCES parties(id) ON DELETE CASCADE,
  party_name TEXT,
  party_key  TEXT,
  owner      INTEGER REFERENCES parties(id),
  owner_name TEXT,
  share      REAL CHECK (share > 0 AND share <= 100),
  CHECK ((party IS NULL) = (party_key IS NOT NULL)),
  CHECK ((party_key IS NULL) = (party_name IS NULL)),
  CHECK (owner IS NULL OR owner_name IS NULL),
  CHECK ((share IS NULL) = (owner IS NULL AND owner_name IS NULL))
) STRICT;
CREATE INDEX ownership_party ON ownership(party);
CREATE INDEX ownership_party_key ON ownership(party_key);

CREATE TABLE shipments (
  id                    TEXT PRIMARY KEY NOT NULL,
  date                  TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  consignee             TEXT NOT NULL,
  consignee_country     TEXT NOT NULL CHECK (length(consignee_country) = 2),
  end_user              TEXT NOT NULL,
  end_user_country      TEXT NOT NULL CHECK (length(end_user_country) = 2),
  end_user_headquarters TEXT CHECK (end_user_headquarters IS NULL OR length(end_user_headquarters) = 2)
, consignee_id TEXT REFERENCES parties(party_id), end_user_id TEXT REFERENCES parties(party_id), end_use TEXT) STRICT;
-- The last three columns: migration 6 (customer-master ids of the parties, the declared end use).

CREATE TABLE shipment_lines (
  shipment_id TEXT NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
  line        INTEGER NOT NULL CHECK (line > 0),
  part_number TEXT NOT NULL REFERENCES parts(part_number),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  license     TEXT,  -- a license number, an exception code (NAC, ACA, HBM, ...), or NULL
  PRIMARY KEY (shipment_id, line)
) STRICT;
-- Migration 10 added the unit value in whole US cents (NULL when not known). SQLite appends an
-- added column after the table's constraints, which a CREATE TABLE may not spell, so the column
-- is added here as the migration adds it, giving the same stored schema.
ALTER TABLE shipment_lines ADD COLUMN unit_value_cents INTEGER CHECK (unit_value_cents IS NULL OR unit_value_cents >= 0);
CREATE INDEX shipment_lines_part ON shipment_lines(part_number);

-- Append-only, hash-chained audit trail (docs/audit-log.md). The last two columns were added by
-- migration 5 (ALTER TABLE, hence the layout SQLite gives them). The triggers stop accidental
-- edits through SQLite; `chipgate log verify` detects deliberate ones.
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  ts           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  command      TEXT NOT NULL,
  subject      TEXT NOT NULL,
  input_digest TEXT NOT NULL,
  decision     TEXT NOT NULL,
  classes      TEXT NOT NULL,
  reasons      TEXT NOT NULL,
  pack_digest  TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
, format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2)), facts_digest TEXT, run TEXT) STRICT;
-- run (migration 12): an audit-run record's run as canonical JSON; NULL in every other record.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE audit_runs (
  id           INTEGER PRIMARY KEY,
  started      TEXT NOT NULL,
  actor        TEXT NOT NULL,
  date         TEXT NOT NULL,
  compare_date TEXT,
  pack_digest  TEXT NOT NULL,
  parts        INTEGER NOT NULL CHECK (parts >= 0),
  shipments    INTEGER NOT NULL CHECK (shipments >= 0),
  findings     INTEGER NOT NULL CHECK (findings >= 0)
, findings_digest TEXT) STRICT;
-- findings_digest (migration 12): the digest of the run's findings its audit-log record covers;
-- NULL for runs recorded before, whose findings each have a record of their own.

CREATE TABLE audit_findings (
  run_id      INTEGER NOT NULL REFERENCES audit_runs(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL CHECK (seq > 0),
  kind        TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  part_number TEXT,
  shipment_id TEXT,
  line        INTEGER,
  declared    TEXT,
  computed    TEXT,
  reasons     TEXT NOT NULL, license TEXT, facts_digest TEXT,  -- JSON array of {rule, decision, cite, message}
  PRIMARY KEY (run_id, seq)
) STRICT;
-- license, facts_digest (migration 12): the license a license finding is about, and the digest of
-- the stored facts the finding was made from.
CREATE INDEX audit_findings_kind ON audit_findings(kind);

-- Screening lists (migrations 7 and 9; docs/db-schema.md, "Screening lists"): every imported
-- version of a source set is kept, each file once (by digest).
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

-- Licenses and their uses (migration 8; docs/licenses.md).
CREATE TABLE licenses (
  id           INTEGER PRIMARY KEY,
  number       TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 7 AND 9),
  classes      TEXT NOT NULL CHECK (length(classes) > 0),
  destinations TEXT NOT NULL CHECK (length(destinations) > 0),
  consignee    TEXT,  -- a party id or name; NULL: any consignee
  end_user     TEXT,  -- a party id or name; NULL: any end user
  quantity     INTEGER CHECK (quantity IS NULL OR quantity > 0),        -- NULL: no limit
  value_cents  INTEGER CHECK (value_cents IS NULL OR value_cents > 0),  -- NULL: no limit
  valid_from   TEXT NOT NULL CHECK (length(valid_from) = 10),
  valid_until  TEXT NOT NULL CHECK (length(valid_until) = 10 AND valid_until >= valid_from),
  conditions   TEXT NOT NULL,
  line         INTEGER NOT NULL CHECK (line > 0)  -- the line of the import file it came from
) STRICT;

-- One shipment line's draw on one license. A line ships under at most one license; a shipment
-- line with a recorded use cannot be deleted (no cascade), so a balance never grows back
-- silently. `value_cents` is NULL when the line's value was not known (only possible on a
-- license without a value limit).
CREATE TABLE license_uses (
  license     INTEGER NOT NULL REFERENCES licenses(id),
  shipment_id TEXT NOT NULL,
  line        INTEGER NOT NULL CHECK (line > 0),
  date        TEXT NOT NULL CHECK (length(date) = 10),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  value_cents INTEGER CHECK (value_cents IS NULL OR value_cents >= 0),
  PRIMARY KEY (shipment_id, line),
  FOREIGN KEY (shipment_id, line) REFERENCES shipment_lines(shipment_id, line)
) STRICT;
CREATE INDEX license_uses_license ON license_uses(license, date);

-- Each license's destinations, one row each (migration 11), written with the license by the
-- importer: the licenses to one country are found by the primary key.
CREATE TABLE license_destinations (
  destination TEXT NOT NULL,
  license     INTEGER NOT NULL REFERENCES licenses(id),
  PRIMARY KEY (destination, license)
) STRICT, WITHOUT ROWID;

-- The database's id (migration 12), random, made once: an audit-run record names the database
-- whose findings it covers (docs/audit-log.md, "Audit-run records").
CREATE TABLE database_id (
  id TEXT NOT NULL CHECK (length(id) = 32)
) STRICT;
INSERT INTO database_id (id) VALUES (lower(hex(randomblob(16))));
