// Who a record's named relative is. A&E takes down a patient's next of kin ("Shazia Begum",
// Mother), youth justice a young person's parent or carer ("Mrs S Begum"): the one thing in a
// name-and-postcode extract that ties a mother whose children carry their father's surname, or a
// partner with another surname, to one family. The relative is looked for among the people seen
// at one of the person's postcodes or at their home; they are named when exactly one fits.

import { relationKind, sexOfRelation } from '../../../../shared/domain/relationship.js';
import type { LinkRecord, PersonClusters } from '../types.js';
import type { PerPerson, PersonProfiles } from './profiles.js';
import { surnameKey, surnameVariants } from './profiles.js';

const YEAR = 365.25;
/** A parent (or grandparent) is at least this many years older than the person who names them; a child as much younger. */
const GENERATION_GAP = 12;
/** A partner is a grown-up. */
const ADULT_AGE = 16;
/** More people than this seen at one postcode: not a street's (a hostel, the NHS's "address not known" postcode); it names no one. */
const MAX_PEOPLE_AT_POSTCODE = 600;

/** A person who names a relative, and the people at their postcodes or home who fit the name. */
export interface NamedRelative {
  person: number;
  /** people who fit (surname, forename or its initial, sex and age as far as known); the caller wants exactly one household among them */
  fits: number[];
}

interface Named {
  person: number;
  /** surname key ids (profiles.nameText) the relative's surname and its masculine/feminine form have */
  surnames: number[];
  /** forename folded to letters, upper case; one letter for an initial */
  forename: string;
  kind: 'parent' | 'partner' | 'child';
  sex: 0 | 1 | 2;
}

const fold = (name: string | null | undefined): string =>
  (name ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');

/**
 * For each person whose records name a relative they live with as one family (a parent, partner
 * or child: never a friend, a neighbour or a professional), the people who fit the name among
 * those seen at one of the person's postcodes or at their address group. Empty when no record
 * names one.
 */
export function namedRelatives(records: readonly LinkRecord[], persons: PersonClusters, profiles: PersonProfiles): NamedRelative[] {
  const { personOf, personCount } = persons;
  const nameIds = new Map<string, number>();
  profiles.nameText.forEach((t, id) => nameIds.set(t, id));
  const named: Named[] = [];
  const said = new Set<string>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (!r.relativeSurname) continue;
    const kind = relationKind(r.relativeRelationship);
    if (kind === null || kind === 'other') continue;
    const key = surnameKey(r.relativeSurname);
    const forename = fold(r.relativeForename);
    if (!key || !forename) continue;
    // a surname no one in the data has names no one here
    const surnames = surnameVariants(key).flatMap((v) => (nameIds.has(v) ? [nameIds.get(v)!] : []));
    if (surnames.length === 0) continue;
    const person = personOf[i]!;
    const sex = sexOfRelation(r.relativeRelationship);
    const once = `${person}\u0000${key}\u0000${forename}\u0000${kind}\u0000${sex}`;
    if (said.has(once)) continue;
    said.add(once);
    named.push({ person, surnames, forename, kind, sex });
  }
  if (named.length === 0) return [];

  const idsOf = (list: PerPerson, p: number): Int32Array => list.ids.subarray(list.start[p]!, list.start[p + 1]!);
  // The people seen at each postcode and living at each address group that a naming person has.
  const atPostcode = new Map<number, number[]>();
  const atGroup = new Map<number, number[]>();
  for (const n of named) {
    for (const pc of idsOf(profiles.postcodes, n.person)) atPostcode.set(pc, []);
    const g = profiles.currentAddress[n.person]!;
    if (g >= 0) atGroup.set(g, []);
  }
  const wanted = new Uint8Array(personCount);
  const crowded = new Set<number>();
  for (let q = 0; q < personCount; q++) {
    for (const pc of idsOf(profiles.postcodes, q)) {
      const list = atPostcode.get(pc);
      if (list && !crowded.has(pc)) {
        list.push(q);
        wanted[q] = 1;
        if (list.length > MAX_PEOPLE_AT_POSTCODE) {
          crowded.add(pc);
          atPostcode.set(pc, []);
        }
      }
    }
    const list = profiles.currentAddress[q]! >= 0 ? atGroup.get(profiles.currentAddress[q]!) : undefined;
    if (list) {
      list.push(q);
      wanted[q] = 1;
    }
  }
  // Forenames (folded) of the people who may be named.
  const forenames: Array<string[] | undefined> = new Array<string[] | undefined>(personCount);
  for (let i = 0; i < records.length; i++) {
    const q = personOf[i]!;
    if (!wanted[q]) continue;
    const f = fold(records[i]!.forename);
    if (!f) continue;
    const list = forenames[q];
    if (!list) forenames[q] = [f];
    else if (!list.includes(f)) list.push(f);
  }
  const age = (p: number): number => (profiles.referenceDay - profiles.dobDay[p]!) / YEAR;
  const fits = (n: Named, q: number): boolean => {
    if (q === n.person) return false;
    const own = idsOf(profiles.surnames, q);
    if (!n.surnames.some((s) => own.includes(s))) return false;
    const names = forenames[q];
    if (!names) return false;
    // an initial names anyone whose forename starts with it; a forename, the same forename (or its initial written alone)
    const forename = n.forename.length === 1 ? names.some((f) => f[0] === n.forename) : names.some((f) => f === n.forename || (f.length === 1 && f === n.forename[0]));
    if (!forename) return false;
    if (n.sex !== 0 && profiles.sex[q] !== 0 && profiles.sex[q] !== n.sex) return false;
    const theirs = age(q);
    const mine = age(n.person);
    if (n.kind === 'partner' && theirs < ADULT_AGE) return false;
    if (n.kind === 'parent' && theirs - mine < GENERATION_GAP) return false;
    if (n.kind === 'child' && mine - theirs < GENERATION_GAP) return false;
    // NaN ages (a birth date not known) compare false above: no sign either way
    return true;
  };
  const out: NamedRelative[] = [];
  const seen = new Set<number>();
  for (const n of named) {
    seen.clear();
    const found: number[] = [];
    const consider = (q: number): void => {
      if (seen.has(q)) return;
      seen.add(q);
      if (fits(n, q)) found.push(q);
    };
    for (const pc of idsOf(profiles.postcodes, n.person)) for (const q of atPostcode.get(pc) ?? []) consider(q);
    const g = profiles.currentAddress[n.person]!;
    if (g >= 0) for (const q of atGroup.get(g) ?? []) consider(q);
    if (found.length > 0) out.push({ person: n.person, fits: found });
  }
  return out;
}
