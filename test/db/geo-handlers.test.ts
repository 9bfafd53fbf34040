// The areas feature through the engine's channels, as the page calls them: reference files
// imported as jobs with byte-based progress, status, areas (incl. wards chosen by the area's
// effective date), the profile in the contract's shape, the map payload, households placed per
// LSOA vintage, and what a co-ordinator may see (aggregates, with disclosure control).
import { randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AreaProfile, GeoImportResult, MapData, type AreaRow, type GeoStatus } from '../../shared/ipc/channels/areas.js';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { makeAreaCommands } from '../../electron/cli/area-commands.js';
import type { ParsedArgs } from '../../electron/cli/args.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const data = (p: string): string => fileURLToPath(new URL(`../../../shared/data/${p}`, import.meta.url));
const FILE7 = data('iod2025/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_Rotherham_E08000018.csv');
const CROSSWALK = data('lookups/rotherham_E08000018_lsoa_crosswalk_2001_2011_2021_wards.csv');
const BOUNDARIES = data('boundaries/rotherham_E08000018_lsoa2021.geojson');
const PASS = 'analyst passphrase here';

async function call<T>(engine: Engine, channel: string, request: unknown): Promise<T> {
  const result = await engine.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

/** Runs a job channel to the end; returns its result (or error) and every progress event. */
async function runJob(engine: Engine, channel: string, request: unknown): Promise<{ ok: boolean; value: unknown; error?: { kind: string; message: string }; progress: Array<{ phase: string; done: number; total: number }> }> {
  const progress: Array<{ phase: string; done: number; total: number }> = [];
  const { job } = await call<{ job: string }>(engine, channel, request);
  return new Promise((resolve) => {
    const off = engine.onEvent((event: EngineEvent) => {
      if (event.type === 'job:progress' && event.job === job) progress.push({ phase: event.phase, done: event.done, total: event.total });
      if (event.type === 'job:finished' && event.job === job) {
        off();
        const r = event.result;
        resolve(r.ok ? { ok: true, value: r.value, progress } : { ok: false, value: null, error: r.error, progress });
      }
    });
  });
}

async function importFile(engine: Engine, path: string, extra: Record<string, unknown> = {}) {
  const { token } = await call<{ token: string }>(engine, 'files:fromPath', { path });
  return runJob(engine, 'geo:import', { token, ...extra });
}

async function analystEngine(): Promise<{ engine: Engine; path: string }> {
  const path = join(tempDir(), 'baseline.db');
  const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
  await call(engine, 'store:create', { passphrase: PASS });
  return { engine, path };
}

describe('reference files imported through geo:import', () => {
  it('recognises IoD, lookup and boundary files, reports what it found, and shows progress by bytes', async () => {
    const { engine } = await analystEngine();
    try {
      const iod = await importFile(engine, FILE7);
      expect(iod.ok).toBe(true);
      const summary = GeoImportResult.parse(iod.value);
      expect(summary).toMatchObject({ kind: 'imd', status: 'imported', releases: ['IoD2025'], vintages: [2021], lsoas: 170 });
      expect(summary.layout).toBe('IoD2025 File 7 (All Ranks, Scores, Deciles and Population Denominators)');
      const size = statSync(FILE7).size;
      const importing = iod.progress.filter((p) => p.phase === 'Importing deprivation data');
      expect(importing.length).toBeGreaterThan(0);
      expect(importing.every((p) => p.total === size)).toBe(true);
      expect(importing[importing.length - 1]?.done).toBe(size);

      const lookup = await importFile(engine, CROSSWALK);
      expect(GeoImportResult.parse(lookup.value)).toMatchObject({ kind: 'lookup', status: 'imported', vintages: [2001, 2011, 2021] });
      expect(lookup.progress.some((p) => p.phase === 'Importing lookup' && p.total === statSync(CROSSWALK).size)).toBe(true);

      const shapes = await importFile(engine, BOUNDARIES);
      expect(GeoImportResult.parse(shapes.value)).toMatchObject({ kind: 'boundaries', vintages: [2021], lsoas: 170 });

      const again = await importFile(engine, FILE7);
      expect(again.value).toMatchObject({ status: 'skipped', lsoas: 170 });

      const status = await call<GeoStatus>(engine, 'geo:status', {});
      expect(status.releases).toEqual([{ release: 'IoD2025', vintage: 2021, nationalLsoas: 33755, lsoas: 170 }]);
      expect(status.boundaries).toEqual([{ vintage: 2021, lsoas: 170 }]);
      expect(status.changes.map((c) => `${c.from}>${c.to}:${c.fit}`)).toEqual(['2001>2011:exact', '2011>2021:exact']);
      expect(status.wards.map((w) => [w.year, w.wards])).toEqual([
        [2016, 21],
        [2019, 21],
        [2024, 25],
      ]);
      expect(status.borough).toBe('E08000018');
      expect(status.imports.map((i) => i.kind)).toEqual(['boundaries', 'lookup', 'imd']);
    } finally {
      engine.close();
    }
  }, 60_000);

  it('says which layouts were tried and which headers were missing for a file it cannot place', async () => {
    const { engine } = await analystEngine();
    try {
      const odd = join(tempDir(), 'odd.csv');
      writeFileSync(odd, 'Ward,Score\nKeppel,12\n');
      const result = await importFile(engine, odd);
      expect(result.ok).toBe(false);
      expect(result.error?.kind).toBe('bad-input');
      expect(result.error?.message).toMatch(/odd\.csv: not a recognised Indices of Deprivation layout/);
      expect(result.error?.message).toMatch(/Tried: .*missing/);
      expect(result.error?.message).toMatch(/not an ONS lookup either/);

      const named = await importFile(engine, odd, { kind: 'lookup' });
      expect(named.ok).toBe(false);
      expect(named.error?.message).toMatch(/odd\.csv/);

      // An extract whose header cannot say its release: asked for, then imported with it.
      const extract = join(tempDir(), 'extract.csv');
      writeFileSync(extract, 'lsoa11_code,IMD_rank\nE01007715,682\n');
      const unsure = await importFile(engine, extract);
      expect(unsure.error?.message).toMatch(/does not say which release it is \(one of IoD2015, IoD2019\)\. Say which: choose the release when importing/);
      const told = await importFile(engine, extract, { release: 'IoD2019' });
      expect(told.value).toMatchObject({ kind: 'imd', releases: ['IoD2019'], vintages: [2011], lsoas: 1 });
    } finally {
      engine.close();
    }
  });
});

describe('areas, wards, the profile and the map through the channels', () => {
  it('builds and edits areas, takes wards in force on the effective date, profiles and maps them', async () => {
    const { engine } = await analystEngine();
    try {
      for (const f of [FILE7, CROSSWALK, BOUNDARIES]) expect((await importFile(engine, f)).ok).toBe(true);

      const created = await call<{ area: AreaRow; warnings: string[] }>(engine, 'areas:create', { name: 'Central', kind: 'target', vintage: 2021, lsoas: ['E01007715', 'E01007716'] });
      expect(created.area).toMatchObject({ name: 'Central', vintage: 2021, lsoas: ['E01007715', 'E01007716'] });
      const added = await call<{ area: AreaRow }>(engine, 'areas:addLsoas', { name: 'Central', lsoas: ['e01007769'] });
      expect(added.area.lsoas).toEqual(['E01007715', 'E01007716', 'E01007769']);
      const removed = await call<{ area: AreaRow }>(engine, 'areas:removeLsoas', { name: 'Central', lsoas: ['E01007716'] });
      expect(removed.area.lsoas).toEqual(['E01007715', 'E01007769']);
      const refused = await engine.invoke('areas:addLsoas', { name: 'Central', lsoas: ['E01999999'] });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'bad-input' } });

      // DOMAIN §6.1: 21 wards until May 2021, 25 after; the effective date picks the version.
      const before = await call<{ area: AreaRow }>(engine, 'areas:create', { name: 'Rotherham East 2019', kind: 'ward', ward: 'Rotherham East', effectiveDate: '2019-06-01' });
      expect(before.area.origin).toMatch(/\(2019 ward lookup\)/);
      expect(before.area.vintage).toBe(2011);
      const after = await call<{ area: AreaRow }>(engine, 'areas:create', { name: 'Rotherham East 2021', kind: 'ward', ward: 'Rotherham East', effectiveDate: '2021-06-01' });
      expect(after.area.origin).toMatch(/^ward E050130\d\d Rotherham East \(2024 ward lookup\)$/);
      expect(after.area.vintage).toBe(2021);
      expect(after.area.lsoas).not.toEqual(before.area.lsoas);
      const wards = await call<Array<{ year: number }>>(engine, 'areas:wards', {});
      expect(wards.filter((w) => w.year === 2024)).toHaveLength(25);
      expect(wards.filter((w) => w.year === 2019)).toHaveLength(21);

      const list = await call<AreaRow[]>(engine, 'areas:list', {});
      expect(list.map((a) => a.name)).toEqual(['Central', 'Rotherham East 2019', 'Rotherham East 2021']);

      const profile = AreaProfile.parse(await call(engine, 'areas:profile', { name: 'Central' }));
      const r2025 = profile.releases.find((r) => r.release === 'IoD2025');
      // Ferham (E01007715) rank 15 and E01007769 rank 10 in IoD2025 (DOMAIN §6.2).
      expect(r2025?.area.lsoaFigures.map((f) => [f.lsoa, f.imdRank])).toEqual([
        ['E01007715', 15],
        ['E01007769', 10],
      ]);
      expect(r2025?.area.imd?.mostDeprived10).toBe(2);
      expect(r2025?.borough?.imd?.mostDeprived10).toBe(36);
      expect(r2025?.area.population?.total).toBeGreaterThan(0);
      expect(profile.caveats.join(' ')).toMatch(/rank and decile only/);

      const map = MapData.parse(await call(engine, 'areas:map', { measure: { kind: 'decile', release: 'IoD2025', indicator: 'imd' } }));
      expect(map.features).toHaveLength(170);
      expect(map.features.filter((f) => f.value === 1)).toHaveLength(36);
      expect(map.features.find((f) => f.lsoa === 'E01007715')).toMatchObject({ value: 1, rank: 15 });
      // Compact: simplified and rounded well below the published file.
      expect(JSON.stringify(map).length).toBeLessThan(statSync(BOUNDARIES).size / 2);
      expect(map.bbox[0]).toBeGreaterThan(-1.5);
      expect(map.bbox[2]).toBeLessThan(-1.0);

      const domain = MapData.parse(await call(engine, 'areas:map', { measure: { kind: 'decile', release: 'IoD2025', indicator: 'income' } }));
      expect(domain.label).toMatch(/^IoD2025 Income decile/);
      const wrongVintage = await engine.invoke('areas:map', { measure: { kind: 'decile', release: 'IoD2019', indicator: 'imd' } });
      expect(wrongVintage).toMatchObject({ ok: false, error: { kind: 'bad-input', message: expect.stringMatching(/IoD2019 is published on LSOA 2011 codes, but no LSOA 2011 boundaries/) } });

      expect(await call(engine, 'areas:delete', { name: 'Central' })).toEqual({ deleted: 'Central' });
      expect((await call<AreaRow[]>(engine, 'areas:list', {})).map((a) => a.name)).not.toContain('Central');
    } finally {
      engine.close();
    }
  }, 60_000);
});

/** A linkage Run placing households at the given postcodes (n households of `size` persons each). */
function seedHouseholds(store: Store, households: Array<{ postcode: string | null; count: number; size: number }>): void {
  const db = store.writer;
  const src = db
    .prepare("INSERT INTO source(file_name, sha256, size, format, partner, kind, as_of, imported_at, imported_by, mapping_json) VALUES ('x.csv', ?, 1, 'csv', 'p', 'other', '2024-01-01', '2024-01-01', 't', '{}')")
    .run(randomBytes(8).toString('hex')).lastInsertRowid;
  const run = db
    .prepare(
      `INSERT INTO link_run(started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, records, candidate_pairs, stored_pairs, persons, households, blocking_json, training_json, summary_json)
       VALUES ('2024-01-01', '2024-01-01', 't', '{}', 0.9, 0.001, '[]', 0, 0, 0, 0, 0, '{}', '{}', '{}')`,
    )
    .run().lastInsertRowid;
  let row = 1;
  let hh = 0;
  for (const h of households) {
    for (let i = 0; i < h.count; i++) {
      const household = `H${++hh}`;
      db.prepare('INSERT INTO household(id, created_run) VALUES (?, ?)').run(household, run);
      for (let p = 0; p < h.size; p++) {
        const person = `${household}P${p}`;
        db.prepare('INSERT INTO person(id, created_run) VALUES (?, ?)').run(person, run);
        const raw = db.prepare("INSERT INTO raw_row(source_id, sheet_ordinal, row_number, cells_json, status) VALUES (?, 0, ?, '[]', 'record')").run(src, ++row).lastInsertRowid;
        const record = db.prepare('INSERT INTO record(raw_row_id, source_id, postcode) VALUES (?, ?, ?)').run(raw, src, h.postcode).lastInsertRowid;
        db.prepare('INSERT INTO run_record_person(run_id, record_id, person_id) VALUES (?, ?, ?)').run(run, record, person);
        db.prepare('INSERT INTO run_person_household(run_id, person_id, household_id) VALUES (?, ?, ?)').run(run, person, household);
      }
    }
  }
}

describe('households placed per LSOA vintage, and what a co-ordinator sees', () => {
  it('counts households and persons per LSOA through the postcode lookup, lists what cannot be placed, and rounds for co-ordinators', async () => {
    const { engine, path } = await analystEngine();
    const lookup = join(tempDir(), 'pcd_oa21_lsoa21_extract.csv');
    writeFileSync(lookup, 'pcds,oa21cd,lsoa21cd,msoa21cd,ladcd\nS61 1AA,E00000001,E01007715,E02000001,E08000018\nS61 1AB,E00000002,E01007769,E02000002,E08000018\n');
    try {
      for (const f of [FILE7, BOUNDARIES, lookup]) expect((await importFile(engine, f)).ok).toBe(true);
      engine.close();
      const store = Store.unlock(path, PASS);
      seedHouseholds(store, [
        { postcode: 'S61 1AA', count: 12, size: 3 },
        { postcode: 'S61 1AB', count: 4, size: 2 },
        { postcode: 'S99 9ZZ', count: 2, size: 1 },
        { postcode: null, count: 1, size: 1 },
      ]);
      addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
      store.close();

      const analyst = createEngine({ storePath: path, host: 'browser', version: 't' });
      await call(analyst, 'store:unlock', { passphrase: PASS });
      await call(analyst, 'areas:create', { name: 'Two', kind: 'target', vintage: 2021, lsoas: ['E01007715', 'E01007769'] });
      const map = MapData.parse(await call(analyst, 'areas:map', { measure: { kind: 'households', vintage: 2021 } }));
      expect(map.disclosure).toBe('exact');
      expect(map.features.find((f) => f.lsoa === 'E01007715')?.value).toBe(12);
      expect(map.features.find((f) => f.lsoa === 'E01007769')?.value).toBe(4);
      expect(map.notes.join(' ')).toMatch(/3 households could not be placed/);
      const persons = MapData.parse(await call(analyst, 'areas:map', { measure: { kind: 'persons', vintage: 2021 } }));
      expect(persons.features.find((f) => f.lsoa === 'E01007715')?.value).toBe(36);
      const profile = AreaProfile.parse(await call(analyst, 'areas:profile', { name: 'Two' }));
      expect(profile.baseline).toMatchObject({ vintage: 2021, disclosure: 'exact', households: 16, persons: 44, boroughHouseholds: 16, unplacedHouseholds: 3, unmatchedPostcodes: 1 });
      const unplaced = await call<{ households: number; placedHouseholds: number; withoutPostcode: number; unmatched: unknown[] }>(analyst, 'areas:unplaced', { vintage: 2021 });
      expect(unplaced).toMatchObject({ households: 19, placedHouseholds: 16, withoutPostcode: 1, unmatchedPostcodes: 1, unmatched: [{ postcode: 'S99 9ZZ', households: 2 }] });
      analyst.close();

      const coordinator = createEngine({ storePath: path, host: 'browser', version: 't' });
      await call(coordinator, 'store:unlock', { passphrase: 'coordinator passphrase' });
      const seen = MapData.parse(await call(coordinator, 'areas:map', { measure: { kind: 'households', vintage: 2021 } }));
      expect(seen.disclosure).toBe('rounded');
      expect(seen.features.find((f) => f.lsoa === 'E01007715')).toMatchObject({ value: 10, withheld: false });
      expect(seen.features.find((f) => f.lsoa === 'E01007769')).toMatchObject({ value: null, withheld: true });
      const coProfile = AreaProfile.parse(await call(coordinator, 'areas:profile', { name: 'Two' }));
      expect(coProfile.baseline).toMatchObject({ disclosure: 'rounded', households: 15, persons: 45, unplacedHouseholds: null });
      expect(await coordinator.invoke('areas:create', { name: 'Mine', kind: 'custom', lsoas: ['E01007715'] })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(await coordinator.invoke('geo:import', { token: 'f_AAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(await coordinator.invoke('areas:unplaced', { vintage: 2021 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect((await call<AreaRow[]>(coordinator, 'areas:list', {})).map((a) => a.name)).toEqual(['Two']);
      coordinator.close();

      // The CLI says the same: `lookup unmatched` and the profile's baseline line.
      const commands = makeAreaCommands(async (p) => Store.unlock(p, PASS));
      const args = (words: string[]): ParsedArgs => ({ words, options: new Map(), flags: new Set(['json']) });
      const cli = await commands.lookup?.(args(['lookup', 'unmatched']), path, 't');
      expect(cli?.summary).toMatchObject({ vintage: 2021, households: { households: 19, placedHouseholds: 16, withoutPostcode: 1, unmatched: [{ postcode: 'S99 9ZZ', households: 2 }] } });
      const cliProfile = await commands.area?.(args(['area', 'profile', 'Two']), path, 't');
      expect(cliProfile?.summary).toMatchObject({ baseline: { households: 16, persons: 44, disclosure: 'exact' } });
    } finally {
      engine.close();
    }
  }, 60_000);
});
