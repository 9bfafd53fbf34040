// The baseline (people and households as one picture): one row per person and per household of
// the latest linkage Run, with the identity the baseline settled on, where they live and what
// they are flagged for, so search, the grids and the person page read one row, not a million
// records. Rebuilt from the Run when a newer Run exists (a version key in meta), so it is never a
// second source of truth. The trigram index is contentless with secure-delete on: erasing a
// person leaves no trigram of their name behind.
// Frozen: this migration's SQL never changes once released.

export const sql = `
CREATE TABLE baseline_person (
  id INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL UNIQUE,
  household_id TEXT,
  forename TEXT,
  surname TEXT,
  dob TEXT,
  sex TEXT,
  postcode TEXT,
  address TEXT,
  lsoa TEXT,
  records INTEGER NOT NULL,
  -- the person's record IDs (JSON): the Run's assignment table is keyed for appending, not by person
  record_ids TEXT NOT NULL,
  -- ",3,7," : the sources holding a record of the person, for the grid's source filter
  source_ids TEXT NOT NULL,
  sources_json TEXT NOT NULL,
  no_dob INTEGER NOT NULL DEFAULT 0,
  possible_twin INTEGER NOT NULL DEFAULT 0,
  in_review INTEGER NOT NULL DEFAULT 0
) STRICT;
-- what fuzzy ranking compares (names, dates of birth, postcodes, addresses, identifiers), kept
-- apart so the grid's scans read slim rows
CREATE TABLE baseline_person_doc (
  id INTEGER PRIMARY KEY REFERENCES baseline_person(id) ON DELETE CASCADE,
  doc_json TEXT NOT NULL
) STRICT;
CREATE INDEX baseline_person_household ON baseline_person(household_id);
CREATE INDEX baseline_person_dob ON baseline_person(dob);
CREATE INDEX baseline_person_lsoa ON baseline_person(lsoa);
CREATE INDEX baseline_person_surname ON baseline_person(surname, forename);
CREATE INDEX baseline_person_postcode ON baseline_person(postcode);
-- the grid's flag filters pick few people: partial indexes find them without a scan
CREATE INDEX baseline_person_no_dob ON baseline_person(id) WHERE no_dob = 1;
CREATE INDEX baseline_person_twin ON baseline_person(id) WHERE possible_twin = 1;
CREATE INDEX baseline_person_review ON baseline_person(id) WHERE in_review = 1;

CREATE VIRTUAL TABLE baseline_person_fts USING fts5(keys, content='', contentless_delete=1, tokenize='trigram');
INSERT INTO baseline_person_fts(baseline_person_fts, rank) VALUES ('secure-delete', 1);

CREATE TABLE baseline_household (
  id INTEGER PRIMARY KEY,
  household_id TEXT NOT NULL UNIQUE,
  members INTEGER NOT NULL,
  adults INTEGER NOT NULL,
  children INTEGER NOT NULL,
  postcode TEXT,
  address TEXT,
  street TEXT,
  lsoa TEXT,
  source_ids TEXT NOT NULL,
  sources_json TEXT NOT NULL
) STRICT;
CREATE INDEX baseline_household_lsoa ON baseline_household(lsoa);
CREATE INDEX baseline_household_street ON baseline_household(street);

-- Households an analyst joined or separated, by record IDs (they outlive a Run's person and
-- household IDs); laid over every later Run's household stage.
CREATE TABLE household_decision (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
  record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
  into_record_id INTEGER REFERENCES record(id) ON DELETE CASCADE,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  note TEXT
) STRICT;
`;
