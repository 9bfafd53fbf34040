// Nothing personal in the clear: SQLite's temporary files (sorts, temp tables, statement
// journals) are not encrypted by the cipher, so every connection keeps them in memory, and an
// import into a store writes no name or date of birth to any file outside it. SQLite unlinks its
// temp files as soon as it opens them, so they are read through /proc/<pid>/fd while open.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { cliMain, REPO } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for plaintext tests';

/** Surnames no other file holds, so a hit can only come from this test. */
const surname = (i: number): string => `Qzv${i.toString(36)}wort`;

function bigCsv(path: string, rows: number, offset: number): void {
  const lines = ['Forename,Surname,DOB,Address,Post Code'];
  for (let i = offset; i < offset + rows; i++) {
    lines.push(`Name${i % 500},${surname(i)},${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/19${40 + (i % 50)},${i} Long Street,S6${i % 10} ${i % 9}AB`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** The contents of every open file of process `pid` whose path passes `wanted`. */
function openFiles(pid: number | string, wanted: (target: string) => boolean): Buffer[] {
  const found: Buffer[] = [];
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return found;
  }
  for (const fd of fds) {
    try {
      if (wanted(readlinkSync(`/proc/${pid}/fd/${fd}`))) found.push(readFileSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      // closed between listing and reading
    }
  }
  return found;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

describe('no plaintext outside the store', () => {
  it('every connection keeps temporary tables, sorts and journals in memory', async () => {
    const dir = tempDir();
    const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
    for (const db of [store.writer, store.reader]) expect(db.pragma('temp_store', { simple: true })).toBe(2);
    const csv = join(dir, 'people.csv');
    bigCsv(csv, 2_000, 0);
    await importFile(store, csv, { user: 't' }, silentJob());
    // A temp table larger than SQLite's temp cache would spill to an etilqs_* file in plain text.
    store.writer.exec("CREATE TEMP TABLE spill AS SELECT r.surname || hex(randomblob(400)) AS s FROM record r, (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) ORDER BY s");
    const temp = openFiles('self', (target) => target.includes('etilqs'));
    store.writer.exec('DROP TABLE temp.spill');
    store.close();
    expect(temp).toEqual([]);
  });

  it('a large import into a large store writes no name or date of birth to any file outside the store', async () => {
    const dir = tempDir();
    const scratch = join(dir, 'scratch');
    mkdirSync(scratch);
    const db = join(dir, 'x.db');
    const files = [join(dir, 'first.csv'), join(dir, 'second.csv')];
    bigCsv(files[0] ?? '', 20_000, 0);
    bigCsv(files[1] ?? '', 20_000, 20_000);
    const child = spawn(process.execPath, [cliMain(), 'import', ...files, '--db', db], {
      cwd: REPO,
      stdio: 'ignore',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BASELINE_PASSPHRASE: PASS, BASELINE_HOME: join(dir, 'home'), TMPDIR: scratch, SQLITE_TMPDIR: scratch },
    });
    const seen: Buffer[] = [];
    const outside = (target: string): boolean => target.startsWith('/') && !target.startsWith(db) && !target.startsWith(dir + '/first') && !target.startsWith(dir + '/second') && !target.startsWith('/proc') && !target.startsWith('/dev') && !target.includes('node_modules') && !target.startsWith(REPO) && !target.startsWith('/usr');
    const poll = setInterval(() => seen.push(...openFiles(child.pid ?? 0, outside)), 20);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(poll);
    expect(code).toBe(0);
    const written = [...seen, ...filesUnder(scratch).map((f) => readFileSync(f))];
    const needles = [surname(1), surname(19_999), surname(20_001), surname(39_999), 'Long Street', '-03-03'];
    for (const bytes of written) {
      const text = bytes.toString('latin1');
      for (const needle of needles) expect(text.includes(needle), `found "${needle}" in a file outside the store`).toBe(false);
    }
    // The store, its WAL and key file are the owner's only.
    for (const f of [db, `${db}.keys`]) expect(statSync(f).mode & 0o077, f).toBe(0);
  }, 120_000);
});
