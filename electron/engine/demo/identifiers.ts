// National identifiers used in the demo: NHS number (mod 11), NINO (format), UPN (DfE check
// letter). Implemented from the published rules; pure functions.

/** NHS number check digit for the first nine digits; null when the remainder makes it invalid. */
export function nhsCheckDigit(nine: string): number | null {
  if (!/^\d{9}$/.test(nine)) throw new Error(`nhsCheckDigit: need 9 digits, got ${nine}`);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** True when a 10-digit NHS number (spaces allowed) passes the modulus 11 check. */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/\s+/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  const check = nhsCheckDigit(digits.slice(0, 9));
  return check !== null && check === Number(digits[9]);
}

/** 'NNN NNN NNNN' as printed on NHS letters. */
export function spacedNhsNumber(nhs: string): string {
  return `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;
}

/** Check letters for remainders 0–22 (I, O and S are never used). */
export const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * DfE UPN check letter for the 12 characters after it (positions 2–13): each digit is multiplied
 * by its position (2..13), the products summed, and the sum taken modulo 23. For a temporary UPN
 * the 13th character is a letter and counts as its index in UPN_CHECK_LETTERS.
 */
export function upnCheckLetter(rest: string): string {
  if (!/^\d{11}[0-9A-Z]$/.test(rest)) throw new Error(`upnCheckLetter: bad UPN body ${rest}`);
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = rest[i] as string;
    let value: number;
    if (ch >= '0' && ch <= '9') value = ch.charCodeAt(0) - 48;
    else {
      value = UPN_CHECK_LETTERS.indexOf(ch);
      if (value < 0) throw new Error(`upnCheckLetter: letter ${ch} not allowed`);
    }
    sum += value * (i + 2);
  }
  return UPN_CHECK_LETTERS[sum % 23] as string;
}

export function isValidUpn(value: string): boolean {
  const upn = value.trim().toUpperCase();
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) return false;
  try {
    return upnCheckLetter(upn.slice(1)) === upn[0];
  } catch {
    return false;
  }
}

/** Letters allowed first / second in a NINO prefix (HMRC: not D F I Q U V; second not O). */
export const NINO_FIRST_LETTERS = 'ABCEGHJKLMNOPRSTWXYZ';
export const NINO_SECOND_LETTERS = 'ABCEGHJKLMNPRSTWXYZ';
/** Prefixes never allocated (or reserved for temporary numbers). */
export const NINO_EXCLUDED_PREFIXES: readonly string[] = ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'];

export function isValidNino(value: string): boolean {
  const nino = value.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-Z])([A-Z])\d{6}([A-D])$/.exec(nino);
  if (!m) return false;
  const a = m[1] as string;
  const b = m[2] as string;
  return (
    NINO_FIRST_LETTERS.includes(a) &&
    NINO_SECOND_LETTERS.includes(b) &&
    !NINO_EXCLUDED_PREFIXES.includes(a + b)
  );
}
