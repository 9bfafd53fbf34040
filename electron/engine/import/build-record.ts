// Turns one data row into a normalised Record, or says why it cannot be one.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { parseDate } from '../../../shared/domain/normalise/date.js';
import { normaliseNhsNumber, normaliseNino, normaliseUpn, normaliseUprn } from '../../../shared/domain/normalise/identifiers.js';
import { nameKey, splitFullName } from '../../../shared/domain/normalise/name.js';
import { normalisePostcode } from '../../../shared/domain/normalise/postcode.js';
import { normaliseSex } from '../../../shared/domain/normalise/sex.js';
import { cleanCell } from '../../../shared/domain/normalise/text.js';

export interface RecordValues {
  forename: string | null;
  middleNames: string | null;
  surname: string | null;
  title: string | null;
  dob: string | null;
  age: number | null;
  sex: string | null;
  address: string | null;
  postcode: string | null;
  uprn: string | null;
  nhsNumber: string | null;
  nhsNumberValid: boolean;
  nino: string | null;
  ninoValid: boolean;
  upn: string | null;
  upnValid: boolean;
  agencyRef: string | null;
  eventDate: string | null;
  forenameKey: string | null;
  surnameKey: string | null;
  problems: string[];
}

export type BuildResult = { ok: true; record: RecordValues } | { ok: false; reason: string };

export interface BuildContext {
  headers: string[];
  roles: ColumnRole[];
  /** Two-digit years resolve to the century that keeps dates on or before this year. */
  pivotYear: number;
}

/** Column indexes per role, worked out once per sheet rather than once per row. */
export type PreparedContext = BuildContext & { columns: ReadonlyMap<ColumnRole, number[]> };

export function prepareContext(ctx: BuildContext): PreparedContext {
  const columns = new Map<ColumnRole, number[]>();
  ctx.roles.forEach((role, i) => columns.set(role, [...(columns.get(role) ?? []), i]));
  return { ...ctx, columns };
}

const NONE: number[] = [];

export function buildRecord(cells: Array<string | null>, ctx: PreparedContext): BuildResult {
  const first = (role: ColumnRole): { value: string; column: number } | null => {
    for (const i of ctx.columns.get(role) ?? NONE) {
      const value = cleanCell(cells[i]);
      if (value) return { value, column: i };
    }
    return null;
  };
  const all = (role: ColumnRole): string[] => {
    const values: string[] = [];
    for (const i of ctx.columns.get(role) ?? NONE) {
      const value = cleanCell(cells[i]);
      if (value) values.push(value);
    }
    return values;
  };
  const problems: string[] = [];
  const col = (i: number): string => ctx.headers[i] || `column ${i + 1}`;

  let forename = first('forename')?.value ?? null;
  let surname = first('surname')?.value ?? null;
  let middleNames = all('middle_names').join(' ') || null;
  const full = first('full_name');
  if (full && (!forename || !surname)) {
    const split = splitFullName(full.value);
    forename ??= split.forename;
    surname ??= split.surname;
    middleNames ??= split.middleNames;
  }
  if (!forename && !surname) return { ok: false, reason: 'no name in any name column' };

  const dobCell = first('dob');
  const dob = dobCell ? parseDate(dobCell.value, { pivotYear: ctx.pivotYear, allowSerial: true }) : null;
  if (dobCell && !dob) problems.push(`${col(dobCell.column)}: "${dobCell.value.slice(0, 20)}" is not a date`);
  if (dob?.ambiguousDayMonth) problems.push('date of birth: day and month could be either way round (read as day first)');

  const ageCell = first('age');
  const age = ageCell && /^\d{1,3}$/.test(ageCell.value) ? Number(ageCell.value) : null;

  const sexCell = first('sex');
  const sex = sexCell ? normaliseSex(sexCell.value) : null;
  if (sexCell && !sex) problems.push(`${col(sexCell.column)}: "${sexCell.value.slice(0, 20)}" is not a sex code`);

  const pcCell = first('postcode');
  const postcode = pcCell ? normalisePostcode(pcCell.value) : null;
  if (pcCell && !postcode) problems.push(`${col(pcCell.column)}: "${pcCell.value.slice(0, 12)}" is not a UK postcode`);

  const addressParts = [...all('address'), ...all('address_line'), ...all('town')];
  const nhs = normaliseNhsNumber(first('nhs_number')?.value);
  if (nhs.value && !nhs.valid) problems.push('NHS number fails its check digit');
  const nino = normaliseNino(first('nino')?.value);
  if (nino.value && !nino.valid) problems.push('National Insurance number is not in a valid format');
  const upn = normaliseUpn(first('upn')?.value);
  if (upn.value && !upn.valid) problems.push('UPN fails its check letter');

  const eventDates = all('event_date')
    .map((v) => parseDate(v, { pivotYear: ctx.pivotYear, allowSerial: true })?.iso)
    .filter((v): v is string => !!v)
    .sort();

  return {
    ok: true,
    record: {
      forename,
      middleNames,
      surname,
      title: first('title')?.value ?? null,
      dob: dob?.iso ?? null,
      age,
      sex,
      address: addressParts.length ? addressParts.join(', ') : null,
      postcode,
      uprn: normaliseUprn(first('uprn')?.value),
      nhsNumber: nhs.value,
      nhsNumberValid: nhs.valid,
      nino: nino.value,
      ninoValid: nino.valid,
      upn: upn.value,
      upnValid: upn.valid,
      agencyRef: first('agency_ref')?.value ?? null,
      eventDate: eventDates[eventDates.length - 1] ?? null,
      forenameKey: nameKey(forename),
      surnameKey: nameKey(surname),
      problems,
    },
  };
}
