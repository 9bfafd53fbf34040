// Presets, the re-import diff and the quarantine export, through the importer and the engine.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.js';
import { importFile, previewImport } from '../../electron/engine/import/import-file.js';
import { listPresets } from '../../electron/engine/import/presets.js';
import { diffSources } from '../../electron/engine/import/source-diff.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { openDatabase } from '../../electron/engine/store/database.js';
import { dropIndexesUntilCommitted } from '../../electron/engine/store/deferred-indexes.js';
import { purgeSource } from '../../electron/engine/store/purge.js';
import { Store } from '../../electron/engine/store/store.js';
import { writeMonthlyExtracts } from '../fixtures/import-presets/build.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const newStore = (): Store => Store.openWithKey(join(tempDir(), 'x.db'), randomBytes(32), true);

const MONTH_1 = [
  'Client Ref,Surname,Forename,Date of Birth,Post Code,Status,Notes',
  'H1,Smith,John,03/04/2010,S60 1AB,Open,',
  'H2,Doe,Jane,05/06/2011,S61 2AB,Open,',
  'H3,Khan,Ali,31/12/1999,S60 2AA,Open,',
  'H4,Brown,Amy,01/01/2001,S60 3AA,Open,',
  ',,,,,,no name here',
].join('\n');

// Next month: H3 gone, H2 moved house, H5 new; "Post Code" renamed "Postcode Area" is too far,
// "Date of Birth" now "Date of Brith" (renamed), "Status" moved before Surname, Notes dropped.
const MONTH_2 = [
  'Client Ref,Status,Surname,Forename,Date of Brith,Post Code',
  'H1,Open,Smith,John,03/04/2010,S60 1AB',
  'H2,Open,Doe,Jane,05/06/2011,S66 9ZZ',
  'H4,Open,Brown,Amy,01/01/2001,S60 3AA',
  'H5,Open,Green,Tom,02/02/2002,S60 4AA',
].join('\n');

describe('mapping presets and the re-import diff', () => {
  it('saves a confirmed mapping, re-applies it next month with the drift reported, and diffs the rows', async () => {
    const dir = tempDir();
    const store = newStore();
    writeFileSync(join(dir, 'homes-march.csv'), MONTH_1);
    writeFileSync(join(dir, 'homes-april.csv'), MONTH_2);
    // The user turns Status into a dropped column and saves the mapping.
    const first = await importFile(
      store,
      join(dir, 'homes-march.csv'),
      { user: 't', partner: 'Homes', kind: 'housing', mapping: { '': ['agency_ref', 'surname', 'forename', 'dob', 'postcode', 'drop', 'ignore'] }, savePresetAs: 'Homes monthly' },
      silentJob(),
    );
    expect(first.savedPreset).toBe('Homes monthly');
    expect(first.diff).toBeNull();
    expect(first.sheets[0]?.quarantined).toBe(1);
    const [preset] = listPresets(store.reader);
    expect(preset).toMatchObject({ name: 'Homes monthly', partner: 'Homes', kind: 'housing' });
    expect(JSON.stringify(preset?.sheets)).not.toMatch(/Smith|S60/);

    const second = await importFile(store, join(dir, 'homes-april.csv'), { user: 't', partner: 'Homes', kind: 'housing' }, silentJob());
    expect(second.preset?.name).toBe('Homes monthly');
    const drift = second.preset?.drift[0];
    expect(drift?.renamed).toEqual([{ from: 'Date of Birth', to: 'Date of Brith', role: 'dob' }]);
    expect(drift?.moved.map((m) => m.header)).toEqual(['Status']);
    expect(drift?.removed.map((r) => r.header)).toEqual(['Notes']);
    expect(second.message).toMatch(/Mapping preset "Homes monthly" applied; the columns have changed/);
    // The preset's roles were used: Status dropped (never stored), the misspelt DOB read.
    const roles = JSON.parse((store.reader.prepare('SELECT roles_json FROM source_sheet WHERE source_id = ?').get(second.sourceId) as { roles_json: string }).roles_json) as string[];
    expect(roles).toEqual(['agency_ref', 'drop', 'surname', 'forename', 'dob', 'postcode']);
    expect(JSON.stringify(store.reader.prepare('SELECT cells_json FROM raw_row WHERE source_id = ?').all(second.sourceId))).not.toContain('Open');

    // Keyed by the client reference: H5 new, H2 changed (postcode), H3 gone, H1 and H4 unchanged.
    expect(second.diff).toMatchObject({ previousSourceId: first.sourceId, new: 1, changed: 1, gone: 1, unchanged: 2 });
    expect(second.diff?.keyedBy).toEqual([{ sheet: '', key: 'agency reference' }]);
    expect(second.diff?.examples.new).toEqual([{ sheet: '', row: 5, previousRow: null, fields: [] }]);
    expect(second.diff?.examples.changed).toEqual([{ sheet: '', row: 3, previousRow: 3, fields: ['postcode'] }]);
    expect(second.diff?.examples.gone).toEqual([{ sheet: '', row: null, previousRow: 4, fields: [] }]);
    // Available later too.
    expect(diffSources(store.reader, second.sourceId ?? -1)).toEqual(second.diff);
    // The same file twice is still refused by hash.
    const again = await importFile(store, join(dir, 'homes-april.csv'), { user: 't', partner: 'Homes', kind: 'housing' }, silentJob());
    expect(again.skipped).toBe(true);
    // Audited by ID and name, never content.
    const audit = store.reader.prepare("SELECT action, payload_json FROM audit_event WHERE action LIKE 'mapping-preset%' OR action = 'import'").all() as Array<{ action: string; payload_json: string }>;
    expect(audit.map((a) => a.action)).toEqual(['import', 'mapping-preset-saved', 'import']);
    expect(JSON.parse(audit[2]?.payload_json ?? '{}')).toMatchObject({ presetId: preset?.id });
    for (const a of audit) expect(a.payload_json).not.toMatch(/Smith|Doe|S60/);
    store.close();
  });

  it('keys rows by name and date of birth when no reference is mapped', async () => {
    const dir = tempDir();
    const store = newStore();
    writeFileSync(join(dir, 'a.csv'), 'Surname,Forename,DOB\nSmith,John,03/04/2010\nDoe,Jane,05/06/2011\n');
    writeFileSync(join(dir, 'b.csv'), 'Surname,Forename,DOB\nSMITH,john,03/04/2010\nDoe,Janet,05/06/2011\n');
    await importFile(store, join(dir, 'a.csv'), { user: 't', partner: 'P', kind: 'other' }, silentJob());
    const b = await importFile(store, join(dir, 'b.csv'), { user: 't', partner: 'P', kind: 'other' }, silentJob());
    expect(b.diff).toMatchObject({ new: 1, gone: 1, unchanged: 1, changed: 0, keyedBy: [{ sheet: '', key: 'name and date of birth' }] });
    store.close();
  });

  it('an unknown preset name is refused naming it, before anything is stored', async () => {
    const dir = tempDir();
    const store = newStore();
    writeFileSync(join(dir, 'a.csv'), 'Surname,Forename\nSmith,John\n');
    await expect(importFile(store, join(dir, 'a.csv'), { user: 't', preset: 'Nope' }, silentJob())).rejects.toThrow(/No mapping preset named "Nope"/);
    expect(store.reader.prepare('SELECT count(*) AS n FROM source').get()).toEqual({ n: 0 });
    store.close();
  });
});

describe('quarantine export', () => {
  it('writes file, sheet, row, reason and the original cells to xlsx, formulas neutralised, audited by counts', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.db');
    const csv = join(dir, 'police.csv');
    writeFileSync(csv, 'Surname,Forename,DOB,Notes\nSmith,John,03/04/2010,ok\n,,01/01/2000,=HYPERLINK("http://x")\n,,,+44 7700\n');
    const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
    await engine.invoke('store:create', { passphrase: 'a long passphrase' });
    const token = (await engine.invoke('files:fromPath', { path: csv })) as { ok: true; value: { token: string } };
    await engine.invoke('import:start', { token: token.value.token, partner: 'Police', kind: 'police' });
    await engine.idle();
    const page = (await engine.invoke('quarantine:page', { sourceId: 1, startRow: 0, endRow: 10 })) as { ok: true; value: { rows: Array<{ rowNumber: number; reason: string }>; total: number } };
    expect(page.value.total).toBe(2);
    expect(page.value.rows.map((r) => r.rowNumber)).toEqual([3, 4]);
    const out = join(dir, 'back-to-police.xlsx');
    const result = (await engine.invoke('quarantine:export', { sourceId: 1, path: out })) as { ok: true; value: { rows: number; path: string } };
    expect(result.ok).toBe(true);
    expect(result.value.rows).toBe(2);
    const wb = XLSX.read(readFileSync(out));
    const sheet = wb.Sheets[wb.SheetNames[1] ?? ''];
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet ?? {}, { header: 1, raw: false });
    expect(rows[0]).toEqual(['File', 'Sheet', 'Row', 'Reason', 'Surname', 'Forename', 'DOB', 'Notes']);
    expect(rows[1]?.slice(0, 4)).toEqual(['police.csv', undefined, '3', 'no name in any name column']);
    expect(rows[1]?.[7]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[2]?.[7]).toBe("'+44 7700");
    for (const cell of Object.values(sheet ?? {})) expect((cell as { f?: string }).f).toBeUndefined();
    // Unknown source → refused; a missing path in the browser host → asked for.
    expect(await engine.invoke('quarantine:export', { sourceId: 9, path: out })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await engine.invoke('quarantine:export', { sourceId: 1 })).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    engine.close();
    const store = Store.unlock(path, 'a long passphrase');
    const audit = store.reader.prepare("SELECT payload_json FROM audit_event WHERE action = 'quarantine-exported'").all() as Array<{ payload_json: string }>;
    expect(audit.map((a) => JSON.parse(a.payload_json))).toEqual([{ sourceId: 1, rows: 2 }]);
    store.close();
  });
});

describe('the monthly youth service extracts (the e2e fixtures)', () => {
  it('January saved as a preset is applied to February automatically: drift and diff reported', async () => {
    const { january, february } = writeMonthlyExtracts(tempDir());
    const store = newStore();
    const preview = await previewImport(store, january, 'f_abcdefghijkl');
    const caseload = preview.sheets.find((s) => s.sheet === 'Caseload');
    expect(caseload?.headerRow).toBe(4); // the upper row of the two-row header
    expect(caseload?.columns.map((c) => c.role).slice(0, 5)).toEqual(['agency_ref', 'surname', 'forename', 'dob', 'postcode']);
    expect(preview.preset).toBeNull();
    const first = await importFile(store, january, { user: 't', savePresetAs: 'Youth service monthly' }, silentJob());
    expect(first.sheets.find((s) => s.sheet === 'Caseload')).toMatchObject({ records: 6, quarantined: 1 });
    const problems = store.reader.prepare("SELECT count(*) AS n FROM record WHERE problems_json <> '[]'").get() as { n: number };
    expect(problems.n).toBe(2);

    const next = await previewImport(store, february, 'f_abcdefghijkm');
    expect(next.preset?.name).toBe('Youth service monthly');
    expect(next.preset?.drift.find((d) => d.sheet === 'Caseload')?.renamed).toEqual([{ from: 'Postcode', to: 'Post Code', role: 'postcode' }]);
    const second = await importFile(store, february, { user: 't' }, silentJob());
    expect(second.preset?.name).toBe('Youth service monthly');
    expect(second.diff).toMatchObject({ new: 1, changed: 1, gone: 1, unchanged: 4 });
    store.close();
  });

  it('purging a source removes its events', async () => {
    const { january } = writeMonthlyExtracts(tempDir());
    const store = newStore();
    const summary = await importFile(store, january, { user: 't' }, silentJob());
    expect(summary.events).toBeGreaterThan(0);
    purgeSource(store, summary.sourceId ?? -1);
    expect(store.reader.prepare('SELECT count(*) AS n FROM event').get()).toEqual({ n: 0 });
    store.close();
  });
});

describe('index deferral during a large import', () => {
  it('builds every index of records and events again once the rows commit, and a failed import keeps them', async () => {
    const dir = tempDir();
    const store = newStore();
    const indexes = (): string[] =>
      (store.reader.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('record', 'event') ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    const before = indexes();
    expect(before).toEqual(expect.arrayContaining(['record_dob', 'event_record']));
    writeFileSync(join(dir, 'a.csv'), 'Surname,Forename,DOB,Incident Date\nSmith,John,03/04/2010,2024-01-02\n');
    await importFile(store, join(dir, 'a.csv'), { user: 't' }, silentJob());
    expect(indexes()).toEqual(before);
    writeFileSync(join(dir, 'bad.csv'), 'just,junk\n');
    await expect(importFile(store, join(dir, 'bad.csv'), { user: 't' }, silentJob())).rejects.toThrow();
    expect(indexes()).toEqual(before);
    expect(store.reader.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'import.%'").get()).toEqual({ n: 0 });
    store.close();
  });
});

describe('indexes left pending by an import', () => {
  it('are built when the store is next opened, but not while another process holds the write lock', () => {
    const path = join(tempDir(), 'x.db');
    const key = randomBytes(32);
    const names = (store: Store): string[] => (store.reader.prepare("SELECT name FROM sqlite_master WHERE name IN ('record_dob', 'record_source') ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    let store = Store.openWithKey(path, key, true);
    // As an import leaves them when stopped between committing its rows and its indexes.
    store.writer.transaction(() => dropIndexesUntilCommitted(store.writer, ['record'], new Set(['source_id'])))();
    expect(names(store)).toEqual(['record_source']);
    store.close();
    // Another process is writing (it may be that import, building them): the open neither waits nor fails.
    const other = openDatabase(path, key, { create: false });
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    store = Store.openWithKey(path, key, false);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(names(store)).toEqual(['record_source']);
    other.exec('ROLLBACK');
    other.close();
    store.close();
    store = Store.openWithKey(path, key, false);
    expect(names(store)).toEqual(['record_dob', 'record_source']);
    expect(store.reader.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'import.%'").get()).toEqual({ n: 0 });
    store.close();
  });
});

describe('presets and partners', () => {
  it('a partner cannot replace another organisation’s preset, and sees only their own', async () => {
    const dir = tempDir();
    const store = newStore();
    writeFileSync(join(dir, 'a.csv'), 'Surname,Forename\nSmith,John\n');
    writeFileSync(join(dir, 'b.csv'), 'Surname,Forename\nDoe,Jane\n');
    await importFile(store, join(dir, 'a.csv'), { user: 't', partner: 'Police', savePresetAs: 'Monthly' }, silentJob());
    await expect(
      importFile(store, join(dir, 'b.csv'), { user: 'p', partner: 'Homes', partnerScope: 'Homes', savePresetAs: 'Monthly' }, silentJob()),
    ).rejects.toThrow(/already used by another organisation/);
    expect(store.reader.prepare('SELECT count(*) AS n FROM source').get()).toEqual({ n: 1 });
    expect(listPresets(store.reader, 'Homes')).toEqual([]);
    await expect(importFile(store, join(dir, 'b.csv'), { user: 'p', partner: 'Homes', partnerScope: 'Homes', preset: 'Monthly' }, silentJob())).rejects.toThrow(/No mapping preset named "Monthly"/);
    store.close();
  });
});
