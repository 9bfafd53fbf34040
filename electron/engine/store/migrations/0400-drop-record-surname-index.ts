// No query reads records by their name keys: the linker loads every record in id order and
// blocks in memory, the records grid sorts and filters on the names as given (forename,
// surname), and a source's diff reads its records by source. The index on (surname_key,
// forename_key) was only upkeep: a sort of every imported row after each large import, pages
// the background checkpoint copies, and a B-tree insert per row for small imports into a big
// store. An import stopped between its two commits may have noted it as still to build
// (store/deferred-indexes.ts): the note drops it too, or the next open would build it again.
// Frozen: this migration's SQL never changes once released.
export const sql = `
DROP INDEX IF EXISTS record_surname;
UPDATE meta SET value = (
  SELECT json_group_array(json(p.value)) FROM json_each(meta.value) p WHERE json_extract(p.value, '$.name') <> 'record_surname'
) WHERE key = 'import.pending_indexes';
DELETE FROM meta WHERE key = 'import.pending_indexes' AND json_array_length(value) = 0;
`;
