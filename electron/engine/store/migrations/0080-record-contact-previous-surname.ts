// Linkage evidence a partner's extract may hold: a previous (birth, maiden) surname, and contact
// details (e-mail, phone) compared with term frequencies, never as a veto.
export const sql = `
ALTER TABLE record ADD COLUMN previous_surname TEXT;
ALTER TABLE record ADD COLUMN email TEXT;
ALTER TABLE record ADD COLUMN phone TEXT;
`;
