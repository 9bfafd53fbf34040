// Someone a record names as related to its person (A&E's next of kin, youth justice's parent or
// carer): their forename or initial, surname and relationship, read by the household stage to
// place a person with the family they name. The partial index holds only the records that name
// one, so the linker finds them without reading every record again.
export const sql = `
ALTER TABLE record ADD COLUMN relative_forename TEXT;
ALTER TABLE record ADD COLUMN relative_surname TEXT;
ALTER TABLE record ADD COLUMN relative_relationship TEXT;
CREATE INDEX record_relative ON record(id) WHERE relative_surname IS NOT NULL;
`;
