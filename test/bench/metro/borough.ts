// People and households of the metro borough over one year: families on estates and streets,
// sharers and single people in rooms, homeless families in hostels and bed and breakfasts (often
// several unrelated families in one building for months), lodger families in overcrowded homes,
// re-lets, grown-up children and separated partners leaving, partners moving in.
import { Homes, type Home, type HomeKind } from './homes.js';
import { HERITAGES, adultName, childName, marry, writings, type Heritage, type NameCore, type Sex, type Written } from './names.js';
import { TAKEN, YEAR_END, YEAR_START, ageAt, day, random, type Random } from './random.js';

export type Kind = 'single' | 'couple' | 'family' | 'lone-parent' | 'step-family' | 'three-generations' | 'sharers' | 'pensioners' | 'lodger-family' | 'temporary-accommodation';

/** Where someone lived from a day: a home, "care of" someone else's, or no fixed abode. */
export interface Stay {
  from: number;
  home: Home | null;
  careOf?: boolean;
}

export interface Person {
  id: string;
  household: Household;
  relation: string;
  sex: Sex;
  dob: number;
  name: NameCore;
  /** the way their documents write the name (index into writings) */
  legal: number;
  /** the name before a change in the year (marriage, deed poll), and the day it changed */
  formerly?: { name: NameCore; until: number };
  nhs: string;
  nino: string;
  upn: string;
  phone: string;
  stays: Stay[];
  mother?: Person;
  father?: Person;
  /** the household they left in the year */
  leftFrom?: Household;
}

export interface Household {
  id: string;
  kind: Kind;
  heritage: Heritage;
  members: Person[];
  stays: Stay[];
  /** temporary accommodation: the day they were placed, the kind of place and the day it ended */
  placement?: { from: number; to?: number; type: string; home: Home; before: Stay };
  lowIncome: boolean;
}

export interface Borough {
  households: Household[];
  people: Person[];
}

export const stayAt = (stays: Stay[], d: number): Stay => [...stays].reverse().find((s) => s.from <= d) ?? (stays[0] as Stay);

const nhsNumber = (r: Random): string => {
  for (;;) {
    const d = Array.from({ length: 9 }, (_, i) => (i === 0 ? r.int(4, 7) : r.int(0, 9)));
    const c = 11 - (d.reduce((s, x, i) => s + x * (10 - i), 0) % 11);
    if (c === 10) continue;
    return `${d.join('')}${c === 11 ? 0 : c}`;
  }
};
const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const nino = (r: Random): string => {
  for (;;) {
    const p = `${r.pick([...NINO_FIRST])}${r.pick([...NINO_SECOND])}`;
    if (['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(p)) continue;
    return `${p}${String(r.int(0, 999_999)).padStart(6, '0')}${r.pick(['A', 'B', 'C', 'D'])}`;
  }
};
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
/** A unique pupil number: check letter, LA code, school, year of issue, serial. */
const upn = (r: Random, issued: number): string => {
  const body = `213${String(r.int(1000, 7999))}${String(issued % 100).padStart(2, '0')}${String(r.int(0, 999)).padStart(3, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * (i + 2), 0);
  return `${UPN_LETTERS[sum % 23]}${body}`;
};
const mobile = (r: Random): string => `07${r.int(3, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;

export function makeBorough(count: number, seed: number): Borough {
  const r = random(seed);
  const homes = new Homes(r);
  const households: Household[] = [];
  const people: Person[] = [];
  let hid = 0;
  let pid = 0;

  const dobFor = (lo: number, hi: number): number => {
    // an age between lo and hi years at the start of the year
    return YEAR_START - r.int(Math.round(lo * 365.25), Math.round(hi * 365.25 + 364));
  };
  const person = (hh: Household, relation: string, sex: Sex, dob: number, name: NameCore): Person => {
    const p: Person = {
      id: `M${String(++pid).padStart(6, '0')}`,
      household: hh,
      relation,
      sex,
      dob,
      name,
      legal: 0,
      nhs: nhsNumber(r),
      nino: '',
      upn: '',
      phone: '',
      stays: hh.stays,
    };
    // most documents give the first way of writing; some the others (a passport cut otherwise)
    const ways = writings(name).length;
    p.legal = r.chance(0.7) ? 0 : r.int(1, ways - 1);
    const age = ageAt(dob, TAKEN);
    if (age >= 16) {
      p.nino = nino(r);
      p.phone = mobile(r);
    }
    if (age >= 4 && age <= 16) p.upn = upn(r, Number(String(ageAt(dob, TAKEN) >= 4 ? new Date((dob + 4 * 365) * 86_400_000).getUTCFullYear() : 2026)));
    hh.members.push(p);
    people.push(p);
    return p;
  };
  const household = (kind: Kind, heritage: Heritage, home: Home | null, from = YEAR_START - r.int(60, 4000)): Household => {
    const hh: Household = { id: `H${String(++hid).padStart(5, '0')}`, kind, heritage, members: [], stays: [{ from, home }], lowIncome: false };
    households.push(hh);
    return hh;
  };
  const homeFor = (kind: Kind): HomeKind => {
    if (kind === 'single') return r.weighted<HomeKind>([['hmo', 35], ['block', 25], ['tower', 20], ['converted', 20]]);
    if (kind === 'sharers') return r.weighted<HomeKind>([['converted', 50], ['house', 20], ['tower', 30]]);
    return r.weighted<HomeKind>([['tower', 30], ['block', 30], ['house', 20], ['converted', 20]]);
  };

  /** children of a mother (and father, if named), born so she was 18–42 */
  const children = (hh: Household, mother: Person | null, father: Person | null, n: number, married: boolean, relation = 'child', maxAge = 17): Person[] => {
    const out: Person[] = [];
    const parentAge = mother ? ageAt(mother.dob, YEAR_START) : father ? ageAt(father.dob, YEAR_START) - 3 : 35;
    // one absent father for the children of one call (a second call is a second father)
    const dad = father?.name ?? adultName(r, hh.heritage, 'M');
    for (let i = 0; i < n; i++) {
      const oldest = Math.min(maxAge, parentAge - 18);
      if (oldest < 0) break;
      // a baby born during the year a tenth of the time
      const dob = r.chance(0.08) ? YEAR_START + r.int(0, YEAR_END - YEAR_START - 40) : dobFor(0, oldest);
      const sex: Sex = r.chance(0.5) ? 'F' : 'M';
      // parents do not give two of their children one forename
      let name = childName(r, hh.heritage, sex, mother?.name ?? null, dad, married);
      for (let k = 0; k < 8 && hh.members.some((m) => m.name.given[0] === name.given[0]); k++) name = childName(r, hh.heritage, sex, mother?.name ?? null, dad, married);
      const c = person(hh, relation, sex, dob, name);
      if (mother) c.mother = mother;
      if (father) c.father = father;
      out.push(c);
    }
    return out;
  };
  const couple = (hh: Household, lo: number, hi: number, marriedP: number): { woman: Person; man: Person; married: boolean } => {
    const h = hh.heritage;
    const man = person(hh, 'head', 'M', dobFor(lo + 2, hi + 2), adultName(r, h, 'M'));
    const name = adultName(r, h, 'F');
    const married = r.chance(marriedP);
    const before = married ? marry(r, name, man.name) : null;
    const woman = person(hh, 'partner', 'F', dobFor(lo, hi), name);
    // a woman is the named head in a third of couples
    if (r.chance(0.33)) {
      woman.relation = 'head';
      man.relation = 'partner';
    }
    // a marriage during the year: earlier records keep her former name
    if (before && r.chance(0.08)) woman.formerly = { name: before, until: YEAR_START + r.int(30, 330) };
    else if (before && r.chance(0.2)) woman.formerly = { name: before, until: YEAR_START - 1 };
    return { woman, man, married };
  };
  const marriedShare: Record<Heritage, number> = { british: 0.45, caribbean: 0.3, somali: 0.85, eritrean: 0.75, 'west-african': 0.75, 'turkish-kurdish': 0.85, hispanic: 0.5, lusophone: 0.5, chinese: 0.85, vietnamese: 0.85, 'east-european': 0.7 };
  const loneShare: Partial<Record<Heritage, number>> = { somali: 1.6, eritrean: 1.4, caribbean: 1.8, british: 1.2, chinese: 0.4, vietnamese: 0.6, 'turkish-kurdish': 0.6 };

  const build = (kind: Kind, heritage: Heritage, home: Home | null, from?: number): Household => {
    const hh = household(kind, heritage, home, from);
    const many = (): number => r.weighted([[1, 30], [2, 35], [3, 20], [4, 10], [5, 5]]);
    switch (kind) {
      case 'single':
        person(hh, 'head', r.chance(0.55) ? 'M' : 'F', dobFor(18, 64), adultName(r, heritage, r.chance(0.55) ? 'M' : 'F'));
        // the sex drawn twice on purpose would differ from the name's: draw once
        {
          const p = hh.members[0] as Person;
          p.name = adultName(r, heritage, p.sex);
        }
        break;
      case 'pensioners': {
        if (r.chance(0.5)) couple(hh, 66, 88, 0.9);
        else {
          const sex: Sex = r.chance(0.65) ? 'F' : 'M';
          person(hh, 'head', sex, dobFor(66, 92), adultName(r, heritage, sex));
        }
        break;
      }
      case 'couple':
        couple(hh, 20, 60, marriedShare[heritage] * 0.7);
        break;
      case 'sharers': {
        const n = r.int(2, 4);
        for (let i = 0; i < n; i++) {
          const h = r.chance(0.6) ? heritage : r.weighted(HERITAGES);
          const sex: Sex = r.chance(0.5) ? 'F' : 'M';
          person(hh, i === 0 ? 'head' : 'sharer', sex, dobFor(19, 38), adultName(r, h, sex));
        }
        break;
      }
      case 'family':
      case 'temporary-accommodation':
      case 'lodger-family': {
        if (kind !== 'family' && r.chance(0.5)) {
          const mother = person(hh, 'head', 'F', dobFor(19, 44), adultName(r, heritage, 'F'));
          children(hh, mother, null, many(), false);
          break;
        }
        const { woman, man, married } = couple(hh, 22, 46, marriedShare[heritage]);
        children(hh, woman, man, many(), married, 'child', 21);
        break;
      }
      case 'lone-parent': {
        const father = r.chance(0.12);
        const parent = person(hh, 'head', father ? 'M' : 'F', dobFor(18, 50), adultName(r, heritage, father ? 'M' : 'F'));
        // a lone mother's children may have two absent fathers
        const n = many();
        const split = n > 1 && r.chance(0.35) ? r.int(1, n - 1) : n;
        children(hh, father ? null : parent, father ? parent : null, split, false, 'child', 20);
        if (split < n) children(hh, father ? null : parent, null, n - split, false, 'child', 12);
        break;
      }
      case 'step-family': {
        const mother = person(hh, 'head', 'F', dobFor(24, 45), adultName(r, heritage, 'F'));
        children(hh, mother, null, r.int(1, 3), false, 'child', 16);
        const h2 = r.chance(0.7) ? heritage : r.weighted(HERITAGES);
        const partner = person(hh, 'partner', 'M', dobFor(24, 50), adultName(r, h2, 'M'));
        const kids = children(hh, mother, partner, r.int(0, 2), r.chance(0.4), 'child', 6);
        // the couple's children take his name where his heritage names children after fathers
        for (const k of kids) {
          k.name = childName(r, h2, k.sex, mother.name, partner.name, true);
          for (let n = 0; n < 8 && hh.members.some((m) => m !== k && m.name.given[0] === k.name.given[0]); n++) k.name = childName(r, h2, k.sex, mother.name, partner.name, true);
        }
        // a stepfather some children took the name of at school
        if (r.chance(0.2)) {
          partner.stays = [{ from: YEAR_START - 400, home: homes.take('hmo') }, { from: YEAR_START + r.int(20, 300), home }];
          partner.relation = 'partner (moved in)';
        }
        break;
      }
      case 'three-generations': {
        const gran = person(hh, 'grandparent', 'F', dobFor(58, 84), adultName(r, heritage, 'F'));
        if (r.chance(0.5)) {
          const { woman, man, married } = couple(hh, 24, 44, marriedShare[heritage]);
          // the grandmother is the man's mother, or the woman's
          if (r.chance(0.6)) {
            gran.name = { ...adultName(r, heritage, 'F'), family: heritage === 'somali' || heritage === 'eritrean' ? gran.name.family : [...man.name.family] };
            man.mother = gran;
          } else woman.mother = gran;
          children(hh, woman, man, many(), married);
        } else {
          const mother = person(hh, 'child', 'F', dobFor(18, 34), childName(r, heritage, 'F', gran.name, null, true));
          mother.mother = gran;
          children(hh, mother, null, r.int(1, 3), false, 'grandchild', 14);
        }
        break;
      }
    }
    const fixSingle = hh.members[0] as Person;
    if (kind === 'single' && fixSingle.relation !== 'head') fixSingle.relation = 'head';
    hh.lowIncome = r.chance(kind === 'temporary-accommodation' || kind === 'lone-parent' ? 0.8 : kind === 'pensioners' ? 0.45 : kind === 'lodger-family' ? 0.6 : 0.28);
    return hh;
  };

  const kinds: ReadonlyArray<readonly [Kind, number]> = [
    ['single', 22],
    ['couple', 9],
    ['family', 24],
    ['lone-parent', 15],
    ['step-family', 5],
    ['three-generations', 6],
    ['sharers', 5],
    ['pensioners', 7],
    ['temporary-accommodation', 5],
    ['lodger-family', 2],
  ];
  const families: Household[] = [];
  while (households.length < count) {
    const heritage = r.weighted(HERITAGES);
    let kind = r.weighted(kinds);
    if (kind === 'lone-parent' && !r.chance(Math.min(1, (loneShare[heritage] ?? 1) / 1.8))) kind = 'family';
    if (kind === 'lodger-family' && families.length < 10) kind = 'family';
    if (kind === 'temporary-accommodation') {
      // homeless from a home in the borough or staying with family (a "c/o" address), then placed
      const before: Stay = r.chance(0.5) ? { from: YEAR_START - r.int(200, 2000), home: homes.take(r.chance(0.5) ? 'converted' : 'house') } : { from: YEAR_START - r.int(30, 300), home: (r.pick(families).stays.at(-1) as Stay).home, careOf: true };
      const placed = YEAR_START + r.int(-200, 280);
      const type = r.weighted([['Hostel', 40], ['Bed and Breakfast', 35], ['Nightly Paid Annexe', 25]] as const);
      const place = homes.take(type === 'Bed and Breakfast' ? 'bnb' : 'hostel');
      const hh = build(kind, heritage, before.home, before.from);
      hh.stays[0] = before;
      hh.stays.push({ from: placed, home: place });
      hh.placement = { from: placed, type, home: place, before };
      // a third move on to a council flat before the year ends
      if (placed < YEAR_END - 120 && r.chance(0.35)) {
        const to = placed + r.int(60, YEAR_END - placed - 20);
        hh.placement.to = to;
        hh.stays.push({ from: to, home: homes.take(r.chance(0.5) ? 'tower' : 'block') });
      }
      continue;
    }
    if (kind === 'lodger-family') {
      // an overcrowded home: a second family lodging with one already there
      const host = r.pick(families);
      const hostStay = host.stays.at(-1) as Stay;
      const hh = build(kind, r.chance(0.7) ? host.heritage : heritage, hostStay.home, hostStay.from + r.int(0, 300));
      if (hh.members.length === 0) households.pop();
      continue;
    }
    const hh = build(kind, heritage, homes.take(homeFor(kind)));
    if (hh.members.some((m) => ageAt(m.dob, TAKEN) < 16)) families.push(hh);
  }

  /** Someone leaving their household on a day for a home of their own (or none). */
  const leave = (hh: Household, p: Person, left: number, home: Home | null, relation: string): Household => {
    const own = household('single', p.name.heritage, null, left);
    own.stays[0] = { from: left, home };
    hh.members.splice(hh.members.indexOf(p), 1);
    own.members.push(p);
    p.household = own;
    p.leftFrom = hh;
    p.relation = relation;
    p.stays = [...hh.stays.filter((s) => s.from < left), ...own.stays];
    return own;
  };

  // A year of moves: households moving on (their home re-let weeks later), grown-up children and
  // separated fathers leaving for homes of their own.
  const settled = households.filter((h) => h.kind !== 'temporary-accommodation' && h.kind !== 'lodger-family');
  for (const hh of settled) {
    const last = hh.stays.at(-1) as Stay;
    if (!last.home) continue;
    if (r.chance(0.07)) {
      const moved = YEAR_START + r.int(20, 330);
      hh.stays.push({ from: moved, home: homes.take(last.home.kind === 'hmo' ? 'hmo' : r.pick(['tower', 'block', 'house', 'converted'] as const)) });
      if (r.chance(0.7) && moved + 90 < YEAR_END) {
        const again = build(r.weighted(kinds.filter(([k]) => k !== 'temporary-accommodation' && k !== 'lodger-family')), r.weighted(HERITAGES), last.home, moved + r.int(14, 80));
        // newcomers: nothing known of them in the borough before they arrived
        again.stays[0] = { ...(again.stays[0] as Stay) };
      }
      continue;
    }
    const grown = hh.members.filter((m) => (m.relation === 'child' || m.relation === 'grandchild') && ageAt(m.dob, YEAR_START) >= 19);
    if (grown.length > 0 && r.chance(0.2)) {
      const leaver = r.pick(grown);
      const left = YEAR_START + r.int(30, 320);
      leave(hh, leaver, left, homes.take(r.chance(0.6) ? 'hmo' : 'converted'), 'head (left home)').lowIncome = r.chance(0.3);
      continue;
    }
    const dad = hh.members.find((m) => m.relation === 'head' || m.relation === 'partner');
    if (hh.kind === 'family' && dad && dad.sex === 'M' && hh.members.length > 2 && r.chance(0.04)) {
      const left = YEAR_START + r.int(30, 320);
      leave(hh, dad, left, r.chance(0.1) ? null : homes.take('hmo'), 'head (separated)');
    }
  }
  // a person's stays are their household's unless they joined or left in the year
  for (const p of people) if (p.stays === p.household.stays || p.stays.length === 0) p.stays = p.household.stays;
  return { households: households.filter((h) => h.members.length > 0), people };
}

/** The name as an agency knows it on a day: the former name before a change. */
export const nameOn = (p: Person, d: number): NameCore => (p.formerly && d < p.formerly.until ? p.formerly.name : p.name);

/** The way of writing the name a given agency uses: the legal form mostly, another sometimes. */
export function writtenBy(r: Random, p: Person, d: number, fidelity: number): Written {
  const ways = writings(nameOn(p, d));
  return (r.chance(fidelity) ? ways[Math.min(p.legal, ways.length - 1)] : r.pick(ways)) as Written;
}

export const born = (p: Person, d: number): boolean => p.dob <= d;
export { day };
