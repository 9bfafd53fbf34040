// E-mail addresses and phone numbers as the linker compares them. Both are contact details, not
// identity: a parent's number is often given for a child, so the linker weighs them with term
// frequencies and within-postcode u, never as a veto. Normalising makes one person's variants
// equal ("Jo.Bloggs@Mail.com " = "jo.bloggs@mail.com"; "+44 7700 900123" = "07700900123").

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Addresses that stand for "none" in partner extracts. */
const NO_EMAIL = /^(none|no|n\/?a|unknown|not ?known|noemail|no\.?email)@/;

/** A lower-cased, trimmed e-mail address, or null when the cell holds no valid-looking one. */
export function normaliseEmail(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase().replace(/^mailto:/, '');
  if (!v || !EMAIL.test(v) || NO_EMAIL.test(v)) return null;
  return v;
}

/**
 * A phone number as digits, UK numbers in national form (+44 / 0044 / a lost leading 0 → 0), or
 * null when it is too short to be a number or one digit repeated (a stand-in such as 00000000000).
 */
export function normalisePhone(value: string | null | undefined): string | null {
  if (!value) return null;
  // an extension or a second number after a separator is not part of this one
  const first = value.split(/\s*(?:\/|,|;|\bext\.?|\bx(?=\s*\d))\s*/i)[0] ?? '';
  let digits = first.replace(/\D/g, '');
  if (first.trim().startsWith('+')) digits = digits.startsWith('44') ? `0${digits.slice(2).replace(/^0/, '')}` : `00${digits}`;
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4).replace(/^0/, '')}`;
  // A UK number kept in a spreadsheet's number cell loses its leading 0 ("7700900123"), and one
  // written +44 the + too ("447700900123"): ten digits of a UK number (geographic 1–3, mobile 7)
  else if (/^44[1-37]\d{9}$/.test(digits)) digits = `0${digits.slice(2)}`;
  else if (/^[1-37]\d{9}$/.test(digits)) digits = `0${digits}`;
  if (digits.length < 7 || /^(\d)\1+$/.test(digits)) return null;
  return digits;
}
