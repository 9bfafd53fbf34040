// Issue 5 "done when": the ../shared/data IoD files and lookups reproduce Rotherham's LSOAs in
// England's most deprived decile per release (19, 19, 28, 32, 36, 36; 170 LSOAs in 2021), and a
// target neighbourhood on 2011 LSOAs shows its 2025 position through the 2011→2021 lookup, with
// split/merge warnings.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLsoas, createArea } from '../../electron/engine/geo/areas.js';
import { importIodFile } from '../../electron/engine/geo/iod-import.js';
import { importLookupFile } from '../../electron/engine/geo/lookup-import.js';
import { areaProfile, boroughLsoas } from '../../electron/engine/geo/profile.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';

const data = (p: string): string => fileURLToPath(new URL(`../../../shared/data/${p}`, import.meta.url));

const IOD_FILES = [
  'iod2004/imd2004_lsoa01_england.csv',
  'iod2007/imd2007_lsoa01_england.csv',
  'iod2010/imd2010_england_lsoa01_humaniverse.csv',
  'iod2015/imd2015_lsoa11_england.csv',
  'iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv',
  'iod2019/File_3_-_IoD2019_Supplementary_Indices_-_IDACI_and_IDAOPI.csv',
  'iod2019/File_6_-_IoD2019_Population_Denominators.csv',
  'iod2025/imd2025_england_lsoa21_humaniverse.csv',
  'iod2025/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_Rotherham_E08000018.csv',
];
const LOOKUPS = ['lookups/lsoa01_to_lsoa11_lookup_england_wales_with_CHGIND.csv', 'lookups/lookup_lsoa11_lsoa21_ltla22_exact_fit_with_change_code_geographr.csv'];

let dir: string;
let store: Store;
const imports: Array<{ file: string; releases: string[]; vintage: number | null; layout: string; lsoas: number }> = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-geo-'));
  store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
  for (const f of IOD_FILES) imports.push(await importIodFile(store, data(f), { user: 'test' }, silentJob()));
  for (const f of LOOKUPS) await importLookupFile(store, data(f), { user: 'test' }, silentJob());
}, 120_000);

afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('IoD 2004–2025 for Rotherham from the published and derived files', () => {
  it('reports release, LSOA vintage, layout and LSOA count for every file', () => {
    expect(imports.map((i) => [i.releases.join(','), i.vintage, i.lsoas])).toEqual([
      ['IoD2004', 2001, 32482],
      ['IoD2007', 2001, 32482],
      ['IoD2010', 2001, 32482],
      ['IoD2015', 2011, 32844],
      ['IoD2019', 2011, 32844],
      ['IoD2019', 2011, 32844],
      ['IoD2019', 2011, 32844],
      ['IoD2025', 2021, 33755],
      ['IoD2025', 2021, 170],
    ]);
    expect(imports[4]?.layout).toBe('IoD2019 File 2 (Domains of Deprivation)');
    expect(imports[6]?.layout).toBe('IoD2019 File 6 (Population Denominators)');
    expect(imports[8]?.layout).toBe('IoD2025 File 7 (All Ranks, Scores, Deciles and Population Denominators)');
  });

  it('counts Rotherham LSOAs in England\'s most deprived decile: 19, 19, 28, 32, 36, 36; 170 LSOAs in 2021', () => {
    createArea(store.writer, { name: 'Ferham', kind: 'target', vintage: 2011, lsoas: ['E01007715'], user: 'test' });
    const profile = areaProfile(store.reader, 'Ferham', { borough: 'E08000018' });
    const borough = profile.releases.map((r) => [r.release, r.vintage, r.borough?.lsoas, r.borough?.imd?.mostDeprived10]);
    expect(borough).toEqual([
      ['IoD2004', 2001, 166, 19],
      ['IoD2007', 2001, 166, 19],
      ['IoD2010', 2001, 166, 28],
      ['IoD2015', 2011, 167, 32],
      ['IoD2019', 2011, 167, 36],
      ['IoD2025', 2021, 170, 36],
    ]);
    expect(profile.releases.find((r) => r.release === 'IoD2019')?.borough?.imd?.mostDeprived20).toBe(59);
    // Ferham's published ranks (DOMAIN §6.2): 2015 242, 2019 682, 2025 15.
    expect(profile.releases.map((r) => r.area.lsoaFigures[0]?.imdRank)).toEqual([811, 1033, 851, 242, 682, 15]);
    // Every figure names its release and vintage.
    for (const r of profile.releases) {
      expect(r.area.imd).toMatchObject({ release: r.release, vintage: r.vintage });
      for (const f of r.area.lsoaFigures) expect(f).toMatchObject({ release: r.release, vintage: r.vintage });
    }
    // Population denominators where the file has them (IoD2025 File 7: mid-2022).
    const pop = profile.releases.find((r) => r.release === 'IoD2025')?.borough?.population;
    expect(pop).toMatchObject({ release: 'IoD2025', vintage: 2021, total: 268_267, inMostDeprived10: 57_440 });
    expect(pop?.label).toMatch(/mid 2022/);
    // Domains present for 2019 (File 2) and IDACI/IDAOPI (File 3).
    const d2019 = profile.releases.find((r) => r.release === 'IoD2019')?.borough?.domains.map((d) => d.indicator);
    expect(d2019).toEqual(expect.arrayContaining(['income', 'employment', 'education', 'health', 'crime', 'barriers', 'living_environment', 'idaci', 'idaopi']));
  });

  it('compares releases by rank and decile only, flagging LSOAs whose boundary changed', () => {
    const profile = areaProfile(store.reader, 'Ferham', { borough: 'E08000018' });
    const c = profile.changes.find((x) => x.from === 'IoD2019' && x.to === 'IoD2025');
    expect(c?.area.lsoas).toEqual([
      { lsoa: 'E01007715', toLsoa: 'E01007715', from: { release: 'IoD2019', vintage: 2011, rank: 682, decile: 1 }, to: { release: 'IoD2025', vintage: 2021, rank: 15, decile: 1 }, rankChange: -667, decileChange: 0 },
    ]);
    expect(JSON.stringify(c)).not.toMatch(/score/i);
    // The borough 2019 → 2025: the 3 split and 2 merged LSOA11 are flagged, not joined.
    expect(c?.borough?.flagged.map((f) => [f.lsoa, f.change]).sort()).toEqual([
      ['E01007665', 'S'],
      ['E01007693', 'S'],
      ['E01007787', 'S'],
      ['E01007813', 'M'],
      ['E01007814', 'M'],
    ]);
    expect(c?.borough?.comparableLsoas).toBe(162);
    expect(profile.caveats.join(' ')).toMatch(/not a measure of absolute change/);
  });

  it('shows a 2011 target neighbourhood in 2025 through the 2011→2021 lookup, warning of splits and merges', () => {
    // 001A split into 001F/001G; 024C merged with 024D (left outside the area) into 034G.
    createArea(store.writer, { name: 'North and 024C', kind: 'target', vintage: 2011, lsoas: ['E01007693', 'E01007813', 'E01007737'], user: 'test' });
    const p = areaProfile(store.reader, 'North and 024C');
    const r2025 = p.releases.find((r) => r.release === 'IoD2025');
    expect(r2025?.area.lsoaFigures.map((f) => [f.lsoa, f.changed, f.imdRank !== null])).toEqual([
      ['E01007737', null, true],
      ['E01034246', 'S', true],
      ['E01034247', 'S', true],
      ['E01034253', 'M', true],
    ]);
    expect(r2025?.area.lsoaFigures.find((f) => f.lsoa === 'E01007737')?.imdRank).toBe(229);
    const w = p.warnings.filter((x) => x.startsWith('IoD2025'));
    expect(w.some((x) => /E01007693 \(LSOA 2011\) was split into E01034246, E01034247/.test(x))).toBe(true);
    expect(w.some((x) => /E01007813 \(LSOA 2011\) merged with E01007814 \(outside this area\) into E01034253/.test(x))).toBe(true);
    expect(r2025?.carried?.changed.map((m) => m.from).sort()).toEqual(['E01007693', 'E01007813']);
    // Back to 2001 geography for IoD2004–2010: 001A was an unchanged LSOA01.
    expect(p.releases.find((r) => r.release === 'IoD2004')?.area.lsoas).toBe(3);
  });

  it('refuses mixed vintages and codes no file knows', () => {
    expect(() => addLsoas(store.writer, 'Ferham', ['E01034246'])).toThrow(/Mixed vintages.*E01034246 \(LSOA 2021\)/);
    expect(() => addLsoas(store.writer, 'Ferham', ['E01099999'])).toThrow(/Not LSOA 2011 codes in any imported file/);
    expect(() => addLsoas(store.writer, 'Ferham', ['S01000001'])).toThrow(/Not LSOA codes/);
  });

  it('knows the borough on each vintage from district columns and lookups', () => {
    expect(boroughLsoas(store.reader, 'Rotherham', 2021)).toHaveLength(170);
    expect(boroughLsoas(store.reader, 'E08000018', 2001)).toHaveLength(166);
  });
});
