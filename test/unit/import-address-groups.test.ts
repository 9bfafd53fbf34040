// Two addresses on one row (last settled and placement, previous and current, home and
// correspondence): the record's address is the one the person lives at, never the two joined.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { importFile, previewImport } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';
import type { ImportMapping } from '../../shared/ipc/contract.js';

const tempDir = useTempDirs();

function write(name: string, rows: string[][]): string {
  const path = join(tempDir(), name);
  if (name.endsWith('.xlsx')) {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Cases');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  } else {
    writeFileSync(path, rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n');
  }
  return path;
}

let lastMessage = '';
async function imported(name: string, rows: string[][], mapping?: ImportMapping): Promise<Array<{ address: string | null; postcode: string | null; raw: string }>> {
  const path = write(name, rows);
  const store = Store.openWithKey(join(tempDir(), 'baseline.db'), randomBytes(32), true);
  lastMessage = (await importFile(store, path, { user: 't', today: '2026-11-20', ...(mapping ? { mapping } : {}) }, silentJob())).message;
  const got = store.reader.prepare('SELECT r.address, r.postcode, w.cells_json AS raw FROM record r JOIN raw_row w ON w.id = r.raw_row_id ORDER BY r.id').all() as Array<{ address: string | null; postcode: string | null; raw: string }>;
  store.close();
  return got;
}

const PLACEMENT_HEAD = ['Case ID', 'First Name', 'Last Name', 'DOB', 'Approach Date', 'Last Settled Address', 'Last Settled Postcode', 'Placement Type', 'Placement Address', 'Placement Postcode', 'Placement Start', 'Placement End'];

describe('last settled address and placement on one row', () => {
  it('reads the settled home, the placement only where there is none, never the two joined', async () => {
    // a hostel or a bed-and-breakfast hotel houses many families at one address: the family's
    // own home is the settled one
    const rows = await imported('housing.csv', [
      PLACEMENT_HEAD,
      ['HO-1', 'Amina', 'Yusuf', '05/09/1990', '09/01/2026', 'Flat A, 66 Brabazon Walk, Dalston', 'E8 2QT', 'Hostel', 'Room 3, St Jude Hostel, 76-78 Fieldgate Place, London', 'E1 1LB', '09/20/2026', ''],
      ['HO-2', 'Tom', 'Reilly', '11/23/1984', '03/02/2026', '12 Cable Street, Shadwell', 'E1 3QT', '', '', '', '', ''],
      ['HO-3', 'Joy', 'Akinola', '07/28/1979', '01/15/2026', '4 Ropery Gardens, Bow', 'E3 1JA', 'B&B', 'Room 9, 20 Mile End Road, London', 'E1 4TT', '01/30/2026', '06/30/2026'],
      ['HO-4', 'Musa', 'Aden', '10/31/1995', '02/11/2026', '', '', 'Hostel', '2 Tyndale Buildings, Burdett Walk, Shadwell', 'E1 1FX', '02/20/2026', ''],
    ]);
    expect(rows.map((r) => [r.address, r.postcode])).toEqual([
      ['Flat A, 66 Brabazon Walk, Dalston', 'E8 2QT'],
      ['12 Cable Street, Shadwell', 'E1 3QT'],
      ['4 Ropery Gardens, Bow', 'E3 1JA'],
      // no settled address (no fixed abode): the placement is all there is
      ['2 Tyndale Buildings, Burdett Walk, Shadwell', 'E1 1FX'],
    ]);
    // the other address is kept, as sent, in the raw row
    expect(rows[0]?.raw).toContain('Room 3, St Jude Hostel');
    // the import's report says which address was read
    expect(lastMessage).toMatch(/Two addresses on each row: the headings say "Last Settled Address" is the last home and "Placement Address" a stay/);
  });

  it('says on the mapping screen which address is read and why', async () => {
    const path = write('housing.csv', [PLACEMENT_HEAD, ['HO-1', 'Amina', 'Yusuf', '05/09/1990', '09/01/2026', 'Flat A, 66 Brabazon Walk, Dalston', 'E8 2QT', 'Hostel', 'Room 3, St Jude Hostel, London', 'E1 1LB', '09/20/2026', '']]);
    const preview = await previewImport(null, path, 't');
    const column = (h: string) => preview.sheets[0]?.columns.find((c) => c.header === h);
    expect(column('Placement Address')?.role).toBe('address');
    expect(column('Last Settled Address')?.role).toBe('address');
    expect(column('Last Settled Address')?.reason).toMatch(/; read as the address: two addresses on each row: the headings say "Last Settled Address" is the last home/);
    expect(column('Placement Postcode')?.reason).toMatch(/; kept in the raw row: .*never joined/);
  });
});

describe('an address with its own dates', () => {
  it('reads the forwarding address from the day it starts, the property before it', async () => {
    const rows = await imported('moves.csv', [
      ['Account', 'Forename', 'Surname', 'DOB', 'Property Address', 'Property Postcode', 'Forwarding Address', 'Forwarding Postcode', 'Forwarding From'],
      ['A1', 'Sara', 'Hussain', '1988-02-01', '8 Old Ford Road, Bow', 'E3 2PL', '14 Roman Road, Bow', 'E3 5LU', '2026-10-01'],
      // moving after the extract's date: still at the property
      ['A2', 'Ben', 'Clarke', '1972-12-12', '1 Mare Street', 'E8 4RP', '3 Dorset Court, Gaskell Walk', 'E9 7LL', '2027-01-15'],
      ['A3', 'Lee', 'Chan', '2001-06-30', '99 Commercial Road', 'E1 1RD', '', '', ''],
    ]);
    expect(rows.map((r) => [r.address, r.postcode])).toEqual([
      ['14 Roman Road, Bow', 'E3 5LU'],
      ['1 Mare Street', 'E8 4RP'],
      ['99 Commercial Road', 'E1 1RD'],
    ]);
    expect(lastMessage).toMatch(/"Forwarding Address" while its spell runs \("Forwarding From"\)/);
  });
});

describe('previous and current address', () => {
  const people = [
    ['P1', 'Sara', 'Hussain', '1988-02-01', '8 Old Ford Road, Bow', 'E3 2PL', '14 Roman Road, Bow', 'E3 5LU'],
    ['P2', 'Ben', 'Clarke', '1972-12-12', '', '', '3 Dorset Court, Gaskell Walk', 'E9 7LL'],
    ['P3', 'Lee', 'Chan', '2001-06-30', '99 Commercial Road', 'E1 1RD', '', ''],
  ];
  const previousHead = ['Ref', 'Forename', 'Surname', 'DOB', 'Previous Address', 'Previous Postcode', 'Current Address', 'Current Postcode'];
  const currentHead = ['Ref', 'Forename', 'Surname', 'DOB', 'Current Address', 'Current Postcode', 'Previous Address', 'Previous Postcode'];
  const swapped = people.map((p) => [...p.slice(0, 4), ...p.slice(6), ...p.slice(4, 6)]);
  it('reads the current address, whichever column comes first (the previous one set aside by its heading)', async () => {
    for (const rows of [await imported('moves.csv', [previousHead, ...people]), await imported('moves2.csv', [currentHead, ...swapped])]) {
      expect(rows.map((r) => [r.address, r.postcode])).toEqual([
        ['14 Roman Road, Bow', 'E3 5LU'],
        ['3 Dorset Court, Gaskell Walk', 'E9 7LL'],
        [null, null],
      ]);
      expect(rows[0]?.raw).toContain('8 Old Ford Road, Bow');
    }
  });

  it('mapped by the analyst as two addresses, reads the current one, and the previous where it is all there is', async () => {
    const roles = ['agency_ref', 'forename', 'surname', 'dob', 'address', 'postcode', 'address', 'postcode'] as const;
    const previousFirst = await imported('moves.csv', [previousHead, ...people], { '': [...roles] });
    const currentFirst = await imported('moves2.csv', [currentHead, ...swapped], { '': [...roles] });
    for (const rows of [previousFirst, currentFirst]) {
      expect(rows.map((r) => [r.address, r.postcode])).toEqual([
        ['14 Roman Road, Bow', 'E3 5LU'],
        ['3 Dorset Court, Gaskell Walk', 'E9 7LL'],
        // only the previous address filled: it is the one there is
        ['99 Commercial Road', 'E1 1RD'],
      ]);
    }
  });

  it('reads a bare address beside a former one as the address now (xlsx)', async () => {
    const rows = await imported('moves.xlsx', [
      ['Ref', 'Forename', 'Surname', 'DOB', 'Former Address', 'Address', 'Postcode'],
      ['P1', 'Sara', 'Hussain', '1988-02-01', '8 Old Ford Road, Bow, E3 2PL', '14 Roman Road, Bow', 'E3 5LU'],
      ['P2', 'Ben', 'Clarke', '1972-12-12', '1 Mare Street', '3 Dorset Court, Gaskell Walk', 'E9 7LL'],
    ]);
    expect(rows.map((r) => [r.address, r.postcode])).toEqual([
      ['14 Roman Road, Bow', 'E3 5LU'],
      ['3 Dorset Court, Gaskell Walk', 'E9 7LL'],
    ]);
  });
});

describe('home and correspondence address', () => {
  it('reads the home address, not where the letters go', async () => {
    const rows = await imported('contacts.xlsx', [
      ['Client No', 'First Name', 'Surname', 'Date of Birth', 'Correspondence Address', 'Correspondence Postcode', 'Home Address', 'Home Postcode'],
      ['C1', 'Rita', 'Bose', '12/03/1961', 'c/o Solicitors, 1 High Holborn, London', 'WC1V 6RL', '5 Globe Road, Stepney', 'E1 4DU'],
      ['C2', 'Ian', 'Moss', '01/07/1958', '', '', '20 Bow Common Lane', 'E3 4AU'],
    ]);
    expect(lastMessage).toMatch(/the headings say "Home Address" is the address now and "Correspondence Address" not a home address/);
    expect(rows.map((r) => [r.address, r.postcode])).toEqual([
      ['5 Globe Road, Stepney', 'E1 4DU'],
      ['20 Bow Common Lane', 'E3 4AU'],
    ]);
  });
});

describe('two postcode columns with nothing in the headings to tell them apart', () => {
  it('reads the first address whole, never the two joined', async () => {
    const rows = await imported('two.csv', [
      ['ID', 'Forename', 'Surname', 'DOB', 'Address', 'Postcode', 'Address 2', 'Postcode 2'],
      ['1', 'Kate', 'Lowe', '1990-01-01', '7 Bromley High Street', 'E3 3BN', '2 Cable Street', 'E1 3QT'],
      ['2', 'Ravi', 'Shah', '1991-02-02', '', '', '2 Cable Street', 'E1 3QT'],
    ]);
    expect(rows.map((r) => [r.address, r.postcode])).toEqual([
      ['7 Bromley High Street', 'E3 3BN'],
      ['2 Cable Street', 'E1 3QT'],
    ]);
  });
});

describe('one address over several columns is still one address', () => {
  it('keeps a home address with a bare postcode, and numbered lines, as one address', async () => {
    const rows = await imported('one.csv', [
      ['ID', 'Forename', 'Surname', 'DOB', 'Home Address', 'Address Line 2', 'Town', 'Postcode'],
      ['1', 'Kate', 'Lowe', '1990-01-01', 'Flat 2', '7 Bromley High Street', 'London', 'E3 3BN'],
    ]);
    expect(rows.map((r) => [r.address, r.postcode])).toEqual([['Flat 2, 7 Bromley High Street, London', 'E3 3BN']]);
  });

  it('reads parts of one address whose headings name the parts as one address', async () => {
    const rows = await imported('parts.csv', [
      ['ID', 'Forename', 'Surname', 'DOB', 'Premises', 'Street', 'Town', 'Postcode'],
      ['1', 'Kate', 'Lowe', '1990-01-01', 'Flat 2, Kestrel House', '7 Bromley High Street', 'London', 'E3 3BN'],
    ]);
    expect(rows.map((r) => [r.address, r.postcode])).toEqual([['Flat 2, Kestrel House, 7 Bromley High Street, London', 'E3 3BN']]);
  });

  it("reads a postcode headed as the patient's beside unheaded address lines as one address", async () => {
    // an A&E layout: the qualifier names whose postcode, and the lines have none of their own
    const rows = await imported('ae.csv', [
      ['Attendance', 'Forename', 'Surname', 'DOB', 'Patient Postcode', 'Address Line 1', 'Address Line 2'],
      ['A1', 'Kate', 'Lowe', '1990-01-01', 'E3 3BN', '7 Bromley High Street', 'Bow'],
    ]);
    expect(rows.map((r) => [r.address, r.postcode])).toEqual([['7 Bromley High Street, Bow', 'E3 3BN']]);
    expect(lastMessage).not.toMatch(/two addresses/i);
  });
});
