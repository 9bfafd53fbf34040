// The held-out borough: homes (estates of blocks under one postcode, terraces, converted houses,
// rooms in shared houses, flats over shops), families of several heritages with their naming
// customs, moves, re-lets and grown-up children leaving home over one year. Seeded and
// deterministic. extracts.ts writes what six agencies hold about it.
import { addDays, ageOn, between, pick, pickSkewed, seeded, type Rand } from '../unseen/people.js';
import { HERITAGE_MIX, POOLS, forenameFor, gendered, type Heritage } from './names.js';

/** The year the extracts cover and the day they were taken. */
export const FROM = '2024-10-01';
export const TO = '2025-09-30';
export const TAKEN = '2025-10-06';

// ---------------------------------------------------------------------------------------------
// Homes.

export type HomeKind = 'house' | 'block' | 'converted' | 'room' | 'over-shop';
export interface Home {
  id: number;
  uprn: string;
  kind: HomeKind;
  /** the door within the building: "12" of Flat 12, "A" of Flat A / 23a, "3" of Room 3, "Ground Floor" */
  door: string | null;
  building: string | null;
  number: string | null;
  street: string;
  locality: string;
  town: string;
  postcode: string;
  social: boolean;
}

const STREETS = [
  'Werneth Hall', 'Ashton', 'Featherstall', 'Manchester', 'Huddersfield', 'Lees', 'Ripponden', 'Shaw', 'Rochdale', 'Middleton',
  'Coppice', 'Frederick', 'Edward', 'Victoria', 'Albert', 'Milton', 'Chaucer', 'Shakespeare', 'Byron', 'Tennyson', 'Kipling',
  'Honeywell', 'Hollins', 'Block', 'Park', 'Church', 'Chapel', 'Mill', 'Spinners', 'Weavers', 'Cotton', 'Oldham', 'Wellington',
  'Napier', 'Nelson', 'Granby', 'Cromwell', 'Balfour', 'Gladstone', 'Peel', 'Derby', 'Stamford', 'Greenacres', 'Hathershaw',
  'Fircroft', 'Glodwick', 'Waterloo', 'Roundthorn', 'Abbey Hills', 'Kings', 'Queens', 'Bowness', 'Windermere', 'Coniston',
  'Grasmere', 'Ullswater', 'Thirlmere', 'Buttermere', 'Derwent', 'Kirkstone', 'Rydal', 'Hollinwood', 'Limeside', 'Copster',
  'Heyside', 'Crompton', 'Moorside', 'Sholver', 'Fitton', 'Primrose', 'Bluebell', 'Foxglove', 'Heather', 'Bracken', 'Rowan',
] as const;
const STREET_TYPES = ['Street', 'Road', 'Lane', 'Avenue', 'Close', 'Grove', 'Terrace', 'Drive', 'Way', 'Brow', 'Fold', 'Walk', 'Court', 'Place', 'Square'] as const;
const BLOCK_BIRDS = ['Kestrel', 'Merlin', 'Falcon', 'Harrier', 'Osprey', 'Heron', 'Curlew', 'Plover', 'Lapwing', 'Kingfisher', 'Swallow', 'Swift', 'Linnet', 'Wren', 'Robin'] as const;
const BLOCK_WORDS = ['House', 'Court', 'Tower', 'Heights', 'Lodge'] as const;
const PLACES: ReadonlyArray<readonly [locality: string, town: string, district: string]> = [
  ['Werneth', 'Oldham', 'OL8'], ['Glodwick', 'Oldham', 'OL4'], ['Coppice', 'Oldham', 'OL8'], ['Hathershaw', 'Oldham', 'OL8'],
  ['Fitton Hill', 'Oldham', 'OL8'], ['Westwood', 'Oldham', 'OL9'], ['Chadderton', 'Oldham', 'OL9'], ['Royton', 'Oldham', 'OL2'],
  ['Shaw', 'Oldham', 'OL2'], ['Sholver', 'Oldham', 'OL1'], ['Derker', 'Oldham', 'OL1'], ['Failsworth', 'Manchester', 'M35'],
  ['Hollinwood', 'Oldham', 'OL8'], ['Lees', 'Oldham', 'OL4'], ['Springhead', 'Oldham', 'OL4'], ['Greenacres', 'Oldham', 'OL4'],
];

function makeHomes(rand: Rand, want: number): Home[] {
  const homes: Home[] = [];
  const usedPostcodes = new Set<string>();
  const usedStreets = new Set<string>();
  let uprn = 422_000_000_000 + between(rand, 0, 999_999) * 10;
  const postcode = (district: string): string => {
    for (;;) {
      const pc = `${district} ${between(rand, 1, 9)}${pick(rand, 'ABDEFGHJLNPQRSTUWXY')}${pick(rand, 'ABDEFGHJLNPQRSTUWXYZ')}`;
      if (!usedPostcodes.has(pc)) {
        usedPostcodes.add(pc);
        return pc;
      }
    }
  };
  const streetName = (): string => {
    for (let tries = 0; ; tries++) {
      const s = `${pick(rand, STREETS)} ${pick(rand, STREET_TYPES)}`;
      if (!usedStreets.has(s) || tries > 50) {
        usedStreets.add(s);
        return s;
      }
    }
  };
  const add = (h: Omit<Home, 'id' | 'uprn'>): void => {
    homes.push({ ...h, id: homes.length, uprn: String(uprn) });
    uprn += between(rand, 1, 40);
  };
  while (homes.length < want) {
    const [locality, town, district] = pick(rand, PLACES);
    const street = streetName();
    const shape = rand();
    if (shape < 0.14) {
      // an estate: several blocks on one road, flats numbered from 1 in each block, often one postcode for all
      const blocks = between(rand, 2, 5);
      const word = pick(rand, BLOCK_WORDS);
      let pc = postcode(district);
      const birds = [...BLOCK_BIRDS].sort(() => rand() - 0.5).slice(0, blocks);
      for (const bird of birds) {
        if (rand() < 0.25) pc = postcode(district);
        const flats = between(rand, 8, 36);
        for (let f = 1; f <= flats; f++) add({ kind: 'block', door: String(f), building: `${bird} ${word}`, number: null, street, locality, town, postcode: pc, social: rand() < 0.85 });
      }
      continue;
    }
    // a street of terraces and semis, odd and even sides, a postcode per run of doors on one side
    const length = between(rand, 16, 90);
    const sides: Array<[n: number, pc: string, run: number]> = [[1, postcode(district), 0], [2, postcode(district), 0]];
    const councilStreet = rand() < 0.2;
    for (let k = 0; k < length; k++) {
      const side = sides[k % 2] as [number, string, number];
      if (side[2] > between(rand, 12, 26)) {
        side[1] = postcode(district);
        side[2] = 0;
      }
      const number = String(side[0]);
      const base = { building: null, number, street, locality, town, postcode: side[1] };
      const r = rand();
      if (r < 0.07) {
        // a house split into flats: Flat A/B/C, or 23a/23b, or by floor
        const parts = between(rand, 2, 4);
        const floors = rand() < 0.3;
        for (let f = 0; f < parts; f++) add({ ...base, kind: 'converted', door: floors ? (['Ground Floor', 'First Floor', 'Second Floor', 'Top Floor'][f] as string) : ('ABCD'[f] as string), social: false });
      } else if (r < 0.1) {
        // a shared house let by the room
        const rooms = between(rand, 3, 7);
        for (let f = 1; f <= rooms; f++) add({ ...base, kind: 'room', door: String(f), social: false });
      } else if (r < 0.13 && /Road|Street/.test(street)) {
        add({ ...base, kind: 'over-shop', door: null, social: false });
      } else {
        add({ ...base, kind: 'house', door: null, social: councilStreet ? rand() < 0.7 : rand() < 0.06 });
      }
      side[0] += 2;
      side[2]++;
    }
  }
  return homes;
}

// ---------------------------------------------------------------------------------------------
// People and households.

export type Relation = 'head' | 'partner' | 'child' | 'stepchild' | 'grandchild' | 'parent' | 'adult child' | 'sibling' | 'lodger';
export interface Person {
  id: string;
  heritage: Heritage;
  sex: 'M' | 'F';
  dob: string;
  forename: string;
  middle: string | null;
  /** the legal surname */
  surname: string;
  /** another surname some agencies hold: a husband's, a family name beside Singh/Kaur, a maiden name */
  otherSurname: string | null;
  /** the name the person goes by where a system has room for it ("Imran" for Mohammed Imran) */
  knownAs: string | null;
  nhs: string;
  /** a mobile number, for most adults */
  mobile: string | null;
  nino: string | null;
  upn: string | null;
  relation: Relation;
  /** the household at the day the extracts were taken: the truth */
  household: string;
  /** where they lived before leaving home during the year */
  before: { household: Household; until: string } | null;
}
export interface Stay {
  home: Home;
  from: string;
  to: string | null;
  tenancy: string | null;
  tenancyStart: string | null;
}
export interface Household {
  id: string;
  heritage: Heritage;
  members: Person[];
  stays: Stay[];
  /** a Sikh family's name beside Singh and Kaur */
  familyName?: string;
}
export interface Borough {
  households: Household[];
  people: Person[];
  homes: Home[];
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const dobAt = (rand: Rand, age: number): string => addDays(TAKEN, -Math.floor(age * 365.25 + rand() * 364));

function nhsNumber(rand: Rand): string {
  for (;;) {
    const d = [between(rand, 4, 6), ...Array.from({ length: 8 }, () => between(rand, 0, 9))];
    const check = 11 - (d.reduce((s, x, i) => s + x * (10 - i), 0) % 11);
    if (check !== 10) return [...d, check === 11 ? 0 : check].join('');
  }
}
function ninoFor(rand: Rand): string {
  for (;;) {
    const prefix = `${pick(rand, 'ABCEGHJKLMNPRSTWYZ')}${pick(rand, 'ABCEGHJKLMNPRSTWXYZ')}`;
    // prefixes HMRC never issues
    if (!['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(prefix)) return `${prefix}${pad(between(rand, 0, 999_999), 6)}${pick(rand, 'ABCD')}`;
  }
}
function upnFor(rand: Rand): string {
  const body = `353${pad(between(rand, 0, 9999), 4)}${pad(between(rand, 0, 99_999), 5)}`;
  return `${'ABCDEFGHJKLMNPQRTUVWXYZ'[body.split('').reduce((s, c, i) => s + Number(c) * (i + 2), 0) % 23]}${body}`;
}

type Kind = 'single' | 'pensioner' | 'pensioner couple' | 'couple' | 'married family' | 'cohabiting family' | 'lone mother' | 'lone father' | 'step family' | 'three generations' | 'grown-up children';
const KIND_WEIGHTS: Record<'south asian' | 'other', ReadonlyArray<readonly [Kind, number]>> = {
  other: [['single', 0.15], ['pensioner', 0.08], ['pensioner couple', 0.06], ['couple', 0.1], ['married family', 0.14], ['cohabiting family', 0.09], ['lone mother', 0.13], ['lone father', 0.015], ['step family', 0.055], ['three generations', 0.025], ['grown-up children', 0.06]],
  'south asian': [['single', 0.06], ['pensioner', 0.03], ['pensioner couple', 0.05], ['couple', 0.06], ['married family', 0.38], ['cohabiting family', 0.0], ['lone mother', 0.07], ['lone father', 0.01], ['step family', 0.01], ['three generations', 0.17], ['grown-up children', 0.16]],
};
const weighted = <T>(rand: Rand, xs: ReadonlyArray<readonly [T, number]>): T => {
  let r = rand() * xs.reduce((s, [, w]) => s + w, 0);
  for (const [x, w] of xs) if ((r -= w) <= 0) return x;
  return (xs.at(-1) as readonly [T, number])[0];
};

/** Surnames of a South Asian woman not sharing her husband's: Begum, Bibi, Akhtar … */
const WIFE_SURNAMES: Record<string, readonly string[]> = {
  pakistani: ['Begum', 'Bibi', 'Akhtar', 'Kausar', 'Bi', 'Parveen', 'Nasreen'],
  bangladeshi: ['Begum', 'Khatun', 'Bibi', 'Akter', 'Khanom'],
};

/** A family name: the lists run from the commonest; Begum and Khatun are women's names, never a family's. */
const surnameOf = (rand: Rand, names: readonly string[]): string => {
  for (;;) {
    const s = pickSkewed(rand, names);
    if (s !== 'Begum' && s !== 'Khatun') return s;
  }
};

interface Builder {
  rand: Rand;
  next: () => string;
}

function makeMember(b: Builder, hh: Household, sex: 'M' | 'F', age: number, relation: Relation, surname: string, opts: { married?: boolean } = {}): Person {
  const { rand } = b;
  const h = hh.heritage;
  let forename = forenameFor(rand, h, sex, age);
  // siblings never share a forename; a child takes a parent's now and then (a junior)
  const taken = new Set(hh.members.map((m) => m.forename));
  for (let tries = 0; taken.has(forename) && tries < 8 && rand() > 0.03; tries++) forename = forenameFor(rand, h, sex, age);
  let middle: string | null = rand() < 0.3 ? forenameFor(rand, h, sex, age) : null;
  if (middle === forename) middle = null;
  let legal = gendered(h, surname, sex, opts.married ?? false);
  let other: string | null = null;
  let knownAs: string | null = null;
  if (h === 'sikh') {
    // Singh or Kaur, with or without the family name
    const faith = sex === 'M' ? 'Singh' : 'Kaur';
    const familyName = surname === 'Singh' || surname === 'Kaur' ? (hh.familyName ?? surname) : surname;
    hh.familyName ??= familyName;
    middle = faith;
    legal = familyName;
    if (rand() < 0.35) {
      legal = faith;
      other = familyName;
      middle = null;
    } else other = faith;
  }
  if ((h === 'pakistani' || h === 'bangladeshi') && sex === 'M' && /^(Mohammed|Muhammad|Abdul)$/.test(forename)) {
    // known by the second name: Mohammed Imran Hussain is "Imran" to most
    middle = forenameFor(rand, h, 'M', age);
    if (middle === forename) middle = 'Imran';
    knownAs = middle;
  }
  if (h === 'bangladeshi' && sex === 'F' && relation !== 'partner' && rand() < 0.4) {
    legal = pick(rand, ['Begum', 'Khatun']);
    other = surname;
  }
  if (h === 'nigerian' && rand() < 0.5) knownAs = pick(rand, sex === 'M' ? ['David', 'Samuel', 'Michael', 'John'] : ['Grace', 'Mary', 'Esther', 'Joy']);
  const dob = dobAt(rand, age);
  return {
    id: b.next(),
    heritage: h,
    sex,
    dob,
    forename,
    middle,
    surname: legal,
    otherSurname: other,
    knownAs,
    nhs: nhsNumber(rand),
    mobile: ageOn(dob, TAKEN) >= 14 && rand() < 0.85 ? `07${between(rand, 100, 999)} ${pad(between(rand, 0, 999_999), 6)}` : null,
    nino: ageOn(dob, TAKEN) >= 16 ? ninoFor(rand) : null,
    upn: ageOn(dob, TAKEN) <= 18 ? upnFor(rand) : null,
    relation,
    household: hh.id,
    before: null,
  };
}

const childAges = (rand: Rand, motherAge: number, n: number, maxAge = 17): number[] => {
  const ages: number[] = [];
  const oldest = Math.min(maxAge, motherAge - between(rand, 17, 24));
  let a = oldest;
  for (let i = 0; i < n && a >= 0; i++) {
    ages.push(a);
    if (rand() < 0.02) continue; // twins
    a -= between(rand, 1, 4);
  }
  return ages;
};

function family(b: Builder, hh: Household, kind: Kind): void {
  const { rand } = b;
  const h = hh.heritage;
  const pool = POOLS[h];
  const southAsian = h === 'pakistani' || h === 'bangladeshi';
  const family = surnameOf(rand, pool.surnames);
  const add = (p: Person): Person => (hh.members.push(p), p);
  const wifeSurname = (husband: string): { surname: string; other: string | null; maiden: string } => {
    const maiden = surnameOf(rand, pool.surnames);
    if (southAsian && rand() < 0.55) return { surname: pick(rand, WIFE_SURNAMES[h] as readonly string[]), other: husband, maiden };
    if (h === 'nigerian' || h === 'polish' || h === 'lithuanian' || h === 'romanian' || h === 'sikh' || rand() < 0.85) return { surname: husband, other: null, maiden };
    return { surname: maiden, other: null, maiden }; // kept her own name
  };
  const couple = (manAge: number, womanAge: number, married: boolean): [Person, Person] => {
    const man = add(makeMember(b, hh, 'M', manAge, 'head', family));
    let woman: Person;
    if (married) {
      const w = wifeSurname(family);
      woman = add(makeMember(b, hh, 'F', womanAge, 'partner', w.surname, { married: true }));
      // a husband's surname some agencies use for her, or the maiden name others still hold
      if (w.other) woman.otherSurname = w.other;
      else if (h !== 'sikh' && w.surname !== w.maiden && rand() < 0.5) woman.otherSurname = gendered(h, w.maiden, 'F', false);
    } else woman = add(makeMember(b, hh, 'F', womanAge, 'partner', surnameOf(rand, pool.surnames)));
    // a woman is the named head about half the time outside South Asian families
    if (!southAsian && rand() < 0.4) {
      man.relation = 'partner';
      woman.relation = 'head';
      hh.members.reverse();
    }
    return [man, woman];
  };
  const kids = (ages: number[], relation: Relation, surnameOf: (sex: 'M' | 'F', i: number) => string): void => {
    ages.forEach((age, i) => {
      const sex = rand() < 0.51 ? 'M' : 'F';
      add(makeMember(b, hh, sex, age, relation, surnameOf(sex, i)));
    });
  };
  const kidCount = (): number => (southAsian ? between(rand, 1, 5) : weighted(rand, [[1, 0.35], [2, 0.38], [3, 0.17], [4, 0.07], [5, 0.03]]));
  switch (kind) {
    case 'single':
      add(makeMember(b, hh, rand() < 0.55 ? 'M' : 'F', between(rand, 18, 64), 'head', family));
      break;
    case 'pensioner':
      add(makeMember(b, hh, rand() < 0.35 ? 'M' : 'F', between(rand, 66, 94), 'head', family));
      break;
    case 'pensioner couple': {
      const a = between(rand, 66, 88);
      couple(a, a - between(rand, -3, 6), true);
      break;
    }
    case 'couple': {
      const a = between(rand, 19, 64);
      couple(a, Math.max(18, a - between(rand, -4, 8)), rand() < 0.5);
      break;
    }
    case 'married family':
    case 'grown-up children': {
      const mum = between(rand, kind === 'grown-up children' ? 40 : 22, kind === 'grown-up children' ? 62 : 50);
      const [man] = couple(mum + between(rand, -2, 8), mum, true);
      const maxAge = kind === 'grown-up children' ? 30 : 17;
      const ages = childAges(rand, mum, kind === 'grown-up children' ? between(rand, 1, 4) : kidCount(), maxAge);
      if (kind === 'grown-up children' && (ages[0] ?? 0) < 18) ages[0] = between(rand, 18, Math.min(30, mum - 18));
      kids(ages, 'child', () => man.surname);
      for (const p of hh.members) if (p.relation === 'child' && ageOn(p.dob, TAKEN) >= 18) p.relation = 'adult child';
      break;
    }
    case 'cohabiting family': {
      const mum = between(rand, 19, 45);
      const [man, woman] = couple(mum + between(rand, -2, 7), mum, false);
      const style = rand();
      kids(childAges(rand, mum, kidCount()), 'child', () => (style < 0.55 ? man.surname : style < 0.8 ? woman.surname : `${woman.surname}-${man.surname}`));
      break;
    }
    case 'lone mother':
    case 'lone father': {
      const female = kind === 'lone mother';
      const age = between(rand, 17, 52);
      const parent = add(makeMember(b, hh, female ? 'F' : 'M', age, 'head', family));
      const father = surnameOf(rand, pool.surnames);
      // some keep an ex-husband's name; children carry their father's or the mother's
      const fromDad = rand() < 0.45;
      const second = rand() < 0.25 ? surnameOf(rand, POOLS.british.surnames) : null;
      kids(childAges(rand, female ? age : age - between(rand, 0, 6), kidCount()), 'child', (_s, i) => (!female ? parent.surname : second && i > 0 ? second : fromDad ? father : parent.surname));
      break;
    }
    case 'step family': {
      const mum = between(rand, 24, 46);
      const ex = surnameOf(rand, pool.surnames);
      const partnerSurname = surnameOf(rand, POOLS.british.surnames);
      const mother = add(makeMember(b, hh, 'F', mum, 'head', rand() < 0.4 ? ex : family));
      const partner = add(makeMember(b, hh, 'M', mum + between(rand, -3, 8), 'partner', partnerSurname));
      const married = rand() < 0.35;
      if (married) {
        mother.otherSurname = mother.surname;
        mother.surname = partner.surname;
      }
      const older = childAges(rand, mum, between(rand, 1, 3));
      kids(older, 'stepchild', () => ex);
      const joint = between(rand, 0, 2);
      const young = Array.from({ length: joint }, () => between(rand, 0, Math.max(0, Math.min(6, (older.at(-1) ?? 6) - 1))));
      const hyphen = rand() < 0.25;
      kids(young, 'child', () => (hyphen ? `${family}-${partner.surname}` : partner.surname));
      if (rand() < 0.5) {
        mother.relation = 'partner';
        partner.relation = 'head';
      }
      break;
    }
    case 'three generations': {
      const gran = between(rand, 58, 85);
      const grandparents = rand() < 0.5 ? couple(gran + between(rand, 0, 6), gran, true) : [add(makeMember(b, hh, 'F', gran, 'head', family))];
      for (const g of grandparents) g.relation = 'parent';
      const middleAge = Math.max(19, gran - between(rand, 20, 32));
      // the adult son (with his wife) or a daughter (alone) is the head now
      const son = rand() < (southAsian ? 0.8 : 0.4);
      const surname = (grandparents[0] as Person).sex === 'M' ? (grandparents[0] as Person).surname : family;
      if (son) {
        const s = add(makeMember(b, hh, 'M', middleAge, 'head', surname));
        let w: Person | null = null;
        if (rand() < 0.8) {
          const ws = wifeSurname(s.surname);
          w = add(makeMember(b, hh, 'F', middleAge - between(rand, 0, 6), 'partner', ws.surname, { married: true }));
          if (ws.other) w.otherSurname = ws.other;
        }
        kids(childAges(rand, w ? ageOn(w.dob, TAKEN) : middleAge, kidCount()), 'grandchild', () => s.surname);
      } else {
        const d = add(makeMember(b, hh, 'F', middleAge, 'head', surname));
        const dad = rand() < 0.5 ? surnameOf(rand, pool.surnames) : d.surname;
        kids(childAges(rand, middleAge, kidCount()), 'grandchild', () => dad);
      }
      break;
    }
  }
}

function homeFits(home: Home, size: number): boolean {
  if (home.kind === 'room') return size === 1;
  if (home.kind === 'block' || home.kind === 'converted' || home.kind === 'over-shop') return size <= 5;
  return true;
}

/** `count` households (plus newcomers to re-let homes and grown-up children who left home). */
export function makeBorough(count: number, seed: number): Borough {
  const rand = seeded(seed * 104_729 + 11);
  const homes = makeHomes(rand, Math.ceil(count * 1.12));
  let personN = 0;
  let householdN = 0;
  const b: Builder = { rand, next: () => `HP${pad(++personN, 7)}` };
  const households: Household[] = [];
  const newHousehold = (heritage: Heritage, kind: Kind): Household => {
    const hh: Household = { id: `HH${pad(++householdN, 6)}`, heritage, members: [], stays: [] };
    family(b, hh, kind);
    households.push(hh);
    return hh;
  };
  const kindFor = (heritage: Heritage): Kind => weighted(rand, KIND_WEIGHTS[heritage === 'pakistani' || heritage === 'bangladeshi' || heritage === 'sikh' ? 'south asian' : 'other']);
  const vacant: Home[] = [];
  const stayAt = (hh: Household, home: Home, from: string): Stay => {
    const stay: Stay = { home, from, to: null, tenancy: null, tenancyStart: null };
    hh.stays.push(stay);
    return stay;
  };
  // homes filled in a shuffled order; an estate or a street's neighbours share heritage more than chance
  const order = homes.map((h) => h.id).sort(() => rand() - 0.5);
  let streetHeritage = new Map<string, Heritage>();
  for (const id of order) {
    const home = homes[id] as Home;
    if (households.length >= count) {
      vacant.push(home);
      continue;
    }
    const local = streetHeritage.get(home.street);
    const heritage = local && rand() < 0.45 ? local : weighted(rand, HERITAGE_MIX);
    if (!local) streetHeritage.set(home.street, heritage);
    let kind = kindFor(heritage);
    if (home.kind === 'room') kind = 'single';
    let hh = newHousehold(heritage, kind);
    for (let tries = 0; !homeFits(home, hh.members.length) && tries < 3; tries++) {
      households.pop();
      hh = newHousehold(heritage, kindFor(heritage));
    }
    // in the home since some day after the eldest came of age
    const eldest = hh.members.reduce((a, m) => (m.dob < a ? m.dob : a), TAKEN);
    const grownUp = addDays(eldest, 18 * 366 + between(rand, 0, 2000));
    const since = addDays(FROM, -between(rand, 30, 9000));
    stayAt(hh, home, since > grownUp ? since : grownUp < FROM ? grownUp : addDays(FROM, -between(rand, 30, 400)));
  }
  streetHeritage = new Map();
  const yearDays = Math.round((Date.parse(TO) - Date.parse(FROM)) / 86_400_000);
  const dayInYear = (lo = 0, hi = yearDays): string => addDays(FROM, between(rand, lo, hi));
  const settled = households.slice();
  // moves: a household moves to a vacant home; its old home is re-let to newcomers some weeks later
  for (const hh of settled) {
    if (rand() > 0.075 || vacant.length === 0) continue;
    const size = hh.members.length;
    const i = vacant.findIndex((h) => homeFits(h, size));
    if (i < 0) continue;
    const [to] = vacant.splice(i, 1) as [Home];
    const day = dayInYear(10, yearDays - 20);
    const last = hh.stays.at(-1) as Stay;
    last.to = addDays(day, -1);
    stayAt(hh, to, day);
    if (rand() < 0.65) {
      const relet = addDays(day, between(rand, 7, 100));
      if (relet < TO) {
        const heritage = weighted(rand, HERITAGE_MIX);
        const newcomers = newHousehold(heritage, last.home.kind === 'room' ? 'single' : kindFor(heritage));
        stayAt(newcomers, last.home, relet);
      } else vacant.push(last.home);
    } else vacant.push(last.home);
  }
  // grown-up children leave home for a place of their own
  for (const hh of settled) {
    const leaver = hh.members.find((p) => p.relation === 'adult child' && ageOn(p.dob, TAKEN) >= 19);
    if (!leaver || rand() > 0.18 || vacant.length === 0) continue;
    const i = vacant.findIndex((h) => h.kind !== 'house' || rand() < 0.2);
    if (i < 0) continue;
    const [to] = vacant.splice(i, 1) as [Home];
    const day = dayInYear(20, yearDays - 10);
    const own: Household = { id: `HH${pad(++householdN, 6)}`, heritage: hh.heritage, members: [leaver], stays: [] };
    households.push(own);
    leaver.before = { household: hh, until: addDays(day, -1) };
    leaver.household = own.id;
    leaver.relation = 'head';
    stayAt(own, to, day);
  }
  // lodgers: a single adult renting a room in a family's house, a household of their own
  for (const hh of settled) {
    const home = (hh.stays[0] as Stay).home;
    if (home.kind !== 'house' || hh.stays.length > 1 || rand() > 0.02) continue;
    const heritage = weighted(rand, HERITAGE_MIX);
    const lodger = newHousehold(heritage, 'single');
    (lodger.members[0] as Person).relation = 'lodger';
    stayAt(lodger, home, addDays(FROM, -between(rand, 30, 900)));
  }
  // council tenancies: one per stay at a social home
  let tenancy = 88_000 + between(rand, 0, 999);
  for (const hh of households)
    for (const stay of hh.stays) {
      if (!stay.home.social || (hh.members[0] as Person).relation === 'lodger') continue;
      stay.tenancy = `${pick(rand, ['TEN', 'T'])}${pad(tenancy++, 7)}`;
      stay.tenancyStart = stay.from;
    }
  return { households, people: [...new Set(households.flatMap((h) => h.members))], homes };
}

/** Where a person lived on a day (null before they came to the borough). */
export function placeOn(p: Person, households: ReadonlyMap<string, Household>, day: string): { household: Household; stay: Stay } | null {
  const hh = p.before && day <= p.before.until ? p.before.household : (households.get(p.household) as Household);
  const stay = hh.stays.find((s) => s.from <= day && (s.to === null || s.to >= day));
  return stay ? { household: hh, stay } : null;
}

export const yearAge = (p: Person, day: string): number => ageOn(p.dob, day);
