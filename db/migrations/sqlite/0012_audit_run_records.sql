-- Migration 12: one audit-log record per inventory-audit run instead of one per finding
-- (docs/audit-log.md, "Audit-run records"). The run record's `run` column holds the run as
-- canonical JSON, with the count and digest of its findings; `log verify` recomputes the digest
-- from audit_findings. Finding rows now keep what the per-finding records held and the rows did
-- not: the license a license finding is about and the facts digest. Each database gets an id, so
-- a run record kept in another audit database (`audit --audit FILE`) names the database whose
-- findings it covers. Rows and records written before keep NULL and verify as before.
ALTER TABLE audit_log ADD COLUMN run TEXT;
ALTER TABLE audit_runs ADD COLUMN findings_digest TEXT;
ALTER TABLE audit_findings ADD COLUMN license TEXT;
ALTER TABLE audit_findings ADD COLUMN facts_digest TEXT;
CREATE TABLE database_id (
  id TEXT NOT NULL CHECK (length(id) = 32)
) STRICT;
INSERT INTO database_id (id) VALUES (lower(hex(randomblob(16))));
