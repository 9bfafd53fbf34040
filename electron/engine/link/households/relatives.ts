// Who a record's named relative is. A&E takes down a patient's next of kin ("Shazia Begum",
// Mother), youth justice a young person's parent or carer ("Mrs S Begum"): the one thing in a
// name-and-postcode extract that ties a mother whose children carry their father's surname, or a
// partner with another surname, to one family. The relative is looked for among the people seen
// at one of the person's postcodes or at their home; place.ts joins the person to them only when
// everyone who fits is in one household.

import { relationKind, sexOfRelation } from '../../../../shared/domain/relationship.js';
import type { LinkRecord, PersonClusters } from '../types.js';
import type { PersonProfiles } from './profiles.js';
import { surnameKey, surnameVariants } from './profiles.js';
import { MIN_PARENT_GAP } from './shape.js';

const YEAR = 365.25;
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
  kind: 'parent' | 'partner' | 'child' | 'coresident';
  sex: 0 | 1 | 2;
}

const NONE: readonly number[] = Object.freeze([]);

const fold = (name: string | null | undefined): string =>
  (name ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');

/**
 * For each person whose records name a relative they live with as one family (a parent, partner
 * or child; or the other holder of their joint tenancy or joint claim, relationship unsaid: never
 * a friend, a neighbour or a professional), the people who fit the name among
 * those seen at one of the person's postcodes or at their address group. Empty when no record
 * names one.
 */
export function namedRelatives(records: readonly LinkRecord[], persons: PersonClusters, profiles: PersonProfiles): NamedRelative[] {
  const { personOf, personCount } = persons;
  const nameIds = new Map<string, number>();
  profiles.nameText.forEach((t, id) => nameIds.set(t, id));
  const named: Named[] = [];
  const said = new Set<string>();
  // each distinct relationship and surname as written is read once (a few dozen, a few thousand)
  const relations = new Map<string, { kind: Named['kind'] | null; sex: 0 | 1 | 2 }>();
  const surnameIds = new Map<string, { key: string; ids: number[] } | null>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (!r.relativeSurname || !r.relativeForename) continue;
    const written = r.relativeRelationship ?? '';
    let relation = relations.get(written);
    if (!relation) {
      const kind = relationKind(written);
      relations.set(written, (relation = { kind: kind === 'other' ? null : kind, sex: sexOfRelation(written) }));
    }
    if (!relation.kind) continue;
    let surname = surnameIds.get(r.relativeSurname);
    if (surname === undefined) {
      const key = surnameKey(r.relativeSurname);
      // a surname no one in the data has names no one here
      const ids = key ? surnameVariants(key).flatMap((v) => (nameIds.has(v) ? [nameIds.get(v)!] : [])) : [];
      surnameIds.set(r.relativeSurname, (surname = key && ids.length ? { key, ids } : null));
    }
    const forename = surname && fold(r.relativeForename);
    if (!surname || !forename) continue;
    const person = personOf[i]!;
    const once = `${person}\u0000${surname.key}\u0000${forename}\u0000${written}`;
    if (said.has(once)) continue;
    said.add(once);
    named.push({ person, surnames: surname.ids, forename, kind: relation.kind, sex: relation.sex });
  }
  if (named.length === 0) return [];

  const { postcodes, surnames, currentAddress } = profiles;
  // The people seen at each postcode, and living at each address group, that a naming person has
  // (typed arrays and plain loops: this walks every person once).
  const atPostcode: Array<number[] | undefined> = new Array<number[] | undefined>(profiles.postcodeCount);
  const atGroup: Array<number[] | undefined> = new Array<number[] | undefined>(profiles.groupCount);
  for (const n of named) {
    for (let k = postcodes.start[n.person]!; k < postcodes.start[n.person + 1]!; k++) atPostcode[postcodes.ids[k]!] ??= [];
    const g = currentAddress[n.person]!;
    if (g >= 0) atGroup[g] ??= [];
  }
  const wanted = new Uint8Array(personCount);
  const crowded = new Uint8Array(profiles.postcodeCount);
  for (let q = 0; q < personCount; q++) {
    for (let k = postcodes.start[q]!; k < postcodes.start[q + 1]!; k++) {
      const pc = postcodes.ids[k]!;
      const list = atPostcode[pc];
      if (!list || crowded[pc]) continue;
      list.push(q);
      wanted[q] = 1;
      if (list.length > MAX_PEOPLE_AT_POSTCODE) {
        crowded[pc] = 1;
        atPostcode[pc] = [];
      }
    }
    const g = currentAddress[q]!;
    const list = g >= 0 ? atGroup[g] : undefined;
    if (list) {
      list.push(q);
      wanted[q] = 1;
    }
  }
  // Forenames (folded, each distinct one once) of the people who may be named.
  const forenames: Array<string[] | undefined> = new Array<string[] | undefined>(personCount);
  const folded = new Map<string, string>();
  for (let i = 0; i < records.length; i++) {
    const q = personOf[i]!;
    const written = records[i]!.forename;
    if (!wanted[q] || !written) continue;
    let f = folded.get(written);
    if (f === undefined) folded.set(written, (f = fold(written)));
    if (!f) continue;
    const list = forenames[q];
    if (!list) forenames[q] = [f];
    else if (!list.includes(f)) list.push(f);
  }
  const age = (p: number): number => (profiles.referenceDay - profiles.dobDay[p]!) / YEAR;
  const fits = (n: Named, q: number): boolean => {
    if (q === n.person) return false;
    let surname = false;
    for (let k = surnames.start[q]!; k < surnames.start[q + 1]! && !surname; k++) surname = n.surnames.includes(surnames.ids[k]!);
    if (!surname) return false;
    const names = forenames[q];
    if (!names) return false;
    // an initial names anyone whose forename starts with it; a forename, the same forename (or its initial written alone)
    const forename = n.forename.length === 1 ? names.some((f) => f[0] === n.forename) : names.some((f) => f === n.forename || (f.length === 1 && f === n.forename[0]));
    if (!forename) return false;
    if (n.sex !== 0 && profiles.sex[q] !== 0 && profiles.sex[q] !== n.sex) return false;
    const theirs = age(q);
    const mine = age(n.person);
    // a parent or grandparent a generation up, a child one down (the family shape's span,
    // shape.ts), a partner grown up; a joint tenant or claimant any age (only the name tells)
    if (n.kind === 'partner' && theirs < ADULT_AGE) return false;
    if (n.kind === 'parent' && theirs - mine < MIN_PARENT_GAP) return false;
    if (n.kind === 'child' && mine - theirs < MIN_PARENT_GAP) return false;
    // NaN ages (a birth date not known) compare false above: no sign either way
    return true;
  };
  const out: NamedRelative[] = [];
  /** per person: the index in `named` it was last looked at for, so each is weighed once */
  const seen = new Int32Array(personCount).fill(-1);
  for (let x = 0; x < named.length; x++) {
    const n = named[x]!;
    const found: number[] = [];
    const consider = (q: number): void => {
      if (seen[q] === x) return;
      seen[q] = x;
      if (fits(n, q)) found.push(q);
    };
    for (let k = postcodes.start[n.person]!; k < postcodes.start[n.person + 1]!; k++) for (const q of atPostcode[postcodes.ids[k]!] ?? NONE) consider(q);
    const g = currentAddress[n.person]!;
    if (g >= 0) for (const q of atGroup[g] ?? NONE) consider(q);
    if (found.length > 0) out.push({ person: n.person, fits: found });
  }
  return out;
}
