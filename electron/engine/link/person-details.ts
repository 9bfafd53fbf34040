// What a record says about the person besides names, dates and homes: an occupation and a
// father's forename, as a parish register, a census or a list of historical people gives them.
// Where a full name is shared by ten people and a third of the records have no date of birth,
// these are what tell one John Smith from another. Derived once here (upper case, stand-ins
// such as "unknown" dropped, one dictionary per field) and compared by `detailLevel`; a run
// whose records hold neither field never compares them (`withDetailsHeld`).
import { LEVEL_KINDS, type ComparisonField, type LevelKind, type MatchSpec } from './spec.js';
import type { CompiledComparison } from './compare.js';
import { areNicknames, canonicalName } from './names.js';
import { jaroWinkler } from './strings.js';
import type { LinkRecord } from './types.js';

export type DetailField = Extract<ComparisonField, 'occupation' | 'fatherForename'>;
export const DETAIL_FIELDS: readonly DetailField[] = ['occupation', 'fatherForename'];

/** One field's values as ids into its dictionary (−1 missing), with the records holding each (term frequencies). */
export interface DetailColumn {
  values: Int32Array;
  dictionary: string[];
  counts: Int32Array;
  total: number;
}

export type PersonDetails = Partial<Record<DetailField, DetailColumn>>;

/** Cells that say nothing about the person (a placeholder a clerk or an extract wrote). */
const STAND_IN = /^(UNKNOWN|NOT KNOWN|NOT STATED|NOT GIVEN|NONE|NIL|N ?A|NK|TBC|BLANK|NULL|UNK|ILLEGIBLE|BASE ?BORN|ILLEGITIMATE)$/;

/** An occupation as words of letters, upper case ("Ag. Lab." → "AG LAB"); null when empty or a stand-in. */
export function occupationKey(value: string | null | undefined): string | null {
  if (!value) return null;
  const key = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim();
  return key.length < 2 || STAND_IN.test(key) ? null : key;
}

/**
 * The father's forename: the first word of the cell ("John Smith", "Smith, John" → JOHN), as
 * the name it stands for when it stands for one (Wm → WILLIAM, Jno → JOHN). Null when there is
 * no name, or a stand-in.
 */
export function fatherForenameKey(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
  // "Smith, John": the forename follows the comma
  const ordered = text.includes(',') ? text.slice(text.indexOf(',') + 1) : text;
  const word = /[A-Z][A-Z'-]*/.exec(ordered)?.[0]?.replace(/['-]/g, '') ?? '';
  if (word.length < 1 || STAND_IN.test(word)) return null;
  return canonicalName(word);
}

function column(records: readonly LinkRecord[], key: (r: LinkRecord) => string | null): DetailColumn | undefined {
  const ids = new Map<string, number>();
  const dictionary: string[] = [];
  let values: Int32Array | null = null;
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    const k = key(records[i] as LinkRecord);
    if (k === null) continue;
    // the column is made only once a record holds the field: partner data never pays for it
    values ??= new Int32Array(records.length).fill(-1);
    let id = ids.get(k);
    if (id === undefined) {
      id = dictionary.length;
      ids.set(k, id);
      dictionary.push(k);
    }
    values[i] = id;
    total++;
  }
  if (!values) return undefined;
  const counts = new Int32Array(dictionary.length);
  for (let i = 0; i < values.length; i++) if ((values[i] as number) >= 0) counts[values[i] as number]!++;
  return { values, dictionary, counts, total };
}

/** The detail columns of the records that hold any (an empty object when none does). */
export function prepareDetails(records: readonly LinkRecord[]): PersonDetails {
  const out: PersonDetails = {};
  // one cheap look first: a partner's records hold neither field (the property is not even set)
  let any = false;
  for (let i = 0; i < records.length && !any; i++) any = 'occupation' in (records[i] as LinkRecord) || 'fatherForename' in (records[i] as LinkRecord);
  if (!any) return out;
  const occupation = column(records, (r) => occupationKey(r.occupation));
  if (occupation) out.occupation = occupation;
  const father = column(records, (r) => fatherForenameKey(r.fatherForename));
  if (father) out.fatherForename = father;
  return out;
}

/** The detail columns of the records `keep` (indexes, ascending) alone: dictionaries kept, counts among them (prepare.ts `preparedSubset`). */
export function detailsSubset(details: PersonDetails, keep: Int32Array): PersonDetails {
  const out: PersonDetails = {};
  for (const field of DETAIL_FIELDS) {
    const col = details[field];
    if (!col) continue;
    const values = new Int32Array(keep.length);
    const counts = new Int32Array(col.dictionary.length);
    let total = 0;
    for (let k = 0; k < keep.length; k++) {
      const id = col.values[keep[k] as number] as number;
      values[k] = id;
      if (id < 0) continue;
      counts[id]!++;
      total++;
    }
    out[field] = { values, dictionary: col.dictionary, counts, total };
  }
  return out;
}

/** The spec without the detail comparisons no record can fill (their levels would all be "missing"). */
export function withDetailsHeld(spec: MatchSpec, details: PersonDetails | undefined): MatchSpec {
  const absent = (field: ComparisonField): boolean => (DETAIL_FIELDS as readonly string[]).includes(field) && !details?.[field as DetailField];
  if (!spec.comparisons.some((c) => absent(c.field))) return spec;
  return { ...spec, comparisons: spec.comparisons.filter((c) => !absent(c.field)) };
}

const K = Object.fromEntries(LEVEL_KINDS.map((k, i) => [k, i])) as Record<LevelKind, number>;

/** Share of distinct words the two values have in common (Jaccard). */
function wordOverlap(a: string, b: string): number {
  const wa = new Set(a.split(' '));
  const wb = new Set(b.split(' '));
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

/** The level of a detail comparison for records i and j: the first, in spec order, whose condition holds. */
export function detailLevel(details: PersonDetails | undefined, c: CompiledComparison, i: number, j: number): number {
  const col = details?.[c.field as DetailField];
  if (!col) return 0;
  const a = col.values[i] as number;
  const b = col.values[j] as number;
  if (a < 0 || b < 0) return 0;
  const x = col.dictionary[a] as string;
  const y = col.dictionary[b] as string;
  for (let l = 1; l < c.levelCount; l++) {
    const t = c.thresholds[l] as number;
    switch (c.kinds[l]) {
      case K.exact:
        if (a === b) return l;
        break;
      case K.nickname:
        if (areNicknames(x, y)) return l;
        break;
      case K.tokenOverlap:
        if (wordOverlap(x, y) >= t) return l;
        break;
      case K.jaroWinkler:
        if (jaroWinkler(x, y) >= t) return l;
        break;
      case K.initial:
        if ((x.length === 1 || y.length === 1) && x[0] === y[0]) return l;
        break;
      case K.else:
        return l;
    }
  }
  return c.levelCount - 1;
}

/** A detail field's values and counts for term frequencies (null when the records hold none). */
export function detailTf(details: PersonDetails | undefined, field: ComparisonField): DetailColumn | null {
  return (DETAIL_FIELDS as readonly string[]).includes(field) ? (details?.[field as DetailField] ?? null) : null;
}
