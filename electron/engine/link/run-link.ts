// One linkage Run against the store: load every Record, link persons (link-persons.ts), place
// them in households (households/), keep stable IDs by overlap with the previous Run, and write
// the Run — its trained MatchSpec, assignments, explained pairs and ID events — in one
// transaction. Nothing is written unless everything succeeded.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import type { Store } from '../store/store.js';
import type { BlockingAnalysis } from './blocking.js';
import { loadDecisions } from './decisions.js';
import { applyHouseholdDecisions, loadHouseholdDecisions } from '../baseline/household-decisions.js';
import { buildHouseholds } from './households/index.js';
import { linkPersons, type LinkPersonsResult } from './link-persons.js';
import { fillTenancies, loadRecords } from './load-records.js';
import type { MatchSpec } from './spec.js';
import { assignStableIds, type IdEvent } from './stable-ids.js';
import type { HouseholdAssignment, LinkRecord } from './types.js';
import { clearRelinkNeeded } from '../store/relink-mark.js';
import { RowBatch } from './row-batch.js';
import { insertPairs } from './write-pairs.js';
import { bulkWrite, runBytes } from './bulk-write.js';
import { FrontThread } from './front-thread.js';

export interface RunLinkOptions {
  user: string;
  /** overrides the spec's threshold: a match probability in (0, 1) */
  threshold?: number;
  /** the MatchSpec to use (default: the engine's); a trained spec is applied as is */
  spec?: MatchSpec;
  threads?: number;
}

export interface RunLinkSummary {
  run: number;
  records: number;
  candidatePairs: number;
  matchedPairs: number;
  storedPairs: number;
  persons: number;
  households: number;
  threshold: number;
  prior: number;
  personIds: { kept: number; created: number; retired: number; merges: number; splits: number };
  householdIds: { kept: number; created: number; retired: number; merges: number; splits: number };
  refusedJoins: { identifier: number; decision: number; source: number; possibleTwins: number };
  decisions: number;
  warnings: string[];
  seconds: number;
  timings: Record<string, number>;
  /** resident memory (MB) at the end of each phase */
  memory: Record<string, number>;
  blocking: BlockingAnalysis;
}

const pad = (n: number): string => String(n).padStart(7, '0');

/** Steps of writing a Run (IDs, assignments, pairs, events and audit, commit), for progress. */
const SAVE_STEPS = 5;

export function latestRunId(db: Store['reader']): number | null {
  const row = db.prepare('SELECT max(id) AS id FROM link_run').get() as { id: number | null };
  return row.id;
}

/** The sources a Run reads, as its summary and notes name them. */
export interface RunSource {
  id: number;
  fileName: string;
  sha256: string;
  asOf: string;
  records: number;
}

export function loadRunSources(store: Store): RunSource[] {
  return store.reader.prepare('SELECT id, file_name AS fileName, sha256, as_of AS asOf, records FROM source ORDER BY id').all() as RunSource[];
}

export async function runLink(store: Store, options: RunLinkOptions, job: JobContext): Promise<RunLinkSummary> {
  const started = new Date();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  job.progress('loading', 0, 1);
  // records are prepared on a worker thread while they load (front-thread.ts)
  const stream = new FrontThread();
  try {
    return await linkLoaded(store, options, job, started, t0, cpu0, stream);
  } finally {
    await stream.close();
  }
}

async function linkLoaded(store: Store, options: RunLinkOptions, job: JobContext, started: Date, t0: number, cpu0: NodeJS.CpuUsage, stream: FrontThread): Promise<RunLinkSummary> {
  const records = loadRecords(store.reader, undefined, (r, parts) => stream.add(r, parts), true);
  const prepared = stream.end(records) ?? undefined;
  // while the worker prepares the last records
  fillTenancies(store.reader, records);
  const sources = loadRunSources(store);
  const sourceName = (id: number): string => sources.find((s) => s.id === id)?.fileName ?? `source ${id}`;
  const decisions = loadDecisions(store.reader);
  const loadSeconds = (performance.now() - t0) / 1000;
  const loadMb = mb();
  if (process.env.BASELINE_LINK_DEBUG === '1') {
    const cpu = process.cpuUsage(cpu0);
    process.stderr.write(`load: ${loadSeconds.toFixed(3)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s, rss ${loadMb} MB\n`);
  }
  job.throwIfCancelled();

  const linked = withoutScratch(await linkPersons(records, { spec: options.spec, threshold: options.threshold, decisions, threads: options.threads, prepared, front: stream }, job, sourceName));
  job.throwIfCancelled();

  job.progress('households', 0, 1);
  await job.yield();
  let t = performance.now();
  const householdCpu = process.cpuUsage();
  // an analyst's household merges and splits, laid over what the evidence says
  const households: HouseholdAssignment = applyHouseholdDecisions(records.map((r) => r.id), linked.clusters, buildHouseholds(records, linked.clusters), loadHouseholdDecisions(store.reader));
  if (households.householdOfPerson.length !== linked.clusters.personCount) throw new Error('household stage returned the wrong number of persons');
  const householdSeconds = (performance.now() - t) / 1000;
  job.progress('households', 1, 1);
  const householdMb = mb();
  if (process.env.BASELINE_LINK_DEBUG === '1') {
    const cpu = process.cpuUsage(householdCpu);
    process.stderr.write(`households: ${householdSeconds.toFixed(3)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s, rss ${householdMb} MB\n`);
  }
  job.throwIfCancelled();

  job.progress('saving', 0, 1);
  await job.yield();
  t = performance.now();
  const summary = writeRun(store, records, linked, households, sources, options.user, started, (done) => job.progress('saving', done, SAVE_STEPS));
  const writeSeconds = (performance.now() - t) / 1000;
  job.progress('saving', SAVE_STEPS, SAVE_STEPS);
  return {
    ...summary,
    records: records.length,
    candidatePairs: linked.candidatePairs,
    matchedPairs: linked.matchedPairs,
    persons: linked.clusters.personCount,
    households: households.householdCount,
    threshold: linked.spec.threshold,
    prior: linked.prior,
    refusedJoins: linked.clusters.refused,
    decisions: decisions.length,
    warnings: linked.warnings,
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    timings: { load: round(loadSeconds), ...linked.timings, households: round(householdSeconds), write: round(writeSeconds) },
    memory: { load: loadMb, ...linked.memory, households: householdMb, write: mb() },
    blocking: linked.analysis,
  };
}

/** What a Run keeps of the person stage: the rest (each record's prepared fields, the model) is garbage before the household stage starts. */
export type LinkedForRun = Omit<LinkPersonsResult, 'prepared' | 'model'>;

function withoutScratch({ prepared: _prepared, model: _model, ...kept }: LinkPersonsResult): LinkedForRun {
  return kept;
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

/** Indexes 0..n−1 ordered by a non-negative integer key (< 2^32), without a comparator. */
function sortedBy(n: number, key: (i: number) => number): Int32Array {
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = key(i) * 2_097_152 + i; // i < 2^21 … or fall back below
  if (n >= 2_097_152) {
    const order = Int32Array.from({ length: n }, (_, i) => i);
    return order.sort((x, y) => key(x) - key(y) || x - y);
  }
  packed.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = (packed[i] as number) % 2_097_152;
  return order;
}

const mb = (): number => Math.round(process.memoryUsage().rss / 1048576);

export function writeRun(
  store: Store,
  records: readonly LinkRecord[],
  linked: LinkedForRun,
  households: HouseholdAssignment,
  sources: RunSource[],
  user: string,
  started: Date,
  /** called inside the transaction after each step, with the steps done */
  onStep: (done: number) => void = () => {},
): Pick<RunLinkSummary, 'run' | 'storedPairs' | 'personIds' | 'householdIds'> {
  const db = store.writer;
  const { clusters, spec, pairs } = linked;
  let result: Pick<RunLinkSummary, 'run' | 'storedPairs' | 'personIds' | 'householdIds'> | null = null;
  const tw = performance.now();
  const cw = process.cpuUsage();
  const steps: Record<string, number> = {};
  const step = (name: string): void => {
    steps[name] = Math.round(performance.now() - tw) / 1000;
    const used = process.cpuUsage(cw);
    steps[`${name}Cpu`] = Math.round((used.user + used.system) / 1000) / 1000;
  };
  // foreign-key checks off and the log folded in on a worker after: bulk-write.ts
  bulkWrite(store, runBytes(records.length, pairs.count), db.transaction(() => {
    const previousRun = latestRunId(db);
    const previousPerson = new Map<number, string>();
    const previousHousehold = new Map<string, string>();
    if (previousRun !== null) {
      for (const [recordId, personId] of db.prepare('SELECT record_id, person_id FROM run_record_person WHERE run_id = ?').raw(true).iterate(previousRun) as IterableIterator<[number, string]>) {
        previousPerson.set(recordId, personId);
      }
      for (const [personId, householdId] of db.prepare('SELECT person_id, household_id FROM run_person_household WHERE run_id = ?').raw(true).iterate(previousRun) as IterableIterator<[string, string]>) {
        previousHousehold.set(personId, householdId);
      }
    }
    const sequence = (entity: 'person' | 'household'): { mint: () => string; save: () => void } => {
      let next = (db.prepare('SELECT next FROM link_id_sequence WHERE entity = ?').get(entity) as { next: number }).next;
      const prefix = entity === 'person' ? 'P' : 'H';
      return {
        mint: () => `${prefix}${pad(next++)}`,
        save: () => db.prepare('UPDATE link_id_sequence SET next = ? WHERE entity = ?').run(next, entity),
      };
    };
    step('previous');
    const personSeq = sequence('person');
    const recordIds = records.map((r) => r.id);
    const persons = assignStableIds(recordIds, clusters.personOf, clusters.personCount, previousPerson, personSeq.mint);
    personSeq.save();
    const householdSeq = sequence('household');
    const homes = assignStableIds(persons.ids, households.householdOfPerson, households.householdCount, previousHousehold, householdSeq.mint);
    householdSeq.save();

    step('ids');
    const asOf = sources.reduce<string | null>((max, s) => (max === null || s.asOf > max ? s.asOf : max), null);
    const runId = Number(
      db
        .prepare(
          `INSERT INTO link_run(started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, as_of, records, candidate_pairs,
             stored_pairs, persons, households, blocking_json, training_json, summary_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          started.toISOString(),
          new Date().toISOString(),
          user,
          JSON.stringify(spec),
          spec.threshold,
          linked.prior,
          JSON.stringify(sources),
          asOf,
          records.length,
          linked.candidatePairs,
          pairs.count,
          clusters.personCount,
          households.householdCount,
          JSON.stringify(linked.analysis),
          JSON.stringify(linked.training),
          JSON.stringify({ warnings: linked.warnings, refused: clusters.refused, conflictingDecisions: clusters.conflictingDecisions, matchedPairs: linked.matchedPairs, timings: linked.timings }),
        ).lastInsertRowid,
    );

    // This run rests on the records as they are now: a purge's "re-link needed" mark is met.
    clearRelinkNeeded(db);

    // register the IDs minted by this run (carried-over ones are registered already)
    const oldPersons = new Set(previousPerson.values());
    const insertPerson = new RowBatch(db, 'INSERT INTO person(id, created_run)', '(?, @run)', { run: runId });
    for (const id of persons.ids) if (!oldPersons.has(id)) insertPerson.add(id);
    insertPerson.finish();
    const oldHouseholds = new Set(previousHousehold.values());
    const insertHousehold = new RowBatch(db, 'INSERT INTO household(id, created_run)', '(?, @run)', { run: runId });
    for (const id of homes.ids) if (!oldHouseholds.has(id)) insertHousehold.add(id);
    insertHousehold.finish();

    step('registry');
    onStep(1);
    const insertRecord = new RowBatch(db, 'INSERT INTO run_record_person(run_id, record_id, person_id)', '(@run, ?, ?)', { run: runId });
    for (const i of sortedBy(recordIds.length, (i) => recordIds[i] as number)) insertRecord.add(recordIds[i] as number, persons.ids[clusters.personOf[i] as number] as string);
    insertRecord.finish();
    const insertHome = new RowBatch(db, 'INSERT INTO run_person_household(run_id, person_id, household_id)', '(@run, ?, ?)', { run: runId });
    for (const p of sortedBy(persons.ids.length, (p) => Number((persons.ids[p] as string).slice(1)))) {
      insertHome.add(persons.ids[p] as string, homes.ids[households.householdOfPerson[p] as number] as string);
    }
    insertHome.finish();

    step('assignments');
    onStep(2);
    insertPairs(db, runId, recordIds, pairs, spec.comparisons.length);

    step('pairs');
    onStep(3);
    const insertEvent = db.prepare('INSERT INTO link_id_event(run_id, entity, kind, subject, others_json) VALUES (?, ?, ?, ?, ?)');
    const events = (entity: 'person' | 'household', list: IdEvent[], retired: string[]): void => {
      for (const e of list) insertEvent.run(runId, entity, e.kind, e.id, JSON.stringify(e.others));
      for (const id of retired) insertEvent.run(runId, entity, 'retire', id, '[]');
    };
    events('person', persons.events, persons.retired);
    events('household', homes.events, homes.retired);

    const count = (ev: IdEvent[], kind: IdEvent['kind']): number => ev.filter((e) => e.kind === kind).length;
    store.audit(user, 'link-run', {
      run: runId,
      records: records.length,
      persons: clusters.personCount,
      households: households.householdCount,
      storedPairs: pairs.count,
      personIdsKept: persons.kept,
      personIdsCreated: persons.created,
    });
    result = {
      run: runId,
      storedPairs: pairs.count,
      personIds: { kept: persons.kept, created: persons.created, retired: persons.retired.length, merges: count(persons.events, 'merge'), splits: count(persons.events, 'split') },
      householdIds: { kept: homes.kept, created: homes.created, retired: homes.retired.length, merges: count(homes.events, 'merge'), splits: count(homes.events, 'split') },
    };
    step('events');
    onStep(4);
  }));
  step('commit');
  if (process.env.BASELINE_LINK_DEBUG === '1') process.stderr.write(`write steps ${JSON.stringify(steps)} pairs ${pairs.count}\n`);
  if (!result) throw new WorkbenchError('internal', 'the run was not written');
  return result;
}
