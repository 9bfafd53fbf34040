// The partner system's own number for the person ("Nominal", "Person ID", "MRN"): the linker
// joins records sharing it within one partner's Sources of one kind (link/person-numbers.ts).
export const sql = `
ALTER TABLE record ADD COLUMN person_ref TEXT;
`;
