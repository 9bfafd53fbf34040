// The doors (flat and house numbers) each person was recorded at, even in addresses too partial
// to place them ("Flat 25" and a postcode, as A&E keeps it): two neighbours at one postcode who
// share a surname are two households when their doors differ. Pure.
import { recordAddress } from '../address.js';
import type { LinkRecord } from '../types.js';
import { householdKeys } from './address.js';

/** A person keeps at most this many doors: more is someone seen everywhere, not a home. */
const MAX_DOORS = 8;

/** Per person index, their doors ("F9" a flat, "N14" a house number), or undefined for none. */
export function doorsOfPeople(records: readonly LinkRecord[], personOf: Int32Array, personCount: number): Array<string[] | undefined> {
  const doors: Array<string[] | undefined> = new Array<string[] | undefined>(personCount);
  const doorsOfParts = new Map<object, string[]>();
  for (let i = 0; i < records.length; i++) {
    const address = recordAddress(records[i]!);
    if (!address) continue;
    let marks = doorsOfParts.get(address.parts);
    if (!marks) {
      const parsed = householdKeys(address.parts, null);
      marks = [...(parsed.flat ? [`F${parsed.flat}`] : []), ...(parsed.number ? [`N${parsed.number}`] : [])];
      doorsOfParts.set(address.parts, marks);
    }
    if (marks.length === 0) continue;
    const p = personOf[i]!;
    const held = doors[p] ?? (doors[p] = []);
    for (const m of marks) if (held.length < MAX_DOORS && !held.includes(m)) held.push(m);
  }
  return doors;
}

/** Whether two sets of doors are different homes only: flats (or house numbers) on both sides, none in common. */
export function doorsDiffer(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  for (const kind of ['F', 'N']) {
    const x = a.filter((d) => d[0] === kind);
    const y = b.filter((d) => d[0] === kind);
    if (x.length > 0 && y.length > 0 && !x.some((d) => y.includes(d))) return true;
  }
  return false;
}
