// The synthetic borough: households, people, addresses and national identifiers — the ground
// truth the agency extracts are derived from. Pure and deterministic for (households, seed).

import { addYears, ageOn, parseIso } from './dates.js';
import { NINO_EXCLUDED_PREFIXES, NINO_FIRST_LETTERS, NINO_SECOND_LETTERS, nhsCheckDigit, upnCheckLetter } from './identifiers.js';
import {
  GROUP_WEIGHTS,
  INWARD_LETTERS,
  LA_NUMBER,
  type NameGroup,
  OTHER_LA_NUMBERS,
  SCHOOL_WORDS,
  SOUTH_ASIAN_FEMALE_SURNAME_TABLE,
  type Sex,
  type SurnameEntry,
  TOWNS,
  type Town,
  forenameTable,
  streetPrefixes,
  streetSuffixTable,
  streetTypeTable,
  surnameFor,
  surnameTable,
} from './names.js';
import { Rng, type WeightedTable, weightedTable } from './prng.js';
import { addFamilyScenarios, addNeighbourScenarios, addSuccessionScenarios } from './scenarios.js';

/** The reference "as-of" date of the demo: ages and household membership are taken on it. */
export const AS_OF_ISO = '2025-03-31';
/** Start of the year the extracts cover (events fall between this and AS_OF). */
export const WINDOW_START_ISO = '2024-04-01';
export const AS_OF = parseIso(AS_OF_ISO);
export const WINDOW_START = parseIso(WINDOW_START_ISO);
/** National Curriculum year is fixed by age on 31 August at the start of the academic year. */
export const ACADEMIC_AGE_DAY = parseIso('2024-08-31');
/** Spring school census day (the school extract's addresses are as at this day). */
export const SCHOOL_CENSUS_DAY = parseIso('2025-01-16');

export type HouseholdType =
  | 'single'
  | 'single-pensioner'
  | 'couple'
  | 'couple-pensioner'
  | 'couple-children'
  | 'single-parent'
  | 'multi-generation'
  | 'couple-adult-children'
  | 'sharers'
  | 'large-family'
  /** formed during the year by a young adult leaving the family home */
  | 'left-home'
  /** a lone adult's household that ended during the year when they joined a partner */
  | 'pre-join';

export type Relationship = 'head' | 'partner' | 'child' | 'grandparent' | 'other';
export type Risk = 0 | 1 | 2;

export interface Address {
  uprn: string;
  /** '' for a house, else the flat number/letter */
  flat: string;
  number: string;
  streetName: string;
  streetType: string;
  /** streetName + ' ' + streetType */
  street: string;
  town: string;
  postcode: string;
  /** social (council / housing association) dwelling */
  social: boolean;
}

/** Membership of a household over [from, to); null = open-ended. */
export interface MembershipSpell {
  householdIndex: number;
  from: number | null;
  to: number | null;
}

export interface AddressSpell {
  address: Address;
  from: number | null;
  to: number | null;
}

export interface Person {
  index: number;
  /** truth id, P000001… */
  id: string;
  /** household at the as-of date */
  householdId: string;
  forename: string;
  /** '' or one or two middle names separated by a space */
  middleName: string;
  surname: string;
  /** surname before a recent marriage, else '' */
  previousSurname: string;
  sex: Sex;
  /** day number (days since 1970-01-01) */
  dob: number;
  group: NameGroup;
  relationship: Relationship;
  married: boolean;
  nhsNumber: string;
  /** '' under 16 */
  nino: string;
  /** '' unless of compulsory school age in 2024/25 */
  upn: string;
  /** 0 = Reception … 11; null when not of school age in 2024/25 */
  ncYear: number | null;
  schoolIndex: number | null;
  spells: MembershipSpell[];
}

export interface Household {
  index: number;
  /** truth id, H000001… */
  id: string;
  type: HouseholdType;
  /** latent level of need: drives agency contact */
  risk: Risk;
  group: NameGroup;
  /** indexes of everyone who was a member at any time in the window */
  members: number[];
  addresses: AddressSpell[];
}

export interface School {
  index: number;
  name: string;
  phase: 'primary' | 'secondary';
  town: string;
  /** 4-digit DfE establishment number */
  dfeNumber: string;
}

export interface Borough {
  seed: number | string;
  /** households requested (the count of households that existed at the window start) */
  requestedHouseholds: number;
  households: Household[];
  persons: Person[];
  schools: School[];
  asOf: number;
  windowStart: number;
}

export interface BoroughOptions {
  households: number;
  seed: number | string;
}

// ---------------------------------------------------------------------------------------------
// Lookups

const inSpell = (s: { from: number | null; to: number | null }, day: number): boolean =>
  (s.from === null || s.from <= day) && (s.to === null || day < s.to);

/** The household a person belonged to on a day (clamped to their first/last spell). */
export function householdIndexAt(person: Person, day: number): number {
  for (const s of person.spells) if (inSpell(s, day)) return s.householdIndex;
  const first = person.spells[0];
  const last = person.spells[person.spells.length - 1];
  if (!first || !last) throw new Error(`person ${person.id} has no household`);
  return first.from !== null && day < first.from ? first.householdIndex : last.householdIndex;
}

/** A household's address on a day (clamped to its first/last address). */
export function householdAddressAt(household: Household, day: number): Address {
  for (const s of household.addresses) if (inSpell(s, day)) return s.address;
  const first = household.addresses[0];
  const last = household.addresses[household.addresses.length - 1];
  if (!first || !last) throw new Error(`household ${household.id} has no address`);
  return first.from !== null && day < first.from ? first.address : last.address;
}

export function addressAt(borough: Borough, person: Person, day: number): Address {
  const hh = borough.households[householdIndexAt(person, day)];
  if (!hh) throw new Error(`bad household for ${person.id}`);
  return householdAddressAt(hh, day);
}

/** 'Flat 2, 14 Kilnfield Road' or '14 Kilnfield Road' */
export function addressLine(a: Address): string {
  return a.flat ? `Flat ${a.flat}, ${a.number} ${a.street}` : `${a.number} ${a.street}`;
}

export function ageAt(person: Person, day: number): number {
  return ageOn(person.dob, day);
}

// ---------------------------------------------------------------------------------------------
// Generation

const pad6 = (n: number): string => String(n).padStart(6, '0');
export const personId = (index: number): string => `P${pad6(index + 1)}`;
export const householdId = (index: number): string => `H${pad6(index + 1)}`;

const TYPE_DEFAULT: WeightedTable<HouseholdType> = weightedTable<HouseholdType>([
  ['single', 17],
  ['single-pensioner', 13],
  ['couple', 15],
  ['couple-pensioner', 10],
  ['couple-children', 20],
  ['single-parent', 10],
  ['multi-generation', 2.5],
  ['couple-adult-children', 8],
  ['sharers', 3],
  ['large-family', 1.5],
]);
const TYPE_SOUTH_ASIAN: WeightedTable<HouseholdType> = weightedTable<HouseholdType>([
  ['single', 6],
  ['single-pensioner', 4],
  ['couple', 8],
  ['couple-pensioner', 5],
  ['couple-children', 32],
  ['single-parent', 6],
  ['multi-generation', 16],
  ['couple-adult-children', 12],
  ['sharers', 2],
  ['large-family', 9],
]);
const TYPE_EAST_EUROPEAN: WeightedTable<HouseholdType> = weightedTable<HouseholdType>([
  ['single', 12],
  ['single-pensioner', 2],
  ['couple', 12],
  ['couple-pensioner', 2],
  ['couple-children', 30],
  ['single-parent', 8],
  ['multi-generation', 8],
  ['couple-adult-children', 8],
  ['sharers', 8],
  ['large-family', 10],
]);

const RISK_BY_TYPE: Record<HouseholdType, readonly [number, number, number]> = {
  single: [0.7, 0.2, 0.1],
  'single-pensioner': [0.92, 0.07, 0.01],
  couple: [0.86, 0.11, 0.03],
  'couple-pensioner': [0.95, 0.045, 0.005],
  'couple-children': [0.76, 0.16, 0.08],
  'single-parent': [0.52, 0.29, 0.19],
  'multi-generation': [0.66, 0.22, 0.12],
  'couple-adult-children': [0.76, 0.16, 0.08],
  sharers: [0.7, 0.2, 0.1],
  'large-family': [0.5, 0.28, 0.22],
  'left-home': [0.55, 0.3, 0.15],
  'pre-join': [0.6, 0.25, 0.15],
};

const CHILD_COUNT = weightedTable<number>([
  [1, 44],
  [2, 41],
  [3, 12],
  [4, 3],
]);
const SINGLE_PARENT_CHILD_COUNT = weightedTable<number>([
  [1, 45],
  [2, 35],
  [3, 15],
  [4, 5],
]);

const GROUP_TABLE: WeightedTable<NameGroup> = weightedTable(GROUP_WEIGHTS.map(([g, w]) => [g, w] as const));
const TOWN_TABLE: WeightedTable<Town> = weightedTable(TOWNS.map((t) => [t, t.weight] as const));

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, Math.round(v)));

interface Ctx {
  rng: Rng;
  persons: Person[];
  households: Household[];
}

function dobForAge(rng: Rng, age: number): number {
  return addYears(AS_OF, -age) - rng.int(0, 364);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function hyphenated(a: SurnameEntry, b: SurnameEntry): SurnameEntry {
  return { masculine: `${a.masculine}-${b.masculine}`, feminine: `${a.feminine}-${b.feminine}` };
}

function randomSurnameEntry(rng: Rng, group: NameGroup): SurnameEntry {
  const entry = rng.fromTable(surnameTable(group));
  // a few British people carry a double-barrelled name from birth
  if (group === 'british' && rng.chance(0.015)) {
    const other = rng.fromTable(surnameTable(group));
    if (other.masculine !== entry.masculine) return hyphenated(entry, other);
  }
  return entry;
}

interface NewPerson {
  group: NameGroup;
  sex: Sex;
  age: number;
  surname: string;
  relationship: Relationship;
  householdIndex: number;
  previousSurname?: string;
  married?: boolean;
  usedForenames: Set<string>;
}

function middleChance(group: NameGroup): number {
  switch (group) {
    case 'british':
      return 0.45;
    case 'southAsian':
      return 0.35;
    case 'eastEuropean':
      return 0.1;
    default:
      return 0.2;
  }
}

function addPerson(ctx: Ctx, p: NewPerson): Person {
  const { rng } = ctx;
  const dob = dobForAge(rng, p.age);
  const birthYear = 2025 - p.age;
  const table = forenameTable(p.group, p.sex, birthYear);
  let forename = rng.fromTable(table);
  for (let tries = 0; tries < 6 && (p.usedForenames.has(forename) || forename === p.surname); tries++) {
    forename = rng.fromTable(table);
  }
  p.usedForenames.add(forename);
  let middleName = '';
  if (rng.chance(middleChance(p.group))) {
    const middleTable = forenameTable(p.group, p.sex, birthYear + rng.int(-40, 10));
    let m = rng.fromTable(middleTable);
    if (m === forename) m = rng.fromTable(middleTable);
    if (m !== forename) middleName = m;
    if (middleName && p.group === 'british' && rng.chance(0.1)) {
      const m2 = rng.fromTable(middleTable);
      if (m2 !== forename && m2 !== middleName) middleName = `${middleName} ${m2}`;
    }
  }
  const index = ctx.persons.length;
  const person: Person = {
    index,
    id: personId(index),
    householdId: '',
    forename,
    middleName,
    surname: p.surname,
    previousSurname: p.previousSurname ?? '',
    sex: p.sex,
    dob,
    group: p.group,
    relationship: p.relationship,
    married: p.married ?? false,
    nhsNumber: '',
    nino: '',
    upn: '',
    ncYear: null,
    schoolIndex: null,
    spells: [{ householdIndex: p.householdIndex, from: dob > WINDOW_START ? dob : null, to: null }],
  };
  ctx.persons.push(person);
  const hh = ctx.households[p.householdIndex];
  if (!hh) throw new Error('addPerson: no household');
  hh.members.push(index);
  return person;
}

function newHousehold(ctx: Ctx, type: HouseholdType, group: NameGroup): Household {
  const index = ctx.households.length;
  const [r0, r1] = RISK_BY_TYPE[type];
  const x = ctx.rng.next();
  const risk: Risk = x < r0 ? 0 : x < r0 + r1 ? 1 : 2;
  const hh: Household = { index, id: householdId(index), type, risk, group, members: [], addresses: [] };
  ctx.households.push(hh);
  return hh;
}

interface CoupleNames {
  his: SurnameEntry;
  /** her surname now */
  hers: string;
  /** her own family's surname entry */
  maiden: SurnameEntry;
  previous: string;
  married: boolean;
}

function coupleNames(rng: Rng, group: NameGroup, pensioner: boolean): CoupleNames {
  const his = randomSurnameEntry(rng, group);
  let maiden = randomSurnameEntry(rng, group);
  if (group === 'southAsian' && rng.chance(0.45)) maiden = rng.fromTable(SOUTH_ASIAN_FEMALE_SURNAME_TABLE);
  const married = rng.chance(pensioner ? 0.9 : group === 'southAsian' ? 0.95 : group === 'british' ? 0.55 : 0.75);
  let hers = surnameFor(maiden, 'F');
  let previous = '';
  if (married) {
    const keepsOwn = group === 'southAsian' ? 0.45 : 0.1;
    if (!rng.chance(keepsOwn)) {
      hers = rng.chance(0.03) && group === 'british' ? `${maiden.feminine}-${his.feminine}` : surnameFor(his, 'F');
      // a recent marriage: older records still hold the maiden name
      if (!pensioner && rng.chance(0.25)) previous = surnameFor(maiden, 'F');
    }
  }
  return { his, hers, maiden, previous, married };
}

function childAges(rng: Rng, count: number, motherAge: number, minAge = 0, maxAge = 17): number[] {
  const hi = Math.min(maxAge, motherAge - 17);
  const lo = Math.min(minAge, hi);
  const ages: number[] = [];
  for (let i = 0; i < count; i++) {
    let a = rng.int(Math.max(0, lo), Math.max(0, hi));
    if (ages.includes(a) && !rng.chance(0.05)) a = rng.int(Math.max(0, lo), Math.max(0, hi));
    ages.push(a);
  }
  return ages.sort((x, y) => y - x);
}

const childSex = (rng: Rng): Sex => (rng.chance(0.512) ? 'M' : 'F');

/** Adds a couple with children; returns nothing. `kids` ages given. */
function addCoupleFamily(
  ctx: Ctx,
  hh: Household,
  group: NameGroup,
  motherAge: number,
  kidAges: number[],
  used: Set<string>,
): void {
  const { rng } = ctx;
  const fatherAge = clamp(rng.normal(motherAge + 2.5, 3), Math.max(18, motherAge - 6), 75);
  const names = coupleNames(rng, group, false);
  const fatherFirst = rng.chance(0.6);
  const addFather = (): void => {
    addPerson(ctx, {
      group,
      sex: 'M',
      age: fatherAge,
      surname: surnameFor(names.his, 'M'),
      relationship: fatherFirst ? 'head' : 'partner',
      householdIndex: hh.index,
      married: names.married,
      usedForenames: used,
    });
  };
  const addMother = (): void => {
    addPerson(ctx, {
      group,
      sex: 'F',
      age: motherAge,
      surname: names.hers,
      previousSurname: names.previous,
      relationship: fatherFirst ? 'partner' : 'head',
      householdIndex: hh.index,
      married: names.married,
      usedForenames: used,
    });
  };
  if (fatherFirst) {
    addFather();
    addMother();
  } else {
    addMother();
    addFather();
  }
  let kidsEntry: SurnameEntry = names.his;
  if (names.married) {
    if (group === 'british' && rng.chance(0.04)) kidsEntry = hyphenated(names.maiden, names.his);
  } else {
    const r = rng.next();
    if (r < 0.55) kidsEntry = names.his;
    else if (r < 0.8) kidsEntry = names.maiden;
    else if (r < 0.95 && group === 'british') kidsEntry = hyphenated(names.maiden, names.his);
  }
  // an older child from the mother's earlier relationship sometimes keeps another surname
  const earlierEntry = rng.chance(0.12) ? randomSurnameEntry(rng, group) : null;
  kidAges.forEach((age, i) => {
    const sex = childSex(rng);
    const entry = i === 0 && earlierEntry && age >= 5 ? earlierEntry : kidsEntry;
    addPerson(ctx, {
      group,
      sex,
      age,
      surname: surnameFor(entry, sex),
      relationship: 'child',
      householdIndex: hh.index,
      usedForenames: used,
    });
  });
}

function generateHousehold(ctx: Ctx): void {
  const { rng } = ctx;
  const group = rng.fromTable(GROUP_TABLE);
  const typeTable = group === 'southAsian' ? TYPE_SOUTH_ASIAN : group === 'eastEuropean' ? TYPE_EAST_EUROPEAN : TYPE_DEFAULT;
  const type = rng.fromTable(typeTable);
  const hh = newHousehold(ctx, type, group);
  const used = new Set<string>();
  const add = (p: Omit<NewPerson, 'householdIndex' | 'usedForenames'>): Person =>
    addPerson(ctx, { ...p, householdIndex: hh.index, usedForenames: used });

  switch (type) {
    case 'single': {
      const sex: Sex = rng.chance(0.55) ? 'M' : 'F';
      const age = clamp(rng.normal(40, 13), 18, 64);
      add({ group, sex, age, surname: surnameFor(randomSurnameEntry(rng, group), sex), relationship: 'head' });
      break;
    }
    case 'single-pensioner': {
      const sex: Sex = rng.chance(0.65) ? 'F' : 'M';
      const age = clamp(65 + Math.abs(rng.normal(0, 11)), 65, 99);
      add({ group, sex, age, surname: surnameFor(randomSurnameEntry(rng, group), sex), relationship: 'head', married: rng.chance(0.6) });
      break;
    }
    case 'couple':
    case 'couple-pensioner': {
      const pensioner = type === 'couple-pensioner';
      const age = pensioner ? clamp(rng.normal(74, 6), 65, 95) : clamp(rng.normal(40, 12), 19, 64);
      if (rng.chance(0.025)) {
        // same-sex couple
        const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
        add({ group, sex, age, surname: surnameFor(randomSurnameEntry(rng, group), sex), relationship: 'head' });
        add({ group, sex, age: clamp(age + rng.normal(0, 4), 18, 99), surname: surnameFor(randomSurnameEntry(rng, group), sex), relationship: 'partner' });
        break;
      }
      const names = coupleNames(rng, group, pensioner);
      const heAge = clamp(age + rng.normal(2, 3), pensioner ? 63 : 18, 99);
      add({ group, sex: 'M', age: heAge, surname: surnameFor(names.his, 'M'), relationship: 'head', married: names.married });
      add({ group, sex: 'F', age, surname: names.hers, previousSurname: names.previous, relationship: 'partner', married: names.married });
      break;
    }
    case 'couple-children':
    case 'large-family': {
      const large = type === 'large-family';
      const motherAge = large ? clamp(rng.normal(37, 5), 27, 50) : clamp(rng.normal(35, 7), 19, 52);
      const n = large ? rng.int(4, 5) : rng.fromTable(CHILD_COUNT);
      addCoupleFamily(ctx, hh, group, motherAge, childAges(rng, n, motherAge), used);
      break;
    }
    case 'single-parent': {
      const father = rng.chance(0.1);
      const sex: Sex = father ? 'M' : 'F';
      const age = clamp(rng.normal(33, 8), 17, 55);
      const own = randomSurnameEntry(rng, group);
      add({ group, sex, age, surname: surnameFor(own, sex), relationship: 'head', married: false });
      const n = rng.fromTable(SINGLE_PARENT_CHILD_COUNT);
      let exEntry = randomSurnameEntry(rng, group);
      const ages = childAges(rng, n, father ? Math.max(age - 2, 18) : age);
      const mode = rng.next();
      ages.forEach((childAge, i) => {
        const childSx = childSex(rng);
        let surname: string;
        if (father) surname = rng.chance(0.85) ? surnameFor(own, childSx) : surnameFor(exEntry, childSx);
        else if (mode < 0.5) surname = surnameFor(own, childSx);
        else if (mode < 0.9) {
          if (i > 0 && rng.chance(0.25)) exEntry = randomSurnameEntry(rng, group); // a different father
          surname = surnameFor(exEntry, childSx);
        } else surname = group === 'british' ? surnameFor(hyphenated(own, exEntry), childSx) : surnameFor(own, childSx);
        add({ group, sex: childSx, age: childAge, surname, relationship: 'child' });
      });
      break;
    }
    case 'multi-generation': {
      const gpAge = clamp(rng.normal(68, 8), 56, 92);
      const gpNames = coupleNames(rng, group, true);
      const twoGrandparents = rng.chance(0.55);
      const parentSex: Sex = group === 'southAsian' ? (rng.chance(0.8) ? 'M' : 'F') : rng.chance(0.5) ? 'M' : 'F';
      const parentAge = clamp(rng.normal(Math.min(gpAge - 28, 40), 5), 20, gpAge - 18);
      const withPartner = rng.chance(group === 'southAsian' ? 0.9 : 0.5);
      let kidsEntry: SurnameEntry;
      if (parentSex === 'M') {
        add({ group, sex: 'M', age: parentAge, surname: surnameFor(gpNames.his, 'M'), relationship: 'head', married: withPartner });
        kidsEntry = gpNames.his;
        if (withPartner) {
          const wifeSurname = rng.chance(group === 'southAsian' ? 0.5 : 0.75)
            ? surnameFor(gpNames.his, 'F')
            : group === 'southAsian'
              ? surnameFor(rng.fromTable(SOUTH_ASIAN_FEMALE_SURNAME_TABLE), 'F')
              : surnameFor(randomSurnameEntry(rng, group), 'F');
          add({ group, sex: 'F', age: clamp(parentAge - rng.normal(2, 2), 18, 80), surname: wifeSurname, relationship: 'partner', married: true });
        }
      } else {
        let ownSurname = surnameFor(gpNames.his, 'F');
        kidsEntry = rng.chance(0.5) ? gpNames.his : randomSurnameEntry(rng, group);
        if (withPartner) {
          const partnerEntry = randomSurnameEntry(rng, group);
          const married = rng.chance(0.6);
          if (married) ownSurname = surnameFor(partnerEntry, 'F');
          kidsEntry = partnerEntry;
          add({ group, sex: 'F', age: parentAge, surname: ownSurname, relationship: 'head', married });
          add({ group, sex: 'M', age: clamp(parentAge + rng.normal(2, 3), 18, 80), surname: surnameFor(partnerEntry, 'M'), relationship: 'partner', married });
        } else {
          add({ group, sex: 'F', age: parentAge, surname: ownSurname, relationship: 'head' });
        }
      }
      const gpRoom = twoGrandparents ? 2 : 1;
      const adults = (withPartner ? 2 : 1) + gpRoom;
      const kids = Math.min(7 - adults, rng.int(1, 3));
      const mAge = parentSex === 'F' ? parentAge : clamp(parentAge - 2, 18, 80);
      for (const age of childAges(rng, kids, mAge)) {
        const sx = childSex(rng);
        add({ group, sex: sx, age, surname: surnameFor(kidsEntry, sx), relationship: 'child' });
      }
      if (twoGrandparents || rng.chance(0.7)) {
        add({ group, sex: 'F', age: gpAge, surname: gpNames.hers, relationship: 'grandparent', married: true });
      }
      if (twoGrandparents || !hh.members.some((i) => ctx.persons[i]?.relationship === 'grandparent')) {
        add({ group, sex: 'M', age: clamp(gpAge + rng.normal(2, 3), 58, 99), surname: surnameFor(gpNames.his, 'M'), relationship: 'grandparent', married: true });
      }
      break;
    }
    case 'couple-adult-children': {
      const motherAge = clamp(rng.normal(53, 5), 42, 66);
      const adultKids = rng.chance(0.7) ? 1 : 2;
      const ages = childAges(rng, adultKids, motherAge, 18, 30);
      if (rng.chance(0.3)) ages.push(rng.int(11, 17));
      addCoupleFamily(ctx, hh, group, motherAge, ages.sort((a, b) => b - a), used);
      break;
    }
    case 'sharers': {
      const n = rng.weighted<number>([
        [2, 55],
        [3, 30],
        [4, 15],
      ]);
      for (let i = 0; i < n; i++) {
        const g = rng.chance(0.7) ? group : rng.fromTable(GROUP_TABLE);
        const sex: Sex = rng.chance(0.55) ? 'M' : 'F';
        add({ group: g, sex, age: rng.int(19, 38), surname: surnameFor(randomSurnameEntry(rng, g), sex), relationship: i === 0 ? 'head' : 'other' });
      }
      break;
    }
    default:
      throw new Error(`generateHousehold: unexpected type ${type}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Dwellings

class DwellingPool {
  private readonly social: Address[] = [];
  private readonly private_: Address[] = [];
  private readonly usedStreetKeys = new Set<string>();
  private readonly usedPostcodes = new Set<string>();
  private nextUprn = 100050000000;
  private readonly prefixes = streetPrefixes();
  private readonly suffixes = streetSuffixTable();
  private readonly types = streetTypeTable();

  constructor(private readonly rng: Rng) {}

  private newPostcode(outward: string): string {
    for (;;) {
      const pc = `${outward} ${this.rng.int(1, 9)}${this.rng.pick(INWARD_LETTERS.split(''))}${this.rng.pick(INWARD_LETTERS.split(''))}`;
      if (!this.usedPostcodes.has(pc)) {
        this.usedPostcodes.add(pc);
        return pc;
      }
    }
  }

  private streetName(town: string): { name: string; type: string } {
    const rng = this.rng;
    for (let tries = 0; ; tries++) {
      const prefix = rng.pick(this.prefixes);
      const suffix = rng.fromTable(this.suffixes);
      let name = suffix ? capitalise(prefix.toLowerCase() + suffix) : prefix;
      if (tries > 40) name = `${rng.pick(['Upper', 'Lower', 'New', 'Old', 'Little', 'Far'])} ${name}`;
      const type = rng.fromTable(this.types);
      const key = `${town}|${name} ${type}`;
      if (!this.usedStreetKeys.has(key)) {
        this.usedStreetKeys.add(key);
        return { name, type };
      }
    }
  }

  /** Adds one street of dwellings; an estate street is mostly social housing. */
  addStreet(estate: boolean): void {
    const rng = this.rng;
    const town = rng.fromTable(TOWN_TABLE);
    const outward = rng.weighted(town.outward);
    const { name, type } = this.streetName(town.name);
    const size = estate ? rng.int(30, 120) : rng.int(8, 70);
    const perPostcode = rng.int(14, 28);
    let postcode = this.newPostcode(outward);
    let inPostcode = 0;
    let number = 0;
    let made = 0;
    while (made < size) {
      number += 1;
      const flats = rng.chance(estate ? 0.25 : 0.06) ? rng.int(2, 6) : 0;
      const letters = !estate && rng.chance(0.6);
      for (let f = 0; f < Math.max(1, flats); f++) {
        if (inPostcode >= perPostcode) {
          postcode = this.newPostcode(outward);
          inPostcode = 0;
        }
        this.nextUprn += rng.int(1, 37);
        const social = estate ? rng.chance(0.8) : rng.chance(0.04);
        const address: Address = {
          uprn: String(this.nextUprn),
          flat: flats ? (letters ? 'ABCDEF'.charAt(f) : String(f + 1)) : '',
          number: String(number),
          streetName: name,
          streetType: type,
          street: `${name} ${type}`,
          town: town.name,
          postcode,
          social,
        };
        (social ? this.social : this.private_).push(address);
        inPostcode++;
        made++;
      }
    }
  }

  /** Builds enough streets for about the given numbers of social and private homes, shuffled. */
  prefill(socialNeeded: number, privateNeeded: number): void {
    while (this.social.length < socialNeeded) this.addStreet(true);
    while (this.private_.length < privateNeeded) this.addStreet(false);
    this.rng.shuffle(this.social);
    this.rng.shuffle(this.private_);
  }

  take(social: boolean): Address {
    const pool = social ? this.social : this.private_;
    while (pool.length === 0) {
      this.addStreet(social);
      this.rng.shuffle(pool);
    }
    return pool.pop() as Address;
  }
}

const SOCIAL_BY_RISK: readonly [number, number, number] = [0.12, 0.45, 0.7];
const MOVE_BY_RISK: readonly [number, number, number] = [0.05, 0.09, 0.15];

function socialFor(rng: Rng, hh: Household): boolean {
  const p = SOCIAL_BY_RISK[hh.risk] * (hh.type === 'single-pensioner' || hh.type === 'couple-pensioner' ? 1.3 : 1);
  return rng.chance(p);
}

// ---------------------------------------------------------------------------------------------
// Identifiers

const NHS_LEAD_DIGIT = weightedTable<string>([
  ['4', 55],
  ['6', 25],
  ['7', 20],
]);

function assignIdentifiers(rng: Rng, persons: Person[], schools: School[]): void {
  const nhsSeen = new Set<string>();
  const ninoSeen = new Set<string>();
  const upnSeen = new Set<string>();
  const firstLetters = NINO_FIRST_LETTERS.split('');
  const secondLetters = NINO_SECOND_LETTERS.split('');
  const primaries = schools.filter((s) => s.phase === 'primary');
  for (const p of persons) {
    // NHS number: 9 random digits in the English ranges, plus the mod-11 check digit.
    for (;;) {
      const lead = rng.fromTable(NHS_LEAD_DIGIT);
      const nine = lead + String(rng.int(0, 99999999)).padStart(8, '0');
      const check = nhsCheckDigit(nine);
      if (check === null) continue;
      const nhs = nine + String(check);
      if (nhsSeen.has(nhs)) continue;
      nhsSeen.add(nhs);
      p.nhsNumber = nhs;
      break;
    }
    if (ageOn(p.dob, AS_OF) >= 16) {
      for (;;) {
        const prefix = rng.pick(firstLetters) + rng.pick(secondLetters);
        if (NINO_EXCLUDED_PREFIXES.includes(prefix)) continue;
        const nino = `${prefix}${String(rng.int(0, 999999)).padStart(6, '0')}${rng.pick(['A', 'B', 'C', 'D'])}`;
        if (ninoSeen.has(nino)) continue;
        ninoSeen.add(nino);
        p.nino = nino;
        break;
      }
    }
    if (p.ncYear !== null) {
      const entryYear = 2024 - p.ncYear; // September they started Reception
      for (;;) {
        const home = rng.chance(0.93);
        const la = home ? LA_NUMBER : rng.pick(OTHER_LA_NUMBERS);
        const estab = home && primaries.length > 0 ? rng.pick(primaries).dfeNumber : String(rng.int(2000, 2999));
        const body = `${la}${estab}${String(entryYear % 100).padStart(2, '0')}${String(rng.int(0, 999)).padStart(3, '0')}`;
        const upn = upnCheckLetter(body) + body;
        if (upnSeen.has(upn)) continue;
        upnSeen.add(upn);
        p.upn = upn;
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Schools

function buildSchools(rng: Rng, borough: { persons: Person[]; households: Household[] }): School[] {
  const words = SCHOOL_WORDS.split(/\s+/).filter(Boolean);
  const counts = new Map<string, { primary: number; secondary: number }>();
  for (const t of TOWNS) counts.set(t.name, { primary: 0, secondary: 0 });
  for (const p of borough.persons) {
    if (p.ncYear === null) continue;
    const hh = borough.households[householdIndexAt(p, SCHOOL_CENSUS_DAY)] as Household;
    const c = counts.get(householdAddressAt(hh, SCHOOL_CENSUS_DAY).town);
    if (!c) continue;
    if (p.ncYear <= 6) c.primary++;
    else c.secondary++;
  }
  const schools: School[] = [];
  const usedNames = new Set<string>();
  const usedDfe = new Set<string>();
  const primaryKinds = ['Primary School', 'Junior and Infant School', 'Primary Academy', 'Community Primary School'];
  const secondaryKinds = ['Academy', 'Community School', 'High School', 'School'];
  const dfe = (lo: number, hi: number): string => {
    for (;;) {
      const v = String(rng.int(lo, hi));
      if (!usedDfe.has(v)) {
        usedDfe.add(v);
        return v;
      }
    }
  };
  for (const town of TOWNS) {
    const c = counts.get(town.name) as { primary: number; secondary: number };
    const np = c.primary > 0 ? Math.max(1, Math.round(c.primary / 250)) : 0;
    const ns = c.secondary > 0 ? Math.max(1, Math.round(c.secondary / 900)) : 0;
    const make = (phase: 'primary' | 'secondary'): void => {
      const kinds = phase === 'primary' ? primaryKinds : secondaryKinds;
      let name = '';
      for (let tries = 0; ; tries++) {
        name = `${town.name} ${rng.pick(words)} ${rng.pick(kinds)}`;
        if (tries > 30) name = `${name} (${tries})`;
        if (!usedNames.has(name)) break;
      }
      usedNames.add(name);
      schools.push({
        index: schools.length,
        name,
        phase,
        town: town.name,
        dfeNumber: phase === 'primary' ? dfe(2000, 3999) : dfe(4000, 4999),
      });
    };
    for (let i = 0; i < np; i++) make('primary');
    for (let i = 0; i < ns; i++) make('secondary');
  }
  return schools;
}

// ---------------------------------------------------------------------------------------------

export function generateBorough(options: BoroughOptions): Borough {
  const n = Math.floor(options.households);
  if (!(n >= 1)) throw new Error(`households must be at least 1 (got ${String(options.households)})`);
  const seed = options.seed;
  const ctx: Ctx = { rng: new Rng(seed, 'borough/people'), persons: [], households: [] };
  for (let i = 0; i < n; i++) generateHousehold(ctx);

  // Young adults leaving home during the year, and partners moving in with a lone parent.
  const life = new Rng(seed, 'borough/life-events');
  const leavers: { person: Person; day: number }[] = [];
  const joiners: { person: Person; day: number }[] = [];
  for (let i = 0; i < n; i++) {
    const hh = ctx.households[i] as Household;
    const youngAdults = hh.members
      .map((m) => ctx.persons[m] as Person)
      .filter((p) => p.relationship === 'child' && ageOn(p.dob, AS_OF) >= 18 && ageOn(p.dob, AS_OF) <= 25);
    if (youngAdults.length > 0 && life.chance(0.14)) {
      leavers.push({ person: life.pick(youngAdults), day: WINDOW_START + life.int(20, 350) });
    }
    if (hh.type === 'single-parent' && life.chance(0.05)) {
      const head = ctx.persons[hh.members[0] as number] as Person;
      if (head.sex === 'F') {
        const day = WINDOW_START + life.int(20, 340);
        const pre = newHousehold({ ...ctx, rng: life }, 'pre-join', hh.group);
        const sex: Sex = 'M';
        const partner = addPerson(
          { ...ctx, rng: life },
          {
            group: life.chance(0.85) ? hh.group : life.fromTable(GROUP_TABLE),
            sex,
            age: clamp(ageOn(head.dob, AS_OF) + life.normal(2, 4), 18, 70),
            surname: '',
            relationship: 'head',
            householdIndex: pre.index,
            usedForenames: new Set<string>(),
          },
        );
        partner.surname = surnameFor(randomSurnameEntry(life, partner.group), sex);
        joiners.push({ person: partner, day });
        // the partner's spell in the lone-parent household starts on the join day
        partner.spells = [
          { householdIndex: pre.index, from: null, to: day },
          { householdIndex: hh.index, from: day, to: null },
        ];
        partner.relationship = 'partner';
        hh.members.push(partner.index);
      }
    }
  }
  for (const { person, day } of leavers) {
    const from = person.spells[0] as MembershipSpell;
    const home = ctx.households[from.householdIndex] as Household;
    const own = newHousehold({ ...ctx, rng: life }, 'left-home', home.group);
    own.members.push(person.index);
    person.spells = [
      { householdIndex: from.householdIndex, from: from.from, to: day },
      { householdIndex: own.index, from: day, to: null },
    ];
  }

  addFamilyScenarios(seed, ctx.persons, ctx.households, AS_OF);

  // Addresses: everyone's first home, then moves during the year.
  const addrRng = new Rng(seed, 'borough/addresses');
  const pool = new DwellingPool(addrRng);
  const total = ctx.households.length;
  pool.prefill(Math.ceil(total * 0.3) + 5, Math.ceil(total * 0.95) + 10);
  const leaverDay = new Map<number, number>();
  for (const { person, day } of leavers) leaverDay.set(householdIndexAt(person, AS_OF), day);
  for (const hh of ctx.households) {
    const start = hh.type === 'left-home' ? (leaverDay.get(hh.index) ?? null) : null;
    const social = hh.type === 'left-home' ? addrRng.chance(0.35) : socialFor(addrRng, hh);
    hh.addresses.push({ address: pool.take(social), from: start, to: null });
  }
  for (const { person, day } of joiners) {
    const pre = ctx.households[(person.spells[0] as MembershipSpell).householdIndex] as Household;
    (pre.addresses[0] as AddressSpell).to = day;
  }
  for (const hh of ctx.households) {
    if (hh.type === 'pre-join' || hh.type === 'left-home') continue;
    if (!addrRng.chance(MOVE_BY_RISK[hh.risk])) continue;
    const day = WINDOW_START + addrRng.int(10, 355);
    const current = hh.addresses[0] as AddressSpell;
    const social = addrRng.chance(0.7) ? current.address.social : socialFor(addrRng, hh);
    current.to = day;
    hh.addresses.push({ address: pool.take(social), from: day, to: null });
  }

  addSuccessionScenarios(seed, ctx.households);
  addNeighbourScenarios(seed, ctx.persons, ctx.households);

  // Household at the as-of date; school years.
  for (const p of ctx.persons) {
    p.householdId = householdId(householdIndexAt(p, AS_OF));
    const nc = ageOn(p.dob, ACADEMIC_AGE_DAY) - 4;
    p.ncYear = nc >= 0 && nc <= 11 ? nc : null;
  }
  const schoolRng = new Rng(seed, 'borough/schools');
  const schools = buildSchools(schoolRng, ctx);
  // Siblings usually share a school: one choice per household and phase.
  for (const hh of ctx.households) {
    const choice = new Map<string, number>();
    for (const m of hh.members) {
      const p = ctx.persons[m] as Person;
      if (p.ncYear === null || householdIndexAt(p, SCHOOL_CENSUS_DAY) !== hh.index) continue;
      const phase = p.ncYear <= 6 ? 'primary' : 'secondary';
      let idx = choice.get(phase);
      if (idx === undefined) {
        const town = householdAddressAt(hh, SCHOOL_CENSUS_DAY).town;
        const options = schools.filter((s) => s.phase === phase && s.town === town);
        const fallback = schools.filter((s) => s.phase === phase);
        idx = schoolRng.pick(options.length > 0 ? options : fallback).index;
        choice.set(phase, idx);
      }
      p.schoolIndex = idx;
    }
  }
  assignIdentifiers(new Rng(seed, 'borough/identifiers'), ctx.persons, schools);

  return {
    seed,
    requestedHouseholds: n,
    households: ctx.households,
    persons: ctx.persons,
    schools,
    asOf: AS_OF,
    windowStart: WINDOW_START,
  };
}
