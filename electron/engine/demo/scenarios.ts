// Hard cases the linker must get right, laid over a generated borough with their own random
// streams (so the rest of the borough is unchanged): sons named after their fathers at one home,
// twins, and neighbours at one postcode who share a surname. Maiden and married names,
// postcode-only adults (health, benefits) and households succeeding one another at an address
// come from the borough itself; NINO typos from the benefits extract.
import { ageOn } from './dates.js';
import type { Household, Person } from './borough.js';
import { Rng } from './prng.js';

/** Shares of eligible households given each case (a borough of 20,000 gets hundreds of each). */
export const SCENARIO_RATES = { namedAfterFather: 0.05, twins: 0.03, neighboursShareSurname: 0.1, ninoTypo: 0.03, succession: 0.5 } as const;

/** Sons named after their fathers, and twins: before school years and identifiers are assigned. */
export function addFamilyScenarios(seed: number | string, persons: Person[], households: Household[], asOf: number): void {
  const rng = new Rng(seed, 'borough/scenarios/families');
  for (const hh of households) {
    const members = hh.members.map((m) => persons[m] as Person);
    const children = members.filter((p) => p.relationship === 'child').sort((a, b) => a.dob - b.dob);
    const father = members.find((p) => (p.relationship === 'head' || p.relationship === 'partner') && p.sex === 'M' && ageOn(p.dob, asOf) >= 30);
    const son = children.find((p) => p.sex === 'M' && father && ageOn(father.dob, asOf) - ageOn(p.dob, asOf) >= 18);
    if (father && son && rng.chance(SCENARIO_RATES.namedAfterFather)) {
      son.forename = father.forename;
      son.middleName = father.middleName;
    }
    // twins: the younger of two close siblings is born on the older's birthday
    for (let k = 1; k < children.length; k++) {
      const older = children[k - 1] as Person;
      const younger = children[k] as Person;
      if (Math.abs(younger.dob - older.dob) > 3 * 366 || younger.forename === older.forename) continue;
      if (rng.chance(SCENARIO_RATES.twins)) younger.dob = older.dob;
      break;
    }
  }
}

/**
 * Neighbours who share a surname: a household at a postcode where another lives takes that
 * household's surname (each member who carried the household's own). After addresses are set.
 */
export function addNeighbourScenarios(seed: number | string, persons: Person[], households: Household[]): void {
  const rng = new Rng(seed, 'borough/scenarios/neighbours');
  const byPostcode = new Map<string, Household[]>();
  for (const hh of households) {
    const first = hh.addresses[0];
    if (!first || hh.members.length === 0) continue;
    const list = byPostcode.get(first.address.postcode);
    if (list) list.push(hh);
    else byPostcode.set(first.address.postcode, [hh]);
  }
  for (const list of byPostcode.values()) {
    if (list.length < 2 || !rng.chance(SCENARIO_RATES.neighboursShareSurname)) continue;
    const [a, b] = [list[0] as Household, list[1] as Household];
    const aHead = persons[a.members[0] as number] as Person;
    const bHead = persons[b.members[0] as number] as Person;
    // British names only: other groups' surnames change with sex (Kowalski / Kowalska)
    if (a.addresses[0]?.address.uprn === b.addresses[0]?.address.uprn || aHead.group !== 'british' || bHead.group !== 'british') continue;
    const own = bHead.surname;
    for (const m of b.members) {
      const p = persons[m] as Person;
      if (p.surname === own) p.surname = aHead.surname;
    }
  }
}

/**
 * Households succeeding one another at an address: a home a household moved out of is re-let to
 * a household moving in at least two weeks later (a council re-lets its flats), so the housing
 * extract holds the ended tenancy and the new one, and other extracts see each family there in
 * its own months. After moves, before neighbours.
 */
export function addSuccessionScenarios(seed: number | string, households: Household[]): void {
  const rng = new Rng(seed, 'borough/scenarios/succession');
  const arrivals = households
    .flatMap((hh) => hh.addresses.filter((s) => s.from !== null && s.to === null).map((spell) => ({ hh, spell })))
    .sort((a, b) => (a.spell.from as number) - (b.spell.from as number) || a.hh.index - b.hh.index);
  const taken = new Set<number>();
  for (const hh of households) {
    const left = hh.addresses.length >= 2 ? hh.addresses[0] : undefined;
    if (!left || left.to === null || !rng.chance(SCENARIO_RATES.succession)) continue;
    const day = left.to;
    const k = arrivals.findIndex((a, i) => !taken.has(i) && a.hh !== hh && (a.spell.from as number) >= day + 14 && a.spell.address.social === left.address.social);
    if (k < 0) continue;
    taken.add(k);
    (arrivals[k] as { spell: { address: typeof left.address } }).spell.address = left.address;
  }
}

const DIGITS = '0123456789';

/** A NINO keyed wrongly: one of its six digits changed (the result is another valid NINO). */
export function ninoTypo(rng: Rng, nino: string): string {
  const k = 2 + rng.int(0, 5);
  const digit = nino[k] as string;
  let next = digit;
  while (next === digit) next = DIGITS[rng.int(0, 9)] as string;
  return nino.slice(0, k) + next + nino.slice(k + 1);
}
