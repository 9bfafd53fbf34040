// Linkage (issue 4): Runs with their MatchSpec, persons and households with stable IDs, the
// record → person and person → household assignment per Run, scored pairs above the floor with
// per-comparison weights, human decisions that persist across Runs, and ID merges and splits.
// Frozen: this migration's SQL never changes once released.

export const sql = `
CREATE TABLE link_run (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  run_by TEXT NOT NULL,
  spec_json TEXT NOT NULL,
  threshold REAL NOT NULL,
  prior REAL NOT NULL,
  sources_json TEXT NOT NULL,
  as_of TEXT,
  records INTEGER NOT NULL,
  candidate_pairs INTEGER NOT NULL,
  stored_pairs INTEGER NOT NULL,
  persons INTEGER NOT NULL,
  households INTEGER NOT NULL,
  blocking_json TEXT NOT NULL,
  training_json TEXT NOT NULL,
  summary_json TEXT NOT NULL
) STRICT;

CREATE TABLE person (
  id TEXT PRIMARY KEY,
  created_run INTEGER NOT NULL REFERENCES link_run(id)
) STRICT;

CREATE TABLE household (
  id TEXT PRIMARY KEY,
  created_run INTEGER NOT NULL REFERENCES link_run(id)
) STRICT;

-- Written in bulk, a million rows a Run, so keyed for appending and with no further index: no
-- foreign key to record (a Run is a snapshot; erasing a record deletes its rows here explicitly).
CREATE TABLE run_record_person (
  run_id INTEGER NOT NULL REFERENCES link_run(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL,
  person_id TEXT NOT NULL,
  PRIMARY KEY (run_id, record_id)
) STRICT;

CREATE TABLE run_person_household (
  run_id INTEGER NOT NULL REFERENCES link_run(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL,
  household_id TEXT NOT NULL,
  PRIMARY KEY (run_id, person_id)
) STRICT;

-- Scored pairs at or above the Run's floor: levels is one byte per comparison (level index in
-- the Run's MatchSpec), weights one little-endian float32 per comparison (bits). Appended in key
-- order; like run_record_person, no foreign key to record.
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
) STRICT;

CREATE TABLE link_decision (
  record_a INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
  record_b INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
  decision TEXT NOT NULL CHECK (decision IN ('match', 'non-match', 'unsure')),
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (record_a, record_b),
  CHECK (record_a < record_b)
) STRICT;
CREATE INDEX link_decision_b ON link_decision(record_b);

CREATE TABLE link_id_event (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES link_run(id) ON DELETE CASCADE,
  entity TEXT NOT NULL CHECK (entity IN ('person', 'household')),
  kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'retire')),
  subject TEXT NOT NULL,
  others_json TEXT NOT NULL
) STRICT;
CREATE INDEX link_id_event_run ON link_id_event(run_id);
CREATE INDEX link_id_event_subject ON link_id_event(subject);

CREATE TABLE link_id_sequence (
  entity TEXT PRIMARY KEY CHECK (entity IN ('person', 'household')),
  next INTEGER NOT NULL
) STRICT;
INSERT INTO link_id_sequence(entity, next) VALUES ('person', 1), ('household', 1);
`;
