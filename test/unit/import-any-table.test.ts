// Reading any partner's table: the header found by its shape, columns by their cells, dates that
// make sense, nothing swallowed, and rows judged by whether they identify someone.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, previewImport } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { parseDate } from '../../shared/domain/normalise/date.js';
import { Store } from '../../electron/engine/store/store.js';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

function newStore(): Store {
  return Store.openWithKey(join(tempDir(), 'baseline.db'), randomBytes(32), true);
}

type Row = { row_number: number; status: string; reason: string | null };
const rawRows = (store: Store): Row[] => store.reader.prepare('SELECT row_number, status, reason FROM raw_row ORDER BY id').all() as Row[];
const records = (store: Store, columns = 'forename, surname, dob'): unknown[] => store.reader.prepare(`SELECT ${columns} FROM record ORDER BY id`).all();

async function importText(name: string, content: string | Buffer, today = '2025-03-01'): Promise<{ store: Store; message: string }> {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  const store = newStore();
  const summary = await importFile(store, path, { user: 't', today }, silentJob());
  return { store, message: summary.message };
}

async function importFails(name: string, content: string | Buffer): Promise<WorkbenchError> {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  try {
    await importFile(newStore(), path, { user: 't' }, silentJob());
  } catch (error) {
    if (error instanceof WorkbenchError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

const POLICE = [
  'Occurrence Ref,Date Reported,Time,Category,Incident Type,Subject,DOB,Age,Home Address,Location,Neighbourhood',
  'OCC/2024/0001,03/02/2024,14:20,ASB,Rowdy behaviour,Jane Smith,12/03/1985,38,"12 High Street, Anytown",Compton Lane,Central',
  'OCC/2024/0002,05/02/2024,09:10,ASB,Noise,Peter Jones,01/11/1990,33,"4 Mill Road, Anytown",Market Square,North',
  'OCC/2024/0003,07/02/2024,22:45,Crime,Criminal damage,Aisha Khan,23/07/2001,22,"9 Park Avenue, Anytown",Station Road,East',
  "OCC/2024/0004,09/02/2024,18:00,ASB,Vehicle nuisance,Tom O'Brien,15/05/1978,45,\"33 Elm Close, Anytown\",Compton Lane,Central",
  'OCC/2024/0005,11/02/2024,11:30,ASB,Begging,Mary Walsh,02/02/1969,55,"1 Kings Road, Anytown",Market Square,Central',
].join('\n');

describe('the header by its shape, the columns by their cells', () => {
  it('imports a police layout whose name column is headed "Subject", without taking Location for a name', async () => {
    const { store } = await importText('asb.csv', `${POLICE}\n`);
    expect(records(store, 'forename, surname, dob, address')).toEqual([
      { forename: 'Jane', surname: 'Smith', dob: '1985-03-12', address: '12 High Street, Anytown' },
      { forename: 'Peter', surname: 'Jones', dob: '1990-11-01', address: '4 Mill Road, Anytown' },
      { forename: 'Aisha', surname: 'Khan', dob: '2001-07-23', address: '9 Park Avenue, Anytown' },
      { forename: 'Tom', surname: "O'Brien", dob: '1978-05-15', address: '33 Elm Close, Anytown' },
      { forename: 'Mary', surname: 'Walsh', dob: '1969-02-02', address: '1 Kings Road, Anytown' },
    ]);
    const roles = JSON.parse((store.reader.prepare('SELECT roles_json FROM source_sheet').get() as { roles_json: string }).roles_json) as string[];
    expect(roles[5]).toBe('full_name');
    expect(roles[9]).not.toMatch(/name|address/);
    expect(roles[10]).not.toMatch(/name|address/);
    store.close();
  });

  it('reads a file with no header row at all, naming the columns and their roles from the cells', async () => {
    const text = POLICE.split('\n').slice(1).join('\n');
    const { store, message } = await importText('noheader.csv', `${text}\n`);
    expect(message).toMatch(/no header row; the columns were named Column A, Column B/);
    expect((records(store, 'surname') as Array<{ surname: string }>).map((r) => r.surname)).toEqual(['Smith', 'Jones', 'Khan', "O'Brien", 'Walsh']);
    expect(store.reader.prepare('SELECT header_row, headers_json FROM source_sheet').get()).toMatchObject({ header_row: 0 });
    store.close();
  });

  it('reads the flat and the house number or building of an address in parts under headings it does not know (SAON, PAON), before the street, locality and town', async () => {
    // a gazetteer's (BS 7666) parts: the flat and the house number or building lost, every home
    // on a street was one address
    const { store } = await importText(
      'census.csv',
      [
        'UPN,Legal Surname,Legal Forename,DOB,SEN,SAON,PAON,Street,Locality,Town,Postcode',
        'A353123412345,Khan,Ayaan,03/04/2015,N,Flat 12,Kestrel House,Fircroft Road,Fitton Hill,Oldham,OL8 2QP',
        'B353123412346,Holt,Ruby,14/09/2016,K,,23,Milton Street,Coppice,Oldham,OL8 1AB',
        'C353123412347,Holt,Jack,02/01/2014,N,,23,Milton Street,Coppice,Oldham,OL8 1AB',
        'D353123412348,Nowak,Lena,21/11/2013,N,Flat A,41,Milton Street,Coppice,Oldham,OL8 1AB',
        'E353123412349,Shaw,Kai,30/06/2012,E,,Ivy Cottage,Lees Road,Lees,Oldham,OL4 5FU',
        'F353123412350,Lord,Evie,07/07/2017,N,,25,Milton Street,Coppice,Oldham,OL8 1AB',
      ].join('\n') + '\n',
    );
    expect((records(store, 'address') as Array<{ address: string }>).map((r) => r.address)).toEqual([
      'Flat 12, Kestrel House, Fircroft Road, Fitton Hill, Oldham',
      '23, Milton Street, Coppice, Oldham',
      '23, Milton Street, Coppice, Oldham',
      'Flat A, 41, Milton Street, Coppice, Oldham',
      'Ivy Cottage, Lees Road, Lees, Oldham',
      '25, Milton Street, Coppice, Oldham',
    ]);
    store.close();
  });

  it("a second person's fields on the row (Tenant 2, PTNR_) are not the first person's", async () => {
    // a tenancy or a claim written one row each, both tenants across it: the second's date of
    // birth was taken for the first's, as it came first in most rows
    const { store } = await importText(
      'tenancies.csv',
      [
        'Tenancy Ref,Property Address,Post Code,Tenancy Start,Tenant 1 Forename,Tenant 1 Surname,Tenant 1 DOB,Tenant 2 Forename,Tenant 2 Surname,Tenant 2 DOB',
        'T1,"Flat 12, Kestrel House, Fircroft Road",OL8 2QP,01/04/2015,Samina,Begum,03/04/1980,Imran,Khan,14/09/1978',
        'T2,23 Milton Street,OL8 1AB,01/05/2012,Tracey,Holt,02/01/1979,,,',
        'T3,41 Milton Street,OL8 1AB,01/06/2019,Anna,Nowak,21/11/1987,Piotr,Nowak,30/06/1985',
        'T4,25 Milton Street,OL8 1AB,01/07/2020,Donna,Clarke,07/07/1990,Kai,Shaw,08/08/1989',
      ].join('\n') + '\n',
    );
    expect(records(store)).toEqual([
      { forename: 'Samina', surname: 'Begum', dob: '1980-04-03' },
      { forename: 'Tracey', surname: 'Holt', dob: '1979-01-02' },
      { forename: 'Anna', surname: 'Nowak', dob: '1987-11-21' },
      { forename: 'Donna', surname: 'Clarke', dob: '1990-07-07' },
    ]);
    store.close();
    const claims = await importText(
      'shbe.csv',
      ['CLAIM_REF,CLMT_SURNAME,CLMT_FORENAME,CLMT_DOB,CLMT_NINO,PTNR_SURNAME,PTNR_FORENAME,PTNR_DOB,PTNR_NINO,POSTCODE', 'C1,KHAN,IMRAN,19780914,AB123456C,BEGUM,SAMINA,19800403,CD654321A,OL8 2QP', 'C2,HOLT,TRACEY,19790102,EF112233B,,,,,OL8 1AB', 'C3,NOWAK,PIOTR,19850630,GH445566D,NOWAK,ANNA,19871121,JK778899A,OL8 1AB', 'C4,SHAW,KAI,,,CLARKE,DONNA,19900707,LM112233C,OL9 3TS'].join('\n') + '\n',
    );
    expect(records(claims.store, 'forename, surname, dob, nino')).toEqual([
      { forename: 'IMRAN', surname: 'KHAN', dob: '1978-09-14', nino: 'AB123456C' },
      { forename: 'TRACEY', surname: 'HOLT', dob: '1979-01-02', nino: 'EF112233B' },
      { forename: 'PIOTR', surname: 'NOWAK', dob: '1985-06-30', nino: 'GH445566D' },
      // the claimant's own fields empty: not the partner's
      { forename: 'KAI', surname: 'SHAW', dob: null, nino: null },
    ]);
    claims.store.close();
  });

  it("a next of kin's, a parent's or a GP's phone or e-mail is not the person's", async () => {
    // the mother's number on each child's row made siblings share a phone; a practice's, everyone registered there
    const { store } = await importText(
      'ae.csv',
      [
        'Attendance Number,Arrival,Patient Surname,Patient Forename,Date of Birth,Patient Postcode,Mobile,NOK Name,NOK Telephone,GP Telephone,Parent Email',
        'AE1,01/10/2024 05:07,Holt,Kyle,14/09/2008,OL8 1AB,,Tracey Holt,07700 900111,0161 496 0001,tracey.holt@example.com',
        'AE2,01/10/2024 12:47,Holt,Ruby,02/01/2014,OL8 1AB,,Tracey Holt,07700 900111,0161 496 0001,tracey.holt@example.com',
        'AE3,01/10/2024 08:05,Bashir,Waqas,19/05/1984,OL8 1FQ,07700 900789,Sana Bibi,07700 900456,0161 496 0001,',
        'AE4,02/10/2024 09:05,Shaw,Kai,30/06/2009,OL9 3TS,,Donna Clarke,07700 900222,0161 496 0002,donna.c@example.com',
      ].join('\n') + '\n',
    );
    expect(records(store, 'forename, phone, email')).toEqual([
      { forename: 'Kyle', phone: null, email: null },
      { forename: 'Ruby', phone: null, email: null },
      { forename: 'Waqas', phone: '07700900789', email: null },
      { forename: 'Kai', phone: null, email: null },
    ]);
    store.close();
  });

  it('the preview says why each role was chosen', async () => {
    const path = join(tempDir(), 'why.csv');
    writeFileSync(path, `${POLICE}\n`);
    const preview = await previewImport(null, path, 'tok');
    const columns = preview.sheets[0]?.columns ?? [];
    const subject = columns.find((c) => c.header === 'Subject');
    expect(subject?.role).toBe('full_name');
    expect(subject?.reason).toMatch(/whole names/);
    expect(columns.find((c) => c.header === 'DOB')?.reason).toMatch(/heading "DOB"/);
  });
});

describe('dates that make sense', () => {
  it('keeps dates of birth before 1850 (flagged), where they were thrown away', async () => {
    const { store } = await importText('old.csv', 'Surname,Forename,Date of birth,Parish\nBrontë,Charlotte,21/04/1816,Thornton\nBrontë,Emily,30/07/1818,Thornton\n');
    expect(records(store)).toEqual([
      { forename: 'Charlotte', surname: 'Brontë', dob: '1816-04-21' },
      { forename: 'Emily', surname: 'Brontë', dob: '1818-07-30' },
    ]);
    const problems = store.reader.prepare('SELECT problems_json FROM record').all() as Array<{ problems_json: string }>;
    expect(problems[0]?.problems_json).toMatch(/before 1880/);
    store.close();
  });

  it('a year of birth below 1000 written in full is kept and flagged; a three-digit year says why it is not a date', async () => {
    const { store } = await importText(
      'ancient.csv',
      'Surname,Forename,Date of birth,Postcode\nAelfric,Edith,0999-03-01,S60 1AB\nAelfric,Ead,01/03/0999,S60 1AB\nAelfric,Wulf,01/03/999,S60 1AB\n',
    );
    expect(rawRows(store).map((r) => r.status)).toEqual(['header', 'record', 'record', 'record']);
    const rows = store.reader.prepare('SELECT forename, dob, problems_json FROM record ORDER BY id').all() as Array<{ forename: string; dob: string | null; problems_json: string }>;
    expect(rows.map((r) => [r.forename, r.dob])).toEqual([
      ['Edith', '0999-03-01'],
      ['Ead', '0999-03-01'],
      ['Wulf', null],
    ]);
    expect(rows[0]?.problems_json).toMatch(/0999-03-01 is more than 120 years ago \(before 1880/);
    expect(JSON.parse(rows[2]?.problems_json ?? '[]')).toContain('Date of birth: "01/03/999" is not a date (a three-digit year: write the year in full, for example 0999 or 1999)');
    // Eight bare digits are not read as a date before the year 1000 (an identifier, not 12 May 12).
    expect(parseDate('00120512')).toBeNull();
    expect(parseDate('0999-03-01')?.iso).toBe('0999-03-01');
    store.close();
  });

  it('a two-digit year of birth takes the century that puts it before the row\'s own event', async () => {
    const { store } = await importText(
      'ae.csv',
      'Surname,Forename,DOB,Attendance date\nHale,Edith,08/01/25,2024-12-02\nHale,Ben,03/04/19,2024-12-02\nCole,Amy,12/06/24,2024-03-01\n',
      '2025-03-01',
    );
    expect(records(store)).toEqual([
      { forename: 'Edith', surname: 'Hale', dob: '1925-01-08' },
      { forename: 'Ben', surname: 'Hale', dob: '2019-04-03' },
      // Born in June 2024 by two digits, but the attendance was in March 2024: 1924.
      { forename: 'Amy', surname: 'Cole', dob: '1924-06-12' },
    ]);
    store.close();
  });

  it('a four-digit date of birth after the event is kept raw, flagged, and not used', async () => {
    const { store } = await importText('impossible.csv', 'Surname,Forename,DOB,Postcode,Incident date\nHale,Edith,2024-06-01,S60 1AB,2024-01-02\n');
    const r = store.reader.prepare('SELECT dob, problems_json FROM record').get() as { dob: string | null; problems_json: string };
    expect(r.dob).toBeNull();
    expect(r.problems_json).toMatch(/after the row's own event date 2024-01-02/);
    expect(store.reader.prepare('SELECT cells_json FROM raw_row WHERE status = ?').get('record')).toEqual({ cells_json: JSON.stringify(['Hale', 'Edith', '2024-06-01', 'S60 1AB', '2024-01-02']) });
    store.close();
  });

  it('a child born after the tenancy began keeps the date of birth; a birth after the tenancy ended does not', async () => {
    // a household's span (a tenancy, a claim) that people join after it starts: babies are born into it
    const { store } = await importText(
      'tenancy.csv',
      [
        'Tenancy Ref,Tenancy Start,Tenancy End,First Name,Last Name,DOB,Post Code',
        'T0088461,20/03/2010,,Denisa,Munteanu,24/04/1983,OL4 8UB',
        'T0088461,20/03/2010,,Ionut,Munteanu,11/09/2016,OL4 8UB',
        'T0088462,05/01/2012,30/06/2014,Liam,Lees,12/06/2015,OL4 5FU',
      ].join('\n') + '\n',
    );
    const rows = store.reader.prepare('SELECT forename, dob, problems_json FROM record ORDER BY id').all() as Array<{ forename: string; dob: string | null; problems_json: string }>;
    expect(rows.map((r) => [r.forename, r.dob])).toEqual([['Denisa', '1983-04-24'], ['Ionut', '2016-09-11'], ['Liam', null]]);
    expect(rows[1]?.problems_json).not.toMatch(/after/);
    expect(rows[2]?.problems_json).toMatch(/date of birth 2015-06-12 is after the row's own event end 2014-06-30/);
    store.close();
  });
});

describe('nothing swallowed', () => {
  it('a quote that never closes ends at its line: the other rows stay rows, the broken one is quarantined and the summary says so', async () => {
    const lines = ['Surname,Forename,DOB,Notes'];
    for (let i = 0; i < 1000; i++) lines.push(`Name${i},Person,01/02/1990,${i === 8 ? '"never closed' : 'fine'}`);
    const { store, message } = await importText('quote.csv', `${lines.join('\n')}\n`);
    const counts = store.reader.prepare('SELECT records, quarantined FROM source').get();
    expect(counts).toEqual({ records: 999, quarantined: 1 });
    const broken = rawRows(store).find((r) => r.status === 'quarantine');
    expect(broken?.row_number).toBe(10);
    expect(broken?.reason).toMatch(/never closes/);
    expect(message).toMatch(/a quote opened in row 10 \(line 10\) never closes; .* 991 lines after it were read again as rows/);
    store.close();
  });

  it('one Windows-1252 line in a UTF-8 file is decoded on its own, with a warning naming the line', async () => {
    const utf8 = Buffer.from('Surname,Forename,DOB\nJones,Siân,01/02/1990\nBrontë,Zoë,03/04/1991\n', 'utf8');
    const cp1252 = Buffer.from('Lefèvre,Anaïs,05/06/1992\n', 'latin1');
    const { store, message } = await importText('mixed.csv', Buffer.concat([utf8, cp1252]));
    expect((records(store, 'forename, surname') as unknown[])).toEqual([
      { forename: 'Siân', surname: 'Jones' },
      { forename: 'Zoë', surname: 'Brontë' },
      { forename: 'Anaïs', surname: 'Lefèvre' },
    ]);
    expect(message).toMatch(/1 line is not \(line 4\): it was read as Windows-1252/);
    store.close();
  });

  it('a UTF-8 character cut by a 1 MiB read is still UTF-8, not a Windows-1252 line', async () => {
    const head = 'Surname,Forename,Notes\nJones,Siân,';
    // Pad so that "é" (two bytes) straddles the end of the first 1 MiB chunk, and a four-byte one the second.
    const pad = (1 << 20) - Buffer.byteLength(head) - 1;
    const text = `${head}${'x'.repeat(pad)}é\nBrontë,Zoë,${'y'.repeat((1 << 20) - 40)}😀\n`;
    const { store, message } = await importText('boundary.csv', Buffer.from(text, 'utf8'));
    expect(records(store, 'forename, surname')).toEqual([
      { forename: 'Siân', surname: 'Jones' },
      { forename: 'Zoë', surname: 'Brontë' },
    ]);
    expect(message).not.toMatch(/Windows-1252/);
    store.close();
  });

  it('reads UTF-16 without a byte order mark', async () => {
    const { store } = await importText('u16.csv', Buffer.from('Surname\tForename\tDOB\r\nJones\tSiân\t01/02/1990\r\n', 'utf16le'));
    expect(records(store)).toEqual([{ forename: 'Siân', surname: 'Jones', dob: '1990-02-01' }]);
    store.close();
  });

  it('says so when a file has a header and no rows; refuses an unquoted cell past the size limit', async () => {
    const { store, message } = await importText('empty-extract.csv', 'Surname,Forename,DOB\n');
    expect(message).toMatch(/Warning: the file has a header row but no data rows under it .*the source is empty/);
    store.close();
    const huge = `Surname,Forename,Notes\nLee,Ann,${'x'.repeat((1 << 20) + 10)}\n`;
    expect((await importFails('huge.csv', huge)).message).toMatch(/huge\.csv: row 2: a cell runs on for more than a million characters/);
  });
});

describe('a record identifies someone', () => {
  it('a row with no name but a date of birth and a postcode is a record, and so is a forename with a surname; a surname alone in a sheet that has more is not', async () => {
    const { store } = await importText('thin.csv', 'Surname,Forename,DOB,Postcode\n,,01/02/1990,S60 1AB\nLee,,,\nRay,Bob,03/04/1991,\nFox,Tom,,\nPage 2,of 3,,\n');
    expect(rawRows(store).map((r) => [r.row_number, r.status])).toEqual([
      [1, 'header'],
      [2, 'record'],
      [3, 'quarantine'],
      [4, 'record'],
      [5, 'record'],
      [6, 'quarantine'],
    ]);
    expect(rawRows(store)[2]?.reason).toMatch(/not enough to identify a person/);
    // the name-only record says what it lacks
    expect(store.reader.prepare("SELECT problems_json FROM record WHERE surname = 'Fox'").pluck().get()).toMatch(/only a name: nothing else in the row tells this person from a namesake/);
    store.close();
  });

  it('test and dummy records are quarantined as such', async () => {
    const { store } = await importText(
      'dummy.csv',
      'Surname,Forename,DOB,NHS number\nXXTESTPATIENT,Alpha,01/01/1990,\nTest,Dummy,01/01/1991,\nReal,Person,01/01/1992,999 999 9999\nZZZ,Patient,01/01/1994,\nLee,Ann,01/01/1993,943 476 5919\nFirth,Zzanna,10/11/1993,\n',
    );
    const rows = rawRows(store).filter((r) => r.status !== 'header');
    // a forename keyed with its first letter doubled ("Zzanna") is a person's, not a placeholder
    expect(rows.map((r) => r.status)).toEqual(['quarantine', 'quarantine', 'quarantine', 'quarantine', 'record', 'record']);
    for (const r of rows.slice(0, 4)) expect(r.reason).toMatch(/test or dummy record/);
    store.close();
  });

  it('keeps people whose NHS numbers are in the 999 test range that synthetic extracts use', async () => {
    const { store } = await importText('health.csv', 'Surname,Forename,DOB,NHS number\nAshdown,Greer,11/02/1986,9990000018\nBrackenbury,Hollis,23/08/1979,999 000 0026\n');
    expect(rawRows(store).filter((r) => r.status !== 'header').map((r) => r.status)).toEqual(['record', 'record']);
    store.close();
  });
});
