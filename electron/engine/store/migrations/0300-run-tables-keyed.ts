// A Run's bulk tables — record → person, person → household, scored pairs — and the person and
// household ID registries, stored in their primary key's order (WITHOUT ROWID). As rowid tables
// each row went into two B-trees, the table and its key's index; a million-record Run writes
// some three million such rows, and half of that work was the second copy. Rows, keys, checks
// and the outcome-frame triggers are as before.
// Frozen: this migration's SQL never changes once released.

export const sql = `
ALTER TABLE person RENAME TO person_rowid;
CREATE TABLE person (
  id TEXT PRIMARY KEY,
  created_run INTEGER NOT NULL REFERENCES link_run(id)
) WITHOUT ROWID, STRICT;
INSERT INTO person(id, created_run) SELECT id, created_run FROM person_rowid;
DROP TABLE person_rowid;

ALTER TABLE household RENAME TO household_rowid;
CREATE TABLE household (
  id TEXT PRIMARY KEY,
  created_run INTEGER NOT NULL REFERENCES link_run(id)
) WITHOUT ROWID, STRICT;
INSERT INTO household(id, created_run) SELECT id, created_run FROM household_rowid;
DROP TABLE household_rowid;

ALTER TABLE run_record_person RENAME TO run_record_person_rowid;
CREATE TABLE run_record_person (
  run_id INTEGER NOT NULL REFERENCES link_run(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL,
  person_id TEXT NOT NULL,
  PRIMARY KEY (run_id, record_id)
) WITHOUT ROWID, STRICT;
INSERT INTO run_record_person(run_id, record_id, person_id) SELECT run_id, record_id, person_id FROM run_record_person_rowid ORDER BY run_id, record_id;
DROP TABLE run_record_person_rowid;

ALTER TABLE run_person_household RENAME TO run_person_household_rowid;
CREATE TABLE run_person_household (
  run_id INTEGER NOT NULL REFERENCES link_run(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL,
  household_id TEXT NOT NULL,
  PRIMARY KEY (run_id, person_id)
) WITHOUT ROWID, STRICT;
INSERT INTO run_person_household(run_id, person_id, household_id) SELECT run_id, person_id, household_id FROM run_person_household_rowid ORDER BY run_id, person_id;
DROP TABLE run_person_household_rowid;

-- Scored pairs at or above the Run's floor: levels is one byte per comparison (level index in
-- the Run's MatchSpec), weights one little-endian float32 per comparison (bits). Appended in key
-- order; like run_record_person, no foreign key to record.
ALTER TABLE link_pair RENAME TO link_pair_rowid;
CREATE TABLE link_pair (
  run_id INTEGER NOT NULL REFERENCES link_run(id) ON DELETE CASCADE,
  record_a INTEGER NOT NULL,
  record_b INTEGER NOT NULL,
  probability REAL NOT NULL,
  match_weight REAL NOT NULL,
  levels BLOB NOT NULL,
  weights BLOB NOT NULL,
  PRIMARY KEY (run_id, record_a, record_b),
  CHECK (record_a < record_b)
) WITHOUT ROWID, STRICT;
INSERT INTO link_pair(run_id, record_a, record_b, probability, match_weight, levels, weights)
  SELECT run_id, record_a, record_b, probability, match_weight, levels, weights FROM link_pair_rowid ORDER BY run_id, record_a, record_b;
DROP TABLE link_pair_rowid;

CREATE TRIGGER outcome_frame_assignment_deleted AFTER DELETE ON run_record_person BEGIN DELETE FROM outcome_frame; END;
CREATE TRIGGER outcome_frame_household_deleted AFTER DELETE ON run_person_household BEGIN DELETE FROM outcome_frame; END;
`;
