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
        'Ola,Nowak,1990-01-01,"3 Mill Lane",Wexthorpe,S65 2RA\n',
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
    } finally {
      store.close();
    }
  });
});
