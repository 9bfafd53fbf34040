// Why each person is in their household, per Run: the household rule that placed them (the
// household stage's Evidence code) or an analyst's household decision (`decision_id`, the
// household_decision row; the row may be gone later, the code stays). Both are NULL in Runs made
// before this was kept. Two small columns on the bulk table, not a table of their own: the
// household page reads a member's reason with the row it already reads.
// Frozen: this migration's SQL never changes once released.
export const sql = `
ALTER TABLE run_person_household ADD COLUMN placed_by INTEGER;
ALTER TABLE run_person_household ADD COLUMN decision_id INTEGER;
`;
