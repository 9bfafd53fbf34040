// Table-driven tests of the normalisers (issue 3 §5): at least 20 cases each for names, dates,
// postcodes, addresses and identifiers. normalise.test.ts keeps the original cases.
import { describe, expect, it } from 'vitest';
import { normaliseAddress, looksLikeAddress, type NormalisedAddress } from '../../shared/domain/normalise/address.js';
import { dateOrderOf, parseDate } from '../../shared/domain/normalise/date.js';
import { formatNhsNumber, nhsNumberValid, normaliseNhsNumber, normaliseNino, normaliseUpn, normaliseUprn } from '../../shared/domain/normalise/identifiers.js';
import { cleanName, initialsOf, looksLikeFullName, nameCase, nameKey, splitFullName } from '../../shared/domain/normalise/name.js';
import { findPostcode, normalisePostcode, parsePostcode, postcodeParts } from '../../shared/domain/normalise/postcode.js';

describe('names', () => {
  const splits: Array<[string, string | null, string | null, string | null]> = [
    // input, forename, middle, surname
    ['SMITH, John', 'John', null, 'SMITH'],
    ['SMITH, John Paul', 'John', 'Paul', 'SMITH'],
    ['Smith, Mr J.', 'J', null, 'Smith'],
    ['SMITH, J.P.', 'J', 'P', 'SMITH'],
    ['Smith,John', 'John', null, 'Smith'],
    ['de la Cruz, Maria', 'Maria', null, 'de la Cruz'],
    ['John SMITH', 'John', null, 'SMITH'],
    ['SMITH John', 'John', null, 'SMITH'],
    ['Mary Ann SMITH-JONES', 'Mary', 'Ann', 'SMITH-JONES'],
    ["Sean O'NEILL", 'Sean', null, "O'NEILL"],
    ['Ludwig van BEETHOVEN', 'Ludwig', null, 'van BEETHOVEN'],
    ['Maria de la Cruz', 'Maria', null, 'de la Cruz'],
    ['Vincent van Gogh', 'Vincent', null, 'van Gogh'],
    ['John Paul Smith', 'John', 'Paul', 'Smith'],
    ['Dr Jane Doe', 'Jane', null, 'Doe'],
    ['Mrs. Jane Doe', 'Jane', null, 'Doe'],
    ['John Smith Jr', 'John', null, 'Smith'],
    ['JOHN SMITH', 'JOHN', null, 'SMITH'],
    ['Smith', null, null, 'Smith'],
    ['Mr Smith', null, null, 'Smith'],
    ['Zoë Brontë', 'Zoë', null, 'Brontë'],
    ['', null, null, null],
  ];
  it.each(splits)('splitFullName(%j)', (input, forename, middleNames, surname) => expect(splitFullName(input)).toEqual({ forename, middleNames, surname }));

  const keys: Array<[string, string | null]> = [
    ['Zoë', 'ZOE'],
    ['Siân', 'SIAN'],
    ['Łukasz', 'LUKASZ'],
    ['Søren Ærø', 'SOREN AERO'],
    ['Straße', 'STRASSE'],
    ['José María', 'JOSE MARIA'],
    ["O'Neil", 'ONEIL'],
    ['O’Neil', 'ONEIL'],
    ['Mary-Ann', 'MARY ANN'],
    ['Mary - Ann', 'MARY ANN'],
    ['  mr  john ', 'JOHN'],
    ['J.P.', 'J P'],
    ['Mrs', null],
    ['smith', 'SMITH'],
    ['', null],
  ];
  it.each(keys)('nameKey(%j) = %j', (input, expected) => expect(nameKey(input)).toBe(expected));

  const cleaned: Array<[string, string | null, string | null]> = [
    ['  Ann  ', 'Ann', null],
    ['Mr John', 'John', 'Mr'],
    ['Dr. Amy', 'Amy', 'Dr'],
    ['Mary - Ann', 'Mary-Ann', null],
    ['O’Neil', "O'Neil", null],
    ['"Bob"', 'Bob', null],
    ['J.P.', 'J. P.', null],
    ['Mr', 'Mr', null],
    ['', null, null],
  ];
  it.each(cleaned)('cleanName(%j) → %j (title %j), case and letters kept', (input, name, title) => {
    const c = cleanName(input);
    expect([c.name, c.title]).toEqual([name, title]);
  });

  it.each([
    ['SMITH', 'Smith'],
    ["o'neil", "O'Neil"],
    ['mcdonald', 'McDonald'],
    ['macdonald', 'MacDonald'],
    ['mackenzie', 'Mackenzie'],
    ['smith-jones', 'Smith-Jones'],
    ['de la cruz', 'de la Cruz'],
    ['MARY ANN', 'Mary Ann'],
    ['McKay', 'McKay'],
    ['ZOË', 'Zoë'],
  ])('nameCase(%j) = %j', (input, expected) => expect(nameCase(input)).toBe(expected));

  it('initials and full-name sniffing', () => {
    expect(initialsOf('John Paul')).toBe('J P');
    expect(initialsOf('J.P.')).toBe('J P');
    expect(initialsOf('Mr Émile')).toBe('E');
    expect(cleanName('J.').initialsOnly).toBe(true);
    expect(looksLikeFullName('SMITH, John')).toBe(true);
    expect(looksLikeFullName('Mary Ann Smith')).toBe(true);
    expect(looksLikeFullName('Smith')).toBe(false);
    expect(looksLikeFullName('14 High Street')).toBe(false);
  });
});

describe('dates', () => {
  const cases: Array<[string, string | null, { ambiguous?: boolean; order?: 'dmy' | 'mdy'; serial?: boolean; twoDigit?: boolean }?]> = [
    ['03/04/2010', '2010-04-03', { ambiguous: true }],
    ['3/4/2010', '2010-04-03', { ambiguous: true }],
    ['13/04/2010', '2010-04-13', { ambiguous: false }],
    ['03/04/2010', '2010-03-04', { order: 'mdy' }],
    ['04/13/2010', '2010-04-13', { order: 'mdy' }],
    ['04/13/2010', null],
    ['31/12/99', '1999-12-31', { twoDigit: true }],
    ['01/01/24', '2024-01-01', { twoDigit: true }],
    ['01/01/26', '1926-01-01', { twoDigit: true }],
    ['2010-04-03', '2010-04-03'],
    ['2010.04.03', '2010-04-03'],
    ['2010-04-03T14:30:00Z', '2010-04-03'],
    ['2010-04-03 14:30:00', '2010-04-03'],
    ['03/04/2010 14:30', '2010-04-03'],
    ['12-SEP-94', '1994-09-12', { twoDigit: true }],
    ['12-sep-1994', '1994-09-12'],
    ['12 Sept 1994', '1994-09-12'],
    ['12th September 1994', '1994-09-12'],
    ['1st Jan 2001', '2001-01-01'],
    ['Mon 12 Sep 1994', '1994-09-12'],
    ['September 12, 1994', '1994-09-12'],
    ['Sep 12 1994', '1994-09-12'],
    ['19940912', '1994-09-12'],
    ['12091994', '1994-09-12'],
    ['40271', '2010-04-03', { serial: true }],
    ['40271.5', '2010-04-03', { serial: true }],
    ['40271', null],
    ['60', null, { serial: true }],
    ['29/02/2000', '2000-02-29'],
    ['29/02/1900', null],
    ['29/02/2001', null],
    ['31/04/2010', null],
    ['31/06/2010', null],
    ['32/01/2010', null],
    ['00/01/2010', null],
    ['01/00/2010', null],
    ['12-FOO-94', null],
    ['01/01/1849', '1849-01-01'],
    ['unknown', null],
    ['N/A', null],
  ];
  it.each(cases)('parseDate(%j) → %j %j', (input, iso, opts = {}) => {
    const parsed = parseDate(input, { pivotYear: 2025, ...(opts.order ? { order: opts.order } : {}), ...(opts.serial ? { allowSerial: true } : {}) });
    expect(parsed?.iso ?? null).toBe(iso);
    if (opts.ambiguous !== undefined) expect(parsed?.ambiguousDayMonth).toBe(opts.ambiguous);
    if (opts.twoDigit !== undefined) expect(parsed?.twoDigitYear ?? false).toBe(opts.twoDigit);
  });

  it.each([
    [['03/04/2010', '13/04/2010'], 'dmy'],
    [['03/04/2010', '04/13/2010'], 'mdy'],
    [['03/04/2010', '05/06/2011'], null],
    [['2010-04-13', '13-SEP-94'], null],
    [['13/04/2010', '04/13/2010'], 'dmy'],
  ] as Array<[string[], 'dmy' | 'mdy' | null]>)('dateOrderOf(%j) = %j', (values, order) => expect(dateOrderOf(values)).toBe(order));
});

describe('postcodes', () => {
  const cases: Array<[string, string | null, { repaired?: boolean; valid?: boolean }?]> = [
    ['S60 1AB', 'S60 1AB', { repaired: false, valid: true }],
    ['s601ab', 'S60 1AB'],
    ['  s60   1ab ', 'S60 1AB'],
    ['S60-1AB', 'S60 1AB'],
    ['SW1A1AA', 'SW1A 1AA'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['W1A 0AX', 'W1A 0AX'],
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['GIR 0AA', 'GIR 0AA'],
    ['S6O 1AB', 'S60 1AB', { repaired: true, valid: true }],
    ['S60 IAB', 'S60 1AB', { repaired: true }],
    ['S60 lAB', 'S60 1AB', { repaired: true }],
    ['0L1 1AA', 'OL1 1AA', { repaired: true }],
    ['1G1 1AA', 'IG1 1AA', { repaired: true }],
    ['S014 7DU', 'SO14 7DU', { repaired: true }],
    ['S61 2CD', 'S61 2CD', { valid: false }],
    ['QA1 1AA', 'QA1 1AA', { valid: false }],
    ['S60 1OB', 'S60 1OB', { repaired: false, valid: false }],
    ['4814', null],
    ['S60', null],
    ['ABC 123', null],
    ['S60 1AB X', null],
    ['', null],
  ];
  it.each(cases)('%j → %j %j', (input, expected, flags = {}) => {
    expect(normalisePostcode(input)).toBe(expected);
    const parsed = parsePostcode(input);
    if (flags.repaired !== undefined) expect(parsed?.repaired).toBe(flags.repaired);
    if (flags.valid !== undefined) expect(parsed?.valid).toBe(flags.valid);
  });

  it('outward, district, sector and area', () => {
    expect(postcodeParts('s601ab')).toEqual({ postcode: 'S60 1AB', outward: 'S60', inward: '1AB', area: 'S', district: 'S60', sector: 'S60 1' });
    expect(postcodeParts('SW1A 1AA')).toMatchObject({ area: 'SW', district: 'SW1A', sector: 'SW1A 1' });
    expect(postcodeParts('nonsense')).toBeNull();
  });

  it('finds a postcode inside free text', () => {
    expect(findPostcode('14 HIGH ST, ROTHERHAM, S60 1AB')).toMatchObject({ postcode: 'S60 1AB' });
    expect(findPostcode('FLAT 2, 10 MAIN RD S601AB')).toMatchObject({ postcode: 'S60 1AB' });
    expect(findPostcode('NO POSTCODE HERE 123')).toBeNull();
    expect(findPostcode('2 DYERFIELD CLOSE, ASKERBY')).toBeNull();
    expect(findPostcode('10 MAIN RD S6O 1AB')).toMatchObject({ postcode: 'S60 1AB' });
  });
});

describe('addresses', () => {
  const A = (parts: Partial<NormalisedAddress>): NormalisedAddress => ({ flat: null, number: null, name: null, street: null, locality: null, town: null, postcode: null, key: '', ...parts });
  const cases: Array<[string | string[], { town?: string; postcode?: string } | undefined, NormalisedAddress]> = [
    ['14 High St, Rotherham, S60 1AB', undefined, A({ number: '14', street: 'HIGH STREET', town: 'ROTHERHAM', postcode: 'S60 1AB', key: '14 HIGH STREET ROTHERHAM' })],
    ['Flat 2, 14 Kilnfield Rd, Wexthorpe, S65 2RB', undefined, A({ flat: '2', number: '14', street: 'KILNFIELD ROAD', town: 'WEXTHORPE', postcode: 'S65 2RB', key: 'FLAT 2 14 KILNFIELD ROAD WEXTHORPE' })],
    ['FLAT 2 14 KILNFIELD RD, WEXTHORPE, S65 2RB', undefined, A({ flat: '2', number: '14', street: 'KILNFIELD ROAD', town: 'WEXTHORPE', postcode: 'S65 2RB', key: 'FLAT 2 14 KILNFIELD ROAD WEXTHORPE' })],
    [['14 High St', 'Flat 2', 'Rotherham'], { postcode: 's601ab' }, A({ flat: '2', number: '14', street: 'HIGH STREET', town: 'ROTHERHAM', postcode: 'S60 1AB', key: 'FLAT 2 14 HIGH STREET ROTHERHAM' })],
    [['Flat B', '7 Victoria Gdns'], { town: 'Rotherham' }, A({ flat: 'B', number: '7', street: 'VICTORIA GARDENS', town: 'ROTHERHAM', key: 'FLAT B 7 VICTORIA GARDENS ROTHERHAM' })],
    ['Apt 4B, Riverside House, 1 Canal Wharf, Sheffield S1 2AB', undefined, A({ flat: '4B', name: 'RIVERSIDE HOUSE', number: '1', street: 'CANAL WHARF', town: 'SHEFFIELD', postcode: 'S1 2AB', key: 'FLAT 4B RIVERSIDE HOUSE 1 CANAL WHARF SHEFFIELD' })],
    ['Rose Cottage, Mill Lane, Wickersley, Rotherham S66 1AA', undefined, A({ name: 'ROSE COTTAGE', street: 'MILL LANE', locality: 'WICKERSLEY', town: 'ROTHERHAM', postcode: 'S66 1AA', key: 'ROSE COTTAGE MILL LANE WICKERSLEY ROTHERHAM' })],
    ['2/14 Church St, Rotherham', undefined, A({ flat: '2', number: '14', street: 'CHURCH STREET', town: 'ROTHERHAM', key: 'FLAT 2 14 CHURCH STREET ROTHERHAM' })],
    ["12A St John's Rd, Maltby", undefined, A({ number: '12A', street: 'SAINT JOHNS ROAD', town: 'MALTBY', key: '12A SAINT JOHNS ROAD MALTBY' })],
    ['First Floor Flat, 3 Park Ave, Rotherham', undefined, A({ flat: 'FIRST FLOOR', number: '3', street: 'PARK AVENUE', town: 'ROTHERHAM', key: 'FLAT FIRST FLOOR 3 PARK AVENUE ROTHERHAM' })],
    ['14, High Street, Rotherham', undefined, A({ number: '14', street: 'HIGH STREET', town: 'ROTHERHAM', key: '14 HIGH STREET ROTHERHAM' })],
    ['12-14 Station Rd', undefined, A({ number: '12-14', street: 'STATION ROAD', key: '12-14 STATION ROAD' })],
    ['14 Greenfield Cl', undefined, A({ number: '14', street: 'GREENFIELD CLOSE', key: '14 GREENFIELD CLOSE' })],
    ['27 Moorgate Ter, Rotherham, S60 2AA', undefined, A({ number: '27', street: 'MOORGATE TERRACE', town: 'ROTHERHAM', postcode: 'S60 2AA', key: '27 MOORGATE TERRACE ROTHERHAM' })],
    ['5 Oak Cres', undefined, A({ number: '5', street: 'OAK CRESCENT', key: '5 OAK CRESCENT' })],
    ['9 Elm Dr, Bramley', undefined, A({ number: '9', street: 'ELM DRIVE', town: 'BRAMLEY', key: '9 ELM DRIVE BRAMLEY' })],
    ['Unit 3, 10 Station Rd', undefined, A({ flat: '3', number: '10', street: 'STATION ROAD', key: 'FLAT 3 10 STATION ROAD' })],
    ['The Old Mill', undefined, A({ name: 'THE OLD MILL', key: 'THE OLD MILL' })],
    ['Zoë Court, 1 Brontë Way', undefined, A({ name: 'ZOE COURT', number: '1', street: 'BRONTE WAY', key: 'ZOE COURT 1 BRONTE WAY' })],
    ['22 Wath Rd\nMexborough\nS64 9AA', undefined, A({ number: '22', street: 'WATH ROAD', town: 'MEXBOROUGH', postcode: 'S64 9AA', key: '22 WATH ROAD MEXBOROUGH' })],
    ['3 Sq', undefined, A({ number: '3', street: 'SQ', key: '3 SQ' })],
    ['', undefined, A({ key: '' })],
    // "Close" once read as the postcode C1 0SE (O/0 and L/1 repaired), losing the street type
    ['2 Dyerfield Close, Askerby', undefined, A({ number: '2', street: 'DYERFIELD CLOSE', town: 'ASKERBY', key: '2 DYERFIELD CLOSE ASKERBY' })],
    // "Flats" and "RMB" once read as flat S and flat B
    ['1 Amaroo Road, Parkside Flats, Chester', undefined, A({ number: '1', street: 'AMAROO ROAD', locality: 'PARKSIDE FLATS', town: 'CHESTER', key: '1 AMAROO ROAD PARKSIDE FLATS CHESTER' })],
    ['5 Findlay Street, Booroopki RMB 596', undefined, A({ number: '5', street: 'FINDLAY STREET', locality: 'BOOROOPKI RMB 596', key: '5 FINDLAY STREET BOOROOPKI RMB 596' })],
    ['FLAT2 10 MAIN RD', undefined, A({ flat: '2', number: '10', street: 'MAIN ROAD', key: 'FLAT 2 10 MAIN ROAD' })],
    // no commas: the street ends at its type word, the rest is the town
    ['14A Kilnfield Rd Wexthorpe', undefined, A({ number: '14A', street: 'KILNFIELD ROAD', town: 'WEXTHORPE', key: '14A KILNFIELD ROAD WEXTHORPE' })],
    ['3 Church View Road', undefined, A({ number: '3', street: 'CHURCH VIEW ROAD', key: '3 CHURCH VIEW ROAD' })],
    ['8 High Street North', undefined, A({ number: '8', street: 'HIGH STREET NORTH', key: '8 HIGH STREET NORTH' })],
  ];
  it.each(cases)('normaliseAddress(%j, %j)', (input, options, expected) => expect(normaliseAddress(input, options)).toEqual(expected));

  it.each([
    ['14 High Street', true],
    ['1 Main Rd, Rotherham', true],
    ['Flat 2, 10 Acacia Avenue', true],
    ['Some Street S60 1AB', true],
    ['High Street', false],
    ['ASB', false],
    ['12/03/2020', false],
    ['SMITH, John', false],
  ])('looksLikeAddress(%j) = %j', (input, expected) => expect(looksLikeAddress(input)).toBe(expected));
});

describe('identifiers', () => {
  const nhs: Array<[string, string | null, boolean, RegExp | null]> = [
    ['9434765919', '9434765919', true, null],
    ['943 476 5919', '9434765919', true, null],
    ['943-476-5919', '9434765919', true, null],
    ['9434765919.0', '9434765919', true, null],
    [' 401 023 2137 ', '4010232137', true, null],
    ['9434765918', '9434765918', false, /check digit/],
    ['943476591', '943476591', false, /not 10 digits/],
    ['94347659190', '94347659190', false, /not 10 digits/],
    ['0000000000', '0000000000', false, /placeholder/],
    ['1111111111', '1111111111', false, /placeholder/],
    ['abcdefghij', 'abcdefghij', false, /not 10 digits/],
    ['', null, false, null],
  ];
  it.each(nhs)('NHS %j → %j valid=%j', (input, value, valid, problem) => {
    const r = normaliseNhsNumber(input);
    expect([r.value, r.valid]).toEqual([value, valid]);
    if (problem) expect(r.problem).toMatch(problem);
    else expect(r.problem ?? null).toBeNull();
  });

  const nino: Array<[string, string | null, boolean, RegExp | null]> = [
    ['AB123456C', 'AB123456C', true, null],
    ['ab 12 34 56 c', 'AB123456C', true, null],
    ['AB-12-34-56-D', 'AB123456D', true, null],
    ['QQ123456C', 'QQ123456C', false, /format/],
    ['GB123456A', 'GB123456A', false, /format/],
    ['AO123456A', 'AO123456A', false, /format/],
    ['DA123456A', 'DA123456A', false, /format/],
    ['AB123456E', 'AB123456E', false, /format/],
    ['TN123456A', 'TN123456A', false, /temporary/],
    ['AB123456', 'AB123456', false, /no suffix/],
  ];
  it.each(nino)('NINO %j → %j valid=%j', (input, value, valid, problem) => {
    const r = normaliseNino(input);
    expect([r.value, r.valid]).toEqual([value, valid]);
    if (problem) expect(r.problem).toMatch(problem);
  });

  it.each([
    ['U820200101001', true],
    ['u820 2001 01001', true],
    ['H820200101002', true],
    ['A820200101001', false],
    ['U82020010100', false],
  ])('UPN %j valid=%j', (input, valid) => expect(normaliseUpn(input).valid).toBe(valid));

  it.each([
    ['100050123456', '100050123456'],
    ['100050123456.0', '100050123456'],
    ['000100050123', '100050123'],
    ['1.00050123456E+11', '100050123456'],
    ['1.0005E+11', null],
    ['n/a', null],
    ['0', null],
    ['1234567890123', null],
  ])('UPRN %j → %j', (input, expected) => expect(normaliseUprn(input)).toBe(expected));

  it('formats and checks', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(nhsNumberValid('4010232137')).toBe(true);
  });
});
