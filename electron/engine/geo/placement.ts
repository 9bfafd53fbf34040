// Places records on LSOAs through the imported postcode → LSOA lookups (per vintage), and lists
// the postcodes no lookup knows. Derived on demand: nothing here is stored.
import type { Db } from '../store/database.js';
import type { Vintage } from './releases.js';

export interface Placement {
  vintage: Vintage;
  recordsWithPostcode: number;
  placed: number;
  byLsoa: Map<string, number>;
  unmatched: Array<{ postcode: string; records: number }>;
}

/** Vintages for which a postcode lookup has been imported. */
export function postcodeVintages(db: Db): Vintage[] {
  return (db.prepare('SELECT DISTINCT vintage FROM postcode_lsoa ORDER BY vintage').all() as Array<{ vintage: Vintage }>).map((r) => r.vintage);
}

export function lsoaForPostcode(db: Db, postcode: string, vintage: Vintage): string | null {
  const row = db.prepare('SELECT lsoa FROM postcode_lsoa WHERE postcode = ? AND vintage = ?').get(postcode, vintage) as { lsoa: string } | undefined;
  return row?.lsoa ?? null;
}

export function placeRecords(db: Db, vintage: Vintage): Placement {
  const byLsoa = new Map<string, number>();
  for (const r of db
    .prepare('SELECT p.lsoa AS lsoa, count(*) AS n FROM record r JOIN postcode_lsoa p ON p.postcode = r.postcode AND p.vintage = ? GROUP BY p.lsoa')
    .all(vintage) as Array<{ lsoa: string; n: number }>) {
    byLsoa.set(r.lsoa, r.n);
  }
  const unmatched = db
    .prepare(
      `SELECT r.postcode AS postcode, count(*) AS records FROM record r
       WHERE r.postcode IS NOT NULL AND NOT EXISTS (SELECT 1 FROM postcode_lsoa p WHERE p.postcode = r.postcode AND p.vintage = ?)
       GROUP BY r.postcode ORDER BY records DESC, r.postcode`,
    )
    .all(vintage) as Array<{ postcode: string; records: number }>;
  const withPostcode = (db.prepare('SELECT count(*) AS n FROM record WHERE postcode IS NOT NULL').get() as { n: number }).n;
  const placed = [...byLsoa.values()].reduce((a, b) => a + b, 0);
  return { vintage, recordsWithPostcode: withPostcode, placed, byLsoa, unmatched };
}
