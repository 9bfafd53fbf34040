// Places people into households. Every person starts as a unit of one; units merge by these
// rules, strongest first (README.md beside this file gives the reasons):
//  1. ADDRESS: people who live at the same address group now (profiles.ts: the addresses one
//     household has lived at, joined through the people seen at more than one of them).
//  2. SHARED_REF: people named on one reference within one Source (a tenancy, a joint claim, one
//     incident) join unless that contradicts where they live (two different current addresses,
//     or no postcode in common).
//  2b. NAMED_RELATIVE: a person whose record names a relative they live with (A&E's next of kin,
//     youth justice's parent or carer) joins the one household of the person so named, among the
//     people at their postcodes or home (relatives.ts), unless their addresses contradict it.
//  3. SURNAME_POSTCODE: a unit seen with postcodes only joins the household that was seen at one
//     of its postcodes and shares its surname, when that household is clearly the best such
//     candidate once family shape (ages, sexes) and current postcode are weighed. A household on
//     a tenancy takes only someone its shape lacks (the tenancy names its people), and a child
//     with a postcode-only parent at hand goes where that parent goes.
//  3b. MOVED_TOGETHER: a postcode-only unit, whatever its surname, joins the one household seen at
//     two or more of its postcodes: people who moved from postcode to postcode together.
//  4. FLOATER_SURNAME: the remaining postcode-only people form households by postcode + surname,
//     unless their family shapes clash.

import type { HouseholdAssignment, LinkRecord, PersonClusters } from '../types.js';
import { withinOneEdit } from '../strings.js';
import { doorsDiffer, doorsOfPeople } from './doors.js';
import type { PerPerson, PersonProfiles } from './profiles.js';
import { namedRelatives } from './relatives.js';
import { CHILD_AGE, FamilyShape, parentOf } from './shape.js';

/** Surname ids and surname-part ids of a unit's members. */
interface Names {
  surnames: number[];
  parts: number[];
}
const NO_UNITS: readonly number[] = Object.freeze([]);
const NO_DOORS: readonly string[] = Object.freeze([]);

/**
 * How a person came to be in their household: the rule that first joined them to someone. Each
 * Run stores the code per person (the household page's reason): a code keeps its meaning forever.
 */
export const Evidence = {
  ALONE: 0,
  ADDRESS: 1,
  SHARED_REF: 2,
  SURNAME_POSTCODE: 3,
  FLOATER_SURNAME: 4,
  MOVED_TOGETHER: 5,
  NAMED_RELATIVE: 6,
} as const;
export type EvidenceCode = (typeof Evidence)[keyof typeof Evidence];

export interface Placement extends HouseholdAssignment {
  /** per person: the rule that placed them (Evidence), ALONE for a household of one */
  evidence: Uint8Array;
  /** per household: the address group it lives at (profiles.ts), -1 when only postcodes are known */
  addressGroup: Int32Array;
}

/** A reference shared by more people than this in one Source is not a household's (a block, a scheme). */
const MAX_REF_GROUP = 12;
const YEAR = 365.25;
/** More households than this seen at one postcode: not a residential postcode (UK ones hold ~15 addresses, rarely 100). */
const MAX_POSTCODE_HOUSEHOLDS = 150;
/** Least score (surname + family shape + current postcode) for a postcode-only unit to join a household. */
const MIN_ATTACH_SCORE = 3;

/** Why rule 3 does not weigh a same-surname household for a postcode-only unit. */
export type CandidateGate = 'doors' | 'near-name' | 'one-generation' | 'second-of-sex' | 'tenancy';
/** A household rule 3 looked at for a postcode-only unit (for diagnosis: `placePeople`'s trace). */
export interface Candidate {
  members: number[];
  /** surname score: 2 near, 3 the same, 4 both halves of a double-barrelled name */
  surname: number;
  /** family-shape score */
  shape: number;
  /** surname + shape + 1 at the unit's current postcode */
  score: number;
  /** why it was not weighed, null when it was */
  gate: CandidateGate | null;
}

/** `trace`, for diagnosis only, is told each postcode-only unit's same-surname candidate households, weighed or ruled out. */
export function placePeople(records: readonly LinkRecord[], persons: PersonClusters, profiles: PersonProfiles, trace?: (unit: readonly number[], candidates: Candidate[]) => void): Placement {
  const { personOf, personCount } = persons;
  const evidence = new Uint8Array(personCount);
  const age = new Float64Array(personCount);
  for (let p = 0; p < personCount; p++) age[p] = (profiles.referenceDay - profiles.dobDay[p]!) / YEAR;

  // Units: union-find over persons; members as a linked list; anchor/postcode held at the root.
  const parent = new Int32Array(personCount);
  const size = new Int32Array(personCount).fill(1);
  const next = new Int32Array(personCount).fill(-1);
  const tail = new Int32Array(personCount);
  const anchor = new Int32Array(personCount);
  /** postcode id of the unit (held at its root), -1 when none */
  const postcode = new Int32Array(personCount);
  for (let p = 0; p < personCount; p++) {
    parent[p] = p;
    tail[p] = p;
    const a = profiles.currentAddress[p]!;
    anchor[p] = a;
    const groupPc = a >= 0 ? profiles.groupPostcode[a]! : -1;
    postcode[p] = groupPc >= 0 ? groupPc : profiles.currentPostcode[p]!;
  }
  const { nameText, surnames, surnameParts, postcodes } = profiles;
  const idsOf = (list: PerPerson, p: number): Int32Array => list.ids.subarray(list.start[p]!, list.start[p + 1]!);
  const find = (x: number): number => {
    while (parent[x]! !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const membersOf = (root: number): number[] => {
    const out: number[] = [];
    for (let m = root; m >= 0; m = next[m]!) out.push(m);
    return out;
  };
  /**
   * Can two units be one household? Not when both live at (different) known addresses, nor when
   * neither was ever seen at a postcode the other was seen at.
   */
  const compatible = (ra: number, rb: number): boolean => {
    if (anchor[ra]! >= 0 && anchor[rb]! >= 0) return anchor[ra] === anchor[rb];
    let anyA = false;
    let anyB = false;
    for (let x = ra; x >= 0; x = next[x]!) {
      for (const pa of idsOf(postcodes, x)) {
        anyA = true;
        for (let y = rb; y >= 0; y = next[y]!) {
          for (const pb of idsOf(postcodes, y)) {
            anyB = true;
            if (pa === pb) return true;
          }
        }
      }
    }
    if (!anyB) for (let y = rb; y >= 0 && !anyB; y = next[y]!) anyB = postcodes.start[y + 1]! > postcodes.start[y]!;
    return !anyA || !anyB;
  };
  /** Merges the units of x and y unless their addresses contradict it; records `how` for people joining. */
  const merge = (x: number, y: number, how: EvidenceCode): boolean => {
    let ra = find(x);
    let rb = find(y);
    if (ra === rb) return true;
    if (!compatible(ra, rb)) return false;
    for (const r of [ra, rb]) for (let m = r; m >= 0; m = next[m]!) if (evidence[m] === Evidence.ALONE) evidence[m] = how;
    if (size[ra]! < size[rb]!) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra]! += size[rb]!;
    next[tail[ra]!] = rb;
    tail[ra] = tail[rb]!;
    if (anchor[ra]! < 0 && anchor[rb]! >= 0) {
      anchor[ra] = anchor[rb]!;
      postcode[ra] = postcode[rb]!;
    }
    if (postcode[ra]! < 0) postcode[ra] = postcode[rb]!;
    return true;
  };

  // 1. Same address group now.
  const firstAt = new Int32Array(profiles.groupCount).fill(-1);
  for (let p = 0; p < personCount; p++) {
    const a = profiles.currentAddress[p]!;
    if (a < 0) continue;
    if (firstAt[a]! < 0) firstAt[a] = p;
    else merge(firstAt[a]!, p, Evidence.ADDRESS);
  }

  // 2. Shared references within one Source.
  const refsBySource = new Map<number, Map<string, number | number[]>>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (!r.agencyRef) continue;
    let byRef = refsBySource.get(r.sourceId);
    if (!byRef) refsBySource.set(r.sourceId, (byRef = new Map()));
    const p = personOf[i]!;
    const held = byRef.get(r.agencyRef);
    if (held === undefined) byRef.set(r.agencyRef, p);
    else if (typeof held === 'number') {
      if (held !== p) byRef.set(r.agencyRef, [held, p]);
    } else if (held.length <= MAX_REF_GROUP && !held.includes(p)) held.push(p);
  }
  for (const byRef of refsBySource.values()) {
    for (const held of byRef.values()) {
      if (typeof held === 'number' || held.length > MAX_REF_GROUP) continue;
      for (let k = 1; k < held.length; k++) merge(held[0]!, held[k]!, Evidence.SHARED_REF);
    }
  }

  // 2b. A named relative: the one household holding the person a record names as a parent,
  //     partner or child (the mother whose children carry their father's surname), before the
  //     surname rules weigh the family, so that it is weighed as one.
  for (const { person, fits } of namedRelatives(records, persons, profiles)) {
    const mine = find(person);
    const units = new Set(fits.map(find));
    if (units.size !== 1 || units.has(mine)) continue;
    merge(fits[0]!, person, Evidence.NAMED_RELATIVE);
  }

  /** Surnames and surname halves of a unit's members (built for the units step 3 compares). */
  const unitNames: Array<Names | undefined> = new Array<Names | undefined>(personCount);
  const namesOf = (root: number): Names => {
    let names = unitNames[root];
    if (!names) {
      names = { surnames: [], parts: [] };
      for (let m = root; m >= 0; m = next[m]!) {
        for (const s of idsOf(surnames, m)) if (!names.surnames.includes(s)) names.surnames.push(s);
        for (const s of idsOf(surnameParts, m)) if (!names.parts.includes(s)) names.parts.push(s);
      }
      unitNames[root] = names;
    }
    return names;
  };
  /**
   * How well f's surnames match u's: 3 for the same surname (or its masculine/feminine form), 4
   * when f carries both halves of u's double-barrelled name, 2 for one half or a one-letter slip
   * in a long name, 0 for none.
   */
  const surnameScore = (f: Names, u: Names): number => {
    let best = 0;
    for (const s of f.surnames) {
      if (u.surnames.includes(s)) {
        best = 3;
        break;
      }
      if (best < 2 && u.parts.includes(s)) best = 2;
      if (best < 2 && nameText[s]!.length >= 5) {
        const a = nameText[s]!;
        for (const t of u.surnames) if (nameText[t]!.length >= 5 && withinOneEdit(a, nameText[t]!)) best = 2;
      }
    }
    if (best < 2) for (const s of f.parts) if (u.surnames.includes(s)) best = 2;
    if (best >= 2 && u.parts.length >= 2) {
      let halves = 0;
      for (const part of u.parts) if (f.surnames.includes(part)) halves++;
      if (halves >= 2) best = 4;
    }
    return best;
  };

  const family = new FamilyShape(age, profiles.sex);
  /** Someone in the unit is on a tenancy that has not ended. */
  const onTenancy = (root: number): boolean => {
    for (let m = root; m >= 0; m = next[m]!) if (profiles.openTenancy[m] !== -1) return true;
    return false;
  };
  const doors = doorsOfPeople(records, personOf, personCount);
  /** Whether two units were recorded at different doors only: flats or house numbers, none in common. */
  const doorsClash = (ra: number, rb: number): boolean => {
    const a: string[] = [];
    for (let m = ra; m >= 0; m = next[m]!) for (const d of doors[m] ?? NO_DOORS) a.push(d);
    if (a.length === 0) return false;
    const b: string[] = [];
    for (let m = rb; m >= 0; m = next[m]!) for (const d of doors[m] ?? NO_DOORS) b.push(d);
    return doorsDiffer(a, b);
  };

  /**
   * Why a same-surname household is not weighed for postcode-only unit f, or null when it is (the
   * doors are tested first, by the caller).
   */
  const ruledOut = (f: readonly number[], members: readonly number[], h: number, s: number, shape: number): CandidateGate | null => {
    // a surname that only nearly matches (one half, one letter) is another family's name
    // unless the family's shape also says so: Mahmoud at the Mahmoods' postcode is a neighbour
    if (s === 2 && shape < 1) return 'near-name';
    // grown-ups of one generation with only a surname and a postcode in common, no children on
    // either side to say how they are related: as often a neighbour as a sibling (right about a
    // third of the time on two independent models of borough data), so the name places no one
    if (shape < 1 && family.allAdults(f) && !family.hasChild(members) && family.oneGeneration(f, members)) return 'one-generation';
    // nor does it place a second grown-up of one sex and generation in a family with children
    if (family.secondOfSex(f, members, shape)) return 'second-of-sex';
    // a tenancy names the household living there: someone not on it joins only as a piece the
    // family visibly lacks (a parent of its children), not as another namesake at the postcode
    if (shape < 1 && onTenancy(h)) return 'tenancy';
    return null;
  };

  // 3. Postcode-only units join the household at one of their postcodes that shares their surname.
  /** households (unit roots) seen at each postcode id, now or earlier */
  const anchoredAt: Array<number[] | undefined> = new Array<number[] | undefined>(profiles.postcodeCount);
  const stamp = new Int32Array(personCount).fill(-1);
  for (let p = 0; p < personCount; p++) {
    const r = find(p);
    if (anchor[r]! < 0) continue;
    for (const pc of idsOf(postcodes, p)) {
      const list = anchoredAt[pc];
      if (!list) anchoredAt[pc] = [r];
      else if (list[list.length - 1] !== r) list.push(r);
    }
  }
  // A postcode with very many households is not a street's (a hostel, a PO box, a placeholder):
  // it places no one.
  const crowded = new Uint8Array(profiles.postcodeCount);
  for (let pc = 0; pc < anchoredAt.length; pc++) {
    const list = anchoredAt[pc];
    if (!list || list.length <= MAX_POSTCODE_HOUSEHOLDS) continue;
    const distinct = new Set(list.map(find));
    if (distinct.size > MAX_POSTCODE_HOUSEHOLDS) {
      crowded[pc] = 1;
      anchoredAt[pc] = undefined;
    } else anchoredAt[pc] = [...distinct];
  }
  const floaters: number[] = [];
  const floatersAt = new Int32Array(profiles.postcodeCount);
  for (let p = 0; p < personCount; p++) {
    if (find(p) !== p || anchor[p]! >= 0 || postcode[p]! < 0) continue;
    floaters.push(p);
    if (++floatersAt[postcode[p]!]! > MAX_POSTCODE_HOUSEHOLDS * 4) crowded[postcode[p]!] = 1;
  }
  /**
   * Postcode-only children (every member under 18) with a postcode-only namesake at the same
   * postcode of an age to be their parent: child → those parents' units. Such a child goes with
   * that parent rather than joining a household on the surname alone: on two independent models
   * of borough data, a child like this who joined a household that had adults of its own was
   * wrong about three times in four on one model — its family was the one seen only by postcode.
   * A child with the date of birth and surname of someone already in a household at the postcode
   * is that person, split by the person stage: it does not wait.
   */
  const childrenWithParentAtHand = (): Map<number, number[]> => {
    const out = new Map<number, number[]>();
    /** postcode-only units by their postcode */
    const unitsAt = new Map<number, number[]>();
    for (const r of floaters) {
      const list = unitsAt.get(postcode[r]!);
      if (list) list.push(r);
      else unitsAt.set(postcode[r]!, [r]);
    }
    for (const r of floaters) {
      const pc = postcode[r]!;
      const here = unitsAt.get(pc)!;
      if (here.length < 2 || crowded[pc]) continue;
      const kids = membersOf(r);
      if (!kids.every((m) => age[m]! < CHILD_AGE)) continue;
      const kidYears = kids.map((m) => age[m]!);
      const names = namesOf(r);
      const parents = here.filter((o) => o !== r && surnameScore(names, namesOf(o)) >= 3 && membersOf(o).some((m) => age[m]! >= CHILD_AGE && parentOf(age[m]!, kidYears)));
      if (parents.length === 0) continue;
      const split = (anchoredAt[pc] ?? NO_UNITS).some((y) => {
        const h = find(y);
        return surnameScore(names, namesOf(h)) >= 3 && membersOf(h).some((o) => kids.some((k) => profiles.dobDay[o] === profiles.dobDay[k]));
      });
      if (!split) out.set(r, parents);
    }
    return out;
  };
  const waiting = childrenWithParentAtHand();
  for (const root of floaters) {
    if (find(root) !== root || anchor[root]! >= 0 || crowded[postcode[root]!] || waiting.has(root)) continue;
    const f = membersOf(root);
    const fNames = namesOf(root);
    const pcs: number[] = [];
    for (const m of f) for (const pc of idsOf(postcodes, m)) if (!pcs.includes(pc)) pcs.push(pc);
    let best = -1;
    let bestScore = -Infinity;
    let second = -Infinity;
    const traced: Candidate[] | null = trace ? [] : null;
    for (const pc of pcs) {
      for (const y of anchoredAt[pc] ?? NO_UNITS) {
        const h = find(y);
        if (stamp[h] === root || anchor[h]! < 0) continue;
        stamp[h] = root;
        const s = surnameScore(fNames, namesOf(h));
        if (s < 2) continue;
        const doors = doorsClash(root, h);
        if (doors && !traced) continue;
        const members = membersOf(h);
        const shape = family.score(f, members);
        const gate = doors ? 'doors' : ruledOut(f, members, h, s, shape);
        const score = s + shape + (postcode[root] === postcode[h] ? 1 : 0);
        traced?.push({ members, surname: s, shape, score, gate });
        if (gate) continue;
        if (score > bestScore) {
          second = bestScore;
          best = h;
          bestScore = score;
        } else if (score > second) second = score;
      }
    }
    if (trace && traced) trace(f, traced);
    if (best >= 0 && bestScore >= MIN_ATTACH_SCORE && bestScore - second >= 1) {
      const into = namesOf(best);
      if (merge(best, root, Evidence.SURNAME_POSTCODE)) {
        for (const x of fNames.surnames) if (!into.surnames.includes(x)) into.surnames.push(x);
        for (const x of fNames.parts) if (!into.parts.includes(x)) into.parts.push(x);
        unitNames[find(best)] = into;
      }
    }
  }

  // 3b. A postcode-only unit seen at two or more postcodes joins the one household seen at two or
  //     more of them, whatever the surnames: neighbours share a postcode, not a move (a mother
  //     with another surname than her children's, seen by benefits at the old postcode and by
  //     A&E at the new one, where the school has the children). Two such households: no one.
  for (const root of floaters) {
    if (find(root) !== root || anchor[root]! >= 0 || crowded[postcode[root]!]) continue;
    const f = membersOf(root);
    const pcs: number[] = [];
    for (const m of f) for (const pc of idsOf(postcodes, m)) if (!pcs.includes(pc) && !crowded[pc]) pcs.push(pc);
    if (pcs.length < 2) continue;
    // households seen at each of the unit's postcodes → at how many of them
    const postcodesSeen = new Map<number, number>();
    for (const pc of pcs) {
      const here = new Set<number>();
      for (const y of anchoredAt[pc] ?? NO_UNITS) if (anchor[find(y)]! >= 0) here.add(find(y));
      for (const h of here) postcodesSeen.set(h, (postcodesSeen.get(h) ?? 0) + 1);
    }
    const movedWith = [...postcodesSeen].filter(([, n]) => n >= 2).map(([h]) => h);
    if (movedWith.length !== 1) continue;
    const h = movedWith[0]!;
    if (doorsClash(root, h) || family.score(f, membersOf(h)) < 0) continue;
    merge(h, root, Evidence.MOVED_TOGETHER);
  }

  // A waiting child goes where the parent(s) at hand went (by step 3 or 3b): into the household they joined, or
  // left for step 4 to group with them when they are still on their own.
  for (const [child, parents] of waiting) {
    if (find(child) !== child) continue;
    const went = find(parents[0]!);
    if (anchor[went]! >= 0 && parents.every((x) => find(x) === went)) merge(went, child, Evidence.SURNAME_POSTCODE);
  }

  // 4. Remaining postcode-only people: one household per postcode + surname, unless the family
  //    shapes clash (two couples of one generation, two mothers of the same children).
  const bySurname = new Map<number, number[]>();
  const nameCount = nameText.length;
  for (const root of floaters) {
    const r = find(root);
    const pc = postcode[r]!;
    if (anchor[r]! >= 0 || pc < 0 || crowded[pc]) continue;
    for (const m of membersOf(r)) {
      for (const s of idsOf(surnames, m)) {
        const key = pc * nameCount + s;
        const others = bySurname.get(key);
        if (!others) {
          bySurname.set(key, [m]);
          continue;
        }
        const mine = membersOf(find(m));
        const fits = others.find((o) => {
          const theirs = membersOf(find(o));
          if (find(o) === find(m)) return true;
          const mineIn = family.score(mine, theirs);
          const theirsIn = family.score(theirs, mine);
          return mineIn >= 0 && theirsIn >= 0 && !family.secondOfSex(mine, theirs, mineIn) && !family.secondOfSex(theirs, mine, theirsIn) && !doorsClash(find(o), find(m));
        });
        if (fits === undefined) others.push(m);
        else merge(fits, m, Evidence.FLOATER_SURNAME);
      }
    }
  }

  const householdOfPerson = new Int32Array(personCount);
  const indexOfRoot = new Int32Array(personCount).fill(-1);
  const addressGroup: number[] = [];
  let householdCount = 0;
  for (let p = 0; p < personCount; p++) {
    const r = find(p);
    if (indexOfRoot[r]! < 0) {
      indexOfRoot[r] = householdCount++;
      addressGroup.push(anchor[r]!);
    }
    householdOfPerson[p] = indexOfRoot[r]!;
  }
  return { householdOfPerson, householdCount, evidence, addressGroup: Int32Array.from(addressGroup) };
}
