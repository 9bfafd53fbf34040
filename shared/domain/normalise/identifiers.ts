import { cleanCell } from './text.js';

export interface CheckedIdentifier {
  /** Compact form (spaces, hyphens, dots removed; upper case), or null when the cell is empty. */
  value: string | null;
  /** Passes its format and check (an invalid one is kept and flagged, never dropped). */
  valid: boolean;
  /** Why it is not valid, in words, or null. */
  problem?: string | null;
}

/** NHS number: 10 digits, mod-11 check digit (a remainder giving 10 is never issued). */
export function nhsNumberValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  // A run of one digit ("0000000000", "1111111111") passes the check but is a placeholder.
  if (/^(\d)\1{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

/** Digits of an NHS number as agencies write it: "943 476 5919", "943-476-5919", 9434765919.0. */
export function normaliseNhsNumber(value: string | null | undefined): CheckedIdentifier {
  const cleaned = cleanCell(value);
  if (!cleaned) return { value: null, valid: false, problem: null };
  const compact = /^\d{10}\.0+$/.test(cleaned) ? cleaned.slice(0, 10) : cleaned.replace(/[\s.-]/g, '');
  if (!/^\d{10}$/.test(compact)) return { value: compact, valid: false, problem: 'NHS number is not 10 digits' };
  const valid = nhsNumberValid(compact);
  return { value: compact, valid, problem: valid ? null : /^(\d)\1{9}$/.test(compact) ? 'NHS number is a placeholder' : 'NHS number fails its check digit' };
}

/** "943 476 5919" as printed on NHS letters. */
export function formatNhsNumber(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}

// HMRC: first letters exclude D F I Q U V, second also excludes O; some prefixes never issued.
const NINO = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

export function normaliseNino(value: string | null | undefined): CheckedIdentifier {
  const cleaned = cleanCell(value);
  if (!cleaned) return { value: null, valid: false, problem: null };
  const compact = cleaned.toUpperCase().replace(/[\s.-]/g, '');
  const valid = NINO.test(compact);
  let problem: string | null = null;
  if (!valid) {
    if (/^TN/.test(compact)) problem = 'National Insurance number is a temporary (TN) number';
    else if (/^[A-Z]{2}\d{6}$/.test(compact)) problem = 'National Insurance number has no suffix letter';
    else problem = 'National Insurance number is not in a valid format';
  }
  return { value: compact, valid, problem };
}

// DfE unique pupil number: a check letter followed by 12 characters; the letter is the weighted
// sum of the 12 (weights 2..13) mod 23, as an index into this alphabet.
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

export function upnCheckLetter(rest: string): string | null {
  if (!/^\d{11}[0-9A-HJ-NP-RT-Z]$/.test(rest)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = rest[i] ?? '';
    const v = /\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch);
    sum += v * (i + 2);
  }
  return UPN_LETTERS[sum % 23] ?? null;
}

export function normaliseUpn(value: string | null | undefined): CheckedIdentifier {
  const cleaned = cleanCell(value);
  if (!cleaned) return { value: null, valid: false, problem: null };
  const compact = cleaned.toUpperCase().replace(/[\s-]/g, '');
  const valid = compact.length === 13 && upnCheckLetter(compact.slice(1)) === compact[0];
  return { value: compact, valid, problem: valid ? null : compact.length !== 13 ? 'UPN is not 13 characters' : 'UPN fails its check letter' };
}

/**
 * UPRN: up to 12 digits. Spreadsheet decimals ("100050123456.0") are dropped; a number Excel
 * has shown in E notation is taken only when it still holds every digit.
 */
export function normaliseUprn(value: string | null | undefined): string | null {
  const cleaned = cleanCell(value);
  if (!cleaned) return null;
  let digits = cleaned.replace(/\.0+$/, '');
  const e = /^(\d)\.(\d+)E\+(\d{1,2})$/i.exec(digits);
  // "1.0005E+11" has lost digits (Excel's General format shows six): only a mantissa that
  // carries every digit ("1.00050123456E+11") is a UPRN.
  if (e && (e[2] ?? '').length === Number(e[3])) digits = `${e[1] ?? ''}${e[2] ?? ''}`;
  return /^\d{1,12}$/.test(digits) && Number(digits) > 0 ? String(Number(digits)) : null;
}
