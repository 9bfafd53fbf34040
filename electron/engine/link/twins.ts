// Possible twins. Twins at one home share a surname, a birthday, a postcode and an address; only
// their forenames tell them apart, and under Fellegi–Sunter's independence the shared household
// details outweigh that one disagreement (same-sex twins in a demo borough scored ≈ 0.998).
//
// A pair is kept apart as possible twins — like a human non-match decision, which a human match
// decision still overrides — when
// - its forenames are plainly different: not a nickname, transliteration, Jaro–Winkler match,
//   initial or middle name, nor one keying error apart (Leo / Peo, Mia / Ia), alike in sound, one
//   the start of the other (Dani / Danielle), a contraction (Mohd / Mohammed) or, from five
//   letters, two keying errors apart (Laurrn / Lzuren), or its letters scrambled (Amelia / lmeAi,
//   Harry / Hayr); and neither forename is alike the other
//   record's surname (names misplaced, with a typo);
// - its date of birth (or a year given alone, or from an age: weaker still) and home agree, and
//   no identifier agrees. Where records have no postcode (a parish register, a list of names and
//   towns) the home is the whole address as written: two children of one surname baptised on
//   one day in one parish are twins;
// - the home holds a family (someone there with another date of birth), or someone of their
//   surname at their UK postcode has another date of birth (parents known by postcode only).
//   Where a home holds one person's records only (FEBRL), a different forename is a recording
//   error, not a twin.
import { editDistance } from '../import/roles.js';
import type { Prepared } from './prepare.js';
import { comparisonAt, type ComparisonField, type LevelKind, type MatchSpec } from './spec.js';
import { withinOneEdit } from './strings.js';

/** Address levels that mean "the same home" (with the postcode agreeing, except for a UPRN). */
const HOME_LEVELS: ReadonlySet<LevelKind> = new Set(['flatNumberStreet', 'numberStreet']);
/** Identifier levels that say "one person" and override the rule (twins have their own numbers). */
const IDENTIFIER_AGREES: ReadonlySet<LevelKind> = new Set(['exact', 'oneCharacter']);
const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set(['nhsNumber', 'nino', 'upn', 'otherId']);

/** Names one keying or hearing error apart, or one the start of the other (Dani / Danielle). */
export function alike(p: Prepared, x: number, y: number): boolean {
  if (x < 0 || y < 0) return false;
  if (x === y) return true;
  const sx = p.nameSoundex[x] as number;
  if (sx >= 0 && sx === p.nameSoundex[y]) return true;
  const a = p.names[x] as string;
  const b = p.names[y] as string;
  if (a.length >= 2 && b.length >= 2 && (a.startsWith(b) || b.startsWith(a))) return true;
  return withinOneEdit(a, b);
}

/** A contraction: same first letter, the shorter's letters in order in the longer (Mohd / Mohammed, Abdi / Abdullahi). */
function contraction(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 2 || short.charCodeAt(0) !== long.charCodeAt(0)) return false;
  let k = 0;
  for (let x = 0; x < long.length && k < short.length; x++) if (long.charCodeAt(x) === short.charCodeAt(k)) k++;
  return k === short.length;
}

/**
 * The same letters in another order, one perhaps dropped (Amelia / lmeAi, Harry / Hayr, Jacob /
 * bacJ): keys struck out of order, not another child's name. Twins' names are chosen to differ;
 * names that are anagrams of each other (Mary / Myra) are rare beside scrambled keying, which a
 * contact list or a sign-up form is full of (Splink's public test set of a thousand such rows).
 */
export function scrambled(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 3 || long.length - short.length > 1) return false;
  const count = new Map<number, number>();
  for (let k = 0; k < long.length; k++) count.set(long.charCodeAt(k), (count.get(long.charCodeAt(k)) ?? 0) + 1);
  for (let k = 0; k < short.length; k++) {
    const left = count.get(short.charCodeAt(k)) ?? 0;
    if (left === 0) return false;
    count.set(short.charCodeAt(k), left - 1);
  }
  return true;
}

/**
 * Forenames no error, short form, contraction or scramble explains, on records whose names are not
 * misplaced (one's forename alike the other's surname: recorded the other way round, with a typo).
 */
function plainlyDifferent(p: Prepared, i: number, j: number): boolean {
  const x = p.fn[i] as number;
  const y = p.fn[j] as number;
  if (x < 0 || y < 0 || alike(p, x, y)) return false;
  const a = p.names[x] as string;
  const b = p.names[y] as string;
  // a typo on each side (Laurrn / Lzuren) in names long enough that two edits leave them alike
  if (contraction(a, b) || scrambled(a, b) || (a.length >= 5 && b.length >= 5 && editDistance(a, b, 2) <= 2)) return false;
  return !alike(p, x, p.sn[j] as number) && !alike(p, p.sn[i] as number, y);
}

/**
 * A test of pair x — records i and j, levels at gammas[x·K ..] — for the possible-twins
 * pattern, or null when the spec lacks a comparison it needs or turns the rule off
 * (`keepPossibleTwinsApart: false`).
 */
export function compileTwinTest(spec: MatchSpec, p: Prepared): ((gammas: Uint8Array, x: number, i: number, j: number) => boolean) | null {
  if (spec.keepPossibleTwinsApart === false) return null;
  const k = spec.comparisons.length;
  const at = (field: ComparisonField): number => comparisonAt(spec, field);
  const forename = at('forename');
  const dob = at('dob');
  const address = at('address');
  const postcode = at('postcode');
  const swap = at('nameSwap');
  if (forename < 0 || dob < 0 || address < 0) return null;
  const kinds = (c: number): LevelKind[] => spec.comparisons[c]?.levels.map((l) => l.kind) ?? [];
  const swapped = swap >= 0 ? kinds(swap).indexOf('swapped') : -1;
  const forenameDifferent = kinds(forename).indexOf('else');
  const dobExact = kinds(dob).indexOf('exact');
  // a year of birth alone (or from an age) agreeing says less than a birthday: kept apart as readily
  const dobYearOnly = kinds(dob).indexOf('yearOnly');
  const addressKinds = kinds(address);
  const sameUprn = addressKinds.indexOf('uprn');
  const sameBuilding = new Uint8Array(addressKinds.length);
  addressKinds.forEach((kind, l) => {
    sameBuilding[l] = HOME_LEVELS.has(kind) ? 1 : 0;
  });
  const postcodeExact = postcode >= 0 ? kinds(postcode).indexOf('exact') : -1;
  if (forenameDifferent < 0 || dobExact < 0) return null;
  // per identifier comparison, 1 at the levels where it agrees
  const identifiers = spec.comparisons.flatMap((c, index) =>
    IDENTIFIER_FIELDS.has(c.field) ? [{ index, agrees: Uint8Array.from(c.levels, (l) => (IDENTIFIER_AGREES.has(l.kind) ? 1 : 0)) }] : [],
  );
  return (gammas, x, i, j) => {
    const base = x * k;
    const d = gammas[base + dob];
    if (gammas[base + forename] !== forenameDifferent || (d !== dobExact && (dobYearOnly < 0 || d !== dobYearOnly))) return false;
    if (swapped >= 0 && gammas[base + swap] === swapped) return false;
    for (const id of identifiers) if (id.agrees[gammas[base + id.index] as number] === 1) return false;
    const a = gammas[base + address] as number;
    const home = a === sameUprn || (sameBuilding[a] === 1 && postcodeExact >= 0 && gammas[base + postcode] === postcodeExact) || samePlace(p, i, j);
    return home && plainlyDifferent(p, i, j);
  };
}

/** Two records without a postcode whose addresses, as written, are one place (its words). */
function samePlace(p: Prepared, i: number, j: number): boolean {
  const place = p.place[i] as number;
  return place >= 0 && place === p.place[j];
}

/** A record's home as one key — its UPRN, else postcode + house number + street, else (no postcode) its place — or null. */
function homeKey(p: Prepared, i: number): string | null {
  const uprn = p.uprn[i] as number;
  if (uprn >= 0) return `u${uprn}`;
  const pc = p.pc[i] as number;
  const number = p.houseNumber[i] as number;
  const street = p.street[i] as number;
  if (pc >= 0 && number >= 0 && street >= 0) return `${pc}:${p.flat[i]}:${number}:${street}`;
  const place = p.place[i] as number;
  return pc < 0 && place >= 0 ? `p${place}` : null;
}

const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/;
/**
 * A record's family name at its UK postcode as one key, or null. A family is often seen at its
 * full address only through its children (a school census) while the parents are known to
 * benefits or A&E by postcode alone: twins with a mother of their surname at their postcode are
 * a family's twins, though no one else is recorded at their door. Postcodes of other countries
 * (FEBRL's four digits) cover a district, not a street, and say nothing of a family.
 */
function kinKey(p: Prepared, i: number): string | null {
  const pc = p.pc[i] as number;
  const sn = p.sn[i] as number;
  if (pc < 0 || sn < 0 || !UK_POSTCODE.test(p.postcodes[pc] as string)) return null;
  return `k${pc}:${sn}`;
}

/**
 * The candidate pairs (a[x], b[x]) that are possible twins, among `count` pairs with levels in
 * `gammas` (K per pair). Empty when the spec turns the rule off.
 */
export function possibleTwinPairs(spec: MatchSpec, p: Prepared, gammas: Uint8Array, a: Int32Array, b: Int32Array, count: number): Array<[number, number]> {
  const test = compileTwinTest(spec, p);
  if (!test) return [];
  const found: Array<[number, number]> = [];
  for (let x = 0; x < count; x++) if (test(gammas, x, a[x] as number, b[x] as number)) found.push([a[x] as number, b[x] as number]);
  if (found.length === 0) return found;
  // the dates of birth held at each home a found pair lives in, and by their surname at their
  // postcode (one pass over the records)
  const births = new Map<string, Set<number>>();
  for (const [i, j] of found) {
    for (const r of [i, j]) {
      const key = homeKey(p, r);
      if (key !== null) births.set(key, new Set());
      const kin = kinKey(p, r);
      if (kin !== null) births.set(kin, new Set());
    }
  }
  for (let r = 0; r < p.n; r++) {
    const dob = p.dob[r] as number;
    if (dob < 0) continue;
    for (const key of [homeKey(p, r), kinKey(p, r)]) {
      const held = key === null ? undefined : births.get(key);
      if (held && held.size < 2) held.add(dob);
    }
  }
  const family = (r: number): boolean => {
    for (const key of [homeKey(p, r), kinKey(p, r)]) if (key !== null && (births.get(key)?.size ?? 0) >= 2) return true;
    return false;
  };
  return found.filter(([i, j]) => family(i) || family(j));
}
