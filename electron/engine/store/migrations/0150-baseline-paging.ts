// The baseline grids at scale: keyset paging walks one index per sort (its key, then the row ID,
// then the columns filters test, so the walk never reads a row), a person–source table replaces the substring test
// on source_ids, and the IMD decile of each person's and household's LSOA is kept beside it so the
// decile filter is an index range too. Rebuilt with the baseline tables; a store built before this
// migration rebuilds them on first read (the index format key moves).
// Frozen: this migration's SQL never changes once released.

export const sql = `
ALTER TABLE baseline_person ADD COLUMN imd_decile INTEGER;
ALTER TABLE baseline_household ADD COLUMN imd_decile INTEGER;
-- bit n set: the person (household) has a record from source n (sources 1 to 62), so the source
-- filter is tested inside the sort index; the source tables below answer for any source
ALTER TABLE baseline_person ADD COLUMN source_bits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE baseline_household ADD COLUMN source_bits INTEGER NOT NULL DEFAULT 0;

CREATE TABLE baseline_person_source (
  source_id INTEGER NOT NULL,
  id INTEGER NOT NULL,
  PRIMARY KEY (source_id, id)
) WITHOUT ROWID, STRICT;

CREATE TABLE baseline_household_source (
  source_id INTEGER NOT NULL,
  id INTEGER NOT NULL,
  PRIMARY KEY (source_id, id)
) WITHOUT ROWID, STRICT;

-- exact keys (identifiers, dates of birth, postcodes without spaces, person and household IDs) so
-- a search for one of them is an index lookup, not a trigram match
CREATE TABLE baseline_person_key (
  key TEXT NOT NULL,
  id INTEGER NOT NULL,
  PRIMARY KEY (key, id)
) WITHOUT ROWID, STRICT;

-- One index per sort (the ID order too: the table's own b-tree holds whole rows): the sort column,
-- the row ID (the tiebreak), then every column a filter tests,
-- so a page, a count and a walk to a bookmark read the index alone, never the (encrypted) rows.
CREATE INDEX baseline_person_sort_id ON baseline_person(id, dob, lsoa, imd_decile, household_id, in_review, possible_twin, no_dob, source_bits);
CREATE INDEX baseline_person_sort_forename ON baseline_person(forename, id, dob, lsoa, imd_decile, household_id, in_review, possible_twin, no_dob, source_bits);
CREATE INDEX baseline_person_sort_surname ON baseline_person(surname, id, dob, lsoa, imd_decile, household_id, in_review, possible_twin, no_dob, source_bits);
CREATE INDEX baseline_person_sort_dob ON baseline_person(dob, id, lsoa, imd_decile, household_id, in_review, possible_twin, no_dob, source_bits);
CREATE INDEX baseline_person_sort_sex ON baseline_person(sex, id, dob, lsoa, imd_decile, household_id, in_review, possible_twin, no_dob, source_bits);
CREATE INDEX baseline_person_sort_household ON baseline_person(household_id, id, dob, lsoa, imd_decile, in_review, possible_twin, no_dob, source_bits);
CREATE INDEX baseline_person_sort_postcode ON baseline_person(postcode, id, dob, lsoa, imd_decile, household_id, in_review, possible_twin, no_dob, source_bits);
CREATE INDEX baseline_person_sort_lsoa ON baseline_person(lsoa, id, dob, imd_decile, household_id, in_review, possible_twin, no_dob, source_bits);
CREATE INDEX baseline_person_sort_records ON baseline_person(records, id, dob, lsoa, imd_decile, household_id, in_review, possible_twin, no_dob, source_bits);
CREATE INDEX baseline_person_sort_imd ON baseline_person(imd_decile, id, dob, lsoa, household_id, in_review, possible_twin, no_dob, source_bits);

CREATE INDEX baseline_household_sort_id ON baseline_household(id, lsoa, imd_decile, household_id, source_bits);
CREATE INDEX baseline_household_sort_household ON baseline_household(household_id, id, lsoa, imd_decile, source_bits);
CREATE INDEX baseline_household_sort_members ON baseline_household(members, id, lsoa, imd_decile, household_id, source_bits);
CREATE INDEX baseline_household_sort_adults ON baseline_household(adults, id, lsoa, imd_decile, household_id, source_bits);
CREATE INDEX baseline_household_sort_children ON baseline_household(children, id, lsoa, imd_decile, household_id, source_bits);
CREATE INDEX baseline_household_sort_postcode ON baseline_household(postcode, id, lsoa, imd_decile, household_id, source_bits);
CREATE INDEX baseline_household_sort_address ON baseline_household(address, id, lsoa, imd_decile, household_id, source_bits);
CREATE INDEX baseline_household_sort_lsoa ON baseline_household(lsoa, id, imd_decile, household_id, source_bits);
CREATE INDEX baseline_household_sort_imd ON baseline_household(imd_decile, id, lsoa, household_id, source_bits);
`;
