// Erasure covers the whole store: every table is classed in the erasure map (a new table cannot
// ship unclassed), and after a cohort is made, family outcomes computed and the baseline built, erasing a
// person leaves none of their values in any table, in the cohort engine's facts, or anywhere in
// the file's bytes once decrypted (free pages included: the store deletes securely).
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasureEntry } from '../../electron/engine/baseline/erasure-map.js';
import { cohortFacts } from '../../electron/engine/cohort/cohort.js';
import { runDemo } from '../../electron/engine/demo-job.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';

const KEY = randomBytes(32);
let dir: string;
let path: string;
let engine: Engine;
let store: Store;

async function value<T>(channel: string, request: unknown): Promise<T> {
  const result = await engine.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind} ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-erasure-'));
  path = join(dir, 'erasure.db');
  store = Store.openWithKey(path, KEY, true);
  await runDemo(store, { households: 40, seed: 9, outDir: join(dir, 'demo'), user: 'analyst' }, silentJob());
  engine = createEngine({ storePath: path, host: 'browser', version: 't' });
  engine.adoptStore(store);
}, 120_000);

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('erasure', () => {
  it('classes every table of the store', () => {
    const tables = store.reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    expect(tables.length).toBeGreaterThan(20);
    for (const t of tables) expect(erasureEntry(t), `${t} is not in the erasure map (electron/engine/baseline/erasure-map.ts)`).toBeDefined();
  });

  it('leaves nothing of the person in any table, the cohort facts, or the decrypted file', async () => {
    await value('baseline:people', { startRow: 0, endRow: 1, sort: [], filters: {} });
    await value('cohort:evaluate', { programme: 'troubled-families-phase-1', asOf: '2025-03-31' });
    await value('outcomes:families', { programme: 'troubled-families-phase-1', asOf: '2025-03-31' });
    const db = store.reader;
    const id = db.prepare('SELECT person_id FROM baseline_person WHERE records >= 2 ORDER BY person_id LIMIT 1').pluck().get() as string;
    expect(cohortFacts(db).personIds).toContain(id);
    const mine = db.prepare('SELECT w.id, w.cells_json FROM raw_row w JOIN record r ON r.raw_row_id = w.id JOIN run_record_person rp ON rp.record_id = r.id WHERE rp.person_id = ? AND rp.run_id = (SELECT max(id) FROM link_run)').all(id) as Array<{ id: number; cells_json: string }>;
    const others = (db.prepare('SELECT cells_json FROM raw_row WHERE id NOT IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(mine.map((m) => m.id))) as string[]).join('\n');
    const distinctive = [...new Set(mine.flatMap((m) => JSON.parse(m.cells_json) as Array<string | null>))].filter((v): v is string => typeof v === 'string' && v.length >= 6 && !others.includes(v));
    expect(distinctive.length).toBeGreaterThan(0);

    const report = await value<{ kept: Array<{ what: string }> }>('baseline:erase', { personId: id, confirm: id });
    expect(report.kept.map((k) => k.what)).toEqual(expect.arrayContaining(['Cohort totals', 'Linkage run totals']));
    // what reads the store afterwards: the baseline, a cohort, outcomes
    await value('baseline:people', { startRow: 0, endRow: 1, sort: [], filters: {} });
    await value('cohort:evaluate', { programme: 'troubled-families-phase-1', asOf: '2025-03-31' });
    await value('outcomes:families', { programme: 'troubled-families-phase-1', asOf: '2025-03-31' });
    expect(cohortFacts(db).personIds).not.toContain(id);

    for (const table of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]) {
      const text = (db.prepare(`SELECT * FROM "${table}"`).raw(true).all() as unknown[][]).map((r) => r.map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v))).join('\u0001')).join('\n');
      for (const v of distinctive) expect(text.includes(v), `${table} still holds a value of the erased person`).toBe(false);
      if (erasureEntry(table)?.treatment !== 'audit') expect(new RegExp(`\\b${id}\\b`).test(text), `${table} still names ${id}`).toBe(false);
    }

    // every page of the file, free ones too, decrypted
    store.writer.pragma('wal_checkpoint(TRUNCATE)');
    const copy = join(dir, 'plain.db');
    copyFileSync(path, copy);
    const plain = new Database(copy);
    plain.pragma(`key="x'${KEY.toString('hex')}'"`);
    plain.pragma('journal_mode = DELETE');
    plain.pragma("rekey = ''");
    plain.close();
    const bytes = readFileSync(copy).toString('latin1');
    expect(bytes).toContain('SQLite format 3');
    expect(bytes).toContain(others.slice(2, 40));
    for (const v of distinctive) expect(bytes.includes(v), 'the decrypted file still holds a value of the erased person').toBe(false);
  }, 120_000);
});
