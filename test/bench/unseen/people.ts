// A second, independent model of a borough's families for the linkage benchmarks: written from
// scratch (not from electron/engine/demo) so that the engine is measured on data shaped by
// someone else's idea of UK households and partner systems. Seeded and deterministic.
//
// This file makes the people, homes and moves; extracts.ts writes what each agency would hold.

export type Rand = () => number;

/** xoshiro128** seeded by splitmix32: a different generator from the demo's on purpose. */
export function seeded(seed: number): Rand {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const r = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r / 4294967296;
  };
}
const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

export const pick = <T>(rand: Rand, xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
export const between = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
/** Zipf-ish pick: early entries are far commoner, as surnames are. */
export const pickSkewed = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(xs.length * rand() ** 1.3))] as T;

// ---------------------------------------------------------------------------------------------
// Names, as a northern English borough's registers hold them.

const BOYS = [
  'Oliver', 'Harry', 'Jack', 'George', 'Noah', 'Charlie', 'Jacob', 'Alfie', 'Freddie', 'Oscar', 'Leo', 'Logan', 'Archie', 'Theo',
  'Thomas', 'James', 'Joshua', 'William', 'Daniel', 'Samuel', 'Joseph', 'Mohammed', 'Muhammad', 'Ibrahim', 'Yusuf', 'Ali', 'Hamza',
  'Ayaan', 'Zain', 'Bilal', 'Adam', 'Kacper', 'Jakub', 'Filip', 'Mateusz', 'Luca', 'Kai', 'Riley', 'Tyler', 'Connor', 'Callum',
  'Kieran', 'Liam', 'Ryan', 'Jordan', 'Reece', 'Bradley', 'Dylan', 'Ethan', 'Mason', 'Lewis', 'Robert', 'Michael', 'David', 'Paul',
  'Mark', 'Stephen', 'Andrew', 'Christopher', 'Anthony', 'Richard', 'Peter', 'John', 'Gary', 'Darren', 'Wayne', 'Lee', 'Craig',
  'Dean', 'Shaun', 'Imran', 'Tariq', 'Asif', 'Kamran', 'Nasir', 'Alexander', 'Benjamin', 'Matthew', 'Edward', 'Nathan',
] as const;
const GIRLS = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Isabella', 'Sophia', 'Grace', 'Freya', 'Poppy', 'Ella', 'Evie', 'Ruby',
  'Emily', 'Jessica', 'Chloe', 'Megan', 'Hannah', 'Lauren', 'Bethany', 'Aisha', 'Ayesha', 'Fatima', 'Maryam', 'Zara', 'Hafsa',
  'Amira', 'Inaya', 'Zoya', 'Zuzanna', 'Julia', 'Maja', 'Oliwia', 'Lena', 'Katie', 'Kayleigh', 'Jade', 'Stacey', 'Leanne', 'Kelly',
  'Donna', 'Tracey', 'Michelle', 'Sarah', 'Rebecca', 'Rachel', 'Emma', 'Laura', 'Gemma', 'Samantha', 'Victoria', 'Katherine',
  'Elizabeth', 'Margaret', 'Susan', 'Karen', 'Julie', 'Angela', 'Nicola', 'Joanne', 'Claire', 'Louise', 'Shabana', 'Nazia',
  'Rukhsana', 'Samina', 'Abigail', 'Charlotte', 'Sophie', 'Eleanor', 'Jennifer', 'Deborah', 'Patricia', 'Christine',
] as const;
export const SURNAMES = [
  'Smith', 'Jones', 'Khan', 'Hussain', 'Taylor', 'Brown', 'Wilson', 'Ahmed', 'Walker', 'Wright', 'Robinson', 'Thompson', 'Ali',
  'Shaw', 'Wood', 'Hall', 'Green', 'Clarke', 'Patel', 'Jackson', 'Lee', 'Turner', 'Hill', 'Evans', 'Roberts', 'Johnson', 'Lewis',
  'Harris', 'Martin', 'Cooper', 'Hughes', 'Ward', 'Mahmood', 'Akhtar', 'Begum', 'Iqbal', 'Bibi', 'Riaz', 'Rashid', 'Butt',
  'Chaudhry', 'Mirza', 'Sharma', 'Kaur', 'Singh', 'Kowalski', 'Nowak', 'Wisniewski', 'Lewandowski', 'Horvath', 'Balogh', 'Popescu',
  'Ionescu', 'Kelly', "O'Brien", 'McDonald', 'Murphy', 'Fletcher', 'Bentley', 'Sutcliffe', 'Greenwood', 'Holroyd', 'Ackroyd',
  'Barraclough', 'Haigh', 'Crowther', 'Pickles', 'Hirst', 'Firth', 'Lockwood', 'Mitchell', 'Kershaw', 'Dyson', 'Booth', 'Marsden',
  'Binns', 'Whiteley', 'Hobson', 'Ramsden', 'Schofield', 'Brook', 'Tordoff', 'Jagger', 'Illingworth', 'Stansfield', 'Lumb',
  'Sykes', 'Hey', 'Mellor', 'Wadsworth', 'Mallinson', 'Broadbent', 'Helliwell', 'Priestley', 'Rushworth', 'Townend', 'Naylor',
  'Gledhill', 'Horsfall', 'Ogden', 'Armitage', 'Redfearn', 'Exley', 'Bairstow', 'Mortimer', 'Denton', 'Ellis', 'Fox', 'Carter',
  'Morris', 'Bell', 'Pearson', 'Mills', 'Kennedy', 'Begum-Ali', 'Okafor', 'Adeyemi', 'Mensah', 'Osei', 'Mohamed', 'Abdi', 'Farah',
  'Nguyen', 'Tran', 'Stewart', 'Campbell', 'Reid', 'Scott', 'Young', 'King', 'Baker', 'Adams', 'Parker', 'Dawson', 'Holt',
] as const;

/** How a clerk or the person might shorten a name; the reverse is read too. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  William: ['Bill', 'Billy', 'Will', 'Liam'], Robert: ['Bob', 'Rob', 'Bobby'], Katherine: ['Kate', 'Katie', 'Kathy'],
  Elizabeth: ['Liz', 'Beth', 'Lizzie', 'Betty'], Margaret: ['Maggie', 'Peggy', 'Marge'], Michael: ['Mike', 'Mick'],
  Anthony: ['Tony'], Christopher: ['Chris'], Richard: ['Rick', 'Dick'], Alexander: ['Alex', 'Sandy'], Benjamin: ['Ben'],
  Matthew: ['Matt'], Edward: ['Ed', 'Ted', 'Eddie'], Samuel: ['Sam'], Daniel: ['Dan', 'Danny'], Joseph: ['Joe'],
  Thomas: ['Tom', 'Tommy'], James: ['Jim', 'Jimmy', 'Jamie'], Jennifer: ['Jenny', 'Jen'], Rebecca: ['Becky', 'Becca'],
  Samantha: ['Sam', 'Sammie'], Victoria: ['Vicky', 'Tori'], Deborah: ['Debbie'], Patricia: ['Pat', 'Trish'],
  Christine: ['Chris', 'Chrissie'], Abigail: ['Abbie'], Charlotte: ['Lottie', 'Charlie'], Eleanor: ['Ellie'], Nicola: ['Nicky'],
  Joshua: ['Josh'], Nathan: ['Nate'], Andrew: ['Andy'], Stephen: ['Steve'], David: ['Dave'], Peter: ['Pete'], Jacob: ['Jake'],
  Muhammad: ['Mohammed'], Mohammed: ['Muhammad', 'Mohammad'], Frederick: ['Fred', 'Freddie'], Susan: ['Sue'],
};

// ---------------------------------------------------------------------------------------------
// Places.

const STREET_NAMES = [
  'High', 'Church', 'Mill', 'Station', 'Park', 'Victoria', 'Albert', 'Queen', 'King', 'Manor', 'Springfield', 'Moor', 'Green',
  'Bank', 'Hollins', 'Brunswick', 'Clough', 'Lister', 'Heath', 'Woodhouse', 'Beech', 'Elm', 'Oak', 'Sycamore', 'Chapel', 'School',
  'Canal', 'Wharf', 'Fold', 'Ings', 'Carr', 'Holme', 'Lidget', 'Thornhill', 'Savile', 'Crossley', 'Akroyd', 'Pellon', 'Gibbet',
  'Range', 'Skircoat', 'Shroggs', 'Ovenden', 'Illingworth', 'Mixenden', 'Boothtown', 'Claremount', 'Beacon', 'Dean', 'Hanson',
  'Southowram', 'Northowram', 'Siddal', 'Exley', 'Elland', 'Greetland', 'Sowerby', 'Luddenden', 'Midgley', 'Warley', 'Norton',
  'Cousin', 'Haugh', 'Shay', 'Gaol', 'Horton', 'Union', 'Jubilee', 'Coronation', 'Windsor', 'Stanley', 'Gladstone', 'Cromwell',
  'Nelson', 'Wellington', 'Hebble', 'Calder', 'Ryburn', 'Copley', 'Stainland', 'Rishworth', 'Lightcliffe', 'Hipperholme',
] as const;
const STREET_TYPES: ReadonlyArray<readonly [full: string, short: string]> = [
  ['Road', 'Rd'], ['Street', 'St'], ['Lane', 'Ln'], ['Avenue', 'Ave'], ['Close', 'Cl'], ['Grove', 'Gr'], ['Terrace', 'Terr'],
  ['Drive', 'Dr'], ['Crescent', 'Cres'], ['Place', 'Pl'], ['Way', 'Way'], ['Gardens', 'Gdns'], ['Mount', 'Mt'], ['View', 'Vw'],
];
const HOUSE_NAMES = ['Rose Cottage', 'The Laurels', 'Hill Top Farm', 'Ivy House', 'The Old Vicarage', 'Fern Lea', 'Moorside', 'Holly Bank', 'Stone Croft', 'Beck House'] as const;
const BLOCK_NAMES = ['Priestley House', 'Calder Court', 'Hebble View', 'Ryburn House', 'Beacon Heights', 'Shibden Towers', 'Copley Court', 'Mill Court'] as const;
const TOWNS = ['Halifax', 'Sowerby Bridge', 'Elland', 'Brighouse', 'Hebden Bridge', 'Todmorden'] as const;

export interface Home {
  id: number;
  /** sub-building: "3" of Flat 3, or "c" of 12c, or a room */
  flat: string | null;
  flatKind: 'flat' | 'letter' | 'room' | null;
  number: string | null;
  houseName: string | null;
  block: string | null;
  street: string;
  streetType: readonly [string, string];
  town: string;
  postcode: string;
  uprn: string;
}

/** Streets with their postcodes and homes; homes are handed out in order as households need them. */
export function makeHomes(rand: Rand, count: number): Home[] {
  const homes: Home[] = [];
  const usedStreets = new Set<string>();
  const usedPostcodes = new Set<string>();
  let uprn = 100_023_000_000 + Math.floor(rand() * 1_000_000);
  const newPostcode = (district: number): string => {
    for (;;) {
      const pc = `HX${district} ${between(rand, 1, 9)}${pick(rand, 'ABDEFGHJLNPQRSTUWXYZ')}${pick(rand, 'ABDEFGHJLNPQRSTUWXYZ')}`;
      if (!usedPostcodes.has(pc)) {
        usedPostcodes.add(pc);
        return pc;
      }
    }
  };
  while (homes.length < count) {
    let street: string;
    let type: readonly [string, string];
    do {
      street = pick(rand, STREET_NAMES);
      type = pick(rand, STREET_TYPES);
    } while (usedStreets.has(`${street} ${type[0]}`) && usedStreets.size < STREET_NAMES.length * STREET_TYPES.length - 5);
    usedStreets.add(`${street} ${type[0]}`);
    const town = pick(rand, TOWNS);
    const district = between(rand, 1, 7);
    // a street's homes share postcodes in runs of about fifteen
    let postcode = newPostcode(district);
    let onPostcode = 0;
    const length = between(rand, 20, 80);
    let n = 1;
    for (let k = 0; k < length && homes.length < count; ) {
      if (onPostcode > between(rand, 10, 22)) {
        postcode = newPostcode(district);
        onPostcode = 0;
      }
      const kind = rand();
      const base = { street, streetType: type, town, postcode, houseName: null, block: null } as const;
      if (kind < 0.1) {
        // a block of flats on the street: its own number, flats 1..m
        const flats = between(rand, 4, 24);
        const block = rand() < 0.5 ? pick(rand, BLOCK_NAMES) : null;
        for (let f = 1; f <= flats && homes.length < count; f++) homes.push({ ...base, id: homes.length, flat: String(f), flatKind: 'flat', number: String(n), block, uprn: String(uprn++) });
        k += flats;
        onPostcode += Math.ceil(flats / 2);
      } else if (kind < 0.16) {
        // a house converted into lettered flats: 12a, 12b, 12c
        const parts = between(rand, 2, 4);
        for (let f = 0; f < parts && homes.length < count; f++) homes.push({ ...base, id: homes.length, flat: 'abcd'[f] as string, flatKind: 'letter', number: String(n), uprn: String(uprn++) });
        k += parts;
        onPostcode += parts;
      } else if (kind < 0.19) {
        homes.push({ ...base, id: homes.length, flat: null, flatKind: null, number: null, houseName: pick(rand, HOUSE_NAMES), uprn: String(uprn++) });
        k++;
        onPostcode++;
      } else {
        homes.push({ ...base, id: homes.length, flat: null, flatKind: null, number: String(n), uprn: String(uprn++) });
        k++;
        onPostcode++;
      }
      n += rand() < 0.8 ? 2 : 1;
    }
  }
  return homes;
}

// ---------------------------------------------------------------------------------------------
// People and households.

export type Sex = 'M' | 'F';

export interface Person {
  id: string;
  forename: string;
  middle: string | null;
  surname: string;
  /** a surname used before marriage, which some agencies still hold */
  birthSurname: string | null;
  sex: Sex;
  dob: string;
  nino: string | null;
  nhs: string;
  upn: string | null;
  /** "Jr" for a son named after his father; "Snr" for that father */
  suffix: 'Jr' | 'Snr' | null;
  household: string;
  role: 'adult' | 'child' | 'lodger';
}

/** Where a household lived over the year: one home, or two with the day they moved. */
export interface Stay {
  home: Home;
  from: string;
  to: string | null;
}

export interface Household {
  id: string;
  /** what sort of household the model made (for classifying errors, never read by the engine) */
  kind: string;
  members: Person[];
  stays: Stay[];
  social: boolean;
  tenancyStart: string;
}

export const YEAR_START = '2024-04-01';
export const YEAR_END = '2025-03-31';
export const EXTRACT_DATE = '2025-04-14';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
export const isoOf = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
export const addDays = (iso: string, days: number): string => isoOf(new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000));
export const ageOn = (dob: string, on: string): number => {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const [Y, M, D] = on.split('-').map(Number) as [number, number, number];
  return Y - y - (M < m || (M === m && D < d) ? 1 : 0);
};
function dobAged(rand: Rand, age: number): string {
  return addDays(YEAR_END, -(age * 365.25 + Math.floor(rand() * 365)));
}

/** A valid-looking NINO (two letters, six digits, A–D). */
function nino(rand: Rand): string {
  const first = 'ABCEGHJKLMNOPRSTWXYZ';
  const second = 'ABCEGHJKLMNPRSTWXYZ';
  let digits = '';
  for (let i = 0; i < 6; i++) digits += String(Math.floor(rand() * 10));
  return `${pick(rand, first)}${pick(rand, second)}${digits}${pick(rand, 'ABCD')}`;
}
/** An NHS number with a valid modulus 11 check digit. */
function nhsNumber(rand: Rand): string {
  for (;;) {
    const d = [between(rand, 4, 7), ...Array.from({ length: 8 }, () => Math.floor(rand() * 10))];
    const sum = d.reduce((s, x, i) => s + x * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return [...d, check === 11 ? 0 : check].join('');
  }
}
/** A UPN: a letter, LA code 381, school digits, with the DfE check letter first. */
function upn(rand: Rand): string {
  const body = `381${between(rand, 1000, 9999)}${pad(between(rand, 10, 99))}${between(rand, 100, 999)}`;
  const letters = 'ABCDEFGHJKLMNPQRTUVWXYZ';
  const sum = body.split('').reduce((s, c, i) => s + Number(c) * (i + 2), 0);
  return `${letters[sum % 23]}${body}`;
}

/** A person of the borough: `n` numbers them (U0000001…), `age` is at the year's end. */
export function makePerson(rand: Rand, n: number, household: string, sex: Sex, age: number, surname: string, role: Person['role']): Person {
  const forename = sex === 'M' ? pick(rand, BOYS) : pick(rand, GIRLS);
  const dob = dobAged(rand, age);
  return {
    id: `U${pad(n, 7)}`,
    forename,
    middle: rand() < 0.35 ? (sex === 'M' ? pick(rand, BOYS) : pick(rand, GIRLS)) : null,
    surname,
    birthSurname: null,
    sex,
    dob,
    nino: age >= 16 ? nino(rand) : null,
    nhs: nhsNumber(rand),
    upn: age >= 3 && age <= 17 ? upn(rand) : null,
    suffix: null,
    household,
    role,
  };
}

export interface Borough {
  households: Household[];
  homes: Home[];
}

/** Builds `count` households (plus the newcomers who take over vacated homes) in one borough. */
export function makeBorough(count: number, seed: number): Borough {
  const rand = seeded(seed);
  const homes = makeHomes(rand, Math.ceil(count * 1.25));
  let nextHome = 0;
  const freeHome = (): Home => homes[nextHome++ % homes.length] as Home;
  // families who move go to a home anywhere in the borough (drawn from the homes no one starts in)
  const spare = homes.slice(Math.floor(count * 1.08));
  const movedTo = (): Home => {
    if (spare.length === 0) return freeHome();
    const k = Math.floor(rand() * spare.length);
    const [home] = spare.splice(k, 1);
    return home as Home;
  };
  let pid = 0;
  const households: Household[] = [];
  const newPerson = (h: string, sex: Sex, age: number, surname: string, role: Person['role']): Person => makePerson(rand, ++pid, h, sex, age, surname, role);
  const children = (h: string, motherAge: number, surname: string, n: number): Person[] => {
    const out: Person[] = [];
    for (let i = 0; i < n; i++) {
      const age = Math.max(0, Math.min(17, motherAge - between(rand, 18, 40)));
      out.push(newPerson(h, rand() < 0.5 ? 'M' : 'F', age, surname, 'child'));
    }
    if (out.length > 0 && rand() < 0.03) {
      // twins: one birthday, different first names
      const twin = newPerson(h, rand() < 0.5 ? 'M' : 'F', 0, surname, 'child');
      twin.dob = (out[0] as Person).dob;
      if (twin.forename === (out[0] as Person).forename) twin.forename = twin.sex === 'M' ? 'Adam' : 'Ava';
      out.push(twin);
    }
    return out;
  };
  const KINDS = ['couple+children', 'lone parent', 'step-family', 'single', 'couple', 'three generations', 'adult children', 'pensioner'];
  const kindName = (k: number): string => KINDS[[0.3, 0.5, 0.57, 0.72, 0.81, 0.86, 0.93, 2].findIndex((t) => k < t)] as string;
  const build = (id: string, kind: number): Person[] => {
    const surname = pickSkewed(rand, SURNAMES);
    const members: Person[] = [];
    if (kind < 0.3) {
      // a couple with children; most mothers took the father's surname
      const dadAge = between(rand, 24, 55);
      const dad = newPerson(id, 'M', dadAge, surname, 'adult');
      const married = rand() < 0.65;
      const mum = newPerson(id, 'F', Math.max(19, dadAge - between(rand, -3, 6)), married ? surname : pickSkewed(rand, SURNAMES), 'adult');
      if (married) mum.birthSurname = pickSkewed(rand, SURNAMES);
      const kids = children(id, ageOn(mum.dob, YEAR_END), rand() < 0.1 && !married ? `${mum.surname}-${surname}` : surname, between(rand, 1, 4));
      const son = kids.find((k) => k.sex === 'M');
      if (son && rand() < 0.08) {
        son.forename = dad.forename;
        son.suffix = 'Jr';
        dad.suffix = 'Snr';
        if (rand() < 0.5) son.middle = dad.middle;
      }
      members.push(dad, mum, ...kids);
    } else if (kind < 0.5) {
      // a lone parent; some children carry their absent father's surname
      const mother = rand() < 0.9;
      const parentAge = between(rand, 19, 52);
      const parent = newPerson(id, mother ? 'F' : 'M', parentAge, surname, 'adult');
      const kidsSurname = rand() < 0.3 ? pickSkewed(rand, SURNAMES) : surname;
      members.push(parent, ...children(id, parentAge, kidsSurname, between(rand, 1, 4)));
    } else if (kind < 0.57) {
      // a step-family: the mother's children by an earlier partner, her new partner, maybe theirs
      const mumAge = between(rand, 24, 48);
      const mum = newPerson(id, 'F', mumAge, surname, 'adult');
      const partner = newPerson(id, 'M', mumAge + between(rand, -4, 8), pickSkewed(rand, SURNAMES), 'adult');
      const older = children(id, mumAge, rand() < 0.5 ? surname : pickSkewed(rand, SURNAMES), between(rand, 1, 3));
      const younger = rand() < 0.4 ? [newPerson(id, rand() < 0.5 ? 'M' : 'F', between(rand, 0, 4), partner.surname, 'child')] : [];
      members.push(mum, partner, ...older, ...younger);
    } else if (kind < 0.72) {
      members.push(newPerson(id, rand() < 0.5 ? 'M' : 'F', between(rand, 18, 90), surname, 'adult'));
    } else if (kind < 0.81) {
      const age = between(rand, 20, 88);
      const a = newPerson(id, 'M', age, surname, 'adult');
      const b = newPerson(id, 'F', Math.max(18, age - between(rand, -4, 6)), rand() < 0.7 ? surname : pickSkewed(rand, SURNAMES), 'adult');
      if (b.surname === surname) b.birthSurname = pickSkewed(rand, SURNAMES);
      members.push(a, b);
    } else if (kind < 0.86) {
      // three generations: a grandmother (maybe grandfather), her daughter or son, the children
      const gAge = between(rand, 58, 82);
      const gran = newPerson(id, 'F', gAge, surname, 'adult');
      members.push(gran);
      if (rand() < 0.5) members.push(newPerson(id, 'M', gAge + between(rand, 0, 5), surname, 'adult'));
      const daughter = rand() < 0.6;
      const midAge = Math.max(20, gAge - between(rand, 20, 35));
      const mid = newPerson(id, daughter ? 'F' : 'M', midAge, surname, 'adult');
      members.push(mid, ...children(id, midAge, daughter && rand() < 0.4 ? pickSkewed(rand, SURNAMES) : surname, between(rand, 1, 3)));
    } else if (kind < 0.93) {
      // parents with grown-up children still at home
      const dadAge = between(rand, 44, 64);
      const dad = newPerson(id, 'M', dadAge, surname, 'adult');
      const mum = newPerson(id, 'F', dadAge - between(rand, -2, 5), surname, 'adult');
      mum.birthSurname = pickSkewed(rand, SURNAMES);
      const n = between(rand, 1, 3);
      for (let i = 0; i < n; i++) members.push(newPerson(id, rand() < 0.5 ? 'M' : 'F', between(rand, 18, Math.min(32, ageOn(mum.dob, YEAR_END) - 18)), surname, 'adult'));
      if (rand() < 0.4) members.push(...children(id, ageOn(mum.dob, YEAR_END), surname, 1));
      const son = members.find((m) => m.sex === 'M' && m !== dad);
      if (son && rand() < 0.1) {
        son.forename = dad.forename;
        son.suffix = 'Jr';
        dad.suffix = 'Snr';
      }
      members.unshift(dad, mum);
    } else {
      members.push(newPerson(id, rand() < 0.5 ? 'M' : 'F', between(rand, 66, 95), surname, 'adult'));
    }
    return members;
  };

  const successors: Array<{ home: Home; from: string }> = [];
  for (let i = 0; i < count; i++) {
    const id = `UH${pad(i + 1, 6)}`;
    const kind = rand();
    if (kind > 0.965) {
      // a house in multiple occupation: three to five lodgers, each their own household
      const home = freeHome();
      const lodgers = between(rand, 3, 5);
      const rooms = rand() < 0.5;
      for (let l = 0; l < lodgers && i < count; l++, i++) {
        const lid = `UH${pad(i + 1, 6)}`;
        const p = newPerson(lid, rand() < 0.7 ? 'M' : 'F', between(rand, 19, 60), pickSkewed(rand, SURNAMES), 'lodger');
        // rooms are numbered in a house; a flat let to lodgers keeps its own flat number
        const room: Home = rooms && home.flatKind === null ? { ...home, flat: String(l + 1), flatKind: 'room' } : home;
        households.push({ id: lid, kind: 'lodger', members: [p], stays: [{ home: room, from: YEAR_START, to: null }], social: false, tenancyStart: addDays(YEAR_START, -between(rand, 30, 1500)) });
      }
      i--;
      continue;
    }
    const members = build(id, kind);
    const social = rand() < 0.32;
    const home = freeHome();
    const h: Household = { id, kind: kindName(kind), members, stays: [{ home, from: YEAR_START, to: null }], social, tenancyStart: addDays(YEAR_START, -between(rand, 60, 5000)) };
    if (rand() < 0.07) {
      // moved within the borough during the year; the old home is re-let to a newcomer half the time
      const moved = addDays(YEAR_START, between(rand, 40, 320));
      (h.stays[0] as Stay).to = moved;
      h.stays.push({ home: movedTo(), from: moved, to: null });
      h.kind = `moved ${h.kind}`;
      if (rand() < 0.5) successors.push({ home, from: addDays(moved, between(rand, 14, 60)) });
    }
    households.push(h);
  }
  for (const s of successors) {
    if (s.from > YEAR_END) continue;
    const id = `UH${pad(households.length + 1, 6)}`;
    const k = rand() * 0.93;
    households.push({ id, kind: `successor ${kindName(k)}`, members: build(id, k), stays: [{ home: s.home, from: s.from, to: null }], social: true, tenancyStart: s.from });
  }
  // a grown-up child who left home during the year for a flat of their own: a new household
  for (const h of households.slice(0, count)) {
    const grown = h.members.find((m) => m.role === 'adult' && h.members.indexOf(m) >= 2 && ageOn(m.dob, YEAR_END) <= 32);
    if (!grown || rand() > 0.12 || h.stays.length > 1) continue;
    const left = addDays(YEAR_START, between(rand, 60, 300));
    const id = `UH${pad(households.length + 1, 6)}`;
    h.members.splice(h.members.indexOf(grown), 1);
    grown.household = id;
    households.push({ id, kind: 'left home', members: [grown], stays: [{ home: (h.stays[0] as Stay).home, from: YEAR_START, to: left }, { home: movedTo(), from: left, to: null }], social: rand() < 0.5, tenancyStart: left });
  }
  return { households, homes };
}

/** Where a household lived on a day. */
export function homeOn(h: Household, day: string): Home {
  for (const s of h.stays) if (day >= s.from && (s.to === null || day < s.to)) return s.home;
  const first = h.stays[0] as Stay;
  return (day < first.from ? first : (h.stays.at(-1) as Stay)).home;
}
