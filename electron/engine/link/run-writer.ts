// The statements of a Run's one transaction, in two halves: what the person stage decides (the
// previous Run's person IDs, stable person IDs, the link_run row, the person registry, each
// record's person, the pairs) and what needs the households as well (household IDs and registry,
// each person's household, the ID events, the audit event). Between them the household stage can
// run: on the engine's thread while a worker writes the first half on its own connection
// (run-write-thread.ts), or before both on one connection (small Runs). Either way the caller opens
// the transaction before `persons` and commits after `households`; the rows are the same.
// Everything here is typed arrays and plain values, so it runs on a worker as well.
import { readFileSync } from 'node:fs';
import type { Db } from '../store/database.js';
import { appendAudit } from '../store/audit.js';
import { clearRelinkNeeded } from '../store/relink-mark.js';
import type { ScoredPairs } from './link-persons.js';
import { RowBatch } from './row-batch.js';
import { assignStableIds, type IdEvent, type StableIds } from './stable-ids.js';
import { insertPairs } from './write-pairs.js';

/** The link_run row, as the person stage knows it (households are filled in by the second half). */
export interface RunRow {
  startedAt: string;
  runBy: string;
  specJson: string;
  threshold: number;
  prior: number;
  sourcesJson: string;
  asOf: string | null;
  records: number;
  candidatePairs: number;
  storedPairs: number;
  persons: number;
  blockingJson: string;
  trainingJson: string;
  summaryJson: string;
}

/** What the first half needs: typed arrays only (they cross to a worker without a record object). */
export interface PersonWrite {
  run: RunRow;
  /** record id of each record index, in the order the records were loaded */
  recordIds: Int32Array;
  /** person (cluster index) of each record index */
  personOf: Int32Array;
  personCount: number;
  /** the kept pairs (record indexes) with their levels and waterfalls */
  pairs: ScoredPairs;
  /** comparisons per pair */
  k: number;
  user: string;
}

export interface HouseholdWrite {
  householdOfPerson: Int32Array;
  householdCount: number;
  /** per person: why they are in their household (run_person_household.placed_by) */
  placedBy: Uint8Array;
  /** person → the household decision that placed them, for the few an analyst placed */
  decisionOf: Map<number, number>;
}

export interface IdCounts {
  kept: number;
  created: number;
  retired: number;
  merges: number;
  splits: number;
}

export interface RunWritten {
  run: number;
  storedPairs: number;
  personIds: IdCounts;
  householdIds: IdCounts;
}

/** CPU seconds of the calling thread alone (process.cpuUsage counts every thread); NaN where /proc is missing. */
export function threadCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const pad = (n: number): string => String(n).padStart(7, '0');

export function latestRunId(db: Db): number | null {
  const row = db.prepare('SELECT max(id) AS id FROM link_run').get() as { id: number | null };
  return row.id;
}

/** Indexes 0..n−1 ordered by a non-negative integer key (< 2^32), without a comparator. */
function sortedBy(n: number, key: (i: number) => number): Int32Array {
  if (n >= 2_097_152) {
    const order = Int32Array.from({ length: n }, (_, i) => i);
    return order.sort((x, y) => key(x) - key(y) || x - y);
  }
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = key(i) * 2_097_152 + i;
  packed.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = (packed[i] as number) % 2_097_152;
  return order;
}

const counts = (ids: StableIds): IdCounts => {
  const count = (kind: IdEvent['kind']): number => ids.events.filter((e) => e.kind === kind).length;
  return { kept: ids.kept, created: ids.created, retired: ids.retired.length, merges: count('merge'), splits: count('split') };
};

/** One Run's write on one connection, inside a transaction its caller opened. */
export class RunWriter {
  private runId = 0;
  private previousRun: number | null = null;
  private persons: StableIds | null = null;
  /** person indexes in the order of their IDs (run_person_household is appended in key order) */
  private personOrder: Int32Array = new Int32Array(0);
  /** the previous Run's household of each of its persons (person ID → household ID) */
  private readonly previousHousehold = new Map<string, string>();
  private readonly t0 = performance.now();
  private readonly cpu0 = process.cpuUsage();
  /** wall and CPU seconds at the end of each step, for BASELINE_LINK_DEBUG */
  readonly steps: Record<string, number> = {};

  constructor(
    private readonly db: Db,
    private readonly input: PersonWrite,
  ) {}

  private step(name: string): void {
    this.steps[name] = Math.round(performance.now() - this.t0) / 1000;
    const used = process.cpuUsage(this.cpu0);
    this.steps[`${name}Cpu`] = Math.round((used.user + used.system) / 1000) / 1000;
    if (this.threadCpu0 !== null) this.steps[`${name}ThreadCpu`] = Math.round((threadCpuSeconds() - this.threadCpu0) * 1000) / 1000;
  }

  /** this thread's own CPU seconds at the start (Linux; null elsewhere), for BASELINE_LINK_DEBUG */
  private readonly threadCpu0 = process.env.BASELINE_LINK_DEBUG === '1' ? threadCpuSeconds() : null;

  private sequence(entity: 'person' | 'household'): { mint: () => string; save: () => void } {
    const db = this.db;
    let next = (db.prepare('SELECT next FROM link_id_sequence WHERE entity = ?').get(entity) as { next: number }).next;
    const prefix = entity === 'person' ? 'P' : 'H';
    return {
      mint: () => `${prefix}${pad(next++)}`,
      save: () => db.prepare('UPDATE link_id_sequence SET next = ? WHERE entity = ?').run(next, entity),
    };
  }

  /**
   * The first half: IDs of persons, the link_run row, new person IDs registered, each record's
   * person (`onStep(1)`), the pairs (`onStep(2)`).
   */
  writePersons(onStep: (done: number) => void): void {
    const db = this.db;
    const { run, recordIds, personOf, personCount, pairs, k } = this.input;
    this.previousRun = latestRunId(db);
    const previousPerson = new Map<number, string>();
    if (this.previousRun !== null) {
      for (const [recordId, personId] of db.prepare('SELECT record_id, person_id FROM run_record_person WHERE run_id = ?').raw(true).iterate(this.previousRun) as IterableIterator<[number, string]>) {
        previousPerson.set(recordId, personId);
      }
    }
    this.step('previous');
    const personSeq = this.sequence('person');
    const persons = assignStableIds(recordIds, personOf, personCount, previousPerson, personSeq.mint);
    personSeq.save();
    this.persons = persons;
    this.step('ids');
    this.runId = Number(
      db
        .prepare(
          `INSERT INTO link_run(started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, as_of, records, candidate_pairs,
             stored_pairs, persons, households, blocking_json, training_json, summary_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
        )
        .run(run.startedAt, new Date().toISOString(), run.runBy, run.specJson, run.threshold, run.prior, run.sourcesJson, run.asOf, run.records, run.candidatePairs, run.storedPairs, run.persons, run.blockingJson, run.trainingJson, run.summaryJson)
        .lastInsertRowid,
    );
    // This run rests on the records as they are now: a purge's "re-link needed" mark is met.
    clearRelinkNeeded(db);
    // register the IDs minted by this run (carried-over ones are registered already)
    const oldPersons = new Set(previousPerson.values());
    previousPerson.clear();
    const insertPerson = new RowBatch(db, 'INSERT INTO person(id, created_run)', '(?, @run)', { run: this.runId });
    for (const id of persons.ids) if (!oldPersons.has(id)) insertPerson.add(id);
    insertPerson.finish();
    oldPersons.clear();
    this.step('registry');
    const insertRecord = new RowBatch(db, 'INSERT INTO run_record_person(run_id, record_id, person_id)', '(@run, ?, ?)', { run: this.runId });
    for (const i of sortedBy(recordIds.length, (i) => recordIds[i] as number)) insertRecord.add(recordIds[i] as number, persons.ids[personOf[i] as number] as string);
    insertRecord.finish();
    this.step('assignments');
    onStep(1);
    insertPairs(db, this.runId, recordIds, pairs, k);
    this.step('pairs');
    // read and ordered now: on a worker this is still beside the household stage, not after it
    this.personOrder = sortedBy(persons.ids.length, (p) => Number((persons.ids[p] as string).slice(1)));
    if (this.previousRun !== null) {
      for (const [personId, householdId] of db.prepare('SELECT person_id, household_id FROM run_person_household WHERE run_id = ?').raw(true).iterate(this.previousRun) as IterableIterator<[string, string]>) {
        this.previousHousehold.set(personId, householdId);
      }
    }
    this.step('previousHouseholds');
    onStep(2);
  }

  /**
   * The second half: household IDs and registry, each person's household (`onStep(3)`), the ID
   * events and the audit event (`onStep(4)`). The caller commits.
   */
  writeHouseholds(households: HouseholdWrite, onStep: (done: number) => void): RunWritten {
    const db = this.db;
    const persons = this.persons;
    if (!persons) throw new Error('the persons of the Run were not written first');
    const runId = this.runId;
    const previousHousehold = this.previousHousehold;
    const householdSeq = this.sequence('household');
    const homes = assignStableIds(persons.ids, households.householdOfPerson, households.householdCount, previousHousehold, householdSeq.mint);
    householdSeq.save();
    db.prepare('UPDATE link_run SET households = ?, finished_at = ? WHERE id = ?').run(households.householdCount, new Date().toISOString(), runId);
    const oldHouseholds = new Set(previousHousehold.values());
    const insertHousehold = new RowBatch(db, 'INSERT INTO household(id, created_run)', '(?, @run)', { run: runId });
    for (const id of homes.ids) if (!oldHouseholds.has(id)) insertHousehold.add(id);
    insertHousehold.finish();
    const insertHome = new RowBatch(db, 'INSERT INTO run_person_household(run_id, person_id, household_id, placed_by)', '(@run, ?, ?, ?)', { run: runId });
    const { placedBy, decisionOf } = households;
    for (const p of this.personOrder) {
      insertHome.add(persons.ids[p] as string, homes.ids[households.householdOfPerson[p] as number] as string, placedBy[p] as number);
    }
    insertHome.finish();
    // the few an analyst placed: not a value bound for every person of a million
    const decided = db.prepare('UPDATE run_person_household SET decision_id = ? WHERE run_id = ? AND person_id = ?');
    for (const [p, decision] of decisionOf) decided.run(decision, runId, persons.ids[p] as string);
    this.step('households');
    onStep(3);
    const insertEvent = db.prepare('INSERT INTO link_id_event(run_id, entity, kind, subject, others_json) VALUES (?, ?, ?, ?, ?)');
    const events = (entity: 'person' | 'household', list: IdEvent[], retired: string[]): void => {
      for (const e of list) insertEvent.run(runId, entity, e.kind, e.id, JSON.stringify(e.others));
      for (const id of retired) insertEvent.run(runId, entity, 'retire', id, '[]');
    };
    events('person', persons.events, persons.retired);
    events('household', homes.events, homes.retired);
    const { run, pairs } = this.input;
    appendAudit(db, this.input.user, 'link-run', {
      run: runId,
      records: run.records,
      persons: run.persons,
      households: households.householdCount,
      storedPairs: pairs.count,
      personIdsKept: persons.kept,
      personIdsCreated: persons.created,
    });
    this.step('events');
    onStep(4);
    return { run: runId, storedPairs: pairs.count, personIds: counts(persons), householdIds: counts(homes) };
  }
}
