import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { Store } from '../../electron/engine/store/store.js';
import { runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'first analyst passphrase';

function seeded(): { dir: string; db: string; env: Record<string, string> } {
  const dir = tempDir();
  const db = join(dir, 'x.db');
  const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
  const csv = join(dir, 'school.csv');
  writeFileSync(csv, 'Forename,Surname\nAnn,Lee\n');
  expect(runCli(['import', csv, '--db', db, '--user', 'ann'], env).code).toBe(0);
  return { dir, db, env };
}

describe('CLI: users, audit, sources', () => {
  it('adds, lists and removes users; a co-ordinator cannot add users', { timeout: 60_000 }, () => {
    const { db, env } = seeded();
    const added = runCli(['users', 'add', 'cora', '--role', 'co-ordinator', '--db', db, '--json'], { ...env, BASELINE_NEW_PASSPHRASE: 'coordinator passphrase' });
    expect(added.code, added.stderr).toBe(0);
    const list = runCli(['user', 'list', '--db', db, '--json'], env);
    expect((list.json?.users as Array<{ user: string; role: string }>).map((u) => [u.user, u.role])).toEqual([
      ['ann', 'analyst'],
      ['cora', 'co-ordinator'],
    ]);
    const denied = runCli(['users', 'add', 'x', '--db', db], { ...env, BASELINE_PASSPHRASE: 'coordinator passphrase', BASELINE_NEW_PASSPHRASE: 'another passphrase' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/Only an analyst/);
    expect(runCli(['users', 'remove', 'cora', '--db', db], env).code).toBe(0);
    expect(runCli(['source', 'list', '--db', db], { ...env, BASELINE_PASSPHRASE: 'coordinator passphrase' }).code).toBe(1);
  });

  it('audit verify passes, then fails naming an edited event; export writes every event', () => {
    const { dir, db, env } = seeded();
    const ok = runCli(['audit', 'verify', '--db', db, '--json'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json).toMatchObject({ ok: true });
    const out = join(dir, 'audit.csv');
    expect(runCli(['audit', 'export', '--out', out, '--db', db], env).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^id,at,actor,action,payload,prev_hash,hash\r\n1,/);

    const store = Store.unlock(db, PASS);
    const key = Buffer.from(store.dataKey);
    store.close();
    const raw = new Database(db);
    raw.pragma(`key="x'${key.toString('hex')}'"`);
    raw.prepare("UPDATE audit_event SET actor = 'mallory' WHERE id = 1").run();
    raw.close();
    const bad = runCli(['audit', 'verify', '--db', db, '--json'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/event 1/);
    expect(bad.json).toMatchObject({ ok: false, problem: { id: 1 } });
  });

  it('source list reports what was imported', () => {
    const { db, env } = seeded();
    const run = runCli(['sources', 'list', '--db', db, '--json'], env);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ sources: [{ fileName: 'school.csv', records: 1 }] });
  });
});

describe('CLI: source purge', () => {
  it('purges a linked source, links what remains again, and exports only the rest', () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    writeFileSync(join(dir, 'school.csv'), 'Forename,Surname,DOB\nAnn,Lee,01/02/2010\nBen,Lee,03/04/2012\n');
    writeFileSync(join(dir, 'police.csv'), 'Forename,Surname,DOB\nAnn,Lee,01/02/2010\nZak,Purgeable,05/06/1990\n');
    expect(runCli(['import', join(dir, 'school.csv'), join(dir, 'police.csv'), '--db', db], env).code).toBe(0);
    expect(runCli(['link', '--db', db], env).code).toBe(0);
    const purged = runCli(['source', 'purge', '2', '--db', db, '--json'], env);
    expect(purged.code, purged.stderr).toBe(0);
    expect(purged.json).toMatchObject({ ok: true, sourceId: 2, removed: { records: 2 }, relinkedRun: 2 });
    const out = join(dir, 'c.csv');
    expect(runCli(['export', 'clusters', '--out', out, '--db', db], env).code).toBe(0);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n').slice(1);
    expect(rows.map((r) => r.split(',')[0])).toEqual(['school.csv', 'school.csv']);
    expect(runCli(['source', 'purge', '2', '--db', db], env).code).toBe(1);
  });
});

describe('CLI: the data protection record on import', () => {
  it('records the agreement, lawful basis and retention date, and flags a source past it', () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    writeFileSync(join(dir, 'old.csv'), 'Forename,Surname\nAnn,Lee\n');
    writeFileSync(join(dir, 'new.csv'), 'Forename,Surname\nBen,Ray\n');
    const args = ['--dsa', 'DSA-2024-07', '--lawful-basis', 'UK GDPR 6(1)(e); DEA 2017 s.35'];
    expect(runCli(['import', join(dir, 'old.csv'), ...args, '--retention-until', '2020-01-31', '--db', db], env).code).toBe(0);
    expect(runCli(['import', join(dir, 'new.csv'), ...args, '--retention-until', '2999-12-31', '--db', db], env).code).toBe(0);
    const list = runCli(['source', 'list', '--db', db, '--json'], env);
    expect(list.json).toMatchObject({
      sources: [
        { fileName: 'old.csv', dsaRef: 'DSA-2024-07', lawfulBasis: 'UK GDPR 6(1)(e); DEA 2017 s.35', retentionUntil: '2020-01-31', overdue: true },
        { fileName: 'new.csv', retentionUntil: '2999-12-31', overdue: false },
      ],
    });
    expect(list.stderr).toMatch(/old\.csv.*OVERDUE/);
    expect(runCli(['import', join(dir, 'new.csv'), '--retention-until', '31/12/2999', '--db', db], env).code).toBe(1);
  });
});

describe('CLI: dp-record', () => {
  it('prints the record as JSON and exports it as a workbook, both audited', () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    writeFileSync(join(dir, 'old.csv'), 'Forename,Surname\nAnn,Lee\n');
    const imported = runCli(['import', join(dir, 'old.csv'), '--dsa', 'DSA-9', '--retention-until', '2020-01-31', '--source', 'Police', '--db', db], env);
    expect(imported.code, imported.stderr).toBe(0);
    const shown = runCli(['dp-record', '--db', db, '--json'], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.json).toMatchObject({
      command: 'dp-record',
      record: { store: { path: db }, sources: [{ fileName: 'old.csv', partner: 'Police', dsaRef: 'DSA-9', overdue: true }], users: [{ role: 'analyst' }] },
    });
    expect(shown.stderr).toMatch(/old\.csv.*OVERDUE/);
    const out = join(dir, 'record.xlsx');
    const exported = runCli(['dp-record', 'export', '--out', out, '--db', db, '--json'], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json).toMatchObject({ ok: true, path: out, sources: 1 });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(runCli(['dp-record', 'export', '--out', join(dir, 'record.csv'), '--db', db], env).code).toBe(1);
    const audit = join(dir, 'audit.csv');
    expect(runCli(['audit', 'export', '--out', audit, '--db', db], env).code).toBe(0);
    expect(readFileSync(audit, 'utf8').match(/dp-record-exported/g)).toHaveLength(2);
    expect(runCli(['audit', 'verify', '--db', db], env).code).toBe(0);
  });
});

describe('CLI: recovery code', () => {
  it('creates a code that resets a forgotten passphrase once', () => {
    const { db, env } = seeded();
    const made = runCli(['users', 'recovery-code', '--db', db, '--json'], env);
    expect(made.code, made.stderr).toBe(0);
    const code = String(made.json?.code);
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    expect(made.stderr).toContain(code);
    const wrong = runCli(['users', 'recover', 'ann', '--db', db], { ...env, BASELINE_RECOVERY_CODE: '00000-00000-00000-00000-00000', BASELINE_NEW_PASSPHRASE: 'a remembered passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/does not open/);
    const noCode = runCli(['users', 'recover', 'ann', '--db', db], { ...env, BASELINE_NEW_PASSPHRASE: 'a remembered passphrase' });
    expect(noCode.stderr).toMatch(/BASELINE_RECOVERY_CODE/);
    const reset = runCli(['users', 'recover', 'ann', '--db', db, '--json'], { BASELINE_HOME: env.BASELINE_HOME, BASELINE_RECOVERY_CODE: code.toLowerCase(), BASELINE_NEW_PASSPHRASE: 'a remembered passphrase' });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.json).toMatchObject({ ok: true, user: 'ann' });
    expect(runCli(['users', 'list', '--db', db], env).code).toBe(1);
    const fresh = { ...env, BASELINE_PASSPHRASE: 'a remembered passphrase' };
    expect(runCli(['audit', 'verify', '--db', db], fresh).code).toBe(0);
    const again = runCli(['users', 'recover', 'ann', '--db', db], { ...fresh, BASELINE_RECOVERY_CODE: code, BASELINE_NEW_PASSPHRASE: 'yet another passphrase' });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no recovery code/);
  });
});
