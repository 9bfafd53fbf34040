// Keeping the aggregates store: it is opened only when someone reads it (a co-ordinator slot
// exists), and its refresh is a job with progress whose failure is audited and said, not swallowed.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregatesPath } from '../../electron/engine/aggregates/db.js';
import { REFRESH_PHASE } from '../../electron/engine/aggregates/upkeep.js';
import { createEngine } from '../../electron/engine/engine.js';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { ensureBaselineIndex } from '../../electron/engine/baseline/index-build.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const ANN = 'first analyst passphrase';
const CORA = 'coordinator passphrase 2026';

type Ok<T> = { ok: true; value: T };

async function analystStore(): Promise<{ db: string; dir: string }> {
  const dir = tempDir();
  const db = join(dir, 'baseline.db');
  const ann = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
  expect(await ann.invoke('store:create', { passphrase: ANN })).toMatchObject({ ok: true });
  const school = join(dir, 'school.csv');
  writeFileSync(school, 'Forename,Surname,DOB,Postcode\nZelda,Quixote,03/04/2012,S60 1AB\nZak,Quixote,03/04/2014,S60 1AB\n');
  const file = (await ann.invoke('files:fromPath', { path: school })) as Ok<{ token: string }>;
  expect(await ann.invoke('import:start', { token: file.value.token, partner: 'School', kind: 'school', asOf: '2025-03-31' })).toMatchObject({ ok: true });
  await ann.idle();
  ann.close();
  return { db, dir };
}

describe('the aggregates store is opened only when a co-ordinator may read it', () => {
  it('an analyst’s calls and sessions leave no aggregates file while no co-ordinator exists; adding one makes and fills it', async () => {
    const { db } = await analystStore();
    const ann = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await ann.invoke('store:unlock', { passphrase: ANN })).toMatchObject({ ok: true });
    for (const [channel, request] of [
      ['areas:list', {}],
      ['sources:list', {}],
      ['programme:list', {}],
      ['cohort:evaluate', { programme: 'troubled-families-phase-1', asOf: '2025-03-31', limit: 0 }],
      ['matching:run', {}],
    ] as const) {
      await ann.invoke(channel, request as never);
      await ann.idle();
      expect(existsSync(aggregatesPath(db)), channel).toBe(false);
    }
    ann.close();
    expect(existsSync(aggregatesPath(db))).toBe(false);

    const again = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await again.invoke('store:unlock', { passphrase: ANN })).toMatchObject({ ok: true });
    expect(existsSync(aggregatesPath(db))).toBe(false);
    expect(await again.invoke('users:add', { user: 'cora', role: 'co-ordinator', organisation: null, passphrase: CORA })).toMatchObject({ ok: true });
    await again.idle();
    expect(existsSync(aggregatesPath(db))).toBe(true);
    again.close();
    const cora = createEngine({ storePath: db, host: 'browser', version: 't' });
    expect(await cora.invoke('store:unlock', { passphrase: CORA })).toMatchObject({ ok: true });
    expect(await cora.invoke('sources:list', {})).toMatchObject({ ok: true, value: [{ records: 2 }] });
    cora.close();
  }, 90_000);
});

describe('preparing co-ordinators’ figures is a job whose failure is said', () => {
  it('reports progress and what it prepared; a failure fails the job, is audited and shown in the status', async () => {
    const { db } = await analystStore();
    const ann = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await ann.invoke('store:unlock', { passphrase: ANN })).toMatchObject({ ok: true });
    expect(await ann.invoke('aggregates:refresh', {})).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/no co-ordinator/) } });
    expect(await ann.invoke('users:add', { user: 'cora', role: 'co-ordinator', organisation: null, passphrase: CORA })).toMatchObject({ ok: true });
    const events: EngineEvent[] = [];
    ann.onEvent((e) => events.push(e));
    const started = (await ann.invoke('aggregates:refresh', { force: true })) as Ok<{ job: string }>;
    expect(started.ok).toBe(true);
    await ann.idle();
    const progress = events.filter((e): e is Extract<EngineEvent, { type: 'job:progress' }> => e.type === 'job:progress' && e.job === started.value.job);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.phase === REFRESH_PHASE && e.total > 10)).toBe(true);
    const finished = events.find((e) => e.type === 'job:finished' && e.job === started.value.job);
    expect(finished).toMatchObject({ result: { ok: true, value: { full: true, failed: 0 } } });
    expect(((finished as { result: { value: { answers: number } } }).result.value.answers)).toBeGreaterThan(10);
    expect(await ann.invoke('aggregates:status', {})).toMatchObject({ ok: true, value: { coordinators: 1, last: { ok: true, problem: null } } });

    // The aggregates file is damaged while the session is open: the job fails, and says why.
    writeFileSync(aggregatesPath(db), randomBytes(64 * 1024));
    const again = (await ann.invoke('aggregates:refresh', { force: true })) as Ok<{ job: string }>;
    await ann.idle();
    expect(events.find((e) => e.type === 'job:finished' && e.job === again.value.job)).toMatchObject({ result: { ok: false, error: { message: expect.stringMatching(/not a Baseline Workbench store/) } } });
    expect(await ann.invoke('aggregates:status', {})).toMatchObject({ ok: true, value: { last: { ok: false, problem: expect.stringMatching(/not a Baseline Workbench store/) } } });
    // A change co-ordinators' figures rest on starts the preparation itself, as a job: it fails too, and is recorded.
    expect(await ann.invoke('programme:copy', { from: 'troubled-families-phase-1', name: 'copy-of-phase-1' })).toMatchObject({ ok: true });
    await ann.idle();
    expect(events.filter((e) => e.type === 'job:finished' && e.channel === 'aggregates:refresh')).toHaveLength(3);
    ann.close();
    const store = Store.unlock(db, ANN);
    const failures = store.reader.prepare("SELECT actor, payload_json FROM audit_event WHERE action = 'aggregates-refresh-failed'").all();
    store.close();
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(failures[0]).toMatchObject({ actor: 'ann' });
  }, 90_000);
});

describe('a full preparation keeps what it derives', () => {
  it('brings the baseline index up to date once and keeps it, rather than rebuilding it inside each answer and rolling it back', async () => {
    const { db } = await analystStore();
    const ann = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await ann.invoke('store:unlock', { passphrase: ANN })).toMatchObject({ ok: true });
    await ann.invoke('matching:run', {});
    await ann.idle();
    expect(await ann.invoke('users:add', { user: 'cora', role: 'co-ordinator', organisation: null, passphrase: CORA })).toMatchObject({ ok: true });
    await ann.idle();
    ann.close();
    const store = Store.unlock(db, ANN, 'ann');
    try {
      expect(ensureBaselineIndex(store)).toMatchObject({ rebuilt: false });
    } finally {
      store.close();
    }
  }, 90_000);
});
