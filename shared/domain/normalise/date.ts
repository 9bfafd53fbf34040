import { cleanCell } from './text.js';

export interface ParsedDate {
  /** ISO yyyy-mm-dd */
  iso: string;
  /** Day and month could be read either way round (both ≤ 12 and different). */
  ambiguousDayMonth: boolean;
  /** The year was written with two digits and placed in a century by the pivot rule. */
  twoDigitYear?: boolean;
}

const MONTH_NAMES = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

/** 1–12 for a month name or its abbreviation ("SEP", "Sept", "september"); undefined otherwise. */
export function monthNumber(word: string): number | undefined {
  const w = word.toUpperCase();
  if (w.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex((name) => name.startsWith(w));
  return i >= 0 ? i + 1 : undefined;
}

export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  // No floor year: historical and genealogical sets hold old births, and a year written in full
  // ("0999") is a date; the importer flags an implausible one rather than dropping it.
  if (y < 1 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > days) return null;
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Earliest year read from eight bare digits: below it "00120512" is an identifier, not 12 May 12. */
const COMPACT_FLOOR = 1000;

/** Why a cell that looks like it meant a date is not one (for the problem note), or null. */
export function notDateReason(value: string): string | null {
  const v = value.trim();
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{3}$|^\d{3}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(v)) return 'a three-digit year: write the year in full, for example 0999 or 1999';
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{5,}$|^\d{5,}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(v)) return 'the year has more than four digits';
  return null;
}

/**
 * Dates of birth systems write where one must be filled and is not known (never a real person's
 * birthday in these data): 1 January 1900 (Excel's day 1, many systems' default), 1800 and 1901,
 * Excel's and OLE's day 0 as other tools show it, the first and last days a system can hold.
 */
const PLACEHOLDER_DATES = new Set(['1900-01-01', '1800-01-01', '1901-01-01', '1899-12-31', '1899-12-30', '0001-01-01', '9999-12-31']);
export const isPlaceholderDate = (iso: string): boolean => PLACEHOLDER_DATES.has(iso);

/** Excel's 1900 date system serial number (with its phantom 29 Feb 1900) to ISO. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 150_000) return null;
  const whole = Math.floor(serial);
  if (whole === 60) return null; // 29 Feb 1900 never existed; Excel kept Lotus 1-2-3's mistake
  const ms = Date.UTC(1899, 11, 30) + (whole < 60 ? whole + 1 : whole) * 86_400_000;
  const d = new Date(ms);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export interface DateOptions {
  /** Two-digit years are placed in the century that keeps the date on or before this year. */
  pivotYear?: number;
  /** Allow bare numbers as Excel serials (only for columns known to hold dates). */
  allowSerial?: boolean;
  /**
   * How to read nn/nn/yyyy: day first (UK, the default) or month first, when a column has
   * shown itself to be US-ordered (a second part above 12 and never a first).
   */
  order?: 'dmy' | 'mdy';
}

function fullYear(y: string, pivotYear: number): number {
  if (y.length === 4) return Number(y);
  const yy = Number(y);
  const century = Math.floor(pivotYear / 100) * 100;
  return century + yy > pivotYear ? century - 100 + yy : century + yy;
}

// Optional weekday ("Mon", "Monday,") and a trailing time ("14:30", "T00:00:00Z", "12:00 PM").
const WEEKDAY = /^(?:MON|TUE|TUES|WED|THU|THUR|THURS|FRI|SAT|SUN)[A-Z]*,?\s+/;
const TIME = /(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:AM|PM)?(?:Z|[+-]\d{2}:?\d{2})?)$/;

// An ISO date and time with a zone ("2009-08-10T23:00:00.000Z", "…T00:00:00+01:00"): an instant.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const UK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
/**
 * The date in the UK of an instant (null when the date as written stands). Systems that keep
 * instants export a date entered as UK midnight in summer time as 23:00 the day before in UTC
 * ("2009-08-10T23:00:00.000Z" for a birth on 11 August); the date keyed is the one UK clocks showed.
 */
function ukDateOf(instant: string): string | null {
  const ms = Date.parse(instant);
  // before 1900 UK clocks kept local mean time: the date as written
  if (!Number.isFinite(ms) || Number(instant.slice(0, 4)) < 1900) return null;
  const p = UK.formatToParts(ms);
  const part = (type: string): number => Number(p.find((x) => x.type === type)?.value);
  return isoDate(part('year'), part('month'), part('day'));
}

/**
 * UK-first date parser: dd/mm/yyyy (and - . separators, 2-digit years), yyyy-mm-dd,
 * 12-SEP-94, 12 September 1994, 12th Sept 1994, September 12, 1994, yyyymmdd and ddmmyyyy,
 * ISO date-times (one with a zone is an instant, dated as UK clocks showed it), and Excel
 * serials. Day-first always wins over US order unless `order` says the column is month-first. Impossible dates (31/04, 29/02 in a common year) are rejected.
 */
export function parseDate(value: string | null | undefined, options: DateOptions = {}): ParsedDate | null {
  const cleaned = cleanCell(value);
  if (!cleaned) return null;
  const pivotYear = options.pivotYear ?? new Date().getUTCFullYear();
  const c0 = cleaned.charCodeAt(0);
  let v = c0 >= 48 && c0 <= 57 ? cleaned.toUpperCase() : cleaned.toUpperCase().replace(WEEKDAY, '');
  if (v.length > 10) {
    const iso = INSTANT.test(v) ? ukDateOf(v) : null;
    if (iso) return { iso, ambiguousDayMonth: false };
    v = v.replace(TIME, '').trim();
  }
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? { iso, ambiguousDayMonth: false } : null;
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(v);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const [d, mo] = options.order === 'mdy' ? [b, a] : [a, b];
    const y = m[3] ?? '';
    const iso = isoDate(fullYear(y, pivotYear), mo, d);
    if (!iso) return null;
    const parsed: ParsedDate = { iso, ambiguousDayMonth: d <= 12 && mo <= 12 && d !== mo };
    if (y.length === 2) parsed.twoDigitYear = true;
    return parsed;
  }
  m = /^(\d{1,2})(?:ST|ND|RD|TH)?[-/. ]?([A-Z]{3,9})[-/. ,]*(\d{2}|\d{4})$/.exec(v);
  if (m) {
    const mo = monthNumber(m[2] ?? '');
    if (!mo) return null;
    const y = m[3] ?? '';
    const iso = isoDate(fullYear(y, pivotYear), mo, Number(m[1]));
    if (!iso) return null;
    return y.length === 2 ? { iso, ambiguousDayMonth: false, twoDigitYear: true } : { iso, ambiguousDayMonth: false };
  }
  m = /^([A-Z]{3,9})[-/. ]+(\d{1,2})(?:ST|ND|RD|TH)?[,. ]+(\d{4})$/.exec(v);
  if (m) {
    const mo = monthNumber(m[1] ?? '');
    if (!mo) return null;
    const iso = isoDate(Number(m[3]), mo, Number(m[2]));
    return iso ? { iso, ambiguousDayMonth: false } : null;
  }
  m = /^(\d{8})$/.exec(v);
  if (m) {
    const s = m[1] ?? '';
    const ymd = Number(s.slice(0, 4)) >= COMPACT_FLOOR ? isoDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))) : null;
    if (ymd) return { iso: ymd, ambiguousDayMonth: false };
    const dmy = Number(s.slice(4, 8)) >= COMPACT_FLOOR ? isoDate(Number(s.slice(4, 8)), Number(s.slice(2, 4)), Number(s.slice(0, 2))) : null;
    return dmy ? { iso: dmy, ambiguousDayMonth: false } : null;
  }
  if (options.allowSerial && /^\d{1,6}(\.\d+)?$/.test(v)) {
    const iso = excelSerialToIso(Number(v));
    return iso ? { iso, ambiguousDayMonth: false } : null;
  }
  return null;
}

/**
 * Which way round a column writes nn/nn dates, from its values: 'dmy' when some first part is
 * above 12, 'mdy' when some second part is and no first part is, null when nothing shows it.
 */
export function dateOrderOf(values: Iterable<string>): 'dmy' | 'mdy' | null {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const raw of values) {
    const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})\b/.exec(raw);
    if (!m) continue;
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) dayFirst++;
    else if (Number(m[2]) > 12 && Number(m[1]) <= 12) monthFirst++;
  }
  if (dayFirst > 0) return 'dmy';
  if (monthFirst > 0) return 'mdy';
  return null;
}
