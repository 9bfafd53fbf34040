// Spreadsheet formulas kept beside the cell values they produced (issue 3: "value used, formula
// kept in raw"): a JSON object of column index → "=FORMULA" for the row's formula cells, or NULL.
export const sql = `
ALTER TABLE raw_row ADD COLUMN formulas_json TEXT;
`;
