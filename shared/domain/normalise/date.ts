import { cleanCell } from './text.js';

export interface ParsedDate {
  /** ISO yyyy-mm-dd */
  iso: string;
  /** Day and month could be read either way round (both ≤ 12 and different). */
  ambiguousDayMonth: boolean;
}

const MONTHS: Record<string, number> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, SEPT: 9, OCT: 10, NOV: 11, DEC: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1850 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

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
}

function fullYear(y: string, pivotYear: number): number {
  if (y.length === 4) return Number(y);
  const yy = Number(y);
  const century = Math.floor(pivotYear / 100) * 100;
  return century + yy > pivotYear ? century - 100 + yy : century + yy;
}

/**
 * UK-first date parser: dd/mm/yyyy (and - . separators, 2-digit years), yyyy-mm-dd,
 * 12-SEP-94, 12 September 1994, and Excel serials. Day-first always wins over US order.
 */
export function parseDate(value: string | null | undefined, options: DateOptions = {}): ParsedDate | null {
  const cleaned = cleanCell(value);
  if (!cleaned) return null;
  const pivotYear = options.pivotYear ?? new Date().getUTCFullYear();
  const v = cleaned.toUpperCase();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(v);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? { iso, ambiguousDayMonth: false } : null;
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: .*)?$/.exec(v);
  if (m) {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    const iso = isoDate(fullYear(m[3] ?? '', pivotYear), mo, d);
    return iso ? { iso, ambiguousDayMonth: d <= 12 && mo <= 12 && d !== mo } : null;
  }
  m = /^(\d{1,2})[-/. ]?([A-Z]{3,9})[-/. ,]*(\d{2}|\d{4})$/.exec(v);
  if (m) {
    const mo = MONTHS[(m[2] ?? '').slice(0, (m[2] ?? '').startsWith('SEPT') ? 4 : 3)];
    if (!mo) return null;
    const iso = isoDate(fullYear(m[3] ?? '', pivotYear), mo, Number(m[1]));
    return iso ? { iso, ambiguousDayMonth: false } : null;
  }
  m = /^(\d{8})$/.exec(v);
  if (m) {
    const s = m[1] ?? '';
    const iso = isoDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
    if (iso) return { iso, ambiguousDayMonth: false };
    const dmy = isoDate(Number(s.slice(4, 8)), Number(s.slice(2, 4)), Number(s.slice(0, 2)));
    return dmy ? { iso: dmy, ambiguousDayMonth: false } : null;
  }
  if (options.allowSerial && /^\d{1,6}(\.\d+)?$/.test(v)) {
    const iso = excelSerialToIso(Number(v));
    return iso ? { iso, ambiguousDayMonth: false } : null;
  }
  return null;
}
