// Where a source's as-of date came from ("the footer, row 1003: Extracted 22/07/2024", the latest
// event date, the import date): the data protection record and the analyst can see it.
export const sql = `
ALTER TABLE source ADD COLUMN as_of_basis TEXT;
`;
