// A flat in a named building is one home however much of its address a system writes ("Flat 9,
// Priestley House" with or without the street), and flats of two buildings at one postcode stay
// two homes.
import { describe, expect, it } from 'vitest';
import { buildHouseholds } from '../../electron/engine/link/households/index.js';
import { AddressEvidence, householdKeys } from '../../electron/engine/link/households/address.js';
import { resolveAddresses } from '../../electron/engine/link/households/addresses.js';
import type { AddressParts, LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord } from '../helpers/link-record.js';

let nextId = 1;
const record = (r: Partial<LinkRecord>): LinkRecord => ({ ...blankLinkRecord(nextId++), ...r });
const PC = 'S65 2RB';
const parts = (p: Partial<AddressParts>): AddressParts => ({ flat: null, number: null, name: null, street: null, locality: null, town: null, ...p });

/** The address index of each address text at one postcode (-1: no usable address). */
function addressesOf(texts: Array<string | { address?: string; parts?: AddressParts; postcode?: string }>): number[] {
  const records = texts.map((t) =>
    typeof t === 'string' ? record({ address: t, postcode: PC }) : record({ address: t.address ?? null, addressParts: t.parts, postcode: t.postcode ?? PC }),
  );
  return [...resolveAddresses(records).addressOf];
}

describe('household keys of a flat in a named building', () => {
  it('the building with and without its street is one address', () => {
    const [a, b] = addressesOf(['Flat 9, Priestley House', 'Flat 9, Priestley House, Kilnfield Road, Wexthorpe, S65 2RB']);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBe(b);
  });

  it('flats of two buildings at one postcode are two addresses', () => {
    const [a, b] = addressesOf(['Flat 9, Priestley House', 'Flat 9, Ashdown Court', 'Flat 4, Ashdown Court']);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(a).not.toBe(b);
  });

  it('two flats of one building are two addresses', () => {
    const [a, b] = addressesOf(['Flat 9, Priestley House', '10 Priestley House']);
    expect(a).not.toBe(b);
  });

  it('a number before the building is its flat: "9 Priestley House" is Flat 9', () => {
    const [a, b, c] = addressesOf(['9 Priestley House, Wexthorpe', 'Flat 9, Priestley House, Kilnfield Road', 'FLAT 9 PRIESTLEY HO KILNFIELD RD']);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('the building beside a numbered street joins the flat written without it, and the flat without the building', () => {
    const [a, b, c] = addressesOf(['Flat 9, Priestley House, 18 Horton Ave, Sowerby Bridge', 'Flat 9, Priestley House', 'Flat 9, 18 Horton Avenue']);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('parts stored before buildings were told from towns: the building in the town place', () => {
    const [a, b] = addressesOf([{ parts: parts({ flat: '9', town: 'PRIESTLEY HOUSE' }) }, 'Flat 9, Priestley House, Kilnfield Road']);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBe(b);
    const [c, d] = addressesOf([{ parts: parts({ number: '16', street: 'FALCON TOWER' }) }, 'Flat 16, Falcon Tower, Primrose Brow']);
    expect(c).toBe(d);
  });

  it('"9 Ashdown Court" is flat 9 where the extract writes Ashdown Court with flat numbers at that postcode', () => {
    const [a, b] = addressesOf(['9 Ashdown Court', 'Flat 9, Ashdown Court', 'Flat 4, Ashdown Court']);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBe(b);
    // one flat seen is not enough: a cul-de-sac of houses may hold one converted house
    const [c, d] = addressesOf(['9 Ashdown Court', 'Flat 9, Ashdown Court']);
    expect(c).not.toBe(d);
  });

  it('a name that may be a street, alone with a door, is a building only where other flats at the postcode are written in it', () => {
    expect(addressesOf(['Flat 9, Ashdown Court'])[0]).toBe(-1);
    expect(addressesOf(['Flat 9, The Maltings', 'Flat 2, The Maltings'])[0]).toBeGreaterThanOrEqual(0);
    // a door and a word that is no building: "Flat First Floor" once kept FLAT as a building name
    expect(addressesOf(['Flat First Floor', 'Flat First Floor'])).toEqual([-1, -1]);
  });

  it('a name written after streets at other postcodes is a place, not the building a door is in', () => {
    const [a, b, , ,] = addressesOf([
      'Flat 2, Mansion House',
      'Flat 2, Mansion House',
      { address: '14 Kilnfield Road, Mansion House', postcode: 'S65 1AA' },
      { address: '3 Oak Street, Mansion House', postcode: 'S65 3BB' },
    ]);
    expect(a).toBe(-1);
    expect(b).toBe(-1);
  });

  it('police rows without commas: the building ends at its own word, and a district run on after the street is not another street', () => {
    // a tower in a mews, all in capitals with no commas, as a police system writes it
    const [a, b, c] = addressesOf(['Flat 1904, Halley Tower, Ackroyd Mews, Hackney Wick', 'FLAT 1904 HALLEY TOWER ACKROYD MEWS HACKNEY WICK', 'Flat 1203, Halley Tower, Ackroyd Mews']);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    // "Bethnal Green" ends in a street word, so without commas it stayed on the street
    const [d, e, f] = addressesOf(['Flat 30 Stifford Court, Fieldgate Place, Bethnal Green', 'FLAT 30 STIFFORD COURT FIELDGATE PLACE BETHNAL GREEN', 'Flat 31 Stifford Court, Fieldgate Place, Bethnal Green']);
    expect(d).toBeGreaterThanOrEqual(0);
    expect(e).toBe(d);
    expect(f).not.toBe(d);
  });

  it('a building written with several doors, given without one, is no address: it does not say which home', () => {
    const [a, b, c, d] = addressesOf(['St Jude Hostel, 76-78 Fieldgate Place', 'Room 3, St Jude Hostel, 76-78 Fieldgate Place', 'Room 5, St Jude Hostel, 76-78 Fieldgate Place', 'St Jude Hostel, 76-78 Fieldgate Place']);
    expect(a).toBe(-1);
    expect(d).toBe(-1);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(c).not.toBe(b);
    // a tower block written without the flat
    expect(addressesOf(['Halley Tower, Ackroyd Mews', 'Flat 1904, Halley Tower, Ackroyd Mews', 'Flat 1203, Halley Tower, Ackroyd Mews'])[0]).toBe(-1);
    // one door seen is not a subdivided building: the house and its one flat stay as written
    const [e, f] = addressesOf(['14 Kilnfield Road', 'Flat 2, 14 Kilnfield Road']);
    expect(e).toBeGreaterThanOrEqual(0);
    expect(f).not.toBe(e);
  });

  it('an address "c/o" someone is not the person\'s home: a postcode only', () => {
    const [a, b] = addressesOf(['14 Ropery Gardens, Bow', 'c/o 14 Ropery Gardens, Bow']);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBe(-1);
  });

  it('householdKeys keeps a building by its shape alone, and the evidence overrules a place', () => {
    expect(householdKeys(parts({ flat: '9', name: 'PRIESTLEY HOUSE' }), PC)).toMatchObject({ flat: '9', number: '', name: 'PRIESTLEY HOUSE', building: 'PRIESTLEY HOUSE' });
    expect(householdKeys(parts({ number: '14', street: 'KILNFIELD ROAD', town: 'WEXTHORPE' }), PC)).toMatchObject({ flat: '', number: '14', name: '', building: '' });
    const evidence = new AddressEvidence();
    evidence.add(parts({ number: '14', street: 'KILNFIELD ROAD', town: 'MANSION HOUSE' }), 'S65 1AA');
    evidence.add(parts({ number: '3', street: 'OAK STREET', town: 'MANSION HOUSE' }), 'S65 3BB');
    expect(evidence.isPlace('MANSION HOUSE')).toBe(true);
    expect(householdKeys(parts({ flat: '2', name: 'MANSION HOUSE' }), PC, evidence)).toMatchObject({ name: '', building: '' });
  });
});

describe('households in named buildings', () => {
  it('a mother whose tenancy gives only the flat and building lives with her son at the full address; the same flat in the next block is another family', () => {
    const school = { sourceId: 1, sourceKind: 'school' } as const;
    const housing = { sourceId: 2, sourceKind: 'housing', asOf: '2026-01-10' } as const;
    const recs: Array<Partial<LinkRecord> & { who: string }> = [
      { who: 'amir', ...school, surname: 'Ahmed', dob: '2014-03-01', address: 'Flat 9, Priestley House, Kilnfield Road, Wexthorpe', postcode: PC },
      { who: 'samina', ...housing, surname: 'Ahmed', dob: '1985-06-01', sex: 'F', address: 'Flat 9, Priestley House', postcode: PC },
      { who: 'bilal', ...school, surname: 'Ahmed', dob: '2013-09-01', address: 'Flat 9, Ashdown House, Kilnfield Road, Wexthorpe', postcode: PC },
      { who: 'nadia', ...housing, surname: 'Ahmed', dob: '1983-02-01', sex: 'F', address: 'Flat 9, Ashdown House', postcode: PC },
    ];
    const records = recs.map(({ who, ...r }) => record({ ...r, forename: who }));
    const personOf = Int32Array.from(records.map((_, i) => i));
    const result = buildHouseholds(records, { personOf, personCount: records.length });
    const h = result.householdOfPerson;
    expect(h[0]).toBe(h[1]);
    expect(h[2]).toBe(h[3]);
    expect(h[0]).not.toBe(h[2]);
  });
});
