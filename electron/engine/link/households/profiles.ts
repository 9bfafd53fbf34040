// What the household stage knows about each person: surnames, date of birth, sex, the postcodes
// they were seen at, and where they live now (an address group: the addresses their household
// has lived at). Dates order the evidence: a record's event date, else its Source's as-of date.
// Names and postcodes are interned as integers and held per person in flat (CSR) arrays, so a
// million records make few objects.

import { daysFromCivil } from '../../../../shared/domain/calendar.js';
import type { LinkRecord, PersonClusters } from '../types.js';
import type { ResolvedAddresses } from './addresses.js';
import { fillSexFromForenames } from './forename-sex.js';
import { sexOfTitle } from './title-sex.js';

/** Children (under 18) do not keep a home on their own: see groupAddresses. */
const CHILD_AGE_DAYS = 18 * 365.25;
/** Forename ids stay below this in a combined surname × forename key. */
const NAME_KEY_SPAN = 2 ** 24;

/** Per-person lists of integer ids: person p's ids are ids[start[p]] … ids[start[p + 1] - 1]. */
export interface PerPerson {
  start: Int32Array;
  ids: Int32Array;
}

export interface PersonProfiles {
  /** name id → surname key or surname part ("SMITH", "HOLLAND") */
  nameText: string[];
  /** per person: surname keys (letters only, upper case, with masculine forms of feminine ones) */
  surnames: PerPerson;
  /** per person: the parts of double-barrelled or spaced surnames ("HOLLAND-HUGHES" → HOLLAND, HUGHES) */
  surnameParts: PerPerson;
  /** per person: every postcode id they were seen at (postcode column or address text) */
  postcodes: PerPerson;
  /** number of postcode ids (see ResolvedAddresses.postcodeText) */
  postcodeCount: number;
  /** per person: day number of birth (days since 1970-01-01), NaN when unknown */
  dobDay: Float64Array;
  /** per person: 1 = male, 2 = female, 0 = unknown */
  sex: Uint8Array;
  /** per person: the address group they live in now (see groupAddresses), -1 when none */
  currentAddress: Int32Array;
  /** per address: its address group */
  groupOfAddress: Int32Array;
  groupCount: number;
  /** per address group: its current postcode id, -1 when none */
  groupPostcode: Int32Array;
  /** per person: postcode id at their latest record that has one, -1 when none */
  currentPostcode: Int32Array;
  /** the day (day number) ages are measured at: the latest event date, capped at the latest as-of date */
  referenceDay: number;
  /** per person: the address of their own tenancy that has not ended, -1 when none, -2 when several */
  openTenancy: Int32Array;
}

// a module-level function, not a closure per call: this runs several times per record
const digitAt = (iso: string, k: number): number => iso.charCodeAt(k) - 48;

/** Day number (days since 1970-01-01) of an ISO date "yyyy-mm-dd…", NaN when it is not one. */
export function dayNumber(iso: string | null): number {
  if (!iso || iso.length < 10) return NaN;
  const y = digitAt(iso, 0) * 1000 + digitAt(iso, 1) * 100 + digitAt(iso, 2) * 10 + digitAt(iso, 3);
  const m = digitAt(iso, 5) * 10 + digitAt(iso, 6);
  const d = digitAt(iso, 8) * 10 + digitAt(iso, 9);
  if (!(y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return NaN;
  return daysFromCivil(y, m, d);
}

function foldUpper(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}

/** Surname key: the whole name, letters only, upper case, without accents; null when too short. */
export function surnameKey(surname: string | null): string | null {
  if (!surname) return null;
  const whole = foldUpper(surname).replace(/[^A-Z]/g, '');
  return whole.length >= 2 ? whole : null;
}

/**
 * The surname key and, for a feminine form, its masculine form: Polish KOWALSKA → KOWALSKI, Czech
 * and Slovak HORVATHOVA → HORVATH, Russian and Bulgarian IVANOVA → IVANOV, so a mother and her
 * sons share a key.
 */
export function surnameVariants(key: string): string[] {
  const out = [key];
  if (key.length < 5) return out;
  if (/(SK|CK|DZK)A$/.test(key)) out.push(`${key.slice(0, -1)}I`);
  else if (key.endsWith('OVA')) out.push(key.slice(0, -3), key.slice(0, -1));
  else if (/(EV|IN)A$/.test(key)) out.push(key.slice(0, -1));
  return out;
}

/** The parts of "HOLLAND-HUGHES" or "DE SOUZA" (3+ letters each); empty for a one-part surname. */
export function surnameParts(surname: string | null): string[] {
  if (!surname) return [];
  const upper = foldUpper(surname);
  const whole = upper.replace(/[^A-Z]/g, '');
  const parts = upper
    .split(/[^A-Z']+/)
    .map((p) => p.replace(/[^A-Z]/g, ''))
    .filter((p) => p.length >= 3 && p !== whole);
  return parts.length > 1 ? parts : [];
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * Groups per-record id lists by person into flat arrays, each person's ids in record order
 * without repeats.
 */
function perPerson(personOf: Int32Array, personCount: number, listOf: (i: number) => readonly number[]): PerPerson {
  const n = personOf.length;
  const start = new Int32Array(personCount + 1);
  for (let i = 0; i < n; i++) start[personOf[i]! + 1]! += listOf(i).length;
  for (let p = 0; p < personCount; p++) start[p + 1]! += start[p]!;
  const ids = new Int32Array(start[personCount]!);
  const fill = start.slice(0, personCount);
  for (let i = 0; i < n; i++) for (const v of listOf(i)) ids[fill[personOf[i]!]!++] = v;
  // Drop repeats within each person's run, compacting in place.
  let w = 0;
  for (let p = 0; p < personCount; p++) {
    const from = start[p]!;
    const to = start[p + 1]!;
    start[p] = w;
    const own = w;
    for (let k = from; k < to; k++) {
      const v = ids[k]!;
      let seen = false;
      for (let j = own; j < w; j++) if (ids[j] === v) seen = true;
      if (!seen) ids[w++] = v;
    }
  }
  start[personCount] = w;
  return { start, ids: ids.subarray(0, w) };
}

export function personProfiles(records: readonly LinkRecord[], persons: PersonClusters, addresses: ResolvedAddresses): PersonProfiles {
  const { personOf, personCount } = persons;
  const n = records.length;
  // Names: each distinct surname as written is folded once into key ids and part ids.
  const nameIds = new Map<string, number>();
  const nameText: string[] = [];
  const nameId = (key: string): number => {
    let id = nameIds.get(key);
    if (id === undefined) {
      id = nameText.length;
      nameIds.set(key, id);
      nameText.push(key);
    }
    return id;
  };
  const writtenIds = new Map<string, number>();
  const writtenKeys: Array<readonly number[]> = [];
  const writtenParts: Array<readonly number[]> = [];
  const writtenOf = new Int32Array(n).fill(-1);

  const dobDay = new Float64Array(personCount).fill(NaN);
  const forenameOf: Array<string | undefined> = new Array<string | undefined>(personCount);
  /** the first surname as written, by its index in writtenKeys */
  const firstWritten = new Int32Array(personCount).fill(-1);
  const sex = new Uint8Array(personCount);
  /** sex as a title says it, used where no record gives a sex */
  const titleSex = new Uint8Array(personCount);
  const currentAddress = new Int32Array(personCount).fill(-1);
  /** latest event date / latest date of any kind of the records at the person's first address */
  const firstDated: string[] = new Array<string>(personCount).fill('');
  const firstAny: string[] = new Array<string>(personCount).fill('');
  /** people seen at more than one address: each address with its evidence */
  const moreAddresses = new Map<number, Map<number, Seen>>();
  const currentPostcode = new Int32Array(personCount).fill(-1);
  const currentPostcodeDate: string[] = new Array<string>(personCount).fill('');
  /** per person: the address of their own tenancy that has not ended, -1 when none, -2 when several */
  const openTenancy = new Int32Array(personCount).fill(-1);
  /** per address: the earliest start of a tenancy there that has not ended ('' when none) */
  const openSince: string[] = new Array<string>(addresses.count).fill('');
  // A tenancy one extract shows ended is ended, though an earlier extract of it showed it open:
  // next month's housing file lists last month's open tenancy again, with its end date.
  const tenancyKey = (a: number, r: LinkRecord): string => `${a}\u0000${r.tenancyStart}\u0000${r.agencyRef ?? ''}`;
  const ended = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    const a = addresses.addressOf[i]!;
    if (a >= 0 && r.tenancyStart && r.tenancyEnd) ended.add(tenancyKey(a, r));
  }
  let latestAsOf = '';
  let latestEvent = '';
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    const p = personOf[i]!;
    if (r.asOf > latestAsOf) latestAsOf = r.asOf;
    if (r.eventDate && r.eventDate > latestEvent) latestEvent = r.eventDate;
    // A previous (maiden) surname counts too: children often carry it.
    const written = r.previousSurname ? `${r.surname ?? ''}\u0000${r.previousSurname}` : r.surname;
    if (written) {
      let w = writtenIds.get(written);
      if (w === undefined) {
        w = writtenKeys.length;
        writtenIds.set(written, w);
        const keys: number[] = [];
        const parts: number[] = [];
        for (const name of [r.surname, r.previousSurname ?? null]) {
          const key = surnameKey(name);
          if (!key) continue;
          for (const v of surnameVariants(key)) keys.push(nameId(v));
          for (const v of surnameParts(name)) parts.push(nameId(v));
        }
        writtenKeys.push(keys.length ? keys : NONE);
        writtenParts.push(parts.length ? parts : NONE);
      }
      writtenOf[i] = w;
    }
    if (r.dob && Number.isNaN(dobDay[p]!)) dobDay[p] = dayNumber(r.dob);
    if (r.forename && forenameOf[p] === undefined) forenameOf[p] = r.forename;
    if (writtenOf[i]! >= 0 && firstWritten[p] === -1) firstWritten[p] = writtenOf[i]!;
    if (sex[p] === 0) sex[p] = r.sex === 'M' ? 1 : r.sex === 'F' ? 2 : 0;
    if (titleSex[p] === 0) titleSex[p] = sexOfTitle(r.title);
    const date = r.eventDate ?? r.asOf;
    const a = addresses.addressOf[i]!;
    if (a >= 0 && r.tenancyStart && !r.tenancyEnd && (ended.size === 0 || !ended.has(tenancyKey(a, r)))) {
      if (openTenancy[p] !== a) openTenancy[p] = openTenancy[p] === -1 ? a : -2;
      if (!openSince[a] || r.tenancyStart < openSince[a]!) openSince[a] = r.tenancyStart;
    }
    if (a >= 0) {
      const more = moreAddresses.get(p);
      const current = currentAddress[p]!;
      if (!more && (current < 0 || current === a)) {
        currentAddress[p] = a;
        if (date > firstAny[p]!) firstAny[p] = date;
        if (r.eventDate && r.eventDate > firstDated[p]!) firstDated[p] = r.eventDate;
      } else {
        const map = more ?? new Map<number, Seen>([[current, { dated: firstDated[p]!, any: firstAny[p]! }]]);
        if (!more) moreAddresses.set(p, map);
        let seen = map.get(a);
        if (!seen) map.set(a, (seen = { dated: '', any: '' }));
        if (date > seen.any) seen.any = date;
        if (r.eventDate && r.eventDate > seen.dated) seen.dated = r.eventDate;
      }
    }
    const pc = addresses.postcodeOf[i]!;
    if (pc >= 0 && date >= currentPostcodeDate[p]!) {
      currentPostcode[p] = pc;
      currentPostcodeDate[p] = date;
    }
  }
  for (let p = 0; p < personCount; p++) if (sex[p] === 0) sex[p] = titleSex[p]!;
  fillSexFromForenames(forenameOf, sex);
  // A dated record with a postcode but no address (A&E, benefits) dates the person's address at
  // that postcode: a child the school lists at an old and a new address, both undated, and whom
  // A&E saw last month at the new postcode, lives at the new one.
  if (moreAddresses.size > 0) {
    for (let i = 0; i < n; i++) {
      const r = records[i]!;
      const pc = addresses.postcodeOf[i]!;
      if (!r.eventDate || pc < 0 || addresses.addressOf[i]! >= 0) continue;
      const seen = moreAddresses.get(personOf[i]!);
      if (!seen) continue;
      for (const [a, e] of seen) if (addresses.postcode[a] === pc && r.eventDate > e.dated) e.dated = r.eventDate;
    }
  }
  const surnames = perPerson(personOf, personCount, (i) => (writtenOf[i]! >= 0 ? writtenKeys[writtenOf[i]!]! : NONE));
  const parts = perPerson(personOf, personCount, (i) => (writtenOf[i]! >= 0 ? writtenParts[writtenOf[i]!]! : NONE));
  const one = [0];
  const postcodes = perPerson(personOf, personCount, (i) => {
    const pc = addresses.postcodeOf[i]!;
    if (pc < 0) return NONE;
    one[0] = pc;
    return one;
  });
  // Ages are taken at the latest event date (a Source without event dates gets its import date
  // as its as-of date, which would age everyone), but never after the latest as-of date.
  const reference = latestEvent && latestEvent <= latestAsOf ? latestEvent : latestAsOf;
  const referenceDay = dayNumber(reference);
  const child = (p: number): boolean => referenceDay - dobDay[p]! < CHILD_AGE_DAYS;
  /** name key (first surname key × folded forename) of each person seen at an address, -1 when unnamed */
  const forenameIds = new Map<string, number>();
  const foldedForenameIds = new Map<string, number>();
  const nameKeyOf = (p: number): number => {
    const w = firstWritten[p]!;
    const forename = forenameOf[p];
    const surname = w >= 0 ? writtenKeys[w]![0] : undefined;
    if (surname === undefined || !forename) return -1;
    let f = forenameIds.get(forename);
    if (f === undefined) {
      const folded = foldUpper(forename).replace(/[^A-Z]/g, '');
      f = folded.length < 2 ? -1 : (foldedForenameIds.get(folded) ?? foldedForenameIds.size);
      if (f >= 0) foldedForenameIds.set(folded, f);
      forenameIds.set(forename, f);
    }
    return f < 0 ? -1 : surname * NAME_KEY_SPAN + f;
  };
  const nameKey = new Float64Array(personCount).fill(-1);
  for (let p = 0; p < personCount; p++) if (currentAddress[p]! >= 0) nameKey[p] = nameKeyOf(p);
  const groups = groupAddresses(currentAddress, moreAddresses, addresses, child, nameKey, dobDay, openTenancy, openSince);
  return { ...groups, nameText, surnames, surnameParts: parts, postcodes, postcodeCount: addresses.postcodeText.length, dobDay, sex, currentAddress, currentPostcode, referenceDay, openTenancy };
}

interface Seen {
  /** latest event date of a record at this address, or of a postcode-only record at its postcode ('' when none) */
  dated: string;
  /** latest date of any record at this address (event date, else as-of date) */
  any: string;
}

/**
 * Where people live now, as address groups: the addresses one household has lived at over time.
 * A person seen at several addresses moved between them, and dates alone often cannot say which
 * is current (a tenancy extract lists the ended tenancy and the new one; a census row has no
 * date). So their addresses are joined into one group — the household moved, taking them along —
 * unless that would join two addresses where other adults (seen at only one address) still live:
 * then the person moved between two households and goes to the one with their latest dated
 * record (then latest record of any kind, then the larger household). Children seen at one
 * address only do not hold it (children move with a parent). Rewrites currentAddress from
 * address indexes to group indexes.
 */
function groupAddresses(
  currentAddress: Int32Array,
  moreAddresses: ReadonlyMap<number, ReadonlyMap<number, Seen>>,
  addresses: ResolvedAddresses,
  child: (p: number) => boolean,
  nameKey: Float64Array,
  dobDay: Float64Array,
  openTenancy: Int32Array,
  openSince: readonly string[],
): { groupOfAddress: Int32Array; groupCount: number; groupPostcode: Int32Array } {
  const n = addresses.count;
  // A tenancy that has not ended says its people live there now. Two addresses each with one are
  // two homes at once, not one household's old and new: someone seen at both (a grown-up son on
  // his own new tenancy, still seen by the police at his parents') moved out, and the addresses
  // stay apart. Held at the group's root after joining.
  const tenanted = new Uint8Array(n);
  for (const a of openTenancy) if (a >= 0) tenanted[a] = 1;
  /** adults (or people of unknown age) seen at this address only; after joining, held at the group's root */
  const settled = new Int32Array(n);
  for (let p = 0; p < currentAddress.length; p++) {
    const a = currentAddress[p]!;
    if (a >= 0 && !moreAddresses.has(p) && !child(p)) settled[a]!++;
  }
  const parent = new Int32Array(n);
  for (let a = 0; a < n; a++) parent[a] = a;
  const find = (x: number): number => {
    while (parent[x]! !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const [p, seen] of moreAddresses) {
    const roots: number[] = [];
    let occupied = -1;
    let occupiedCount = 0;
    let tenancies = 0;
    for (const a of seen.keys()) {
      const r = find(a);
      if (roots.includes(r)) continue;
      roots.push(r);
      tenancies += tenanted[r]!;
      if (settled[r]! > 0) {
        occupied = r;
        occupiedCount++;
      }
    }
    if (occupiedCount > 1 || tenancies > 1) continue;
    // the people at the occupied address hold a tenancy there that this person is not on: they
    // came after the person left (a family that moved out, the school still listing the old home)
    if (occupied >= 0 && tenanted[occupied] && (openTenancy[p]! < 0 || find(openTenancy[p]!) !== occupied)) continue;
    const target = occupied >= 0 ? occupied : roots[0]!;
    for (const r of roots) {
      if (r === target) continue;
      parent[r] = target;
      settled[target]! += settled[r]!;
      tenanted[target] = tenanted[target]! | tenanted[r]!;
    }
  }
  // A family seen at two addresses moved: two or more people of the same name (and the same date
  // of birth, where both are known) at two address groups join the groups, unless each holds an
  // open tenancy. This also catches a move the person stage missed (one person split in two by a
  // tenancy row without a birth date).
  const bySurname: Array<number[] | undefined> = [];
  for (let p = 0; p < currentAddress.length; p++) {
    if (currentAddress[p]! < 0 || moreAddresses.has(p)) continue;
    const key = nameKey[p]!;
    if (key < 0) continue;
    const surname = Math.floor(key / NAME_KEY_SPAN);
    const list = bySurname[surname];
    if (list) list.push(p);
    else bySurname[surname] = [p];
  }
  const pairCount = new Map<number, { count: number; lastKey: number }>();
  for (const list of bySurname) {
    if (!list || list.length < 2) continue;
    list.sort((p, q) => nameKey[p]! - nameKey[q]!);
    for (let from = 0; from < list.length; ) {
      const key = nameKey[list[from]!]!;
      let to = from + 1;
      while (to < list.length && nameKey[list[to]!] === key) to++;
      // people of one name: a handful at most, or it is too common a name to say anything
      if (to - from >= 2 && to - from <= 8) {
        for (let x = from; x < to; x++) {
          for (let y = x + 1; y < to; y++) {
            const p = list[x]!;
            const q = list[y]!;
            if (!Number.isNaN(dobDay[p]!) && !Number.isNaN(dobDay[q]!) && dobDay[p] !== dobDay[q]) continue;
            const ga = find(currentAddress[p]!);
            const gb = find(currentAddress[q]!);
            if (ga === gb) continue;
            const pair = Math.min(ga, gb) * n + Math.max(ga, gb);
            const seen = pairCount.get(pair);
            if (!seen) pairCount.set(pair, { count: 1, lastKey: key });
            else if (seen.lastKey !== key) {
              seen.count++;
              seen.lastKey = key;
            }
          }
        }
      }
      from = to;
    }
  }
  for (const [pair, { count }] of pairCount) {
    if (count < 2) continue;
    const ra = find(Math.floor(pair / n));
    const rb = find(pair % n);
    if (ra === rb) continue;
    // two open tenancies are two homes: a moved family's old tenancy has ended. Children listed
    // on a tenancy without birth dates share names with another family's now and then.
    if (tenanted[ra] && tenanted[rb]) continue;
    const [keep, drop] = settled[ra]! >= settled[rb]! ? [ra, rb] : [rb, ra];
    parent[drop] = keep;
    settled[keep]! += settled[drop]!;
    tenanted[keep] = tenanted[keep]! | tenanted[drop]!;
  }

  // People between two occupied groups choose one.
  for (const [p, seen] of moreAddresses) {
    let best = -1;
    let bestSeen: Seen = { dated: '', any: '' };
    const pooled = new Map<number, Seen>();
    for (const [a, e] of seen) {
      const r = find(a);
      const cur = pooled.get(r);
      if (!cur) pooled.set(r, { ...e });
      else {
        if (e.dated > cur.dated) cur.dated = e.dated;
        if (e.any > cur.any) cur.any = e.any;
      }
    }
    // their own tenancy that has not ended is where they live
    const own = openTenancy[p]! >= 0 ? find(openTenancy[p]!) : -1;
    // An address group holding a tenancy they are not on, which began after they were last seen
    // there on a dated record, is one they left: its tenants came after them (a family that moved
    // out, the school still listing the old home and the new one, undated). Ruled out while
    // another of their groups remains.
    const left = new Set<number>();
    const stays = new Set<number>();
    for (const [a, e] of seen) {
      const r = find(a);
      if (tenanted[r] && r !== own && openSince[a]! > e.dated) left.add(r);
      else stays.add(r);
    }
    for (const r of stays) left.delete(r);
    if (left.size > 0 && stays.size > 0) for (const r of left) pooled.delete(r);
    for (const [r, e] of pooled) {
      if (own >= 0 && pooled.has(own)) {
        if (r === own) {
          best = r;
          bestSeen = e;
        }
        continue;
      }
      const better =
        best < 0 ||
        e.dated > bestSeen.dated ||
        (e.dated === bestSeen.dated && (e.any > bestSeen.any || (e.any === bestSeen.any && settled[r]! > settled[best]!)));
      if (better) {
        best = r;
        bestSeen = e;
      }
    }
    currentAddress[p] = best;
  }
  // Dense group numbers; a group's postcode is that of its root (the occupied address, if any).
  const groupOfAddress = new Int32Array(n).fill(-1);
  const groupPostcode = new Int32Array(n).fill(-1);
  let groupCount = 0;
  for (let a = 0; a < n; a++) {
    const r = find(a);
    if (groupOfAddress[r]! < 0) {
      groupOfAddress[r] = groupCount++;
      groupPostcode[groupOfAddress[r]!] = addresses.postcode[r]!;
    }
    const g = groupOfAddress[r]!;
    groupOfAddress[a] = g;
    if (groupPostcode[g]! < 0) groupPostcode[g] = addresses.postcode[a]!;
  }
  for (let p = 0; p < currentAddress.length; p++) if (currentAddress[p]! >= 0) currentAddress[p] = groupOfAddress[currentAddress[p]!]!;
  return { groupOfAddress, groupCount, groupPostcode: groupPostcode.subarray(0, groupCount) };
}
