// A row a partner re-sends month after month is one comparison unit. Next month's extract repeats
// most of last month's rows unchanged; linked as separate records, each copy would be blocked,
// compared, counted by training and by term frequencies again, and blocks would grow with the
// square of the months imported while the blocking caps grow only with the records. The copies
// are found here, once, and the person stage links one unit for them; every copy then takes its
// unit's person (link-persons.ts), so each record keeps its own row everywhere.
//
// Copies are only rows that are evidently the same row re-sent, never two people whose thin rows
// happen to agree: the same partner and kind in different imports, the same agency reference,
// and the same value in every field the linker reads. A row with no reference must name its
// person by itself (a checked national identifier, or full name, date of birth and home), and no
// import may hold the row twice (two rows alike in one file are two rows, perhaps two people).
import type { Prepared } from './prepare.js';
import type { LinkRecord } from './types.js';

/** Which unit each record is in, and each unit's first record; both in record order. */
export interface ResentUnits {
  /** unit index of each record (into `firstOf`) */
  unitOf: Int32Array;
  /** each unit's first record (index into the records), ascending */
  firstOf: Int32Array;
}

/**
 * The fields that place a row (where it came from) and every field the person stage reads. A
 * copy must agree on all of them; the others say when (the Source's date, an event's, a
 * tenancy's: the household stage reads those from every record) or which record it is.
 */
const ROW_FIELDS = [
  'partner',
  'sourceKind',
  'agencyRef',
  'forename',
  'middleNames',
  'surname',
  'previousSurname',
  'title',
  'dob',
  'dobYear',
  'sex',
  'postcode',
  'postcodeRaw',
  'address',
  'uprn',
  'nhsNumber',
  'nino',
  'upn',
  'otherId',
  'email',
  'phone',
  'occupation',
  'fatherForename',
] as const satisfies ReadonlyArray<keyof LinkRecord>;
const NOT_COMPARED = ['id', 'sourceId', 'asOf', 'eventDate', 'tenancyStart', 'tenancyEnd'] as const satisfies ReadonlyArray<keyof LinkRecord>;
// a field added to LinkRecord must be placed in one list or the other (a compile error otherwise);
// the stored address parts, an object, are added to the key on their own
type Unplaced = Exclude<keyof LinkRecord, (typeof ROW_FIELDS)[number] | (typeof NOT_COMPARED)[number] | 'addressParts'>;
const everyFieldPlaced: [Unplaced] extends [never] ? true : Unplaced = true;
void everyFieldPlaced;

const SEP = '\u001f';
const NULL = '\u0000';

/** One text for a row's fields (its stored address parts, which come from its address, included). */
function rowKey(r: LinkRecord): string {
  let key = '';
  for (const field of ROW_FIELDS) key += `${r[field] ?? NULL}${SEP}`;
  const parts = r.addressParts;
  if (parts) key += `${parts.flat ?? NULL}${SEP}${parts.number ?? NULL}${SEP}${parts.name ?? NULL}${SEP}${parts.street ?? NULL}${SEP}${parts.locality ?? NULL}${SEP}${parts.town ?? NULL}`;
  return key;
}

/**
 * A row without a reference is one person's only when it says who by itself: a national
 * identifier that passed its check, or forename, surname, full date of birth and a home. A name
 * alone (or a name and a date) can be two people's.
 */
function namesItsPerson(p: Prepared, i: number): boolean {
  if ((p.nhs[i] as number) >= 0 || (p.nino[i] as number) >= 0 || (p.upn[i] as number) >= 0) return true;
  return (p.fn[i] as number) >= 0 && (p.sn[i] as number) >= 0 && (p.dob[i] as number) >= 0 && ((p.pc[i] as number) >= 0 || p.hasAddress[i] === 1);
}

/** The first record of each Source, by the Source's index in the prepared columns. */
function firstRecordOfEachSource(p: Prepared): number[] {
  const first = new Array<number>(p.sourceIds.length).fill(-1);
  let left = first.length;
  for (let i = 0; i < p.n && left > 0; i++) {
    const s = p.source[i] as number;
    if (first[s] === -1) {
      first[s] = i;
      left--;
    }
  }
  return first;
}

export interface ResentOptions {
  /** record ids never collapsed (those a human decision names: each decision stays about its own record) */
  keepApart?: ReadonlySet<number>;
  /** source ids whose records are never collapsed (a source held to one record per person) */
  keepSources?: ReadonlySet<number>;
}

/** The records' comparison units, or null when no row is a re-sent copy of another (nothing to collapse). */
export function resentUnits(records: readonly LinkRecord[], p: Prepared, options: ResentOptions = {}): ResentUnits | null {
  // only a partner and kind imported more than once can have re-sent rows: one look per Source
  const sourceOf = firstRecordOfEachSource(p);
  const importsOf = new Map<string, number>();
  const kindOf = sourceOf.map((i) => `${records[i]?.partner ?? ''}${SEP}${records[i]?.sourceKind}`);
  for (const kind of kindOf) importsOf.set(kind, (importsOf.get(kind) ?? 0) + 1);
  const resends = kindOf.map((kind) => (importsOf.get(kind) as number) > 1);
  if (!resends.includes(true)) return null;

  const groups = new Map<string, number[]>();
  for (let i = 0; i < records.length; i++) {
    if (!resends[p.source[i] as number]) continue;
    const r = records[i] as LinkRecord;
    if (options.keepApart?.has(r.id) || options.keepSources?.has(r.sourceId)) continue;
    if (!r.agencyRef && !namesItsPerson(p, i)) continue;
    const key = rowKey(r);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }

  const firstOfRecord = new Int32Array(records.length).fill(-1);
  let collapsed = 0;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sources = new Set(group.map((i) => (records[i] as LinkRecord).sourceId));
    if (sources.size < group.length) continue;
    const first = group[0] as number;
    for (let k = 1; k < group.length; k++) firstOfRecord[group[k] as number] = first;
    collapsed += group.length - 1;
  }
  if (collapsed === 0) return null;

  const unitOf = new Int32Array(records.length);
  const firstOf = new Int32Array(records.length - collapsed);
  let units = 0;
  for (let i = 0; i < records.length; i++) {
    const first = firstOfRecord[i] as number;
    if (first < 0) {
      firstOf[units] = i;
      unitOf[i] = units++;
    } else unitOf[i] = unitOf[first] as number;
  }
  return { unitOf, firstOf };
}
