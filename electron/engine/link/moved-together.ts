// A family that moved together. A council's tenancy file lists every member of a household at
// the home they rented, often with no date of birth for the children, and keeps the tenancy after
// the family has moved on; the school census and A&E have them at the new home. One child's two
// records then agree on the name alone, at two homes: under Fellegi–Sunter that is well below the
// threshold (a name shared across a borough is common enough), and the child was two people.
// What tells one child who moved from two namesakes is the rest of the family: when two or more
// different people of one surname each appear at the same two homes (the address, not only the
// postcode: a postcode may hold two families of a common surname), and one of them is the same
// person by a date of birth at both, the family moved between them, and each member's pair is one
// person. Such a pair is lifted to the threshold (the weakest link: any stronger evidence joins
// first, and the clustering constraints still hold), the lift shown against the postcode, the
// comparison the move explains. Left out: a record whose name is that of two people at the other
// home (brothers Muhammad and Mohammad, a father and son both Peter), and a pair whose title
// belies the other record's age (a tenancy's Mrs Hannah Roberts and a school's Hannah Roberts).
// Names alone at two homes, with no member dated at both, are as often two families of one
// surname who chose the same names: not lifted.
import { titleAge, titleBeliesAge, titleDay } from './generations.js';
import { canonicalName, transliterationKey } from './names.js';
import type { WeightAdjustments } from './namesakes.js';
import type { Prepared } from './prepare.js';
import { comparisonAt, levelAt, type ComparisonField, type LevelKind, type MatchSpec } from './spec.js';
import type { LinkRecord } from './types.js';

/** Forename levels that say the same name (as written, a short form, or another romanisation). */
const SAME_NAME: ReadonlySet<LevelKind> = new Set(['exact', 'nickname', 'transliteration']);
/** Date-of-birth levels one person's records take (missing included: the tenancy often has none). */
const DOB_FITS: ReadonlySet<LevelKind> = new Set(['null', 'exact', 'placeholderDate', 'dayMonthSwapped', 'oneDigit', 'withinDays', 'yearApart', 'yearOnly']);
/** Date-of-birth levels that say one person by the date itself: a member the move is certain of. */
const DATED: ReadonlySet<LevelKind> = new Set(['exact', 'dayMonthSwapped', 'oneDigit', 'withinDays', 'yearApart']);
/** Address levels that mean the same home: such a pair is not at two homes. */
const HOME_LEVELS: ReadonlySet<LevelKind> = new Set(['uprn', 'flatNumberStreet', 'numberStreet']);
const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set(['nhsNumber', 'nino', 'upn', 'otherId']);
const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/;
/** Different people of the surname seen at both homes before the family counts as moved. */
const MOVERS = 2;

/** The pairs a family's move makes one person's (candidate pair indexes, ascending), and the comparison the lift is shown against. */
export interface FamilyMoves {
  pairs: Int32Array;
  postcode: number;
}

/**
 * The candidate pairs whose two records share forename and surname at two UK homes between which
 * at least one other person of that surname also appears, one of them dated at both. Worked out
 * on the levels alone (no weight), so once a Run: one pass over the pairs' levels, arrays and
 * strings only for the pairs at two postcodes where someone is dated.
 */
export function findFamilyMoves(spec: MatchSpec, p: Prepared, records: readonly LinkRecord[], gammas: Uint8Array, a: Int32Array, b: Int32Array, count: number): FamilyMoves {
  const k = spec.comparisons.length;
  const at = (field: ComparisonField): number => comparisonAt(spec, field);
  const forename = at('forename');
  const surname = at('surname');
  const dob = at('dob');
  const postcode = at('postcode');
  const address = at('address');
  const sex = at('sex');
  const none: FamilyMoves = { pairs: new Int32Array(0), postcode };
  if (forename < 0 || surname < 0 || dob < 0 || postcode < 0) return none;
  const flags = (c: number, set: ReadonlySet<LevelKind>): Uint8Array => Uint8Array.from(spec.comparisons[c]?.levels ?? [], (l) => (set.has(l.kind) ? 1 : 0));
  const levelOf = (c: number, kind: LevelKind): number => levelAt(spec, c, kind);
  const sameName = flags(forename, SAME_NAME);
  const dobFits = flags(dob, DOB_FITS);
  const dated = flags(dob, DATED);
  const home = address >= 0 ? flags(address, HOME_LEVELS) : new Uint8Array(0);
  const surnameExact = levelOf(surname, 'exact');
  const postcodeDifferent = levelOf(postcode, 'else');
  const sexDifferent = sex >= 0 ? levelOf(sex, 'else') : -1;
  const idColumns = Int32Array.from(spec.comparisons.flatMap((c, index) => (IDENTIFIER_FIELDS.has(c.field) ? [index] : [])));
  const idDifferent = Int32Array.from(idColumns, (c) => levelOf(c, 'else'));
  const ids = idColumns.length;

  // A pair that looks like one person at two homes: its two postcodes as one number (no string
  // per pair), −1 for any other pair. Read on the levels alone.
  const postcodes = p.postcodes.length;
  const atTwoHomes = (x: number): number => {
    const base = x * k;
    if (gammas[base + postcode] !== postcodeDifferent || gammas[base + surname] !== surnameExact) return -1;
    if (sameName[gammas[base + forename] as number] !== 1 || dobFits[gammas[base + dob] as number] !== 1) return -1;
    if (sexDifferent >= 0 && gammas[base + sex] === sexDifferent) return -1;
    if (address >= 0 && home[gammas[base + address] as number] === 1) return -1;
    for (let d = 0; d < ids; d++) if (gammas[base + (idColumns[d] as number)] === idDifferent[d]) return -1;
    const pi = p.pc[a[x] as number] as number;
    const pj = p.pc[b[x] as number] as number;
    return pi < 0 || pj < 0 ? -1 : Math.min(pi, pj) * postcodes + Math.max(pi, pj);
  };
  // One pass: the pairs at two homes (kept by index and key in typed buffers: at a million records
  // some 2.7 million, nearly all undated namesakes), and the postcode pairs someone is dated at (a
  // mover's two homes). Only there can a family's move lift a pair.
  const datedAt = new Set<number>();
  let found = new Int32Array(1024);
  let keys = new Float64Array(1024);
  let foundCount = 0;
  for (let x = 0; x < count; x++) {
    const key = atTwoHomes(x);
    if (key < 0) continue;
    if (dated[gammas[x * k + dob] as number] === 1) datedAt.add(key);
    if (foundCount === found.length) {
      const moreFound = new Int32Array(found.length * 2);
      moreFound.set(found);
      found = moreFound;
      const moreKeys = new Float64Array(keys.length * 2);
      moreKeys.set(keys);
      keys = moreKeys;
    }
    found[foundCount] = x;
    keys[foundCount++] = key;
  }
  if (datedAt.size === 0) return none;
  // those postcode pairs' pairs, grouped
  const byPostcodes = new Map<number, number[]>();
  for (let f = 0; f < foundCount; f++) {
    const key = keys[f] as number;
    if (!datedAt.has(key)) continue;
    const list = byPostcodes.get(key);
    if (list) list.push(found[f] as number);
    else byPostcodes.set(key, [found[f] as number]);
  }

  // then, where two or more such pairs share the postcodes, by surname and the two homes
  const groups: number[][] = [];
  const nameOf = (x: number): number => Math.min(p.fn[a[x] as number] as number, p.fn[b[x] as number] as number);
  for (const list of byPostcodes.values()) {
    if (list.length < MOVERS) continue;
    // most such postcodes hold one person's records twice over (two censuses): no family there
    const x0 = list[0] as number;
    if (list.every((x) => nameOf(x) === nameOf(x0)) || !list.some((x) => dated[gammas[x * k + dob] as number] === 1)) continue;
    if (!UK_POSTCODE.test(p.postcodes[p.pc[a[x0] as number] as number] as string) || !UK_POSTCODE.test(p.postcodes[p.pc[b[x0] as number] as number] as string)) continue;
    const bySurnameAndHomes = new Map<string, number[]>();
    for (const x of list) {
      const i = a[x] as number;
      const j = b[x] as number;
      if (titleBelied(records, p, i, j) || titleBelied(records, p, j, i)) continue;
      const hi = homeOf(p, i);
      const hj = homeOf(p, j);
      const key = hi < hj ? `${p.sn[i]}|${hi}|${hj}` : `${p.sn[i]}|${hj}|${hi}`;
      const group = bySurnameAndHomes.get(key);
      if (group) group.push(x);
      else bySurnameAndHomes.set(key, [x]);
    }
    for (const group of bySurnameAndHomes.values()) if (group.length >= MOVERS) groups.push(group);
  }

  const moved: number[] = [];
  for (const list of groups) {
    const clear = list.filter((x) => !ambiguous(p, list, a[x] as number, a, b) && !ambiguous(p, list, b[x] as number, a, b));
    // different people: forenames that stay different when short forms and spellings are set aside
    const people = new Set<string>();
    for (const x of clear) people.add(transliterationKey(canonicalName(p.names[nameOf(x)] as string)));
    // and one of them the same person by a date of birth at both homes: names alone, at two
    // homes, are as often two families of one surname that chose the same names
    if (people.size < MOVERS || !clear.some((x) => dated[gammas[x * k + dob] as number] === 1)) continue;
    moved.push(...clear);
  }
  return { pairs: Int32Array.from(moved).sort(), postcode };
}

/**
 * Lifts to `threshold` (in `weight`, recorded in `adjusted` against the postcode) every pair of a
 * family's move below it; returns how many.
 */
export function liftFamilyMoves(moves: FamilyMoves, weight: Float32Array, threshold: number, adjusted: WeightAdjustments): number {
  const lifted = atOrAbove(threshold);
  let changed = 0;
  for (const x of moves.pairs) {
    const w = weight[x] as number;
    if (w >= threshold) continue;
    const lift = lifted - w;
    const before = adjusted.get(x);
    adjusted.set(x, before ? { comparison: before.comparison, delta: before.delta + lift } : { comparison: moves.postcode, delta: lift });
    weight[x] = lifted;
    changed++;
  }
  return changed;
}

/** Whether one record's title belies the other's date of birth (generations.ts). */
function titleBelied(records: readonly LinkRecord[], p: Prepared, t: number, d: number): boolean {
  const r = records[t] as LinkRecord;
  const title = titleAge(r);
  return title !== 0 && titleBeliesAge(title, titleDay(r), p.dob[d] as number);
}

/**
 * Whether record r, in the group's pairs, has the name of two people at the other home: records
 * there with other forenames (a Muhammad and a Mohammad, brothers) or with the same forename and
 * two dates of birth (a father and son, both Peter). Which of them r is, the move does not say.
 */
function ambiguous(p: Prepared, list: readonly number[], r: number, a: Int32Array, b: Int32Array): boolean {
  let first = -1;
  for (const x of list) {
    const i = a[x] as number;
    const j = b[x] as number;
    const other = i === r ? j : j === r ? i : -1;
    if (other < 0) continue;
    if (first < 0) {
      first = other;
      continue;
    }
    if (p.fn[other] !== p.fn[first]) return true;
    const d1 = p.dob[first] as number;
    const d2 = p.dob[other] as number;
    if (d1 >= 0 && d2 >= 0 && d1 !== d2) return true;
  }
  return false;
}

/** The least single-precision weight (as pairs' weights are stored) at or above `w`. */
function atOrAbove(w: number): number {
  const f = new Float32Array([w]);
  if ((f[0] as number) < w) {
    const bits = new Int32Array(f.buffer);
    bits[0] = (bits[0] as number) + ((f[0] as number) > 0 ? 1 : -1);
  }
  return f[0] as number;
}

/**
 * A record's home: its UPRN, else postcode and flat, number and street, else (no address) its
 * postcode alone. A postcode covers some fifteen homes, and a common surname may hold two
 * families in one.
 */
function homeOf(p: Prepared, i: number): string {
  const uprn = p.uprn[i] as number;
  if (uprn >= 0) return `u${uprn}`;
  const number = p.houseNumber[i] as number;
  const street = p.street[i] as number;
  if (number >= 0 && street >= 0) return `${p.pc[i]}:${p.flat[i]}:${number}:${street}`;
  return `${p.pc[i]}`;
}
