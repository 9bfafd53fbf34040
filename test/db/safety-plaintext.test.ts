// Nothing personal in the clear: SQLite's temporary files (sorts, temp tables, statement
// journals) are not encrypted by the cipher, so a large import and link must leave no name or
// date of birth in any file the process writes outside the store. SQLite unlinks its temp files
// as soon as it opens them, so the test reads them through /proc/<pid>/fd while the CLI runs.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for plaintext tests';

/** Surnames no other file holds, so a hit can only come from this import. */
const surname = (i: number): string => `Qzv${i.toString(36)}wort`;
const dob = (i: number): string => `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/19${String(40 + (i % 50))}`;

function bigCsv(path: string, rows: number, offset: number): void {
  const lines = ['Forename,Surname,DOB,Address,Post Code'];
  for (let i = offset; i < offset + rows; i++) lines.push(`Name${i % 500},${surname(i)},${dob(i)},${i} Long Street,S6${i % 10} ${i % 9}AB`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Runs the CLI, copying every file it holds open under `scratch` while it runs. */
function runWatching(args: string[], env: Record<string, string>, scratch: string): Promise<{ code: number | null; seen: Buffer[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
      cwd: REPO,
      stdio: 'ignore',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BASELINE_PASSPHRASE: PASS, TMPDIR: scratch, SQLITE_TMPDIR: scratch, ...env },
    });
    const seen: Buffer[] = [];
    const poll = setInterval(() => {
      let fds: string[] = [];
      try {
        fds = readdirSync(`/proc/${child.pid}/fd`);
      } catch {
        return;
      }
      for (const fd of fds) {
        try {
          const target = readlinkSync(`/proc/${child.pid}/fd/${fd}`);
          if (target.startsWith(scratch)) seen.push(readFileSync(`/proc/${child.pid}/fd/${fd}`));
        } catch {
          // closed between listing and reading
        }
      }
    }, 5);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, seen });
    });
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('no plaintext outside the store', () => {
  it('a large import and link into a large store write no name or date of birth to temporary files', async () => {
    const dir = tempDir();
    const scratch = join(dir, 'scratch');
    mkdirSync(scratch);
    const db = join(dir, 'x.db');
    const first = join(dir, 'first.csv');
    const second = join(dir, 'second.csv');
    bigCsv(first, 30_000, 0);
    bigCsv(second, 30_000, 30_000);
    const env = { BASELINE_HOME: join(dir, 'home') };
    expect((await runWatching(['import', first, '--db', db], env, scratch)).code).toBe(0);
    const imported = await runWatching(['import', second, '--db', db], env, scratch);
    expect(imported.code).toBe(0);
    const linked = await runWatching(['link', '--db', db], env, scratch);
    expect(linked.code).toBe(0);

    const written = [...imported.seen, ...linked.seen, ...filesUnder(scratch).map((f) => readFileSync(f))];
    const needles = [surname(30_001), surname(45_000), surname(59_999), surname(1), surname(29_999), 'wort', '1975-', 'Long Street'];
    for (const bytes of written) {
      const text = bytes.toString('latin1');
      for (const needle of needles) expect(text.includes(needle), `found "${needle}" in a temporary file`).toBe(false);
    }
  }, 120_000);
});
