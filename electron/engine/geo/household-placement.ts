// Places the latest linkage Run's households on LSOAs of a vintage: each household at the
// postcode most of its members' records give (ties to the first in order), then through the
// imported postcode → LSOA lookup of that vintage. Persons count where their household is.
// Computed when asked (one query per vintage) so it always follows the latest Run and lookups;
// households whose postcode no lookup knows are listed by postcode, with how many there are.
import type { Db } from '../store/database.js';
import type { Vintage } from './releases.js';

export interface HouseholdPlacement {
  vintage: Vintage;
  /** The linkage Run counted, or null when nothing has been linked yet. */
  run: number | null;
  households: number;
  persons: number;
  placedHouseholds: number;
  placedPersons: number;
  /** Households none of whose records has a postcode. */
  withoutPostcode: number;
  byLsoa: Map<string, { households: number; persons: number }>;
  unmatched: Array<{ postcode: string; households: number }>;
}

export function placeHouseholds(db: Db, vintage: Vintage): HouseholdPlacement {
  const run = (db.prepare('SELECT max(id) AS id FROM link_run').get() as { id: number | null }).id;
  const empty: HouseholdPlacement = { vintage, run, households: 0, persons: 0, placedHouseholds: 0, placedPersons: 0, withoutPostcode: 0, byLsoa: new Map(), unmatched: [] };
  if (run === null) return empty;
  const rows = db
    .prepare(
      `WITH members AS (
         SELECT household_id AS hh, count(*) AS persons FROM run_person_household WHERE run_id = @run GROUP BY household_id
       ), votes AS (
         SELECT h.household_id AS hh, r.postcode AS pc, count(*) AS n
         FROM run_person_household h
         JOIN run_record_person p ON p.run_id = h.run_id AND p.person_id = h.person_id
         JOIN record r ON r.id = p.record_id
         WHERE h.run_id = @run AND r.postcode IS NOT NULL AND r.postcode <> ''
         GROUP BY h.household_id, r.postcode
       ), chosen AS (
         SELECT hh, pc FROM (SELECT hh, pc, row_number() OVER (PARTITION BY hh ORDER BY n DESC, pc) AS k FROM votes) WHERE k = 1
       )
       SELECT c.pc AS postcode, l.lsoa AS lsoa, count(*) AS households, sum(m.persons) AS persons
       FROM members m LEFT JOIN chosen c ON c.hh = m.hh LEFT JOIN postcode_lsoa l ON l.postcode = c.pc AND l.vintage = @vintage
       GROUP BY c.pc IS NULL, l.lsoa, CASE WHEN l.lsoa IS NULL THEN c.pc END`,
    )
    .all({ run, vintage }) as Array<{ postcode: string | null; lsoa: string | null; households: number; persons: number }>;
  const out = { ...empty, byLsoa: new Map<string, { households: number; persons: number }>(), unmatched: [] as HouseholdPlacement['unmatched'] };
  for (const r of rows) {
    out.households += r.households;
    out.persons += r.persons;
    if (r.postcode === null) out.withoutPostcode += r.households;
    else if (r.lsoa === null) out.unmatched.push({ postcode: r.postcode, households: r.households });
    else {
      const seen = out.byLsoa.get(r.lsoa) ?? { households: 0, persons: 0 };
      seen.households += r.households;
      seen.persons += r.persons;
      out.byLsoa.set(r.lsoa, seen);
      out.placedHouseholds += r.households;
      out.placedPersons += r.persons;
    }
  }
  out.unmatched.sort((a, b) => b.households - a.households || a.postcode.localeCompare(b.postcode));
  return out;
}
