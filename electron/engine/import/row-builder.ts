// One sheet's data rows into store-ready records and events: what an import does per row, and
// what re-mapping a source from its stored rows does again with other roles (remap-source.ts).
import type { ColumnRole, SourceKind } from '../../../shared/domain/record-fields.js';
import type { NameOrder } from '../../../shared/domain/normalise/name.js';
import { buildRecord, prepareContext, type RecordValues } from './build-record.js';
import { eventsOf, planEvents, type EventTuple } from './events.js';

/** Record values in the store's column order (after raw_row_id, source_id). */
export type RecordTuple = [
  forename: string | null, middleNames: string | null, surname: string | null, title: string | null, dob: string | null, age: number | null,
  sex: string | null, address: string | null, postcode: string | null, uprn: string | null, nhsNumber: string | null, nhsNumberValid: 0 | 1,
  nino: string | null, ninoValid: 0 | 1, upn: string | null, upnValid: 0 | 1, agencyRef: string | null, eventDate: string | null,
  forenameKey: string | null, surnameKey: string | null, problemsJson: string, otherId: string | null,
  addrFlat: string | null, addrNumber: string | null, addrName: string | null, addrStreet: string | null, addrLocality: string | null, addrTown: string | null,
  previousSurname: string | null, email: string | null, phone: string | null, dobYear: number | null,
  occupation: string | null, fatherForename: string | null,
  relativeForename: string | null, relativeSurname: string | null, relativeRelationship: string | null,
  personRef: string | null,
];

/** The record columns a RecordTuple fills, in its order (for INSERT and UPDATE alike). */
export const RECORD_COLUMNS = [
  'forename', 'middle_names', 'surname', 'title', 'dob', 'age', 'sex', 'address', 'postcode', 'uprn',
  'nhs_number', 'nhs_number_valid', 'nino', 'nino_valid', 'upn', 'upn_valid', 'agency_ref', 'event_date', 'forename_key', 'surname_key', 'problems_json', 'other_id',
  'addr_flat', 'addr_number', 'addr_name', 'addr_street', 'addr_locality', 'addr_town',
  'previous_surname', 'email', 'phone', 'dob_year',
  'occupation', 'father_forename',
  'relative_forename', 'relative_surname', 'relative_relationship',
  'person_ref',
] as const;

/** Where a column sits in a RecordTuple, found by its name in RECORD_COLUMNS (never a bare number). */
export function recordIndex(column: (typeof RECORD_COLUMNS)[number]): number {
  return RECORD_COLUMNS.indexOf(column);
}

/** Pushes a record's values onto `out` in RECORD_COLUMNS order: the one place that order is written. */
export function pushRecord(r: RecordValues, out: Array<string | number | null>): void {
  const a = r.addressParts;
  out.push(
    r.forename, r.middleNames, r.surname, r.title, r.dob, r.age, r.sex, r.address, r.postcode, r.uprn,
    r.nhsNumber, r.nhsNumberValid ? 1 : 0, r.nino, r.ninoValid ? 1 : 0, r.upn, r.upnValid ? 1 : 0, r.agencyRef, r.eventDate,
    r.forenameKey, r.surnameKey, r.problems.length ? JSON.stringify(r.problems) : '[]', r.otherId,
    a?.flat ?? null, a?.number ?? null, a?.name ?? null, a?.street ?? null, a?.locality ?? null, a?.town ?? null,
    r.previousSurname, r.email, r.phone, r.dobYear,
    r.occupation, r.fatherForename,
    r.relativeForename, r.relativeSurname, r.relativeRelationship,
    r.personRef,
  );
}

export function toTuple(r: RecordValues): RecordTuple {
  const tuple: Array<string | number | null> = [];
  pushRecord(r, tuple);
  return tuple as RecordTuple;
}

export type BuiltRow = { ok: true; record: RecordTuple; events: EventTuple[] | null } | { ok: false; reason: string };

export interface SheetRoles {
  sheet: string;
  headers: string[];
  roles: ColumnRole[];
  sourceKind: SourceKind;
  dateOrders: ReadonlyArray<'dmy' | 'mdy' | null>;
  /** Per column, the order of names in a whole-name column (name-order.ts). */
  nameOrders?: ReadonlyArray<NameOrder | null>;
  pivotYear: number;
  today: string;
}

/** A data row read: its record's values and events, or why it is not a record. */
export type BuiltValues = { ok: true; record: RecordValues; events: EventTuple[] | null } | { ok: false; reason: string };

/** Worked out once per sheet: turns each data row's cells into a record's values and its events, or a reason. */
export function valuesBuilder(input: SheetRoles): (cells: ReadonlyArray<string | null>) => BuiltValues {
  const ctx = prepareContext({ headers: input.headers, roles: input.roles, pivotYear: input.pivotYear, dateOrders: input.dateOrders, today: input.today, ...(input.nameOrders ? { nameOrders: input.nameOrders } : {}) });
  const events = planEvents({ sheet: input.sheet, headers: input.headers, roles: input.roles, sourceKind: input.sourceKind, dateOrders: input.dateOrders, pivotYear: input.pivotYear });
  const oneEventDate = ctx.columns.get('event_date')?.length === 1;
  return (cells) => {
    const built = buildRecord(cells, ctx);
    if (!built.ok) return built;
    // With one event-date column the record's event date is the event's start, already read.
    const found = events ? eventsOf(cells, events, oneEventDate ? built.record.eventDate : undefined) : null;
    return { ok: true, record: built.record, events: found?.length ? found : null };
  };
}

/** As valuesBuilder, with each record as a tuple (re-mapping binds it to an UPDATE as it is). */
export function rowBuilder(input: SheetRoles): (cells: ReadonlyArray<string | null>) => BuiltRow {
  const build = valuesBuilder(input);
  return (cells) => {
    const built = build(cells);
    return built.ok ? { ok: true, record: toTuple(built.record), events: built.events } : built;
  };
}
