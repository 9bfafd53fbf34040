// Household stage (DESIGN §3 "Household"): places every person in a household at the latest
// as-of date, using all the evidence, not only full addresses. README.md beside this file gives
// the rules and their reasons. Pure code: no store, no Node APIs.

import type { HouseholdAssignment, LinkRecord, PersonClusters } from '../types.js';
import { resolveAddresses } from './addresses.js';
import { type HouseholdAddress, addressHistory } from './history.js';
import { splitOccupancies } from './occupancy.js';
import { type Candidate, type Placement, placePeople } from './place.js';
import { type PersonProfiles, personProfiles } from './profiles.js';

export { householdAddress, householdKeys, type ParsedAddress } from './address.js';
export type { HouseholdAddress } from './history.js';
export { Evidence, type Candidate, type CandidateGate, type EvidenceCode, type Placement } from './place.js';

export interface HouseholdDetail extends Placement {
  /** per household: its address history, oldest first, current last (only when asked for) */
  history?: HouseholdAddress[][];
}

/** Households at the latest as-of date, one index per person. */
export function buildHouseholds(records: LinkRecord[], persons: PersonClusters): HouseholdAssignment {
  const { householdOfPerson, householdCount } = buildHouseholdsDetailed(records, persons);
  return { householdOfPerson, householdCount };
}

/**
 * As buildHouseholds, with the rule that placed each person (Evidence), each household's address
 * group and, with `{ history: true }`, each household's address history. `trace` (diagnosis only)
 * is told each postcode-only unit's same-surname candidates (place.ts).
 */
export function buildHouseholdsDetailed(
  records: readonly LinkRecord[],
  persons: PersonClusters,
  options: { history?: boolean; trace?: (unit: readonly number[], candidates: Candidate[], profiles: PersonProfiles) => void } = {},
): HouseholdDetail {
  const addresses = splitOccupancies(records, persons, resolveAddresses(records));
  const profiles = personProfiles(records, persons, addresses);
  const trace = options.trace;
  const placement = placePeople(records, persons, profiles, trace ? (unit, candidates) => trace(unit, candidates, profiles) : undefined);
  return options.history ? { ...placement, history: addressHistory(records, persons, addresses, profiles, placement) } : placement;
}
