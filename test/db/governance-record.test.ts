import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { processingCategory } from '../../electron/engine/governance/dp-record.js';
import type { DataProtectionRecord, PurgeResult } from '../../shared/ipc/channels/governance.js';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { neutraliseFormula } from '../../electron/engine/governance/report-xlsx.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { runLink } from '../../electron/engine/link/run-link.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'first analyst passphrase';

/**
 * Two partners' extracts (the police one past its retention date, with a reference that looks
 * like a formula), linked once; an analyst (ann) and a partner user.
 */
async function linkedStore(): Promise<{ dir: string; path: string }> {
  const dir = tempDir();
  const path = join(dir, 'baseline.db');
  const store = Store.create(path, PASS, 'ann');
  addUser(store, { user: 'pat', role: 'partner', organisation: 'Police' }, 'partner passphrase');
  writeFileSync(join(dir, 'school.csv'), 'Forename,Surname,DOB\nAnn,Lee,01/02/2010\nBen,Lee,03/04/2012\n');
  writeFileSync(join(dir, 'police.csv'), 'Forename,Surname,DOB\nAnn,Lee,01/02/2010\nZak,Purgeable,05/06/1990\n');
  await importFile(
    store,
    join(dir, 'school.csv'),
    { user: 'ann', partner: 'School', dsaRef: 'DSA-2026-01', lawfulBasis: 'UK GDPR 6(1)(e)', retentionUntil: '2099-03-31' },
    silentJob(),
  );
  await importFile(store, join(dir, 'police.csv'), { user: 'ann', partner: 'Police', dsaRef: '=HYPERLINK("http://x")', retentionUntil: '2020-01-01' }, silentJob());
  await runLink(store, { user: 'ann' }, silentJob());
  store.close();
  return { dir, path };
}

async function call<T>(engine: Engine, channel: string, request: unknown): Promise<T> {
  const result = await engine.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

function finished(engine: Engine, job: string): Promise<Extract<EngineEvent, { type: 'job:finished' }>> {
  return new Promise((resolve) => {
    const off = engine.onEvent((event) => {
      if (event.type === 'job:finished' && event.job === job) {
        off();
        resolve(event);
      }
    });
  });
}

describe('the data protection record', () => {
  it('lists each source with its agreement, basis, retention and counts; processing by counts; users; the store', async () => {
    const { path } = await linkedStore();
    const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
    await call(engine, 'store:unlock', { passphrase: PASS });
    const record = await call<DataProtectionRecord>(engine, 'governance:record', {});
    expect(record.store).toMatchObject({ path, keyPath: `${path}.keys`, synthetic: false, recoveryCode: { exists: false } });
    expect(record.store.encryption).toMatch(/^ChaCha20-Poly1305 with a random 256-bit key/);
    expect(record.sources).toMatchObject([
      { id: 1, partner: 'School', fileName: 'school.csv', importedBy: 'ann', dsaRef: 'DSA-2026-01', lawfulBasis: 'UK GDPR 6(1)(e)', retentionUntil: '2099-03-31', overdue: false, records: 2, quarantined: 0 },
      { id: 2, partner: 'Police', fileName: 'police.csv', lawfulBasis: null, retentionUntil: '2020-01-01', overdue: true, records: 2 },
    ]);
    expect(record.users.map((u) => [u.user, u.role, u.organisation])).toEqual([
      ['ann', 'analyst', null],
      ['pat', 'partner', 'Police'],
    ]);
    const actions = record.processing.events.map((e) => `${e.category}:${e.action}`);
    expect(actions).toEqual(['users:user-added', 'import:import', 'import:import', 'link:link-run']);
    expect(record.processing.events.find((e) => e.action === 'link-run')?.details).toMatchObject({ run: 1, records: 4 });
    // Counts and IDs only: nothing from inside the extracts.
    expect(JSON.stringify(record.processing)).not.toMatch(/Purgeable|Lee|2010/);
    engine.close();
  });

  it('exports as a workbook with formula-like text neutralised, audited by counts', async () => {
    const { dir, path } = await linkedStore();
    const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
    await call(engine, 'store:unlock', { passphrase: PASS });
    const out = join(dir, 'dp-record.xlsx');
    expect(await engine.invoke('governance:exportRecord', { path: join(dir, 'record.csv') })).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    expect(await engine.invoke('governance:exportRecord', { path: join(dir, 'no-such-folder', 'r.xlsx') })).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    expect(await engine.invoke('governance:exportRecord', {})).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    const written = await call<{ saved: boolean; sources: number }>(engine, 'governance:exportRecord', { path: out });
    expect(written).toMatchObject({ saved: true, path: out, sources: 2, users: 2 });

    const book = XLSX.read(readFileSync(out));
    expect(book.SheetNames).toEqual(['Summary', 'Sources', 'Processing', 'Users', 'Access by role']);
    // Per role, what a copy of the files lets that person read (the partner here still holds the data key).
    const access = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Access by role']!);
    expect(access.map((a) => [a.Who, a.Users, a['Keys their passphrase unwraps']])).toEqual([
      ['analyst', 1, 'data key, audit key, aggregates key'],
      ['partner', 1, 'data key'],
    ]);
    expect(String(access[1]!['What a copy of the store and key file lets them read'])).toMatch(/^Every record in the store/);
    const sources = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Sources!);
    expect(sources.map((s) => [s['File name'], s['Data-sharing agreement'], s['Past retention date']])).toEqual([
      ['school.csv', 'DSA-2026-01', 'No'],
      ['police.csv', `'=HYPERLINK("http://x")`, 'Yes'],
    ]);
    for (const sheet of Object.values(book.Sheets)) for (const [ref, cell] of Object.entries(sheet)) if (!ref.startsWith('!')) expect((cell as XLSX.CellObject).f, ref).toBeUndefined();

    const audit = await call<{ rows: Array<{ payload: Record<string, unknown> }> }>(engine, 'audit:page', { startRow: 0, endRow: 10, action: 'dp-record-exported' });
    expect(audit.rows.map((r) => r.payload)).toEqual([{ sources: 2, events: 4, users: 2, format: 'xlsx' }]);
    expect(await call(engine, 'audit:verify', {})).toMatchObject({ ok: true });
    engine.close();
  });

  it('is for analysts only; in Electron the renderer cannot name where it goes', async () => {
    const { dir, path } = await linkedStore();
    const partner = createEngine({ storePath: path, host: 'browser', version: 't' });
    await call(partner, 'store:unlock', { passphrase: 'partner passphrase' });
    expect(await partner.invoke('governance:record', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await partner.invoke('governance:purge', { sourceId: 2, confirmFileName: 'police.csv' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    partner.close();
    const electron = createEngine({ storePath: path, host: 'electron', version: 't' });
    await call(electron, 'store:unlock', { passphrase: PASS });
    expect(await electron.invoke('governance:exportRecord', { path: join(dir, 'x.xlsx') })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const saved = await call<{ path: string }>(electron, 'governance:exportRecord', {});
    expect(saved.path).toMatch(/exports[\\/]data-protection-record-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.xlsx$/);
    electron.close();
    // With the save dialog: where the user chose (the extension added if left off); a cancel saves nothing.
    const answers: Array<string | null> = [join(dir, 'chosen'), null];
    const withDialog = createEngine({ storePath: path, host: 'electron', version: 't', chooseSaveFile: async () => answers.shift() ?? null });
    await call(withDialog, 'store:unlock', { passphrase: PASS });
    expect(await call(withDialog, 'governance:exportRecord', {})).toMatchObject({ saved: true, path: join(dir, 'chosen.xlsx'), sources: 2 });
    expect(readFileSync(join(dir, 'chosen.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(await call(withDialog, 'governance:exportRecord', {})).toEqual({ saved: false, path: null, sources: 0, events: 0, users: 0 });
    withDialog.close();
  });

  it('neutralises every character that opens a formula', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1']) expect(neutraliseFormula(text)).toBe(`'${text}`);
    for (const text of ['DSA 1', "O'Neil", '', '1-2']) expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('purging from the UI channel', () => {
  it('needs the file name typed back, runs as a job that re-links, and the record shows the purge by counts', async () => {
    const { path } = await linkedStore();
    const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
    await call(engine, 'store:unlock', { passphrase: PASS });
    expect(await engine.invoke('governance:purge', { sourceId: 2, confirmFileName: 'school.csv' })).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    expect(await engine.invoke('governance:purge', { sourceId: 9, confirmFileName: 'police.csv' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const phases = new Set<string>();
    engine.onEvent((event) => {
      if (event.type === 'job:progress') phases.add(event.phase);
    });
    const { job } = await call<{ job: string }>(engine, 'governance:purge', { sourceId: 2, confirmFileName: ' police.csv ' });
    const done = await finished(engine, job);
    expect(done.result).toMatchObject({ ok: true });
    const result = (done.result as { ok: true; value: PurgeResult }).value;
    expect(result).toMatchObject({ sourceId: 2, fileName: 'police.csv', removed: { rawRows: 3, records: 2 }, relinkedRun: 2 });
    expect(phases).toContain('Deleting the source and everything made from it');

    const record = await call<DataProtectionRecord>(engine, 'governance:record', {});
    expect(record.sources.map((s) => s.fileName)).toEqual(['school.csv']);
    const purge = record.processing.events.find((e) => e.action === 'source-purged');
    expect(purge?.details).toMatchObject({ sourceId: 2, records: 2 });
    expect(record.processing.events.filter((e) => e.action === 'link-run').map((e) => e.details.run)).toEqual([1, 2]);
    expect(JSON.stringify(record)).not.toMatch(/police\.csv|Purgeable/);
    expect(await call(engine, 'audit:verify', {})).toMatchObject({ ok: true });
    engine.close();
  });
});

describe('processing in the data protection record', () => {
  it.each([
    ['import', 'import'],
    ['source-remapped', 'import'],
    ['link-run', 'link'],
    ['export-clusters', 'export'],
    ['dp-record-exported', 'export'],
    ['source-purged', 'purge'],
    ['user-added', 'users'],
    ['records-viewed', null],
    ['view-pair', null],
    ['login', null],
  ])('files %s under %s', (action, category) => {
    expect(processingCategory(action)).toBe(category);
  });
});
