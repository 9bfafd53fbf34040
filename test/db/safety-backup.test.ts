// Backup and restore through the CLI: a backup taken while another process imports is one
// committed snapshot that restores to a store which opens with every committed row; restore
// never overwrites without --force and checks what it restores.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/engine/store/audit.js';
import { Store } from '../../electron/engine/store/store.js';
import { cliMain, REPO, runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for backup tests';
const env = (dir: string): Record<string, string> => ({ BASELINE_PASSPHRASE: PASS, BASELINE_HOME: join(dir, 'home') });

function csv(path: string, rows: number, tag: string): void {
  const lines = ['Forename,Surname,DOB,Post Code'];
  for (let i = 0; i < rows; i++) lines.push(`${tag}${i % 300},Surname${i},${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/19${50 + (i % 40)},S6${i % 10} 1AB`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const perSource = (store: Store): Array<{ id: number; fileName: string; records: number; stored: number; raw: number; rows: number }> =>
  store.reader
    .prepare(
      `SELECT s.id, s.file_name AS fileName, s.records, s.rows,
              (SELECT count(*) FROM record r WHERE r.source_id = s.id) AS stored,
              (SELECT count(*) FROM raw_row w WHERE w.source_id = s.id) AS raw
       FROM source s ORDER BY s.id`,
    )
    .all() as Array<{ id: number; fileName: string; records: number; stored: number; raw: number; rows: number }>;

describe('backup and restore', () => {
  it('a backup made during an import restores to a store that opens with every committed row', async () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const first = join(dir, 'first.csv');
    csv(first, 50, 'Ann');
    expect(runCli(['import', first, '--db', db], env(dir)).code).toBe(0);
    const big = [join(dir, 'big1.csv'), join(dir, 'big2.csv')];
    csv(big[0] ?? '', 15_000, 'Bea');
    csv(big[1] ?? '', 15_000, 'Cal');

    const importer = spawn(process.execPath, [cliMain(), 'import', ...big, '--db', db], {
      cwd: REPO,
      stdio: 'ignore',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env(dir) },
    });
    const finished = new Promise<number | null>((resolve) => importer.on('exit', resolve));
    // Wait until the import is writing (its WAL grows), then back up from another process.
    const wal = `${db}-wal`;
    for (let i = 0; i < 600 && !(existsSync(wal) && statSync(wal).size > 4 << 20); i++) await new Promise((r) => setTimeout(r, 50));
    const archive = join(dir, 'during.bwbackup');
    const backup = runCli(['backup', '--out', archive, '--db', db, '--json'], env(dir));
    expect(backup.code, backup.stderr).toBe(0);
    expect(importer.exitCode, 'the import was still running when the backup finished').toBeNull();
    expect(await finished).toBe(0);

    const restoredPath = join(dir, 'restored.db');
    const restored = runCli(['restore', archive, '--db', restoredPath, '--json'], env(dir));
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.json).toMatchObject({ ok: true, path: restoredPath, replaced: false });

    const copy = Store.unlock(restoredPath, PASS);
    const live = Store.unlock(db, PASS);
    expect(copy.writer.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAudit(copy.reader, copy.keyPath).ok).toBe(true);
    const copied = perSource(copy);
    const final = perSource(live);
    // The first file at least; every source in the copy is whole, exactly as it was committed.
    expect(copied.map((s) => s.fileName)).toContain('first.csv');
    for (const s of copied) {
      const same = final.find((f) => f.id === s.id);
      expect(same, s.fileName).toBeDefined();
      expect(s).toEqual(same);
      expect(s.stored).toBe(s.records);
    }
    // Nothing half-imported: no raw rows or records of a source the copy does not hold.
    const orphans = copy.reader.prepare('SELECT count(*) AS n FROM record WHERE source_id NOT IN (SELECT id FROM source)').get() as { n: number };
    expect(orphans.n).toBe(0);
    copy.close();
    live.close();
    // The archive is not readable by others, and no personal data is in it in the clear.
    expect(statSync(archive).mode & 0o077).toBe(0);
    expect(readFileSync(archive).includes('Surname1')).toBe(false);
  }, 180_000);

  it('restore refuses to overwrite without --force, refuses a wrong passphrase and a damaged file, and --force replaces', () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const small = join(dir, 'small.csv');
    csv(small, 3, 'Dee');
    expect(runCli(['import', small, '--db', db], env(dir)).code).toBe(0);
    const archive = join(dir, 'b.bwbackup');
    expect(runCli(['backup', '--out', archive, '--db', db], env(dir)).code).toBe(0);

    const other = join(dir, 'other.db');
    const otherCsv = join(dir, 'other.csv');
    csv(otherCsv, 2, 'Eve');
    expect(runCli(['import', otherCsv, '--db', other], env(dir)).code).toBe(0);
    const before = readFileSync(other);
    const refused = runCli(['restore', archive, '--db', other, '--json'], env(dir));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists.*nothing was changed.*--force/);
    expect(readFileSync(other).equals(before)).toBe(true);

    const wrong = runCli(['restore', archive, '--db', join(dir, 'new.db')], { ...env(dir), BASELINE_PASSPHRASE: 'not the right passphrase' });
    expect(wrong.code).toBe(1);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
    expect(existsSync(join(dir, 'new.db.keys'))).toBe(false);

    const damaged = join(dir, 'damaged.bwbackup');
    const bytes = readFileSync(archive);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    writeFileSync(damaged, bytes);
    const bad = runCli(['restore', damaged, '--db', join(dir, 'new.db')], env(dir));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/damaged/);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);

    const forced = runCli(['restore', archive, '--db', other, '--force', '--json'], env(dir));
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.json).toMatchObject({ replaced: true });
    const store = Store.unlock(other, PASS);
    expect(perSource(store).map((s) => s.fileName)).toEqual(['small.csv']);
    store.close();
  }, 120_000);
});
