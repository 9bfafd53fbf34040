import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { importFile, previewImport } from '../../electron/engine/import/import-file.js';
import { guessKind } from '../../electron/engine/import/source-guess.js';
import { createJobContext, silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

function newStore(): Store {
  return Store.openWithKey(join(tempDir(), 'baseline.db'), randomBytes(32), true);
}

function writeXlsx(path: string, sheets: Record<string, unknown[][]>): void {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

const rawRows = (store: Store): Array<{ sheet: string; row_number: number; status: string; reason: string | null }> =>
  store.reader
    .prepare('SELECT sh.sheet, w.row_number, w.status, w.reason FROM raw_row w JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal ORDER BY w.id')
    .all() as Array<{ sheet: string; row_number: number; status: string; reason: string | null }>;

const counts = (store: Store): { sources: number; rows: number; records: number } => ({
  sources: (store.reader.prepare('SELECT count(*) AS n FROM source').get() as { n: number }).n,
  rows: (store.reader.prepare('SELECT count(*) AS n FROM raw_row').get() as { n: number }).n,
  records: (store.reader.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n,
});

async function importError(store: Store, path: string): Promise<WorkbenchError> {
  const before = counts(store);
  try {
    await importFile(store, path, { user: 't' }, silentJob());
  } catch (error) {
    expect(counts(store)).toEqual(before);
    if (error instanceof WorkbenchError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

describe('xlsx import', () => {
  it('finds the header under title rows, keeps true row numbers, and sorts rows into records, structure and quarantine', async () => {
    const dir = tempDir();
    const path = join(dir, 'police-asb.xlsx');
    writeXlsx(path, {
      Incidents: [
        ['South Yorkshire Police: ASB extract'],
        [],
        ['Name', 'DOB', 'Post Code', 'Incident Date'],
        ['SMITH, John', '03/04/2010', 's601ab', '2024-01-05'],
        [],
        ['Jane DOE', '1988-02-01', 'S61 2CD', '2024-02-01'],
        ['Name', 'DOB', 'Post Code', 'Incident Date'],
        ['', '01/01/2000', 'S60 1AB', '2024-03-01'],
        ['Total', '', '', ''],
      ],
      Notes: [['This extract is synthetic.'], ['Second line of notes.']],
    });
    const store = newStore();
    const summary = await importFile(store, path, { user: 't', today: '2025-01-01' }, silentJob());
    expect(summary.skipped).toBe(false);
    const rows = rawRows(store);
    expect(rows.filter((r) => r.sheet === 'Incidents').map((r) => [r.row_number, r.status])).toEqual([
      [1, 'structure'],
      [3, 'header'],
      [4, 'record'],
      [6, 'record'],
      [7, 'structure'],
      [8, 'record'],
      [9, 'structure'],
    ]);
    expect(rows.filter((r) => r.sheet === 'Notes').every((r) => r.status === 'structure')).toBe(true);
    const records = store.reader.prepare('SELECT forename, surname, dob, postcode, event_date FROM record ORDER BY id').all();
    expect(records).toEqual([
      { forename: 'John', surname: 'SMITH', dob: '2010-04-03', postcode: 'S60 1AB', event_date: '2024-01-05' },
      { forename: 'Jane', surname: 'DOE', dob: '1988-02-01', postcode: 'S61 2CD', event_date: '2024-02-01' },
      // No name, but a date of birth and a postcode: enough to be a record.
      { forename: null, surname: null, dob: '2000-01-01', postcode: 'S60 1AB', event_date: '2024-03-01' },
    ]);
    const source = store.reader.prepare('SELECT kind, as_of, records, quarantined FROM source').get();
    expect(source).toEqual({ kind: 'police', as_of: '2024-03-01', records: 3, quarantined: 0 });
    store.close();
  });

  it('reads real Excel dates as dates, not US-formatted text', async () => {
    const path = join(tempDir(), 'health.xlsx');
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([['Forename', 'Surname', 'Date of Birth'], ['Amy', 'Khan', new Date(Date.UTC(2010, 3, 3))]], { cellDates: true });
    XLSX.utils.book_append_sheet(wb, ws, 'A&E');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const store = newStore();
    await importFile(store, path, { user: 't' }, silentJob());
    expect(store.reader.prepare('SELECT dob FROM record').get()).toEqual({ dob: '2010-04-03' });
    store.close();
  });

  it('refuses a password-protected workbook, naming the file', async () => {
    const path = join(tempDir(), 'locked.xlsx');
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 64, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(64, 7));
    writeFileSync(path, XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const error = await importError(newStore(), path);
    expect(error.kind).toBe('bad-input');
    expect(error.message).toMatch(/locked\.xlsx.*password-protected/);
  });

  it('refuses a damaged workbook', async () => {
    const path = join(tempDir(), 'broken.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(200)]));
    const error = await importError(newStore(), path);
    expect(error.message).toMatch(/broken\.xlsx: the file could not be read as a spreadsheet/);
  });

  it('a sheet with no header row: the file is refused when no sheet has one, naming the sheets', async () => {
    const path = join(tempDir(), 'nohead.xlsx');
    writeXlsx(path, { Data: [['x', 1, 2], ['y', 3, 4]] });
    const error = await importError(newStore(), path);
    expect(error.message).toMatch(/nohead\.xlsx: no header row found .*"Data"/);
  });

  it('a data sheet without a header beside a good one is quarantined with a reason, not lost', async () => {
    const path = join(tempDir(), 'mixed.xlsx');
    writeXlsx(path, { Good: [['Forename', 'Surname'], ['Ann', 'Lee']], Odd: [['x', 1, 2], ['y', 3, 4]] });
    const store = newStore();
    const summary = await importFile(store, path, { user: 't' }, silentJob());
    expect(summary.sheets.find((s) => s.sheet === 'Odd')?.quarantined).toBe(2);
    expect(rawRows(store).filter((r) => r.sheet === 'Odd').map((r) => r.reason)).toEqual(['no header row found on sheet "Odd"', 'no header row found on sheet "Odd"']);
    store.close();
  });
});

describe('csv import', () => {
  it('numbers rows as a spreadsheet shows them: blank lines count, quoted newlines do not', async () => {
    const path = join(tempDir(), 'school.csv');
    writeFileSync(path, 'Forename,Surname,Address\r\nAnn,Lee,"1 High St\r\nFlat 2"\r\n\r\nBob,Ray,x\r\n');
    const store = newStore();
    await importFile(store, path, { user: 't' }, silentJob());
    expect(rawRows(store).map((r) => [r.row_number, r.status])).toEqual([
      [1, 'header'],
      [2, 'record'],
      [4, 'record'],
    ]);
    store.close();
  });

  it('keeps cells verbatim as text (no number or formula guessing)', async () => {
    const path = join(tempDir(), 'verbatim.csv');
    writeFileSync(path, 'Forename,Surname,Ref\nAnn,Lee,0812\nBob,=1+1,1e3\n');
    const store = newStore();
    await importFile(store, path, { user: 't' }, silentJob());
    const cells = (store.reader.prepare("SELECT cells_json FROM raw_row WHERE status = 'record' ORDER BY id").all() as Array<{ cells_json: string }>).map((r) => JSON.parse(r.cells_json));
    expect(cells).toEqual([
      ['Ann', 'Lee', '0812'],
      ['Bob', '=1+1', '1e3'],
    ]);
    store.close();
  });

  it('decodes UTF-8 with and without BOM, and Windows-1252', async () => {
    const dir = tempDir();
    const store = newStore();
    writeFileSync(join(dir, 'a.csv'), 'Forename,Surname\nZoë,Brontë\n');
    writeFileSync(join(dir, 'b.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Forename,Surname\nZoë,Smith\n')]));
    writeFileSync(join(dir, 'c.csv'), Buffer.from('Forename;Surname\nZo\xeb;Smith\n', 'latin1'));
    for (const f of ['a.csv', 'b.csv', 'c.csv']) await importFile(store, join(dir, f), { user: 't' }, silentJob());
    expect(store.reader.prepare('SELECT forename FROM record ORDER BY id').all()).toEqual([{ forename: 'Zoë' }, { forename: 'Zoë' }, { forename: 'Zoë' }]);
    store.close();
  });

  it('the same file twice is skipped by hash and nothing is duplicated', async () => {
    const path = join(tempDir(), 'twice.csv');
    writeFileSync(path, 'Forename,Surname\nAnn,Lee\n');
    const store = newStore();
    await importFile(store, path, { user: 't' }, silentJob());
    const before = counts(store);
    const again = await importFile(store, path, { user: 't' }, silentJob());
    expect(again.skipped).toBe(true);
    expect(again.message).toMatch(/already imported/);
    expect(counts(store)).toEqual(before);
    store.close();
  });

  it.each([
    ['empty.csv', Buffer.alloc(0), /empty\.csv: the file is empty/],
    ['junk.csv', Buffer.concat([Buffer.from([0, 1, 2, 3]), randomBytes(500)]), /junk\.csv: this is not a spreadsheet or a CSV file/],
    ['blank.csv', Buffer.from(',,\n,,\n'), /blank\.csv: the file has no rows with any values/],
    ['nohead.csv', Buffer.from('a,b\n1,2\n'), /nohead\.csv: no header row found/],
  ])('refuses %s with a clear message and leaves the store unchanged', async (name, bytes, message) => {
    const path = join(tempDir(), name);
    writeFileSync(path, bytes);
    const error = await importError(newStore(), path);
    expect(error.kind).toBe('bad-input');
    expect(error.message).toMatch(message);
  });

  it('a cancelled import leaves the store unchanged', async () => {
    const path = join(tempDir(), 'big.csv');
    writeFileSync(path, `Forename,Surname\n${'Ann,Lee\n'.repeat(10_000)}`);
    const store = newStore();
    const controller = new AbortController();
    const job = createJobContext(controller.signal, (phase, done) => {
      if (phase === 'Storing rows' && done > 0) controller.abort();
    });
    await expect(importFile(store, path, { user: 't' }, job)).rejects.toMatchObject({ kind: 'cancelled' });
    expect(counts(store)).toEqual({ sources: 0, rows: 0, records: 0 });
    store.close();
  });

  it('columns marked "not needed" are never stored and the source records them', async () => {
    const path = join(tempDir(), 'minimal.csv');
    writeFileSync(path, 'Forename,Surname,Religion\nAnn,Lee,SECRET-VALUE\n');
    const store = newStore();
    await importFile(store, path, { user: 't', mapping: { '': ['forename', 'surname', 'drop'] } }, silentJob());
    const all = JSON.stringify(store.reader.prepare('SELECT cells_json FROM raw_row').all());
    expect(all).not.toContain('SECRET-VALUE');
    expect(store.reader.prepare('SELECT dropped_columns_json FROM source').get()).toEqual({ dropped_columns_json: '["Religion"]' });
    store.close();
  });
});

describe('preview', () => {
  it('suggests roles from headers and cells', async () => {
    const path = join(tempDir(), 'benefits.csv');
    writeFileSync(path, 'Client Ref,First Name,Last Name,D.O.B,NI Number,Post Code,Claim Type,Col8\n' + 'C1,Ann,Lee,01/02/1980,AB123456C,S60 1AB,UC,9434765919\n');
    const preview = await previewImport(null, path, 'f_abcdefghijkl');
    expect(preview.suggestedKind).toBe('benefits');
    expect(preview.sheets[0]?.columns.map((c) => c.role)).toEqual(['person_ref', 'forename', 'surname', 'dob', 'nino', 'postcode', 'event_category', 'nhs_number']);
  });
});

describe('guessing the kind of extract', () => {
  it.each([
    ['health-attendances.xlsx', ['NHS Number', 'Forename', 'Attendance Date'], 'health'],
    ['school-roll.csv', ['UPN', 'Forename', 'Sessions possible', 'Unauthorised absences'], 'school'],
    ['extract.csv', ['Forename', 'Surname', 'Incident Date', 'Incident Type'], 'police'],
    ['yot-2024.xlsx', ['Name', 'DOB', 'Offence Date', 'Outcome'], 'youth-justice'],
    ['dwp.csv', ['NI Number', 'Claim Type', 'Claim Start'], 'benefits'],
    ['tenancies.csv', ['Tenancy Ref', 'UPRN', 'Tenant Name'], 'housing'],
    ['list.csv', ['Forename', 'Surname'], 'other'],
  ])('%s → %s', (file, headers, kind) => expect(guessKind(file, headers)).toBe(kind));

  it('a file with no header under a neutral name: from the identifiers found in its cells, never over what the name says', () => {
    const unheaded = ['Column A', 'Column B', 'Column C', 'Column D'];
    expect(guessKind('extract_07.csv', unheaded, ['agency_ref', 'nino', 'forename', 'surname'])).toBe('benefits');
    expect(guessKind('extract_08.csv', unheaded, ['upn', 'full_name', 'dob', 'postcode'])).toBe('school');
    expect(guessKind('extract_09.csv', unheaded, ['nhs_number', 'full_name', 'dob', 'postcode'])).toBe('health');
    expect(guessKind('extract_10.csv', unheaded, ['full_name', 'dob', 'postcode'])).toBe('other');
    expect(guessKind('asb_nominals.csv', unheaded, ['nhs_number', 'full_name'])).toBe('police');
  });
});
