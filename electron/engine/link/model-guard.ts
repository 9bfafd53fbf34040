// A check on what training produced. EM is unsupervised: on data it has never seen (a training
// rule full of families, many missing dates of birth, a historical set) its "match" class can
// settle on something else — a household, a common name — and then agreement counts against a
// match (exact date of birth m = 0.02, "different" m = 0.82). Two guards, by structure, never by
// tuning to a data set:
// - a comparison whose main agreement level is no better than disagreement, or (for fields where
//   exact agreement is what a match mostly looks like) whose exact level is rarer among matches
//   than a weaker level or than "different", is degenerate: it falls back to its prior m values
//   (the spec's starting values) and the run says which;
// - any agreement level left with a weight below its comparison's "different" level is raised to
//   it (a sparse level EM starved): agreement never counts against a pair more than disagreement.
import type { MatchSpec } from './spec.js';
import type { Parameters } from './train.js';

/** Fields where, among true matches, exact agreement is the commonest level. */
// (not e-mail or phone: people change them, so "different" can be commoner among matches than "equal";
// nor occupation, which changes over a life; a father's forename never does)
const EXACT_FIRST = new Set(['forename', 'surname', 'dob', 'sex', 'nino', 'otherId', 'fatherForename']);
/** Agreement must beat disagreement by at least this many bits on the main level. */
const MIN_MAIN_GAP_BITS = 1;

const weight = (m: number, u: number): number => Math.log2(Math.max(m, 1e-12) / Math.max(u, 1e-12));

/**
 * Why comparison c's m row is degenerate under its u row, or null when it is sound. The main
 * agreement level is the one with the largest m (a data set without UPRNs never takes "same UPRN").
 */
export function degenerateReason(spec: MatchSpec, c: number, m: ArrayLike<number>, u: ArrayLike<number>): string | null {
  const comparison = spec.comparisons[c];
  if (!comparison || comparison.fixed) return null;
  const levels = comparison.levels;
  const last = levels.length - 1;
  if (last < 2) return null;
  // the main agreement level: the one most matches take (exact, or the address level this data has)
  let main = 1;
  for (let l = 2; l < last; l++) if ((m[l] as number) > (m[main] as number)) main = l;
  const fmt = (v: number): string => Number(v.toPrecision(2)).toString();
  const wMain = weight(m[main] as number, u[main] as number);
  const wElse = weight(m[last] as number, u[last] as number);
  if (wMain < wElse + MIN_MAIN_GAP_BITS) {
    return `"${levels[main]!.label}" weighed ${wMain.toFixed(1)} bits, no more than "${levels[last]!.label}" (${wElse.toFixed(1)})`;
  }
  if (EXACT_FIRST.has(comparison.field) && levels[1]!.kind === 'exact') {
    main = 1;
    const mMain = m[main] as number;
    if ((m[last] as number) > mMain) return `m of "${levels[main]!.label}" (${fmt(mMain)}) was below m of "${levels[last]!.label}" (${fmt(m[last] as number)})`;
    for (let l = main + 1; l < last; l++) {
      // how often matches take "yearOnly" says how many records lack a full date, not how good the model is
      if (levels[l]!.kind === 'yearOnly') continue;
      if ((m[l] as number) > mMain) return `m of "${levels[l]!.label}" (${fmt(m[l] as number)}) was above m of "${levels[main]!.label}" (${fmt(mMain)})`;
    }
  }
  return null;
}

/**
 * Raises any agreement level whose weight is below the "different" level's to it, by raising m
 * (under u) and, for the within-postcode row, lowering that u. Returns the labels raised.
 */
export function raiseStarvedLevels(spec: MatchSpec, c: number, params: Parameters): string[] {
  const comparison = spec.comparisons[c];
  if (!comparison || comparison.fixed) return [];
  const m = params.m[c] as Float64Array;
  const u = params.u[c] as Float64Array;
  const uPc = params.uPc[c];
  const last = comparison.levels.length - 1;
  const raised: string[] = [];
  const wElse = weight(m[last] as number, u[last] as number);
  for (let l = 1; l < last; l++) {
    if (weight(m[l] as number, u[l] as number) < wElse) {
      m[l] = Math.min(0.999, (u[l] as number) * 2 ** wElse);
      raised.push(comparison.levels[l]!.label);
    }
  }
  if (uPc) {
    const wElsePc = weight(m[last] as number, uPc[last] as number);
    for (let l = 1; l < last; l++) {
      if (weight(m[l] as number, uPc[l] as number) < wElsePc) {
        uPc[l] = Math.max(1e-9, (m[l] as number) / 2 ** wElsePc);
        if (!raised.includes(comparison.levels[l]!.label)) raised.push(comparison.levels[l]!.label);
      }
    }
  }
  return raised;
}

export interface GuardResult {
  /** comparisons that fell back to their prior m values */
  fellBack: string[];
  /** per comparison, the agreement levels raised to the "different" level's weight */
  raised: Array<{ comparison: string; levels: string[] }>;
  /** one per comparison that fell back (starved levels are common on sparse levels: not warned) */
  warnings: string[];
}

/**
 * Checks trained parameters in place: a degenerate comparison takes `prior` m values; then every
 * comparison's starved levels are raised. `trained[c]` says whether training touched c.
 */
export function guardTrainedModel(spec: MatchSpec, params: Parameters, prior: Parameters, trained: readonly boolean[]): GuardResult {
  const fellBack: string[] = [];
  const raisedAll: GuardResult['raised'] = [];
  const warnings: string[] = [];
  spec.comparisons.forEach((c, k) => {
    if (c.fixed) return;
    const reason = trained[k] ? degenerateReason(spec, k, params.m[k] as Float64Array, params.u[k] as Float64Array) : null;
    if (reason) {
      params.m[k] = Float64Array.from(prior.m[k] as Float64Array);
      fellBack.push(c.name);
      warnings.push(`Training gave a degenerate model for "${c.name}" (${reason}); its default m values are used instead.`);
    }
    const raised = raiseStarvedLevels(spec, k, params);
    if (raised.length > 0) raisedAll.push({ comparison: c.name, levels: raised });
    capYearOnly(spec, k, params);
  });
  return { fellBack, raised: raisedAll, warnings };
}

/**
 * A year alone agreeing never weighs more than the whole date agreeing: lowers "yearOnly"'s m
 * to the exact level's weight where training left it above (a sparse level EM over-filled).
 */
export function capYearOnly(spec: MatchSpec, c: number, params: Parameters): void {
  const levels = spec.comparisons[c]?.levels ?? [];
  const yearOnly = levels.findIndex((l) => l.kind === 'yearOnly');
  const exact = levels.findIndex((l) => l.kind === 'exact');
  if (yearOnly < 0 || exact < 0) return;
  const m = params.m[c] as Float64Array;
  const u = params.u[c] as Float64Array;
  const wExact = weight(m[exact] as number, u[exact] as number);
  if (weight(m[yearOnly] as number, u[yearOnly] as number) > wExact) m[yearOnly] = Math.max(1e-9, (u[yearOnly] as number) * 2 ** wExact);
}
