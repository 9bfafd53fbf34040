// A partner system's own number for the person (a police Nominal, a social care Person ID, a
// hospital's MRN: record.person_ref, found by the importer's person-number.ts) is the same on every
// row of that person in that system, alias rows included ("George SMITH" and "Mark SMITH", one
// Nominal). Records sharing it are one person: a must-link in clustering, as a human match
// decision is, so the possible-twins rule (same surname, birthday and home, different forename)
// does not keep an alias apart from its person. Only within one partner's Sources of one kind:
// two systems number their people independently, and their numbers collide.
//
// A mis-keyed number would merge two people, so records sharing one are not joined when their
// dates of birth are both known and more than a keying slip apart (datesCompatible: a day or
// month within a month, a digit, two adjacent digits swapped, day and month swapped, a year), when
// they are a generation apart (years of birth, one perhaps from an age, 12 or more apart; or a
// junior's marker against a senior's or an adult's title), or when their sexes differ. The model
// still weighs such pairs as it weighs any other.
import { datesCompatible } from './cluster.js';
import { GENERATION_YEARS, generationMarker } from './generations.js';
import type { LinkRecord } from './types.js';

const SEP = '\u001f';

/** Whose number it is: the partner and the kind of Source, then the number. Null without a number or a partner. */
export function personNumberKey(r: Pick<LinkRecord, 'partner' | 'sourceKind' | 'personRef'>): string | null {
  if (!r.personRef || !r.partner) return null;
  return `${r.partner}${SEP}${r.sourceKind}${SEP}${r.personRef}`;
}

const DAY_MS = 86_400_000;

function dateParts(iso: string): { day: number; ymd: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return { day: Math.round(Date.UTC(y, mo - 1, d) / DAY_MS), ymd: y * 512 + mo * 32 + d };
}

/** Two dates of birth (ISO) one person's rows could hold: equal, or one keying slip apart. */
export function birthsOneSlipApart(a: string, b: string): boolean {
  if (a === b) return true;
  const x = dateParts(a);
  const y = dateParts(b);
  if (!x || !y) return false;
  return datesCompatible(x.day, x.ymd, y.day, y.ymd);
}

const birthYear = (r: LinkRecord): number => (r.dob ? Number(r.dob.slice(0, 4)) : (r.dobYear ?? 0));

/** Whether two records sharing a number may be one person: see the guards above. */
export function mayShareNumber(a: LinkRecord, b: LinkRecord): boolean {
  if (a.dob && b.dob) {
    if (!birthsOneSlipApart(a.dob, b.dob)) return false;
  } else {
    const ya = birthYear(a);
    const yb = birthYear(b);
    if (ya > 0 && yb > 0 && Math.abs(ya - yb) >= GENERATION_YEARS) return false;
  }
  const ga = generationMarker(a);
  const gb = generationMarker(b);
  if ((ga === 1 && gb >= 2) || (gb === 1 && ga >= 2)) return false;
  if ((a.sex === 'M' && b.sex === 'F') || (a.sex === 'F' && b.sex === 'M')) return false;
  return true;
}

/** More records than this on one number is not one person's history but a placeholder ("0", "99999"). */
const MAX_PER_NUMBER = 500;

export interface PersonNumberLinks {
  /** must-link pairs (record indexes): each record to the first record of the person it joins */
  pairs: Array<[number, number]>;
  /** records sharing a number with an earlier record, and of them those the guards kept apart */
  shared: number;
  keptApart: number;
  /** each record's group (one person by the partner's number), −1 for a record alone on its number */
  groupOf: Int32Array;
}

/**
 * The must-links among `records`. Within one number, each record joins the first group (in record
 * order) every record of which it may be one person with, else starts a group of its own: a number
 * keyed for two people gives two groups, never one bridged through a record without a date.
 */
export function personNumberLinks(records: readonly LinkRecord[]): PersonNumberLinks {
  const byNumber = new Map<string, number[]>();
  for (let i = 0; i < records.length; i++) {
    const key = personNumberKey(records[i] as LinkRecord);
    if (!key) continue;
    const list = byNumber.get(key);
    if (list) list.push(i);
    else byNumber.set(key, [i]);
  }
  const pairs: Array<[number, number]> = [];
  const groupOf = new Int32Array(records.length).fill(-1);
  let groupCount = 0;
  let shared = 0;
  let keptApart = 0;
  for (const list of byNumber.values()) {
    if (list.length < 2 || list.length > MAX_PER_NUMBER) continue;
    const groups: number[][] = [];
    for (const i of list) {
      const r = records[i] as LinkRecord;
      const g = groups.find((members) => members.every((j) => mayShareNumber(records[j] as LinkRecord, r)));
      if (groups.length > 0) shared++;
      if (g) {
        pairs.push([g[0] as number, i]);
        if (g.length === 1) groupOf[g[0] as number] = groupCount++;
        groupOf[i] = groupOf[g[0] as number] as number;
        g.push(i);
      } else {
        if (groups.length > 0) keptApart++;
        groups.push([i]);
      }
    }
  }
  return { pairs, shared, keptApart, groupOf };
}

/**
 * The possible twins (twins.ts) that are not an alias against the person's other name: a pair
 * whose one record is in a person-number group another record of which has the other's forename
 * (by `fn`, the prepared forename ids). The police's alias row "Mark SMITH" and A&E's "George
 * SMITH" share a birthday and a home; the police say George and Mark are one person, so George is
 * no twin of Mark's. A twin named otherwise (Gary) is still kept apart.
 */
export function withoutAliasTwins(pairs: ReadonlyArray<readonly [number, number]>, links: PersonNumberLinks, fn: Int32Array): Array<[number, number]> {
  if (links.pairs.length === 0) return pairs as Array<[number, number]>;
  const names = new Map<number, Set<number>>();
  for (let i = 0; i < links.groupOf.length; i++) {
    const g = links.groupOf[i] as number;
    const f = fn[i] as number;
    if (g < 0 || f < 0) continue;
    const set = names.get(g);
    if (set) set.add(f);
    else names.set(g, new Set([f]));
  }
  const alias = (x: number, y: number): boolean => {
    const g = links.groupOf[x] as number;
    return g >= 0 && (names.get(g)?.has(fn[y] as number) ?? false);
  };
  return pairs.filter(([a, b]) => !alias(a, b) && !alias(b, a)) as Array<[number, number]>;
}
