// The person stage, pure (no store): records → blocking (with analysis and guard) → comparison
// levels on worker threads → unsupervised training (u by sampling, m by EM per training rule,
// prior) → scores → constrained clustering. Returns the trained MatchSpec and the scored pairs
// above the floor with everything needed to explain them.
import { readFileSync } from 'node:fs';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import { groupRules, sampleRulePairs, type BlockingAnalysis, type BlockingOptions } from './blocking.js';
import { findCandidatePairs } from './blocking-parallel.js';
import type { FrontThread } from './front-thread.js';
import { clusterRecords, type ClusterResult } from './cluster.js';
import { compilePlan, type Plan } from './compare.js';
import { GammaPool, sharedBytes } from './gamma-pool.js';
import { buildModel, pairWeight, probabilityOf, tfChange, weightOf, type Model } from './model.js';
import { prepare, preparedSubset, usableName, type Prepared } from './prepare.js';
import { resentUnits, type ResentUnits } from './resent.js';
import { generationPairs } from './generations.js';
import { personNumberLinks, withoutAliasTwins } from './person-numbers.js';
import { findFamilyMoves, liftFamilyMoves } from './moved-together.js';
import { holdNamesakesApart, type WeightAdjustments } from './namesakes.js';
import { forgiveSurnameChange, surnameChangeLift } from './surname-change.js';
import { guardTrainedModel, degenerateReason } from './model-guard.js';
import { possibleTwinPairs } from './twins.js';
import { tfCountsAmongOthers } from './tf-people.js';
import { withDetailsHeld } from './person-details.js';
import { edgesByWeight } from './sort-edges.js';
import { defaultMatchSpec, parseMatchSpec, type MatchSpec } from './spec.js';
import {
  aggregatePatterns,
  estimateSamePostcodeU,
  expectationMaximisation,
  levelFrequencies,
  parametersFromSpec,
  rng,
  samplePairs,
  sampleSamePostcodePairs,
  trainableFor,
  type Parameters,
} from './train.js';

/** Comparisons that say who a person is: a training rule whose EM fails on one of them is not trusted at all. */
const IDENTITY_FIELDS: ReadonlySet<string> = new Set(['forename', 'surname', 'dob']);
import type { LinkRecord } from './types.js';

export interface LinkPersonsOptions {
  /** the model to use; default `defaultMatchSpec()`. A trained spec is used as is unless `retrain`. */
  spec?: MatchSpec;
  retrain?: boolean;
  /** overrides spec.threshold */
  threshold?: number;
  /** human decisions as pairs of record ids (LinkRecord.id) */
  decisions?: ReadonlyArray<{ a: number; b: number; decision: 'match' | 'non-match' | 'unsure' }>;
  /** worker threads for comparisons (default: one per core) */
  threads?: number;
  /** seed for the random pair samples */
  seed?: number;
  /**
   * Score every pair again after counting term frequencies among other people, rather than only
   * the pairs whose weight the new counts can change and lift to the pair floor: the
   * straightforward path, for tests that show the two agree.
   */
  fullRescore?: boolean;
  /** the records' columns, prepared already (on a worker thread while they loaded: front-thread.ts) */
  prepared?: Promise<Prepared>;
  /** that worker, to share blocking with; closed once blocking is done */
  front?: FrontThread;
}

export interface ScoredPairs {
  /** record indexes (into the records array) and match weight (bits) */
  a: Int32Array;
  b: Int32Array;
  weight: Float32Array;
  count: number;
  /** K level indexes per pair (pair x at x·K), in spec order */
  levels: Uint8Array;
  /** K comparison weights per pair (bits): the waterfall, term frequencies included */
  weights: Float32Array;
}

export interface LinkPersonsResult {
  clusters: ClusterResult;
  /** the spec with trained m/u and prior, as saved with the run */
  spec: MatchSpec;
  analysis: BlockingAnalysis;
  /** the model as scored, its term frequencies counted among the units */
  model: Model;
  /** every record's prepared columns */
  prepared: Prepared;
  /** comparison units linked: the records, with each re-sent row's copies counted once (resent.ts) */
  units: number;
  /** pairs at or above spec.pairFloor (between units: a re-sent row's pairs name its first record) */
  pairs: ScoredPairs;
  prior: number;
  candidatePairs: number;
  matchedPairs: number;
  /**
   * Records sharing a partner's number for the person with an earlier record of that partner and
   * kind, those of them the guards kept apart (dates of birth, a generation, sexes), and the
   * joins the numbers made in clustering (person-numbers.ts).
   */
  personNumbers: { shared: number; keptApart: number; joined: number };
  /** candidate pairs scored again once term frequencies were counted among other people */
  rescoredPairs: number;
  training: {
    uSamples: number;
    uSamePostcodeSamples: number;
    rules: Array<{ rule: string; pairs: number; iterations: number; lambda: number; trained: string[]; rejected?: string[] }>;
    /** comparisons whose trained m was degenerate and fell back to the prior m values */
    fellBack?: string[];
    /** agreement levels raised to their comparison's "different" weight */
    raised?: Array<{ comparison: string; levels: string[] }>;
  };
  warnings: string[];
  timings: Record<string, number>;
  /** resident memory (MB) at the end of each phase */
  memory: Record<string, number>;
}

const MIN_PAIRS_TO_TRAIN = 200;

/** Peak resident memory so far (Linux), for diagnostics. */
function peakMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of this thread alone (Linux; 0 elsewhere): with the workers' time left out, what
 * the main thread's share of a phase — its critical path — costs, for diagnostics.
 */
function mainThreadCpu(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks (100 a second)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Refuses input that cannot be linked meaningfully; returns warnings for what merely weakens it. */
export function checkRecords(records: readonly LinkRecord[], sourceName: (sourceId: number) => string): string[] {
  if (records.length === 0) throw new WorkbenchError('bad-input', 'There are no records to link. Import some extracts first; nothing was changed.');
  const perSource = new Map<number, { records: number; named: number; dob: number }>();
  let anyDob = false;
  for (const r of records) {
    let s = perSource.get(r.sourceId);
    if (!s) perSource.set(r.sourceId, (s = { records: 0, named: 0, dob: 0 }));
    s.records++;
    if (usableName(r.forename) || usableName(r.surname)) s.named++;
    if (r.dob || r.dobYear) {
      s.dob++;
      anyDob = true;
    }
  }
  const unnamed = [...perSource].filter(([, s]) => s.named === 0).map(([id]) => sourceName(id));
  if (unnamed.length > 0) {
    throw new WorkbenchError(
      'bad-input',
      `${unnamed.join(', ')}: no record has a usable forename or surname (only blanks or stand-ins such as "UNKNOWN"), so its people cannot be linked. Check that source's column mapping, or remove it; nothing was changed.`,
    );
  }
  if (!anyDob) {
    throw new WorkbenchError(
      'bad-input',
      'No record has a date of birth, so people with the same name cannot be told apart. Check the date-of-birth column mapping of your sources; nothing was changed.',
    );
  }
  const warnings: string[] = [];
  for (const [id, s] of perSource) {
    if (s.dob === 0) warnings.push(`${sourceName(id)}: no record has a date of birth; its records link on names, address and identifiers only.`);
  }
  return warnings;
}

export async function linkPersons(records: readonly LinkRecord[], options: LinkPersonsOptions, job: JobContext, sourceName: (id: number) => string = (id) => `source ${id}`): Promise<LinkPersonsResult> {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const memory: Record<string, number> = {};
  // CPU seconds of every thread of the process, for figures taken while the machine is shared
  let cpu0 = process.cpuUsage();
  let main0 = mainThreadCpu();
  let subMain0 = main0;
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round(now - t0) / 1000;
    memory[name] = Math.round(process.memoryUsage().rss / 1048576);
    if (process.env.BASELINE_LINK_DEBUG === '1') {
      const cpu = process.cpuUsage(cpu0);
      const main = mainThreadCpu();
      process.stderr.write(`${name}: ${timings[name]} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s, main thread ${(main - main0).toFixed(2)} s, rss ${memory[name]} MB, peak ${peakMb()} MB\n`);
      main0 = main;
      subMain0 = main;
    }
    cpu0 = process.cpuUsage();
    t0 = now;
    sub0 = now;
    subCpu0 = cpu0;
  };
  // within a phase, for BASELINE_LINK_DEBUG: where its time goes (not recorded in timings)
  let sub0 = t0;
  let subCpu0 = cpu0;
  const step = (name: string): void => {
    if (process.env.BASELINE_LINK_DEBUG !== '1') return;
    const now = performance.now();
    const cpu = process.cpuUsage(subCpu0);
    const main = mainThreadCpu();
    process.stderr.write(`  ${name}: ${((now - sub0) / 1000).toFixed(3)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s, main thread ${(main - subMain0).toFixed(2)} s\n`);
    subMain0 = main;
    sub0 = now;
    subCpu0 = process.cpuUsage();
  };
  const warnings = checkRecords(records, sourceName);
  const spec = parseMatchSpec(structuredClone(options.spec ?? defaultMatchSpec()));
  if (options.threshold !== undefined) spec.threshold = options.threshold;
  if (spec.pairFloor > spec.threshold) spec.pairFloor = spec.threshold;
  const seed = options.seed ?? 20240401;

  // comparison workers start now, so their start-up overlaps preparing the columns
  const pool = new GammaPool(options.threads);
  if (records.length >= 20_000) pool.warmUp();
  try {
    return await linkPrepared(records, options, spec, { job, pool, warnings, timings, memory, lap, seed, step });
  } finally {
    await pool.close();
  }
}

/** What every part of the person stage shares: the job, the comparison workers, warnings and timings. */
interface Stage {
  job: JobContext;
  pool: GammaPool;
  warnings: string[];
  timings: Record<string, number>;
  memory: Record<string, number>;
  lap: (name: string) => void;
  seed: number;
  step: (name: string) => void;
}

async function linkPrepared(records: readonly LinkRecord[], options: LinkPersonsOptions, spec: MatchSpec, stage: Stage): Promise<LinkPersonsResult> {
  const { job, step } = stage;
  job.progress('preparing', 0, 1);
  const all = options.prepared ? await options.prepared : prepare(records);
  // a row re-sent month after month is linked once (resent.ts); a non-match decision between
  // two copies would say they are two people, so a record such a decision names stays apart
  const units =
    spec.linkType === 'link_and_dedupe'
      ? resentUnits(records, all, {
          keepApart: new Set((options.decisions ?? []).flatMap((d) => (d.decision === 'non-match' ? [d.a, d.b] : []))),
          keepSources: new Set(spec.noDuplicatesWithinSources),
        })
      : null;
  step(`columns and re-sent rows (${records.length} records, ${units ? units.firstOf.length : records.length} units)`);
  if (!units) return { ...(await linkUnits(records, all, options, spec, stage)), units: records.length };
  const firstRecords = Array.from(units.firstOf, (i) => records[i] as LinkRecord);
  const linked = await linkUnits(firstRecords, preparedSubset(all, units.firstOf), { ...options, decisions: decisionsOnUnits(records, units, options.decisions) }, spec, stage);
  return forEveryRecord(linked, units, all);
}

/** Human decisions about records, as decisions about their units' first records. */
function decisionsOnUnits(records: readonly LinkRecord[], units: ResentUnits, decisions: LinkPersonsOptions['decisions']): LinkPersonsOptions['decisions'] {
  if (!decisions?.length) return decisions;
  const indexOf = new Map(records.map((r, i) => [r.id, i]));
  const firstId = (id: number): number => {
    const i = indexOf.get(id);
    return i === undefined ? id : (records[units.firstOf[units.unitOf[i] as number] as number] as LinkRecord).id;
  };
  return decisions.map((d) => ({ ...d, a: firstId(d.a), b: firstId(d.b) }));
}

/**
 * The person stage's result for every record, from its result for the units: each copy takes its
 * unit's person; the pairs (scored between units) name each unit's first record.
 */
function forEveryRecord(linked: Omit<LinkPersonsResult, 'units'>, units: ResentUnits, prepared: Prepared): LinkPersonsResult {
  const { unitOf, firstOf } = units;
  const personOf = new Int32Array(unitOf.length);
  for (let i = 0; i < unitOf.length; i++) personOf[i] = linked.clusters.personOf[unitOf[i] as number] as number;
  const { a, b, count } = linked.pairs;
  for (let x = 0; x < count; x++) {
    a[x] = firstOf[a[x] as number] as number;
    b[x] = firstOf[b[x] as number] as number;
  }
  return { ...linked, clusters: { ...linked.clusters, personOf }, prepared, units: firstOf.length };
}

/** The person stage on records already prepared: blocking, comparisons, training, scoring, clustering. */
async function linkUnits(records: readonly LinkRecord[], p: Prepared, options: LinkPersonsOptions, specIn: MatchSpec, stage: Stage): Promise<Omit<LinkPersonsResult, 'units'>> {
  const { job, pool, warnings, timings, memory, lap, seed, step } = stage;
  let spec = specIn;
  spec = withDetailsHeld(spec, p.details);
  const plan = compilePlan(spec);
  const sourceIndex = new Map(p.sourceIds.map((id, k) => [id, k]));
  const noDup = new Set(spec.noDuplicatesWithinSources.map((id) => sourceIndex.get(id)).filter((k): k is number => k !== undefined));
  const blockingOptions: BlockingOptions = { linkType: spec.linkType, maxBlockSize: spec.maxBlockSize, noDuplicatesWithin: noDup };
  lap('prepare');
  job.throwIfCancelled();

  job.progress('blocking', 0, 1);
  await job.yield();
  // half the rules on the front worker, when it runs (blocking-parallel.ts); its last work
  const { analysis, pairs } = await findCandidatePairs(p, spec, blockingOptions, options.front, (done, total) => job.progress('blocking', done, total)).finally(() => options.front?.close());
  warnings.push(...analysis.warnings);
  lap('blocking');
  job.throwIfCancelled();

  pool.setData(p, plan);
  {
    const gammas = await pool.compare(pairs.a, pairs.b, pairs.count, job, 'comparing');
    lap('compare');

    const allowed = (i: number, j: number): boolean => {
      const si = p.source[i] as number;
      const sj = p.source[j] as number;
      if (si === sj) return spec.linkType !== 'link_only' && !noDup.has(si);
      return spec.linkType !== 'dedupe_only';
    };
    const training: LinkPersonsResult['training'] = { uSamples: 0, uSamePostcodeSamples: 0, rules: [] };
    // a prior given in an untrained spec is the user's; a trained spec's prior is re-estimated on retraining
    const priorGiven = spec.probabilityTwoRandomRecordsMatch !== null && !spec.trainedAt;
    let prior = spec.probabilityTwoRandomRecordsMatch ?? 0;
    if (!spec.trainedAt || options.retrain) {
      // u: random pairs, and random pairs within a postcode for household fields
      job.progress('training', 0, 3);
      const params = parametersFromSpec(spec);
      const priorParams = parametersFromSpec(spec);
      const sample = samplePairs(p.n, Math.min(spec.uSampleSize, Math.max(10_000, p.n * 20)), allowed, seed);
      training.uSamples = sample.count;
      const uFreq = levelFrequencies(plan, await pool.compare(sample.a, sample.b, sample.count, job, 'training'), sample.count);
      spec.comparisons.forEach((c, k) => {
        if (c.fixed || !uFreq[k]) return;
        params.u[k] = uFreq[k] as Float64Array;
      });
      let pcPatterns: ReturnType<typeof aggregatePatterns> | null = null;
      const conditional = spec.comparisons.map((c) => !!c.conditionalOnPostcode);
      if (conditional.some(Boolean)) {
        const pcSample = sampleSamePostcodePairs(p, Math.ceil(spec.uSampleSize / 4), allowed, seed + 1);
        training.uSamePostcodeSamples = pcSample.count;
        const pcGammas = await pool.compare(pcSample.a, pcSample.b, pcSample.count, job, 'training');
        const pcFreq = levelFrequencies(plan, pcGammas, pcSample.count);
        spec.comparisons.forEach((c, k) => {
          if (!c.conditionalOnPostcode) return;
          params.uPc[k] = pcFreq[k] ?? params.u[k] ?? null;
        });
        if (pcSample.count >= MIN_PAIRS_TO_TRAIN) pcPatterns = aggregatePatterns(plan, pcGammas, pcSample.count);
      }
      lap('trainU');
      job.progress('training', 1, 3);
      // m: EM over each training rule's pairs, never on the comparisons it blocks on; then the
      // within-postcode u cleaned of the matches that sample holds, and m once more with it
      const random = rng(seed + 2);
      const rulePatterns: Array<{ rule: MatchSpec['trainingRules'][number]; pairs: number; patterns: ReturnType<typeof aggregatePatterns> }> = [];
      for (const rule of spec.trainingRules) {
        const [g] = groupRules(p, [rule], spec.maxBlockSize);
        if (!g) continue;
        const sample = sampleRulePairs(p, g, spec.trainingSampleSize, blockingOptions, random);
        const ruleGammas = await pool.compare(sample.a, sample.b, sample.count, job, 'training');
        rulePatterns.push({ rule, pairs: sample.count, patterns: aggregatePatterns(plan, ruleGammas, sample.count, undefined, sample.weight) });
      }
      for (let round = 0; round < (pcPatterns ? 2 : 1); round++) {
        const sums = spec.comparisons.map((c) => new Float64Array(c.levels.length));
        const trainedBy = new Int32Array(spec.comparisons.length);
        training.rules = [];
        for (const { rule, pairs: total, patterns } of rulePatterns) {
          const ruleName = rule.name;
          const train = trainableFor(spec, rule);
          if (total < MIN_PAIRS_TO_TRAIN) {
            if (round === 0) warnings.push(`Training rule "${ruleName}" found only ${total} pairs; its comparisons keep their default m values.`);
            continue;
          }
          const em = expectationMaximisation(plan, patterns, params, train, spec.em);
          // a rule whose EM found something other than matches for a comparison does not train it
          const reasons = spec.comparisons.map((_, k) => (train[k] === true ? degenerateReason(spec, k, em.m[k] as Float64Array, params.u[k] as Float64Array) : null));
          // EM's "match" class that fails on who a person is (name, date of birth) has settled on
          // something else — same-sex pairs in one parish, one household — and then none of that
          // rule's m values describe matches: the address it learnt is that class's address.
          const lostAt = spec.comparisons.findIndex((c, k) => reasons[k] !== null && IDENTITY_FIELDS.has(c.field));
          if (lostAt >= 0) {
            spec.comparisons.forEach((c, k) => {
              if (train[k] === true && reasons[k] === null) reasons[k] = `its match class failed on "${spec.comparisons[lostAt]!.name}"`;
            });
          }
          const rejected = reasons.map((r) => r !== null);
          training.rules.push({
            rule: ruleName,
            pairs: total,
            iterations: em.iterations,
            lambda: em.lambda,
            trained: spec.comparisons.filter((_, k) => train[k] && !rejected[k]).map((c) => c.name),
            ...(rejected.some(Boolean) ? { rejected: spec.comparisons.filter((_, k) => rejected[k]).map((c, k) => `${c.name}: ${reasons[spec.comparisons.indexOf(c)] ?? ''}`.replace(/: $/, '')) } : {}),
          });
          spec.comparisons.forEach((_, k) => {
            if (!train[k] || rejected[k]) return;
            trainedBy[k]!++;
            const row = em.m[k] as Float64Array;
            for (let l = 1; l < row.length; l++) sums[k]![l]! += row[l] as number;
          });
          job.throwIfCancelled();
        }
        spec.comparisons.forEach((c, k) => {
          const by = trainedBy[k] as number;
          if (by === 0 || c.fixed) return;
          const row = new Float64Array(c.levels.length);
          for (let l = 1; l < row.length; l++) row[l] = (sums[k]![l] as number) / by;
          params.m[k] = row;
        });
        // every round is guarded (the within-postcode u is estimated with round 0's m); the last one reports
        const guard = guardTrainedModel(spec, params, priorParams, spec.comparisons.map((c, k) => !c.fixed && (trainedBy[k] as number) > 0));
        if (round === (pcPatterns ? 1 : 0)) {
          const rejectedEverywhere = spec.comparisons.filter((c, k) => !c.fixed && trainedBy[k] === 0 && training.rules.some((r) => r.rejected?.some((x) => x === c.name || x.startsWith(`${c.name}: `)))).map((c) => c.name);
          for (const name of rejectedEverywhere) warnings.push(`Training gave a degenerate model for "${name}" on every training rule; its default m values are used instead.`);
          warnings.push(...guard.warnings);
          training.fellBack = [...rejectedEverywhere, ...guard.fellBack];
          training.raised = guard.raised;
        }
        if (pcPatterns && round === 0) params.uPc = estimateSamePostcodeU(plan, pcPatterns, params, conditional, spec.em).uPc;
      }
      lap('trainM');
      job.progress('training', 2, 3);
      // the prior: the share of candidate pairs that match, over all possible pairs
      if (!priorGiven) {
        const all = aggregatePatterns(plan, gammas, pairs.count);
        const lambda = estimateLambda(plan, all, params, spec.em);
        prior = Math.min(0.5, Math.max(1e-12, (lambda * pairs.count) / Math.max(1, analysis.possibleComparisons)));
      }
      spec = withParameters(spec, params, prior);
      job.progress('training', 3, 3);
      lap('trainPrior');
    } else if (!prior) {
      throw new WorkbenchError('bad-input', 'The MatchSpec is marked trained but has no probabilityTwoRandomRecordsMatch; set it or set trainedAt to null to retrain.');
    }

    const threshold = weightOf(spec.threshold);
    const floor = weightOf(spec.pairFloor);
    // one buffer for both scorings: at a million records it holds ten million pairs (shared, so
    // the comparison workers score them too)
    const weight = new Float32Array(new SharedArrayBuffer(Math.max(1, pairs.count) * 4)).subarray(0, pairs.count);
    // the pairs a family's move joins: on the levels alone, so worked out once for both scorings
    const moves = findFamilyMoves(spec, p, records, gammas, pairs.a, pairs.b, pairs.count);
    step(`family moves (${moves.pairs.length})`);
    /** Every candidate pair's match weight under the model (into `weight`), with the rules that adjust it. */
    let rescoredPairs = 0;
    const scoreAll = async (model: Model): Promise<WeightAdjustments> => {
      rescoredPairs = pairs.count;
      await pool.score(model, gammas, pairs.a, pairs.b, pairs.count, weight, job);
      return adjust(model);
    };
    /**
     * `weight` holds every pair's weight under `before` with `adjustedBefore`'s rules applied.
     * Makes it what scoreAll(after) would for every pair that can end at or above the floor —
     * the pairs kept, explained and clustered — scoring again only pairs whose weight the new
     * term-frequency counts change (weightRise) and that can rise to the floor; a pair left
     * below the floor stays below it, as it would under scoreAll.
     */
    const rescore = async (before: Model, adjustedBefore: WeightAdjustments, after: Model): Promise<WeightAdjustments> => {
      // the rules' changes undone first: they are worked out again below, from the new weights
      for (const x of adjustedBefore.keys()) weight[x] = pairWeight(before, gammas, x, pairs.a[x] as number, pairs.b[x] as number);
      // what the rules can add afterwards (a changed surname's penalty lifted) counts towards the floor
      rescoredPairs = await pool.rescore(tfChange(before, after), surnameChangeLift(spec, after), floor, gammas, pairs.a, pairs.b, pairs.count, weight, job);
      return adjust(after);
    };
    /** The rules that adjust weights, applied to `weight` as scored under `model`. */
    const adjust = (model: Model): WeightAdjustments => {
      // a surname changed between sources (married, maiden) is no evidence against (surname-change.ts);
      // one name and a near date of birth at two homes is not a link on its own (namesakes.ts)
      const adjusted: WeightAdjustments = new Map();
      forgiveSurnameChange(spec, model, p, gammas, pairs.a, pairs.b, pairs.count, weight, adjusted);
      holdNamesakesApart(spec, p, gammas, pairs.a, pairs.b, pairs.count, weight, threshold, adjusted);
      // one name at two homes is one person when others of the family moved between them too (moved-together.ts)
      liftFamilyMoves(moves, weight, threshold, adjusted);
      return adjusted;
    };
    // a map of a million record ids only when there are decisions to place
    const indexOf = new Map((options.decisions?.length ?? 0) > 0 ? records.map((r, i) => [r.id, i]) : []);
    const matches: Array<[number, number]> = [];
    const nonMatches: Array<[number, number]> = [];
    for (const d of options.decisions ?? []) {
      const a = indexOf.get(d.a);
      const b = indexOf.get(d.b);
      if (a === undefined || b === undefined) continue;
      if (d.decision === 'match') matches.push([a, b]);
      else if (d.decision === 'non-match') nonMatches.push([a, b]);
    }
    step('decisions');
    // records sharing a partner's number for the person, within that partner's Sources of one kind
    const numbers = personNumberLinks(records);
    step(`person numbers (${numbers.pairs.length})`);
    // possible twins among all candidate pairs, so no third record can bridge them either
    // and parents and children who share a name, a generation apart at one home
    const twins = withoutAliasTwins(possibleTwinPairs(spec, p, gammas, pairs.a, pairs.b, pairs.count), numbers, p.fn);
    step(`possible twins (${twins.length})`);
    const generations = generationPairs(spec, p, records, gammas, pairs.a, pairs.b, pairs.count);
    step(`generations (${generations.length})`);
    const apart = [...twins, ...generations];
    const dob = { day: p.dob, ymd: dobYmd(p), year: p.birthYear };
    /** The persons the pairs at or above the threshold make, strongest first. */
    const clusterOn = (): { clusters: ClusterResult; edgeCount: number } => {
      const edgeIdx = edgesByWeight(weight, pairs.count, threshold);
      const edgeCount = edgeIdx.length;
      const edgesA = new Int32Array(edgeCount);
      const edgesB = new Int32Array(edgeCount);
      const edgeWeight = new Float32Array(edgeCount);
      for (let k = 0; k < edgeCount; k++) {
        edgesA[k] = pairs.a[edgeIdx[k] as number] as number;
        edgesB[k] = pairs.b[edgeIdx[k] as number] as number;
        edgeWeight[k] = weight[edgeIdx[k] as number] as number;
      }
      const clusters = clusterRecords({
        n: p.n,
        edgesA,
        edgesB,
        edgeCount,
        // only identifiers with a check digit forbid a join; a NINO typo makes another valid NINO
        identifiers: [p.nhs, p.upn],
        source: p.source,
        noDuplicatesWithin: noDup,
        matches,
        nonMatches,
        sameNumber: numbers.pairs,
        apart,
        dob,
        edgeWeight,
        sex: p.sex,
      });
      return { clusters, edgeCount };
    };

    job.progress('scoring', 0, pairs.count);
    // A first linkage says who holds each name, postcode and contact; the term frequencies are
    // then counted among other people (tf-people.ts), and the pairs scored and clustered again.
    const firstModel = buildModel(spec, plan, p, prior);
    step('apart');
    const firstAdjusted = await scoreAll(firstModel);
    step('first scoring');
    const first = clusterOn().clusters;
    step('first clustering');
    const model = buildModel(spec, plan, p, prior, tfCountsAmongOthers(p, first.personOf, first.personCount));
    step('tf among others');
    const adjusted = options.fullRescore ? await scoreAll(model) : await rescore(firstModel, firstAdjusted, model);
    step('second scoring');
    let keptCount = 0;
    for (let x = 0; x < pairs.count; x++) if ((weight[x] as number) >= floor) keptCount++;
    const K = plan.comparisons.length;
    // shared, so the workers write the kept pairs' levels and waterfalls, and the Run's write
    // worker reads them all without a copy
    const keptAt = new Int32Array(new SharedArrayBuffer(Math.max(1, keptCount) * 4)).subarray(0, keptCount);
    const kept: ScoredPairs = {
      a: new Int32Array(new SharedArrayBuffer(Math.max(1, keptCount) * 4)).subarray(0, keptCount),
      b: new Int32Array(new SharedArrayBuffer(Math.max(1, keptCount) * 4)).subarray(0, keptCount),
      weight: new Float32Array(new SharedArrayBuffer(Math.max(1, keptCount) * 4)).subarray(0, keptCount),
      count: keptCount,
      levels: sharedBytes(keptCount * K),
      weights: new Float32Array(new SharedArrayBuffer(Math.max(1, keptCount * K) * 4)).subarray(0, keptCount * K),
    };
    let s = 0;
    for (let x = 0; x < pairs.count; x++) {
      const w = weight[x] as number;
      if (w >= floor) {
        keptAt[s] = x;
        kept.a[s] = pairs.a[x] as number;
        kept.b[s] = pairs.b[x] as number;
        kept.weight[s] = w;
        s++;
      }
    }
    await pool.explain(model, gammas, pairs.a, pairs.b, keptAt, kept.levels, kept.weights, job);
    // the rules' changes, on the comparison each changed (kept pairs are in pair order)
    for (const [x, change] of adjusted) {
      if ((weight[x] as number) < floor) continue;
      const at = lowerBound(keptAt, x);
      kept.weights[at * K + change.comparison]! += change.delta;
    }
    job.progress('scoring', pairs.count, pairs.count);
    step('kept pairs');
    lap('score');

    job.progress('clustering', 0, 1);
    const { clusters, edgeCount } = clusterOn();
    job.progress('clustering', 1, 1);
    lap('cluster');
    return {
      clusters,
      spec,
      analysis,
      model,
      prepared: p,
      pairs: kept,
      prior,
      candidatePairs: pairs.count,
      matchedPairs: edgeCount,
      personNumbers: { shared: numbers.shared, keptApart: numbers.keptApart, joined: clusters.joinedByPersonNumber },
      rescoredPairs,
      training,
      warnings,
      timings,
      memory,
    };
  }
}

/** The first index of sorted `values` holding at least `x`. */
function lowerBound(values: Int32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** y·512 + m·32 + d per record (0 when missing), as the comparisons pack it. */
function dobYmd(p: Prepared): Int32Array {
  const out = new Int32Array(p.n);
  for (let i = 0; i < p.n; i++) out[i] = (p.dob[i] as number) < 0 ? 0 : (p.dobY[i] as number) * 512 + (p.dobM[i] as number) * 32 + (p.dobD[i] as number);
  return out;
}

function estimateLambda(plan: Plan, patterns: ReturnType<typeof aggregatePatterns>, params: Parameters, em: MatchSpec['em']): number {
  // EM for λ alone: m and u are held, so each iteration is one E-step, and each level's
  // log2(m/u) is worked out once (with the within-postcode u, and without)
  const ratio = (c: number, row: Float64Array): Float64Array => row.map((uv, l) => Math.log2(Math.max(params.m[c]![l] as number, 1e-6) / Math.max(uv, 1e-12)));
  const weights = params.u.map((row, c) => ratio(c, row));
  const weightsPc = params.uPc.map((row, c) => (row ? ratio(c, row) : null));
  let lambda = 0.1;
  for (let it = 0; it < em.maxIterations; it++) {
    const next = lambdaStep(plan, patterns, weights, weightsPc, lambda);
    const done = Math.abs(next - lambda) < em.convergence * 0.01;
    lambda = next;
    if (done) break;
  }
  return lambda;
}

function lambdaStep(plan: Plan, patterns: ReturnType<typeof aggregatePatterns>, weights: Float64Array[], weightsPc: Array<Float64Array | null>, lambda: number): number {
  const k = plan.comparisons.length;
  let total = 0;
  let matched = 0;
  const pcc = plan.postcode >= 0 ? plan.comparisons[plan.postcode] : undefined;
  for (let q = 0; q < patterns.size; q++) {
    const base = q * k;
    const samePc = pcc !== undefined && patterns.levels[base + plan.postcode] === pcc.exactLevel;
    let w = Math.log2(lambda / (1 - lambda));
    for (let c = 0; c < k; c++) {
      const l = patterns.levels[base + c] as number;
      if (l === 0) continue;
      const row = samePc && weightsPc[c] ? (weightsPc[c] as Float64Array) : (weights[c] as Float64Array);
      w += row[l] as number;
    }
    const post = probabilityOf(w);
    const cnt = patterns.counts[q] as number;
    total += cnt;
    matched += cnt * post;
  }
  return Math.min(1 - 1e-9, Math.max(1e-9, matched / Math.max(total, 1)));
}

const round = (v: number): number => Number(v.toPrecision(6));

/** A copy of the spec carrying the trained m/u (and within-postcode u). */
function withParameters(spec: MatchSpec, params: Parameters, prior: number): MatchSpec {
  const out = structuredClone(spec);
  out.probabilityTwoRandomRecordsMatch = Number(prior.toPrecision(6));
  out.comparisons.forEach((c, k) => {
    if (c.fixed) return;
    c.levels.forEach((l, li) => {
      if (l.kind === 'null') return;
      l.m = clampProbability(params.m[k]![li] as number);
      l.u = clampProbability(params.u[k]![li] as number);
      const pc = params.uPc[k];
      if (c.conditionalOnPostcode && pc) l.uSamePostcode = clampProbability(pc[li] as number);
    });
  });
  out.trainedAt = new Date().toISOString();
  return out;
}

/** Six significant figures, kept strictly inside (0, 1) so the saved spec parses again. */
const clampProbability = (v: number): number => Math.min(0.999999, Math.max(1e-9, round(v)));
