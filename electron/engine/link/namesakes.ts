// Same name in different homes needs more than the name. Two Mohammed Khans born a digit apart,
// living in two different homes, collect forename, surname and a near date of birth: under
// Fellegi–Sunter's independence that clears the threshold, yet a common name with a near date is
// what two different people look like as often as one person with a typo (14 % of wrong merges on
// one partner's data). Such a pair, on its own, is not a link: its weight is held just below the
// threshold, so it goes to review instead. It is not a constraint — a third record (a shared NHS
// number, the new address with the right date) still joins the two when they are one person who
// moved. Only UK postcodes count as homes here: a code that is not one (FEBRL's 4-digit areas)
// may cover a town.
import type { Prepared } from './prepare.js';
import { comparisonAt, levelAt, type ComparisonField, type LevelKind, type MatchSpec } from './spec.js';

/**
 * Date of birth levels that are near but not equal (a keying error, or two people), and a year
 * given alone (or from an age) agreeing: a year is what many people share.
 */
const NEAR_DOB: ReadonlySet<LevelKind> = new Set(['dayMonthSwapped', 'oneDigit', 'withinDays', 'yearApart', 'yearOnly']);
/** Address levels that mean the same home. */
const HOME_LEVELS: ReadonlySet<LevelKind> = new Set(['uprn', 'flatNumberStreet', 'numberStreet']);
/** Levels of an identifier (or contact detail) that are evidence beyond the name. */
const AGREES: ReadonlySet<LevelKind> = new Set(['exact', 'oneCharacter']);
const EVIDENCE_FIELDS: ReadonlySet<string> = new Set(['nhsNumber', 'nino', 'upn', 'otherId', 'email', 'phone']);

/** A change to one comparison's weight of pair x, so the stored waterfall still sums to the pair's weight. */
export type WeightAdjustments = Map<number, { comparison: number; delta: number }>;

/**
 * Holds below `threshold` (a weight in bits) every pair whose only agreement beyond the name is a
 * near date of birth, at two different UK homes. Changes `weight` in place and records the change
 * against the date of birth in `adjusted` (the near date is what counts for less); returns how many.
 */
export function holdNamesakesApart(spec: MatchSpec, p: Prepared, gammas: Uint8Array, a: Int32Array, b: Int32Array, count: number, weight: Float32Array, threshold: number, adjusted: WeightAdjustments): number {
  const k = spec.comparisons.length;
  const at = (field: ComparisonField): number => comparisonAt(spec, field);
  const dob = at('dob');
  const postcode = at('postcode');
  const address = at('address');
  if (dob < 0 || postcode < 0) return 0;
  const flags = (c: number, set: ReadonlySet<LevelKind>): Uint8Array => Uint8Array.from(spec.comparisons[c]?.levels ?? [], (l) => (set.has(l.kind) ? 1 : 0));
  const nearDob = flags(dob, NEAR_DOB);
  const home = address >= 0 ? flags(address, HOME_LEVELS) : new Uint8Array(0);
  const postcodeExact = levelAt(spec, postcode, 'exact');
  const evidence = spec.comparisons.flatMap((c, index) => (EVIDENCE_FIELDS.has(c.field) ? [{ index, agrees: flags(index, AGREES) }] : []));
  // just below the threshold: in the review band, not a link
  const held = Math.fround(threshold - 0.01);
  let changed = 0;
  for (let x = 0; x < count; x++) {
    if ((weight[x] as number) < threshold) continue;
    const base = x * k;
    if (nearDob[gammas[base + dob] as number] !== 1) continue;
    const i = a[x] as number;
    const j = b[x] as number;
    if ((p.pcSector[i] as number) < 0 || (p.pcSector[j] as number) < 0 || gammas[base + postcode] === postcodeExact) continue;
    if (address >= 0 && home[gammas[base + address] as number] === 1) continue;
    let more = false;
    for (const e of evidence) if (e.agrees[gammas[base + e.index] as number] === 1) more = true;
    if (more) continue;
    adjusted.set(x, { comparison: dob, delta: held - (weight[x] as number) });
    weight[x] = held;
    changed++;
  }
  return changed;
}
