// Comparison levels (gammas): for a record pair, the index of the first level, in spec order,
// whose condition holds — one byte per comparison. Works on Prepared columns only; the hot loop
// allocates nothing.
import { NAME, R, REC, type Prepared } from './prepare.js';
import { COMPARISON_FIELDS, LEVEL_KINDS, type ComparisonField, type LevelKind, type MatchSpec } from './spec.js';
import { jaroWinkler, withinOneEdit } from './strings.js';
import { detailLevel } from './person-details.js';
import { yearOnlyLevel } from './dob-year.js';

/** Transliterations must still look alike (IAN and ANN share a skeleton, not a name). */
const TRANSLITERATION_MIN_JW = 0.75;

const K = Object.fromEntries(LEVEL_KINDS.map((k, i) => [k, i])) as Record<LevelKind, number>;
const F = Object.fromEntries(COMPARISON_FIELDS.map((f, i) => [f, i])) as Record<ComparisonField, number>;

export interface CompiledComparison {
  name: string;
  field: ComparisonField;
  /**
   * The field as a number (F): the per-pair switch compares numbers, not strings (a plan that
   * reaches a worker holds copies of its strings, which compare letter by letter).
   */
  code: number;
  kinds: Uint8Array;
  thresholds: Float64Array;
  levelCount: number;
  /** index of the "exact" level (for term frequencies), or −1 */
  exactLevel: number;
  hasPlaceholderLevel: boolean;
  /** lowest Jaro–Winkler any level of this comparison asks for (Infinity when none) */
  minJaroWinkler: number;
}

/** Everything a worker needs to compute gammas: plain data, structured-clone safe. */
export interface Plan {
  comparisons: CompiledComparison[];
  /** positions of the name comparisons (−1 when absent) */
  forename: number;
  surname: number;
  nameSwap: number;
  postcode: number;
}

export function compilePlan(spec: MatchSpec): Plan {
  const comparisons = spec.comparisons.map((c): CompiledComparison => {
    const kinds = new Uint8Array(c.levels.map((l) => K[l.kind]));
    return {
      name: c.name,
      field: c.field,
      code: F[c.field],
      kinds,
      thresholds: new Float64Array(c.levels.map((l) => l.threshold ?? 0)),
      levelCount: c.levels.length,
      exactLevel: c.levels.findIndex((l) => l.kind === 'exact'),
      hasPlaceholderLevel: c.levels.some((l) => l.kind === 'placeholderDate'),
      minJaroWinkler: Math.min(
        ...c.levels.map((l) => (l.kind === 'jaroWinkler' ? (l.threshold ?? 1) : l.kind === 'transliteration' ? TRANSLITERATION_MIN_JW : Infinity)),
      ),
    };
  });
  const at = (field: ComparisonField): number => comparisons.findIndex((c) => c.field === field);
  return { comparisons, forename: at('forename'), surname: at('surname'), nameSwap: at('nameSwap'), postcode: at('postcode') };
}

/** Whether values[from..to) holds value. */
function rangeHas(values: Int32Array, from: number, to: number, value: number): boolean {
  for (let k = from; k < to; k++) if (values[k] === value) return true;
  return false;
}

/** Whether two ranges of values share an element. */
function rangesShare(values: Int32Array, fa: number, ta: number, fb: number, tb: number): boolean {
  for (let x = fa; x < ta; x++) {
    const v = values[x];
    for (let y = fb; y < tb; y++) if (values[y] === v) return true;
  }
  return false;
}

/**
 * Upper bound on Jaro–Winkler of names x and y from their letters alone: matching characters are
 * at most those of each name whose letter occurs in the other. Rejects most unrelated names
 * without running Jaro–Winkler.
 */
export function jaroWinklerBound(p: Prepared, x: number, y: number): number {
  const info = p.nameInfo;
  const la = (info[x * NAME + 1] as number) >>> 16;
  const lb = (info[y * NAME + 1] as number) >>> 16;
  if (la === 0 || lb === 0) return 0;
  const a = p.names[x] as string;
  const b = p.names[y] as string;
  const maskA = info[x * NAME] as number;
  const maskB = info[y * NAME] as number;
  let inB = 0;
  for (let k = 0; k < la; k++) {
    const c = a.charCodeAt(k) - 65;
    if (maskB & (c >= 0 && c < 26 ? 1 << c : 1 << 26)) inB++;
  }
  let inA = 0;
  for (let k = 0; k < lb; k++) {
    const c = b.charCodeAt(k) - 65;
    if (maskA & (c >= 0 && c < 26 ? 1 << c : 1 << 26)) inA++;
  }
  const m = Math.min(inA, inB, la, lb);
  if (m === 0) return 0;
  const j = (m / la + m / lb + 1) / 3;
  let prefix = 0;
  const max = Math.min(4, la, lb);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/** Whether two names share a nickname group (Bill / William). */
function nicknames(p: Prepared, x: number, y: number): boolean {
  if (p.nameInfo[x * NAME + 3] === 0 || p.nameInfo[y * NAME + 3] === 0) return false;
  const o = p.nameNick.offsets;
  return rangesShare(p.nameNick.values, o[x] as number, o[x + 1] as number, o[y] as number, o[y + 1] as number);
}

/**
 * Level of a name comparison between name ids x and y (both ≥ 0). `oi`/`oj` are the records'
 * offsets in `rec` (for middle names, surname parts and previous surnames).
 */
function nameLevel(p: Prepared, c: CompiledComparison, x: number, y: number, oi: number, oj: number, forename: boolean): number {
  const names = p.names;
  const rec = p.rec;
  // −1: not yet computed; 0 when the letters alone rule out every Jaro–Winkler level
  let jw = -1;
  if (x !== y && jaroWinklerBound(p, x, y) < c.minJaroWinkler) jw = 0;
  for (let l = 0; l < c.levelCount; l++) {
    switch (c.kinds[l]) {
      case K.null:
        break;
      case K.exact:
        if (x === y || (forename && rec[oi + R.fnCompact] === rec[oj + R.fnCompact])) return l;
        break;
      case K.nickname:
        if (nicknames(p, x, y)) return l;
        break;
      case K.transliteration: {
        const t = p.nameInfo[x * NAME + 2] as number;
        if (t >= 0 && t === p.nameInfo[y * NAME + 2]) {
          if (jw < 0) jw = jaroWinkler(names[x] as string, names[y] as string);
          if (jw >= TRANSLITERATION_MIN_JW) return l;
        }
        break;
      }
      case K.middleName:
        if (rangeHas(p.mid.values, rec[oj + R.midStart] as number, rec[oj + R.midEnd] as number, x) || rangeHas(p.mid.values, rec[oi + R.midStart] as number, rec[oi + R.midEnd] as number, y)) return l;
        break;
      case K.hyphenPart: {
        // one surname is a part of the other's several, or they share a part
        const v = p.snParts.values;
        const fi = rec[oi + R.snPartsStart] as number;
        const ti = rec[oi + R.snPartsEnd] as number;
        const fj = rec[oj + R.snPartsStart] as number;
        const tj = rec[oj + R.snPartsEnd] as number;
        if ((tj > fj && rangeHas(v, fj, tj, x)) || (ti > fi && rangeHas(v, fi, ti, y)) || (ti > fi && tj > fj && rangesShare(v, fi, ti, fj, tj))) return l;
        break;
      }
      case K.previousSurname: {
        const v = p.prevSn.values;
        if (rangeHas(v, rec[oj + R.prevSnStart] as number, rec[oj + R.prevSnEnd] as number, x) || rangeHas(v, rec[oi + R.prevSnStart] as number, rec[oi + R.prevSnEnd] as number, y)) return l;
        break;
      }
      case K.jaroWinkler:
        if (jw < 0) jw = jaroWinkler(names[x] as string, names[y] as string);
        if (jw >= (c.thresholds[l] as number)) return l;
        break;
      case K.initial: {
        const ia = p.nameInfo[x * NAME + 1] as number;
        const ib = p.nameInfo[y * NAME + 1] as number;
        if (((ia >>> 16) === 1 || (ib >>> 16) === 1) && (ia & 0xffff) === (ib & 0xffff)) return l;
        break;
      }
      case K.else:
        return l;
    }
  }
  return c.levelCount - 1;
}

/** Equal, or alike enough (same first letter, Jaro–Winkler ≥ 0.92) to count for a swap. */
function nameClose(p: Prepared, x: number, y: number): boolean {
  if (x === y) return true;
  if (((p.nameInfo[x * NAME + 1] as number) & 0xffff) !== ((p.nameInfo[y * NAME + 1] as number) & 0xffff)) return false;
  if (jaroWinklerBound(p, x, y) < 0.92) return false;
  return jaroWinkler(p.names[x] as string, p.names[y] as string) >= 0.92;
}

/** Forename and surname recorded the other way round in one of the two records. */
export function namesSwapped(p: Prepared, i: number, j: number): boolean {
  const rec = p.rec;
  const oi = i * REC;
  const oj = j * REC;
  const fi = rec[oi + R.fn] as number;
  const fj = rec[oj + R.fn] as number;
  const si = rec[oi + R.sn] as number;
  const sj = rec[oj + R.sn] as number;
  if (fi < 0 || fj < 0 || si < 0 || sj < 0) return false;
  if (fi === fj || si === sj) return false;
  return nameClose(p, fi, sj) && nameClose(p, si, fj);
}

function dobLevel(p: Prepared, c: CompiledComparison, oi: number, oj: number): number {
  const rec = p.rec;
  const a = rec[oi + R.dob] as number;
  const b = rec[oj + R.dob] as number;
  if (a < 0 || b < 0) return yearOnlyLevel(p, c, oi / REC, oj / REC);
  const pa = rec[oi + R.ymd] as number;
  const pb = rec[oj + R.ymd] as number;
  const ya = pa >> 9;
  const yb = pb >> 9;
  const ma = (pa >> 5) & 15;
  const mb = (pb >> 5) & 15;
  const da = pa & 31;
  const db = pb & 31;
  for (let l = 0; l < c.levelCount; l++) {
    switch (c.kinds[l]) {
      case K.exact:
        if (a === b && !(c.hasPlaceholderLevel && ma === 1 && da === 1)) return l;
        break;
      case K.placeholderDate:
        if (a === b && ma === 1 && da === 1) return l;
        break;
      case K.dayMonthSwapped:
        if (ya === yb && ma === db && da === mb && ma !== da) return l;
        break;
      case K.oneDigit:
        // one digit (or two adjacent ones) can change at most two parts of the date
        if ((ya !== yb ? 1 : 0) + (ma !== mb ? 1 : 0) + (da !== db ? 1 : 0) < 3 && dobDigitsWithinOne(ya, ma, da, yb, mb, db)) return l;
        break;
      case K.withinDays:
        if (Math.abs(a - b) <= (c.thresholds[l] as number)) return l;
        break;
      case K.yearApart:
        if (yearApart(a, b, ya, yb)) return l;
        break;
      case K.sameYear:
        if (ya === yb) return l;
        break;
      case K.else:
        return l;
    }
  }
  return c.levelCount - 1;
}

/**
 * Dates of birth (days; years ya, yb) in consecutive years whose birthdays fall within a month of
 * each other: one person's birth year worked out from an age at an event, or misread.
 */
export function yearApart(a: number, b: number, ya: number, yb: number): boolean {
  return Math.abs(ya - yb) === 1 && Math.abs(Math.abs(a - b) - 365) <= 31;
}

const digitsA = new Int8Array(8);
const digitsB = new Int8Array(8);
function fillDigits(out: Int8Array, y: number, m: number, d: number): void {
  out[0] = Math.floor(y / 1000) % 10;
  out[1] = Math.floor(y / 100) % 10;
  out[2] = Math.floor(y / 10) % 10;
  out[3] = y % 10;
  out[4] = Math.floor(m / 10);
  out[5] = m % 10;
  out[6] = Math.floor(d / 10);
  out[7] = d % 10;
}

/**
 * Years a two-digit year read in the wrong century gives: the last two digits the same (1915 /
 * 2015) or swapped by a keying slip (2015 keyed "51", read as 1951), the centuries different. A
 * system that writes two-digit years ("18/10/51") leaves the century to the reader, who takes
 * the one that puts the birth before the event.
 */
export function twoDigitYearMisread(ya: number, yb: number): boolean {
  if (Math.floor(ya / 100) === Math.floor(yb / 100)) return false;
  const a = ya % 100;
  const b = yb % 100;
  return a === b || (a % 10) * 10 + Math.floor(a / 10) === b;
}

/**
 * Years a keying slip in the year alone explains, beyond a year or so apart: two adjacent digits
 * swapped (1964 keyed 1946) or a two-digit year read in the wrong century. A digit keyed wrong is
 * not counted: for a year alone it is as often just another year (1843 / 1845).
 */
export function yearsTransposed(a: number, b: number): boolean {
  if (a === b) return false;
  if (twoDigitYearMisread(a, b)) return true;
  const x = String(a);
  const y = String(b);
  if (x.length !== y.length) return false;
  for (let k = 0; k + 1 < x.length; k++) {
    if (x[k] !== y[k]) return x[k] === y[k + 1] && x[k + 1] === y[k] && x.slice(k + 2) === y.slice(k + 2);
  }
  return false;
}

/**
 * yyyymmdd strings one substitution or one adjacent transposition apart, or the same day and
 * month in years a two-digit year read in the wrong century gives (`twoDigitYearMisread`).
 */
export function dobDigitsWithinOne(ya: number, ma: number, da: number, yb: number, mb: number, db: number): boolean {
  if (ma === mb && da === db && twoDigitYearMisread(ya, yb)) return true;
  fillDigits(digitsA, ya, ma, da);
  fillDigits(digitsB, yb, mb, db);
  let first = -1;
  let diffs = 0;
  for (let k = 0; k < 8; k++) {
    if (digitsA[k] !== digitsB[k]) {
      if (first < 0) first = k;
      diffs++;
    }
  }
  if (diffs === 1) return true;
  if (diffs === 2 && first < 7 && digitsA[first] === digitsB[first + 1] && digitsA[first + 1] === digitsB[first]) return true;
  return false;
}

function postcodeLevel(p: Prepared, c: CompiledComparison, oi: number, oj: number): number {
  const rec = p.rec;
  const a = rec[oi + R.pc] as number;
  const b = rec[oj + R.pc] as number;
  if (a < 0 || b < 0) return 0;
  for (let l = 0; l < c.levelCount; l++) {
    switch (c.kinds[l]) {
      case K.exact:
        if (a === b) return l;
        break;
      case K.sector: {
        const s = rec[oi + R.pcSector] as number;
        if (s >= 0 && s === rec[oj + R.pcSector]) return l;
        break;
      }
      case K.district: {
        const d = rec[oi + R.pcDistrict] as number;
        if (d >= 0 && d === rec[oj + R.pcDistrict]) return l;
        break;
      }
      case K.oneCharacter:
        if (withinOneEdit(p.postcodes[a] as string, p.postcodes[b] as string)) return l;
        break;
      case K.else:
        return l;
    }
  }
  return c.levelCount - 1;
}

/** Same street: equal, or one keying error apart (Jaro–Winkler ≥ 0.92 on the street text). */
function sameStreet(p: Prepared, sa: number, sb: number): boolean {
  if (sa < 0 || sb < 0) return false;
  if (sa === sb) return true;
  const a = p.addressParts[sa] as string;
  const b = p.addressParts[sb] as string;
  return Math.abs(a.length - b.length) <= 3 && jaroWinkler(a, b) >= 0.92;
}

/**
 * Jaccard of address tokens; with `fuzzy`, tokens one keying error apart (4+ letters) also count
 * as shared.
 */
function addressJaccard(p: Prepared, oi: number, oj: number, fuzzy: boolean): number {
  const values = p.addrTokens.values;
  const sa = p.rec[oi + R.tokensStart] as number;
  const ea = p.rec[oi + R.tokensEnd] as number;
  const sb = p.rec[oj + R.tokensStart] as number;
  const eb = p.rec[oj + R.tokensEnd] as number;
  const la = ea - sa;
  const lb = eb - sb;
  if (la === 0 || lb === 0) return 0;
  let common = 0;
  for (let x = sa; x < ea; x++) {
    const va = values[x] as number;
    const ta = p.addressParts[va] as string;
    for (let y = sb; y < eb; y++) {
      const vb = values[y] as number;
      if (va === vb) {
        common++;
        break;
      }
      if (!fuzzy) continue;
      const tb = p.addressParts[vb] as string;
      if (ta.length >= 4 && tb.length >= 4 && withinOneEdit(ta, tb)) {
        common++;
        break;
      }
    }
  }
  return common / (la + lb - common);
}

function addressLevel(p: Prepared, c: CompiledComparison, oi: number, oj: number): number {
  const rec = p.rec;
  if (rec[oi + R.hasAddress] === 0 || rec[oj + R.hasAddress] === 0) return 0;
  const ua = rec[oi + R.uprn] as number;
  const ub = rec[oj + R.uprn] as number;
  const bothUprn = ua >= 0 && ub >= 0;
  const na = rec[oi + R.houseNumber] as number;
  const nb = rec[oj + R.houseNumber] as number;
  // different house numbers, or different flats of one building, are different homes
  const numbersConflict = na >= 0 && nb >= 0 && na !== nb;
  const fa = rec[oi + R.flat] as number;
  const fb = rec[oj + R.flat] as number;
  const flatsConflict = fa >= 0 && fb >= 0 && fa !== fb;
  const sameNumberStreet = !numbersConflict && na >= 0 && sameStreet(p, rec[oi + R.street] as number, rec[oj + R.street] as number);
  for (let l = 0; l < c.levelCount; l++) {
    switch (c.kinds[l]) {
      case K.uprn:
        if (bothUprn) return ua === ub ? l : c.levelCount - 1;
        break;
      case K.flatNumberStreet:
        if (sameNumberStreet && fa === fb) return l;
        break;
      case K.numberStreet:
        if (sameNumberStreet && !flatsConflict) return l;
        break;
      case K.tokenOverlap:
        // keying errors are forgiven only where the house numbers agree (or neither has one): cheap, and rarely by chance
        if (!numbersConflict && !flatsConflict && addressJaccard(p, oi, oj, na === nb) >= (c.thresholds[l] as number)) return l;
        break;
      case K.else:
        return l;
    }
  }
  return c.levelCount - 1;
}

function identifierLevel(a: number, b: number, c: CompiledComparison): number {
  if (a < 0 || b < 0) return 0;
  for (let l = 1; l < c.levelCount; l++) {
    const kind = c.kinds[l];
    if (kind === K.exact && a === b) return l;
    if (kind === K.else) return l;
  }
  return c.levelCount - 1;
}

/**
 * A value with no check digit (an identifier without one, an e-mail address, a phone number):
 * equal, one keying error apart, or different. `values` is the interned table the ids index.
 */
function keyedValueLevel(values: readonly string[], c: CompiledComparison, a: number, b: number): number {
  if (a < 0 || b < 0) return 0;
  for (let l = 1; l < c.levelCount; l++) {
    switch (c.kinds[l]) {
      case K.exact:
        if (a === b) return l;
        break;
      case K.oneCharacter:
        if (withinOneEdit(values[a] as string, values[b] as string)) return l;
        break;
      case K.else:
        return l;
    }
  }
  return c.levelCount - 1;
}

/** Same length and at most `max` characters different (a swap of two is two). */
export function withinSubstitutions(a: string, b: string, max: number): boolean {
  if (a.length !== b.length) return false;
  let diffs = 0;
  for (let k = 0; k < a.length; k++) if (a.charCodeAt(k) !== b.charCodeAt(k) && ++diffs > max) return false;
  return true;
}

/**
 * An identifier with no check digit whose format is fixed (NINO): a keying error makes another
 * valid value, so one or two characters different (the level's threshold, default 1) is a likely
 * typo rather than another person.
 */
function nearIdentifierLevel(values: readonly string[], c: CompiledComparison, a: number, b: number): number {
  if (a < 0 || b < 0) return 0;
  for (let l = 1; l < c.levelCount; l++) {
    switch (c.kinds[l]) {
      case K.exact:
        if (a === b) return l;
        break;
      case K.oneCharacter:
        if (withinSubstitutions(values[a] as string, values[b] as string, (c.thresholds[l] as number) || 1)) return l;
        break;
      case K.else:
        return l;
    }
  }
  return c.levelCount - 1;
}

function levelOf(c: CompiledComparison, kind: number): number {
  for (let l = 0; l < c.levelCount; l++) if (c.kinds[l] === kind) return l;
  return c.levelCount - 1;
}

/** The level of every comparison for the pair (i, j), written to out[at .. at+K). */
export function compareInto(p: Prepared, plan: Plan, i: number, j: number, out: Uint8Array, at: number): void {
  const cs = plan.comparisons;
  const rec = p.rec;
  const oi = i * REC;
  const oj = j * REC;
  const swapped = plan.nameSwap >= 0 || plan.forename >= 0 ? namesSwapped(p, i, j) : false;
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k] as CompiledComparison;
    let level = 0;
    switch (c.code) {
      case F.forename: {
        const x = rec[oi + R.fn] as number;
        const y = swapped ? (rec[oj + R.sn] as number) : (rec[oj + R.fn] as number);
        level = x < 0 || y < 0 ? 0 : nameLevel(p, c, x, y, oi, oj, !swapped);
        break;
      }
      case F.surname: {
        const x = rec[oi + R.sn] as number;
        const y = swapped ? (rec[oj + R.fn] as number) : (rec[oj + R.sn] as number);
        level = x < 0 || y < 0 ? 0 : nameLevel(p, c, x, y, oi, oj, false);
        break;
      }
      case F.nameSwap: {
        if ((rec[oi + R.fn] as number) < 0 || (rec[oj + R.fn] as number) < 0 || (rec[oi + R.sn] as number) < 0 || (rec[oj + R.sn] as number) < 0) level = 0;
        else level = swapped ? levelOf(c, K.swapped) : c.levelCount - 1;
        break;
      }
      case F.dob:
        level = dobLevel(p, c, oi, oj);
        break;
      case F.sex: {
        const a = rec[oi + R.sex] as number;
        const b = rec[oj + R.sex] as number;
        level = a === 0 || b === 0 ? 0 : a === b ? levelOf(c, K.exact) : c.levelCount - 1;
        break;
      }
      case F.postcode:
        level = postcodeLevel(p, c, oi, oj);
        break;
      case F.address:
        level = addressLevel(p, c, oi, oj);
        break;
      case F.nhsNumber:
        level = identifierLevel(rec[oi + R.nhs] as number, rec[oj + R.nhs] as number, c);
        break;
      case F.nino:
        level = nearIdentifierLevel(p.ninos, c, rec[oi + R.nino] as number, rec[oj + R.nino] as number);
        break;
      case F.upn:
        level = identifierLevel(rec[oi + R.upn] as number, rec[oj + R.upn] as number, c);
        break;
      case F.otherId:
        level = keyedValueLevel(p.otherIds, c, rec[oi + R.otherId] as number, rec[oj + R.otherId] as number);
        break;
      case F.email:
        level = keyedValueLevel(p.contacts, c, rec[oi + R.email] as number, rec[oj + R.email] as number);
        break;
      case F.phone:
        level = keyedValueLevel(p.contacts, c, rec[oi + R.phone] as number, rec[oj + R.phone] as number);
        break;
      case F.occupation:
      case F.fatherForename:
        level = detailLevel(p.details, c, i, j);
        break;
    }
    out[at + k] = level;
  }
}

/** Gammas for pairs [from, to) of (a, b) into out (K bytes per pair, from index 0). */
export function compareRange(p: Prepared, plan: Plan, a: Int32Array, b: Int32Array, from: number, to: number, out: Uint8Array): void {
  const k = plan.comparisons.length;
  for (let x = from; x < to; x++) compareInto(p, plan, a[x] as number, b[x] as number, out, (x - from) * k);
}
