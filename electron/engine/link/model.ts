// Scoring: a pair's match weight is the prior's log-odds plus, per comparison, log2(m/u) of its
// level — with the within-postcode u for household fields when the postcodes agree, and the
// term-frequency u for exact names and postcodes (a common surname weighs less). Weights are in
// bits; probability = 1 / (1 + 2^−weight).
import type { Plan } from './compare.js';
import type { Prepared } from './prepare.js';
import type { MatchSpec } from './spec.js';
import { detailTf } from './person-details.js';

/** How far a rare value may raise an exact level above its average weight (bits). */
export const TF_MAX_BOOST_BITS = 3;

interface TfTable {
  level: number;
  values: Int32Array;
  /** records holding each value (or, given `TfCounts`, the records of other people holding it) */
  counts: Int32Array | Float64Array;
  total: number;
  m: number;
  u: number;
  uPc: number | null;
}

export interface Model {
  plan: Plan;
  weights: Float64Array[];
  weightsPc: Array<Float64Array | null>;
  tf: Array<TfTable | null>;
  /** log2 of the prior odds */
  priorWeight: number;
  postcodeExact: number;
}

const log2 = Math.log2;

/**
 * Per term-frequency field, the count to use for each value instead of the records holding it
 * (see tf-people.ts: the records of people other than the one a record belongs to).
 */
export type TfCounts = Partial<Record<'forename' | 'surname' | 'postcode' | 'otherId' | 'email' | 'phone', Float64Array>>;

export function buildModel(spec: MatchSpec, plan: Plan, p: Prepared, prior: number, counts: TfCounts = {}): Model {
  const weights = spec.comparisons.map((c) => Float64Array.from(c.levels.map((l) => (l.kind === 'null' || !l.m || !l.u ? 0 : log2(l.m / l.u)))));
  const weightsPc = spec.comparisons.map((c) =>
    c.conditionalOnPostcode ? Float64Array.from(c.levels.map((l) => (l.kind === 'null' || !l.m || !(l.uSamePostcode ?? l.u) ? 0 : log2(l.m / (l.uSamePostcode ?? (l.u as number)))))) : null,
  );
  const tf = spec.comparisons.map((c): TfTable | null => {
    const level = c.levels.findIndex((l) => l.tf && l.kind === 'exact');
    if (level < 0) return null;
    const l = c.levels[level]!;
    if (!l.m || !l.u) return null;
    const base = { level, m: l.m, u: l.u, uPc: c.conditionalOnPostcode ? (l.uSamePostcode ?? null) : null };
    if (c.field === 'forename') return { ...base, values: p.fn, counts: counts.forename ?? p.fnCount, total: p.fnTotal };
    if (c.field === 'surname') return { ...base, values: p.sn, counts: counts.surname ?? p.snCount, total: p.snTotal };
    if (c.field === 'postcode') return { ...base, values: p.pc, counts: counts.postcode ?? p.pcCount, total: p.pcTotal };
    // a number many records share (a stand-in the screen did not catch) weighs less
    if (c.field === 'otherId') return { ...base, values: p.otherId, counts: counts.otherId ?? p.otherIdCount, total: p.otherIdTotal };
    // an e-mail or number a family or a service shares weighs less
    if (c.field === 'email') return { ...base, values: p.email, counts: counts.email ?? p.contactCount, total: p.emailTotal };
    if (c.field === 'phone') return { ...base, values: p.phone, counts: counts.phone ?? p.contactCount, total: p.phoneTotal };
    // LABOURER or JOHN as a father's forename is shared by many: weighs less
    const detail = detailTf(p.details, c.field);
    if (detail) return { ...base, values: detail.values, counts: detail.counts, total: detail.total };
    return null;
  });
  const pcc = plan.postcode >= 0 ? plan.comparisons[plan.postcode] : undefined;
  return { plan, weights, weightsPc, tf, priorWeight: log2(prior / (1 - prior)), postcodeExact: pcc ? pcc.exactLevel : -1 };
}

/** The exact level's weight for value v, adjusted by its term frequency. */
function tfWeight(tf: TfTable, v: number, samePostcode: boolean): number {
  const freq = (tf.counts[v] as number) / tf.total;
  const pc = samePostcode && tf.uPc !== null;
  const uAvg = pc ? (tf.uPc as number) : tf.u;
  const scaled = pc ? freq * ((tf.uPc as number) / tf.u) : freq;
  const u = Math.max(scaled, uAvg / 2 ** TF_MAX_BOOST_BITS);
  return log2(tf.m / u);
}

/** The weight of comparison c at level l for records (i, j), given whether postcodes agree. */
function comparisonWeight(model: Model, c: number, l: number, i: number, samePostcode: boolean, j: number): number {
  const tf = model.tf[c];
  if (tf && l === tf.level && tf.total > 0) {
    const v = tf.values[i] as number;
    if (v >= 0) return tfWeight(tf, v, samePostcode);
  }
  const pcRow = samePostcode ? model.weightsPc[c] : null;
  const w = pcRow ? (pcRow[l] as number) : (model.weights[c]![l] as number);
  // A spelling variant is never stronger evidence than the name itself written the same: Smyth
  // against Smith weighs at most what Smith against Smith does. Without this a register full of
  // Smiths joins its variants more readily than its exact pairs (the fuzzy level has no term
  // frequency, so it carries the average name's weight).
  if (tf && l > tf.level && w > 0 && j >= 0 && tf.total > 0 && NAME_FIELDS.has(model.plan.comparisons[c]!.field)) {
    const a = tf.values[i] as number;
    const b = tf.values[j] as number;
    if (a >= 0 && b >= 0) {
      const commoner = (tf.counts[a] as number) >= (tf.counts[b] as number) ? a : b;
      return Math.min(w, tfWeight(tf, commoner, samePostcode));
    }
  }
  return w;
}

const NAME_FIELDS: ReadonlySet<string> = new Set(['forename', 'surname']);

/** Match weight (bits) of pair x (records i and j) whose levels sit at gammas[x*K ..]. */
export function pairWeight(model: Model, gammas: Uint8Array, x: number, i: number, j = -1): number {
  const k = model.plan.comparisons.length;
  const base = x * k;
  const samePostcode = model.plan.postcode >= 0 && gammas[base + model.plan.postcode] === model.postcodeExact;
  let w = model.priorWeight;
  for (let c = 0; c < k; c++) {
    const l = gammas[base + c] as number;
    if (l === 0) continue;
    w += comparisonWeight(model, c, l, i, samePostcode, j);
  }
  return w;
}

/** Per-comparison weights of pair x (the waterfall), written to out[0..K). */
export function explainInto(model: Model, gammas: Uint8Array, x: number, i: number, out: Float32Array, at = 0, j = -1): void {
  const k = model.plan.comparisons.length;
  const base = x * k;
  const samePostcode = model.plan.postcode >= 0 && gammas[base + model.plan.postcode] === model.postcodeExact;
  for (let c = 0; c < k; c++) {
    const l = gammas[base + c] as number;
    out[at + c] = l === 0 ? 0 : comparisonWeight(model, c, l, i, samePostcode, j);
  }
}

export const probabilityOf = (weight: number): number => 1 / (1 + 2 ** -weight);
export const weightOf = (probability: number): number => log2(probability / (1 - probability));
