// Export targets and names, without the CLI: which paths an export refuses, and how a partner's
// sheet name that starts like a formula is written.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sheetNameFor } from '../../electron/engine/export/quarantine-xlsx.js';
import { writeCsvFile } from '../../electron/engine/export/csv-writer.js';
import { checkExportTarget } from '../../electron/engine/governance/export-path.js';
import { writeReportXlsx } from '../../electron/engine/governance/report-xlsx.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'bw-exports-'));
  dirs.push(d);
  return d;
};

describe('export targets', () => {
  it('refuses any store file, even forced; another store beside its key file too', () => {
    const d = dir();
    const storePath = join(d, 'baseline.db');
    for (const f of [storePath, `${storePath}.keys`, `${storePath}-wal`, `${storePath}-shm`]) writeFileSync(f, 'x');
    writeFileSync(join(d, 'other.db'), 'x');
    writeFileSync(join(d, 'other.db.keys'), 'x');
    for (const target of [storePath, `${storePath}.keys`, `${storePath}-wal`, `${storePath}-shm`, join(d, 'sub', '..', 'baseline.db'), join(d, 'other.db'), join(d, 'new.keys')]) {
      expect(() => checkExportTarget(target, { storePath, kind: 'audit', force: true }), target).toThrow(/store's own file/);
    }
  });

  it('replaces an earlier export of the same kind, refuses other files unless forced', () => {
    const d = dir();
    const storePath = join(d, 'baseline.db');
    const clusters = join(d, 'clusters.csv');
    writeCsvFile(clusters, [['file', 'sheet', 'row_number', 'person_id', 'household_id']]);
    expect(() => checkExportTarget(clusters, { storePath, kind: 'clusters' })).not.toThrow();
    expect(() => checkExportTarget(clusters, { storePath, kind: 'audit' })).toThrow(/not an earlier audit trail export/);
    const record = join(d, 'record.xlsx');
    writeReportXlsx(record, 'Data protection record', [{ name: 'Sources', rows: [['a']] }]);
    expect(() => checkExportTarget(record, { storePath, kind: 'dp-record' })).not.toThrow();
    expect(() => checkExportTarget(record, { storePath, kind: 'quarantine' })).toThrow(/already exists/);
    expect(() => checkExportTarget(record, { storePath, kind: 'quarantine', force: true })).not.toThrow();
    expect(() => checkExportTarget(join(d, 'new.csv'), { storePath, kind: 'pairs' })).not.toThrow();
  });

  it('writes exports for the owner only, and neutralises text for people but not numbers', () => {
    const d = dir();
    const out = join(d, 'people.csv');
    writeCsvFile(out, [['=HYPERLINK("x")', '@SUM(1)', -3.5, '+44 1709', 'plain']], { forPeople: true });
    expect(readFileSync(out, 'utf8')).toBe(`"'=HYPERLINK(""x"")",'@SUM(1),-3.5,'+44 1709,plain\r\n`);
    expect(statSync(out).mode & 0o077).toBe(0);
    const machine = join(d, 'machine.csv');
    writeCsvFile(machine, [['=HYPERLINK(1).csv', '', 2]]);
    expect(readFileSync(machine, 'utf8')).toBe('=HYPERLINK(1).csv,,2\r\n');
  });
});

describe('sheet names from partners', () => {
  it.each([
    ['=1+cmd|calc', '1+cmd|calc'],
    ['+SUM(A1)', 'SUM(A1)'],
    ['@attack', 'attack'],
    ['-2', '2'],
    ['=', 'Quarantine'],
    ['Year 7', 'Year 7'],
  ])('%s → %s', (name, expected) => {
    expect(sheetNameFor(name, new Set())).toBe(expected);
  });
});
