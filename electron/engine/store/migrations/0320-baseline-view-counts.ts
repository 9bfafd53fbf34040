// How many rows each grid view the baseline build can count has: the unfiltered grids, every single
// filter the bookmarks count (a source, an age band on the run's date, a flag, an IMD decile) and
// every pair of them from different kinds. A view's first page reads its count here instead of
// counting its index entries. Written with the bookmarks, cleared with them; a count the build
// wrote that later changes (review flags moving) is deleted, and the view is counted afresh.
// Frozen: this migration's SQL never changes once released.

export const sql = `
CREATE TABLE baseline_view_count (
  grid TEXT NOT NULL,
  -- the view's filters as the bookmarks' counts name them ('s:2', 'a:25-64:2025-03-31&s:2'); '' unfiltered
  filter_key TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (grid, filter_key)
) WITHOUT ROWID, STRICT;
`;
