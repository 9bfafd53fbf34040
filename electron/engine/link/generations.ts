// Parents and children with one name. A father and the son named after him share forename,
// surname, postcode, address and often sex: under Fellegi–Sunter's independence those outweigh a
// date of birth 30 years out (47 % of wrong merges on one partner's data were such pairs). The
// name weights cannot see it, so it is a constraint, like possible twins: a candidate pair is
// kept apart when
// - both dates of birth are known, a generation apart (12 years or more) and not one keying error
//   or a day/month swap apart, and the two records share a home (same postcode, or an address
//   level that means the same home): one UK postcode, or elsewhere a home where a family lives —
//   someone else of that surname at that postcode (where a home holds one person's records only,
//   as in FEBRL, a wrong date of birth is a recording error); or
// - their generational markers clash — "Jr" against "Snr", or a child's title (Master) against an
//   adult's (Mr, Mrs, Ms, Dr) — and their dates of birth do not agree;
// and no identifier agrees. A human match decision still joins them.
import type { Prepared } from './prepare.js';
import { alike } from './twins.js';
import { comparisonAt, levelAt, type ComparisonField, type LevelKind, type MatchSpec } from './spec.js';
import type { LinkRecord } from './types.js';
import { daysOf, generationApart } from './dob-year.js';

/** Years between two dates of birth from which two records are a generation apart. */
export const GENERATION_YEARS = 12;
const GENERATION_DAYS = Math.round(GENERATION_YEARS * 365.25);

/** DOB levels that explain a difference as a keying error (the dates may be one person's). */
const DOB_TYPO: ReadonlySet<LevelKind> = new Set(['exact', 'placeholderDate', 'dayMonthSwapped', 'oneDigit', 'withinDays', 'yearApart', 'yearOnly']);
/** Address levels that mean the same home. */
const HOME_LEVELS: ReadonlySet<LevelKind> = new Set(['uprn', 'flatNumberStreet', 'numberStreet']);
const IDENTIFIER_AGREES: ReadonlySet<LevelKind> = new Set(['exact', 'oneCharacter']);
/** Identifiers of one person. E-mail and phone are left out: a parent's is often given for a child. */
const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set(['nhsNumber', 'nino', 'upn', 'otherId']);

/** 0 none, 1 junior (Jr, or a child's title), 2 senior (Snr), 3 an adult's title. */
export type GenerationMarker = 0 | 1 | 2 | 3;
const JUNIOR = /\b(JR|JNR|JUNIOR)\b/;
const SENIOR = /\b(SR|SNR|SENIOR)\b/;
/** The letter pairs JUNIOR, JNR, JR, SENIOR, SNR and SR start with, in either case. */
const MAY_HOLD_SUFFIX = /[jJ][rRnNuU]|[sS][rRnNeE]/;
const NOT_ASCII = /[^\x00-\x7f]/;
const CHILD_TITLES = new Set(['MASTER']);
const ADULT_TITLES = new Set(['MR', 'MRS', 'MS', 'DR', 'MX', 'REV', 'SIR', 'LADY', 'PROF']);

/** A record's generational marker, from a suffix in its name fields or its title. */
export function generationMarker(r: Pick<LinkRecord, 'forename' | 'middleNames' | 'surname'> & { title?: string | null }): GenerationMarker {
  const f = r.forename ?? '';
  const m = r.middleNames ?? '';
  const s = r.surname ?? '';
  // most names hold no J or S before one of a suffix's next letters, and are plain ASCII (whose
  // upper case is letter for letter): they need no upper-cased copy (a million records)
  if (MAY_HOLD_SUFFIX.test(f) || MAY_HOLD_SUFFIX.test(m) || MAY_HOLD_SUFFIX.test(s) || NOT_ASCII.test(f) || NOT_ASCII.test(m) || NOT_ASCII.test(s)) {
    const names = `${f} ${m} ${s}`.toUpperCase().replace(/[.,]/g, ' ');
    if (JUNIOR.test(names)) return 1;
    if (SENIOR.test(names)) return 2;
  }
  if (!r.title) return 0;
  const title = r.title.toUpperCase().replace(/[^A-Z]/g, '');
  if (CHILD_TITLES.has(title)) return 1;
  if (ADULT_TITLES.has(title)) return 3;
  return 0;
}

/** What a record's title alone says of its age: 1 a child's (Master), 3 an adult's (Mr, Mrs, Ms …), 0 nothing (Miss is either). */
export function titleAge(r: { title?: string | null }): 0 | 1 | 3 {
  if (!r.title) return 0;
  const title = r.title.toUpperCase().replace(/[^A-Z]/g, '');
  return CHILD_TITLES.has(title) ? 1 : ADULT_TITLES.has(title) ? 3 : 0;
}

/**
 * The day a record's title stands for (days since 1 January 1000): its source's date, as the
 * system holds the title now (a tenancy's row is dated by the tenancy's start, years before its
 * members' titles were last brought up to date), else its event's; −1 when neither.
 */
export function titleDay(r: Pick<LinkRecord, 'eventDate' | 'asOf'>): number {
  return daysOf(r.asOf || r.eventDate);
}

/**
 * Whether a title (`titleAge`) given on a day belies a date of birth (both in days): an adult's
 * title for a child under 16 on that day, or Master for a man of 18 or more. A tenancy's Mrs
 * Ivana Kovacova is not the Ivana Kovacova of the school census, whatever the name.
 */
export function titleBeliesAge(title: 0 | 1 | 3, on: number, born: number): boolean {
  if (title === 0 || on < 0 || born < 0) return false;
  const age = (on - born) / 365.25;
  return title === 3 ? age < 16 : age >= 18;
}

/** Whether two markers say two generations: Jr against Snr (or an adult's title), a child's title against an adult's. */
function markersClash(x: GenerationMarker, y: GenerationMarker): boolean {
  if (x === 0 || y === 0 || x === y) return false;
  return (x === 1 && (y === 2 || y === 3)) || (y === 1 && (x === 2 || x === 3));
}

/**
 * The candidate pairs (a[x], b[x]) that are a generation apart, among `count` pairs with levels
 * in `gammas` (K per pair). Empty when the spec lacks a date of birth comparison.
 */
export function generationPairs(spec: MatchSpec, p: Prepared, records: readonly LinkRecord[], gammas: Uint8Array, a: Int32Array, b: Int32Array, count: number): Array<[number, number]> {
  const k = spec.comparisons.length;
  const at = (field: ComparisonField): number => comparisonAt(spec, field);
  const dob = at('dob');
  const forename = at('forename');
  const postcode = at('postcode');
  const address = at('address');
  if (dob < 0) return [];
  const flags = (c: number, set: ReadonlySet<LevelKind>): Uint8Array => Uint8Array.from(spec.comparisons[c]?.levels ?? [], (l) => (set.has(l.kind) ? 1 : 0));
  const dobTypo = flags(dob, DOB_TYPO);
  // the rule is about one name: pairs whose forenames plainly differ are left to the weights (and
  // not held as constraints: at a million records they would be millions)
  const forenameDifferent = forename >= 0 ? (spec.comparisons[forename]?.levels.length ?? 0) - 1 : -1;
  const home = address >= 0 ? flags(address, HOME_LEVELS) : new Uint8Array(0);
  const postcodeExact = levelAt(spec, postcode, 'exact');
  const identifiers = spec.comparisons.flatMap((c, index) => (IDENTIFIER_FIELDS.has(c.field) ? [{ index, agrees: flags(index, IDENTIFIER_AGREES) }] : []));
  const markers = new Uint8Array(p.n);
  let anyMarker = false;
  for (let i = 0; i < p.n; i++) {
    markers[i] = generationMarker(records[i] as LinkRecord);
    if (markers[i]) anyMarker = true;
  }
  const found: Array<[number, number]> = [];
  for (let x = 0; x < count; x++) {
    const i = a[x] as number;
    const j = b[x] as number;
    const base = x * k;
    const dobLevel = gammas[base + dob] as number;
    let apart = false;
    const sameName = forename < 0 || gammas[base + forename] !== forenameDifferent;
    if (sameName && dobLevel !== 0 && dobTypo[dobLevel] === 0 && generationApart(p, i, j, GENERATION_DAYS, GENERATION_YEARS)) {
      const sameHome = (postcodeExact >= 0 && gammas[base + postcode] === postcodeExact) || (address >= 0 && home[gammas[base + address] as number] === 1);
      apart = sameHome;
    }
    if (!apart && anyMarker && markersClash(markers[i] as GenerationMarker, markers[j] as GenerationMarker)) {
      apart = dobLevel === 0 || dobTypo[dobLevel] === 0;
    }
    if (!apart) continue;
    let identified = false;
    for (const id of identifiers) if (id.agrees[gammas[base + id.index] as number] === 1) identified = true;
    if (!identified) found.push([i, j]);
  }
  if (found.length === 0) return found;
  // A marker clash says two people on its own. So does a shared UK postcode: it covers about 15
  // homes, so two records of one name a generation apart there are a family's. A code that is not
  // a UK postcode (FEBRL's 4-digit areas) may cover a town: there it needs a family seen there.
  const ukHome = (i: number, j: number): boolean => (p.pcSector[i] as number) >= 0 && p.pc[i] === p.pc[j];
  const plain = (i: number, j: number): boolean => (anyMarker && markersClash(markers[i] as GenerationMarker, markers[j] as GenerationMarker)) || ukHome(i, j);
  // only the pairs the plain reasons leave need a family seen at their home (at a million
  // records, half a million pairs a generation apart are nearly all at one UK postcode)
  const unsure = found.filter(([i, j]) => !plain(i, j));
  if (unsure.length === 0) return found;
  // forenames seen at each postcode + surname an unsure pair holds (one pass over the records)
  const familyKey = (r: number): string | null => ((p.pc[r] as number) >= 0 && (p.sn[r] as number) >= 0 ? `${p.pc[r]}:${p.sn[r]}` : null);
  const forenames = new Map<string, number[]>();
  // the postcodes those keys hold, so the pass builds a key only for records at one of them
  const atFoundPostcode = new Uint8Array(p.postcodes.length);
  for (const [i, j] of unsure) {
    for (const r of [i, j]) {
      const key = familyKey(r);
      if (key === null) continue;
      forenames.set(key, []);
      atFoundPostcode[p.pc[r] as number] = 1;
    }
  }
  for (let r = 0; r < p.n; r++) {
    if ((p.pc[r] as number) < 0 || atFoundPostcode[p.pc[r] as number] !== 1) continue;
    const f = p.fn[r] as number;
    const key = f < 0 ? null : familyKey(r);
    const held = key === null ? undefined : forenames.get(key);
    if (held && held.length < 12 && !held.includes(f)) held.push(f);
  }
  const family = (i: number, j: number): boolean => {
    const fi = p.fn[i] as number;
    const fj = p.fn[j] as number;
    for (const r of [i, j]) {
      const key = familyKey(r);
      for (const f of (key === null ? undefined : forenames.get(key)) ?? []) if (!alike(p, f, fi) && !alike(p, f, fj)) return true;
    }
    return false;
  };
  return found.filter(([i, j]) => plain(i, j) || family(i, j));
}
