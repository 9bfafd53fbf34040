// A column naming someone related to the row's person (A&E's "NOK Name" with "NOK Relationship",
// youth justice's "Parent/Carer") is stored as that relative, for the household stage: the
// person's own name is unchanged, and a sheet's own relationship column (a tenancy's relationship
// to the lead tenant) is not taken for a relative's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { settleRelatives } from '../../electron/engine/import/relatives.js';
import { suggestRole } from '../../electron/engine/import/roles.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { loadRecords } from '../../electron/engine/link/load-records.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

async function imported(file: string): Promise<Array<Record<string, unknown>>> {
  const store = Store.create(join(file, '..', 's.db'), 'a passphrase for tests', 'analyst');
  try {
    await importFile(store, file, { user: 'analyst' }, silentJob());
    const rows = store.reader.prepare('SELECT forename, surname, relative_forename, relative_surname, relative_relationship FROM record ORDER BY id').all() as Array<Record<string, unknown>>;
    const records = loadRecords(store.reader);
    expect(records.map((r) => [r.relativeForename ?? null, r.relativeSurname ?? null, r.relativeRelationship ?? null])).toEqual(rows.map((r) => [r.relative_forename, r.relative_surname, r.relative_relationship]));
    return rows;
  } finally {
    store.close();
  }
}

describe('a related person named on the row', () => {
  it('stores A&E’s next of kin and relationship, not as the patient’s name', async () => {
    const dir = tempDir();
    const csv = join(dir, 'ae.csv');
    writeFileSync(
      csv,
      [
        'Attendance Number,Arrival,Patient Surname,Patient Forename,Date of Birth,Patient Postcode,NOK Name,NOK Relationship,NOK Telephone',
        'AE1,01/02/2025 10:12,KHAN,Ahmed,06/05/2014,S65 2RB,Shazia Begum,Mother,07700 900123',
        'AE2,03/02/2025 11:40,Wood,Karen,01/01/1980,S65 3AB,WOOD Peter,Husband,07700 900124',
        'AE3,04/02/2025 09:05,Lee,Tom,02/02/1990,S65 4CD,,,',
        'AE4,05/02/2025 14:20,Ali,Sara,03/03/1995,S65 5EF,Mrs J Smith,Neighbour,07700 900125',
      ].join('\n'),
    );
    expect(await imported(csv)).toEqual([
      { forename: 'Ahmed', surname: 'KHAN', relative_forename: 'Shazia', relative_surname: 'Begum', relative_relationship: 'Mother' },
      { forename: 'Karen', surname: 'Wood', relative_forename: 'Peter', relative_surname: 'WOOD', relative_relationship: 'Husband' },
      { forename: 'Tom', surname: 'Lee', relative_forename: null, relative_surname: null, relative_relationship: null },
      { forename: 'Sara', surname: 'Ali', relative_forename: 'J', relative_surname: 'Smith', relative_relationship: 'Neighbour' },
    ]);
  });

  it('stores a workbook’s parent or carer, the heading standing for the relationship', async () => {
    const dir = tempDir();
    const path = join(dir, 'yjs.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Case No.', 'Young Person', 'D.O.B.', 'Post Code', 'Outcome', 'Parent/Carer'],
        ['YJ/2400', 'Ahmed KHAN', '06/05/2010', 'S65 2RB', 'Referral Order', 'Mrs S Begum'],
        ['YJ/2401', 'Liam WOOD', '07/08/2009', 'S65 3AB', 'Youth Caution', 'Mr P. Wood'],
        ['YJ/2402', 'Kyle LEE', '01/09/2011', 'S65 4CD', 'Community Resolution', null],
        ['YJ/2403', 'Jade ALI', '02/10/2010', 'S65 5EF', 'Referral Order', 'BEGUM, Shazia'],
      ]),
      'Cohort',
    );
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(await imported(path)).toEqual([
      { forename: 'Ahmed', surname: 'KHAN', relative_forename: 'S', relative_surname: 'Begum', relative_relationship: 'Parent/Carer' },
      { forename: 'Liam', surname: 'WOOD', relative_forename: 'P', relative_surname: 'Wood', relative_relationship: 'Parent/Carer' },
      { forename: 'Kyle', surname: 'LEE', relative_forename: null, relative_surname: null, relative_relationship: null },
      { forename: 'Jade', surname: 'ALI', relative_forename: 'Shazia', relative_surname: 'BEGUM', relative_relationship: 'Parent/Carer' },
    ]);
  });

  it('leaves a tenancy’s own relationship column, and a sheet whose only names are under such a heading, as they were', () => {
    const roles = (headers: string[], columns: string[][]): string[] => settleRelatives(headers, headers.map((h, i) => suggestRole(h, columns[i]!, 2025)), columns).map((s) => s.role);
    expect(roles(['Relationship', 'First Name', 'Last Name'], [['Lead tenant', 'Partner', 'Son', 'Daughter'], ['Amir', 'Sara', 'John', 'Imran'], ['Begum', 'Ali', 'Smith', 'Khan']])).toEqual(['event', 'forename', 'surname']);
    expect(roles(['Parent/Carer', 'Postcode'], [['Shazia Begum', 'Mohammed Ali', 'Jane Smith', 'Sadia Khan'], ['S1 1AA', 'S1 1AB', 'S1 1AC', 'S1 1AD']])).toEqual(['full_name', 'postcode']);
  });
});
