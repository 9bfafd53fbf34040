// A store that cannot be written (read-only media, a folder without write permission) is opened
// read-only to verify and export, not refused with "Internal error".
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { cliMain, REPO } from '../helpers/cli.js';

const PASS = 'a passphrase for read-only tests';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o700);
    rmSync(d, { recursive: true, force: true });
  }
});

/** Runs the CLI as someone who cannot write the store: `nobody` when we are root, else ourselves. */
function cliWithoutWrite(args: string[]): { code: number | null; stderr: string } {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'runuser' : process.execPath;
  const prefix = asRoot ? ['-u', 'nobody', '--', process.execPath] : [];
  const r = spawnSync(command, [...prefix, cliMain(), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: '/tmp', TMPDIR: '/tmp', BASELINE_PASSPHRASE: PASS },
    timeout: 120_000,
  });
  return { code: r.status, stderr: r.stderr };
}

describe('a read-only store', () => {
  it('can be verified and exported', async () => {
    const dir = mkdtempSync('/tmp/bw-readonly-');
    dirs.push(dir);
    const db = join(dir, 'x.db');
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, 'Forename,Surname,DOB\nAnn,Lee,01/02/2003\n');
    // Made in this process; only the commands run without write permission need processes of their own.
    const store = Store.create(db, PASS);
    await importFile(store, csv, { user: 'analyst' }, silentJob());
    store.close();
    const out = mkdtempSync('/tmp/bw-readonly-out-');
    dirs.push(out);
    chmodSync(out, 0o777);
    // Readable by everyone, writable by no one.
    for (const f of [db, `${db}.keys`]) chmodSync(f, 0o444);
    chmodSync(dir, 0o555);
    const before = readFileSync(db);

    const verify = cliWithoutWrite(['audit', 'verify', '--db', db]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stderr).toMatch(/verifies/);
    const exported = cliWithoutWrite(['export', 'clusters', '--out', join(out, 'c.csv'), '--db', db]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(join(out, 'c.csv'), 'utf8')).toMatch(/^file,sheet,row_number,person_id,household_id\r\na\.csv,,2,/);
    expect(readFileSync(db).equals(before)).toBe(true);
  }, 120_000);
});
