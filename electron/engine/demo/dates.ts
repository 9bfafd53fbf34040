// Calendar arithmetic on whole days since 1970-01-01 (proleptic Gregorian, no time zones), and
// the date spellings the demo agencies use. Pure integer arithmetic: no Date, no locale.
import { civilFromDays, daysFromCivil } from '../../../shared/domain/calendar.js';

export interface Ymd {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

/** Days since 1970-01-01 for a civil date (Hinnant's days_from_civil). */
export function dayOf(y: number, m: number, d: number): number {
  return daysFromCivil(y, m, d);
}

/** The civil date of a day number (Hinnant's civil_from_days). */
export function ymdOf(day: number): Ymd {
  const [y, m, d] = civilFromDays(day);
  return { y, m, d };
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Day number from 'YYYY-MM-DD'. */
export function parseIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!isValidYmd(y, mo, d)) throw new Error(`invalid date: ${iso}`);
  return dayOf(y, mo, d);
}

/** Whole years between a date of birth and a date. */
export function ageOn(dob: number, on: number): number {
  const a = ymdOf(dob);
  const b = ymdOf(on);
  let age = b.y - a.y;
  if (b.m < a.m || (b.m === a.m && b.d < a.d)) age--;
  return age;
}

/** Adds whole years, clamping 29 February to 28 February. */
export function addYears(day: number, years: number): number {
  const { y, m, d } = ymdOf(day);
  const ny = y + years;
  return dayOf(ny, m, Math.min(d, daysInMonth(ny, m)));
}

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const p4 = (n: number): string => String(n).padStart(4, '0');
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** 'YYYY-MM-DD' */
export function fmtIso(day: number): string {
  const { y, m, d } = ymdOf(day);
  return `${p4(y)}-${p2(m)}-${p2(d)}`;
}

/** 'DD/MM/YYYY' */
export function fmtDmy(day: number): string {
  const { y, m, d } = ymdOf(day);
  return `${p2(d)}/${p2(m)}/${p4(y)}`;
}

/** 'D/M/YY' (no padding, two-digit year) */
export function fmtDmyShort(day: number): string {
  const { y, m, d } = ymdOf(day);
  return `${d}/${m}/${p2(((y % 100) + 100) % 100)}`;
}

/** 'DD-MON-YY' as Oracle-era systems print it, e.g. 12-SEP-94 */
export function fmtOracle(day: number): string {
  const { y, m, d } = ymdOf(day);
  return `${p2(d)}-${MONTHS[m - 1] ?? '???'}-${p2(((y % 100) + 100) % 100)}`;
}

/** 'DD/MM/YYYY HH:MM' given minutes past midnight. */
export function fmtDmyTime(day: number, minutes: number): string {
  return `${fmtDmy(day)} ${p2(Math.floor(minutes / 60) % 24)}:${p2(minutes % 60)}`;
}

/** Excel (1900 date system) serial number of a day; valid for dates after 1900-03-01. */
export function excelSerial(day: number): number {
  return day + 25569;
}
