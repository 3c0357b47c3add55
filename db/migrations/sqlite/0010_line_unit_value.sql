-- Migration 10: a shipment line's unit value in whole US cents (docs/db-schema.md, "shipments and
-- shipment_lines"), so the audit can replay a license's value limit over past shipments
-- (docs/licenses.md, "Audit"). NULL is an unknown value, never zero; lines stored before this
-- migration keep NULL.
ALTER TABLE shipment_lines ADD COLUMN unit_value_cents INTEGER CHECK (unit_value_cents IS NULL OR unit_value_cents >= 0);
