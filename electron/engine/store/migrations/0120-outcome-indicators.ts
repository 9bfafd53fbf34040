// Neighbourhood outcomes: indicators analysts define beyond the presets, kept as data (a JSON
// definition) with every saved version, so a figure can say which definition it used.
export const sql = `
CREATE TABLE outcome_indicator (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  definition_json TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  PRIMARY KEY (name, version)
) WITHOUT ROWID, STRICT;
`;
