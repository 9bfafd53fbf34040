// kill -9 in the middle of an import leaves the store consistent: committed work intact, nothing
// half-written (issue 6 §6). The kill happens at a fixed checkpoint, not on a timer.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { cliMain, REPO } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for crash tests';

function cli(args: string[], env: Record<string, string>): { status: number | null; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [cliMain(), ...args], {
    cwd: REPO,
    stdio: 'ignore',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, BASELINE_PASSPHRASE: PASS, ...env },
    timeout: 120_000,
  });
  return { status: r.status, signal: r.signal };
}

const count = (store: Store, table: string): number => (store.reader.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('kill -9 during an import', () => {
  // Only the imports that are killed need a process of their own: the others run in this process,
  // on the same store file.
  it('keeps the earlier file, leaves no trace of the interrupted one; killed after its rows commit, the import stands and its indexes are built', async () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const small = join(dir, 'first.csv');
    const big = join(dir, 'second.csv');
    writeFileSync(small, 'Forename,Surname\nAnn,Lee\nBob,Ray\n');
    writeFileSync(big, `Forename,Surname\n${Array.from({ length: 20_000 }, (_, i) => `N${i},S${i}`).join('\n')}\n`);
    const first = Store.create(db, PASS);
    await importFile(first, small, { user: 'analyst' }, silentJob());
    first.close();

    const killed = cli(['import', big, '--db', db], { BASELINE_TEST_CRASH_AT: 'Storing rows' });
    expect(killed.signal).toBe('SIGKILL');

    const store = Store.unlock(db, PASS);
    expect((store.writer.pragma('integrity_check', { simple: true }) as string)).toBe('ok');
    expect(count(store, 'source')).toBe(1);
    expect(count(store, 'raw_row')).toBe(3);
    expect(count(store, 'record')).toBe(2);

    // The same file again, killed after its rows committed and before its indexes (built after
    // the rows when a file is big for its store): the import stands, and opening the store builds them.
    const indexes = (s: Store): string[] => (s.reader.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    const before = indexes(store);
    store.close();
    const between = cli(['import', big, '--db', db], { BASELINE_TEST_CRASH_AT: 'Indexing rows@0' });
    expect(between.signal).toBe('SIGKILL');

    const after = Store.unlock(db, PASS);
    expect(indexes(after)).toEqual(before);
    expect(indexes(after)).toContain('record_dob');
    expect((after.writer.pragma('integrity_check', { simple: true }) as string)).toBe('ok');
    expect(after.reader.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'import.%'").get()).toEqual({ n: 0 });
    expect(count(after, 'source')).toBe(2);
    expect(count(after, 'record')).toBe(20_002);
    // The import is in, so the same file again is skipped.
    expect((await importFile(after, big, { user: 'analyst' }, silentJob())).skipped).toBe(true);
    after.close();
  }, 120_000);
});
