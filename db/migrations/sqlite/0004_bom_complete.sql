-- Migration 4: `parts.bom_complete`. A part with no component rows has unknown contents unless
-- this flag says its bill of materials is complete (it contains nothing); a computer with
-- unknown contents is decided `review`, never as if it were empty (docs/db-schema.md).
ALTER TABLE parts ADD COLUMN bom_complete INTEGER CHECK (bom_complete IN (0, 1));
