// Household stage (DESIGN §3 "Household"). First simple version: each person's household is
// decided by their address at their latest as-of date — UPRN when known, else the normalised
// address — and a person with neither is a household of one. Improved rules follow.

import type { HouseholdAssignment, LinkRecord, PersonClusters } from '../types.js';

function normaliseAddress(address: string, postcode: string | null): string {
  const text = address
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return postcode ? `${text}|${postcode}` : text;
}

export function buildHouseholds(records: LinkRecord[], persons: PersonClusters): HouseholdAssignment {
  const { personOf, personCount } = persons;
  const latestAsOf: string[] = new Array<string>(personCount).fill('');
  const keyOf: (string | null)[] = new Array<string | null>(personCount).fill(null);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const p = personOf[i]!;
    const key = r.uprn ? `U:${r.uprn}` : r.address ? `A:${normaliseAddress(r.address, r.postcode)}` : null;
    if (key === null) continue;
    const at = r.asOf;
    if (keyOf[p] === null || at > latestAsOf[p]!) {
      keyOf[p] = key;
      latestAsOf[p] = at;
    }
  }
  const householdOfPerson = new Int32Array(personCount);
  const ids = new Map<string, number>();
  let householdCount = 0;
  for (let p = 0; p < personCount; p++) {
    const key = keyOf[p];
    if (key === null || key === undefined) {
      householdOfPerson[p] = householdCount++;
      continue;
    }
    let h = ids.get(key);
    if (h === undefined) {
      h = householdCount++;
      ids.set(key, h);
    }
    householdOfPerson[p] = h;
  }
  return { householdOfPerson, householdCount };
}
