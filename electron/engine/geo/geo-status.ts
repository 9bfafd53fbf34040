// What reference data the store holds (releases, boundaries, lookups, the import register) and
// which district profiles compare with.
import type { Db } from '../store/database.js';
import type { Store } from '../store/store.js';
import { RELEASES, type ReleaseId, type Vintage } from './releases.js';

export const BOROUGH_META = 'geo.borough';

export interface GeoStatusView {
  releases: Array<{ release: ReleaseId; vintage: Vintage; nationalLsoas: number; lsoas: number }>;
  boundaries: Array<{ vintage: Vintage; lsoas: number }>;
  postcodeVintages: Vintage[];
  changes: Array<{ from: Vintage; to: Vintage; fit: 'exact' | 'best'; rows: number }>;
  wards: Array<{ year: number; vintage: Vintage; wards: number }>;
  imports: Array<{ id: number; kind: 'imd' | 'lookup' | 'boundaries'; fileName: string; layout: string; releases: string[]; vintage: number | null; rows: number; lsoas: number; importedAt: string }>;
  borough: string | null;
}

/** The district chosen by the user, else the one most imported boundaries lie in (null if none). */
export function defaultBorough(store: Store): string | null {
  const chosen = store.meta(BOROUGH_META);
  if (chosen) return chosen;
  const row = store.reader
    .prepare(
      `SELECT l.lad_code AS code, count(*) AS n FROM lsoa_boundary b JOIN lsoa_lad l ON l.vintage = b.vintage AND l.lsoa = b.lsoa
       WHERE l.lad_code GLOB '[EW]0[6789]*' GROUP BY l.lad_code ORDER BY n DESC, l.lad_code LIMIT 1`,
    )
    .get() as { code: string } | undefined;
  return row?.code ?? null;
}

export function geoStatus(store: Store): GeoStatusView {
  const db: Db = store.reader;
  const counts = new Map((db.prepare('SELECT release, count(*) AS n FROM iod_lsoa GROUP BY release').all() as Array<{ release: string; n: number }>).map((r) => [r.release, r.n]));
  const have = new Set((db.prepare('SELECT release FROM iod_release').all() as Array<{ release: string }>).map((r) => r.release));
  return {
    releases: RELEASES.filter((r) => have.has(r.id)).map((r) => ({ release: r.id, vintage: r.vintage, nationalLsoas: r.nationalLsoas, lsoas: counts.get(r.id) ?? 0 })),
    boundaries: db.prepare('SELECT vintage, count(*) AS lsoas FROM lsoa_boundary GROUP BY vintage ORDER BY vintage').all() as GeoStatusView['boundaries'],
    postcodeVintages: (db.prepare('SELECT DISTINCT vintage FROM postcode_lsoa ORDER BY vintage').all() as Array<{ vintage: Vintage }>).map((r) => r.vintage),
    changes: db
      .prepare('SELECT from_vintage AS "from", to_vintage AS "to", fit, count(*) AS rows FROM lsoa_change GROUP BY from_vintage, to_vintage, fit ORDER BY from_vintage, to_vintage, fit')
      .all() as GeoStatusView['changes'],
    wards: db.prepare('SELECT ward_year AS year, vintage, count(DISTINCT ward_code) AS wards FROM lsoa_ward GROUP BY ward_year, vintage ORDER BY ward_year').all() as GeoStatusView['wards'],
    imports: (
      db.prepare('SELECT id, kind, file_name, layout, releases, vintage, rows, lsoas, imported_at FROM geo_import ORDER BY id DESC').all() as Array<{
        id: number;
        kind: 'imd' | 'lookup' | 'boundaries';
        file_name: string;
        layout: string;
        releases: string | null;
        vintage: number | null;
        rows: number;
        lsoas: number;
        imported_at: string;
      }>
    ).map((r) => ({
      id: r.id,
      kind: r.kind,
      fileName: r.file_name,
      layout: r.layout,
      releases: r.releases ? r.releases.split(',') : [],
      vintage: r.vintage,
      rows: r.rows,
      lsoas: r.lsoas,
      importedAt: r.imported_at,
    })),
    borough: defaultBorough(store),
  };
}

/** Wards in the imported ward lookups, limited to a district when one is given. */
export function listWards(db: Db, borough: string | null): Array<{ code: string; name: string | null; year: number; vintage: Vintage; lsoas: number }> {
  return db
    .prepare(
      `SELECT w.ward_code AS code, max(w.ward_name) AS name, w.ward_year AS year, w.vintage AS vintage, count(*) AS lsoas FROM lsoa_ward w
       WHERE @lad IS NULL OR w.lad_code = @lad OR EXISTS (SELECT 1 FROM lsoa_lad l WHERE l.lsoa = w.lsoa AND l.lad_code = @lad)
       GROUP BY w.ward_code, w.ward_year, w.vintage ORDER BY w.ward_year DESC, name`,
    )
    .all({ lad: borough }) as Array<{ code: string; name: string | null; year: number; vintage: Vintage; lsoas: number }>;
}
