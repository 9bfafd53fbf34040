// The person a record names as related to its person (a next of kin, a parent or carer), read in a
// pass of its own through the partial index that holds only the records naming one: most
// partners' records name no one, so linking them reads nothing more.
import type { Db } from '../store/database.js';
import { forEachById } from './by-id.js';
import type { LinkRecord } from './types.js';

const INDEX = 'record_relative';

/** Sets `relativeForename`, `relativeSurname` and `relativeRelationship` on the records (ordered by id) that name a relative. */
export function fillRelatives(db: Db, records: LinkRecord[]): void {
  const indexed = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name = ?").get(INDEX) as { n: number }).n > 0;
  if (!indexed) return;
  const rows = db
    .prepare(`SELECT id, relative_forename, relative_surname, relative_relationship FROM record INDEXED BY ${INDEX} WHERE relative_surname IS NOT NULL ORDER BY id`)
    .raw(true)
    .iterate() as IterableIterator<[number, string | null, string | null, string | null]>;
  forEachById(records, rows, (record, [, forename, surname, relationship]) => {
    record.relativeForename = forename;
    record.relativeSurname = surname;
    record.relativeRelationship = relationship;
  });
}
