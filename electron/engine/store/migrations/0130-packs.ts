// Board pack templates: sections chosen and ordered by a user, with the pack's disclosure
// settings. The built-in default template lives in code (packs/templates.ts), not here.
// Frozen: this migration's SQL never changes once released.

export const sql = `
CREATE TABLE pack_template (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  title TEXT NOT NULL,
  sections_json TEXT NOT NULL,
  disclosure_json TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  saved_at TEXT NOT NULL
) STRICT;
`;
