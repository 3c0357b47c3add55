-- Migration 1: inventory (parts, bills of materials, parties, shipments) and the audit log.
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
) STRICT;

CREATE TABLE part_components (
  parent   TEXT NOT NULL REFERENCES parts(part_number) ON DELETE CASCADE,
  child    TEXT NOT NULL REFERENCES parts(part_number),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (parent, child),
  CHECK (parent <> child)
) STRICT;
CREATE INDEX part_components_child ON part_components(child);

CREATE TABLE parties (
  id                  INTEGER PRIMARY KEY,
  name                TEXT NOT NULL UNIQUE,
  country             TEXT NOT NULL CHECK (length(country) = 2),
  headquarters        TEXT CHECK (headquarters IS NULL OR length(headquarters) = 2),
  parent_headquarters TEXT CHECK (parent_headquarters IS NULL OR length(parent_headquarters) = 2),
  note                TEXT
) STRICT;

CREATE TABLE shipments (
  id                    TEXT PRIMARY KEY NOT NULL,
  date                  TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  consignee             TEXT NOT NULL,
  consignee_country     TEXT NOT NULL CHECK (length(consignee_country) = 2),
  end_user              TEXT NOT NULL,
  end_user_country      TEXT NOT NULL CHECK (length(end_user_country) = 2),
  end_user_headquarters TEXT CHECK (end_user_headquarters IS NULL OR length(end_user_headquarters) = 2)
) STRICT;

CREATE TABLE shipment_lines (
  shipment_id TEXT NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
  line        INTEGER NOT NULL CHECK (line > 0),
  part_number TEXT NOT NULL REFERENCES parts(part_number),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  license     TEXT,  -- a license number, an exception code (NAC, ACA, HBM, ...), or NULL
  PRIMARY KEY (shipment_id, line)
) STRICT;
CREATE INDEX shipment_lines_part ON shipment_lines(part_number);

-- Append-only, hash-chained audit trail (docs/audit-log.md). The triggers stop accidental
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
  hash         TEXT NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
