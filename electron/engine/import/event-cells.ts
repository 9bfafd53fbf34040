// Event columns of a table with no heading, read from their cells and from where they stand
// beside the event's date, never from words: a second date that falls on or after the event's
// date in (nearly) every row is its end; runs of paired counts in which one of each pair never
// falls below the other, and the larger is much the same for everyone, are school terms' sessions
// possible and absences; a column of amounts is the event's value; a column drawn from a few
// recurring values, nearest the event's date, is its type. Only columns whose heading says
// nothing any of the importer's lists know are touched (none, a placeholder, or a system's field
// code such as "F07"), so a column a known word names imports exactly as before.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { parseDate } from '../../../shared/domain/normalise/date.js';
import { headerKey, roleFromHeader, type RoleSuggestion } from './roles.js';

type Rows = ReadonlyArray<ReadonlyArray<string | null>>;

/**
 * A column with no heading: blank, or named by the importer for a table without a header row
 * ("Column A", "Column AB": see columnNames in table.ts).
 */
export const unnamed = (header: string | undefined): boolean => !header || header.trim() === '' || /^Column [A-Z]{1,3}$/.test(header.trim());

/**
 * Words by which an event column's heading says what it holds (the event readers' and the
 * programme classifier's lists, taken together): a heading with one of them is read by it.
 */
const EVENT_HEADING_WORDS =
  /\b(end|ended|until|to|closed?|closure|finish(ed)?|expiry|expires?|left|leaving|discharged?|termination|terminated|vacated|start|started|date|type|category|kind|offence|provision|complaint|diagnosis|reason|presenting|chief|disposal|benefit|incident|occurrence|crime|classification|nature|code|outcome|result|sentence|verdict|involvement|involved|role|person type|party|capacity|status|sessions?|count|amount|arrears|balance|days|total|value|hours|weekly|award|possible|unauthori[sz]ed|authori[sz]ed|absences?|term|asb|anti social|antisocial|flag)\b/;

/**
 * A heading that says nothing any list knows, so the column is read from its cells as a column
 * with no heading is: none, a placeholder, or a code ("F07", "Fld 12") naming no role and no
 * event word. A heading the analyst gave a role is never asked.
 */
const headingKnown = new Map<string, boolean>();
export const unknownHeading = (header: string | undefined): boolean => {
  if (unnamed(header)) return true;
  const h = header ?? '';
  let known = headingKnown.get(h);
  if (known === undefined) {
    known = roleFromHeader(h) !== null || EVENT_HEADING_WORDS.test(headerKey(h));
    // the programme classifier asks once per event detail: a sheet has few headings, asked often
    if (headingKnown.size < 10_000) headingKnown.set(h, known);
  }
  return !known;
};
const share = (values: readonly string[], test: (v: string) => boolean): number => (values.length ? values.filter(test).length / values.length : 0);
const numberOf = (v: string | null | undefined): number | null => {
  if (v === null || v === undefined || v.trim() === '') return null;
  const n = Number(v.replace(/[£,\s]/g, ''));
  return Number.isFinite(n) ? n : null;
};
const distinct = (values: readonly string[]): number => new Set(values.map((v) => v.trim().toUpperCase())).size;

/** Smallest number of sampled cells a column needs before its shape is trusted. */
const MIN_CELLS = 5;

/**
 * Runs of adjacent count columns that pair up as terms: [a, b] pairs, oldest term first. In each
 * pair one column is never below the other (sessions possible against absences), and the larger
 * repeats (a school's sessions in a term are much the same for every pupil).
 */
export function termPairsFromCells(columns: readonly number[], rows: Rows): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let run: number[] = [];
  const flush = (): void => {
    const found = pairsIn(run, rows);
    pairs.push(...found);
    run = [];
  };
  for (const c of columns) {
    if (run.length && c !== (run[run.length - 1] ?? -2) + 1) flush();
    run.push(c);
  }
  flush();
  return pairs;
}

function pairsIn(run: readonly number[], rows: Rows): Array<[number, number]> {
  if (run.length < 4) return [];
  let best: Array<[number, number]> = [];
  let bestSpread = Infinity;
  for (const offset of [0, 1]) {
    const pairs: Array<[number, number]> = [];
    for (let k = offset; k + 1 < run.length; k += 2) pairs.push([run[k] ?? 0, run[k + 1] ?? 0]);
    const directions = pairs.map((p) => pairDirection(p, rows));
    // Every pair one way round (possible then absences, or the reverse) and at least two terms.
    if (pairs.length < 2 || !directions.every((d) => d !== 0 && d === directions[0])) continue;
    // A count column beside the terms (an age, a year group) shifts the pairing by one and can
    // still read one way round (an age is below every term's sessions). Of two pairings of one
    // length, the terms are the one whose smaller columns look alike: every term's absences are
    // one kind of figure, an age beside them is not.
    const spread = smallerSpread(pairs, directions[0] as number, rows);
    if (pairs.length > best.length || (pairs.length === best.length && spread < bestSpread)) {
      best = pairs;
      bestSpread = spread;
    }
  }
  return best;
}

/** How unlike one another the pairs' smaller columns are: the spread of their shares of zero. */
function smallerSpread(pairs: ReadonlyArray<[number, number]>, direction: number, rows: Rows): number {
  const shares = pairs.map(([a, b]) => {
    const column = direction === 1 ? b : a;
    let n = 0;
    let zeros = 0;
    for (const r of rows) {
      const v = numberOf(r[column]);
      if (v === null) continue;
      n++;
      if (v === 0) zeros++;
    }
    return n ? zeros / n : 0;
  });
  return Math.max(...shares) - Math.min(...shares);
}

/** 1 when the first column is the larger in (nearly) every row, -1 for the second, else 0. */
function pairDirection([a, b]: [number, number], rows: Rows): number {
  let n = 0;
  let aBigger = 0;
  let bBigger = 0;
  const larger: number[] = [];
  for (const r of rows) {
    const x = numberOf(r[a]);
    const y = numberOf(r[b]);
    if (x === null || y === null) continue;
    n++;
    if (x >= y) aBigger++;
    if (y >= x) bBigger++;
    larger.push(Math.max(x, y));
  }
  if (n < MIN_CELLS) return 0;
  const mean = larger.reduce((s, v) => s + v, 0) / n;
  // Sessions in a term: tens to a few hundred, the same few values for most pupils.
  const repeats = new Set(larger).size <= Math.max(3, n * 0.5);
  if (mean < 10 || Math.max(...larger) > 1000 || !repeats) return 0;
  if (aBigger / n >= 0.98) return 1;
  if (bBigger / n >= 0.98) return -1;
  return 0;
}

const FLAG = /^(y|n|yes|no|true|false|0|1)$/i;
const WHO_OR_WHERE: ReadonlySet<ColumnRole> = new Set(['forename', 'surname', 'middle_names', 'full_name', 'dob', 'sex', 'title', 'address', 'address_line', 'town', 'postcode', 'uprn', 'nhs_number', 'nino', 'upn']);
/** A person's title: a few recurring values too, but the person's, not the event's type. */
const TITLE = /^(mr|mrs|miss|ms|mx|master|dr|rev|revd|sir|dame|lady|lord|prof)\.?$/i;
const isCount = (v: string): boolean => /^\d{1,4}(\.0+)?$/.test(v.trim());

export function unnamedEventRoles(headers: readonly string[], suggestions: RoleSuggestion[], samples: ReadonlyArray<readonly string[]>, rows: Rows, given: ReadonlyArray<ColumnRole | undefined>, pivotYear?: number): RoleSuggestion[] {
  const out = suggestions.slice();
  const open = (i: number): boolean => !given[i] && unknownHeading(headers[i]);
  const values = (i: number): readonly string[] => samples[i] ?? [];
  const dateShare = (i: number): number => share(values(i), (v) => parseDate(v, { pivotYear, allowSerial: true }) !== null);
  const iso = (v: string | null | undefined): string | null => (v ? (parseDate(v, { pivotYear, allowSerial: true })?.iso ?? null) : null);

  // The event's end: a later date column, on or after the start in (nearly) every row.
  const dates = out.flatMap((s, i) => (s.role === 'event_date' ? [i] : []));
  const start = dates[0];
  if (start !== undefined && !out.some((s) => s.role === 'event_end_date')) {
    for (const j of dates.slice(1)) {
      if (!open(j)) continue;
      let n = 0;
      let after = 0;
      for (const r of rows) {
        const a = iso(r[start]);
        const b = iso(r[j]);
        if (!a || !b) continue;
        n++;
        if (b >= a) after++;
      }
      if (n >= 3 && after / n >= 0.95) {
        out[j] = { role: 'event_end_date', confidence: 0.6, reason: `the cells are dates on or after column ${start + 1}'s in ${Math.round((after / n) * 100)}% of rows: the event's end` };
        break;
      }
    }
  }

  // School terms: paired counts, side by side.
  const counts = out.flatMap((s, i) => (s.role === 'event' && open(i) && values(i).length >= MIN_CELLS && share(values(i), isCount) >= 0.95 ? [i] : []));
  const terms = termPairsFromCells(counts, rows);
  const inTerm = new Set(terms.flat());
  terms.forEach(([a, b], k) => {
    for (const i of [a, b]) out[i] = { role: 'event_value', confidence: 0.55, reason: `the cells are counts paired with column ${(i === a ? b : a) + 1}, one never below the other, in a run of ${terms.length} such pairs: sessions possible and absences, term ${k + 1} of ${terms.length}` };
  });

  if (start === undefined) return out;
  // The event's value: a column of numbers that is not a reference (references rarely repeat).
  if (!out.some((s, i) => s.role === 'event_value' && !inTerm.has(i))) {
    const value = out.findIndex((s, i) => {
      if (s.role !== 'event' || !open(i) || inTerm.has(i) || inTerm.has(i - 1) || inTerm.has(i + 1)) return false;
      const v = values(i);
      if (v.length < MIN_CELLS || share(v, (x) => numberOf(x) !== null) < 0.9) return false;
      const d = distinct(v);
      return d >= 3 && !(d / v.length >= 0.9 && share(v, (x) => /^\d{5,}$/.test(x.trim())) >= 0.9);
    });
    if (value >= 0) out[value] = { role: 'event_value', confidence: 0.5, reason: 'the cells are numbers (a count or an amount) beside an event' };
  }
  // The event's type: a few values recurring, the nearest such column to the event's date.
  if (!out.some((s) => s.role === 'event_category')) {
    const candidates = out.flatMap((s, i) => {
      if (s.role !== 'event' || !open(i)) return [];
      const v = values(i);
      if (v.length < MIN_CELLS || dateShare(i) >= 0.5 || share(v, (x) => numberOf(x) !== null) >= 0.5) return [];
      const d = distinct(v);
      // A yes/no flag says whether, not what kind: not the event's type.
      if (share(v, (x) => FLAG.test(x.trim())) >= 0.9) return [];
      if (share(v, (x) => TITLE.test(x.trim())) >= 0.9) return [];
      // A headed column with a heading no list knows, standing among the person's and the
      // address's columns ("Twn" between the address lines and the postcode), is theirs.
      if (!unnamed(headers[i]) && WHO_OR_WHERE.has(out[i - 1]?.role ?? 'ignore') && WHO_OR_WHERE.has(out[i + 1]?.role ?? 'ignore')) return [];
      const coded = d >= 2 && d <= 40 && d <= v.length * 0.5 && share(v, (x) => x.length <= 60) >= 0.9;
      return coded ? [i] : [];
    });
    candidates.sort((a, b) => Math.abs(a - start) - Math.abs(b - start) || a - b);
    const category = candidates[0];
    if (category !== undefined) out[category] = { role: 'event_category', confidence: 0.5, reason: `the cells are a few recurring values (${distinct(values(category))} different), nearest the event's date: its type` };
  }
  return out;
}
