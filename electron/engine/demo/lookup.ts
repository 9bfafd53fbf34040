// A postcode → LSOA lookup for the demo borough's invented postcodes (DESIGN §5: the demo writes
// its own lookup). The caller supplies the LSOA codes — typically those of the area whose IMD
// file was imported, ordered most deprived first — so the demo needs no reference data of its
// own. Streets whose households have the most need go to the first (most deprived) codes.

import type { Borough } from './borough.js';

export interface PostcodeLsoa {
  postcode: string;
  lsoa: string;
}

interface StreetStats {
  key: string;
  postcodes: Set<string>;
  dwellings: Set<string>;
  risk: number;
  households: number;
}

/** Deterministic: every postcode in the borough → one of `lsoaCodes`; a street never spans codes. */
export function postcodeLookup(borough: Borough, lsoaCodes: readonly string[]): PostcodeLsoa[] {
  if (lsoaCodes.length === 0) throw new Error('postcodeLookup: no LSOA codes given');
  const streets = new Map<string, StreetStats>();
  for (const hh of borough.households) {
    for (const { address } of hh.addresses) {
      const key = `${address.town}|${address.street}`;
      let s = streets.get(key);
      if (!s) {
        s = { key, postcodes: new Set(), dwellings: new Set(), risk: 0, households: 0 };
        streets.set(key, s);
      }
      s.postcodes.add(address.postcode);
      s.dwellings.add(address.uprn);
      s.risk += hh.risk + (address.social ? 0.5 : 0);
      s.households += 1;
    }
  }
  const ordered = [...streets.values()].sort((a, b) => {
    const d = b.risk / b.households - a.risk / a.households;
    if (d !== 0) return d;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  const total = ordered.reduce((n, s) => n + s.dwellings.size, 0);
  const perCode = Math.max(1, Math.ceil(total / lsoaCodes.length));
  const out: PostcodeLsoa[] = [];
  let code = 0;
  let filled = 0;
  for (const s of ordered) {
    const lsoa = lsoaCodes[Math.min(code, lsoaCodes.length - 1)] as string;
    for (const postcode of s.postcodes) out.push({ postcode, lsoa });
    filled += s.dwellings.size;
    if (filled >= perCode) {
      code++;
      filled = 0;
    }
  }
  return out.sort((a, b) => (a.postcode < b.postcode ? -1 : a.postcode > b.postcode ? 1 : 0));
}
