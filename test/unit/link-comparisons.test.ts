// Table-driven tests of every comparison level of the default MatchSpec (after Splink's
// tests/test_comparison_level_lib.py): each case is a description, two records' fields, and the
// level label the pair must land on.
import { describe, expect, it } from 'vitest';
import { compareInto, compilePlan } from '../../electron/engine/link/compare.js';
import { prepare } from '../../electron/engine/link/prepare.js';
import { defaultMatchSpec } from '../../electron/engine/link/spec.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord } from '../helpers/link-record.js';

type Fields = Partial<LinkRecord>;

const base = (id: number, f: Fields): LinkRecord => ({ ...blankLinkRecord(id), sourceId: f.sourceId ?? 1, ...f });

const spec = defaultMatchSpec();
const plan = compilePlan(spec);

/** The level label each comparison gives the pair (a, b). */
function levels(a: Fields, b: Fields): Record<string, string> {
  const p = prepare([base(1, a), base(2, b)]);
  const out = new Uint8Array(plan.comparisons.length);
  compareInto(p, plan, 0, 1, out, 0);
  return Object.fromEntries(spec.comparisons.map((c, k) => [c.name, c.levels[out[k] as number]?.label ?? '?']));
}

interface Case {
  description: string;
  a: Fields;
  b: Fields;
  expected: string;
}

function table(comparison: string, cases: Case[]): void {
  describe(comparison, () => {
    it.each(cases)('$description', ({ a, b, expected }) => {
      expect(levels(a, b)[comparison]).toBe(expected);
      // symmetric
      expect(levels(b, a)[comparison]).toBe(expected);
    });
  });
}

table('forename', [
  { description: 'missing on one side is neutral', a: { forename: 'John', surname: 'Smith' }, b: { surname: 'Smith' }, expected: 'missing' },
  { description: '"UNKNOWN" counts as missing', a: { forename: 'Unknown', surname: 'Smith' }, b: { forename: 'John', surname: 'Smith' }, expected: 'missing' },
  { description: 'exact, case and accents folded', a: { forename: 'Zoë' }, b: { forename: 'ZOE' }, expected: 'exact' },
  { description: 'exact when spaces differ (Mary Ann / Maryann)', a: { forename: 'Mary Ann' }, b: { forename: 'Maryann' }, expected: 'exact' },
  { description: 'nickname: Bill / William', a: { forename: 'Bill' }, b: { forename: 'William' }, expected: 'nickname (Bill / William)' },
  { description: 'nickname: Peggy / Margaret', a: { forename: 'Peggy' }, b: { forename: 'Margaret' }, expected: 'nickname (Bill / William)' },
  { description: 'nickname: Ted / Edward', a: { forename: 'Ted' }, b: { forename: 'Edward' }, expected: 'nickname (Bill / William)' },
  { description: 'contraction: Mohd / Mohammed (as partner systems shorten it)', a: { forename: 'Mohd' }, b: { forename: 'Mohammed' }, expected: 'nickname (Bill / William)' },
  { description: 'contraction: Mohd / Muhammad', a: { forename: 'Mohd' }, b: { forename: 'Muhammad' }, expected: 'nickname (Bill / William)' },
  { description: 'transliteration: Mohammed / Muhammad', a: { forename: 'Mohammed' }, b: { forename: 'Muhammad' }, expected: 'transliteration (Mohammed / Muhammad)' },
  { description: 'transliteration: Yusuf / Yousef', a: { forename: 'Yusuf' }, b: { forename: 'Yousef' }, expected: 'transliteration (Mohammed / Muhammad)' },
  { description: 'transliteration: Aisha / Ayesha', a: { forename: 'Aisha' }, b: { forename: 'Ayesha' }, expected: 'transliteration (Mohammed / Muhammad)' },
  { description: 'one uses the other\'s middle name', a: { forename: 'John', middleNames: 'Paul' }, b: { forename: 'Paul' }, expected: "one is the other's middle name" },
  { description: 'Jaro–Winkler ≥ 0.92: Martha / Marhta', a: { forename: 'Martha' }, b: { forename: 'Marhta' }, expected: 'Jaro–Winkler ≥ 0.92' },
  { description: 'Jaro–Winkler ≥ 0.85: Geoffrey / Jeffrey', a: { forename: 'Geoffrey' }, b: { forename: 'Jeffrey' }, expected: 'Jaro–Winkler ≥ 0.85' },
  { description: 'initial only', a: { forename: 'J' }, b: { forename: 'James' }, expected: 'initial only' },
  { description: 'different', a: { forename: 'John' }, b: { forename: 'Mary' }, expected: 'different' },
  { description: 'Mahmood is not Mohammed', a: { forename: 'Mahmood' }, b: { forename: 'Mohammed' }, expected: 'different' },
]);

table('surname', [
  { description: 'missing', a: { surname: 'Smith' }, b: {}, expected: 'missing' },
  { description: 'a surname that repeats the forename (one name in both fields) is missing', a: { forename: 'Ann', surname: 'Ann' }, b: { forename: 'Ann', surname: 'Whitham' }, expected: 'missing' },
  { description: 'so is a pair of such records: the repeated name is no family name', a: { forename: 'Ann', surname: 'Ann' }, b: { forename: 'Ann', surname: 'ANN' }, expected: 'missing' },
  { description: 'exact', a: { surname: 'Smith' }, b: { surname: 'SMITH' }, expected: 'exact' },
  { description: "exact despite the apostrophe (O'Brien / OBRIEN)", a: { surname: "O'Brien" }, b: { surname: 'OBRIEN' }, expected: 'exact' },
  { description: 'exact: hyphen or space (Smith-Jones / Smith Jones)', a: { surname: 'Smith-Jones' }, b: { surname: 'Smith Jones' }, expected: 'exact' },
  { description: 'part of a double-barrelled name (Cartwright-Bennett / Bennett)', a: { surname: 'Cartwright-Bennett' }, b: { surname: 'Bennett' }, expected: 'part of a double-barrelled name' },
  { description: 'previous surname when known', a: { surname: 'Jones', previousSurname: 'Smith' }, b: { surname: 'Smith' }, expected: 'previous surname' },
  { description: 'transliteration: Hussain / Hussein', a: { surname: 'Hussain' }, b: { surname: 'Hussein' }, expected: 'transliteration (Hussain / Hussein)' },
  { description: 'Jaro–Winkler ≥ 0.92: Thompson / Thomson', a: { surname: 'Thompson' }, b: { surname: 'Thomson' }, expected: 'Jaro–Winkler ≥ 0.92' },
  { description: 'Jaro–Winkler ≥ 0.85: Robertson / Robinson', a: { surname: 'Robertson' }, b: { surname: 'Robinson' }, expected: 'Jaro–Winkler ≥ 0.85' },
  { description: 'different', a: { surname: 'Smith' }, b: { surname: 'Patel' }, expected: 'different' },
]);

describe('forename/surname swapped', () => {
  it('realigns swapped names and scores them as agreeing', () => {
    const l = levels({ forename: 'Kelly', surname: 'Amelia' }, { forename: 'Amelia', surname: 'Kelly' });
    expect(l['forename/surname swapped']).toBe('swapped');
    expect(l.forename).toBe('exact');
    expect(l.surname).toBe('exact');
  });
  it('allows a keying error in a swapped name', () => {
    const l = levels({ forename: 'Harrison', surname: 'Capurso' }, { forename: 'Capurso', surname: 'Harrisson' });
    expect(l['forename/surname swapped']).toBe('swapped');
    expect(l.surname).toBe('exact');
  });
  it('is "not swapped" for ordinary pairs and "missing" when a name is missing', () => {
    expect(levels({ forename: 'John', surname: 'Smith' }, { forename: 'John', surname: 'Smith' })['forename/surname swapped']).toBe('not swapped');
    expect(levels({ forename: 'John', surname: 'Smith' }, { surname: 'Smith' })['forename/surname swapped']).toBe('missing');
  });
});

table('date of birth', [
  { description: 'missing', a: { dob: '1980-05-12' }, b: {}, expected: 'missing' },
  { description: 'placeholder 1900-01-01 counts as missing', a: { dob: '1900-01-01' }, b: { dob: '1900-01-01' }, expected: 'missing' },
  { description: 'a year alone agreeing with a full date\'s year', a: { dob: '1843-05-02' }, b: { dobYear: 1843 }, expected: 'same year, one given as a year only' },
  { description: 'two years alone agreeing', a: { dobYear: 1790 }, b: { dobYear: 1790 }, expected: 'same year, one given as a year only' },
  { description: 'a year alone one out (an age given before the birthday) is neutral', a: { dob: '1843-05-02' }, b: { dobYear: 1842 }, expected: 'missing' },
  { description: 'a year alone further out is different', a: { dob: '1843-05-02' }, b: { dobYear: 1845 }, expected: 'different' },
  { description: 'a year alone against no date at all, or a placeholder, is missing', a: { dob: '1900-01-01' }, b: { dobYear: 1900 }, expected: 'missing' },
  { description: 'a year alone is never read where the full date is given', a: { dob: '1843-05-02', dobYear: 1870 }, b: { dob: '1843-05-02' }, expected: 'exact' },
  // an age at an event for a blank date of birth: aged 9 on 12 June 2024 is born 13 June 2014 – 12 June 2015
  { description: 'an age against a date of birth inside the year it allows agrees, though the likelier calendar year (2014) is one out', a: { dob: '2015-03-23' }, b: { dobYear: 2014, bornBy: '2015-06-12' }, expected: 'same year, one given as a year only' },
  { description: 'an age against a date just outside the year it allows is no evidence', a: { dob: '2014-05-01' }, b: { dobYear: 2014, bornBy: '2015-06-12' }, expected: 'missing' },
  { description: 'an age against a date more than a year outside it is different', a: { dob: '2012-03-23' }, b: { dobYear: 2014, bornBy: '2015-06-12' }, expected: 'different' },
  { description: 'a year a keying error of the full date apart (1964 keyed 1946) is no evidence', a: { dob: '1946-01-18' }, b: { dobYear: 1964 }, expected: 'missing' },
  { description: 'exact', a: { dob: '1980-05-12' }, b: { dob: '1980-05-12' }, expected: 'exact' },
  { description: 'exact on 1 January weighs as a possible placeholder', a: { dob: '1975-01-01' }, b: { dob: '1975-01-01' }, expected: 'exact, 1 January (often a placeholder)' },
  { description: 'day and month swapped', a: { dob: '2015-04-09' }, b: { dob: '2015-09-04' }, expected: 'day and month swapped' },
  { description: 'one digit different', a: { dob: '1980-05-12' }, b: { dob: '1980-05-13' }, expected: 'one digit different' },
  { description: 'adjacent digits transposed (1985 / 1958)', a: { dob: '1985-03-12' }, b: { dob: '1958-03-12' }, expected: 'one digit different' },
  { description: 'a two-digit year keyed with its digits swapped and read in the other century (2015 keyed "51": 1951)', a: { dob: '2015-10-18' }, b: { dob: '1951-10-18' }, expected: 'one digit different' },
  { description: 'a two-digit year read in the wrong century (1915 / 2015)', a: { dob: '1915-09-13' }, b: { dob: '2015-09-13' }, expected: 'one digit different' },
  { description: 'years whose last digits are swapped but another day are different dates', a: { dob: '2015-10-18' }, b: { dob: '1951-10-19' }, expected: 'different' },
  { description: 'within a month', a: { dob: '2000-01-30' }, b: { dob: '2000-02-14' }, expected: 'within a month' },
  { description: 'same year', a: { dob: '2000-01-30' }, b: { dob: '2000-08-14' }, expected: 'same year' },
  { description: 'a year apart on the same birthday (a year from an age: 1809 / 1810)', a: { dob: '1809-02-01' }, b: { dob: '1810-02-01' }, expected: 'a year apart, birthday within a month' },
  { description: 'a year apart, birthday within a month', a: { dob: '1813-12-01' }, b: { dob: '1814-12-03' }, expected: 'a year apart, birthday within a month' },
  { description: 'a year apart, birthdays months apart, is different', a: { dob: '1813-12-01' }, b: { dob: '1814-06-03' }, expected: 'different' },
  { description: 'two years apart on the same birthday is different', a: { dob: '1809-02-01' }, b: { dob: '1811-02-01' }, expected: 'different' },
  { description: 'different', a: { dob: '1980-05-12' }, b: { dob: '1992-11-03' }, expected: 'different' },
]);

table('sex', [
  { description: 'missing', a: { sex: 'M' }, b: {}, expected: 'missing' },
  { description: 'stated unknown is missing', a: { sex: 'U' }, b: { sex: 'F' }, expected: 'missing' },
  { description: 'same', a: { sex: 'F' }, b: { sex: 'F' }, expected: 'same' },
  { description: 'different', a: { sex: 'F' }, b: { sex: 'M' }, expected: 'different' },
]);

table('postcode', [
  { description: 'missing', a: { postcode: 'S60 1AB' }, b: {}, expected: 'missing' },
  { description: 'full postcode', a: { postcode: 'S60 1AB' }, b: { postcode: 'S60 1AB' }, expected: 'full postcode' },
  { description: 'full postcode from the raw cell (no space, lower case)', a: { postcode: 'S60 1AB' }, b: { postcodeRaw: 's601ab' }, expected: 'full postcode' },
  { description: 'full postcode read from the address text', a: { postcode: 'S65 9LA' }, b: { address: '11 BADGERBY LANE, WEXTHORPE, S65 9LA' }, expected: 'full postcode' },
  { description: 'same sector', a: { postcode: 'S60 1AB' }, b: { postcode: 'S60 1ZZ' }, expected: 'same sector' },
  { description: 'same district', a: { postcode: 'S60 1AB' }, b: { postcode: 'S60 7ZZ' }, expected: 'same district' },
  { description: 'non-UK codes one character apart (FEBRL)', a: { postcodeRaw: '4223' }, b: { postcodeRaw: '4233' }, expected: 'one character different' },
  { description: 'different', a: { postcode: 'S60 1AB' }, b: { postcode: 'DN1 2CD' }, expected: 'different' },
]);

table('address', [
  { description: 'missing', a: { address: '4 Birch Rise' }, b: {}, expected: 'missing' },
  { description: 'same UPRN', a: { uprn: '100050036989', address: '17 Glover Street' }, b: { uprn: '100050036989' }, expected: 'same UPRN' },
  { description: 'different UPRNs are different homes', a: { uprn: '100050036989', address: '17 Glover St' }, b: { uprn: '100050036990', address: '17 Glover Street' }, expected: 'different' },
  { description: 'same flat, number and street (abbreviations expanded)', a: { address: 'Flat 2, 14 Acacia Rd, Wexthorpe' }, b: { address: 'FLAT 2 14 ACACIA ROAD' }, expected: 'same flat, number and street' },
  { description: 'same number and street, street with a keying error', a: { address: '14 Acacia Road' }, b: { address: '14 Acacai Road, Wexthorpe' }, expected: 'same flat, number and street' },
  { description: 'FEBRL layout: number in its own part', a: { address: '8, stanley street, miami' }, b: { address: '8 Stanley St' }, expected: 'same flat, number and street' },
  { description: 'same number and street, flat on one side only', a: { address: 'Flat 3, 29 Knollgate Close' }, b: { address: '29 Knollgate Close' }, expected: 'same number and street' },
  { description: 'different flats of one building are different homes', a: { address: 'Flat 3, 29 Knollgate Close' }, b: { address: 'Flat 4, 29 Knollgate Close' }, expected: 'different' },
  { description: 'most words shared (named house)', a: { address: 'Rose Cottage, Mill Lane, Askerby' }, b: { address: 'Rose Cottage, Mill Lane' }, expected: 'most words shared' },
  { description: 'different house numbers in one street', a: { address: '13 Fernwood Street, Askerby' }, b: { address: '15 Fernwood Street, Askerby' }, expected: 'different' },
  { description: 'different', a: { address: '13 Fernwood Street' }, b: { address: '2 Kestrelbank Court' }, expected: 'different' },
  // one postcode holds several blocks, each with a flat 9: a door alone names no home
  { description: 'a door without its street is no address', a: { address: 'Flat 9', postcode: 'S65 2RB' }, b: { address: 'Flat 9', postcode: 'S65 2RB' }, expected: 'missing' },
  { description: 'a house number without its street is no address', a: { address: '14' }, b: { address: '14, Wexthorpe' }, expected: 'missing' },
  { description: 'a door in a named building is an address', a: { address: 'Flat 9 Priestley House, Halifax' }, b: { address: 'FLAT 9 PRIESTLEY HOUSE' }, expected: 'most words shared' },
  // the building after a comma was once read as the town, leaving a door alone
  { description: 'a door in a named building is an address, the building after a comma', a: { address: 'Flat 9, Priestley House', postcode: 'S65 2RB' }, b: { address: 'FLAT 9 PRIESTLEY HOUSE' }, expected: 'most words shared' },
]);

for (const [name, field] of [
  ['NHS number', 'nhsNumber'],
  ['UPN', 'upn'],
] as const) {
  table(name, [
    { description: 'missing (or invalid, which the loader drops)', a: { [field]: 'X1' }, b: {}, expected: 'missing or invalid' },
    { description: 'both valid and equal', a: { [field]: 'X1' }, b: { [field]: 'X1' }, expected: 'both valid and equal' },
    { description: 'both valid, different', a: { [field]: 'X1' }, b: { [field]: 'X2' }, expected: 'both valid, different' },
  ]);
}

// a NINO has no check digit: a keying error makes another valid NINO, so near values are a likely typo
table('National Insurance number', [
  { description: 'missing (or invalid, which the loader drops)', a: { nino: 'AB123456C' }, b: {}, expected: 'missing or invalid' },
  { description: 'both valid and equal', a: { nino: 'AB123456C' }, b: { nino: 'AB123456C' }, expected: 'both valid and equal' },
  { description: 'one digit different', a: { nino: 'AB123456C' }, b: { nino: 'AB123457C' }, expected: 'one or two characters different' },
  { description: 'two digits swapped', a: { nino: 'AB123456C' }, b: { nino: 'AB123465C' }, expected: 'one or two characters different' },
  { description: 'three characters different', a: { nino: 'AB123456C' }, b: { nino: 'AB129856D' }, expected: 'both valid, different' },
  { description: 'different', a: { nino: 'AB123456C' }, b: { nino: 'JK987654A' }, expected: 'both valid, different' },
]);

table('other national identifier', [
  { description: 'missing', a: { otherId: '5304218' }, b: {}, expected: 'missing' },
  { description: 'a repeated digit is a stand-in, not a number', a: { otherId: '0000000' }, b: { otherId: '0000000' }, expected: 'missing' },
  { description: 'no digit at all is a stand-in', a: { otherId: 'UNKNOWN' }, b: { otherId: 'UNKNOWN' }, expected: 'missing' },
  { description: 'too short to identify anyone', a: { otherId: '12' }, b: { otherId: '12' }, expected: 'missing' },
  { description: 'equal', a: { otherId: '5304218' }, b: { otherId: '5304218' }, expected: 'equal' },
  { description: 'equal with letters (as normalised on import)', a: { otherId: 'AB123456' }, b: { otherId: 'AB123456' }, expected: 'equal' },
  { description: 'one digit different', a: { otherId: '5304218' }, b: { otherId: '5304278' }, expected: 'one character different or two swapped' },
  { description: 'two adjacent digits swapped', a: { otherId: '5304218' }, b: { otherId: '5302418' }, expected: 'one character different or two swapped' },
  { description: 'one digit dropped', a: { otherId: '5304218' }, b: { otherId: '530218' }, expected: 'one character different or two swapped' },
  { description: 'two digits different', a: { otherId: '5304218' }, b: { otherId: '5384278' }, expected: 'different' },
  { description: 'different', a: { otherId: '5304218' }, b: { otherId: '4066625' }, expected: 'different' },
]);

describe('agency references', () => {
  it('are never compared: equal references add no comparison and no weight', () => {
    const l = levels({ agencyRef: 'rec-1', forename: 'Ann' }, { agencyRef: 'rec-1', forename: 'Bob' });
    expect(Object.keys(l)).not.toContain('agency reference');
    expect(spec.comparisons.some((c) => /agency|reference/i.test(c.name))).toBe(false);
    expect(l['other national identifier']).toBe('missing');
  });
});
