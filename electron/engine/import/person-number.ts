// The partner system's own number for the person ("Nominal", "Person ID", "Client ID", "Patient
// ID", "MRN", "Mosaic ID"): a reference column whose rows, where they share a code, are one person.
// It is told from a household's or a case's reference (a tenancy, a claim, an occurrence: rows
// sharing it are different people) by the cells, not the heading: where two rows share a code,
// their dates of birth and sexes agree. The linker joins records sharing it within one partner's
// Sources of one kind (link/person-numbers.ts); a case reference read so would merge a family.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { parseDate } from '../../../shared/domain/normalise/date.js';
import { normaliseSex } from '../../../shared/domain/normalise/sex.js';
import { birthsOneSlipApart } from '../link/person-numbers.js';
import { headerKey, type RoleSuggestion } from './roles.js';

type Rows = ReadonlyArray<ReadonlyArray<string | null>>;

/**
 * Sharing pairs (each row against the first row holding its code) that must agree, and how many
 * a sample must hold before its cells alone say "one person". On the four models of partner data
 * a person's number agrees in 100 % of its sampled pairs (a date one keying slip apart agreeing),
 * a tenancy's, a claim's or a case's in 0–7.4 %, an occurrence's in 44 % (test/bench/RESULTS.md).
 */
export const PERSON_NUMBER_AGREEMENT = 0.95;
export const PERSON_NUMBER_MIN_PAIRS = 10;

/** A heading that names the person's number: a person word and a number word, or a word that is one. */
const PERSON_WORD = /\b(person|client|patient|pupil|nominal|subject|child|individual|service user|resident|customer|offender)\b/;
const NUMBER_WORD = /\b(id|no|number|num|nbr|ref|reference)\b/;
const NUMBER_ITSELF = /^(nominal|mrn|pas no|pas number|pas id|mosaic id|mosaic no|lcs id|crn)$/;

export function headingSaysPersonNumber(header: string | null | undefined): boolean {
  const k = headerKey(header ?? '');
  if (!k) return false;
  if (NUMBER_ITSELF.test(k)) return true;
  // "Person ID", "CHILD_ID", "Client No" — not "Person ID Type" nor "Client Name"
  return PERSON_WORD.test(k) && NUMBER_WORD.test(k) && /\b(id|no|number|num|nbr|ref|reference)$/.test(k);
}

export interface SharingEvidence {
  /** rows whose code another row (the first holding it) also holds */
  pairs: number;
  /** of those, pairs where a date of birth or a sex is known on both rows */
  compared: number;
  /** of the compared pairs, those whose known dates of birth and sexes agree */
  agreeing: number;
  /** distinct codes, and codes held by more than one row */
  codes: number;
  sharedCodes: number;
}

/** How the rows sharing a code in column c compare on date of birth (one keying slip apart agrees) and sex. */
export function sharingEvidence(c: number, dob: number, sex: number, rows: Rows, pivotYear?: number): SharingEvidence {
  const firstRow = new Map<string, ReadonlyArray<string | null>>();
  const shared = new Set<string>();
  const birth = (r: ReadonlyArray<string | null>): string | null => {
    if (dob < 0) return null;
    const v = r[dob];
    if (!v || !v.trim()) return null;
    return parseDate(v, { pivotYear, allowSerial: true })?.iso ?? v.trim().toUpperCase();
  };
  const sexOf = (r: ReadonlyArray<string | null>): string | null => {
    const s = sex < 0 ? null : normaliseSex(r[sex]);
    return s === 'M' || s === 'F' ? s : null;
  };
  let pairs = 0;
  let compared = 0;
  let agreeing = 0;
  for (const r of rows) {
    const code = (r[c] ?? '').trim().toUpperCase();
    if (!code) continue;
    const first = firstRow.get(code);
    if (!first) {
      firstRow.set(code, r);
      continue;
    }
    shared.add(code);
    pairs++;
    const b1 = birth(first);
    const b2 = birth(r);
    const s1 = sexOf(first);
    const s2 = sexOf(r);
    const datesKnown = b1 !== null && b2 !== null;
    const sexesKnown = s1 !== null && s2 !== null;
    if (!datesKnown && !sexesKnown) continue;
    compared++;
    if ((!datesKnown || b1 === b2 || birthsOneSlipApart(b1, b2)) && (!sexesKnown || s1 === s2)) agreeing++;
  }
  return { pairs, compared, agreeing, codes: firstRow.size, sharedCodes: shared.size };
}

/**
 * Of the columns read as an agency's reference (`before`: as the heading and cells first read them,
 * before a reference shared by an incident's people or a number beside a household's was set aside
 * as event detail), the one whose rows sharing a code are one person becomes the person's number
 * in the partner's system. The cells decide where rows share codes; where every code in the sample
 * is held once, a heading that names the person's number decides ("Client ID" in a file with one row
 * per client links next month's extract). A column the analyst set is left as set; a column whose
 * sharing rows disagree — a household's or a case's reference, even if some people are alone on
 * theirs — stays a reference. One per sheet: the record keeps one. A reference after a person's
 * number the record had kept as its reference stays what it was for the record: not read (event
 * detail), so the household stage's shared references are what they were.
 */
export function settlePersonNumber(
  headers: readonly string[],
  before: readonly RoleSuggestion[],
  suggestions: RoleSuggestion[],
  rows: Rows,
  given: ReadonlyArray<ColumnRole | undefined> = [],
  pivotYear?: number,
): RoleSuggestion[] {
  if (suggestions.some((s) => s.role === 'person_ref')) return suggestions;
  const dob = suggestions.findIndex((s) => s.role === 'dob');
  const sex = suggestions.findIndex((s) => s.role === 'sex');
  let best = -1;
  let bestPairs = -1;
  let bestReason = '';
  for (let c = 0; c < suggestions.length; c++) {
    if (given[c]) continue;
    const now = suggestions[c]?.role;
    const headed = headingSaysPersonNumber(headers[c]);
    // a reference as first read, or a person-number heading over cells read as event detail
    if (!(before[c]?.role === 'agency_ref' && (now === 'agency_ref' || now === 'event')) && !(headed && now === 'event')) continue;
    const e = sharingEvidence(c, dob, sex, rows, pivotYear);
    let reason: string | null = null;
    if (e.compared >= PERSON_NUMBER_MIN_PAIRS) {
      if (e.agreeing < e.compared * PERSON_NUMBER_AGREEMENT) continue;
      reason = `rows sharing a code are one person (dates of birth and sexes agree in ${e.agreeing} of ${e.compared} pairs)`;
    } else if (headed && (e.compared === 0 || e.agreeing === e.compared)) {
      reason = e.pairs === 0 ? 'the heading names the person’s number, and no two rows share one' : `the heading names the person’s number, and the ${e.pairs} rows sharing a code do not disagree on date of birth or sex`;
    } else continue;
    if (e.compared > bestPairs) {
      best = c;
      bestPairs = e.compared;
      bestReason = reason;
    }
  }
  if (best < 0) return suggestions;
  const out = suggestions.slice();
  out[best] = { role: 'person_ref', confidence: 0.6, reason: `${bestReason}: the partner’s own number for the person` };
  // A record keeps the first reference filled: one after the person's number was never the
  // record's, and made it now would say people who share it (an incident's, living apart) live together.
  if (suggestions[best]?.role === 'agency_ref') {
    for (let c = best + 1; c < out.length; c++) {
      if (out[c]?.role !== 'agency_ref' || given[c]) continue;
      out[c] = { role: 'event', confidence: 0.5, reason: `a reference after column ${best + 1}, the person’s own number, which the record kept as its reference: kept as event detail` };
    }
  }
  return out;
}

/**
 * A person number as stored: upper case, spaces dropped ("n0120 0000" is N01200000). Null when
 * empty, or when it holds no digit other than 0 ("N/A", "UNKNOWN", "0000"): a placeholder, which
 * would join everyone it was written for.
 */
export function normalisePersonNumber(value: string | null | undefined): string | null {
  const v = (value ?? '').trim().toUpperCase().replace(/\s+/g, '');
  return /[1-9]/.test(v) ? v : null;
}
