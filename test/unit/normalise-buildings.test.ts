// Named buildings and the doors in them, as partner systems write them: the building must not be
// read as the town, nor its flat as a house number.
import { describe, expect, it } from 'vitest';
import { isBuildingName, normaliseAddress, type NormalisedAddress } from '../../shared/domain/normalise/address.js';

type Parts = Pick<NormalisedAddress, 'flat' | 'number' | 'name' | 'street' | 'locality' | 'town'>;
const parts = (text: string): Parts => {
  const { flat, number, name, street, locality, town } = normaliseAddress(text);
  return { flat, number, name, street, locality, town };
};
const P = (p: Partial<Parts>): Parts => ({ flat: null, number: null, name: null, street: null, locality: null, town: null, ...p });

describe('named buildings', () => {
  it.each<[string, Parts]>([
    // the door and the building alone: the building is no town
    ['Flat 9, Priestley House', P({ flat: '9', name: 'PRIESTLEY HOUSE' })],
    ['Flat 9, Priestley House, Kilnfield Road', P({ flat: '9', name: 'PRIESTLEY HOUSE', street: 'KILNFIELD ROAD' })],
    // a number before a building stays a house number (the household keys weigh whether it is
    // the flat: other data sets write numbered properties so), and the building is no town
    ['9 Priestley House, Wexthorpe', P({ number: '9', street: 'PRIESTLEY HOUSE', town: 'WEXTHORPE' })],
    ['9, Priestley House', P({ number: '9', street: 'PRIESTLEY HOUSE' })],
    ['9 Priestley House, Kilnfield Road, Wexthorpe', P({ number: '9', street: 'PRIESTLEY HOUSE', locality: 'KILNFIELD ROAD', town: 'WEXTHORPE' })],
    ['9 Priestley Ho', P({ number: '9', street: 'PRIESTLEY HOUSE' })],
    ['Priestley Ho, Flat 9', P({ flat: '9', name: 'PRIESTLEY HOUSE' })],
    // no commas, upper case
    ['Flat 9 Priestley House Kilnfield Road', P({ flat: '9', name: 'PRIESTLEY HOUSE', street: 'KILNFIELD ROAD' })],
    ['FLAT 9 PRIESTLEY HOUSE KILNFIELD RD WEXTHORPE', P({ flat: '9', name: 'PRIESTLEY HOUSE', street: 'KILNFIELD ROAD', town: 'WEXTHORPE' })],
    // no commas: the building ends its part, as if a comma followed it
    ['9 PRIESTLEY HOUSE KILNFIELD RD', P({ number: '9', street: 'PRIESTLEY HOUSE', locality: 'KILNFIELD ROAD' })],
    ['FLAT 9 PRIESTLEY HOUSE WEXTHORPE', P({ flat: '9', name: 'PRIESTLEY HOUSE', town: 'WEXTHORPE' })],
    // a building's name with a street word in it
    ['Flat 14, Church View House', P({ flat: '14', name: 'CHURCH VIEW HOUSE' })],
    ['14 Church View House Kilnfield Road', P({ number: '14', street: 'CHURCH VIEW HOUSE', locality: 'KILNFIELD ROAD' })],
    ['Flat 2, Church View House, Kilnfield Road', P({ flat: '2', name: 'CHURCH VIEW HOUSE', street: 'KILNFIELD ROAD' })],
    // the building words in the list, spelled out
    ['Flat 3, Falcon Tower', P({ flat: '3', name: 'FALCON TOWER' })],
    ['Flat 16, Falcon Twr', P({ flat: '16', name: 'FALCON TOWER' })],
    ['Flat 11, Lapwing Lodge', P({ flat: '11', name: 'LAPWING LODGE' })],
    ['Flat 4, Albert Mansions', P({ flat: '4', name: 'ALBERT MANSIONS' })],
    ['Flat 2, Harbour Point', P({ flat: '2', name: 'HARBOUR POINT' })],
    ['Flat 5, Queens Chambers', P({ flat: '5', name: 'QUEENS CHAMBERS' })],
    ['Flat 1, Werneth Hall', P({ flat: '1', name: 'WERNETH HALL' })],
    ['Flat 6, Parkside Flats', P({ flat: '6', name: 'PARKSIDE FLATS' })],
    ['Flat 2, Mill Farm', P({ flat: '2', name: 'MILL FARM' })],
    ['Flat 1, Ivy Cottage', P({ flat: '1', name: 'IVY COTTAGE' })],
    // words streets end in too: a building before a street, or with a flat and no house number
    ['Flat 9, Ashdown Court', P({ flat: '9', name: 'ASHDOWN COURT' })],
    ['Ashdown Court, Kilnfield Road', P({ name: 'ASHDOWN COURT', street: 'KILNFIELD ROAD' })],
    ['Flat 9 Ashdown Court Kilnfield Road', P({ flat: '9', name: 'ASHDOWN COURT', street: 'KILNFIELD ROAD' })],
    ['Flat 7, Beacon Heights', P({ flat: '7', name: 'BEACON HEIGHTS' })],
    ['Flat 3, Stable Mews, 4 Kilnfield Road', P({ flat: '3', name: 'STABLE MEWS', number: '4', street: 'KILNFIELD ROAD' })],
    ['Flat 2, Mill Cottages, Mill Lane', P({ flat: '2', name: 'MILL COTTAGES', street: 'MILL LANE' })],
    ['Flat 8, Victoria Buildings', P({ flat: '8', name: 'VICTORIA BUILDINGS' })],
  ])('%j', (text, expected) => expect(parts(text)).toEqual(expected));

  it.each<[string, Parts]>([
    // "9 Ashdown Court" alone may be a house on a cul-de-sac: kept as a number on a street
    ['9 Ashdown Court', P({ number: '9', street: 'ASHDOWN COURT' })],
    ['9 Ashdown Court Wexthorpe', P({ number: '9', street: 'ASHDOWN COURT', town: 'WEXTHORPE' })],
    ['38, wentworth house, fidge street, nsw, blair athol', P({ number: '38', street: 'WENTWORTH HOUSE', locality: 'FIDGE STREET NSW', town: 'BLAIR ATHOL' })],
    ['13, hann street, upper flat, nsw, camp hill', P({ number: '13', street: 'HANN STREET', locality: 'UPPER FLAT NSW CAMP HILL' })],
    ['Flat 2, 27 Forge Court, Thrawmoor', P({ flat: '2', number: '27', street: 'FORGE COURT', town: 'THRAWMOOR' })],
    ['32 Mill Mews, Wexthorpe', P({ number: '32', street: 'MILL MEWS', town: 'WEXTHORPE' })],
    // a building word before a street type is the street's name
    ['3, Werneth Hall Road, Shaw, Oldham', P({ number: '3', street: 'WERNETH HALL ROAD', locality: 'SHAW', town: 'OLDHAM' })],
    ['14 Mill House Lane', P({ number: '14', street: 'MILL HOUSE LANE' })],
    // after the street the same words are a place
    ['14 Kilnfield Road, Mansion House', P({ number: '14', street: 'KILNFIELD ROAD', town: 'MANSION HOUSE' })],
    ['14 Kilnfield Road Mansion House', P({ number: '14', street: 'KILNFIELD ROAD', town: 'MANSION HOUSE' })],
    ['9, basedow street, oyster farm, vic, wanniassa', P({ number: '9', street: 'BASEDOW STREET', locality: 'OYSTER FARM VIC', town: 'WANNIASSA' })],
    ['Flat 2, Castle Hill', P({ flat: '2', street: 'CASTLE HILL' })],
  ])('%j is no building', (text, expected) => expect(parts(text)).toEqual(expected));
});

describe('doors', () => {
  it.each<[string, Parts]>([
    ['Room 3, 12 Kilnfield Road', P({ flat: '3', number: '12', street: 'KILNFIELD ROAD' })],
    ['Apartment 4', P({ flat: '4' })],
    ['Apt 4B', P({ flat: '4B' })],
    ['Unit 2', P({ flat: '2' })],
    ['Maisonette 1', P({ flat: '1' })],
    ['Flat A', P({ flat: 'A' })],
    ['Ground Floor Flat, 12 Kilnfield Road', P({ flat: 'GROUND FLOOR', number: '12', street: 'KILNFIELD ROAD' })],
    ['Basement Flat, 12 Kilnfield Road', P({ flat: 'BASEMENT FLOOR', number: '12', street: 'KILNFIELD ROAD' })],
    ['Basement Flat', P({ flat: 'BASEMENT FLOOR' })],
    ['Top Flat, 3 Park Ave', P({ flat: 'TOP FLOOR', number: '3', street: 'PARK AVENUE' })],
    // the floor after the word: "FLAT" once stayed behind as a house name
    ['Flat First Floor', P({ flat: 'FIRST FLOOR' })],
    // a floor flat written without commas: the floor is the door and the number the house's, as
    // with commas ("FLAT 5" once won, and the floor stayed behind as a house name)
    ['FIRST FLOOR FLAT 5 BRABAZON WALK', P({ flat: 'FIRST FLOOR', number: '5', street: 'BRABAZON WALK' })],
    ['GROUND FLOOR FLAT 9 WATERLOO CLOSE', P({ flat: 'GROUND FLOOR', number: '9', street: 'WATERLOO CLOSE' })],
    // care of someone else's home: the address parsed as any, the marker kept before the house name
    ['c/o 14 Ropery Gardens, Bow', P({ number: '14', name: 'C/O', street: 'ROPERY GARDENS', town: 'BOW' })],
    ['C/O FLAT 2, 14 ROPERY GARDENS', P({ flat: '2', number: '14', name: 'C/O', street: 'ROPERY GARDENS' })],
    ['C.O. 14 Ropery Gardens', P({ number: '14', name: 'C/O', street: 'ROPERY GARDENS' })],
    ['Care of 5 Mill Lane', P({ number: '5', name: 'C/O', street: 'MILL LANE' })],
    // a flat's number before its floor stays the door
    ['Flat 2, First Floor, 12 Kilnfield Road', P({ flat: '2', number: '12', street: 'KILNFIELD ROAD' })],
  ])('%j', (text, expected) => expect(parts(text)).toEqual(expected));
});

describe('isBuildingName', () => {
  it.each<[string, boolean]>([
    ['PRIESTLEY HOUSE', true],
    ['PRIESTLEY HO', true],
    ['CHURCH VIEW HOUSE', true],
    ['ASHDOWN COURT', false],
    ['WEXTHORPE', false],
    ['HOUSE', false],
    ['MILL HOUSE LANE', false],
  ])('%j', (text, expected) => expect(isBuildingName(text)).toBe(expected));
});
