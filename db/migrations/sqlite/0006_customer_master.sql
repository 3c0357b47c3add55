-- Migration 6: the customer master (docs/db-schema.md, "Customer master"). `parties` is rebuilt
-- with a `party_id` (the key users give; a party stored before this migration gets its name as
-- its id) and a `parent` reference; `party_names` holds every name and alias of a party under its
-- normalised key (chipgate_party_key(), registered on every connection: base/party_key.h), so a
-- lookup by name or alias is one index lookup; `ownership` holds direct shareholdings. Shipments
-- gain the customer-master ids of their parties and their end use; parts gain `producer`.
ALTER TABLE parties RENAME TO parties_v5;
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
INSERT INTO parties (id, party_id, name, country, headquarters, parent_headquarters, note)
  SELECT id, name, name, country, headquarters, parent_headquarters, note FROM parties_v5;
DROP TABLE parties_v5;

CREATE TABLE party_names (
  key   TEXT PRIMARY KEY NOT NULL CHECK (length(key) > 0),  -- chipgate_party_key(name)
  party INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
  name  TEXT NOT NULL,  -- as written
  alias INTEGER NOT NULL CHECK (alias IN (0, 1))  -- 0: the party's name, 1: an alias
) STRICT;
CREATE INDEX party_names_party ON party_names(party);
-- Two old names with one key (`Acme Ltd`, `ACME LTD.`): the first party keeps it.
INSERT OR IGNORE INTO party_names (key, party, name, alias)
  SELECT chipgate_party_key(name), id, name, 0 FROM parties
  WHERE length(chipgate_party_key(name)) > 0 ORDER BY id;

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

ALTER TABLE shipments ADD COLUMN consignee_id TEXT REFERENCES parties(party_id);
ALTER TABLE shipments ADD COLUMN end_user_id TEXT REFERENCES parties(party_id);
ALTER TABLE shipments ADD COLUMN end_use TEXT;
ALTER TABLE parts ADD COLUMN producer TEXT;
