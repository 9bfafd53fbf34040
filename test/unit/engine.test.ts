import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent, JobFinished } from '../../shared/ipc/contract.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'engine test passphrase';

function engineIn(dir: string, host: 'browser' | 'electron' = 'browser'): Engine {
  return createEngine({ storePath: join(dir, 'baseline.db'), host, version: '0.0.0-test' });
}

async function value<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function finished(engine: Engine, job: string): Promise<{ finished: JobFinished; events: EngineEvent[] }> {
  const events: EngineEvent[] = [];
  return new Promise((resolve) => {
    const off = engine.onEvent((event) => {
      if (event.type === 'store:locked' || event.job !== job) return;
      events.push(event);
      if (event.type === 'job:finished') {
        off();
        resolve({ finished: event, events });
      }
    });
  });
}

/** A new store in `dir` with `text` written as `name` and imported through the channels; the import's finished event. */
async function storeWithImport(dir: string, name: string, text: string): Promise<{ engine: Engine; finished: JobFinished }> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const engine = engineIn(dir);
  await value(engine.invoke('store:create', { passphrase: PASS }));
  const file = await value<{ token: string }>(engine.invoke('files:fromPath', { path }));
  const { job } = await value<{ job: string }>(engine.invoke('import:start', { token: file.token }));
  return { engine, finished: (await finished(engine, job)).finished };
}

describe('engine', () => {
  it('refuses unknown channels and invalid payloads before any handler', async () => {
    const engine = engineIn(tempDir());
    expect(await engine.invoke('nope:nothing', {})).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await engine.invoke('__proto__', {})).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await engine.invoke('store:create', { passphrase: 'short' })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await engine.invoke('records:page', { startRow: -1, endRow: 5, sort: [], filters: [] })).toMatchObject({ ok: false });
    engine.close();
  });

  it('walks the first run: no store → create → lock → wrong passphrase → unlock', async () => {
    const dir = tempDir();
    const engine = engineIn(dir);
    const info = await value<{ store: { exists: boolean; unlocked: boolean } }>(engine.invoke('app:info', {}));
    expect(info.store).toMatchObject({ exists: false, unlocked: false });
    expect(await engine.invoke('sources:list', {})).toMatchObject({ ok: false, error: { kind: 'store-missing' } });
    expect(await value(engine.invoke('store:create', { passphrase: PASS }))).toMatchObject({ exists: true, unlocked: true });
    expect(await value(engine.invoke('store:lock', {}))).toMatchObject({ unlocked: false });
    expect(await engine.invoke('sources:list', {})).toMatchObject({ ok: false, error: { kind: 'store-locked' } });
    const wrong = await engine.invoke('store:unlock', { passphrase: 'definitely wrong' });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'wrong-passphrase' } });
    expect(await value(engine.invoke('store:unlock', { passphrase: PASS }))).toMatchObject({ unlocked: true });
    engine.close();
  });

  it('imports as a job with progress events, then pages, sorts and filters records', async () => {
    const dir = tempDir();
    const csv = join(dir, 'school.csv');
    writeFileSync(csv, `Forename,Surname,DOB\n${Array.from({ length: 5000 }, (_, i) => `Name${i},${i % 2 ? 'Smith' : 'Jones'},01/02/2010`).join('\n')}\n`);
    const engine = engineIn(dir);
    await value(engine.invoke('store:create', { passphrase: PASS }));
    const file = await value<{ token: string }>(engine.invoke('files:fromPath', { path: csv }));
    const preview = await value<{ sheets: Array<{ dataRows: number }> }>(engine.invoke('import:preview', { token: file.token }));
    expect(preview.sheets[0]?.dataRows).toBe(5000);
    const { job } = await value<{ job: string }>(engine.invoke('import:start', { token: file.token }));
    const { finished: done, events } = await finished(engine, job);
    expect(done.result).toMatchObject({ ok: true, value: { skipped: false, sheets: [{ records: 5000 }] } });
    const progress = events.filter((e) => e.type === 'job:progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.type === 'job:progress' && e.done <= e.total)).toBe(true);

    const page = await value<{ rows: Array<{ forename: string; surname: string; rowNumber: number }>; total: number }>(
      engine.invoke('records:page', { startRow: 0, endRow: 3, sort: [{ column: 'rowNumber', direction: 'desc' }], filters: [{ column: 'surname', contains: 'smi' }] }),
    );
    expect(page.total).toBe(2500);
    expect(page.rows.map((r) => r.rowNumber)).toEqual([5001, 4999, 4997]);
    expect(page.rows.every((r) => r.surname === 'Smith')).toBe(true);
    // LIKE wildcards in a filter are matched literally.
    expect(await value(engine.invoke('records:page', { startRow: 0, endRow: 3, sort: [], filters: [{ column: 'surname', contains: '%' }] }))).toMatchObject({ total: 0 });

    // Viewing records is audited once per user and source in a while, not once per page.
    const viewed = async () =>
      (await value<{ rows: Array<{ payload: Record<string, unknown> }> }>(engine.invoke('audit:page', { startRow: 0, endRow: 50, action: 'records-viewed' }))).rows.map((r) => r.payload);
    expect(await viewed()).toEqual([{ sourceId: null }]);
    await value(engine.invoke('records:page', { startRow: 0, endRow: 3, sort: [], filters: [], sourceId: 1 }));
    await value(engine.invoke('records:page', { startRow: 3, endRow: 6, sort: [], filters: [], sourceId: 1 }));
    expect(await viewed()).toEqual([{ sourceId: 1 }, { sourceId: null }]);
    // A new sign-in starts a new trail of views.
    await value(engine.invoke('store:lock', {}));
    await value(engine.invoke('store:unlock', { passphrase: PASS }));
    await value(engine.invoke('records:page', { startRow: 0, endRow: 3, sort: [], filters: [] }));
    expect(await viewed()).toHaveLength(3);
    engine.close();
  });

  it('audits a look at a source through its quarantine or its stored mapping as a records view', async () => {
    const { engine, finished: imported } = await storeWithImport(tempDir(), 'school.csv', 'Forename,Surname,DOB\nAnn,Smith,01/02/2010\n,,03/04/2011\n');
    expect(imported.result).toMatchObject({ ok: true });
    const viewed = async () =>
      (await value<{ total: number }>(engine.invoke('audit:page', { startRow: 0, endRow: 50, action: 'records-viewed' }))).total;
    expect(await viewed()).toBe(0);
    await value(engine.invoke('quarantine:page', { sourceId: 1, startRow: 0, endRow: 10 }));
    expect(await viewed()).toBe(1);
    await value(engine.invoke('sources:mapping', { sourceId: 1 }));
    expect(await viewed()).toBe(1);
    engine.close();
  });

  it('a failed job reports the error in its finished event and changes nothing', async () => {
    const { engine, finished: done } = await storeWithImport(tempDir(), 'bad.csv', 'a,b\n1,2\n');
    expect(done.result).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    expect(await value(engine.invoke('sources:list', {}))).toEqual([]);
    engine.close();
  });

  it('cancels a running job and leaves the store unchanged', async () => {
    const dir = tempDir();
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, `Forename,Surname\n${'Ann,Lee\n'.repeat(60_000)}`);
    const engine = engineIn(dir);
    await value(engine.invoke('store:create', { passphrase: PASS }));
    const file = await value<{ token: string }>(engine.invoke('files:fromPath', { path: csv }));
    const { job } = await value<{ job: string }>(engine.invoke('import:start', { token: file.token }));
    const off = engine.onEvent((event) => {
      if (event.type === 'job:progress' && event.phase === 'Storing rows') void engine.invoke('jobs:cancel', { job });
    });
    const { finished: done } = await finished(engine, job);
    off();
    expect(done.result).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(await value(engine.invoke('sources:list', {}))).toEqual([]);
    engine.close();
  });

  it('in Electron the renderer cannot name a path: files come from the dialog only', async () => {
    const dir = tempDir();
    const engine = engineIn(dir, 'electron');
    expect(await engine.invoke('files:fromPath', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'store-missing' } });
    await value(engine.invoke('store:create', { passphrase: PASS }));
    expect(await engine.invoke('files:fromPath', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await engine.invoke('files:choose', { purpose: 'import' })).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
    engine.close();
  });

  it('locks itself after the idle time, never while a job runs, and says so', async () => {
    const engine = engineIn(tempDir());
    await value(engine.invoke('store:create', { passphrase: PASS }));
    const events: EngineEvent[] = [];
    engine.onEvent((e) => events.push(e));
    expect(engine.lockIfIdle(60_000)).toBe(false); // just used
    expect(engine.lockIfIdle(60_000, Date.now() + 61_000)).toBe(true);
    expect(events).toEqual([{ type: 'store:locked', reason: 'idle' }]);
    expect(await engine.invoke('sources:list', {})).toMatchObject({ ok: false, error: { kind: 'store-locked' } });
    expect(await value(engine.invoke('store:unlock', { passphrase: PASS }))).toMatchObject({ unlocked: true });
    engine.close();
  });

  it('file tokens are unguessable and unknown ones are refused', async () => {
    const engine = engineIn(tempDir());
    await value(engine.invoke('store:create', { passphrase: PASS }));
    expect(await engine.invoke('import:preview', { token: 'f_AAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    engine.close();
  });
});

describe('engine: overdue sources', () => {
  it('counts sources past their retention date as soon as the store opens', async () => {
    const dir = tempDir();
    const csv = join(dir, 'old.csv');
    writeFileSync(csv, 'Forename,Surname\nAnn,Lee\n');
    const engine = engineIn(dir);
    await value(engine.invoke('store:create', { passphrase: PASS }));
    const file = await value<{ token: string }>(engine.invoke('files:fromPath', { path: csv }));
    const { job } = await value<{ job: string }>(engine.invoke('import:start', { token: file.token, retentionUntil: '2020-01-01', dsaRef: 'DSA-1' }));
    await finished(engine, job);
    await value(engine.invoke('store:lock', {}));
    expect(await value(engine.invoke('app:info', {}))).toMatchObject({ store: { overdueSources: 0 } });
    await value(engine.invoke('store:unlock', { passphrase: PASS }));
    expect(await value(engine.invoke('app:info', {}))).toMatchObject({ store: { overdueSources: 1 } });
    expect(await value(engine.invoke('sources:list', {}))).toMatchObject([{ dsaRef: 'DSA-1', retentionUntil: '2020-01-01', overdue: true }]);
    engine.close();
  });
});
