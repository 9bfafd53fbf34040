// Files built to the patterns partners send (issue 3): every person column mapped right by
// `--mapping auto`, and every row a record, structure, or quarantined with a reason.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, previewImport } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { REPO } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';
import { type SheetTruth, writeFuzzyTsv, writePatternsWorkbook, writePoliceCsv } from '../fixtures/import/build.js';

const tempDir = useTempDirs();

function newStore(): Store {
  return Store.openWithKey(join(tempDir(), 'baseline.db'), randomBytes(32), true);
}

interface RawRow {
  sheet: string;
  row_number: number;
  status: string;
  reason: string | null;
  cells_json: string;
  formulas_json: string | null;
}

const rawRows = (store: Store): RawRow[] =>
  store.reader
    .prepare('SELECT sh.sheet, w.row_number, w.status, w.reason, w.cells_json, w.formulas_json FROM raw_row w JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal ORDER BY w.id')
    .all() as RawRow[];

async function checkFixture(path: string, truth: SheetTruth[]): Promise<Store> {
  // Roles, as the preview shows them.
  const preview = await previewImport(null, path, 'f_abcdefghijkl');
  for (const t of truth) {
    const sheet = preview.sheets.find((s) => s.sheet === t.sheet);
    expect(sheet, `sheet "${t.sheet}"`).toBeDefined();
    for (const [header, role] of Object.entries(t.roles)) {
      const column = sheet?.columns.find((c) => c.header === header);
      expect(column?.role, `${t.sheet || 'csv'}: ${header}`).toBe(role);
      if (role !== 'event' && role !== 'ignore') expect(column?.confidence ?? 0, `${header} confidence`).toBeGreaterThan(0.5);
    }
    if (t.warning) expect(sheet?.problem ?? '').toMatch(t.warning);
  }
  // Every row accounted for.
  const store = newStore();
  const summary = await importFile(store, path, { user: 't', today: '2025-01-01' }, silentJob());
  const rows = rawRows(store);
  for (const t of truth) {
    const got = rows.filter((r) => r.sheet === t.sheet);
    expect(got.map((r) => [r.row_number, r.status]), `sheet "${t.sheet}"`).toEqual(t.rows);
    for (const r of got) if (r.status === 'quarantine' || r.status === 'structure') expect(r.reason, `row ${r.row_number}`).toBeTruthy();
    if (t.warning) expect(summary.message).toMatch(t.warning);
  }
  const records = (store.reader.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n;
  expect(records).toBe(truth.reduce((n, t) => n + t.rows.filter(([, s]) => s === 'record').length, 0));
  return store;
}

describe('partner patterns', () => {
  it('xlsx: title rows, a two-row header, notes sheet, repeated header, totals, notes, a second table, a lower sub-header', async () => {
    const path = join(tempDir(), 'school-extract.xlsx');
    const store = await checkFixture(path, writePatternsWorkbook(path));
    const records = store.reader.prepare('SELECT forename, middle_names, surname, dob, sex, postcode, nhs_number, nhs_number_valid, upn, upn_valid, address, problems_json FROM record ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(records[0]).toMatchObject({ forename: 'John', surname: 'SMITH', dob: '2010-04-03', sex: 'M', postcode: 'S60 1AB', nhs_number: '9434765919', nhs_number_valid: 1, upn_valid: 1 });
    // A real Excel date cell, and the Oracle-style date with a two-digit year.
    expect(records[1]).toMatchObject({ forename: 'Jane', surname: 'DOE', dob: '2010-04-03', postcode: 'S61 2AB' });
    expect(records[2]).toMatchObject({ forename: 'Mary', middle_names: 'Ann', surname: "O'NEIL-JONES", dob: '1994-09-12', sex: 'F', postcode: 'S60 1AB' });
    expect(JSON.parse(String(records[2]?.problems_json))).toEqual([expect.stringMatching(/S6O 1AB.*read as S60 1AB/)]);
    // An NHS number failing its check digit is kept and flagged, not dropped.
    expect(records[3]).toMatchObject({ forename: 'Ali', surname: 'KHAN', nhs_number: '9434765918', nhs_number_valid: 0 });
    expect(JSON.parse(String(records[3]?.problems_json))).toContain('NHS number fails its check digit');
    // Formulas: the value is used, the formula kept beside the raw cells.
    const rows = rawRows(store);
    const withFormula = rows.find((r) => r.sheet === 'Attendance' && r.row_number === 6);
    expect(JSON.parse(withFormula?.cells_json ?? '[]')[10]).toBe('6');
    expect(JSON.parse(withFormula?.formulas_json ?? '{}')).toEqual({ 10: '=I6+2' });
    const totals = rows.find((r) => r.sheet === 'Attendance' && r.row_number === 13);
    expect(totals?.reason).toBe('totals row');
    expect(JSON.parse(totals?.formulas_json ?? '{}')).toMatchObject({ 7: '=SUM(H6:H11)' });
    const headers = store.reader.prepare("SELECT header_row, headers_json FROM source_sheet WHERE sheet = 'Attendance'").get() as { header_row: number; headers_json: string };
    expect(headers.header_row).toBe(4);
    expect(JSON.parse(headers.headers_json).slice(6)).toEqual(['Address', 'Autumn 2023 Sessions', 'Autumn 2023 Unauthorised', 'Spring 2024 Sessions', 'Spring 2024 Unauthorised']);
    // The address normaliser's parts are stored beside the whole address.
    const parts = store.reader.prepare("SELECT addr_flat, addr_number, addr_name, addr_street, addr_town FROM record WHERE address LIKE 'Flat 2%'").get();
    expect(parts).toEqual({ addr_flat: '2', addr_number: '7', addr_name: null, addr_street: 'MILL ROAD', addr_town: 'ROTHERHAM' });
    const cottage = store.reader.prepare("SELECT addr_number, addr_name, addr_street, addr_locality FROM record WHERE address LIKE 'Rose Cottage%'").get();
    expect(cottage).toEqual({ addr_number: null, addr_name: 'ROSE COTTAGE', addr_street: 'CHURCH LANE', addr_locality: null });
    // The two-row term header becomes one attendance Event per term, dated by the term.
    const attendance = store.reader
      .prepare("SELECT e.category, e.start_date, e.end_date, e.value, e.detail_json FROM event e JOIN record r ON r.id = e.record_id WHERE e.kind = 'attendance' ORDER BY e.record_id, e.start_date")
      .all() as Array<{ category: string; start_date: string; end_date: string; value: number | null; detail_json: string }>;
    expect(attendance.length).toBeGreaterThan(0);
    expect(new Set(attendance.map((e) => e.category))).toEqual(new Set(['Autumn 2023', 'Spring 2024']));
    const autumn = attendance.find((e) => e.category === 'Autumn 2023');
    expect(autumn).toMatchObject({ start_date: '2023-09-01', end_date: '2023-12-31' });
    expect(JSON.parse(autumn?.detail_json ?? '{}')).toHaveProperty('sessionsPossible');
    store.close();
  });

  it('csv: Windows-1252, semicolons, a title line, a totals line, dd-MON-yy and two-digit years', async () => {
    const path = join(tempDir(), 'police-asb.csv');
    const store = await checkFixture(path, writePoliceCsv(path));
    const records = store.reader.prepare('SELECT title, forename, surname, dob, postcode, event_date FROM record ORDER BY id').all();
    expect(records).toEqual([
      { title: null, forename: 'Zoë', surname: "O'NEIL", dob: '1994-09-12', postcode: 'S60 1AB', event_date: '2024-03-01' },
      { title: null, forename: 'Jane', surname: 'DOE', dob: '1988-02-01', postcode: 'S61 2AB', event_date: '2024-03-02' },
      { title: 'Mr', forename: 'Ali', surname: 'Khan', dob: '1999-12-31', postcode: 'S60 2AA', event_date: '2024-03-02' },
      // No name, but a date of birth and a postcode: enough to be a record (linkage decides who).
      { title: null, forename: null, surname: null, dob: '2000-01-01', postcode: 'S60 1AB', event_date: '2024-03-03' },
    ]);
    store.close();
  });

  it('tsv with a BOM and misspelt headers: fuzzy matching maps them', async () => {
    const path = join(tempDir(), 'list.tsv');
    const store = await checkFixture(path, writeFuzzyTsv(path));
    expect(store.reader.prepare('SELECT surname, forename, dob, sex, nhs_number_valid FROM record ORDER BY id').all()).toEqual([
      { surname: 'Lee', forename: 'Ann', dob: '1980-02-01', sex: 'F', nhs_number_valid: 1 },
      { surname: 'Ray', forename: 'Bob', dob: '1981-03-02', sex: 'M', nhs_number_valid: 1 },
    ]);
    store.close();
  });
});

const FEBRL = join(REPO, '..', 'shared', 'data', 'febrl', 'febrl1.csv');

describe.skipIf(!existsSync(FEBRL))('FEBRL through the importer (STACK trap 8)', () => {
  it('maps its columns, reads yyyymmdd births, flags 4-digit postcodes, keeps rec ids as agency references and social security numbers as other identifiers', async () => {
    // Leading spaces in the headers, as the original FEBRL files have them.
    const text = readFileSync(FEBRL, 'utf8').replace(/^[^\n]*/, (header) => header.split(',').map((h) => ` ${h}`).join(','));
    const path = join(tempDir(), 'febrl1.csv');
    writeFileSync(path, text);
    const preview = await previewImport(null, path, 'f_abcdefghijkl');
    const roles = Object.fromEntries(preview.sheets[0]?.columns.map((c) => [c.header, c.role]) ?? []);
    expect(roles).toMatchObject({
      unique_id: 'agency_ref',
      given_name: 'forename',
      surname: 'surname',
      street_number: 'address_line',
      address_1: 'address_line',
      address_2: 'address_line',
      suburb: 'town',
      postcode: 'postcode',
      date_of_birth: 'dob',
      soc_sec_id: 'other_id',
    });
    expect(['event', 'ignore']).toContain(roles.cluster);
    const store = newStore();
    const summary = await importFile(store, path, { user: 't', today: '2025-01-01' }, silentJob());
    const rows = text.trim().split('\n').length - 1;
    expect((summary.sheets[0]?.records ?? 0) + (summary.sheets[0]?.quarantined ?? 0)).toBe(rows);
    const first = store.reader.prepare("SELECT agency_ref, dob, postcode, other_id, problems_json FROM record WHERE agency_ref = 'rec-122-org'").get() as Record<string, string>;
    expect(first).toMatchObject({ agency_ref: 'rec-122-org', dob: '1999-02-19', postcode: null, other_id: text.match(/^ ?rec-122-org,.*,(\d+)$/m)?.[1] });
    expect(JSON.parse(first.problems_json ?? '[]')).toContain('postcode: "4814" is not a UK postcode');
    store.close();
  });
});

describe('text encodings', () => {
  it("Excel's Unicode Text export: UTF-16LE with a BOM, tab-separated", async () => {
    const path = join(tempDir(), 'unicode.txt');
    const text = 'Forename\tSurname\tDOB\r\nZoë\tŁukasz-Brontë\t01/02/2003\r\n';
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const store = newStore();
    await importFile(store, path, { user: 't' }, silentJob());
    expect(store.reader.prepare('SELECT forename, surname, surname_key, dob FROM record').all()).toEqual([
      { forename: 'Zoë', surname: 'Łukasz-Brontë', surname_key: 'LUKASZ BRONTE', dob: '2003-02-01' },
    ]);
    store.close();
  });

  it('Windows-1252 bytes deep in an otherwise ASCII file decode as Windows-1252 throughout', async () => {
    const path = join(tempDir(), 'late.csv');
    const lines = ['Forename,Surname'];
    for (let i = 0; i < 120_000; i++) lines.push(`Ann${i},Lee`);
    lines.push('Zo\xeb,Smith');
    writeFileSync(path, Buffer.from(`${lines.join('\n')}\n`, 'latin1'));
    const store = newStore();
    await importFile(store, path, { user: 't' }, silentJob());
    expect(store.reader.prepare("SELECT forename FROM record WHERE surname = 'Smith'").get()).toEqual({ forename: 'Zoë' });
    store.close();
  });
});
