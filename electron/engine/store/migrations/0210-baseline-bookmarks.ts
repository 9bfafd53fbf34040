// Bookmarks along the grids' sort orders: every so many rows of each sort, unfiltered and going up,
// the (sort key, row ID) of the row at that position. A jump down the scroll bar seeks the nearest
// bookmark and steps the rest along the sort's index, instead of counting from the top. Written
// with the baseline tables (one build per linkage run) and cleared whenever they go stale.
// The first baseline indexes that a grid sort index now begins with the same columns of are
// dropped: each was one more sort and one more set of pages written at every build.
// Frozen: this migration's SQL never changes once released.

export const sql = `
CREATE TABLE baseline_bookmark (
  grid TEXT NOT NULL,
  -- the column the sort's index starts with ('id': the default order)
  sort TEXT NOT NULL,
  -- 0-based position of the row in the ascending order (sort key, then row ID)
  position INTEGER NOT NULL,
  key ANY,
  id INTEGER NOT NULL,
  -- people's sorts: per single filter (a source, an age band on the run's date, a flag, an IMD
  -- decile), how many rows before and up to this one match it, as JSON {"s:2": [before, upTo]};
  -- a jump in a view filtered by one of them starts here too
  counts TEXT,
  PRIMARY KEY (grid, sort, position)
) WITHOUT ROWID, STRICT;

DROP INDEX baseline_person_household;
DROP INDEX baseline_person_dob;
DROP INDEX baseline_person_lsoa;
DROP INDEX baseline_person_surname;
DROP INDEX baseline_person_postcode;
DROP INDEX baseline_household_lsoa;
`;
