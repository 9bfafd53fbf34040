// Unsupervised training, after Splink: u from random pairs (and, for household fields, from
// random pairs within one postcode); m by expectation–maximisation over the pairs of each
// training blocking rule, never training a comparison on the rule that blocks on it; the prior
// from the share of candidate pairs EM believes are matches.
import type { Plan } from './compare.js';
import type { Prepared } from './prepare.js';
import { KEY_FIELDS, type BlockingRule, type MatchSpec } from './spec.js';

/** Small, fast, seeded PRNG (mulberry32) so runs are reproducible. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type PairFilter = (i: number, j: number) => boolean;

/** Up to `size` random pairs (i < j) that the filter allows. */
export function samplePairs(n: number, size: number, allowed: PairFilter, seed: number): { a: Int32Array; b: Int32Array; count: number } {
  const a = new Int32Array(new SharedArrayBuffer(Math.max(1, size) * 4));
  const b = new Int32Array(new SharedArrayBuffer(Math.max(1, size) * 4));
  const random = rng(seed);
  let count = 0;
  let attempts = 0;
  const maxAttempts = size * 20;
  while (count < size && attempts < maxAttempts && n > 1) {
    attempts++;
    const x = Math.floor(random() * n);
    const y = Math.floor(random() * n);
    if (x === y) continue;
    const i = x < y ? x : y;
    const j = x < y ? y : x;
    if (!allowed(i, j)) continue;
    a[count] = i;
    b[count] = j;
    count++;
  }
  return { a: a.subarray(0, count), b: b.subarray(0, count), count };
}

/** Up to `size` random pairs sharing a full postcode (all of them when there are fewer). */
export function sampleSamePostcodePairs(p: Prepared, size: number, allowed: PairFilter, seed: number): { a: Int32Array; b: Int32Array; count: number } {
  // the records of each postcode, postcodes in order of first appearance, records in order: one
  // buffer cut into views, not a map of a million growing arrays
  const slotOf = new Int32Array(p.postcodes.length).fill(-1);
  const sizes: number[] = [];
  for (let i = 0; i < p.n; i++) {
    const pc = p.pc[i] as number;
    if (pc < 0) continue;
    if (slotOf[pc] === -1) {
      slotOf[pc] = sizes.length;
      sizes.push(0);
    }
    sizes[slotOf[pc] as number]!++;
  }
  const starts = new Int32Array(sizes.length + 1);
  for (let g = 0; g < sizes.length; g++) starts[g + 1] = (starts[g] as number) + (sizes[g] as number);
  const members = new Int32Array(starts[sizes.length] as number);
  const fill = starts.slice(0, sizes.length);
  for (let i = 0; i < p.n; i++) {
    const pc = p.pc[i] as number;
    if (pc >= 0) members[fill[slotOf[pc] as number]!++] = i;
  }
  const lists: Int32Array[] = [];
  for (let g = 0; g < sizes.length; g++) if ((sizes[g] as number) > 1) lists.push(members.subarray(starts[g] as number, starts[g + 1] as number));
  const cumulative = new Float64Array(lists.length + 1);
  lists.forEach((g, k) => {
    cumulative[k + 1] = (cumulative[k] as number) + (g.length * (g.length - 1)) / 2;
  });
  const total = cumulative[lists.length] as number;
  const cap = Math.min(size, Math.ceil(total));
  const a = new Int32Array(new SharedArrayBuffer(Math.max(1, cap) * 4));
  const b = new Int32Array(new SharedArrayBuffer(Math.max(1, cap) * 4));
  let count = 0;
  if (total <= size) {
    for (const g of lists) {
      for (let x = 0; x < g.length; x++) {
        for (let y = x + 1; y < g.length; y++) {
          const i = Math.min(g[x] as number, g[y] as number);
          const j = Math.max(g[x] as number, g[y] as number);
          if (!allowed(i, j) || count >= cap) continue;
          a[count] = i;
          b[count] = j;
          count++;
        }
      }
    }
  } else {
    const random = rng(seed);
    let attempts = 0;
    while (count < cap && attempts < cap * 20) {
      attempts++;
      const r = random() * total;
      let lo = 0;
      let hi = lists.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid + 1] as number) <= r) lo = mid + 1;
        else hi = mid;
      }
      const g = lists[lo] as Int32Array;
      const x = Math.floor(random() * g.length);
      const y = Math.floor(random() * g.length);
      if (x === y) continue;
      const i = Math.min(g[x] as number, g[y] as number);
      const j = Math.max(g[x] as number, g[y] as number);
      if (!allowed(i, j)) continue;
      a[count] = i;
      b[count] = j;
      count++;
    }
  }
  return { a: a.subarray(0, count), b: b.subarray(0, count), count };
}

/** Level frequencies per comparison among non-null levels, lightly smoothed. */
export function levelFrequencies(plan: Plan, gammas: Uint8Array, count: number): Array<Float64Array | null> {
  const k = plan.comparisons.length;
  const counts = plan.comparisons.map((c) => new Float64Array(c.levelCount));
  for (let x = 0; x < count; x++) {
    const base = x * k;
    for (let c = 0; c < k; c++) counts[c]![gammas[base + c] as number]! += 1;
  }
  return counts.map((row) => {
    let total = 0;
    for (let l = 1; l < row.length; l++) total += row[l] as number;
    if (total < 50) return null;
    const out = new Float64Array(row.length);
    for (let l = 1; l < row.length; l++) out[l] = Math.max(row[l] as number, 0.5) / (total + 0.5);
    return out;
  });
}

export interface Patterns {
  /** K levels per pattern */
  levels: Uint8Array;
  counts: Float64Array;
  size: number;
}

/** Distinct gamma vectors with their counts, for pairs the filter keeps. */
export function aggregatePatterns(plan: Plan, gammas: Uint8Array, count: number, keep?: (x: number) => boolean, weight?: ArrayLike<number>): Patterns {
  const k = plan.comparisons.length;
  const radix = plan.comparisons.map((c) => c.levelCount);
  const index = new PatternIndex();
  const levels: number[] = [];
  const counts: number[] = [];
  for (let x = 0; x < count; x++) {
    if (keep && !keep(x)) continue;
    const base = x * k;
    let key = 0;
    for (let c = 0; c < k; c++) key = key * (radix[c] as number) + (gammas[base + c] as number);
    let id = index.get(key);
    if (id < 0) {
      id = counts.length;
      index.set(key, id);
      counts.push(0);
      for (let c = 0; c < k; c++) levels.push(gammas[base + c] as number);
    }
    counts[id]! += weight ? (weight[x] as number) : 1;
  }
  return { levels: Uint8Array.from(levels), counts: Float64Array.from(counts), size: counts.length };
}

/**
 * Pattern key (a whole number below 2^53) → id, open addressing in typed arrays: the keys are
 * too large for small integers, and a Map of them costs a heap number per look-up — ten million
 * of them when the prior is estimated at a million records.
 */
class PatternIndex {
  private keys = new Float64Array(1024).fill(-1);
  private ids = new Int32Array(1024);
  private size = 0;

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    // the key's low and high words mixed (multiplicative hashing)
    let h = Math.imul((key % 4294967296) | 0, 0x9e3779b1) ^ Math.imul(Math.floor(key / 4294967296) | 0, 0x85ebca77);
    h ^= h >>> 15;
    let at = h & mask;
    while (this.keys[at] !== -1 && this.keys[at] !== key) at = (at + 1) & mask;
    return at;
  }

  get(key: number): number {
    const at = this.slot(key);
    return this.keys[at] === key ? (this.ids[at] as number) : -1;
  }

  set(key: number, id: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const at = this.slot(key);
    if (this.keys[at] !== key) this.size++;
    this.keys[at] = key;
    this.ids[at] = id;
  }

  private grow(): void {
    const keys = this.keys;
    const ids = this.ids;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.ids = new Int32Array(keys.length * 2);
    for (let at = 0; at < keys.length; at++) {
      if (keys[at] === -1) continue;
      const to = this.slot(keys[at] as number);
      this.keys[to] = keys[at] as number;
      this.ids[to] = ids[at] as number;
    }
  }
}

export interface Parameters {
  /** m[k][l], u[k][l], uSamePostcode[k][l] (null rows where a comparison has none) */
  m: Float64Array[];
  u: Float64Array[];
  uPc: Array<Float64Array | null>;
}

export function parametersFromSpec(spec: MatchSpec): Parameters {
  return {
    m: spec.comparisons.map((c) => Float64Array.from(c.levels.map((l) => l.m ?? 0))),
    u: spec.comparisons.map((c) => Float64Array.from(c.levels.map((l) => l.u ?? 0))),
    uPc: spec.comparisons.map((c) => (c.conditionalOnPostcode ? Float64Array.from(c.levels.map((l) => l.uSamePostcode ?? l.u ?? 0)) : null)),
  };
}

/** The u a pattern sees for comparison c: the within-postcode one when the postcodes agree. */
function uFor(params: Parameters, plan: Plan, levels: Uint8Array, base: number, c: number): number {
  const l = levels[base + c] as number;
  const pcRow = params.uPc[c];
  if (pcRow && plan.postcode >= 0) {
    const pcc = plan.comparisons[plan.postcode]!;
    if (levels[base + plan.postcode] === pcc.exactLevel) return pcRow[l] as number;
  }
  return params.u[c]![l] as number;
}

const M_FLOOR = 1e-6;
/**
 * An "else" level never has m below this (identifiers aside): the training data may hold no
 * match with, say, a different sex, but real records do, and −19 bits would act as a veto.
 */
const M_FLOOR_ELSE = 1e-3;
// identifiers with a check digit: a keying error fails the check, so two valid different values are two people
const IDENTIFIER_FIELDS = new Set(['nhsNumber', 'upn']);

/**
 * EM with u fixed: estimates m for the comparisons in `train` (and λ) from pattern counts. The
 * comparisons not in `train` are left out of the likelihood altogether.
 */
export function expectationMaximisation(
  plan: Plan,
  patterns: Patterns,
  params: Parameters,
  train: readonly boolean[],
  options: { maxIterations: number; convergence: number; lambda?: number },
): { m: Float64Array[]; lambda: number; iterations: number } {
  const k = plan.comparisons.length;
  const m = params.m.map((row) => Float64Array.from(row));
  let lambda = options.lambda ?? 0.1;
  const w = new Float64Array(patterns.size);
  // the log u part of each pattern never changes
  const logU = new Float64Array(patterns.size);
  for (let p = 0; p < patterns.size; p++) {
    const base = p * k;
    let s = 0;
    for (let c = 0; c < k; c++) {
      if (!train[c]) continue;
      const l = patterns.levels[base + c] as number;
      if (l === 0) continue;
      s += Math.log(Math.max(uFor(params, plan, patterns.levels, base, c), 1e-12));
    }
    logU[p] = s;
  }
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    let total = 0;
    let matched = 0;
    // log m per level, worked out once an iteration rather than once a pattern
    const logMOf = m.map((row) => row.map((v) => Math.log(Math.max(v, M_FLOOR))));
    for (let p = 0; p < patterns.size; p++) {
      const base = p * k;
      let logM = 0;
      for (let c = 0; c < k; c++) {
        if (!train[c]) continue;
        const l = patterns.levels[base + c] as number;
        if (l === 0) continue;
        logM += logMOf[c]![l] as number;
      }
      const a = Math.log(lambda) + logM;
      const b = Math.log(1 - lambda) + (logU[p] as number);
      const post = 1 / (1 + Math.exp(b - a));
      w[p] = post;
      const cnt = patterns.counts[p] as number;
      total += cnt;
      matched += cnt * post;
    }
    let change = 0;
    for (let c = 0; c < k; c++) {
      if (!train[c]) continue;
      const row = m[c]!;
      const acc = new Float64Array(row.length);
      let sum = 0;
      for (let p = 0; p < patterns.size; p++) {
        const l = patterns.levels[p * k + c] as number;
        if (l === 0) continue;
        const v = (patterns.counts[p] as number) * (w[p] as number);
        acc[l]! += v;
        sum += v;
      }
      if (sum <= 0) continue;
      const cc = plan.comparisons[c]!;
      const elseFloor = IDENTIFIER_FIELDS.has(cc.field) ? M_FLOOR : M_FLOOR_ELSE;
      for (let l = 1; l < row.length; l++) {
        const floor = l === row.length - 1 ? elseFloor : M_FLOOR;
        const next = Math.max(floor, (acc[l] as number) / sum);
        change = Math.max(change, Math.abs(next - (row[l] as number)));
        row[l] = next;
      }
    }
    const nextLambda = Math.min(1 - 1e-9, Math.max(1e-9, matched / Math.max(total, 1)));
    change = Math.max(change, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    if (change < options.convergence) {
      iterations++;
      break;
    }
  }
  return { m, lambda, iterations };
}

/** Which comparisons a blocking rule leaves free to train (not blocked on, not fixed). */
export function trainableFor(spec: MatchSpec, rule: BlockingRule): boolean[] {
  const blocked = new Set<string>(rule.keys.flatMap((key) => KEY_FIELDS[key]));
  // A forename (or its sound) says the sex: pairs blocked on it agree on sex whether or not they
  // match, and EM, told sex agreement is a match's mark, calls them all matches.
  if (rule.keys.some((key) => key === 'forename' || key === 'forenamePhonetic' || key === 'nameSounds')) blocked.add('sex');
  return spec.comparisons.map((c) => !c.fixed && !blocked.has(c.field));
}

/**
 * The within-postcode u, cleaned of matches: random pairs sharing a postcode include many pairs
 * of one person (their records share the postcode), which would make a shared surname or address
 * look common among non-matches. EM over that sample with m held: each pair counts towards u in
 * proportion to its posterior probability of being a non-match; λ is the sample's match share.
 * Returns new uSamePostcode rows for the conditional comparisons (others unchanged).
 */
export function estimateSamePostcodeU(
  plan: Plan,
  patterns: Patterns,
  params: Parameters,
  conditional: readonly boolean[],
  options: { maxIterations: number; convergence: number },
): { uPc: Array<Float64Array | null>; lambda: number } {
  const k = plan.comparisons.length;
  const uPc = params.uPc.map((row) => (row ? Float64Array.from(row) : null));
  const pcc = plan.postcode >= 0 ? plan.comparisons[plan.postcode] : undefined;
  let lambda = 0.1;
  const post = new Float64Array(patterns.size);
  // logs per level, worked out once (m) or once an iteration (u) rather than once a pattern
  const logMOf = params.m.map((row) => row.map((v) => Math.log(Math.max(v, M_FLOOR))));
  const logUOf = params.u.map((row) => row.map((v) => Math.log(Math.max(v, 1e-12))));
  for (let it = 0; it < options.maxIterations; it++) {
    let total = 0;
    let matched = 0;
    const logUPcOf = uPc.map((row) => (row ? row.map((v) => Math.log(Math.max(v, 1e-12))) : null));
    for (let p = 0; p < patterns.size; p++) {
      const base = p * k;
      const samePc = pcc !== undefined && patterns.levels[base + plan.postcode] === pcc.exactLevel;
      let logM = Math.log(lambda);
      let logU = Math.log(1 - lambda);
      for (let c = 0; c < k; c++) {
        const l = patterns.levels[base + c] as number;
        if (l === 0) continue;
        logM += logMOf[c]![l] as number;
        const row = samePc && logUPcOf[c] ? (logUPcOf[c] as Float64Array) : (logUOf[c] as Float64Array);
        logU += row[l] as number;
      }
      const q = 1 / (1 + Math.exp(logU - logM));
      post[p] = q;
      const cnt = patterns.counts[p] as number;
      total += cnt;
      matched += cnt * q;
    }
    let change = 0;
    for (let c = 0; c < k; c++) {
      const row = uPc[c];
      if (!conditional[c] || !row) continue;
      const acc = new Float64Array(row.length);
      let sum = 0;
      for (let p = 0; p < patterns.size; p++) {
        const l = patterns.levels[p * k + c] as number;
        if (l === 0) continue;
        const v = (patterns.counts[p] as number) * (1 - (post[p] as number));
        acc[l]! += v;
        sum += v;
      }
      if (sum <= 0) continue;
      for (let l = 1; l < row.length; l++) {
        const next = Math.max(0.5, acc[l] as number) / (sum + 0.5);
        change = Math.max(change, Math.abs(next - (row[l] as number)));
        row[l] = next;
      }
    }
    const nextLambda = Math.min(1 - 1e-9, Math.max(1e-9, matched / Math.max(total, 1)));
    change = Math.max(change, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    if (change < options.convergence) break;
  }
  return { uPc, lambda };
}
