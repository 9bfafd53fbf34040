// Households per street (within an LSOA, or everywhere): how many households, people and
// children each street holds. Analysts see exact counts; anyone else sees counts under 10
// suppressed, with a second cell suppressed where one alone could be worked out from the total.
import type { StreetRow } from '../../../shared/ipc/channels/baseline.js';
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
