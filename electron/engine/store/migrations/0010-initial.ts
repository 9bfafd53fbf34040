// Sources, their verbatim rows, the records read from them, and the audit trail.
export const sql = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE source (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  format TEXT NOT NULL,
  partner TEXT NOT NULL,
  kind TEXT NOT NULL,
  as_of TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  dsa_ref TEXT,
  lawful_basis TEXT,
  retention_until TEXT,
  mapping_json TEXT NOT NULL,
  dropped_columns_json TEXT NOT NULL DEFAULT '[]',
  rows INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  structure INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE source_sheet (
  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  sheet TEXT NOT NULL,
  header_row INTEGER,
  headers_json TEXT NOT NULL,
  roles_json TEXT NOT NULL,
  PRIMARY KEY (source_id, ordinal)
) STRICT;

CREATE TABLE raw_row (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
  sheet_ordinal INTEGER NOT NULL,
  row_number INTEGER NOT NULL,
  cells_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('header', 'record', 'structure', 'quarantine')),
  reason TEXT,
  UNIQUE (source_id, sheet_ordinal, row_number)
) STRICT;

CREATE TABLE record (
  id INTEGER PRIMARY KEY,
  raw_row_id INTEGER NOT NULL UNIQUE REFERENCES raw_row(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
  forename TEXT,
  middle_names TEXT,
  surname TEXT,
  title TEXT,
  dob TEXT,
  age INTEGER,
  sex TEXT,
  address TEXT,
  postcode TEXT,
  uprn TEXT,
  nhs_number TEXT,
  nhs_number_valid INTEGER NOT NULL DEFAULT 0,
  nino TEXT,
  nino_valid INTEGER NOT NULL DEFAULT 0,
  upn TEXT,
  upn_valid INTEGER NOT NULL DEFAULT 0,
  agency_ref TEXT,
  event_date TEXT,
  forename_key TEXT,
  surname_key TEXT,
  problems_json TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX record_source ON record(source_id);
CREATE INDEX record_surname ON record(surname_key, forename_key);
CREATE INDEX record_dob ON record(dob);

CREATE TABLE audit_event (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
`;
