// One linkage Run against the store: load every Record, link persons (link-persons.ts), place
// them in households (households/), keep stable IDs by overlap with the previous Run, and write
// the Run — its trained MatchSpec, assignments, explained pairs and ID events — in one
// transaction. Nothing is written unless everything succeeded.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import type { Store } from '../store/store.js';
import type { BlockingAnalysis } from './blocking.js';
import { loadDecisions } from './decisions.js';
import { applyHouseholdDecisions, type DecidedHouseholds, loadHouseholdDecisions } from '../baseline/household-decisions.js';
import { buildHouseholdsDetailed } from './households/index.js';
import { linkPersons, type LinkPersonsResult } from './link-persons.js';
import { fillTenancies, loadRecords } from './load-records.js';
import type { MatchSpec } from './spec.js';
import type { LinkRecord } from './types.js';
import { BACKGROUND_CHECKPOINT_BYTES, bulkWrite, runBytes } from './bulk-write.js';
import { RunWriter, threadCpuSeconds, type HouseholdWrite, type PersonWrite, type RunWritten } from './run-writer.js';
import { RunWriteThread, WRITE_WORKER_FROM } from './run-write-thread.js';
import { collectGarbage } from './collect-garbage.js';
import { FrontThread } from './front-thread.js';

export interface RunLinkOptions {
  user: string;
  /** overrides the spec's threshold: a match probability in (0, 1) */
  threshold?: number;
  /** the MatchSpec to use (default: the engine's); a trained spec is applied as is */
  spec?: MatchSpec;
  threads?: number;
  /** write the Run on a worker beside the household stage (default: from WRITE_WORKER_FROM records) */
  writeOnWorker?: boolean;
}

export interface RunLinkSummary {
  run: number;
  records: number;
  /** comparison units linked: the records, with each re-sent row's copies counted once */
  units: number;
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
  /** Records sharing a partner's number for the person: with an earlier record, kept apart by the guards, joins made (person-numbers.ts). */
  personNumbers: { shared: number; keptApart: number; joined: number };
  decisions: number;
  warnings: string[];
  seconds: number;
  timings: Record<string, number>;
  /** resident memory (MB) at the end of each phase */
  memory: Record<string, number>;
  blocking: BlockingAnalysis;
}

/** Steps of writing a Run (person IDs and assignments, pairs, household IDs and assignments, events and audit, commit), for progress. */
const SAVE_STEPS = 5;

export { latestRunId } from './run-writer.js';

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
  const householdDecisions = loadHouseholdDecisions(store.reader);
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
  job.throwIfCancelled();
  // From here to COMMIT this thread never yields: with the write on a worker, no other request
  // may run and write on the engine's connection while the worker's transaction is open.
  const input = personWrite(records, linked, sources, options.user, started);
  const bytes = runBytes(records.length, linked.pairs.count);
  // BASELINE_TEST_WRITE_ON_WORKER: 1 or 0 forces either way (crash tests, benchmarks comparing the two)
  const forced = process.env.BASELINE_TEST_WRITE_ON_WORKER;
  const onWorker = options.writeOnWorker ?? (forced === '1' || forced === '0' ? forced === '1' : records.length >= WRITE_WORKER_FROM);
  // the person stage's half of the write starts on a worker beside the household stage
  const thread = onWorker ? new RunWriteThread(store, input, bytes >= BACKGROUND_CHECKPOINT_BYTES) : null;
  let t = performance.now();
  // the person stage's dead arrays collected now (while the worker starts), not under the
  // worker's memory at the Run's peak: collect-garbage.ts
  if (thread) collectGarbage();
  const gcSeconds = (performance.now() - t) / 1000;
  const householdCpu = process.cpuUsage();
  const householdThreadCpu = process.env.BASELINE_LINK_DEBUG === '1' ? threadCpuSeconds() : 0;
  let households: DecidedHouseholds;
  try {
    // an analyst's household merges and splits, laid over what the evidence says; each person
    // keeps the rule (or the decision) that placed them, for the household page
    households = applyHouseholdDecisions(records.map((r) => r.id), linked.clusters, buildHouseholdsDetailed(records, linked.clusters), householdDecisions);
    if (households.householdOfPerson.length !== linked.clusters.personCount) throw new Error('household stage returned the wrong number of persons');
  } catch (error) {
    thread?.abandon();
    throw error;
  }
  const householdSeconds = (performance.now() - t) / 1000;
  job.progress('households', 1, 1);
  const householdMb = mb();
  if (process.env.BASELINE_LINK_DEBUG === '1') {
    const cpu = process.cpuUsage(householdCpu);
    process.stderr.write(`households: ${householdSeconds.toFixed(3)} s (collection before it ${gcSeconds.toFixed(3)} s), cpu ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s, main thread ${(threadCpuSeconds() - householdThreadCpu).toFixed(2)} s, rss ${householdMb} MB\n`);
  }

  job.progress('saving', 0, 1);
  t = performance.now();
  const onStep = (done: number): void => job.progress('saving', done, SAVE_STEPS);
  const household = householdWrite(households);
  const summary = thread ? finishOnWorker(store, thread, bytes, household, onStep, linked.pairs.count) : writeHere(store, input, bytes, household, onStep);
  const writeSeconds = (performance.now() - t) / 1000;
  job.progress('saving', SAVE_STEPS, SAVE_STEPS);
  return {
    ...summary,
    records: records.length,
    units: linked.units,
    candidatePairs: linked.candidatePairs,
    matchedPairs: linked.matchedPairs,
    persons: linked.clusters.personCount,
    households: households.householdCount,
    threshold: linked.spec.threshold,
    prior: linked.prior,
    refusedJoins: linked.clusters.refused,
    personNumbers: linked.personNumbers,
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

const mb = (): number => Math.round(process.memoryUsage().rss / 1048576);

/** What the Run's write needs of the person stage: typed arrays and the link_run row's values. */
function personWrite(records: readonly LinkRecord[], linked: LinkedForRun, sources: RunSource[], user: string, started: Date): PersonWrite {
  const { clusters, spec, pairs } = linked;
  const asOf = sources.reduce<string | null>((max, s) => (max === null || s.asOf > max ? s.asOf : max), null);
  const recordIds = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) recordIds[i] = records[i]!.id;
  return {
    run: {
      startedAt: started.toISOString(),
      runBy: user,
      specJson: JSON.stringify(spec),
      threshold: spec.threshold,
      prior: linked.prior,
      sourcesJson: JSON.stringify(sources),
      asOf,
      records: records.length,
      candidatePairs: linked.candidatePairs,
      storedPairs: pairs.count,
      persons: clusters.personCount,
      blockingJson: JSON.stringify(linked.analysis),
      trainingJson: JSON.stringify(linked.training),
      summaryJson: JSON.stringify({ warnings: linked.warnings, refused: clusters.refused, conflictingDecisions: clusters.conflictingDecisions, matchedPairs: linked.matchedPairs, personNumbers: linked.personNumbers, units: linked.units, timings: linked.timings }),
    },
    recordIds,
    personOf: clusters.personOf,
    personCount: clusters.personCount,
    pairs,
    k: spec.comparisons.length,
    user,
  };
}

/** What the Run's write needs of the household stage: typed arrays (and the few people an analyst placed). */
function householdWrite({ householdOfPerson, householdCount, placedBy, decisionOf }: DecidedHouseholds): HouseholdWrite {
  return { householdOfPerson, householdCount, placedBy, decisionOf };
}

/** The Run's write on the engine's connection, in one transaction (foreign keys off and the fold after: bulk-write.ts). */
function writeHere(store: Store, input: PersonWrite, bytes: number, household: HouseholdWrite, onStep: (done: number) => void): RunWritten {
  const writer = new RunWriter(store.writer, input);
  const written = bulkWrite(store, bytes, store.writer.transaction(() => {
    writer.writePersons(onStep);
    return writer.writeHouseholds(household, onStep);
  }));
  if (process.env.BASELINE_LINK_DEBUG === '1') process.stderr.write(`write steps ${JSON.stringify(writer.steps)} pairs ${input.pairs.count}\n`);
  return written;
}

function finishOnWorker(store: Store, thread: RunWriteThread, bytes: number, household: HouseholdWrite, onStep: (done: number) => void, pairs: number): RunWritten {
  const written = bulkWrite(store, bytes, () => thread.finish(household, onStep), { onOwnConnection: true });
  if (process.env.BASELINE_LINK_DEBUG === '1') process.stderr.write(`write steps (worker) ${JSON.stringify(thread.steps)} pairs ${pairs}\n`);
  return written;
}

/**
 * A Run's write from the person and household stages' results (benchmarks replay it): on the
 * engine's connection, or on a worker with its own (`onWorker`), the rows the same.
 */
export function writeRun(
  store: Store,
  records: readonly LinkRecord[],
  linked: LinkedForRun,
  households: DecidedHouseholds,
  sources: RunSource[],
  user: string,
  started: Date,
  options: { onWorker?: boolean; onStep?: (done: number) => void } = {},
): RunWritten {
  const input = personWrite(records, linked, sources, user, started);
  const bytes = runBytes(records.length, linked.pairs.count);
  const household = householdWrite(households);
  const onStep = options.onStep ?? (() => {});
  if (!options.onWorker) return writeHere(store, input, bytes, household, onStep);
  return finishOnWorker(store, new RunWriteThread(store, input, bytes >= BACKGROUND_CHECKPOINT_BYTES), bytes, household, onStep, linked.pairs.count);
}
