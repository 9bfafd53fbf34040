// A year of birth given alone ("1843", "c. 1790", "Mar 1802"), as registers, censuses and burial
// lists give it: identity evidence the linker can compare on its year, though there is no date.
// Set only when the date of birth is unknown (dob NULL); a full date's year is read from dob.
// Frozen: this migration's SQL never changes once released.
export const sql = `
ALTER TABLE record ADD COLUMN dob_year INTEGER;
`;
