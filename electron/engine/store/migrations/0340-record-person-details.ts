// What a register or a list of people says about the person besides names, dates and homes:
// an occupation and a father's forename, compared in linkage where a source holds them.
export const sql = `
ALTER TABLE record ADD COLUMN occupation TEXT;
ALTER TABLE record ADD COLUMN father_forename TEXT;
`;
