import { cleanCell } from './text.js';

// UK postcode shape (incl. GIR 0AA); BFPO and overseas territories are out of scope here.
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/** Normalises to "S60 1AB" form, or null when the value is not a UK postcode. */
export function normalisePostcode(value: string | null | undefined): string | null {
  const cleaned = cleanCell(value);
  if (!cleaned) return null;
  const compact = cleaned.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact === 'GIR0AA') return 'GIR 0AA';
  const m = POSTCODE.exec(compact);
  return m ? `${m[1]} ${m[2]}` : null;
}

export function looksLikePostcode(value: string): boolean {
  return normalisePostcode(value) !== null;
}
