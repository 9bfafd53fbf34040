// Households of the latest Run placed on LSOAs, derived from the cohort facts the pack reads
// anyway (each household's most common postcode, ties to the first in order — the same rule as
// geo/household-placement.ts), so a build reads the records once rather than once per feature.
import type { CohortFacts } from '../cohort/facts.js';
import type { HouseholdPlacement } from '../geo/household-placement.js';
import type { Vintage } from '../geo/releases.js';
import type { Db } from '../store/database.js';

export function placementFromFacts(db: Db, facts: CohortFacts, vintage: Vintage): HouseholdPlacement {
  const out: HouseholdPlacement = { vintage, run: facts.run, households: 0, persons: 0, placedHouseholds: 0, placedPersons: 0, withoutPostcode: 0, byLsoa: new Map(), unmatched: [] };
  if (facts.run === null) return out;
  const lookup = db.prepare('SELECT lsoa FROM postcode_lsoa WHERE postcode = ? AND vintage = ?').pluck();
  const lsoaOf = new Map<string, string | null>();
  const unmatched = new Map<string, number>();
  facts.householdIds.forEach((id, h) => {
    // Records imported since the Run are households of their own ("HR…") until the next Run: not counted.
    if (id.startsWith('HR')) return;
    const persons = facts.memberStart[h + 1]! - facts.memberStart[h]!;
    out.households++;
    out.persons += persons;
    const pc = facts.householdPostcode[h];
    if (!pc) {
      out.withoutPostcode++;
      return;
    }
    let lsoa = lsoaOf.get(pc);
    if (lsoa === undefined) {
      lsoa = (lookup.get(pc, vintage) as string | undefined) ?? null;
      lsoaOf.set(pc, lsoa);
    }
    if (lsoa === null) {
      unmatched.set(pc, (unmatched.get(pc) ?? 0) + 1);
      return;
    }
    const seen = out.byLsoa.get(lsoa) ?? { households: 0, persons: 0 };
    seen.households++;
    seen.persons += persons;
    out.byLsoa.set(lsoa, seen);
    out.placedHouseholds++;
    out.placedPersons += persons;
  });
  out.unmatched = [...unmatched].map(([postcode, households]) => ({ postcode, households })).sort((a, b) => b.households - a.households || a.postcode.localeCompare(b.postcode));
  return out;
}
