// Keeping the aggregates store: it is opened only when someone reads it (a co-ordinator slot
// exists), and its refresh is a job with progress whose failure is audited and said, not swallowed.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregatesPath } from '../../electron/engine/aggregates/db.js';
import { createEngine } from '../../electron/engine/engine.js';
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
