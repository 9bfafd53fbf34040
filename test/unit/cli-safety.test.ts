// Exports that cannot harm, and faults told plainly, through the real CLI.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../electron/engine/store/store.js';
import { runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for safety tests';

/**
 * The store's audit trail apart from sign-ins: each CLI command signs in (audited) before the
 * engine checks where its export goes, so only the sign-in may be added by a refused export.
 */
function trailWithoutSignIns(db: string): unknown[] {
  const store = Store.unlock(db, PASS);
  try {
    expect(store.writer.pragma('integrity_check', { simple: true })).toBe('ok');
    return store.reader.prepare("SELECT id, action, hash FROM audit_event WHERE action <> 'login' ORDER BY id").all();
  } finally {
    store.close();
  }
}

describe('exports that cannot harm', () => {
  it('refuses the store, its key file, WAL and an unrelated existing file; replaces an earlier export; --force overrides', () => {
    const dir = tempDir();
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    const db = join(dir, 'x.db');
    // A partner's file name that a spreadsheet would run.
    const csv = join(dir, '=HYPERLINK(1).csv');
    writeFileSync(csv, 'Forename,Surname,DOB,Post Code\nAnn,Lee,01/02/2003,S60 1AB\nAnn,Lee,01/02/2003,S60 1AB\nBob,Ray,02/03/2004,S61 2CD\n');
    expect(runCli(['import', csv, '--db', db], env).code).toBe(0);
    const trail = trailWithoutSignIns(db);
    // The key file's audit head moves with each sign-in; everything else in it must stay.
    const keySlots = (): unknown => ({ ...(JSON.parse(readFileSync(`${db}.keys`, 'utf8')) as Record<string, unknown>), auditHead: undefined });
    const keys = keySlots();

    // (Every other store file is refused in safety-exports.test.ts, without a process each.)
    for (const [args, target] of [
      [['audit', 'export', '--out', db], db],
      [['export', 'clusters', '--out', `${db}.keys`, '--force'], `${db}.keys`],
    ] as const) {
      const refused = runCli([...args, '--db', db, '--json'], env);
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.stderr, target).toMatch(/store's own file/);
    }
    // The store is still the store (nothing exported into it, nothing recorded but the sign-ins).
    expect(trailWithoutSignIns(db)).toEqual(trail);
    expect(keySlots()).toEqual(keys);

    const notes = join(dir, 'notes.csv');
    writeFileSync(notes, 'my own notes\n');
    const overwrite = runCli(['export', 'clusters', '--out', notes, '--db', db], env);
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toMatch(/not an earlier clusters export.*--force/);
    expect(readFileSync(notes, 'utf8')).toBe('my own notes\n');

    const out = join(dir, 'clusters.csv');
    writeFileSync(out, 'file,sheet,row_number,person_id,household_id\r\n');
    expect(runCli(['export', 'clusters', '--out', out, '--db', db], env).code).toBe(0);
    expect(runCli(['export', 'clusters', '--out', notes, '--db', db, '--force'], env).code).toBe(0);
    // Machine-readable: the partner's file name is written exactly as it is.
    expect(readFileSync(out, 'utf8')).toContain('\r\n=HYPERLINK(1).csv,,2,');

    // For people: the scored pairs keep formula-like text as text, numbers as numbers.
    expect(runCli(['link', '--db', db], env).code).toBe(0);
    const pairs = join(dir, 'pairs.csv');
    expect(runCli(['export', 'pairs', '--out', pairs, '--db', db], env).code).toBe(0);
    const lines = readFileSync(pairs, 'utf8').trimEnd().split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line.startsWith("'=HYPERLINK(1).csv,,")).toBe(true);
  }, 120_000);
});

describe('honest faults', () => {
  it('importing a missing file does not create an empty store', () => {
    const dir = tempDir();
    const db = join(dir, 'new.db');
    const run = runCli(['import', join(dir, 'missing.csv'), '--db', db], { BASELINE_PASSPHRASE: PASS });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/missing\.csv.*No store was created/);
    expect(existsSync(db)).toBe(false);
    expect(existsSync(`${db}.keys`)).toBe(false);
  });

  it('refuses a blank, whitespace or common passphrase for a new store', () => {
    const dir = tempDir();
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, 'Forename,Surname\nAnn,Lee\n');
    // (The rules themselves are tested in safety-faults.test.ts.)
    for (const passphrase of ['          ', 'password123']) {
      const run = runCli(['import', csv, '--db', join(dir, 'x.db')], { BASELINE_PASSPHRASE: passphrase });
      expect(run.code, JSON.stringify(passphrase)).toBe(1);
      expect(existsSync(join(dir, 'x.db')), JSON.stringify(passphrase)).toBe(false);
    }
  });
});

describe('CLI sign-ins', () => {
  it('are audited with the failures before them, and repeated wrong passphrases must wait', async () => {
    const { signIn } = await import('../../electron/engine/store/sign-in.js');
    const { Store } = await import('../../electron/engine/store/store.js');
    const dir = tempDir();
    const db = join(dir, 'x.db');
    Store.create(db, PASS).close();
    const t0 = Date.parse('2026-12-01T10:00:00Z');
    for (let i = 0; i < 3; i++) expect(() => signIn(db, 'wrong passphrase here', undefined, 'cli', t0 + i)).toThrow(/Wrong passphrase/);
    // The fourth attempt, even with the right passphrase, must wait.
    expect(() => signIn(db, PASS, undefined, 'cli', t0 + 1000)).toThrow(/wait \d+ seconds?/);
    const store = signIn(db, PASS, undefined, 'cli', t0 + 60_000);
    const login = store.reader.prepare("SELECT payload_json FROM audit_event WHERE action = 'login'").get() as { payload_json: string };
    expect(JSON.parse(login.payload_json)).toEqual({ failedAttemptsBefore: 3, via: 'cli' });
    store.close();
    // The count starts again after a sign-in.
    const again = signIn(db, PASS, undefined, 'cli', t0 + 61_000);
    again.close();
  });
});
