// Clustering: connected components of the pairs at or above the threshold, joined strongest
// first, with constraints that refuse a join — a human non-match decision between the two
// clusters, two different valid national identifiers (NHS number, NINO, UPN), or two records of
// a source declared to hold each person once, or possible twins (twins.ts). Human match
// decisions join first, then records sharing a partner's number for the person (person-numbers.ts).
import { dobDigitsWithinOne, yearApart } from './compare.js';
import type { PersonClusters } from './types.js';

export interface ClusterInput {
  n: number;
  /** candidate edges (record indexes), in the order to try them: strongest first */
  edgesA: Int32Array;
  edgesB: Int32Array;
  edgeCount: number;
  /** valid identifier ids per record (−1 none): one array per identifier kind */
  identifiers: Int32Array[];
  /** source index per record, and the source indexes that hold each person at most once */
  source: Int32Array;
  noDuplicatesWithin: ReadonlySet<number>;
  /** human decisions, as record index pairs */
  matches: ReadonlyArray<readonly [number, number]>;
  nonMatches: ReadonlyArray<readonly [number, number]>;
  /**
   * Records sharing a partner system's number for the person (person-numbers.ts, its guards
   * passed): joined after the human matches and before the possible twins are kept apart (an
   * alias row is no twin), unless a constraint refuses the join.
   */
  sameNumber?: ReadonlyArray<readonly [number, number]>;
  /** pairs the model keeps apart (possible twins): like non-match decisions, after the human matches */
  apart?: ReadonlyArray<readonly [number, number]>;
  /**
   * Dates of birth per record (days, −1 missing; and y·512 + m·32 + d): a person has one date of
   * birth, so two clusters whose dates no keying error explains never join through a record
   * without one (a pair holding dates on both sides was weighed by the model and decides).
   * `year` (optional, 0 none) is each record's year of birth, that of its full date or else the
   * year given alone: a record with only a year holds it as its date, compatible within a year.
   */
  dob?: { day: Int32Array; ymd: Int32Array; year?: Int16Array };
  /**
   * The edges' match weights (in edge order). With them, a record without a date of birth that
   * fits two people whose dates differ about equally well (within AMBIGUOUS_BITS) joins neither:
   * it is as likely to be one as the other.
   */
  edgeWeight?: Float32Array;
  /**
   * Sex per record (1 male, 2 female, 0 not recorded): a person has one, so a cluster of men and
   * one of women never join through a record whose sex is not recorded (a pair holding both sexes
   * was weighed by the model and decides).
   */
  sex?: Int8Array;
}

/** Match weights (log2 odds) this close count as fitting equally: odds within a factor of two. */
const AMBIGUOUS_BITS = 1;

/** Two dates of birth one person's records could hold: equal, within a month, day and month swapped, one digit apart, or a year apart (from an age). */
export function datesCompatible(dayA: number, ymdA: number, dayB: number, ymdB: number): boolean {
  if (dayA === dayB || Math.abs(dayA - dayB) <= 31) return true;
  const ya = ymdA >> 9;
  const yb = ymdB >> 9;
  if (yearApart(dayA, dayB, ya, yb)) return true;
  const ma = (ymdA >> 5) & 15;
  const mb = (ymdB >> 5) & 15;
  const da = ymdA & 31;
  const db = ymdB & 31;
  if (ya === yb && ma === db && da === mb) return true;
  return dobDigitsWithinOne(ya, ma, da, yb, mb, db);
}

/**
 * Years of birth this far apart are one person's, as the comparison's year-only level allows (a
 * year worked out from an age is one out when the event came before the birthday).
 */
const YEAR_TOLERANCE = 1;

/** Distinct dates of birth kept per cluster for the check (a person rarely has more variants). */
const MAX_DATES = 8;

export interface ClusterResult extends PersonClusters {
  joined: number;
  refused: { identifier: number; decision: number; source: number; possibleTwins: number; dateOfBirth: number; sex: number; personNumber: number };
  /** records joined because they share a partner's number for the person */
  joinedByPersonNumber: number;
  /** human match decisions that could not be honoured (they contradict a non-match decision) */
  conflictingDecisions: number;
}

export function clusterRecords(input: ClusterInput): ClusterResult {
  const { n } = input;
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[x] !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };

  // per-root identifier value (one per kind: a cluster never holds two different ones)
  const ids = input.identifiers.map((arr) => Int32Array.from(arr));
  // per-root flagged sources (bit per flagged source; more than 31 flagged fall back to sets)
  const flagged = [...input.noDuplicatesWithin];
  const flagBit = new Map(flagged.map((s, k) => [s, k]));
  const useBits = flagged.length <= 31;
  const bits = new Int32Array(useBits && flagged.length > 0 ? n : 0);
  const sets: Array<Set<number> | undefined> = useBits ? [] : new Array(n);
  if (flagged.length > 0) {
    for (let i = 0; i < n; i++) {
      const k = flagBit.get(input.source[i] as number);
      if (k === undefined) continue;
      if (useBits) bits[i] = 1 << k;
      else sets[i] = new Set([k]);
    }
  }
  // per-root list of records it must never join: r for a non-match decision, −(r + 1) for
  // possible twins (so a refusal can say which)
  const forbidden = new Map<number, number[]>();
  const forbid = (a: number, b: number, twins: boolean): void => {
    (forbidden.get(a) ?? forbidden.set(a, []).get(a)!).push(twins ? -b - 1 : b);
    (forbidden.get(b) ?? forbidden.set(b, []).get(b)!).push(twins ? -a - 1 : a);
  };
  for (const [a, b] of input.nonMatches) if (a !== b) forbid(a, b, false);
  const recordOf = (f: number): number => (f < 0 ? -f - 1 : f);

  const refused = { identifier: 0, decision: 0, source: 0, possibleTwins: 0, dateOfBirth: 0, sex: 0, personNumber: 0 };
  // per root: the sexes its records hold (bit 1 male, bit 2 female)
  const sexes = input.sex ? Int8Array.from(input.sex) : null;
  /** Whether joining ra and rb on the pair (a, b) would put a man and a woman in one person unseen. */
  const sexesClash = (ra: number, rb: number, a: number, b: number): boolean => {
    if (!sexes) return false;
    const x = sexes[ra] as number;
    const y = sexes[rb] as number;
    if (x === 0 || y === 0 || (x | y) !== 3 || x === 3 || y === 3) return false;
    return (input.sex![a] as number) === 0 || (input.sex![b] as number) === 0;
  };
  // per root: records holding its distinct dates of birth (up to MAX_DATES)
  const dob = input.dob;
  // (a root without a list holds only its own record's date, if any: no array per record)
  const dates: Array<number[] | undefined> = dob ? new Array<number[] | undefined>(n) : [];
  const years = dob?.year;
  /** Whether record r has a date of birth: a full one, or a year given alone. */
  const dated = (r: number): boolean => (dob!.day[r] as number) >= 0 || (years !== undefined && (years[r] as number) > 0);
  const datesOf = (root: number): number[] | undefined => dates[root] ?? (dated(root) ? [root] : undefined);
  /** Whether the cluster at root holds a full date of birth (the namesake check is about clusters without one). */
  const fullyDated = (root: number): boolean => {
    const list = dates[root];
    // a root without a list holds only its own record's date (no array made for it, per edge)
    if (!list) return (dob!.day[root] as number) >= 0;
    for (const x of list) if ((dob!.day[x] as number) >= 0) return true;
    return false;
  };
  const compatible = (x: number, y: number): boolean => {
    const dx = dob!.day[x] as number;
    const dy = dob!.day[y] as number;
    if (dx >= 0 && dy >= 0) return datesCompatible(dx, dob!.ymd[x] as number, dy, dob!.ymd[y] as number);
    // one of them has only a year (so `years` is given): the years must agree within the tolerance
    return Math.abs((years![x] as number) - (years![y] as number)) <= YEAR_TOLERANCE;
  };
  /** Whether records x and y hold the same date (one kept per cluster): the same day, or the same year alone. */
  const sameDate = (x: number, y: number): boolean => {
    const dx = dob!.day[x] as number;
    return dx >= 0 ? dx === dob!.day[y] : (dob!.day[y] as number) < 0 && years![x] === years![y];
  };
  /** Whether joining ra and rb on the pair (a, b) would put two incompatible dates in one person unseen. */
  const datesClash = (ra: number, rb: number, a: number, b: number): boolean => {
    if (!dob) return false;
    // a pair that holds both dates is the model's own comparison of them: its evidence decides
    // (asked first: most pairs do, and need no list of either cluster's dates)
    if (dated(a) && dated(b)) return false;
    const da = datesOf(ra);
    const db = datesOf(rb);
    if (!da || !db) return false;
    for (const x of da) for (const y of db) if (!compatible(x, y)) return true;
    return false;
  };
  const blockedBy = (ra: number, rb: number): 'identifier' | 'decision' | 'source' | 'possibleTwins' | null => {
    for (const arr of ids) {
      const x = arr[ra] as number;
      const y = arr[rb] as number;
      if (x >= 0 && y >= 0 && x !== y) return 'identifier';
    }
    if (flagged.length > 0) {
      if (useBits) {
        if (((bits[ra] as number) & (bits[rb] as number)) !== 0) return 'source';
      } else {
        const sa = sets[ra];
        const sb = sets[rb];
        if (sa && sb) for (const s of sa) if (sb.has(s)) return 'source';
      }
    }
    if (forbidden.size === 0) return null;
    const fa = forbidden.get(ra);
    const fb = forbidden.get(rb);
    const aSmaller = (fa?.length ?? 0) <= (fb?.length ?? 0);
    const small = aSmaller ? fa : fb;
    const other = aSmaller ? rb : ra;
    if (small) for (const f of small) if (find(recordOf(f)) === other) return f < 0 ? 'possibleTwins' : 'decision';
    return null;
  };
  const union = (ra: number, rb: number): void => {
    if ((size[ra] as number) < (size[rb] as number)) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra]! += size[rb] as number;
    if (sexes) sexes[ra] = (sexes[ra] as number) | (sexes[rb] as number);
    for (const arr of ids) if ((arr[ra] as number) < 0) arr[ra] = arr[rb] as number;
    if (flagged.length > 0) {
      if (useBits) bits[ra] = (bits[ra] as number) | (bits[rb] as number);
      else if (sets[rb]) {
        const sa = sets[ra] ?? (sets[ra] = new Set());
        for (const s of sets[rb]!) sa.add(s);
      }
    }
    if (dob) {
      const db = datesOf(rb);
      if (db) {
        const da = datesOf(ra);
        if (!da) dates[ra] = db;
        else {
          for (const y of db) if (da.length < MAX_DATES && !da.some((x) => sameDate(x, y))) da.push(y);
          dates[ra] = da;
        }
        dates[rb] = undefined;
      }
    }
    const fb = forbidden.get(rb);
    if (fb) {
      const fa = forbidden.get(ra);
      if (fa) for (const f of fb) fa.push(f);
      else forbidden.set(ra, fb);
      forbidden.delete(rb);
    }
  };
  let conflictingDecisions = 0;
  let joined = 0;
  for (const [a, b] of input.matches) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    const fa = forbidden.get(ra);
    const fb = forbidden.get(rb);
    let conflict = false;
    if (fa) for (const f of fa) if (find(recordOf(f)) === rb) conflict = true;
    if (fb) for (const f of fb) if (find(recordOf(f)) === ra) conflict = true;
    if (conflict) {
      conflictingDecisions++;
      continue;
    }
    union(ra, rb);
    joined++;
  }
  // a number the partner gives one person: a must-link, unless a human decision, two different
  // checked identifiers, a source holding each person once, or dates or sexes met through
  // another record say otherwise
  let joinedByPersonNumber = 0;
  for (const [a, b] of input.sameNumber ?? []) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    if (blockedBy(ra, rb) || datesClash(ra, rb, a, b) || sexesClash(ra, rb, a, b)) {
      refused.personNumber++;
      continue;
    }
    union(ra, rb);
    joined++;
    joinedByPersonNumber++;
  }
  // after the human matches and the partners' numbers, which they must not undo; keyed by the current roots
  for (const [a, b] of joinable(input, input.apart ?? [])) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) forbid(ra, rb, true);
  }
  // per record without a date of birth, its edges (for the namesake check)
  const weightOf = input.edgeWeight;
  let undatedEdges: Map<number, number[]> | null = null;
  if (dob && weightOf) {
    undatedEdges = new Map();
    const add = (r: number, e: number): void => {
      if ((dob.day[r] as number) >= 0) return;
      const list = undatedEdges!.get(r);
      if (list) list.push(e);
      else undatedEdges!.set(r, [e]);
    };
    for (let e = 0; e < input.edgeCount; e++) {
      add(input.edgesA[e] as number, e);
      add(input.edgesB[e] as number, e);
    }
  }
  /** Whether the undated record r (alone in an undated cluster) fits another person, dated otherwise than x's cluster, about as well as edge e. */
  const fitsAnother = (r: number, rx: number, e: number): boolean => {
    const list = undatedEdges!.get(r);
    if (!list || list.length < 2) return false;
    const dx = datesOf(rx);
    if (!dx) return false;
    const floor = (weightOf![e] as number) - AMBIGUOUS_BITS;
    for (const f of list) {
      if (f === e || (weightOf![f] as number) < floor) continue;
      const other = (input.edgesA[f] as number) === r ? (input.edgesB[f] as number) : (input.edgesA[f] as number);
      const ry = find(other);
      if (ry === rx || ry === find(r)) continue;
      const dy = datesOf(ry);
      if (!dy) continue;
      for (const x of dx) for (const y of dy) if (!compatible(x, y)) return true;
    }
    return false;
  };
  for (let e = 0; e < input.edgeCount; e++) {
    const a = input.edgesA[e] as number;
    const b = input.edgesB[e] as number;
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    const why = blockedBy(ra, rb);
    if (why) {
      refused[why]++;
      continue;
    }
    if (datesClash(ra, rb, a, b)) {
      refused.dateOfBirth++;
      continue;
    }
    if (sexesClash(ra, rb, a, b)) {
      refused.sex++;
      continue;
    }
    if (undatedEdges && ((!fullyDated(ra) && fitsAnother(a, rb, e)) || (!fullyDated(rb) && fitsAnother(b, ra, e)))) {
      refused.dateOfBirth++;
      continue;
    }
    union(ra, rb);
    joined++;
  }

  // dense person indexes in record order
  const personOf = new Int32Array(n);
  const index = new Int32Array(n).fill(-1);
  let personCount = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (index[r] === -1) index[r] = personCount++;
    personOf[i] = index[r] as number;
  }
  return { personOf, personCount, joined, refused, conflictingDecisions, joinedByPersonNumber };
}

/**
 * The pairs whose two records the edges and human matches could join at all (one connected
 * component without any constraint): only they can ever be refused, so the others need no
 * keeping apart. At a million records half a million parents and children are kept apart, nearly
 * all already in different components.
 */
function joinable(input: ClusterInput, pairs: ReadonlyArray<readonly [number, number]>): ReadonlyArray<readonly [number, number]> {
  if (pairs.length === 0) return pairs;
  const parent = new Int32Array(input.n);
  for (let i = 0; i < input.n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      const up = parent[parent[x] as number] as number;
      parent[x] = up;
      x = up;
    }
    return x;
  };
  const join = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb;
  };
  for (const [a, b] of input.matches) join(a, b);
  for (const [a, b] of input.sameNumber ?? []) join(a, b);
  for (let e = 0; e < input.edgeCount; e++) join(input.edgesA[e] as number, input.edgesB[e] as number);
  return pairs.filter(([a, b]) => find(a) === find(b));
}
