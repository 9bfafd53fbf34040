// A store a board pack can report on: a synthetic demo borough imported and linked, Rotherham's
// IoD2025 (and optionally IoD2019) with LSOA 2021 boundaries and the LSOA crosswalk, a postcode
// lookup for the demo's postcodes (most deprived LSOAs first), and target areas of a few LSOAs
// each, small enough that many counts fall under 10.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoBorough } from '../../electron/engine/demo/index.js';
import { createArea } from '../../electron/engine/geo/areas.js';
import { importReference } from '../../electron/engine/geo/reference-import.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { runLink } from '../../electron/engine/link/run-link.js';
import { Store } from '../../electron/engine/store/store.js';

const data = (p: string): string => fileURLToPath(new URL(`../../../shared/data/${p}`, import.meta.url));
export const FILE7 = data('iod2025/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_Rotherham_E08000018.csv');
export const CROSSWALK = data('lookups/rotherham_E08000018_lsoa_crosswalk_2001_2011_2021_wards.csv');
export const IOD2015 = data('iod2015/imd2015_lsoa11_england.csv');
export const IOD2019 = data('iod2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv');
export const BOUNDARIES = data('boundaries/rotherham_E08000018_lsoa2021.geojson');

/** Rotherham's LSOA 2021 codes, most deprived first (IoD2025 rank). */
export function lsoasByDeprivation(): string[] {
  const lines = readFileSync(FILE7, 'utf8').trim().split('\n').slice(1);
  return lines
    .map((l) => l.split(','))
    .map((c) => ({ code: c[0] as string, rank: Number(c[5]) }))
    .sort((a, b) => a.rank - b.rank)
    .map((r) => r.code);
}

const pick = (codes: readonly string[], at: readonly number[]): string[] => at.map((i) => codes[i] as string);

export interface PackFixture {
  store: Store;
  path: string;
  demoDir: string;
  /** Target areas created: name → LSOA codes. */
  areas: Record<string, string[]>;
}

/**
 * The published England-wide file's header and Rotherham's rows (its district code is the third
 * column of both files), under the same file name: the ranks and deciles of every LSOA a pack on
 * Rotherham shows, read by the same importer, at a two-hundredth of the rows.
 */
function rotherhamRows(file: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const [header, ...rows] = readFileSync(file, 'utf8').split('\n');
  const out = join(dir, basename(file));
  writeFileSync(out, [header, ...rows.filter((r) => r.split(',')[2] === 'E08000018')].join('\n'));
  return out;
}

/**
 * `nationalIod` picks the two England-wide files (IoD2015, IoD2019; a few seconds each to import):
 * as published (true, the default), their Rotherham rows only ('rotherham': the same figures for
 * every area of the borough), or none (false) for tests that need Rotherham's IoD2025 alone.
 */
export async function buildPackFixture(dir: string, options: { households: number; seed?: number; passphrase: string; areas?: Record<string, string[]>; nationalIod?: boolean | 'rotherham' }): Promise<PackFixture> {
  const path = join(dir, 'pack.db');
  const store = Store.create(path, options.passphrase, 'analyst');
  store.setMeta('synthetic', 'true');
  const demoDir = join(dir, 'demo');
  const codes = lsoasByDeprivation();
  const written = writeDemoBorough({ households: options.households, seed: options.seed ?? 11, outDir: demoDir, lsoaCodes: codes });
  for (const file of written.files) await importFile(store, file, { user: 'analyst' }, silentJob());
  await runLink(store, { user: 'analyst' }, silentJob());
  const national = options.nationalIod === false ? [] : options.nationalIod === 'rotherham' ? [IOD2015, IOD2019].map((f) => rotherhamRows(f, join(dir, 'iod-rotherham'))) : [IOD2015, IOD2019];
  for (const file of [...national, FILE7, BOUNDARIES, CROSSWALK, written.lookupPath as string]) await importReference(store, file, { kind: 'auto', user: 'analyst' }, silentJob());
  // Default areas: the most deprived LSOAs (where the demo puts its neediest streets) in small groups, and one quieter area.
  const areas = options.areas ?? {
    'Ferham and Masbrough': pick(codes, [0]),
    'Eastwood East': pick(codes, [1]),
    'Canklow North': pick(codes, [2]),
    'Town Centre': pick(codes, [3]),
    'East Dene': pick(codes, [4]),
    'Maltby South East': pick(codes, [5, 131]),
  };
  for (const [name, lsoas] of Object.entries(areas)) createArea(store.writer, { name, kind: 'target', vintage: 2021, lsoas, user: 'analyst' });
  return { store, path, demoDir, areas };
}
