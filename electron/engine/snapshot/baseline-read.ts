// The baseline's records and events read once, in the plainest shape: the features that each
// need all of them (cohort facts, the outcomes frame and its events) build their own structures
// from these rows. Turning SQLite values into JavaScript values is most of the cost of a read at
// 110k households, so a board pack, which needs both features, reads inside
// `withSharedBaselineRead` and every loader in it takes the same rows; outside it each loader
// reads for itself. Nothing here is kept beyond that scope: the rows are large, and what the
// loaders build from them is what their own caches keep.
import type { Db } from '../store/database.js';

/** A record: id, date of birth, postcode, its date (event date, else its source's as-of date), and its person and household in the latest Run (null: not in it). */
export type RecordRow = [id: number, dob: string | null, postcode: string | null, date: string, personId: string | null, householdId: string | null];

export interface BaselineRecords {
  /** The latest linkage Run, or null before the first. */
  run: number | null;
  /** Every record, by id ascending. */
  rows: RecordRow[];
}

/** An event, by id ascending, with its detail cells as stored (JSON text). */
export type EventRow = [id: number, record: number, source: number, kind: string, category: string | null, start: string | null, end: string | null, value: number | null, detail: string];

interface Shared {
  db: Db;
  records?: BaselineRecords;
  events?: EventRow[];
}

let shared: Shared | null = null;

/** Runs `work` with one read of the records and one of the events shared by every loader it calls on `db`. */
export function withSharedBaselineRead<T>(db: Db, work: () => T): T {
  const outer = shared;
  shared = { db };
  try {
    return work();
  } finally {
    shared = outer;
  }
}

const inScope = (db: Db): Shared | null => (shared !== null && shared.db === db ? shared : null);

function readRecords(db: Db): BaselineRecords {
  const run = (db.prepare('SELECT max(id) AS id FROM link_run').get() as { id: number | null }).id;
  const asOf = new Map((db.prepare('SELECT id, as_of FROM source').raw(true).all() as Array<[number, string]>).map(([id, d]) => [id, d]));
  // Three plain scans joined here: a join in SQL looks up the Run's tables once per record, and
  // costs more than the scans themselves.
  const personOf: Array<string | undefined> = [];
  const householdOf = new Map<string, string>();
  if (run !== null) {
    for (const [record, person] of db.prepare('SELECT record_id, person_id FROM run_record_person WHERE run_id = ?').raw(true).all(run) as Array<[number, string]>) personOf[record] = person;
    for (const [person, household] of db.prepare('SELECT person_id, household_id FROM run_person_household WHERE run_id = ?').raw(true).all(run) as Array<[string, string]>) householdOf.set(person, household);
  }
  const rows = db.prepare('SELECT id, dob, postcode, event_date, source_id FROM record ORDER BY id').raw(true).all() as unknown as RecordRow[];
  for (const row of rows) {
    // Reshaped in place (no second array of 284k rows): source_id becomes the record's date, then person and household.
    const r = row as unknown as [number, string | null, string | null, string | null, number, string | null];
    r[3] = r[3] ?? asOf.get(r[4]) ?? '';
    const person = personOf[r[0]] ?? null;
    r[4] = person as unknown as number;
    r[5] = person === null ? null : (householdOf.get(person) ?? null);
  }
  return { run, rows };
}

/** Every record with its person and household in the latest Run (shared inside `withSharedBaselineRead`). */
export function baselineRecords(db: Db): BaselineRecords {
  const scope = inScope(db);
  if (!scope) return readRecords(db);
  return (scope.records ??= readRecords(db));
}

const readEvents = (db: Db): EventRow[] =>
  db.prepare('SELECT id, record_id, source_id, kind, category, start_date, end_date, value, detail_json FROM event ORDER BY id').raw(true).all() as EventRow[];

/** Every event (shared inside `withSharedBaselineRead`). */
export function baselineEvents(db: Db): EventRow[] {
  const scope = inScope(db);
  if (!scope) return readEvents(db);
  return (scope.events ??= readEvents(db));
}

/** The events already read in this scope, if any (a loader that needs only some kinds reads its own otherwise). */
export function sharedBaselineEvents(db: Db): EventRow[] | null {
  const scope = inScope(db);
  return scope ? (scope.events ??= readEvents(db)) : null;
}
