// Areas and deprivation (issue 5): IoD values per release and LSOA, LSOA lookups across the
// 2001/2011/2021 vintages with change codes, postcode → LSOA, LSOA boundaries, named areas.
// Frozen: the column list below is this migration's own copy, never imported from the engine.

const INDICES = [
  'imd', 'income', 'employment', 'education', 'health', 'crime', 'barriers', 'living_environment',
  'idaci', 'idaopi', 'cyp', 'adult_skills', 'geographical_barriers', 'wider_barriers', 'indoors', 'outdoors',
];
const valueColumns = INDICES.map((k) => `  ${k}_score REAL,\n  ${k}_rank INTEGER,\n  ${k}_decile INTEGER,`).join('\n');

export const sql = `
CREATE TABLE geo_import (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('imd', 'lookup', 'boundaries')),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  layout TEXT NOT NULL,
  releases TEXT,
  vintage INTEGER,
  rows INTEGER NOT NULL,
  lsoas INTEGER NOT NULL,
  details_json TEXT NOT NULL DEFAULT '{}',
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (kind, sha256)
) STRICT;

CREATE TABLE iod_release (
  release TEXT PRIMARY KEY,
  vintage INTEGER NOT NULL CHECK (vintage IN (2001, 2011, 2021)),
  national_lsoas INTEGER NOT NULL
) STRICT;

-- One row per release and LSOA; each published file fills the columns it holds.
CREATE TABLE iod_lsoa (
  release TEXT NOT NULL REFERENCES iod_release(release),
  lsoa TEXT NOT NULL,
${valueColumns}
  pop_total INTEGER,
  pop_0_15 INTEGER,
  pop_16_59 INTEGER,
  pop_60_plus INTEGER,
  pop_working_age INTEGER,
  pop_label TEXT,
  import_id INTEGER NOT NULL REFERENCES geo_import(id),
  PRIMARY KEY (release, lsoa)
) WITHOUT ROWID, STRICT;

CREATE TABLE lsoa_name (
  vintage INTEGER NOT NULL,
  lsoa TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (vintage, lsoa)
) WITHOUT ROWID, STRICT;

-- Which local authority district an LSOA lies in, as each file says (code and name as given:
-- 2004/2007 files use old codes such as 00CF, so boroughs are matched on code or name).
CREATE TABLE lsoa_lad (
  vintage INTEGER NOT NULL,
  lsoa TEXT NOT NULL,
  lad_code TEXT NOT NULL,
  lad_name TEXT,
  source TEXT NOT NULL,
  PRIMARY KEY (vintage, lsoa, lad_code)
) WITHOUT ROWID, STRICT;
CREATE INDEX lsoa_lad_code ON lsoa_lad(lad_code);

-- LSOA lookups between vintages. change: U/S/M/X as published (null in a best-fit lookup).
CREATE TABLE lsoa_change (
  fit TEXT NOT NULL CHECK (fit IN ('exact', 'best')),
  from_vintage INTEGER NOT NULL,
  from_lsoa TEXT NOT NULL,
  to_vintage INTEGER NOT NULL,
  to_lsoa TEXT NOT NULL,
  change TEXT CHECK (change IN ('U', 'S', 'M', 'X')),
  import_id INTEGER NOT NULL REFERENCES geo_import(id),
  PRIMARY KEY (fit, from_vintage, to_vintage, from_lsoa, to_lsoa)
) WITHOUT ROWID, STRICT;
CREATE INDEX lsoa_change_to ON lsoa_change(fit, from_vintage, to_vintage, to_lsoa);

CREATE TABLE lsoa_ward (
  vintage INTEGER NOT NULL,
  ward_year INTEGER NOT NULL,
  lsoa TEXT NOT NULL,
  ward_code TEXT NOT NULL,
  ward_name TEXT,
  lad_code TEXT,
  import_id INTEGER NOT NULL REFERENCES geo_import(id),
  PRIMARY KEY (vintage, ward_year, lsoa)
) WITHOUT ROWID, STRICT;
CREATE INDEX lsoa_ward_code ON lsoa_ward(ward_code);

CREATE TABLE postcode_lsoa (
  postcode TEXT NOT NULL,
  vintage INTEGER NOT NULL,
  lsoa TEXT NOT NULL,
  terminated INTEGER NOT NULL DEFAULT 0,
  import_id INTEGER NOT NULL REFERENCES geo_import(id),
  PRIMARY KEY (postcode, vintage)
) WITHOUT ROWID, STRICT;

CREATE TABLE lsoa_boundary (
  vintage INTEGER NOT NULL,
  lsoa TEXT NOT NULL,
  name TEXT,
  geometry_json TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES geo_import(id),
  PRIMARY KEY (vintage, lsoa)
) WITHOUT ROWID, STRICT;

CREATE TABLE area (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind TEXT NOT NULL CHECK (kind IN ('target', 'ward', 'custom')),
  vintage INTEGER NOT NULL CHECK (vintage IN (2001, 2011, 2021)),
  effective_date TEXT,
  origin TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;

CREATE TABLE area_lsoa (
  area_id INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  lsoa TEXT NOT NULL,
  PRIMARY KEY (area_id, lsoa)
) WITHOUT ROWID, STRICT;
`;
