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
import { DETAIL_FIELDS } from './person-details.js';
import { R, REC, type Csr, type Prepared } from './prepare.js';
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
export const ROW_FIELDS = [
  'partner',
  'sourceKind',
  'agencyRef',
  'personRef',
  'forename',
  'middleNames',
  'surname',
  'previousSurname',
  'title',
  'dob',
  'dobYear',
  'bornBy',
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
// (a named relative, too, is read by the household stage alone, from every record)
const NOT_COMPARED = ['id', 'sourceId', 'asOf', 'eventDate', 'tenancyStart', 'tenancyEnd', 'relativeForename', 'relativeSurname', 'relativeRelationship'] as const satisfies ReadonlyArray<keyof LinkRecord>;
// a field added to LinkRecord must be placed in one list or the other (a compile error otherwise);
// the stored address parts, an object, are compared part by part
type Unplaced = Exclude<keyof LinkRecord, (typeof ROW_FIELDS)[number] | (typeof NOT_COMPARED)[number] | 'addressParts'>;
const everyFieldPlaced: [Unplaced] extends [never] ? true : Unplaced = true;
void everyFieldPlaced;

const SEP = '\u001f';

/** Alike, an absent optional field as null. */
function same(x: unknown, y: unknown): boolean {
  return (x ?? null) === (y ?? null);
}

/**
 * The two rows alike in every field of ROW_FIELDS and in their stored address parts, field by
 * field as written (a loop over the names would look each up by name, many times slower on the
 * records of a borough's months); test/db/link-resent.test.ts changes each field in turn.
 */
function sameRow(a: LinkRecord, b: LinkRecord): boolean {
  if (
    !same(a.partner, b.partner) || a.sourceKind !== b.sourceKind || a.agencyRef !== b.agencyRef || !same(a.personRef, b.personRef) ||
    a.forename !== b.forename || a.middleNames !== b.middleNames || a.surname !== b.surname ||
    !same(a.previousSurname, b.previousSurname) || !same(a.title, b.title) ||
    a.dob !== b.dob || !same(a.dobYear, b.dobYear) || a.sex !== b.sex ||
    a.postcode !== b.postcode || a.postcodeRaw !== b.postcodeRaw || a.address !== b.address || a.uprn !== b.uprn ||
    a.nhsNumber !== b.nhsNumber || a.nino !== b.nino || a.upn !== b.upn || !same(a.otherId, b.otherId) ||
    !same(a.email, b.email) || !same(a.phone, b.phone) || !same(a.occupation, b.occupation) || !same(a.fatherForename, b.fatherForename)
  )
    return false;
  const x = a.addressParts;
  const y = b.addressParts;
  if (!x || !y) return !x && !y;
  return x === y || (x.flat === y.flat && x.number === y.number && x.name === y.name && x.street === y.street && x.locality === y.locality && x.town === y.town);
}

const mix = (h: number, v: number): number => Math.imul(h ^ v, 0x9e3779b1) ^ (h >>> 15);

function mixText(h: number, text: string | null | undefined): number {
  if (!text) return mix(h, -1);
  for (let k = 0; k < text.length; k++) h = mix(h, text.charCodeAt(k));
  return mix(h, text.length);
}

function mixRow(h: number, c: Csr, i: number): number {
  const to = c.offsets[i + 1] as number;
  for (let k = c.offsets[i] as number; k < to; k++) h = mix(h, c.values[k] as number);
  return mix(h, to - (c.offsets[i] as number));
}

/**
 * A hash of what the row holds, from its prepared ids (each value was interned once, so alike
 * values have one id) and the texts preparing does not keep (the references, the title): rows
 * alike in every field hash alike, so only rows hashing alike are compared field by field.
 */
function rowHash(p: Prepared, records: readonly LinkRecord[], i: number, kind: number): number {
  let h = mix(0x811c9dc5, kind);
  const o = i * REC;
  for (const f of HASHED) h = mix(h, p.rec[o + f] as number);
  h = mixRow(mixRow(mixRow(mixRow(h, p.mid, i), p.snParts, i), p.prevSn, i), p.addrTokens, i);
  h = mix(h, p.birthYear ? (p.birthYear[i] as number) : 0);
  h = mix(h, p.bornBy ? (p.bornBy[i] as number) : -1);
  for (const field of DETAIL_FIELDS) h = mix(h, p.details?.[field]?.values[i] ?? -1);
  const r = records[i] as LinkRecord;
  return mixText(mixText(mixText(h, r.agencyRef), r.personRef), r.title);
}
/** The packed record's ids (not its offsets into the name and address lists, which differ by record). */
const HASHED = [R.fn, R.fnCompact, R.sn, R.dob, R.sex, R.pc, R.uprn, R.houseNumber, R.street, R.flat, R.nhs, R.nino, R.upn, R.otherId, R.email, R.phone];

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

/** Two of the rows from one Source (a group holds a row a month: a few, so pairwise). */
function twiceInOneImport(p: Prepared, group: readonly number[]): boolean {
  for (let k = 1; k < group.length; k++) for (let j = 0; j < k; j++) if (p.source[group[j] as number] === p.source[group[k] as number]) return true;
  return false;
}

export interface ResentOptions {
  /** record ids never collapsed (those a non-match decision names: it may say two copies are two people) */
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
  const kinds = [...importsOf.keys()];
  const kindIds = kindOf.map((kind) => kinds.indexOf(kind));
  if (!resends.includes(true)) return null;

  // rows by hash: chains through `next` from each hash's slot of an open-addressed table
  const size = 2 ** Math.ceil(Math.log2(2 * records.length + 2));
  const slotHash = new Int32Array(size);
  const slotFirst = new Int32Array(size).fill(-1);
  const slotLast = new Int32Array(size);
  const next = new Int32Array(records.length).fill(-1);
  let shared = false;
  for (let i = 0; i < records.length; i++) {
    const s = p.source[i] as number;
    if (!resends[s]) continue;
    const r = records[i] as LinkRecord;
    if (options.keepApart?.has(r.id) || options.keepSources?.has(r.sourceId)) continue;
    if (!r.agencyRef && !r.personRef && !namesItsPerson(p, i)) continue;
    const h = rowHash(p, records, i, kindIds[s] as number);
    let slot = h & (size - 1);
    while (slotFirst[slot] !== -1 && slotHash[slot] !== h) slot = (slot + 1) & (size - 1);
    if (slotFirst[slot] === -1) {
      slotHash[slot] = h;
      slotFirst[slot] = i;
    } else {
      next[slotLast[slot] as number] = i;
      shared = true;
    }
    slotLast[slot] = i;
  }
  if (!shared) return null;
  // rows alike, each group in record order: a hash holds one group unless two rows' hashes collide
  const groups: number[][] = [];
  for (let slot = 0; slot < size; slot++) {
    const head = slotFirst[slot] as number;
    if (head === -1 || next[head] === -1) continue;
    const inSlot: number[][] = [];
    for (let i = head; i !== -1; i = next[i] as number) {
      let k = 0;
      while (k < inSlot.length && !sameRow(records[inSlot[k]![0] as number] as LinkRecord, records[i] as LinkRecord)) k++;
      if (k < inSlot.length) inSlot[k]!.push(i);
      else inSlot.push([i]);
    }
    for (const group of inSlot) groups.push(group);
  }

  const firstOfRecord = new Int32Array(records.length).fill(-1);
  let collapsed = 0;
  for (const group of groups) {
    if (group.length < 2) continue;
    if (twiceInOneImport(p, group)) continue;
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
