// Import pipeline, second half (issue 3): mapping presets per partner and kind, Events (dated
// facts linked to their Record and Source), and the address parts the normaliser finds.
export const sql = `
CREATE TABLE mapping_preset (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  partner TEXT NOT NULL,
  kind TEXT NOT NULL,
  -- [{sheet, columns: [{header, role}]}]: headers and roles only, never cell values.
  sheets_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX mapping_preset_partner_kind ON mapping_preset(partner, kind);

ALTER TABLE source ADD COLUMN preset_id INTEGER REFERENCES mapping_preset(id) ON DELETE SET NULL;
-- What the preset did to this file's columns (renamed, moved, added, removed headers), as JSON.
ALTER TABLE source ADD COLUMN preset_drift_json TEXT;

CREATE TABLE event (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  category TEXT,
  start_date TEXT,
  end_date TEXT,
  value REAL,
  -- the event's other cells by header (an outcome, a reason, sessions possible)
  detail_json TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX event_record ON event(record_id);
CREATE INDEX event_source ON event(source_id, kind);

ALTER TABLE record ADD COLUMN addr_flat TEXT;
ALTER TABLE record ADD COLUMN addr_number TEXT;
ALTER TABLE record ADD COLUMN addr_name TEXT;
ALTER TABLE record ADD COLUMN addr_street TEXT;
ALTER TABLE record ADD COLUMN addr_locality TEXT;
ALTER TABLE record ADD COLUMN addr_town TEXT;
`;
