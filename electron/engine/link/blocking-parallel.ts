// Blocking on two threads (the main thread and the front worker, front-thread.ts): the rules are
// independent until pairs are made, so each thread groups some rules (sorting records by their
// keys, narrowing a broad rule); then, with every rule's block ids known, each thread enumerates
// some rules' pairs into that rule's own stretch of one shared output, and the stretches are
// moved together in rule order. The pairs, their order and the analysis are those of one thread
// (blocking.ts, test/unit/link-blocking-parallel.test.ts).
import {
  analyseBlocks,
  blockingColumns,
  capRule,
  compactPairs,
  effectiveRules,
  enumeratePairs,
  enumerateRules,
  guardBlocking,
  interleavedKeys,
  pairBuffers,
  ruleGroups,
  ruleOffsets,
  RULE_CAP_FLOOR,
  RULE_CAP_PER_RECORD,
  type BlockingAnalysis,
  type BlockingOptions,
  type CandidatePairs,
  type RuleKeys,
} from './blocking.js';
import type { FrontThread } from './front-thread.js';
import type { Prepared } from './prepare.js';
import type { BlockingRule, MatchSpec } from './spec.js';

export interface Blocked {
  grouped: RuleKeys[];
  analysis: BlockingAnalysis;
  pairs: CandidatePairs;
}

/** Key arrays a rule sorts by, as a guess at its grouping's cost (a rule that may narrow groups twice). */
function groupingCost(rule: BlockingRule): number {
  const parts = (r: BlockingRule): number => r.keys.reduce((s, k) => s + (k === 'nameSounds' ? 2 : 1), 0);
  return parts(rule) + (rule.narrowTo && rule.narrowAbove !== undefined ? rule.narrowTo.reduce((s, r) => s + parts(r), 0) : 0);
}

/**
 * Items split between two threads by cost, largest first to the less loaded (the first thread
 * takes ties): indexes for this thread and for the worker, each ascending.
 */
export function splitByCost(costs: readonly number[]): { here: number[]; there: number[] } {
  const order = costs.map((_, k) => k).sort((x, y) => (costs[y] as number) - (costs[x] as number) || x - y);
  const here: number[] = [];
  const there: number[] = [];
  let loadHere = 0;
  let loadThere = 0;
  for (const k of order) {
    if (loadHere <= loadThere) {
      here.push(k);
      loadHere += costs[k] as number;
    } else {
      there.push(k);
      loadThere += costs[k] as number;
    }
  }
  return { here: here.sort((x, y) => x - y), there: there.sort((x, y) => x - y) };
}

/**
 * Groups, analyses, guards and enumerates as blocking.ts does on one thread (effectiveRules,
 * analyseBlocks, guardBlocking, enumeratePairs), with half the work on `front`'s worker.
 */
export async function blockOnTwoThreads(
  p: Prepared,
  spec: Pick<MatchSpec, 'blockingRules' | 'maxBlockSize' | 'maxComparisons'>,
  o: BlockingOptions,
  front: FrontThread,
  onProgress?: (done: number, total: number) => void,
): Promise<Blocked> {
  const rules = spec.blockingRules;
  const columns = blockingColumns(p);
  const groupSplit = splitByCost(rules.map(groupingCost));
  const remoteGroups = front.request<Array<ReturnType<typeof ruleGroups>>>({ kind: 'group', columns, rules: groupSplit.there.map((k) => rules[k] as BlockingRule), maxBlockSize: spec.maxBlockSize });
  const localGroups = groupSplit.here.map((k) => ruleGroups(p, rules[k] as BlockingRule, spec.maxBlockSize));
  const fromWorker = await remoteGroups;
  const byRule = new Array<ReturnType<typeof ruleGroups>>(rules.length);
  groupSplit.here.forEach((k, x) => (byRule[k] = localGroups[x] as ReturnType<typeof ruleGroups>));
  groupSplit.there.forEach((k, x) => (byRule[k] = fromWorker[x] as ReturnType<typeof ruleGroups>));
  const grouped = byRule.flatMap((g) => g.grouped);
  const narrowed = byRule.flatMap((g) => (g.narrowed ? [g.narrowed] : []));
  const cap = Math.max(RULE_CAP_FLOOR, Math.round(RULE_CAP_PER_RECORD * p.n));
  for (const g of grouped) capRule(g, cap);

  const analysis = analyseBlocks(p, grouped, o);
  analysis.narrowed = narrowed;
  guardBlocking(analysis, spec.maxComparisons);

  const offsets = ruleOffsets(analysis);
  const total = Math.max(1, offsets.at(-1) as number);
  const out = pairBuffers(total);
  const keys = interleavedKeys(p.n, grouped);
  // a later rule checks each pair against every earlier rule: it costs a little more per pair
  const split = splitByCost(analysis.rules.map((r, k) => r.comparisons * (1 + k / 8)));
  const remoteCounts = front.request<number[]>({ kind: 'enumerate', columns: { n: p.n, source: p.source }, grouped, keys, rules: split.there, offsets, out, options: o });
  const localCounts = enumerateRules(p, grouped, keys, split.here, offsets, out, o, onProgress ? (done) => onProgress(done, total) : undefined);
  const workerCounts = await remoteCounts;
  const counts = new Array<number>(grouped.length).fill(0);
  split.here.forEach((r, x) => (counts[r] = localCounts[x] as number));
  split.there.forEach((r, x) => (counts[r] = workerCounts[x] as number));
  const pairs = compactPairs(out, offsets, counts, analysis);
  onProgress?.(pairs.count, pairs.count);
  return { grouped, analysis, pairs };
}

/** Blocking on two threads when the front worker runs (a large Run), else on this one. */
export async function findCandidatePairs(
  p: Prepared,
  spec: Pick<MatchSpec, 'blockingRules' | 'maxBlockSize' | 'maxComparisons'>,
  o: BlockingOptions,
  front: FrontThread | undefined,
  onProgress?: (done: number, total: number) => void,
): Promise<Blocked> {
  if (front?.running && spec.blockingRules.length > 1) return blockOnTwoThreads(p, spec, o, front, onProgress);
  const { grouped, narrowed } = effectiveRules(p, spec.blockingRules, spec.maxBlockSize);
  const analysis = analyseBlocks(p, grouped, o);
  analysis.narrowed = narrowed;
  guardBlocking(analysis, spec.maxComparisons);
  const pairs = enumeratePairs(p, grouped, analysis, o, onProgress);
  return { grouped, analysis, pairs };
}
