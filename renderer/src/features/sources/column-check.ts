// Live check of one column under the role the user chose: the first values as the importer
// would read them, and how many it could not read ("3 of 40 dates could not be read"). Uses the
// same shared normalisers as the engine, so what the screen says is what the import will do.
import type { ColumnRole } from '../../../../shared/domain/record-fields.js';
import { parseDate } from '../../../../shared/domain/normalise/date.js';
import { normaliseNhsNumber, normaliseNino, normaliseUpn, normaliseUprn } from '../../../../shared/domain/normalise/identifiers.js';
import { cleanName, splitFullName } from '../../../../shared/domain/normalise/name.js';
import { parsePostcode } from '../../../../shared/domain/normalise/postcode.js';
import { normaliseSex } from '../../../../shared/domain/normalise/sex.js';
import { yearGroupOf } from '../../../../shared/domain/normalise/year-group.js';

export interface ColumnCheck {
  /** The first few values as they will be stored (null: could not be read). */
  parsed: Array<{ raw: string; value: string | null }>;
  filled: number;
  unreadable: number;
  /** "3 of 40 dates could not be read", or null when all read (or nothing to check). */
  problem: string | null;
}

type Reader = (value: string) => string | null;

const date: Reader = (v) => parseDate(v, { allowSerial: true })?.iso ?? null;
const number: Reader = (v) => {
  const n = Number(v.replace(/[£,\s]/g, ''));
  return Number.isFinite(n) ? String(n) : null;
};

/** How each role reads a cell, and what to call the values in a problem. */
const READERS: Partial<Record<ColumnRole, { read: Reader; noun: string }>> = {
  dob: { read: date, noun: 'dates' },
  event_date: { read: date, noun: 'dates' },
  event_end_date: { read: date, noun: 'dates' },
  postcode: { read: (v) => parsePostcode(v)?.postcode ?? null, noun: 'postcodes' },
  nhs_number: { read: (v) => (normaliseNhsNumber(v).valid ? normaliseNhsNumber(v).value : null), noun: 'NHS numbers' },
  nino: { read: (v) => (normaliseNino(v).valid ? normaliseNino(v).value : null), noun: 'National Insurance numbers' },
  upn: { read: (v) => (normaliseUpn(v).valid ? normaliseUpn(v).value : null), noun: 'pupil numbers' },
  uprn: { read: (v) => normaliseUprn(v), noun: 'UPRNs' },
  sex: { read: (v) => normaliseSex(v), noun: 'sex codes' },
  age: { read: (v) => (/^\d{1,3}$/.test(v.trim()) && Number(v) <= 130 ? String(Number(v)) : null), noun: 'ages' },
  event_value: { read: number, noun: 'numbers' },
  year_group: {
    read: (v) => {
      const g = yearGroupOf(v);
      return g === null ? null : g > 0 ? `Year ${g}` : g === 0 ? 'Reception' : `Nursery ${g + 3}`;
    },
    noun: 'year groups',
  },
  forename: { read: (v) => cleanName(v).name, noun: 'names' },
  surname: { read: (v) => cleanName(v).name, noun: 'names' },
  full_name: {
    read: (v) => {
      const s = splitFullName(v);
      return s.forename || s.surname ? [s.surname, s.forename].filter(Boolean).join(', ') : null;
    },
    noun: 'names',
  },
};

const SHOWN = 3;

export function checkColumn(role: ColumnRole, values: readonly string[]): ColumnCheck {
  const filled = values.filter((v) => v.trim() !== '');
  const reader = READERS[role];
  if (!reader) return { parsed: [], filled: filled.length, unreadable: 0, problem: null };
  let unreadable = 0;
  const parsed: ColumnCheck['parsed'] = [];
  for (const raw of filled) {
    const value = reader.read(raw);
    if (value === null) unreadable++;
    if (parsed.length < SHOWN) parsed.push({ raw, value });
  }
  const problem = unreadable > 0 ? `${unreadable} of ${filled.length} ${reader.noun} could not be read` : null;
  return { parsed, filled: filled.length, unreadable, problem };
}
