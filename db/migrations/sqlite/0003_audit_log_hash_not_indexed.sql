-- Migration 3: the audit log's `hash` column loses its UNIQUE index. The chain (each record's
-- prev_hash and hash, checked by `chipgate log verify`) is what proves integrity; the index
-- proved nothing more, and inserting random hashes into it was a third of the cost of appending
-- a large batch (docs/performance.md). Records are copied unchanged, in order, in the same
-- transaction as the version bump, so a failure leaves version 2 as it was.
ALTER TABLE audit_log RENAME TO audit_log_v2;
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
) STRICT;
INSERT INTO audit_log (seq, ts, actor, command, subject, input_digest, decision, classes, reasons, pack_digest, prev_hash, hash)
  SELECT seq, ts, actor, command, subject, input_digest, decision, classes, reasons, pack_digest, prev_hash, hash
  FROM audit_log_v2 ORDER BY seq;
DROP TABLE audit_log_v2;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
