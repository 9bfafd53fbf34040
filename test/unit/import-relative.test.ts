// A column naming someone related to the row's person (A&E's "NOK Name" with "NOK Relationship",
// youth justice's "Parent/Carer") is stored as that relative, for the household stage: the
// person's own name is unchanged, and a sheet's own relationship column (a tenancy's relationship
// to the lead tenant) is not taken for a relative's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { relativeRole, settleRelatives } from '../../electron/engine/import/relatives.js';
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

  it('reads a long column of initials as a relative’s, and one of a few answers repeated as no one’s name', () => {
    const initials = Array.from({ length: 300 }, (_, i) => String.fromCharCode(65 + (i % 26)));
    expect(relativeRole('Parent Initial', initials)?.role).toBe('relative_forename');
    expect(relativeRole('Parent Surname', Array.from({ length: 300 }, (_, i) => ['Both', 'Neither', 'Mum only'][i % 3]!))).toBeNull();
  });
});

const csvOf = (name: string, lines: string[]): string => {
  const path = join(tempDir(), name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};
const kin = (forename: string | null, surname: string | null, relationship: string | null): Record<string, unknown> => ({ relative_forename: forename, relative_surname: surname, relative_relationship: relationship });
const relativesOf = (rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> => rows.map((r) => kin(r.relative_forename as string | null, r.relative_surname as string | null, r.relative_relationship as string | null));

describe('a related person named over columns', () => {
  // each layout: the headings of a school's, youth justice's or A&E's contact, two rows, the relatives stored
  const layouts: Array<[string, string[], string[], string[], Array<Record<string, unknown>>]> = [
    ['plain, with a relationship column', ['Parent Forename', 'Parent Surname', 'Relationship to Pupil'], ['Shazia,Begum,Mother', 'Peter,WOOD,Father'], [], [kin('Shazia', 'Begum', 'Mother'), kin('Peter', 'WOOD', 'Father')]],
    ['UPPER_SNAKE abbreviations, the heading for the relationship', ['CARER_FNAME', 'CARER_SNAME'], ['SHAZIA,BEGUM', 'P,WOOD'], [], [kin('SHAZIA', 'BEGUM', 'CARER'), kin('P', 'WOOD', 'CARER')]],
    ['next of kin, first and last name', ['NOK First Name', 'NOK Last Name', 'NOK Relationship', 'NOK Telephone'], ['Shazia,Begum,Mother,07700 900123', 'Peter,Wood,Husband,07700 900124'], [], [kin('Shazia', 'Begum', 'Mother'), kin('Peter', 'Wood', 'Husband')]],
    ["a mother's forename and surname", ["Mother's Forename", "Mother's Surname"], ['Shazia,Begum', 'Karen,Wood'], [], [kin('Shazia', 'Begum', 'Mother'), kin('Karen', 'Wood', 'Mother')]],
    ['two contacts run together with their number: the first kept', ['Contact1 Forename', 'Contact1 Surname', 'Contact1 Relationship', 'Contact2 Forename', 'Contact2 Surname', 'Contact2 Relationship'], ['Shazia,Begum,Mother,Imran,Khan,Father', 'Karen,Wood,Grandmother,Peter,Wood,Father'], [], [kin('Shazia', 'Begum', 'Mother'), kin('Karen', 'Wood', 'Grandmother')]],
    // a school census in CamelCase: the number between two words once hid the second ("Contact 1Relationship")
    ['CamelCase with the contact number inside the heading', ['Contact1Name', 'Contact1Relationship', 'Contact2Name', 'Contact2Relationship'], ['Shazia Begum,Mother,Imran Khan,Father', 'Karen Wood,Grandmother,Peter Wood,Father'], [], [kin('Shazia', 'Begum', 'Mother'), kin('Karen', 'Wood', 'Grandmother')]],
    ['an emergency contact with a title', ['Emergency Contact Title', 'Emergency Contact Forename', 'Emergency Contact Surname'], ['Mrs,Shazia,Begum', 'Mr,Peter,Wood'], [], [kin('Shazia', 'Begum', null), kin('Peter', 'Wood', null)]],
    ['a surname alone, with a title and initial in its cell', ['Parent Title', 'Parent Surname'], ['Mrs,Mrs S Begum', 'Mr,Wood'], [], [kin('S', 'Begum', 'Parent'), kin(null, 'Wood', 'Parent')]],
    ['a surname with an initial in a column of its own', ['Parent Initial', 'Parent Surname'], ['S,Begum', 'P.,Wood'], [], [kin('S', 'Begum', 'Parent'), kin('P', 'Wood', 'Parent')]],
  ];
  for (const [what, headings, cells, , expected] of layouts) {
    it(`stores the relative's name: ${what}`, async () => {
      const path = csvOf('yjs.csv', [`Case Ref,Surname,Forename,Date of Birth,Postcode,${headings.join(',')}`, `YJ1,Khan,Ahmed,06/05/2010,S65 2RB,${cells[0]}`, `YJ2,Wood,Liam,07/08/2009,S65 3AB,${cells[1]}`]);
      const rows = await imported(path);
      expect(rows.map((r) => [r.forename, r.surname])).toEqual([['Ahmed', 'Khan'], ['Liam', 'Wood']]);
      expect(relativesOf(rows)).toEqual(expected);
    });
  }

  it('reads a workbook in UPPER_SNAKE with a system prefix on the person’s own columns', async () => {
    const path = join(tempDir(), 'yot.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['PER_CASE_REFERENCE', 'PER_SURNAME', 'PER_GIVEN_NAME', 'PER_DATE_OF_BIRTH', 'PARENT_FNAME', 'PARENT_SNAME', 'PER_POST_CODE'],
        ['YJ1', 'Khan', 'Ahmed', '06/05/2010', 'Shazia', 'BEGUM', 'S65 2RB'],
        ['YJ2', 'Wood', 'Liam', '07/08/2009', 'Karen', 'WOOD', 'S65 3AB'],
        ['YJ3', 'Lee', 'Kyle', '01/09/2011', null, null, 'S65 4CD'],
      ]),
      'Cases',
    );
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(relativesOf(await imported(path))).toEqual([kin('Shazia', 'BEGUM', 'PARENT'), kin('Karen', 'WOOD', 'PARENT'), kin(null, null, null)]);
  });

  it('reads a parents’ contact list, whose only names are the parent’s, as the person’s own name', async () => {
    const rows = await imported(csvOf('contacts.csv', ['Parent Forename,Parent Surname,Parent Mobile,Postcode', 'Shazia,Begum,07700 900123,S65 2RB', 'Karen,Wood,07700 900124,S65 3AB']));
    expect(rows).toEqual([
      { forename: 'Shazia', surname: 'Begum', ...kin(null, null, null) },
      { forename: 'Karen', surname: 'Wood', ...kin(null, null, null) },
    ]);
  });

  it('reads no relative from cells that are not names under such headings', async () => {
    const rows = await imported(
      csvOf('ae.csv', [
        'Surname,Forename,Date of Birth,Postcode,Parent Forename,Parent Surname,Carer Surname',
        'Khan,Ahmed,06/05/2014,S65 2RB,Shazia,Yes,07700 900123',
        'Wood,Liam,07/08/2009,S65 3AB,Karen,No,07700 900124',
        'Lee,Kyle,01/09/2011,S65 4CD,Donna,Yes,07700 900125',
        'Ali,Jade,02/10/2010,S65 5EF,Sana,No,07700 900126',
      ]),
    );
    expect(rows.map((r) => [r.forename, r.surname])).toEqual([['Ahmed', 'Khan'], ['Liam', 'Wood'], ['Kyle', 'Lee'], ['Jade', 'Ali']]);
    expect(relativesOf(rows)).toEqual(Array(4).fill(kin(null, null, null)));
  });
});

describe('a couple across one row', () => {
  it('stores the joint tenant as the row’s relative, living with the person, and makes no record of them', async () => {
    const rows = await imported(
      csvOf('tenancies.csv', [
        'Tenancy Ref,Property Address,Post Code,Tenancy Start,Tenant 1 Forename,Tenant 1 Surname,Tenant 1 DOB,Tenant 2 Forename,Tenant 2 Surname,Tenant 2 DOB',
        'T1,"Flat 12, Kestrel House, Fircroft Road",OL8 2QP,01/04/2015,Samina,Begum,03/04/1980,Imran,Khan,14/09/1978',
        'T2,23 Milton Street,OL8 1AB,01/05/2012,Tracey,Holt,02/01/1979,,,',
        'T3,41 Milton Street,OL8 1AB,01/06/2019,Anna,Nowak,21/11/1987,Piotr,Nowak,30/06/1985',
      ]),
    );
    expect(rows).toEqual([
      { forename: 'Samina', surname: 'Begum', ...kin('Imran', 'Khan', 'Tenant 2') },
      { forename: 'Tracey', surname: 'Holt', ...kin(null, null, null) },
      { forename: 'Anna', surname: 'Nowak', ...kin('Piotr', 'Nowak', 'Tenant 2') },
    ]);
  });

  it('stores a second person whose heading says no more than that as joint (living with the person)', async () => {
    const rows = await imported(
      csvOf('applicants.csv', ['Application No,Person 1 Forename,Person 1 Surname,Person 1 DOB,Person 2 Forename,Person 2 Surname,Person 2 DOB,Postcode', 'A1,Samina,Begum,03/04/1980,Imran,Khan,14/09/1978,OL8 2QP', 'A2,Tracey,Holt,02/01/1979,,,,OL8 1AB']),
    );
    expect(rows).toEqual([
      { forename: 'Samina', surname: 'Begum', ...kin('Imran', 'Khan', 'Joint') },
      { forename: 'Tracey', surname: 'Holt', ...kin(null, null, null) },
    ]);
  });

  it('reads a third tenant’s forename, or a second contact’s, as no one’s middle names', async () => {
    const people = [['Samina', 'Begum', 'Imran', 'Khan', 'Sara', 'Khan'], ['Anna', 'Nowak', 'Piotr', 'Nowak', 'Jan', 'Nowak'], ['Donna', 'Clarke', 'Kai', 'Shaw', 'Ruby', 'Shaw'], ['Tracey', 'Holt', 'Mark', 'Holt', 'Kyle', 'Holt'], ['Julie', 'Wood', 'Peter', 'Wood', 'Liam', 'Wood'], ['Aisha', 'Ali', 'Omar', 'Ali', 'Zara', 'Ali']];
    const tenancies = csvOf('tenancies.csv', ['Tenancy Ref,Post Code,Tenant 1 Forename,Tenant 1 Surname,Tenant 1 DOB,Tenant 2 Forename,Tenant 2 Surname,Tenant 2 DOB,Tenant 3 Forename,Tenant 3 Surname,Tenant 3 DOB', ...people.map((n, i) => `T${i},OL8 ${i}AB,${n[0]},${n[1]},01/01/1980,${n[2]},${n[3]},02/02/1979,${n[4]},${n[5]},03/03/2005`)]);
    const contacts = csvOf('pupils.csv', ['UPN,Surname,Forename,Date of Birth,Postcode,Contact1 Forename,Contact1 Surname,Contact2 Forename,Contact2 Surname', ...people.map((n, i) => `A80120010${i}00${i},${n[1]},${n[4]},03/03/2015,OL8 ${i}AB,${n[0]},${n[1]},${n[2]},${n[3]}`)]);
    for (const path of [tenancies, contacts]) {
      const store = Store.create(join(path, '..', `${path.endsWith('tenancies.csv') ? 't' : 'c'}.db`), 'a passphrase for tests', 'analyst');
      try {
        await importFile(store, path, { user: 'analyst' }, silentJob());
        const rows = store.reader.prepare('SELECT middle_names, relative_forename FROM record ORDER BY id').all() as Array<{ middle_names: string | null; relative_forename: string | null }>;
        expect(rows.map((r) => r.middle_names)).toEqual(Array(6).fill(null));
        expect(rows.map((r) => r.relative_forename)).toEqual(people.map((n) => (path === tenancies ? n[2] : n[0])));
      } finally {
        store.close();
      }
    }
  });

  it('stores a joint claim’s partner, UPPER_SNAKE or plain', async () => {
    const snake = await imported(
      csvOf('shbe.csv', ['CLAIM_REF,CLMT_SURNAME,CLMT_FORENAME,CLMT_DOB,CLMT_NINO,PTNR_SURNAME,PTNR_FORENAME,PTNR_DOB,PTNR_NINO,POSTCODE', 'C1,KHAN,IMRAN,19780914,AB123456C,BEGUM,SAMINA,19800403,CD654321A,OL8 2QP', 'C2,HOLT,TRACEY,19790102,EF112233B,,,,,OL8 1AB']),
    );
    expect(snake).toEqual([
      { forename: 'IMRAN', surname: 'KHAN', ...kin('SAMINA', 'BEGUM', 'PTNR') },
      { forename: 'TRACEY', surname: 'HOLT', ...kin(null, null, null) },
    ]);
    const plain = await imported(
      csvOf('claims.csv', ['Claim Reference,Claimant Name,Claimant DOB,Partner Name,Partner DOB,Postcode', 'C1,Imran Khan,14/09/1978,Samina Begum,03/04/1980,OL8 2QP', 'C2,Tracey Holt,02/01/1979,,,OL8 1AB']),
    );
    expect(plain).toEqual([
      { forename: 'Imran', surname: 'Khan', ...kin('Samina', 'Begum', 'Partner Name') },
      { forename: 'Tracey', surname: 'Holt', ...kin(null, null, null) },
    ]);
  });
});
