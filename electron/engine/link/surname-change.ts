// A surname changed between sources: a woman married (or separated) appears under her maiden name
// in one extract and her married name in another. Where no source records a previous surname,
// the pair still agrees on everything else — the same forename, the same date of birth (not a
// 1 January placeholder) and the same home — and "different surname" (−6 to −10 bits) is the
// one thing against it. Such a pair's surname counts as no evidence: its weight loses the
// surname's penalty. Not for two men (a man rarely takes a new surname, and a father and son of
// one forename and birthday do not exist), and never against an identifier that disagrees (that
// pair keeps its veto or weight). Twins share a birthday and home but not a forename; a parent
// and child share a forename but not a birthday: neither is touched.
import { explainInto, type Model, type SurnameLift } from './model.js';
import type { Prepared } from './prepare.js';
import type { WeightAdjustments } from './namesakes.js';
import { comparisonAt, levelAt, type ComparisonField, type LevelKind, type MatchSpec } from './spec.js';

const HOME_LEVELS: ReadonlySet<LevelKind> = new Set(['uprn', 'flatNumberStreet', 'numberStreet']);
const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set(['nhsNumber', 'nino', 'upn', 'otherId']);

/**
 * Lifts, in `weight`, the surname penalty of pairs that look like one person's change of surname
 * (recorded in `adjusted`, so the waterfall shows the surname at 0); returns how many.
 */
export function forgiveSurnameChange(spec: MatchSpec, model: Model, p: Prepared, gammas: Uint8Array, a: Int32Array, b: Int32Array, count: number, weight: Float32Array, adjusted: WeightAdjustments): number {
  const k = spec.comparisons.length;
  const at = (field: ComparisonField): number => comparisonAt(spec, field);
  const forename = at('forename');
  const surname = at('surname');
  const dob = at('dob');
  const postcode = at('postcode');
  const address = at('address');
  if (forename < 0 || surname < 0 || dob < 0) return 0;
  const levelOf = (c: number, kind: LevelKind): number => levelAt(spec, c, kind);
  const forenameExact = levelOf(forename, 'exact');
  const surnameDifferent = levelOf(surname, 'else');
  const dobExact = levelOf(dob, 'exact');
  const postcodeExact = postcode >= 0 ? levelOf(postcode, 'exact') : -1;
  const home = address >= 0 ? Uint8Array.from(spec.comparisons[address]?.levels ?? [], (l) => (HOME_LEVELS.has(l.kind) ? 1 : 0)) : new Uint8Array(0);
  const differs = spec.comparisons.flatMap((c, index) => (IDENTIFIER_FIELDS.has(c.field) ? [{ index, else: levelOf(index, 'else') }] : []));
  const scratch = new Float32Array(k);
  let changed = 0;
  for (let x = 0; x < count; x++) {
    const base = x * k;
    if (gammas[base + surname] !== surnameDifferent || gammas[base + forename] !== forenameExact || gammas[base + dob] !== dobExact) continue;
    const i = a[x] as number;
    const j = b[x] as number;
    if (p.sex[i] === 1 && p.sex[j] === 1) continue;
    const sameHome = (postcodeExact >= 0 && (p.pcSector[i] as number) >= 0 && gammas[base + postcode] === postcodeExact) || (address >= 0 && home[gammas[base + address] as number] === 1);
    if (!sameHome) continue;
    let disagrees = false;
    for (const d of differs) if (gammas[base + d.index] === d.else) disagrees = true;
    if (disagrees) continue;
    explainInto(model, gammas, x, i, scratch, 0, j);
    const penalty = scratch[surname] as number;
    if (penalty >= 0) continue;
    weight[x] = (weight[x] as number) - penalty;
    adjusted.set(x, { comparison: surname, delta: -penalty });
    changed++;
  }
  return changed;
}

/**
 * The most forgiveSurnameChange can add to a pair's weight under `model`: the "different
 * surname" penalty, for pairs at that level (0 for every other pair). Term frequencies never
 * touch that level, so the bound holds under any counts.
 */
export function surnameChangeLift(spec: MatchSpec, model: Model): SurnameLift {
  const surname = comparisonAt(spec, 'surname');
  const different = levelAt(spec, surname, 'else');
  if (different < 0) return { column: -1, level: -1, bits: 0 };
  const penalty = Math.min(model.weights[surname]![different] as number, (model.weightsPc[surname]?.[different] as number | undefined) ?? 0);
  return { column: surname, level: different, bits: penalty < 0 ? -penalty : 0 };
}
