// The linker reads the address parts the importer stored (record.addr_*) and parses an address
// itself only when none are stored. Each test gives a stored part that the text would never
// parse to, so a linker that parsed the text again would fail it.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { buildHouseholds, householdAddress } from '../../electron/engine/link/households/index.js';
import { loadRecords } from '../../electron/engine/link/load-records.js';
import { prepare } from '../../electron/engine/link/prepare.js';
import type { AddressParts, LinkRecord } from '../../electron/engine/link/types.js';
import { Store } from '../../electron/engine/store/store.js';
import { blankLinkRecord } from '../helpers/link-record.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

const parts = (p: Partial<AddressParts>): AddressParts => ({ flat: null, number: null, name: null, street: null, locality: null, town: null, ...p });

function person(id: number, address: string, addressParts: AddressParts | null, more: Partial<LinkRecord> = {}): LinkRecord {
  return { ...blankLinkRecord(id), forename: 'ANNA', surname: 'KOWALSKI', dob: '1985-02-03', postcode: 'S65 2RB', postcodeRaw: 'S65 2RB', address, addressParts, ...more };
}

describe('address parts stored at import', () => {
  it('the person comparison uses the stored parts, not the text', () => {
    const p = prepare([person(1, '14 Kilnfield Road, Wexthorpe', parts({ flat: '3', number: '99', street: 'ELSEWHERE LANE', town: 'THRAWMOOR' }))]);
    const part = (id: number): string | undefined => p.addressParts[id];
    expect(part(p.houseNumber[0]!)).toBe('99');
    expect(part(p.street[0]!)).toBe('ELSEWHERE LANE');
    expect(part(p.flat[0]!)).toBe('3');
    const tokens = [...p.addrTokens.values.subarray(p.addrTokens.offsets[0]!, p.addrTokens.offsets[1]!)].map(part).sort();
    expect(tokens).toEqual(['3', '99', 'ELSEWHERE', 'LANE', 'THRAWMOOR']);
  });

  it('the household stage uses the stored parts, not the text', () => {
    const stored = parts({ number: '99', street: 'ELSEWHERE LANE', town: 'THRAWMOOR' });
    expect(householdAddress(person(1, '14 Kilnfield Road, Wexthorpe', stored))).toMatchObject({ number: '99', street: 'ELSEWHERE LANE', town: 'THRAWMOOR', postcode: 'S65 2RB' });
    // two people whose texts agree but whose stored homes differ are two households, and the
    // other way round
    const records = [
      person(1, '14 Kilnfield Road, Wexthorpe', parts({ number: '14', street: 'KILNFIELD ROAD' }), { surname: 'A' }),
      person(2, '14 Kilnfield Road, Wexthorpe', parts({ number: '16', street: 'KILNFIELD ROAD' }), { surname: 'B' }),
      person(3, '2 Mill Lane', parts({ number: '14', street: 'KILNFIELD ROAD' }), { surname: 'C' }),
    ];
    const h = buildHouseholds(records, { personOf: Int32Array.from([0, 1, 2]), personCount: 3 });
    expect(h.householdOfPerson[0]).not.toBe(h.householdOfPerson[1]);
    expect(h.householdOfPerson[0]).toBe(h.householdOfPerson[2]);
  });

  it('a record stored without parts (before they were stored) is parsed by the importer’s normaliser', () => {
    const p = prepare([person(1, 'Flat 2, 14 Kilnfield Rd, Wexthorpe', null)]);
    expect(p.addressParts[p.houseNumber[0]!]).toBe('14');
    expect(p.addressParts[p.street[0]!]).toBe('KILNFIELD ROAD');
    expect(p.addressParts[p.flat[0]!]).toBe('2');
  });

  it('the loader reads the stored parts, shares one object per home, and gives null where none are stored', async () => {
    const dir = tempDir();
    const csv = join(dir, 'housing.csv');
    writeFileSync(
      csv,
      'Forename,Surname,DOB,Address,Town,Postcode\n' +
        'Anna,Kowalski,1985-02-03,"Flat 2, 14 Kilnfield Rd",Wexthorpe,S65 2RB\n' +
        'Piotr,Kowalski,1983-07-09,"Flat 2, 14 Kilnfield Rd",Wexthorpe,S65 2RB\n' +
        'Ola,Nowak,1990-01-01,"3 Mill Lane",Wexthorpe,S65 2RA\n' +
        'Ezra,Lind,1971-04-04,"9 Rue Haute",Liege,4223\n' +
        'Ines,Lind,1972-05-05,"9 Rue Haute",Liege,\n',
    );
    const store = Store.openWithKey(join(dir, 's.db'), randomBytes(32), true);
    try {
      await importFile(store, csv, { user: 'analyst' }, silentJob());
      let records = loadRecords(store.reader);
      expect(records[0]!.addressParts).toEqual(parts({ flat: '2', number: '14', street: 'KILNFIELD ROAD', town: 'WEXTHORPE' }));
      expect(records[1]!.addressParts).toBe(records[0]!.addressParts);
      // a stored part the text would never give: the linker must use it
      const ids = records.map((r) => r.id);
      store.writer.prepare("UPDATE record SET addr_street = 'ELSEWHERE LANE' WHERE id = ?").run(ids[2]);
      // a record from before the parts were stored
      store.writer.prepare('UPDATE record SET addr_flat = NULL, addr_number = NULL, addr_name = NULL, addr_street = NULL, addr_locality = NULL, addr_town = NULL WHERE id = ?').run(ids[1]);
      records = loadRecords(store.reader);
      expect(records[1]!.addressParts).toBeNull();
      const p = prepare(records);
      expect(p.addressParts[p.street[2]!]).toBe('ELSEWHERE LANE');
      expect(p.addressParts[p.street[1]!]).toBe('KILNFIELD ROAD');
      expect(p.street[1]).toBe(p.street[0]);
      expect(householdAddress(records[2]!)?.street).toBe('ELSEWHERE LANE');

      // The raw postcode cell is read back only for records without a UK postcode, and tenancy
      // dates only from tenancy events: each by its own lookup, the same as scanning every row.
      const insertEvent = store.writer.prepare("INSERT INTO event(record_id, source_id, kind, start_date, end_date) VALUES (?, (SELECT source_id FROM record WHERE id = ?), ?, ?, ?)");
      insertEvent.run(ids[0], ids[0], 'tenancy', '2019-07-02', null);
      insertEvent.run(ids[0], ids[0], 'tenancy', '2016-01-01', '2019-07-01');
      insertEvent.run(ids[2], ids[2], 'ae-attendance', '2020-01-01', '2020-01-02');
      insertEvent.run(ids[3], ids[3], 'tenancy', '2001-01-01', '2002-02-02');
      // out of record order, dates unknown, and text SQL orders by its bytes (U+FF01 before an emoji)
      insertEvent.run(ids[4], ids[4], 'tenancy', '\u{1F600}', null);
      insertEvent.run(ids[4], ids[4], 'tenancy', '\uFF01', '\u{1F600}');
      insertEvent.run(ids[4], ids[4], 'tenancy', null, '\uFF01');
      insertEvent.run(ids[1], ids[1], 'tenancy', null, null);
      records = loadRecords(store.reader);
      const scanned = store.reader
        .prepare("SELECT record_id AS id, min(start_date) AS s, max(end_date) AS e FROM event WHERE kind = 'tenancy' GROUP BY record_id")
        .all() as Array<{ id: number; s: string | null; e: string | null }>;
      expect(records.filter((r) => r.tenancyStart !== undefined).map((r) => ({ id: r.id, s: r.tenancyStart, e: r.tenancyEnd }))).toEqual(scanned);
      expect(scanned).toEqual([
        { id: ids[0], s: '2016-01-01', e: '2019-07-01' },
        { id: ids[1], s: null, e: null },
        { id: ids[3], s: '2001-01-01', e: '2002-02-02' },
        { id: ids[4], s: '\uFF01', e: '\u{1F600}' },
      ]);
      expect(records.map((r) => [r.postcode, r.postcodeRaw])).toEqual([
        ['S65 2RB', 'S65 2RB'],
        ['S65 2RB', 'S65 2RB'],
        ['S65 2RA', 'S65 2RA'],
        [null, '4223'],
        [null, null],
      ]);
    } finally {
      store.close();
    }
  });
});
