import { cleanCell } from './text.js';

/** NHS number: 10 digits, mod-11 check digit (a remainder giving 10 is never issued). */
export function nhsNumberValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

export function normaliseNhsNumber(value: string | null | undefined): { value: string | null; valid: boolean } {
  const cleaned = cleanCell(value);
  if (!cleaned) return { value: null, valid: false };
  const digits = cleaned.replace(/[\s-]/g, '');
  return { value: digits, valid: nhsNumberValid(digits) };
}

// HMRC: first letters exclude D F I Q U V, second also excludes O; some prefixes never issued.
const NINO = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

export function normaliseNino(value: string | null | undefined): { value: string | null; valid: boolean } {
  const cleaned = cleanCell(value);
  if (!cleaned) return { value: null, valid: false };
  const compact = cleaned.toUpperCase().replace(/[\s-]/g, '');
  return { value: compact, valid: NINO.test(compact) };
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

export function normaliseUpn(value: string | null | undefined): { value: string | null; valid: boolean } {
  const cleaned = cleanCell(value);
  if (!cleaned) return { value: null, valid: false };
  const compact = cleaned.toUpperCase().replace(/\s/g, '');
  const valid = compact.length === 13 && upnCheckLetter(compact.slice(1)) === compact[0];
  return { value: compact, valid };
}

export function normaliseUprn(value: string | null | undefined): string | null {
  const cleaned = cleanCell(value);
  if (!cleaned) return null;
  const digits = cleaned.replace(/\.0+$/, '');
  return /^\d{1,12}$/.test(digits) ? String(Number(digits)) : null;
}
