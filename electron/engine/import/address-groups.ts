// Two addresses on one row ("Last Settled Address" and "Placement Address", "Previous Address" and
// "Current Address", two postcode columns): which one is the person's address now. Joined into one
// address they are neither home, and a family in temporary accommodation would match no one at
// either. Pure: headings and roles in, a plan out; the row builder asks it per row.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { headerKey } from './roles.js';

/** The roles that carry an address (the record reads one group of them per row). */
export const ADDRESS_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>(['address', 'address_line', 'town', 'postcode', 'uprn']);
const TEXT_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>(['address', 'address_line']);
/** Roles a placement's start or end date may have been given (a date column kept as detail too). */
const DATE_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>(['event', 'event_date', 'event_end_date', 'event_value', 'ignore']);

/** Words that name a part of an address, not whose or which address it is. */
const FIELD_WORDS = new Set([
  'address', 'addresses', 'addr', 'adr', 'add', 'postcode', 'postcodes', 'pcode', 'post', 'code', 'postal', 'zip', 'line', 'ln', 'lines',
  'street', 'st', 'road', 'town', 'city', 'locality', 'district', 'county', 'uprn', 'house', 'number', 'no', 'num', 'flat', 'building',
  'name', 'full', 'text', 'details', 'of', 'the', 'pc', 'premises', 'thoroughfare', 'dependent', 'sub', 'door', 'floor', 'unit', 'apartment',
  'apt', 'block', 'estate', 'village', 'area', 'first', 'second', 'third', 'fourth', '1st', '2nd', '3rd', '4th', 'and',
]);
/** Words that say a date column starts or ends a spell (a placement's, a stay's). */
const START_WORDS = new Set(['start', 'started', 'from', 'begin', 'began', 'in', 'entry', 'placed', 'commenced']);
const END_WORDS = new Set(['end', 'ended', 'to', 'until', 'left', 'out', 'exit', 'finish', 'finished', 'vacated']);
const DATE_WORDS = new Set(['date', 'dt', 'd']);

/**
 * What a qualifier says of when or what the address is. A stay (a placement, temporary
 * accommodation, a hostel or refuge) is where someone is put up, not their home: a hostel or a
 * bed-and-breakfast hotel houses many families at one address, and the household stage reads one
 * address as one home.
 */
export type AddressWhen = 'earlier' | 'now' | 'stay' | 'not-home' | null;

// "postal" is a field word ("Postal Code") and, alone before "Address", not-home: read from the heading's words.
const EARLIER = /\b(previous|prev|former|old|prior|settled|moved from|original|originating|referral|before|past|earlier|last address)\b/;
const NOW = /\b(current|curr|present|now|new|forwarding|moved to|latest|actual|living|residential|residence|home|usual|lives)\b/;
const STAY = /\b(placement|placed|temporary|temp|ta|hostel|refuge|b b|bed and breakfast|emergency accommodation|interim)\b/;
const NOT_HOME = /\b(correspondence|corresp|mailing|billing|contact|work|office|business|care of|c o|invoice)\b/;

export interface AddressGroup {
  /** The heading words the group's columns share beyond the address's own ("last settled", "placement"); "" for none. */
  qualifier: string;
  /** Its address columns, in sheet order. */
  columns: number[];
  when: AddressWhen;
  /** A date column that starts or ends the group's spell ("Placement Start", "Placement End"). */
  start: number | null;
  end: number | null;
}

export interface AddressGroups {
  /** The group read as the address when the row's dates say nothing (by the headings' words, else the first). */
  preferred: AddressGroup;
  other: AddressGroup;
  /** The group whose spell has dates: read while it runs, else the other. */
  dated: AddressGroup | null;
  /** The row's own event dates, less the spell's: the day the row speaks of. */
  rowDates: number[];
  /** Why, in the analyst's words. */
  reason: string;
}

const words = (header: string): string[] =>
  headerKey(header.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .split(' ')
    .filter(Boolean);

/** A heading's words less the address's own field words and line numbers: whose or which address. */
export function qualifierOf(header: string): string {
  // a sheet without a header row has its columns named by letter ("Column L"): no heading at all
  if (/^column [a-z]{1,3}$/i.test(header.trim())) return '';
  return words(header)
    .filter((w) => !FIELD_WORDS.has(w) && !/^\d+$/.test(w) && !/^(line|addr|address)\d+$/.test(w))
    .join(' ');
}

function whenOf(qualifier: string, header: string): AddressWhen {
  const k = headerKey(header);
  if (NOT_HOME.test(qualifier) || /\bpostal address\b/.test(k)) return 'not-home';
  if (STAY.test(qualifier)) return 'stay';
  if (EARLIER.test(qualifier)) return 'earlier';
  if (NOW.test(qualifier)) return 'now';
  return null;
}

/** A date column's qualifier and whether it starts or ends a spell ("Placement Start Date" → "placement", start). */
function spellDate(header: string): { qualifier: string; edge: 'start' | 'end' } | null {
  const ws = words(header).filter((w) => !DATE_WORDS.has(w));
  const edges = ws.filter((w) => START_WORDS.has(w) || END_WORDS.has(w));
  if (edges.length !== 1) return null;
  const edge = START_WORDS.has(edges[0] ?? '') ? 'start' : 'end';
  const qualifier = ws.filter((w) => !START_WORDS.has(w) && !END_WORDS.has(w) && !FIELD_WORDS.has(w)).join(' ');
  return qualifier ? { qualifier, edge } : null;
}

const hasText = (g: { columns: number[] }, roles: readonly ColumnRole[]): boolean => g.columns.some((c) => TEXT_ROLES.has(roles[c] as ColumnRole));
const hasPostcode = (g: { columns: number[] }, roles: readonly ColumnRole[]): boolean => g.columns.some((c) => roles[c] === 'postcode');

/**
 * Groups by heading: the columns whose headings share a qualifier ("Last Settled Address" and
 * "Last Settled Postcode"). Each needs an address column of its own ("Home Address" beside a
 * bare "Postcode" is one address); columns in no group go with the nearest address column before
 * them.
 */
function byHeading(headers: readonly string[], roles: readonly ColumnRole[], columns: number[]): Array<{ qualifier: string; columns: number[] }> {
  const by = new Map<string, number[]>();
  for (const c of columns) {
    const q = qualifierOf(headers[c] ?? '');
    by.set(q, [...(by.get(q) ?? []), c]);
  }
  // an unheaded second line ("Address Line 2", "Address 3") goes on the line before it
  const opens = (c: number): boolean => TEXT_ROLES.has(roles[c] as ColumnRole) && !words(headers[c] ?? '').some((w) => /^(?:line|addr|address)?([2-9])$/.test(w));
  const groups = [...by.entries()]
    .map(([qualifier, cs]) => ({ qualifier, columns: cs }))
    .filter((g) => (g.qualifier ? hasText(g, roles) : g.columns.some(opens)));
  // each an address of its own: a "Patient Postcode" beside "Address Line 1" is one address in two
  // columns, and two postcodes alone are read as before (the first filled)
  if (groups.length !== 2 || !groups.every((g) => hasText(g, roles))) return groups.length === 2 ? [] : groups;
  const placed = new Set(groups.flatMap((g) => g.columns));
  for (const c of columns) {
    if (placed.has(c)) continue;
    const before = columns.filter((o) => o < c && placed.has(o)).pop() ?? columns.find((o) => placed.has(o));
    const home = groups.find((g) => before !== undefined && g.columns.includes(before));
    home?.columns.push(c);
  }
  for (const g of groups) g.columns.sort((a, b) => a - b);
  return groups;
}

/**
 * Groups by shape: two postcode columns, each ending the run of address columns before it
 * (headings that say nothing apart: "Address", "Postcode", "Address", "Postcode", or none).
 */
function byShape(roles: readonly ColumnRole[], columns: number[]): Array<{ qualifier: string; columns: number[] }> {
  const postcodes = columns.filter((c) => roles[c] === 'postcode');
  if (postcodes.length !== 2) return [];
  const [p1 = 0] = postcodes;
  const first = columns.filter((c) => c <= p1);
  const second = columns.filter((c) => c > p1);
  const groups = [{ qualifier: '', columns: first }, { qualifier: '', columns: second }];
  return groups.every((g) => hasText(g, roles)) ? groups : [];
}

/** A group by its first address column's heading (its postcode's when it has no address column). */
const namer = (headers: readonly string[], roles: readonly ColumnRole[]) => (g: AddressGroup): string =>
  `"${headers[g.columns.find((c) => TEXT_ROLES.has(roles[c] as ColumnRole)) ?? g.columns[0] ?? 0] ?? ''}"`;

/**
 * The sheet's two address groups and which is read as the address, or null for one address (or
 * three or more: joined as before, nothing here claims to know which is home). Decided from the
 * headings and the roles alone, so a mapping the analyst changes is read the same way.
 */
export function addressGroupsOf(headers: readonly string[], roles: readonly ColumnRole[]): AddressGroups | null {
  const columns = roles.flatMap((r, c) => (ADDRESS_ROLES.has(r) ? [c] : []));
  if (columns.length < 2) return null;
  let found = byHeading(headers, roles, columns);
  if (found.length !== 2) found = byShape(roles, columns);
  if (found.length !== 2) return null;
  const groups: AddressGroup[] = found.map((g) => {
    const text = g.columns.find((c) => TEXT_ROLES.has(roles[c] as ColumnRole)) ?? g.columns[0] ?? 0;
    return { qualifier: g.qualifier, columns: g.columns, when: g.qualifier ? whenOf(g.qualifier, headers[text] ?? '') : null, start: null, end: null };
  });
  for (let c = 0; c < headers.length; c++) {
    if (!DATE_ROLES.has(roles[c] as ColumnRole)) continue;
    const spell = spellDate(headers[c] ?? '');
    const g = spell && groups.find((x) => x.qualifier === spell.qualifier);
    if (!spell || !g) continue;
    if (spell.edge === 'start') g.start ??= c;
    else g.end ??= c;
  }
  const [a, b] = groups as [AddressGroup, AddressGroup];
  // two addresses without a postcode each must say which is which: "Premises" beside "Street" is
  // one address whose parts the headings name
  if (!(hasPostcode(a, roles) && hasPostcode(b, roles)) && a.when === null && b.when === null) return null;
  const named = namer(headers, roles);
  // a home now, then one the headings say nothing of, then an earlier home (a family's last settled
  // address, where it is put up from), then a stay, then an address that is no home
  const RANK: Record<Exclude<AddressWhen, null> | 'none', number> = { now: 4, none: 3, earlier: 2, stay: 1, 'not-home': 0 };
  const rank = (g: AddressGroup): number => RANK[g.when ?? 'none'];
  const preferred = rank(b) > rank(a) ? b : a;
  const other = preferred === a ? b : a;
  // a stay's dates say when it ran, not that it was home: only a home's spell is read by its dates
  const datedGroups = groups.filter((g) => (g.start !== null || g.end !== null) && g.when !== 'stay');
  const dated = datedGroups.length === 1 ? (datedGroups[0] ?? null) : null;
  const says: Record<Exclude<AddressWhen, null>, string> = {
    earlier: 'an earlier home',
    now: 'the home now',
    stay: 'a stay (temporary accommodation), not a home',
    'not-home': 'not a home address',
  };
  const whyWords =
    rank(preferred) > rank(other)
      ? `the headings say ${named(preferred)} is ${preferred.when === 'earlier' ? 'the last home' : 'the address now'}${other.when ? ` and ${named(other)} ${says[other.when]}` : ''}`
      : `the headings do not say which is the address now: the first, ${named(preferred)}, is read`;
  const reason = dated
    ? `two addresses on each row: ${named(dated)} while its spell runs (${[dated.start, dated.end].flatMap((c) => (c === null ? [] : [`"${headers[c] ?? ''}"`])).join(' to ')}) on the extract's date or the row's, else ${named(dated === a ? b : a)}; never joined`
    : `two addresses on each row: ${whyWords}; the other is read only where it is empty, never joined`;
  const rowDates = roles.flatMap((r, c) => (r === 'event_date' && c !== dated?.start && c !== dated?.end ? [c] : []));
  return { preferred, other, dated, rowDates, reason };
}

/** A date read from a cell, as yyyy-mm-dd, or null (the builder's own reading, with its memo). */
export type ReadDate = (column: number) => string | null;

const filled = (cells: ReadonlyArray<string | null>, g: AddressGroup): boolean => g.columns.some((c) => (cells[c] ?? '').trim() !== '');

/**
 * The group a row's address is read from: the dated group while its spell runs on the extract's
 * date or the row's own (started, and not ended before it), else the other; without dates the
 * preferred group. A group with nothing filled on the row gives way to the other.
 */
export function groupForRow(groups: AddressGroups, cells: ReadonlyArray<string | null>, readDate: ReadDate, asOf: string | null): AddressGroup {
  let chosen = groups.preferred;
  const d = groups.dated;
  if (d) {
    const start = d.start !== null ? readDate(d.start) : null;
    const end = d.end !== null ? readDate(d.end) : null;
    // no dates on the row: the headings' words decide, as without date columns
    if (start !== null || end !== null) {
      let rowDate: string | null = null;
      for (const c of groups.rowDates) {
        const day = readDate(c);
        if (day !== null && (rowDate === null || day > rowDate)) rowDate = day;
      }
      const runsOn = (day: string | null): boolean => day !== null && (start === null || start <= day) && (end === null || end >= day);
      chosen = runsOn(asOf) || runsOn(rowDate) ? d : d === groups.preferred ? groups.other : groups.preferred;
    }
  }
  if (filled(cells, chosen)) return chosen;
  const other = chosen === groups.preferred ? groups.other : groups.preferred;
  return filled(cells, other) ? other : chosen;
}

/**
 * The mapping screen's reasons: each column of the two groups says which address is read and why
 * (the roles stay as they are; the row builder reads the same plan from the same roles).
 */
export function settleAddressGroups<S extends { role: ColumnRole; reason?: string }>(headers: readonly string[], suggestions: S[]): S[] {
  const groups = addressGroupsOf(headers, suggestions.map((s) => s.role));
  if (!groups) return suggestions;
  const reading = groups.dated ?? groups.preferred;
  return suggestions.map((s, c) => {
    const g = groups.preferred.columns.includes(c) ? groups.preferred : groups.other.columns.includes(c) ? groups.other : null;
    if (!g) return s;
    const part = g === reading ? 'read as the address' : groups.dated ? 'read as the address outside that spell' : 'kept in the raw row';
    return { ...s, reason: `${s.reason ? `${s.reason}; ` : ''}${part}: ${groups.reason}` };
  });
}
