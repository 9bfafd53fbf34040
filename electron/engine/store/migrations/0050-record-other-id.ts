// A national number with no check this app knows (a foreign social security or identity number):
// compared by the linker as evidence with trained weights, never as a veto (DESIGN §3).
export const sql = `
ALTER TABLE record ADD COLUMN other_id TEXT;
`;
