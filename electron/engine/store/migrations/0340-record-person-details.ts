// What a register or a list of people says about the person besides names, dates and homes:
// an occupation and a father's forename, compared in linkage where a source holds them. The
// partial index holds only the records that have either, so the linker finds them without
// reading a partner's million records again (and importing those costs no index upkeep).
export const sql = `
ALTER TABLE record ADD COLUMN occupation TEXT;
ALTER TABLE record ADD COLUMN father_forename TEXT;
CREATE INDEX record_person_details ON record(id) WHERE occupation IS NOT NULL OR father_forename IS NOT NULL;
`;
