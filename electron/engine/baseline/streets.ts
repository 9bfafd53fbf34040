// Households per street (within an LSOA, or everywhere): how many households, people and
// children each street holds. Analysts see exact counts; anyone else sees counts under 10
// suppressed, with a second cell suppressed where one alone could be worked out from the total.
import type { StreetRow, WardRow } from '../../../shared/ipc/channels/baseline.js';
import type { Db } from '../store/database.js';

/** Counts below this are suppressed for non-analysts. */
export const DISCLOSURE_MIN = 10;

/**
 * Primary suppression (under `min`, above 0) and secondary suppression: where exactly one cell of
 * a column is hidden, the next smallest is hidden too, so the column's total cannot give it away.
 */
export function suppressColumn(values: ReadonlyArray<number>, min = DISCLOSURE_MIN): Array<number | null> {
  const out: Array<number | null> = values.map((v) => (v > 0 && v < min ? null : v));
  const hidden = out.filter((v) => v === null).length;
  if (hidden === 1) {
    let pick = -1;
    for (let i = 0; i < values.length; i++) {
      if (out[i] === null || (values[i] as number) === 0) continue;
      if (pick === -1 || (values[i] as number) < (values[pick] as number)) pick = i;
    }
    if (pick >= 0) out[pick] = null;
  }
  return out;
}

export function streetCounts(db: Db, lsoa: string | undefined, exact: boolean): { rows: StreetRow[]; suppressed: boolean } {
  const rows = db
    .prepare(
      `SELECT h.street, h.lsoa, count(*) AS households, sum(h.members) AS persons, sum(h.children) AS children
       FROM baseline_household h ${lsoa ? 'WHERE h.lsoa = ?' : ''}
       GROUP BY h.street, h.lsoa ORDER BY h.lsoa, h.street`,
    )
    .all(...(lsoa ? [lsoa] : [])) as Array<{ street: string | null; lsoa: string | null; households: number; persons: number; children: number }>;
  if (exact) return { rows, suppressed: false };
  const hh = suppressColumn(rows.map((r) => r.households));
  const pp = suppressColumn(rows.map((r) => r.persons));
  const cc = suppressColumn(rows.map((r) => r.children));
  return {
    rows: rows.map((r, i) => ({ street: r.street, lsoa: r.lsoa, households: hh[i] ?? null, persons: pp[i] ?? null, children: cc[i] ?? null })),
    suppressed: true,
  };
}

/** Households, people and children per ward (by each household's LSOA and the newest ward lookup), suppressed as streets are. */
export function wardCounts(db: Db, exact: boolean): { wardYear: number | null; rows: WardRow[]; suppressed: boolean } {
  const latest = db.prepare('SELECT vintage, ward_year AS year FROM lsoa_ward ORDER BY ward_year DESC, vintage DESC LIMIT 1').get() as { vintage: number; year: number } | undefined;
  const rows = db
    .prepare(
      `SELECT w.ward_code AS wardCode, w.ward_name AS wardName, count(*) AS households, sum(h.members) AS persons, sum(h.children) AS children
       FROM baseline_household h LEFT JOIN lsoa_ward w ON w.lsoa = h.lsoa AND w.vintage = @vintage AND w.ward_year = @year
       GROUP BY w.ward_code, w.ward_name ORDER BY w.ward_name IS NULL, w.ward_name, w.ward_code`,
    )
    .all({ vintage: latest?.vintage ?? null, year: latest?.year ?? null }) as Array<{ wardCode: string | null; wardName: string | null; households: number; persons: number; children: number }>;
  if (exact) return { wardYear: latest?.year ?? null, rows, suppressed: false };
  const hh = suppressColumn(rows.map((r) => r.households));
  const pp = suppressColumn(rows.map((r) => r.persons));
  const cc = suppressColumn(rows.map((r) => r.children));
  return {
    wardYear: latest?.year ?? null,
    rows: rows.map((r, i) => ({ wardCode: r.wardCode, wardName: r.wardName, households: hh[i] ?? null, persons: pp[i] ?? null, children: cc[i] ?? null })),
    suppressed: true,
  };
}
