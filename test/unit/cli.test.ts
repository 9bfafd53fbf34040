import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { writeDemoBorough } from '../../electron/engine/demo/index.js';
import { REPO, runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for tests';

function fixtures(dir: string): { csv: string; xlsx: string } {
  const csv = join(dir, 'school.csv');
  writeFileSync(csv, 'UPN,Forename,Surname,DOB,Post Code\nA820200101001,Ann,Lee,03/04/2012,S60 1AB\n,Bob,"Ray, Jr",2011-01-02,S61 2CD\n');
  const xlsx = join(dir, 'police.xlsx');
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['ASB extract'], [], ['Full Name', 'Date of Birth', 'Incident Date'], ['LEE, Ann', '03/04/2012', '2024-05-01'], ['Total', '', '']]), 'ASB');
  writeFileSync(xlsx, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return { csv, xlsx };
}

describe('CLI contract', () => {
  it('imports a csv and an xlsx, then exports clusters in the documented format', () => {
    const dir = tempDir();
    const { csv, xlsx } = fixtures(dir);
    const db = join(dir, 'x.db');
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    const imported = runCli(['--db', db, 'import', csv, xlsx, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json).toMatchObject({ ok: true, command: 'import', imported: 2, failed: 0 });
    expect(readFileSync(db).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');

    const out = join(dir, 'clusters.csv');
    const exported = runCli(['export', 'clusters', '--out', out, '--db', db, '--json'], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json).toMatchObject({ ok: true, rows: 3 });
    const bytes = readFileSync(out);
    expect(bytes[0]).not.toBe(0xef); // no BOM
    expect(bytes.toString('utf8')).toMatch(/^file,sheet,row_number,person_id,household_id\r\n/);
    const lines = bytes.toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('file,sheet,row_number,person_id,household_id');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['school.csv', '', '2'],
      ['school.csv', '', '3'],
      ['police.xlsx', 'ASB', '4'],
    ]);
    for (const r of rows) {
      expect(r[3]).toMatch(/^P\d+$/);
      expect(r[4]).toMatch(/^H\d+$/);
    }
    expect(new Set(rows.map((r) => r[3])).size).toBe(3);
  });

  it('a second import of the same file is skipped with exit 0 and says so', () => {
    const dir = tempDir();
    const { csv } = fixtures(dir);
    const env = { BASELINE_PASSPHRASE: PASS };
    const db = join(dir, 'x.db');
    expect(runCli(['import', csv, '--db', db], env).code).toBe(0);
    const again = runCli(['import', csv, '--db', db, '--json'], env);
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ imported: 0, skipped: 1 });
    expect(again.stderr).toMatch(/already imported/);
  });

  it('a wrong passphrase exits 1 with a clear message', () => {
    const dir = tempDir();
    const { csv } = fixtures(dir);
    const db = join(dir, 'x.db');
    expect(runCli(['import', csv, '--db', db], { BASELINE_PASSPHRASE: PASS }).code).toBe(0);
    const wrong = runCli(['export', 'clusters', '--out', join(dir, 'o.csv'), '--db', db, '--json'], { BASELINE_PASSPHRASE: 'wrong passphrase!' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Wrong passphrase/);
    expect(wrong.json).toMatchObject({ ok: false, error: { kind: 'wrong-passphrase' } });
    expect(existsSync(join(dir, 'o.csv'))).toBe(false);
  });

  it('with no passphrase and no terminal it exits 1 at once', () => {
    const dir = tempDir();
    const { csv } = fixtures(dir);
    const run = runCli(['import', csv, '--db', join(dir, 'x.db')], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BASELINE_PASSPHRASE/);
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });

  it('several files: good ones import, a bad one is reported, exit 1', () => {
    const dir = tempDir();
    const { csv } = fixtures(dir);
    const bad = join(dir, 'empty.csv');
    writeFileSync(bad, '');
    const run = runCli(['import', bad, csv, '--db', join(dir, 'x.db'), '--json'], { BASELINE_PASSPHRASE: PASS });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/empty\.csv: the file is empty/);
    expect(run.json).toMatchObject({ ok: false, imported: 1, failed: 1 });
  });

  it.each([
    [['frobnicate'], /Unknown command/],
    [['import'], /at least one FILE/],
    [['export', 'clusters'], /--out/],
    [['import', 'x.csv', '--kind', 'banana'], /--kind must be one of/],
    [['import', 'x.csv', '--bogus'], /Unknown option --bogus/],
  ])('usage error %j exits 1', (args, message) => {
    const run = runCli([...args, '--db', join(tempDir(), 'x.db')], { BASELINE_PASSPHRASE: PASS });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('--out naming a folder is a user error', () => {
    const dir = tempDir();
    const run = runCli(['export', 'clusters', '--out', dir, '--db', join(dir, 'x.db')], { BASELINE_PASSPHRASE: PASS });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is a folder/);
  });

  it('export on a missing store exits 1', () => {
    const run = runCli(['export', 'clusters', '--out', 'o.csv', '--db', join(tempDir(), 'none.db')], { BASELINE_PASSPHRASE: PASS });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/There is no store/);
  });

  it('an unexpected failure exits 2, never 1, and prints no cell values', () => {
    const dir = tempDir();
    const { csv } = fixtures(dir);
    const db = join(dir, 'x.db');
    expect(runCli(['import', csv, '--db', db], { BASELINE_PASSPHRASE: PASS }).code).toBe(0);
    const run = runCli(['export', 'clusters', '--out', join(dir, 'o.csv'), '--db', db, '--json'], { BASELINE_PASSPHRASE: PASS, BASELINE_TEST_FAULT: 'internal' });
    expect(run.code).toBe(2);
    expect(run.json).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(run.stderr).not.toMatch(/Ann|Lee/);
  });

  it('demo writes extracts and truth, imports them, and export clusters covers exactly the truth rows', () => {
    const dir = tempDir();
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    const db = join(dir, 'demo.db');
    const demo = runCli(['demo', '--households', '120', '--seed', '5', '--out', join(dir, 'files'), '--db', db, '--json'], env);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.json).toMatchObject({ ok: true, command: 'demo', households: 120 });
    const out = join(dir, 'clusters.csv');
    expect(runCli(['export', 'clusters', '--out', out, '--db', db], env).code).toBe(0);
    const keys = (file: string): string[] =>
      readFileSync(file, 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(',').slice(0, 3).join(',')).sort();
    const truth = keys(join(dir, 'files', 'truth.csv'));
    expect(truth.length).toBeGreaterThan(100);
    expect(keys(out)).toEqual(truth);
    // Same N and S again: byte-identical extracts and truth. Written by the demo's writer alone:
    // a second import and link of the same files would add nothing to what this checks.
    writeDemoBorough({ households: 120, seed: 5, outDir: join(dir, 'again') });
    for (const name of ['truth.csv', ...(demo.json?.files as Array<{ fileName: string }>).map((f) => f.fileName)]) {
      expect(readFileSync(join(dir, 'again', name)).equals(readFileSync(join(dir, 'files', name))), name).toBe(true);
    }
  });

  it('works through npm run -s cli with global options after the command', () => {
    const dir = tempDir();
    const { csv } = fixtures(dir);
    const result = spawnSync('npm', ['run', '-s', 'cli', '--', 'import', csv, '--db', join(dir, 'x.db'), '--json'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, BASELINE_PASSPHRASE: PASS },
    });
    expect(result.status, result.stderr).toBe(0);
    const last = result.stdout.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ ok: true, imported: 1 });
  });
});

describe('CLI: mapping presets, source diff, quarantine export', () => {
  it('saves a preset, re-applies it by name with the drift reported, lists it, diffs the sources and exports the quarantine', () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const env = { BASELINE_PASSPHRASE: PASS };
    const march = join(dir, 'homes-march.csv');
    const april = join(dir, 'homes-april.csv');
    writeFileSync(march, 'Client Ref,Surname,Forename,Date of Birth,Post Code\nH1,Smith,John,03/04/2010,S60 1AB\nH2,Doe,Jane,05/06/2011,S61 2AB\n,,,01/01/2000,\n');
    writeFileSync(april, 'Client Ref,Surname,Forename,Date of Brith,Postcode\nH1,Smith,John,03/04/2010,S60 1AB\nH3,Green,Tom,02/02/2002,S60 4AA\n');
    const first = runCli(['import', march, '--source', 'Homes', '--kind', 'housing', '--save-mapping', 'Homes monthly', '--db', db, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json).toMatchObject({ ok: true, files: [{ savedPreset: 'Homes monthly', diff: null }] });

    const listed = runCli(['mappings', 'list', '--db', db, '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json).toMatchObject({ ok: true, presets: [{ name: 'Homes monthly', partner: 'Homes', kind: 'housing' }] });

    const unknown = runCli(['import', april, '--mapping', 'Nonesuch', '--db', db, '--json'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No mapping preset named "Nonesuch"/);

    const second = runCli(['import', april, '--source', 'Homes', '--kind', 'housing', '--mapping', 'Homes monthly', '--db', db, '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/drift: column "Date of Birth" is now "Date of Brith"/);
    const file = (second.json?.files as Array<Record<string, unknown>>)[0];
    expect(file).toMatchObject({ preset: { name: 'Homes monthly' }, diff: { new: 1, gone: 1, unchanged: 1, changed: 0 } });

    const diff = runCli(['source', 'diff', String(file?.sourceId), '--db', db, '--json'], env);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.json).toMatchObject({ ok: true, diff: { new: 1, gone: 1, previousFileName: 'homes-march.csv' } });
    expect(runCli(['source', 'diff', '99', '--db', db], env).code).toBe(1);

    const out = join(dir, 'quarantine.xlsx');
    const exported = runCli(['export', 'quarantine', '--source', '1', '--out', out, '--db', db, '--json'], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json).toMatchObject({ ok: true, rows: 1 });
    const wb = XLSX.read(readFileSync(out));
    expect(wb.SheetNames.length).toBe(2);
    expect(runCli(['export', 'quarantine', '--source', '1', '--out', join(dir, 'q.csv'), '--db', db], env).code).toBe(1);
  });
});
