// The partner organisations an analyst keeps, with the kinds of extract each sends. Partners
// already named by a source or a preset are listed from the start.
// Frozen: this migration's SQL never changes once released.

export const sql = `
CREATE TABLE partner (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  kinds_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
INSERT OR IGNORE INTO partner (name, kinds_json, created_at, created_by)
  SELECT partner, json_group_array(DISTINCT kind), min(imported_at), 'listed when the partner list began'
  FROM source GROUP BY partner;
INSERT OR IGNORE INTO partner (name, kinds_json, created_at, created_by)
  SELECT partner, json_group_array(DISTINCT kind), min(created_at), 'listed when the partner list began'
  FROM mapping_preset GROUP BY partner;
`;
