-- Migration 8: licenses the exporter holds and what shipments used of them (docs/licenses.md,
-- docs/db-schema.md "Licenses"). `classes` and `destinations` are `;`-joined, as the import file
-- writes them (canonical ECCN paths; ISO codes). Amounts of money are whole cents, never REAL.
-- `valid_until` is the last day of use (inclusive). A license's used balance as of a date is the
-- sum of its uses on or before that date.
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
