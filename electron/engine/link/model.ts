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
  /**
   * The exact level's weight per value id, worked out once per model rather than once per pair
   * (ten million pairs share a few hundred thousand values): `w` with postcodes that differ,
   * `wPc` with postcodes that agree (null when the comparison has no within-postcode u).
   */
  w: Float64Array;
  wPc: Float64Array | null;
}

export interface Model {
  plan: Plan;
  weights: Float64Array[];
  weightsPc: Array<Float64Array | null>;
  tf: Array<TfTable | null>;
  /** log2 of the prior odds */
  priorWeight: number;
  postcodeExact: number;
  /**
   * The level weights flat, for the per-pair loops (ten million pairs at a million records):
   * comparison c's level l at levelAt[c] + l, with postcodes that differ (flatW) and agree
   * (flatWPc: the within-postcode weight where the comparison has one); byValue marks the levels
   * whose weight depends on the pair's values (term frequencies), which comparisonWeight works out.
   */
  levelAt: Int32Array;
  flatW: Float64Array;
  flatWPc: Float64Array;
  byValue: Uint8Array;
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
    const table = (values: Int32Array, counts: Int32Array | Float64Array, total: number): TfTable => {
      const w = new Float64Array(counts.length);
      const wPc = base.uPc === null ? null : new Float64Array(counts.length);
      for (let v = 0; v < counts.length; v++) {
        w[v] = tfWeightOf(base, counts[v] as number, total, false);
        if (wPc) wPc[v] = tfWeightOf(base, counts[v] as number, total, true);
      }
      return { ...base, values, counts, total, w, wPc };
    };
    if (c.field === 'forename') return table(p.fn, counts.forename ?? p.fnCount, p.fnTotal);
    if (c.field === 'surname') return table(p.sn, counts.surname ?? p.snCount, p.snTotal);
    if (c.field === 'postcode') return table(p.pc, counts.postcode ?? p.pcCount, p.pcTotal);
    // a number many records share (a stand-in the screen did not catch) weighs less
    if (c.field === 'otherId') return table(p.otherId, counts.otherId ?? p.otherIdCount, p.otherIdTotal);
    // an e-mail or number a family or a service shares weighs less
    if (c.field === 'email') return table(p.email, counts.email ?? p.contactCount, p.emailTotal);
    if (c.field === 'phone') return table(p.phone, counts.phone ?? p.contactCount, p.phoneTotal);
    // LABOURER or JOHN as a father's forename is shared by many: weighs less
    const detail = detailTf(p.details, c.field);
    if (detail) return table(detail.values, detail.counts, detail.total);
    return null;
  });
  const pcc = plan.postcode >= 0 ? plan.comparisons[plan.postcode] : undefined;
  const levelAt = new Int32Array(weights.length);
  let levels = 0;
  weights.forEach((row, c) => {
    levelAt[c] = levels;
    levels += row.length;
  });
  const flatW = new Float64Array(levels);
  const flatWPc = new Float64Array(levels);
  const byValue = new Uint8Array(levels);
  weights.forEach((row, c) => {
    const pcRow = weightsPc[c];
    const t = tf[c];
    const named = NAME_FIELDS.has(plan.comparisons[c]!.field);
    for (let l = 0; l < row.length; l++) {
      const at = (levelAt[c] as number) + l;
      flatW[at] = row[l] as number;
      flatWPc[at] = pcRow ? (pcRow[l] as number) : (row[l] as number);
      if (t && t.total > 0 && (l === t.level || (l > t.level && named))) byValue[at] = 1;
    }
  });
  return { plan, weights, weightsPc, tf, priorWeight: log2(prior / (1 - prior)), postcodeExact: pcc ? pcc.exactLevel : -1, levelAt, flatW, flatWPc, byValue };
}

/** The exact level's weight for a value held `count` times in `total`, adjusted by its term frequency. */
function tfWeightOf(tf: Pick<TfTable, 'm' | 'u' | 'uPc'>, count: number, total: number, samePostcode: boolean): number {
  const freq = count / total;
  const pc = samePostcode && tf.uPc !== null;
  const uAvg = pc ? (tf.uPc as number) : tf.u;
  const scaled = pc ? freq * ((tf.uPc as number) / tf.u) : freq;
  const u = Math.max(scaled, uAvg / 2 ** TF_MAX_BOOST_BITS);
  return log2(tf.m / u);
}

/** The exact level's weight for value v (from the model's per-value table). */
function tfWeight(tf: TfTable, v: number, samePostcode: boolean): number {
  return samePostcode && tf.wPc !== null ? (tf.wPc[v] as number) : (tf.w[v] as number);
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
  const table = samePostcode ? model.flatWPc : model.flatW;
  const { levelAt, byValue } = model;
  let w = model.priorWeight;
  for (let c = 0; c < k; c++) {
    const l = gammas[base + c] as number;
    if (l === 0) continue;
    const at = (levelAt[c] as number) + l;
    w += byValue[at] === 1 ? comparisonWeight(model, c, l, i, samePostcode, j) : (table[at] as number);
  }
  return w;
}

/** Per-comparison weights of pair x (the waterfall), written to out[0..K). */
export function explainInto(model: Model, gammas: Uint8Array, x: number, i: number, out: Float32Array, at = 0, j = -1): void {
  const k = model.plan.comparisons.length;
  const base = x * k;
  const samePostcode = model.plan.postcode >= 0 && gammas[base + model.plan.postcode] === model.postcodeExact;
  const table = samePostcode ? model.flatWPc : model.flatW;
  for (let c = 0; c < k; c++) {
    const l = gammas[base + c] as number;
    const level = (model.levelAt[c] as number) + l;
    out[at + c] = l === 0 ? 0 : model.byValue[level] === 1 ? comparisonWeight(model, c, l, i, samePostcode, j) : (table[level] as number);
  }
}

export const probabilityOf = (weight: number): number => 1 / (1 + 2 ** -weight);
export const weightOf = (probability: number): number => log2(probability / (1 - probability));

/**
 * Per term-frequency comparison, how much each value's exact-level weight grew between two models
 * of one spec, plan and prior that differ only in their term-frequency counts (null for a
 * comparison without term frequencies): `changed` marks values whose weight is not the same
 * number, `gain` holds the rise (the larger of the two postcode cases, never below 0).
 */
export interface TfChange {
  before: Model;
  after: Model;
  changed: Array<Uint8Array | null>;
  gain: Array<Float64Array | null>;
  /** the comparisons with term frequencies */
  fields: number[];
}

export function tfChange(before: Model, after: Model): TfChange {
  const differ = (): Error => new Error('tfChange: the two models differ in more than their term-frequency counts');
  if (before.plan !== after.plan || before.priorWeight !== after.priorWeight || before.tf.length !== after.tf.length) throw differ();
  const changed: Array<Uint8Array | null> = [];
  const gain: Array<Float64Array | null> = [];
  const fields: number[] = [];
  before.tf.forEach((b, c) => {
    const a = after.tf[c];
    if (!b || !a) {
      if (b || a) throw differ();
      changed.push(null);
      gain.push(null);
      return;
    }
    if (b.level !== a.level || b.values !== a.values || b.total !== a.total || b.w.length !== a.w.length || (b.wPc === null) !== (a.wPc === null)) throw differ();
    const flags = new Uint8Array(b.w.length);
    const rise = new Float64Array(b.w.length);
    for (let v = 0; v < flags.length; v++) {
      let up = (a.w[v] as number) - (b.w[v] as number);
      if (a.w[v] !== b.w[v]) flags[v] = 1;
      if (b.wPc !== null) {
        if (a.wPc![v] !== b.wPc[v]) flags[v] = 1;
        up = Math.max(up, (a.wPc![v] as number) - (b.wPc[v] as number));
      }
      rise[v] = up > 0 ? up : 0;
    }
    changed.push(flags);
    gain.push(rise);
    if (b.total > 0) fields.push(c);
  });
  return { before, after, changed, gain, fields };
}

/**
 * How much pair x (records i, j) can weigh more under `change.after` than under `change.before`:
 * −1 when its weight is the same number under both (no term-frequency weight it uses changed),
 * else an upper bound of the rise (≥ 0). Only term-frequency weights differ between the models:
 * an exact level whose value's weight changed, or a name's spelling-variant level capped by the
 * commoner name's weight (see comparisonWeight), which rises by at most the larger of the two
 * names' rises (weights fall as counts grow, so the commoner name has the smaller weight).
 */
export function weightRise(change: TfChange, gammas: Uint8Array, x: number, i: number, j: number): number {
  const { before, after, changed, gain, fields } = change;
  const base = x * before.plan.comparisons.length;
  let rise = -1;
  for (let f = 0; f < fields.length; f++) {
    const c = fields[f] as number;
    const tf = before.tf[c] as TfTable;
    const l = gammas[base + c] as number;
    if (l === 0 || l < tf.level) continue;
    const flags = changed[c] as Uint8Array;
    const up = gain[c] as Float64Array;
    if (l === tf.level) {
      const v = tf.values[i] as number;
      if (v >= 0 && flags[v] === 1) rise = Math.max(rise, 0) + (up[v] as number);
      continue;
    }
    if (j < 0 || !NAME_FIELDS.has(before.plan.comparisons[c]!.field)) continue;
    const a = tf.values[i] as number;
    const b = tf.values[j] as number;
    if (a < 0 || b < 0) continue;
    const now = after.tf[c] as TfTable;
    // the commoner of the two names may be the other one under the new counts
    const switched = (tf.counts[a] as number) >= (tf.counts[b] as number) !== (now.counts[a] as number) >= (now.counts[b] as number);
    if (flags[a] === 1 || flags[b] === 1 || switched) rise = Math.max(rise, 0) + Math.max(up[a] as number, up[b] as number);
  }
  return rise;
}

/** What a surname change can add to a pair (surname-change.ts): `bits` for pairs at `level` of comparison `column`. */
export interface SurnameLift {
  column: number;
  level: number;
  bits: number;
}

/** The models a scoring task uses, sent to the workers once before its chunks. */
export type ScoringModels = { score: Model } | { change: TfChange };

/** Match weights of pairs [from, to) into weight[x]. */
export function scoreRange(model: Model, gammas: Uint8Array, a: Int32Array, b: Int32Array, from: number, to: number, weight: Float32Array): void {
  for (let x = from; x < to; x++) weight[x] = pairWeight(model, gammas, x, a[x] as number, b[x] as number);
}

/**
 * Pairs [from, to) scored again under `change.after` where their weight (in `weight`, under
 * `change.before`) can change and rise to `floor`, counting what a surname change may add and a
 * margin for the weights being kept as 32-bit floats; returns how many were scored again.
 */
export function rescoreRange(change: TfChange, lift: SurnameLift, floor: number, gammas: Uint8Array, a: Int32Array, b: Int32Array, from: number, to: number, weight: Float32Array): number {
  const k = change.before.plan.comparisons.length;
  const margin = 1e-3;
  let rescored = 0;
  for (let x = from; x < to; x++) {
    const i = a[x] as number;
    const j = b[x] as number;
    const rise = weightRise(change, gammas, x, i, j);
    if (rise < 0) continue;
    const up = lift.column >= 0 && gammas[x * k + lift.column] === lift.level ? lift.bits : 0;
    if ((weight[x] as number) + rise + up + margin >= floor) {
      weight[x] = pairWeight(change.after, gammas, x, i, j);
      rescored++;
    }
  }
  return rescored;
}

/** For kept pairs s in [from, to) (pair index kept[s]): their K levels and K comparison weights at s·K. */
export function explainRange(model: Model, gammas: Uint8Array, a: Int32Array, b: Int32Array, kept: Int32Array, from: number, to: number, levels: Uint8Array, weights: Float32Array): void {
  const k = model.plan.comparisons.length;
  for (let s = from; s < to; s++) {
    const x = kept[s] as number;
    // byte by byte: a subarray per kept pair is millions of short-lived objects at 1M records
    for (let c = 0; c < k; c++) levels[s * k + c] = gammas[x * k + c] as number;
    explainInto(model, gammas, x, a[x] as number, weights, s * k, b[x] as number);
  }
}
