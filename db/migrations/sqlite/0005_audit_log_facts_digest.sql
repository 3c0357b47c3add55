-- Migration 5: audit records name the facts they were decided from. `format` is the record
-- encoding (docs/audit-log.md): existing records keep format 1 and verify as before; new records
-- are format 2, whose hashed bytes include `facts_digest` (sha256 of the resolved facts) and
-- `format`. (Migration 4 belongs to the parts table.)
ALTER TABLE audit_log ADD COLUMN format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2));
ALTER TABLE audit_log ADD COLUMN facts_digest TEXT;
