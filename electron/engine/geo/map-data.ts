// The map's data: every imported boundary of a vintage, simplified for drawing, with one value
// per LSOA — a release's decile of the IMD or one of its indices, its population denominator,
// or households/persons from the latest linkage Run (withheld/rounded where the role must only
// see aggregates). Rendering is the renderer's job; this keeps the payload small.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Db } from '../store/database.js';
import { disclose, type Disclosure } from './disclosure.js';
import { placeHouseholds } from './household-placement.js';
import { INDEX_KEYS, INDEX_WORDING, type IndexKey } from './iod-layouts.js';
import { releaseInfo, type ReleaseId, type Vintage } from './releases.js';
import { countPositions, extent, simplifyGeometry, type PolygonGeometry } from './simplify.js';

export type MapMeasure =
  | { kind: 'decile'; release: ReleaseId; indicator: IndexKey }
  | { kind: 'population'; release: ReleaseId }
  | { kind: 'households' | 'persons'; vintage: Vintage };

export interface MapFeature {
  lsoa: string;
  name: string | null;
  geometry: PolygonGeometry;
  value: number | null;
  rank: number | null;
  withheld: boolean;
}

export interface MapDataView {
  vintage: Vintage;
  measure: MapMeasure;
  label: string;
  scale: 'decile' | 'count';
  disclosure: Disclosure;
  bbox: [number, number, number, number];
  features: MapFeature[];
  notes: string[];
}

/** Share of the layer's larger side kept as detail: about a pixel on a 1,500-pixel map. */
const TOLERANCE_SHARE = 1 / 1500;
const DECIMALS = 5;

function measureVintage(measure: MapMeasure): Vintage {
  if ('vintage' in measure) return measure.vintage;
  const info = releaseInfo(measure.release);
  if (!info) throw new WorkbenchError('bad-input', `${measure.release} is not an IoD release.`);
  return info.vintage;
}

export function mapData(db: Db, measure: MapMeasure, disclosure: Disclosure): MapDataView {
  const vintage = measureVintage(measure);
  const rows = db.prepare('SELECT lsoa, name, geometry_json FROM lsoa_boundary WHERE vintage = ? ORDER BY lsoa').all(vintage) as Array<{ lsoa: string; name: string | null; geometry_json: string }>;
  if (rows.length === 0) {
    const why = 'release' in measure ? `${measure.release} is published on LSOA ${vintage} codes, but no` : 'No';
    throw new WorkbenchError('bad-input', `${why} LSOA ${vintage} boundaries have been imported. Import the LSOA ${vintage} boundary GeoJSON first.`);
  }
  const geometries = rows.map((r) => JSON.parse(r.geometry_json) as PolygonGeometry);
  const box = extent(geometries);
  const tolerance = Math.max(box[2] - box[0], box[3] - box[1]) * TOLERANCE_SHARE;
  const notes: string[] = [];
  const values = new Map<string, { value: number | null; rank: number | null; withheld: boolean }>();
  let label: string;
  let scale: MapDataView['scale'] = 'count';

  if (measure.kind === 'decile') {
    // The indicator comes from a fixed list (the contract's enum), so it can name a column.
    if (!(INDEX_KEYS as readonly string[]).includes(measure.indicator)) throw new WorkbenchError('bad-input', `Unknown index "${measure.indicator}".`);
    scale = 'decile';
    const wording = INDEX_WORDING.find((w) => w.key === measure.indicator)?.label ?? measure.indicator;
    label = `${measure.release} ${wording} decile (LSOA ${vintage}; 1 = most deprived 10% in England)`;
    const sql = `SELECT lsoa, ${measure.indicator}_decile AS value, ${measure.indicator}_rank AS rank FROM iod_lsoa WHERE release = ?`;
    for (const r of db.prepare(sql).all(measure.release) as Array<{ lsoa: string; value: number | null; rank: number | null }>) values.set(r.lsoa, { value: r.value, rank: r.rank, withheld: false });
    notes.push('Deciles are relative to all LSOAs in England in this release; compare releases by rank and decile, never by score.');
  } else if (measure.kind === 'population') {
    label = `${measure.release} population denominator (LSOA ${vintage})`;
    for (const r of db.prepare('SELECT lsoa, pop_total AS value, pop_label FROM iod_lsoa WHERE release = ? AND pop_total IS NOT NULL').all(measure.release) as Array<{ lsoa: string; value: number; pop_label: string | null }>) {
      values.set(r.lsoa, { value: r.value, rank: null, withheld: false });
      if (r.pop_label && notes.length === 0) notes.push(`${r.pop_label}, as published with ${measure.release}.`);
    }
  } else {
    const placement = placeHouseholds(db, vintage);
    label = `${measure.kind === 'households' ? 'Households' : 'Persons'} in the baseline (LSOA ${vintage})`;
    if (placement.run === null) notes.push('Nothing has been linked yet, so there are no households or persons to count.');
    for (const [lsoa, c] of placement.byLsoa) {
      const shown = disclose(measure.kind === 'households' ? c.households : c.persons, disclosure);
      values.set(lsoa, { value: shown, rank: null, withheld: shown === null });
    }
    if (disclosure === 'rounded') notes.push('Counts under 10 are withheld and the rest rounded to the nearest 5 (disclosure control).');
    const unplaced = placement.withoutPostcode + placement.unmatched.reduce((n, u) => n + u.households, 0);
    if (unplaced > 0) notes.push(`${disclose(unplaced, disclosure) ?? 'Fewer than 10'} households could not be placed (no postcode, or a postcode not in the LSOA ${vintage} lookup).`);
  }

  const features = rows.map((r, i) => {
    const v = values.get(r.lsoa);
    return { lsoa: r.lsoa, name: r.name, geometry: simplifyGeometry(geometries[i] as PolygonGeometry, tolerance, DECIMALS), value: v?.value ?? null, rank: v?.rank ?? null, withheld: v?.withheld ?? false };
  });
  const withValue = features.filter((f) => f.value !== null || f.withheld).length;
  if (withValue < features.length) notes.push(`${features.length - withValue} of ${features.length} LSOAs have no value for this measure.`);
  return { vintage, measure, label, scale, disclosure, bbox: box, features, notes };
}

/** Positions sent for a map (to keep an eye on the payload). */
export const mapPositions = (view: MapDataView): number => view.features.reduce((n, f) => n + countPositions(f.geometry), 0);
