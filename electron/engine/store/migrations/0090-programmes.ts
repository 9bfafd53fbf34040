// Programmes and cohorts: analysts' programme definitions, every saved version kept (presets live
// in code, read-only), and each cohort made from one (which version, as-of date and linkage Run).
export const sql = `
CREATE TABLE programme_version (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  based_on TEXT,
  definition_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (name, version)
) STRICT;

CREATE TABLE cohort_run (
  id INTEGER PRIMARY KEY,
  programme TEXT NOT NULL,
  version INTEGER NOT NULL,
  as_of TEXT NOT NULL,
  link_run INTEGER,
  made_at TEXT NOT NULL,
  made_by TEXT NOT NULL,
  households INTEGER NOT NULL,
  flagged INTEGER NOT NULL,
  qualifying INTEGER NOT NULL
) STRICT;
`;
