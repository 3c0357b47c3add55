-- Migration 2: inventory audits (`chipgate audit`): one row per run, one per finding.
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
) STRICT;

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
  reasons     TEXT NOT NULL,  -- JSON array of {rule, decision, cite, message}
  PRIMARY KEY (run_id, seq)
) STRICT;
CREATE INDEX audit_findings_kind ON audit_findings(kind);
