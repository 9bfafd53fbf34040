// Address history per household (DESIGN §3: a household keeps its ID when it moves, with an
// address history — UPRN or normalised address, from/to dates). Built from the members' records
// that carry a full address; dates are the records' event dates, else their Sources' as-of dates.

import type { LinkRecord, PersonClusters } from '../types.js';
import type { ResolvedAddresses } from './addresses.js';
import type { Placement } from './place.js';
import type { PersonProfiles } from './profiles.js';

export interface HouseholdAddress {
  uprn: string | null;
  /** normalised address ("FLAT 2, 14 KILNFIELD ROAD, WEXTHORPE, S65 2RB") */
  address: string;
  postcode: string | null;
  /** earliest date a member was recorded there */
  from: string;
  /** latest date a member was recorded there; null for the current address */
  to: string | null;
}

/** Per household, its addresses oldest first; the current one (if known) last, with `to` null. */
export function addressHistory(
  records: readonly LinkRecord[],
  persons: PersonClusters,
  addresses: ResolvedAddresses,
  profiles: PersonProfiles,
  placement: Placement,
): HouseholdAddress[][] {
  interface Span {
    address: number;
    from: string;
    to: string;
    dated: string;
  }
  const spans: Array<Map<number, Span> | undefined> = new Array<Map<number, Span> | undefined>(placement.householdCount);
  for (let i = 0; i < records.length; i++) {
    const a = addresses.addressOf[i]!;
    if (a < 0) continue;
    const r = records[i]!;
    const h = placement.householdOfPerson[persons.personOf[i]!]!;
    const date = r.eventDate ?? r.asOf;
    let byAddress = spans[h];
    if (!byAddress) spans[h] = byAddress = new Map();
    const span = byAddress.get(a);
    if (!span) byAddress.set(a, { address: a, from: date, to: date, dated: r.eventDate ?? '' });
    else {
      if (date < span.from) span.from = date;
      if (date > span.to) span.to = date;
      if (r.eventDate && r.eventDate > span.dated) span.dated = r.eventDate;
    }
  }
  const out: HouseholdAddress[][] = [];
  for (let h = 0; h < placement.householdCount; h++) {
    const list = [...(spans[h]?.values() ?? [])];
    // The current address: in the household's address group, the one with the latest dated
    // record, then the latest record of any kind.
    const group = placement.addressGroup[h]!;
    let current: Span | null = null;
    for (const s of list) {
      if (profiles.groupOfAddress[s.address] !== group) continue;
      if (!current || s.dated > current.dated || (s.dated === current.dated && s.to > current.to)) current = s;
    }
    list.sort((x, y) => (x === current ? 1 : y === current ? -1 : x.to.localeCompare(y.to) || x.from.localeCompare(y.from)));
    out.push(
      list.map((s) => {
        const pc = addresses.postcode[s.address]!;
        return {
          uprn: addresses.uprn[s.address] ?? null,
          address: addresses.label[s.address] ?? '',
          postcode: pc >= 0 ? (addresses.postcodeText[pc] ?? null) : null,
          from: s.from,
          to: s === current ? null : s.to,
        };
      }),
    );
  }
  return out;
}
