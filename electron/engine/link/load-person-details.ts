// A record's occupation and father's forename (person-details.ts), read in a pass of their own
// through the partial index that holds only the records with either: a partner's million records
// hold neither, so linking them reads nothing more and their LinkRecords keep their shape.
import type { Db } from '../store/database.js';
import { forEachById } from './by-id.js';
import type { LinkRecord } from './types.js';

const INDEX = 'record_person_details';

/** Sets `occupation` and `fatherForename` on the records (ordered by id) that hold them. */
export function fillPersonDetails(db: Db, records: LinkRecord[]): void {
  const indexed = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name = ?").get(INDEX) as { n: number }).n > 0;
  if (!indexed) return;
  const rows = db
    .prepare(`SELECT id, occupation, father_forename FROM record INDEXED BY ${INDEX} WHERE occupation IS NOT NULL OR father_forename IS NOT NULL ORDER BY id`)
    .raw(true)
    .iterate() as IterableIterator<[number, string | null, string | null]>;
  forEachById(records, rows, (record, [, occupation, fatherForename]) => {
    if (occupation) record.occupation = occupation;
    if (fatherForename) record.fatherForename = fatherForename;
  });
}
