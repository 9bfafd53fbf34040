// Layouts of the unseen model's extracts that other partners' systems write (test/bench/unseen/
// variants.ts), cut down to the column that went wrong: a workbook without a header whose dates
// are bare day numbers, a title column with a heading no list knows, e-mail and phone columns
// whose headings say "address" and "number", and a sheet dated only by an "Outcome Date".
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../electron/engine/import/pipeline.js';
import { valueAt } from '../../electron/engine/import/row-batch.js';
import { recordIndex } from '../../electron/engine/import/row-builder.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

/** Each sheet's roles in column order, how many rows became records, and their dates of birth. */
function read(path: string): { roles: string[][]; headers: string[][]; records: number; dobs: Array<string | null>; middles: Array<string | null> } {
  const roles: string[][] = [];
  const headers: string[][] = [];
  const dobs: Array<string | null> = [];
  const middles: Array<string | null> = [];
  let records = 0;
  runPipeline({ path, fileName: basename(path), mode: 'import', pivotYear: 2025, today: '2025-04-14' }, (m) => {
    if (m.type === 'sheet') {
      roles.push(m.sheet.roles);
      headers.push(m.sheet.headers);
    }
    if (m.type === 'rows') {
      records += m.data.records.rows;
      for (let i = 0; i < m.data.records.rows; i++) {
        dobs.push(valueAt(m.data.records, 1 + recordIndex('dob'), i) as string | null);
        middles.push(valueAt(m.data.records, 1 + recordIndex('middle_names'), i) as string | null);
      }
    }
  });
  return { roles, headers, records, dobs, middles };
}

const FORENAMES = ['David', 'Sarah', 'Mohammed', 'Emma', 'Gary', 'Aisha', 'Paul', 'Julie', 'Imran', 'Claire'];
const SURNAMES = ['KELLY', 'SINGH', 'HUSSAIN', 'WALKER', 'BOOTH', 'KHAN', 'SYKES', 'HIRST', 'AHMED', 'LEE'];
/** Excel's day number of an ISO date. */
const serial = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;

describe('columns read from their cells in other partners\' layouts', () => {
  it('a workbook without a header, dates as bare day numbers: births, event dates and ages, every row a record', async () => {
    const path = join(tempDir(), 'asb.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    for (let i = 0; i < 40; i++) {
      const dob = `${1950 + ((i * 7) % 55)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
      const day = `2024-${String(((i * 5) % 12) + 1).padStart(2, '0')}-${String(((i * 3) % 27) + 1).padStart(2, '0')}`;
      const age = Number(day.slice(0, 4)) - Number(dob.slice(0, 4)) - (day.slice(5) < dob.slice(5) ? 1 : 0);
      // no address: the date of birth, or where it is missing the age, makes the row a person's
      ws.addRow([`WY-${240_000 + i}-24`, serial(day), i % 2 ? 'Nuisance' : 'Personal', `${FORENAMES[i % 10]} ${SURNAMES[(i * 3 + Math.floor(i / 10)) % 10]}`, i % 8 === 5 ? null : serial(dob), age]);
    }
    await wb.xlsx.writeFile(path);
    const { roles, records } = read(path);
    expect(roles[0]?.[1]).toBe('event_date');
    expect(roles[0]?.[3]).toBe('full_name');
    expect(roles[0]?.[4]).toBe('dob');
    expect(roles[0]?.[5]).toBe('age');
    expect(records).toBe(40);
  });

  it('a reference of climbing five-digit numbers, or amounts in pounds and pence, are not read as dates', async () => {
    const path = join(tempDir(), 'refs.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    // and amounts in pounds and pence, in no order
    for (let i = 0; i < 30; i++) ws.addRow([30_000 + i * 3, FORENAMES[i % 10], SURNAMES[(i * 7) % 10], `${String((i % 27) + 1).padStart(2, '0')}/0${(i % 9) + 1}/${1960 + i}`, `${5_000 + ((i * 7919) % 40_000)}.50`]);
    await wb.xlsx.writeFile(path);
    const { roles } = read(path);
    for (const column of [0, 4]) {
      expect(roles[0]?.[column]).not.toBe('event_date');
      expect(roles[0]?.[column]).not.toBe('dob');
    }
    expect(roles[0]?.[3]).toBe('dob');
  });

  it('no header: a column of surnames, many of them first names too, beside the forenames is the surname', () => {
    // eight surnames over forty rows: an extract sorted by family repeats them
    const surnames = ['Lee', 'Kelly', 'Ali', 'Hussain', 'Booth', 'Sykes', 'Campbell', 'Hirst'];
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) {
      const dob = `${String((i % 27) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${1950 + ((i * 7) % 60)}`;
      lines.push([`ED${9_100_000 + i}`, `0${(i % 9) + 1}/05/2024 02:16`, surnames[Math.floor(i / 5)], FORENAMES[i % 10], dob, i % 2 ? 'M' : 'F', `HX${(i % 7) + 1} ${(i % 9) + 1}DY`, 'Fever'].join(','));
    }
    const path = join(tempDir(), 'ed.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { roles } = read(path);
    expect(roles[0]?.[2]).toBe('surname');
    expect(roles[0]?.[3]).toBe('forename');
  });

  it("a two-digit year of birth takes the century the row's age fits, and is not used when it fits none", () => {
    const rows = [
      ['WY-1', '14/10/2024', 'ALBERT HIRST', '05-Apr-15', '109'], // 1915, not 2015
      ['WY-5', '27/03/2025', 'DAVID KELLY', '13-Sep-15', '73'], // 1951 keyed as 1915: fits 73 in neither century
      ['WY-2', '14/10/2024', 'SARAH SINGH', '22-Feb-80', '16'], // 2008 keyed as 2080: 1980 fits no age of 16
      ['WY-3', '14/10/2024', 'GARY HILL', '05-Apr-00', '24'],
      ['WY-4', '02/05/2024', 'EMMA WALKER', '30-Dec-59', '64'],
    ];
    const path = join(tempDir(), 'nominals.csv');
    writeFileSync(path, `OCC_REF,REPORTED_DT,NOMINAL,NOMINAL_DOB,AGE_AT_OCC\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    expect(read(path).dobs).toEqual(['1915-04-05', null, null, '2000-04-05', '1959-12-30']);
  });

  it('a father and his son of one name in a whole-name column keep their Snr and Jr', () => {
    const path = join(tempDir(), 'tenancy.csv');
    writeFileSync(path, 'Tenancy Ref,Person,Date of Birth,Postcode\nT1,PAUL HALL SNR,07/02/1971,HX5 4DY\nT1,PAUL JAMES HALL JR,19/11/2003,HX5 4DY\nT2,"SMITH, Simon Snr",01/01/1960,HX1 1AA\nT3,Amy JUNIPER,02/02/1990,HX2 2BB\n');
    expect(read(path).middles).toEqual(['SNR', 'JAMES JR', 'Snr', null]);
  });

  it('titles, e-mail and phone by their cells under UPPER_SNAKE or abbreviated headings; an "Outcome Date" dates the event', () => {
    const lines = ['CL_REF,Ttl,CL_FORENAME,CL_SURNAME,CL_DOB,CL_POSTCODE,CL_EMAIL_ADDRESS,CL_MOBILE_NUMBER,Outcome,Outcome Date'];
    for (let i = 0; i < 30; i++) {
      const f = FORENAMES[i % 10] as string;
      const s = SURNAMES[(i * 3) % 10] as string;
      lines.push(
        [`C${700_000 + i}`, ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr'][i % 5], f, s, `${String((i % 27) + 1).padStart(2, '0')}/0${(i % 9) + 1}/${1960 + i}`, `HX${(i % 7) + 1} ${(i % 9) + 1}DY`,
          `${f.toLowerCase()}.${s.toLowerCase()}${i}@gmail.com`, `07${700 + i} ${String(900_100 + i)}`, ['Referral Order', 'Triage', 'YRO'][i % 3], `${String((i % 27) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2024`].join(','),
      );
    }
    const path = join(tempDir(), 'clients.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { roles, headers } = read(path);
    const role = (h: string): string | undefined => roles[0]?.[headers[0]?.indexOf(h) ?? -1];
    expect(role('Ttl')).toBe('title');
    expect(role('CL_EMAIL_ADDRESS')).toBe('email');
    expect(role('CL_MOBILE_NUMBER')).toBe('phone');
    expect(role('Outcome Date')).toBe('event_date');
  });
});
