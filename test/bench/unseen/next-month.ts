// The same borough a month later: what the same six partners send as next month's extracts, for
// an analyst who imports month 1, then month 2, then links once. Next month's files hold last
// month's rows again (re-ordered, a few gone, some cells brought up to date) and the rows of what
// happened since: households moved, tenancies ended and begun, grown-up children left home,
// babies born, newcomers arrived, new A&E attendances, police occurrences, youth justice outcomes
// and benefit claims. Seeded and deterministic.
//
// Truth: a row's household is its person's household at the later as-of date, in both months'
// rows (`export clusters` writes "the person's household at the latest as-of date"): a household
// that moved keeps its ID, a grown-up child who left home this month is in their new household in
// last month's rows too.
import { join } from 'node:path';
import {
  SURNAMES, YEAR_END, addDays, ageOn, between, makeBorough, makePerson, pickSkewed, seeded,
  type Borough, type Home, type Household, type Person, type Rand, type Sex,
} from './people.js';
import { dwp, health, housing, makeExtracts, police, writeExtracts, writeTruth, youthJustice, type Cell, type Extract, type Sheet, type Window } from './extracts.js';

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/**
 * The days whose events month m's files add (m = 2: the weeks since the financial year's
 * extracts, 1 April – 12 May 2025; then a month at a time).
 */
export const monthWindow = (m: number): Window => ({ from: m === 2 ? '2025-04-01' : addDays('2025-05-13', 31 * (m - 3)), to: addDays('2025-05-12', 31 * (m - 2)) });

/** Month m's file name: the same partner's name with the month (2025-05 for m = 2), as their systems write it. */
export const monthName = (file: string, m: number): string => file.replace(/(\.[a-z]+)$/, `_2025-${pad(m + 3, 2)}$1`);
const dayIn = (rand: Rand, w: Window): string => addDays(w.from, between(rand, 0, Math.round((Date.parse(w.to) - Date.parse(w.from)) / 86_400_000)));

/** What happened in the month, for next month's extracts. */
interface Month {
  /** households that moved this month, with the home they left */
  moved: Map<string, Home>;
  /** households new to the borough, and grown-up children's new households */
  arrived: Household[];
  births: Person[];
}

/** A month of the borough's life, applied to its households (moves, leavers, births, newcomers). */
function liveAMonth(rand: Rand, hh: Household[], homes: Home[], days: Window): Month {
  const used = new Set(hh.flatMap((h) => h.stays.map((s) => s.home.id)));
  const free = homes.filter((home) => !used.has(home.id));
  const takeHome = (): Home => {
    const [home] = free.splice(Math.floor(rand() * free.length), 1);
    if (!home) throw new Error('no free home left in the borough');
    return home;
  };
  let pid = Math.max(...hh.flatMap((h) => h.members.map((m) => Number(m.id.slice(1)))));
  const newHouseholdId = (): string => `UH${pad(hh.length + 1, 6)}`;
  const month: Month = { moved: new Map(), arrived: [], births: [] };
  for (const h of hh.slice()) {
    const last = h.stays.at(-1) as Household['stays'][number];
    if (h.kind !== 'lodger' && last.from < days.from && rand() < 0.012) {
      const day = dayIn(rand, days);
      last.to = day;
      h.stays.push({ home: takeHome(), from: day, to: null });
      if (!h.kind.startsWith('moved')) h.kind = `moved ${h.kind}`;
      month.moved.set(h.id, last.home);
      continue;
    }
    const grown = h.members.find((m) => m.role === 'adult' && h.members.indexOf(m) >= 2 && ageOn(m.dob, YEAR_END) <= 32);
    if (grown && rand() < 0.01) {
      const day = dayIn(rand, days);
      const id = newHouseholdId();
      h.members.splice(h.members.indexOf(grown), 1);
      grown.household = id;
      const left: Household = { id, kind: 'left home', members: [grown], stays: [{ home: last.home, from: last.from, to: day }, { home: takeHome(), from: day, to: null }], social: rand() < 0.5, tenancyStart: day };
      hh.push(left);
      month.arrived.push(left);
      continue;
    }
    const mother = h.members.find((m) => m.sex === 'F' && m.role === 'adult' && ageOn(m.dob, YEAR_END) <= 44);
    const child = h.members.find((m) => m.role === 'child');
    if (mother && child && rand() < 0.008) {
      const baby = makePerson(rand, ++pid, h.id, rand() < 0.5 ? 'M' : 'F', 0, child.surname, 'child');
      baby.dob = dayIn(rand, { from: days.from, to: addDays(days.to, -7) });
      h.members.push(baby);
      month.births.push(baby);
    }
  }
  // newcomers to the borough: a single adult, a lone parent, or a couple with children
  const arrivals = Math.max(2, Math.round(hh.length * 0.004));
  for (let k = 0; k < arrivals; k++) {
    const id = newHouseholdId();
    const surname = pickSkewed(rand, SURNAMES);
    const kind = rand();
    const age = between(rand, 20, 45);
    const first = makePerson(rand, ++pid, id, kind < 0.7 && rand() < 0.8 ? 'F' : 'M', age, surname, 'adult');
    const members: Person[] = [first];
    if (kind >= 0.35) members.push(makePerson(rand, ++pid, id, first.sex === 'F' ? 'M' : 'F', age + between(rand, -3, 5), surname, 'adult'));
    if (kind >= 0.35 || rand() < 0.6) for (let c = between(rand, 1, 3); c > 0; c--) members.push(makePerson(rand, ++pid, id, (rand() < 0.5 ? 'M' : 'F') as Sex, Math.max(0, age - between(rand, 18, 30)), surname, 'child'));
    const day = dayIn(rand, days);
    const h: Household = { id, kind: kind < 0.35 ? 'newcomer single/lone parent' : 'newcomer couple', members, stays: [{ home: takeHome(), from: day, to: null }], social: rand() < 0.5, tenancyStart: day };
    hh.push(h);
    month.arrived.push(h);
  }
  return month;
}

function copySheet(s: Sheet): Sheet {
  return { ...s, rows: s.rows.map((r) => [...r]), truth: s.truth.map(([p, h]) => [p, h]) };
}
/** Rows kept with their truth, in a new order (another sort in the partner's system). */
function reorder(rand: Rand, s: Sheet, keep: (row: Cell[], person: string) => boolean = () => true): void {
  const pairs = s.rows.map((r, i) => [r, s.truth[i]] as const).filter(([r, t]) => keep(r, (t as [string, string])[0]));
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j] as (typeof pairs)[number], pairs[i] as (typeof pairs)[number]];
  }
  s.rows = pairs.map(([r]) => r);
  s.truth = pairs.map(([, t]) => t as [string, string]);
}
const append = (s: Sheet, more: Extract): void => {
  const m = more.sheets[0] as Sheet;
  s.rows.push(...m.rows);
  s.truth.push(...m.truth);
};

/**
 * Next month's six extracts: last month's rows again, brought up to date, and the month's new
 * rows; `k` (0 for month 2) keeps each month's new references apart.
 */
function nextExtracts(rand: Rand, last: Extract[], hh: Household[], month: Month, days: Window, k: number): Extract[] {
  const byId = new Map(hh.map((h) => [h.id, h]));
  const householdOf = new Map(hh.flatMap((h) => h.members.map((m) => [m.id, h] as const)));
  const lastMonthHouseholds = (file: string): Set<string> => new Set(last.find((e) => e.file === file)?.sheets.flatMap((s) => s.truth.map(([p]) => householdOf.get(p)?.id ?? '')));
  const out: Extract[] = [];
  for (const e of last) {
    const sheets = e.sheets.map(copySheet);
    const s = sheets[0] as Sheet;
    if (e.file.startsWith('ASB')) {
      // a few occurrences withdrawn; the month's new ones
      reorder(rand, s, () => rand() > 0.003);
      append(s, police(rand, hh, days, 250_000 + 10_000 * k));
    } else if (e.file.startsWith('yot')) {
      reorder(rand, s);
      const flagged = lastMonthHouseholds('ASB_nominals_export.csv');
      append(s, youthJustice(rand, hh, flagged, days, 6100 + 1000 * k));
    } else if (e.file.startsWith('DWP')) {
      // the claimant's postcode is the current one; ended claims drop out; new claims
      const ended = new Set<Cell>();
      for (const r of s.rows) if (rand() < 0.01) ended.add(r[0] as Cell);
      s.rows.forEach((r, i) => {
        const h = householdOf.get((s.truth[i] as [string, string])[0]);
        if (h && month.moved.has(h.id)) r[6] = (h.stays.at(-1) as Household['stays'][number]).home.postcode;
      });
      reorder(rand, s, (r) => !ended.has(r[0] as Cell));
      const claiming = lastMonthHouseholds(e.file);
      append(s, dwp(rand, hh.filter((h) => !claiming.has(h.id)), days, 710_000 + 10_000 * k));
    } else if (e.file.startsWith('Housing')) {
      // a household that moved ends its tenancy; new lets; babies added to their family's tenancy
      s.rows.forEach((r, i) => {
        const h = householdOf.get((s.truth[i] as [string, string])[0]);
        const left = h ? month.moved.get(h.id) : undefined;
        if (h && left && r[1] === left.uprn && r[5] === null) r[5] = new Date(`${(h.stays.at(-1) as Household['stays'][number]).from}T00:00:00Z`);
      });
      for (const baby of month.births) {
        const h = byId.get(baby.household) as Household;
        const lead = s.rows.findIndex((r, i) => (s.truth[i] as [string, string])[1] === h.id && r[5] === null);
        if (!h.social || lead < 0 || rand() > 0.8) continue;
        const row = [...(s.rows[lead] as Cell[])];
        row.splice(6, 5, baby.sex === 'M' ? 'Son' : 'Daughter', baby.sex === 'M' ? 'Master' : 'Miss', baby.forename, baby.surname, new Date(`${baby.dob}T00:00:00Z`));
        s.rows.push(row);
        s.truth.push([baby.id, h.id]);
      }
      reorder(rand, s);
      const letting = hh.filter((h) => h.social && (month.moved.has(h.id) || month.arrived.includes(h)));
      append(s, housing(rand, letting, 31_000 + 1000 * k, days.from));
    } else if (e.file.startsWith('ED')) {
      reorder(rand, s, () => rand() > 0.002);
      append(s, health(rand, hh, days, 9_200_000 + 100_000 * k));
    } else {
      // the school census: the same censuses again, in another order
      for (const sheet of sheets) reorder(rand, sheet);
    }
    out.push({ file: e.file, sheets });
  }
  return out;
}

export interface Months {
  /** each month's extracts, month 1 first */
  months: Extract[][];
  /** the households as of the last month's date */
  households: Household[];
}

/**
 * One borough's extracts as of the financial year's end, and the same partners' each month after,
 * `count` months in all; `relayout` (variants.ts `relayoutFor(v, seed, true)`) lays every month
 * out another way.
 */
export function makeMonths(households: number, seed: number, count = 2, relayout?: (extracts: Extract[], borough: Borough) => Extract[]): Months {
  if (count < 1 || count > 9) throw new Error('makeMonths: 1 to 9 months (April to December 2025)');
  const borough = makeBorough(households, seed);
  const months = [makeExtracts(borough, seed)];
  const rand = seeded(seed * 7919 + 2);
  for (let m = 2; m <= count; m++) {
    const w = monthWindow(m);
    const month = liveAMonth(rand, borough.households, borough.homes, w);
    months.push(nextExtracts(rand, months.at(-1) as Extract[], borough.households, month, w, m - 2));
  }
  // every row's household as of the last date
  const householdOf = new Map(borough.households.flatMap((h) => h.members.map((p) => [p.id, h.id] as const)));
  for (const e of months.flat()) for (const s of e.sheets) for (const t of s.truth) t[1] = householdOf.get(t[0]) ?? t[1];
  return {
    months: months.map((extracts, i) => (relayout ? relayout(extracts, borough) : extracts).map((e) => (i === 0 ? e : { ...e, file: monthName(e.file, i + 1) }))),
    households: borough.households,
  };
}

/**
 * Writes each month's files into DIR/month-1 … (only the last month's with `lastOnly`) and one
 * truth.csv for all the rows written; returns the files, month by month.
 */
export async function writeMonths(made: Months, dir: string, lastOnly = false): Promise<string[][]> {
  const truth = ['file,sheet,row_number,person_id,household_id'];
  const byMonth: string[][] = [];
  for (const [i, extracts] of made.months.entries()) if (!lastOnly || i === made.months.length - 1) byMonth.push(await writeExtracts(extracts, join(dir, `month-${i + 1}`), truth));
  writeTruth(dir, truth, made.households);
  return byMonth;
}
