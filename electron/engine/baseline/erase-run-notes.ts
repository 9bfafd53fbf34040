// A linkage run's notes (its blocking summary names the largest blocks by their key: a date of
// birth, a postcode) can hold a value of one person. Erasing the person rewrites each run's notes
// with every string holding one of their values replaced, so no run remembers them.
import type { Db } from '../store/database.js';

const ERASED = '(erased)';
const NOTE_COLUMNS = ['blocking_json', 'training_json', 'summary_json'] as const;

/** A father's forename names a family member (a register's, a census's), and a run's notes can hold it: a store from before the column reads NULL. */
function fatherForename(db: Db): string {
  const has = (db.prepare("SELECT count(*) AS n FROM pragma_table_info('record') WHERE name = 'father_forename'").get() as { n: number }).n > 0;
  return has ? 'father_forename' : 'NULL';
}

/** The values of the records' identity fields worth looking for (short ones would match anyone). */
export function identityValues(db: Db, recordIdsJson: string): string[] {
  const rows = db
    .prepare(
      `SELECT forename, middle_names, surname, dob, postcode, replace(postcode, ' ', ''), address, uprn, nhs_number, nino, upn, agency_ref, other_id, person_ref, ${fatherForename(db)}
       FROM record WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .raw(true)
    .all(recordIdsJson) as Array<Array<string | null>>;
  const values = new Set<string>();
  for (const r of rows) for (const v of r) if (typeof v === 'string' && v.trim().length >= 4) values.add(v.trim().toUpperCase());
  return [...values];
}

function scrub(value: unknown, values: readonly string[], hits: { n: number }): unknown {
  if (typeof value === 'string') {
    const up = value.toUpperCase();
    if (values.some((v) => up.includes(v))) {
      hits.n++;
      return ERASED;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, values, hits));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, values, hits)]));
  return value;
}

/** Rewrites every run's notes without the values; returns how many strings were replaced. */
export function scrubRunNotes(db: Db, values: readonly string[]): number {
  if (values.length === 0) return 0;
  let replaced = 0;
  const runs = db.prepare(`SELECT id, ${NOTE_COLUMNS.join(', ')} FROM link_run`).all() as Array<Record<string, string | number>>;
  for (const run of runs) {
    const hits = { n: 0 };
    const next = NOTE_COLUMNS.map((c) => JSON.stringify(scrub(JSON.parse(String(run[c])), values, hits)));
    if (hits.n === 0) continue;
    replaced += hits.n;
    db.prepare(`UPDATE link_run SET ${NOTE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...next, run.id);
  }
  return replaced;
}
