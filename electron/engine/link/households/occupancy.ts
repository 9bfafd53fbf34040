// Households that lived at one address at different times are different households. A council
// re-lets a flat: the housing extract lists the ended tenancy of the family that left and the new
// tenancy of the family that came, and the school census and A&E see each family there in its own
// months. Joined by address alone they make one household, and the family that left then drags
// the newcomers into its new home's group (a mover joins its old and new addresses).
//
// So each address is split into occupancies where the dates say its people never lived there at
// the same time. Lines are drawn only where the data say someone came or went: a tenancy's start
// or end, or a move — someone seen at the address and later at another one had left it by the
// day they were first seen at the other (the latest they can have gone, so their family's later
// sightings at the old address still count as theirs). A point observation (an A&E attendance,
// a census row) says someone was there that day, not that nobody else was there before or after,
// so points alone never split an address — one family seen by the police in 2021 and at school
// in 2024 stays one.
//
// A cut at day t is valid when everyone seen at the address was there wholly up to t (their last
// sighting at most LAG_DAYS after it: extracts lag) or wholly after it, with someone on each side.
// Each person's records at the address then go to their occupancy, which the later stages treat
// as an address of its own (same postcode, UPRN and wording).

import type { LinkRecord, PersonClusters } from '../types.js';
import type { ResolvedAddresses } from './addresses.js';
import { dayNumber } from './profiles.js';

/** Days an extract's sighting may trail a tenancy end (a census row taken before the family left). */
const LAG_DAYS = 45;

interface Presence {
  person: number;
  first: number;
  last: number;
  /** day number of birth, NaN when unknown */
  born: number;
  /** latest end of an ended tenancy of theirs here, NaN when none */
  ended: number;
  /** latest start of a tenancy of theirs here that has not ended, NaN when none */
  open: number;
}

/**
 * The last day someone lived at an address. Their own tenancy's end is the word on it: an
 * agency still writing the old address after that has not heard of the move (a police or school
 * record months out of date), unless a tenancy of theirs there began again.
 */
function lastOf(q: Presence): number {
  return !Number.isNaN(q.ended) && !(q.open >= q.ended) ? q.ended : q.last;
}

/** Adds one record's sighting to a person's presence at an address (keyed by `key`). */
function see(map: Map<number, Presence>, key: number, person: number, r: LinkRecord): void {
  const { from, to } = span(r);
  if (Number.isNaN(from)) return;
  const born = dayNumber(r.dob);
  const end = r.tenancyEnd ? dayNumber(r.tenancyEnd) : NaN;
  const open = r.tenancyStart && !r.tenancyEnd ? dayNumber(r.tenancyStart) : NaN;
  const seen = map.get(key);
  if (!seen) {
    map.set(key, { person, first: from, last: to, born, ended: end, open });
    return;
  }
  seen.first = Math.min(seen.first, from);
  seen.last = Math.max(seen.last, to);
  if (Number.isNaN(seen.born)) seen.born = born;
  if (!Number.isNaN(end) && !(seen.ended >= end)) seen.ended = end;
  if (!Number.isNaN(open) && !(seen.open >= open)) seen.open = open;
}

/** Children do not hold a home on their own (a school's stale address is the family's old home). */
const CHILD_DAYS = 18 * 365.25;

/** One record's presence at its address: [from, to] in day numbers, and the tenancy lines it draws. */
function span(r: LinkRecord): { from: number; to: number; cuts: number[] } {
  const seen = dayNumber(r.eventDate ?? r.asOf);
  const asOf = dayNumber(r.asOf);
  const start = dayNumber(r.tenancyStart ?? null);
  const end = dayNumber(r.tenancyEnd ?? null);
  const cuts: number[] = [];
  // A tenancy with a start and no end was current on the extract's date.
  const from = Number.isNaN(start) ? seen : start;
  let to = Number.isNaN(start) ? seen : Number.isNaN(asOf) ? start : Math.max(start, asOf);
  if (!Number.isNaN(start)) cuts.push(start - 1);
  if (!Number.isNaN(end) && end >= from) {
    to = end;
    cuts.push(end);
  }
  return { from: Number.isNaN(from) ? to : from, to: Number.isNaN(to) ? from : to, cuts };
}

/**
 * Splits addresses whose tenancy dates show successive occupants into one address per
 * occupancy. Returns `addresses` unchanged when no address needs it.
 */
export function splitOccupancies(records: readonly LinkRecord[], persons: PersonClusters, addresses: ResolvedAddresses): ResolvedAddresses {
  // Only addresses where some record carries tenancy dates, or someone moved from, can split.
  const cutsAt = new Map<number, number[]>();
  const addCut = (a: number, t: number): void => {
    const list = cutsAt.get(a);
    if (list) list.push(t);
    else cutsAt.set(a, [t]);
  };
  const { personOf, personCount } = persons;
  const firstAddress = new Int32Array(personCount).fill(-1);
  const mover = new Uint8Array(personCount);
  for (let i = 0; i < records.length; i++) {
    const a = addresses.addressOf[i]!;
    if (a < 0) continue;
    const r = records[i]!;
    const p = personOf[i]!;
    if (firstAddress[p]! < 0) firstAddress[p] = a;
    else if (firstAddress[p] !== a) mover[p] = 1;
    if (r.tenancyStart || r.tenancyEnd) for (const t of span(r).cuts) addCut(a, t);
  }
  // Movers: each address they were seen at and later left for another.
  const moves = new Map<number, Map<number, Presence>>();
  for (let i = 0; i < records.length; i++) {
    const a = addresses.addressOf[i]!;
    const p = personOf[i]!;
    if (a < 0 || mover[p] === 0) continue;
    let byAddress = moves.get(p);
    if (!byAddress) moves.set(p, (byAddress = new Map()));
    see(byAddress, a, p, records[i]!);
  }
  for (const byAddress of moves.values()) {
    for (const [a, here] of byAddress) {
      let left = Infinity;
      for (const [b, there] of byAddress) if (b !== a && there.first > lastOf(here) && there.first < left) left = there.first;
      if (left < Infinity) addCut(a, left - 1);
    }
  }
  if (cutsAt.size === 0) return addresses;

  // Each person's presence at those addresses.
  const presence = new Map<number, Map<number, Presence>>();
  for (let i = 0; i < records.length; i++) {
    const a = addresses.addressOf[i]!;
    if (a < 0 || !cutsAt.has(a)) continue;
    let byPerson = presence.get(a);
    if (!byPerson) presence.set(a, (byPerson = new Map()));
    see(byPerson, personOf[i]!, personOf[i]!, records[i]!);
  }

  /** (address, person) → occupancy address index, for people not in the address's first occupancy */
  const moved = new Map<number, Map<number, number>>();
  const postcode = Array.from(addresses.postcode);
  const uprn = [...addresses.uprn];
  const label = [...addresses.label];
  for (const [a, cuts] of cutsAt) {
    const people = [...(presence.get(a)?.values() ?? [])];
    if (people.length < 2) continue;
    const valid = [...new Set(cuts)].sort((x, y) => x - y).filter((t) => {
      // each side needs someone who is not a child then: children alone are a family's
      // members recorded late or early, not an occupancy of their own
      let before = false;
      let after = false;
      for (const q of people) {
        const adult = !(t - q.born < CHILD_DAYS);
        if (q.first > t) after ||= adult;
        else if (lastOf(q) <= t + LAG_DAYS) before ||= adult;
        else return false; // seen there on both sides of the line: the same occupancy
      }
      return before && after;
    });
    if (valid.length === 0) continue;
    const byPerson = new Map<number, number>();
    for (const q of people) {
      // occupancy k = the number of valid cuts before the person's first sighting
      let k = 0;
      while (k < valid.length && q.first > valid[k]!) k++;
      if (k > 0) byPerson.set(q.person, k);
    }
    // New address indexes for occupancies 1…, sharing the address's postcode, UPRN and wording.
    const indexOf = new Map<number, number>();
    for (const [p, k] of byPerson) {
      let index = indexOf.get(k);
      if (index === undefined) {
        index = postcode.length;
        indexOf.set(k, index);
        postcode.push(addresses.postcode[a]!);
        uprn.push(addresses.uprn[a] ?? null);
        label.push(addresses.label[a] ?? '');
      }
      byPerson.set(p, index);
    }
    moved.set(a, byPerson);
  }
  if (moved.size === 0) return addresses;
  const addressOf = Int32Array.from(addresses.addressOf);
  for (let i = 0; i < records.length; i++) {
    const a = addressOf[i]!;
    const index = a >= 0 ? moved.get(a)?.get(persons.personOf[i]!) : undefined;
    if (index !== undefined) addressOf[i] = index;
  }
  return { ...addresses, addressOf, count: postcode.length, postcode: Int32Array.from(postcode), uprn, label };
}
