// A pupil's national curriculum year (year group) found by its cells, whatever the column is
// called ("NC Year", "Curr Yr", "STU_YG", "Form" or nothing at all). Year groups are small
// numbers, and so are ages, counts and house numbers, so the cells must show more than numbers:
// - beside a date of birth, a year group moves on at the school year (1 September) and an age at
//   each birthday: year + birth year (+1 when born after 31 August) is the same for every pupil of
//   a census, and the cut that makes it so falls on 31 August for year groups, elsewhere for ages;
// - without one, Reception, nursery or "Y"-prefixed cells ("R", "N2", "Y7") are year groups'
//   alone; bare numbers are taken only under a heading that says a year ("Curr Yr", "YG").
// A heading that names a year group ("NC Year", "Year Group") decides on its own, as before.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { parseDate } from '../../../shared/domain/normalise/date.js';
import { markedYearGroup, yearGroupOf } from '../../../shared/domain/normalise/year-group.js';
import { headerKey, type RoleSuggestion } from './roles.js';

type Rows = ReadonlyArray<ReadonlyArray<string | null>>;

/**
 * Headings of a national curriculum year column, as headerKey reads them: "NC Year", "Year Group",
 * "Curriculum Year", "PUP_NC_YEAR", "NCY", a bare "Year" or "Yr" (its cells must be year groups too).
 */
export const YEAR_GROUP_HEADING = /(^|\b)(n ?c ?(year|yr)|ncy(ear)?|(national )?curriculum (year|yr)|(year|yr) ?(group|grp))(\b|$)|^(year|yr)$/;
/** Words by which a heading hints at a year without naming a year group: "Curr Yr", "STU_YG", "Form". */
const YEAR_HINT = /\b(yr|year|yg|ygrp|grp|form|nc|cy)\b/;

/** Fewest sampled cells (and rows beside a date of birth) before a column's shape is trusted. */
const MIN_CELLS = 5;
/** Share of cells that must read as year groups. */
const READ_SHARE = 0.9;
/** Share of rows whose year group must fit the school year of their date of birth. */
const FIT_SHARE = 0.85;
/** How much better a cut away from 31 August must fit to say the cells move at birthdays. */
const AGE_MARGIN = 0.03;
/** Days either side of 31 August where an age's birthday cut cannot be told from the school year's. */
const NEAR_DAYS = 21;

const share = (values: readonly string[], test: (v: string) => boolean): number => (values.length ? values.filter(test).length / values.length : 0);
const CUMULATIVE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
/** Day of a non-leap year, 1–365, of a month and day. */
const dayOfYear = (month: number, day: number): number => (CUMULATIVE[month - 1] ?? 0) + Math.min(day, 28 + (month === 2 ? 0 : 3));
const END_OF_AUGUST = dayOfYear(8, 31);

interface BirthFit {
  /** Rows holding both a date of birth and a year group. */
  rows: number;
  /** Share of them on the commonest year + school year of birth: year groups fit it. */
  school: number;
  /** The school year the census was taken in (its September), from that commonest sum. */
  censusYear: number;
  /** Best share at a cut more than NEAR_DAYS from 31 August: ages taken on that day fit it. */
  elsewhere: number;
}

/**
 * How the column's numbers follow the date of birth: for each cut of the calendar, the share of
 * rows on the commonest `value + birth year + (born after the cut ? 1 : 0)`. An age on a day D
 * is constant under D's cut; a year group under 31 August's.
 */
function birthFit(rows: Rows, column: number, dob: number, pivotYear: number): BirthFit | null {
  const pairs: Array<[value: number, year: number, day: number]> = [];
  for (const r of rows) {
    const v = yearGroupOf(r[column]);
    const cell = r[dob];
    if (v === null || !cell) continue;
    const iso = parseDate(cell, { pivotYear, allowSerial: true })?.iso;
    if (!iso) continue;
    pairs.push([v, Number(iso.slice(0, 4)), dayOfYear(Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))]);
  }
  if (pairs.length < MIN_CELLS) return null;
  const fitAt = (cut: number): { share: number; sum: number } => {
    const counts = new Map<number, number>();
    let best = 0;
    let sum = 0;
    for (const [v, y, d] of pairs) {
      const k = v + y + (d > cut ? 1 : 0);
      const n = (counts.get(k) ?? 0) + 1;
      counts.set(k, n);
      if (n > best) [best, sum] = [n, k];
    }
    return { share: best / pairs.length, sum };
  };
  const school = fitAt(END_OF_AUGUST);
  let elsewhere = 0;
  // Every distinct birthday is a cut worth trying: between two of them the shares do not change.
  for (const cut of new Set([0, ...pairs.map(([, , d]) => d)])) {
    const distance = Math.abs(cut - END_OF_AUGUST);
    if (Math.min(distance, 365 - distance) <= NEAR_DAYS) continue;
    elsewhere = Math.max(elsewhere, fitAt(cut).share);
  }
  // Reception are 4 on the 31 August before the census: value + school year of birth = September − 4.
  return { rows: pairs.length, school: school.share, censusYear: school.sum + 4, elsewhere };
}

const pct = (s: number): string => `${Math.round(s * 100)}%`;
const heading = (header: string | undefined): string => `the heading "${(header ?? '').length > 40 ? `${(header ?? '').slice(0, 40)}…` : header}"`;

/** The year-group role for one column, a reason it is not one (for the screen), or null when it never looked like one. */
function judge(header: string | undefined, values: readonly string[], rows: Rows, column: number, dob: number | null, pivotYear: number): RoleSuggestion | { not: string } | null {
  const key = headerKey(header ?? '');
  const read = share(values, (v) => yearGroupOf(v) !== null);
  const named = key !== '' && YEAR_GROUP_HEADING.test(key);
  // A heading that names a year group is enough (a bare "Year" needs its cells to be year groups).
  if (named && (values.length === 0 || read >= (/^(year|yr)$/.test(key) ? READ_SHARE : 0.5))) {
    return { role: 'year_group', confidence: 0.9, reason: `${heading(header)} names a year group${values.length ? ` and ${pct(read)} of the cells are year groups` : ''}` };
  }
  if (values.length < MIN_CELLS || read < READ_SHARE) return null;
  const groups = new Set(values.map(yearGroupOf));
  if (groups.size < 2) return null;
  const what = `${pct(read)} of the cells are year groups (R, 1–14, Y7)`;
  const fit = dob === null ? null : birthFit(rows, column, dob, pivotYear);
  if (fit) {
    if (fit.elsewhere >= fit.school + AGE_MARGIN) return { not: `${what}, but they move on at birthdays, not at 1 September (against the dates of birth in column ${dob! + 1}): ages, kept as event detail` };
    if (fit.school >= FIT_SHARE) {
      // An age taken near 31 August fits the school year's cut too, four years on: a census in the future is not a census.
      if (fit.censusYear > pivotYear + 1) return { not: `${what}, but against the dates of birth in column ${dob! + 1} they are ages on 1 September: kept as event detail` };
      return { role: 'year_group', confidence: 0.7, reason: `${what}, and in ${pct(fit.school)} of rows they are the school year of the date of birth in column ${dob! + 1} (census ${fit.censusYear}/${String((fit.censusYear + 1) % 100).padStart(2, '0')}): the pupil's year group` };
    }
  }
  const marked = share(values, markedYearGroup);
  if (marked >= 0.05 && groups.size >= 3) return { role: 'year_group', confidence: 0.6, reason: `${what}, ${pct(marked)} of them written as only year groups are (R, N1, Y7)` };
  if (key !== '' && YEAR_HINT.test(key) && groups.size >= 3) return { role: 'year_group', confidence: 0.55, reason: `${what} and ${heading(header)} says a year` };
  return null;
}

/**
 * Gives the year-group role to the one column whose cells are a pupil's national curriculum year
 * (the surest, a heading naming it first). Only event detail is asked: a column the analyst gave
 * a role, or whose heading names a person field ("Age"), is never touched. A column whose cells
 * look like year groups but are ages keeps its role, with the reason.
 * `samples` are the column's non-blank sampled cells; `rows` the sampled rows, cell by column.
 */
export function settleYearGroup(headers: readonly string[], suggestions: RoleSuggestion[], samples: ReadonlyArray<readonly string[]>, rows: Rows, given: ReadonlyArray<ColumnRole | undefined> = [], pivotYear = new Date().getUTCFullYear()): RoleSuggestion[] {
  if (suggestions.some((s) => s.role === 'year_group')) return suggestions;
  const dob = suggestions.findIndex((s) => s.role === 'dob');
  const out = suggestions.slice();
  let best = -1;
  suggestions.forEach((s, i) => {
    if (given[i] || s.role !== 'event') return;
    const found = judge(headers[i], samples[i] ?? [], rows, i, dob >= 0 ? dob : null, pivotYear);
    if (!found) return;
    if ('not' in found) {
      out[i] = { ...s, reason: found.not };
      return;
    }
    if (best < 0 || found.confidence > (out[best]?.confidence ?? 0)) best = i;
    out[i] = found;
  });
  // One year group a row: the others found stay event detail.
  return out.map((s, i) => (s.role === 'year_group' && i !== best && !given[i] ? (suggestions[i] as RoleSuggestion) : s));
}
