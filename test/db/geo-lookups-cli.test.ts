// Postcode → LSOA lookups (synthetic fixtures in the ONS shapes), bad input, boundaries, and the
// CLI handlers (called directly; main.ts wires them in).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeAreaCommands } from '../../electron/cli/area-commands.js';
import type { ParsedArgs } from '../../electron/cli/args.js';
import { importBoundaries } from '../../electron/engine/geo/boundaries.js';
import { importIodFile } from '../../electron/engine/geo/iod-import.js';
import { importLookupFile } from '../../electron/engine/geo/lookup-import.js';
import { lsoaForPostcode, placeRecords } from '../../electron/engine/geo/placement.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const data = (p: string): string => fileURLToPath(new URL(`../../../shared/data/${p}`, import.meta.url));
const fixture = (p: string): string => fileURLToPath(new URL(`../fixtures/geo/${p}`, import.meta.url));
const openStore = (): Store => Store.openWithKey(join(tempDir(), 'x.db'), randomBytes(32), true);

function addRecords(store: Store, postcodes: Array<string | null>): void {
  const db = store.writer;
  const src = db
    .prepare("INSERT INTO source(file_name, sha256, size, format, partner, kind, as_of, imported_at, imported_by, mapping_json) VALUES ('x.csv', ?, 1, 'csv', 'p', 'other', '2024-01-01', '2024-01-01', 't', '{}')")
    .run(randomBytes(8).toString('hex')).lastInsertRowid;
  postcodes.forEach((pc, i) => {
    const raw = db.prepare("INSERT INTO raw_row(source_id, sheet_ordinal, row_number, cells_json, status) VALUES (?, 0, ?, '[]', 'record')").run(src, i + 2).lastInsertRowid;
    db.prepare('INSERT INTO record(raw_row_id, source_id, postcode) VALUES (?, ?, ?)').run(raw, src, pc);
  });
}

describe('postcode → LSOA lookups', () => {
  it('imports the ONSPD/NSPL shape (several LSOA vintages, terminated postcodes) and the best-fit shape', async () => {
    const store = openStore();
    try {
      const onspd = await importLookupFile(store, fixture('onspd_s_area_extract.csv'), { user: 't' }, silentJob());
      expect(onspd.layout).toMatch(/^ONSPD\/NSPL postcode directory \(postcode "pcds"; LSOA 2001, 2011, 2021\)/);
      expect(onspd.postcodes).toMatchObject({ imported: 5, terminated: 1, outsideEnglandWales: 1, byVintage: { 2001: 5, 2011: 5, 2021: 5 } });
      const best = await importLookupFile(store, fixture('pcd_oa21_lsoa21_best_fit_extract.csv'), { user: 't' }, silentJob());
      expect(best.layout).toMatch(/^postcode → OA → LSOA best-fit lookup \(postcode "pcds"; LSOA 2021\)/);
      expect(lsoaForPostcode(store.reader, 'S61 3BE', 2021)).toBe('E01034247');
      expect(lsoaForPostcode(store.reader, 'S61 3BE', 2011)).toBe('E01007693');
      expect(lsoaForPostcode(store.reader, 'S65 1AB', 2021)).toBe('E01007715');
      const again = await importLookupFile(store, fixture('pcd_oa21_lsoa21_best_fit_extract.csv'), { user: 't' }, silentJob());
      expect(again.status).toBe('skipped');

      addRecords(store, ['S60 1AB', 'S60 1AB', 'S65 1AB', 'S60 9QQ', null]);
      const placed = placeRecords(store.reader, 2021);
      expect(placed).toMatchObject({ recordsWithPostcode: 4, placed: 3 });
      expect(Object.fromEntries(placed.byLsoa)).toEqual({ E01007737: 2, E01007715: 1 });
      expect(placed.unmatched).toEqual([{ postcode: 'S60 9QQ', records: 1 }]);
    } finally {
      store.close();
    }
  });

  it('refuses a file with a postcode column but no LSOA column, saying what it looked for', async () => {
    const store = openStore();
    const f = join(tempDir(), 'pc.csv');
    writeFileSync(f, 'pcds,oa21cd\nS60 1AA,E00039143\n');
    try {
      await expect(importLookupFile(store, f, { user: 't' }, silentJob())).rejects.toThrow(/not a recognised lookup.*lsoa21\/lsoa21cd\/lsoa11\/lsoa11cd.*the postcode column is there, no LSOA column/);
    } finally {
      store.close();
    }
  });
});

describe('IoD bad input', () => {
  it('names the layouts tried and the headers missing', async () => {
    const store = openStore();
    const f = join(tempDir(), 'odd.csv');
    writeFileSync(f, 'Area,Value\nE01000001,3\n');
    try {
      const error = await importIodFile(store, f, { user: 't' }, silentJob()).catch((e: Error) => e);
      expect(String((error as Error).message)).toMatch(/odd\.csv: not a recognised Indices of Deprivation layout \(header: "Area", "Value"\)\. Tried: IoD2015\/2019\/2025 published file \(Files 1–7\): missing "LSOA code \(2011\)" or "LSOA code \(2021\)"/);
      expect(String((error as Error).message)).toMatch(/IoD2004\/2007\/2010 LSOA table: missing/);
    } finally {
      store.close();
    }
  });

  it('reads ranks with thousands separators, "29199.00" integers, a BOM, and the truncated 2025 header', async () => {
    const store = openStore();
    const dir = tempDir();
    const f1 = join(dir, 'File_1.csv');
    writeFileSync(
      f1,
      '\uFEFFLSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile\nE01000001,City of London 001A,E09000001,City of London,"29,199",9\nE01000002,City of London 001B,E09000001,City of London,"3O,379",10\n',
    );
    const f3 = join(dir, 'File_3.csv');
    writeFileSync(
      f3,
      'LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Income Deprivation Affecting Children Index (IDACI) Rank (where 1 is most deprived),Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10% of LSOAs)\nE01000001,City of London 001A,E09000001,City of London,32806.00,10.00\n',
    );
    try {
      const s1 = await importIodFile(store, f1, { user: 't' }, silentJob());
      expect(s1).toMatchObject({ releases: ['IoD2019'], vintage: 2011, layout: 'IoD2019 File 1 (Index of Multiple Deprivation)', problemCount: 1 });
      expect(s1.problems[0]).toMatch(/row 3, column "Index of Multiple Deprivation \(IMD\) Rank": "3O,379" is not a number/);
      await importIodFile(store, f3, { user: 't' }, silentJob());
      expect(store.reader.prepare("SELECT imd_rank, idaci_rank, idaci_decile FROM iod_lsoa WHERE lsoa = 'E01000001'").get()).toEqual({ imd_rank: 29199, idaci_rank: 32806, idaci_decile: 10 });
      const f7 = await importIodFile(store, data('iod2025/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_Rotherham_E08000018.csv'), { user: 't' }, silentJob());
      expect(f7.columns).toContain('cyp_decile'); // "…Decile (where 1 is most deprived 10% of LSO"
      expect(f7.columns).toHaveLength(52);
      expect(f7).toMatchObject({ coverage: 'extract', lsoas: 170, vintage: 2021, releases: ['IoD2025'] });
    } finally {
      store.close();
    }
  });

  it('asks for --release when the header cannot say, and refuses a release that contradicts the header', async () => {
    const store = openStore();
    const f = join(tempDir(), 'extract.csv');
    writeFileSync(f, 'lsoa11_code,IMD_rank\nE01007715,682\n');
    try {
      await expect(importIodFile(store, f, { user: 't' }, silentJob())).rejects.toThrow(/does not say which release.*IoD2015, IoD2019.*--release/);
      const ok = await importIodFile(store, f, { user: 't', release: 'IoD2019' }, silentJob());
      expect(ok).toMatchObject({ releases: ['IoD2019'], derivedDeciles: ['imd_decile'] });
      await expect(importIodFile(store, data('iod2015/imd2015_lsoa11_england.csv'), { user: 't', release: '2019' }, silentJob())).rejects.toThrow(/header says IoD2015/);
    } finally {
      store.close();
    }
  });
});

describe('boundaries', () => {
  it('stores one feature per LSOA code and vintage; refuses non-LSOA layers', async () => {
    const store = openStore();
    try {
      const s = await importBoundaries(store, data('boundaries/rotherham_E08000018_lsoa2021.geojson'), { user: 't' });
      expect(s).toMatchObject({ vintage: 2021, lsoas: 170, codeProperty: 'LSOA21CD' });
      const s11 = await importBoundaries(store, data('boundaries/rotherham_E08000018_lsoa2011.geojson'), { user: 't' });
      expect(s11).toMatchObject({ vintage: 2011, lsoas: 167 });
      await expect(importBoundaries(store, data('boundaries/rotherham_E08000018_msoa2021.geojson'), { user: 't' })).rejects.toThrow(/no LSOA code property/);
    } finally {
      store.close();
    }
  });
});

describe('CLI handlers', () => {
  const args = (words: string[], options: Record<string, string[]> = {}): ParsedArgs => ({ words, options: new Map(Object.entries(options)), flags: new Set(['json']) });

  it('imd import, lookup import, areas create/list/add-lsoa, area profile --json', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const commands = makeAreaCommands(async (path) => Store.openWithKey(path, key, true));
    const db = join(dir, 'x.db');
    const imd = await commands.imd?.(args(['imd', 'import', data('iod2025/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_Rotherham_E08000018.csv'), join(dir, 'missing.csv')]), db, 't');
    expect(imd?.exit).toBe(1);
    expect(imd?.summary).toMatchObject({ ok: false, imported: 1, failed: 1, files: [{ status: 'imported', releases: ['IoD2025'], vintage: 2021, lsoas: 170 }, { status: 'failed' }] });
    const lookup = await commands.lookup?.(args(['lookup', 'import', data('lookups/lookup_lsoa21_ward24_ltla24_best_fit_geographr.csv')]), db, 't');
    expect(lookup?.summary).toMatchObject({ ok: true, files: [{ layout: 'LSOA 2021 → ward 2024 ("ward24_code")', wards: [{ year: 2024, vintage: 2021 }] }] });

    const created = await commands.areas?.(args(['areas', 'create', 'Rotherham East ward'], { ward: ['Rotherham East'], borough: ['E08000018'] }), db, 't');
    expect(created?.summary).toMatchObject({ ok: true, area: { kind: 'ward', vintage: 2021 } });
    const target = await commands.area?.(args(['area', 'create', 'Ferham and Masbrough', 'E01007715'], { vintage: ['2021'], effective: ['2024-04-01'] }), db, 't');
    expect(target?.summary).toMatchObject({ area: { lsoas: ['E01007715'], effectiveDate: '2024-04-01' } });
    await commands.area?.(args(['area', 'add-lsoa', 'Ferham and Masbrough', 'E01007716']), db, 't');
    const list = await commands.areas?.(args(['areas', 'list']), db, 't');
    expect((list?.summary.areas as Array<{ name: string; lsoaCount: number }>).map((a) => [a.name, a.lsoaCount])).toEqual([
      ['Ferham and Masbrough', 2],
      ['Rotherham East ward', expect.any(Number)],
    ]);
    const profile = await commands.area?.(args(['area', 'profile', 'Ferham and Masbrough'], { borough: ['E08000018'] }), db, 't');
    const releases = profile?.summary.releases as Array<{ release: string; vintage: number; area: { imd: { mostDeprived10: number } }; borough: { imd: { mostDeprived10: number } } }>;
    expect(releases.map((r) => [r.release, r.vintage, r.area.imd.mostDeprived10, r.borough.imd.mostDeprived10])).toEqual([['IoD2025', 2021, 2, 36]]);
    expect(JSON.parse(JSON.stringify(profile?.summary))).toMatchObject({ ok: true, command: 'area profile', area: { name: 'Ferham and Masbrough' } });
    await expect(commands.area?.(args(['area', 'profile', 'Nowhere']), db, 't')).rejects.toThrow(/no area named "Nowhere"/);
  });
});
