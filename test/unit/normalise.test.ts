import { describe, expect, it } from 'vitest';
import { excelSerialToIso, parseDate } from '../../shared/domain/normalise/date.js';
import { nhsNumberValid, normaliseNino, normaliseUpn, normaliseUprn, upnCheckLetter } from '../../shared/domain/normalise/identifiers.js';
import { nameKey, splitFullName } from '../../shared/domain/normalise/name.js';
import { normalisePostcode } from '../../shared/domain/normalise/postcode.js';
import { normaliseSex } from '../../shared/domain/normalise/sex.js';

describe('parseDate (UK first)', () => {
  const cases: Array<[string, string | null, boolean?]> = [
    ['03/04/2010', '2010-04-03', true],
    ['13/04/2010', '2010-04-13', false],
    ['3/4/10', '2010-04-03', true],
    ['31/12/99', '1999-12-31'],
    ['2010-04-03', '2010-04-03'],
    ['2010/4/3', '2010-04-03'],
    ['03.04.2010', '2010-04-03', true],
    ['03-04-2010', '2010-04-03', true],
    ['12-SEP-94', '1994-09-12'],
    ['12 September 1994', '1994-09-12'],
    ['12-Sept-1994', '1994-09-12'],
    ['1Jan2001', '2001-01-01'],
    ['19940912', '1994-09-12'],
    ['2010-04-03T00:00:00', '2010-04-03'],
    ['29/02/2001', null],
    ['29/02/2000', '2000-02-29'],
    ['31/04/2010', null],
    ['00/01/2010', null],
    ['13/13/2010', null],
    ['not a date', null],
    ['', null],
    ['05/05/2005', '2005-05-05', false],
  ];
  it.each(cases)('%s → %s', (input, iso, ambiguous) => {
    const parsed = parseDate(input, { pivotYear: 2025 });
    expect(parsed?.iso ?? null).toBe(iso);
    if (ambiguous !== undefined) expect(parsed?.ambiguousDayMonth).toBe(ambiguous);
  });
  it('places two-digit years on or before the pivot year', () => {
    expect(parseDate('01/01/25', { pivotYear: 2025 })?.iso).toBe('2025-01-01');
    expect(parseDate('01/01/26', { pivotYear: 2025 })?.iso).toBe('1926-01-01');
  });
  it('reads Excel serials only when asked', () => {
    expect(parseDate('40271', { pivotYear: 2025 })).toBeNull();
    expect(parseDate('40271', { pivotYear: 2025, allowSerial: true })?.iso).toBe('2010-04-03');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
  });
});

describe('postcodes', () => {
  const cases: Array<[string, string | null]> = [
    ['s601ab', 'S60 1AB'],
    ['S60 1AB', 'S60 1AB'],
    [' s60  1ab ', 'S60 1AB'],
    ['SW1A1AA', 'SW1A 1AA'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['GIR 0AA', 'GIR 0AA'],
    ['S60-1AB', 'S60 1AB'],
    ['1234', null],
    ['S60', null],
    ['ABC 123', null],
    ['', null],
  ];
  it.each(cases)('%s → %s', (input, expected) => expect(normalisePostcode(input)).toBe(expected));
});

describe('identifiers', () => {
  it.each([
    ['9434765919', true],
    ['9434765918', false],
    ['4010232137', true],
    ['123456789', false],
    ['abcdefghij', false],
  ])('NHS number %s valid=%s', (n, valid) => expect(nhsNumberValid(n)).toBe(valid));
  it.each([
    ['AB123456C', true],
    ['ab 12 34 56 c', true],
    ['QQ123456C', false],
    ['GB123456A', false],
    ['AB123456E', false],
    ['DA123456A', false],
  ])('NINO %s valid=%s', (n, valid) => expect(normaliseNino(n).valid).toBe(valid));
  it('UPN check letter round-trips and catches a changed digit', () => {
    const rest = '820200101001';
    const letter = upnCheckLetter(rest);
    expect(letter).toMatch(/^[A-HJ-NP-RT-Z]$/);
    expect(normaliseUpn(`${letter}${rest}`).valid).toBe(true);
    expect(normaliseUpn(`${letter}820200101002`).valid).toBe(false);
    expect(normaliseUpn('A12').valid).toBe(false);
  });
  it('UPRN keeps digits only and drops spreadsheet decimals', () => {
    expect(normaliseUprn('100050123456')).toBe('100050123456');
    expect(normaliseUprn('100050123456.0')).toBe('100050123456');
    expect(normaliseUprn('n/a')).toBeNull();
  });
});

describe('names', () => {
  it.each([
    ['SMITH, John Paul', { surname: 'SMITH', forename: 'John', middleNames: 'Paul' }],
    ['Smith, Mr John', { surname: 'Smith', forename: 'John', middleNames: null }],
    ['John SMITH', { surname: 'SMITH', forename: 'John', middleNames: null }],
    ['Mary Ann O\'NEIL-JONES', { surname: "O'NEIL-JONES", forename: 'Mary', middleNames: 'Ann' }],
    ['John Paul Smith', { surname: 'Smith', forename: 'John', middleNames: 'Paul' }],
    ['Mrs Jane Doe', { surname: 'Doe', forename: 'Jane', middleNames: null }],
    ['Smith', { surname: 'Smith', forename: null, middleNames: null }],
    ['JOHN SMITH', { surname: 'SMITH', forename: 'JOHN', middleNames: null }],
    // a title is a title before a name; where the surname stands, "Lord" (a Lancashire name) is the surname
    ['LORD, Roy', { surname: 'LORD', forename: 'Roy', middleNames: null }],
    ['Mark LORD', { surname: 'LORD', forename: 'Mark', middleNames: null }],
    ['Mr Mark Lord', { surname: 'Lord', forename: 'Mark', middleNames: null }],
    ['LORD, Mrs Tracey', { surname: 'LORD', forename: 'Tracey', middleNames: null }],
    ['Mrs', { surname: null, forename: null, middleNames: null }],
  ])('splitFullName(%s)', (input, expected) => expect(splitFullName(input)).toEqual(expected));
  it.each([
    ['Zoë', 'ZOE'],
    ["O'Neil", 'ONEIL'],
    ['Mary-Ann', 'MARY ANN'],
    ['  mr  john ', 'JOHN'],
    ['Lord', 'LORD'],
    ['Mr Lord', 'LORD'],
    ['Sir Alex Lord', 'ALEX LORD'],
    ['Mr.', null],
    ['', null],
  ])('nameKey(%s) = %s', (input, expected) => expect(nameKey(input)).toBe(expected));
});

describe('sex', () => {
  it.each([
    ['M', 'M'], ['male', 'M'], ['F', 'F'], ['Female', 'F'], ['1', 'M'], ['2', 'F'], ['U', 'U'], ['Not known', 'U'], ['banana', null], ['', null],
  ])('%s → %s', (input, expected) => expect(normaliseSex(input)).toBe(expected));
});
