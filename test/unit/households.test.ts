import { describe, expect, it } from 'vitest';
import { Evidence, buildHouseholds, buildHouseholdsDetailed, householdAddress } from '../../electron/engine/link/households/index.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { sexOfTitle } from '../../electron/engine/link/households/title-sex.js';
import { fillSexFromForenames } from '../../electron/engine/link/households/forename-sex.js';
import { blankLinkRecord } from '../helpers/link-record.js';

// A record as the household stage sees it: `who` names the person (perfect person matching).
type Rec = Partial<LinkRecord> & { who: string };

let nextId = 1;
function record(r: Rec): LinkRecord {
  return { ...blankLinkRecord(nextId++), forename: r.who, ...r };
}

const SCHOOL = { sourceId: 1, sourceKind: 'school' } as const;
const POLICE = { sourceId: 2, sourceKind: 'police' } as const;
const BENEFITS = { sourceId: 3, sourceKind: 'benefits' } as const;
const HOUSING = { sourceId: 4, sourceKind: 'housing', asOf: '2026-01-10' } as const;
/** the same partner's housing extract a month later */
const HOUSING2 = { sourceId: 6, sourceKind: 'housing', asOf: '2026-02-10' } as const;
const HEALTH = { sourceId: 5, sourceKind: 'health' } as const;

/** Runs the stage on records and returns the households as sorted groups of names. */
function households(recs: Rec[]): string[][] {
  const records = recs.map(record);
  const index = new Map<string, number>();
  const personOf = Int32Array.from(records.map((_, i) => {
    const who = recs[i]!.who;
    if (!index.has(who)) index.set(who, index.size);
    return index.get(who)!;
  }));
  const result = buildHouseholds(records, { personOf, personCount: index.size });
  expect(result.householdOfPerson).toHaveLength(index.size);
  const groups = new Map<number, string[]>();
  for (const [who, p] of index) {
    const h = result.householdOfPerson[p]!;
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(result.householdCount);
    groups.set(h, [...(groups.get(h) ?? []), who]);
  }
  expect(groups.size).toBe(result.householdCount);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

const sorted = (groups: string[][]): string[][] => groups.map((g) => [...g].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));

interface Scenario {
  rule: string;
  records: Rec[];
  expected: string[][];
}

const scenarios: Scenario[] = [
  {
    rule: 'people at one address (same UPRN or the same address written differently) are one household',
    records: [
      { who: 'kid', ...SCHOOL, surname: 'Hughes', dob: '2015-02-01', address: 'Flat 1, 37 Yewwell Close, Askerby', postcode: 'S66 8XF' },
      { who: 'dad', ...POLICE, surname: 'HUGHES', dob: '1984-01-01', address: 'FLAT 1 37 YEWWELL CL, ASKERBY, S66 8XF', eventDate: '2025-02-22' },
      { who: 'mum', ...HOUSING, surname: 'Hughes', dob: '1988-01-01', address: 'Flat 1, 37 Yewwell Close, Askerby', postcode: 'S66 8XF', uprn: '100050131307' },
      { who: 'dad', ...HOUSING, surname: 'Hughes', dob: '1984-01-01', address: 'Flat 1, 37 Yewwel Close, Askerby', postcode: 'S66 8XF', uprn: '100050131307' },
    ],
    expected: [['dad', 'kid', 'mum']],
  },
  {
    rule: 'one UPRN at two postcodes on two streets is two homes (a neighbouring gazetteer\'s number), but a postcode typo keeps one home',
    records: [
      { who: 'ann', ...HOUSING, surname: 'Hughes', dob: '1988-01-01', address: '4 Mill Lane, Askerby', postcode: 'S66 8XF', uprn: '100050000123' },
      { who: 'ann-kid', ...SCHOOL, surname: 'Hughes', dob: '2015-01-01', address: '4 Mill Lane, Askerby', postcode: 'S66 8XF', uprn: '100050000123' },
      { who: 'bob', ...HOUSING, surname: 'Patel', dob: '1980-01-01', address: '19 Crag Road, Thrawmoor', postcode: 'S62 4QT', uprn: '100050000123' },
      { who: 'bob-kid', ...SCHOOL, surname: 'Patel', dob: '2016-01-01', address: '19 Crag Road, Thrawmoor', postcode: 'S62 4QT' },
      { who: 'cal', ...HOUSING, surname: 'Reid', dob: '1979-01-01', address: '7 Ash Walk, Wexthorpe', postcode: 'S60 3AW', uprn: '100050000777' },
      { who: 'cal-kid', ...SCHOOL, surname: 'Reid', dob: '2014-01-01', address: '7 Ash Walk, Wexthorpe', postcode: 'S60 3WA', uprn: '100050000777' },
    ],
    expected: [['ann', 'ann-kid'], ['bob', 'bob-kid'], ['cal', 'cal-kid']],
  },
  {
    rule: 'a flat number distinguishes households in one building',
    records: [
      { who: 'a', ...SCHOOL, surname: 'Green', address: 'Flat 1, 10 High Street, Wexthorpe', postcode: 'S60 1AA' },
      { who: 'b', ...POLICE, surname: 'BLACK', address: 'FLAT 2 10 HIGH ST, WEXTHORPE, S60 1AA', eventDate: '2024-10-01' },
      { who: 'c', ...POLICE, surname: 'GREEN', address: 'FLAT 1 10 HIGH ST, WEXTHORPE, S60 1AA', eventDate: '2024-10-01' },
      { who: 'd', ...SCHOOL, surname: 'White', address: '10 High Street, Wexthorpe', postcode: 'S60 1AA' },
    ],
    expected: [['a', 'c'], ['b'], ['d']],
  },
  {
    rule: 'a move keeps the household: the same people on an ended and a new tenancy stay together, whichever is current',
    records: [
      { who: 'mum', ...HOUSING, surname: 'Wells', dob: '1987-01-01', agencyRef: 'TEN1', uprn: '1001', address: 'Flat 3, 16 Pinfold Street, Thrawmoor', postcode: 'S62 4FP' },
      { who: 'gran', ...HOUSING, surname: 'Wells', dob: '1950-01-01', agencyRef: 'TEN1', uprn: '1001', address: 'Flat 3, 16 Pinfold Street, Thrawmoor', postcode: 'S62 4FP' },
      { who: 'mum', ...HOUSING, surname: 'Wells', dob: '1987-01-01', agencyRef: 'TEN2', uprn: '2002', address: '26 Blackthorn Street, Wexthorpe', postcode: 'S60 5GJ' },
      { who: 'gran', ...HOUSING, surname: 'Wells', dob: '1950-01-01', agencyRef: 'TEN2', uprn: '2002', address: '26 Blackthorn Street, Wexthorpe', postcode: 'S60 5GJ' },
      { who: 'baby', ...HOUSING, surname: 'Wells', dob: '2024-06-01', agencyRef: 'TEN2', uprn: '2002', address: '26 Blackthorn Street, Wexthorpe', postcode: 'S60 5GJ' },
      { who: 'teen', ...SCHOOL, surname: 'Wells', dob: '2010-01-01', address: 'Flat 3, 16 Pinfold Street, Thrawmoor', postcode: 'S62 4FP' },
      { who: 'neighbour', ...SCHOOL, surname: 'Khan', dob: '2012-01-01', address: '28 Blackthorn Street, Wexthorpe', postcode: 'S60 5GJ' },
    ],
    expected: [['baby', 'gran', 'mum', 'teen'], ['neighbour']],
  },
  {
    rule: 'a family seen by name at two addresses moved, even when the person stage split them (two people of the same names)',
    records: [
      { who: 'george-old', ...HOUSING, surname: 'Briggs-Barnes', forename: 'George', dob: '2016-07-18', agencyRef: 'TEN21', uprn: '201', address: '13 Kestrel Court, Kelsworth', postcode: 'S26 3JW' },
      { who: 'olivia-old', ...HOUSING, surname: 'Briggs-Barnes', forename: 'Olivia', dob: null, agencyRef: 'TEN21', uprn: '201', address: '13 Kestrel Court, Kelsworth', postcode: 'S26 3JW' },
      { who: 'reece', ...HOUSING, surname: 'Barnes', forename: 'Reece', dob: '1985-01-01', agencyRef: 'TEN21', uprn: '201', address: '13 Kestrel Court, Kelsworth', postcode: 'S26 3JW' },
      { who: 'george-new', ...HOUSING, surname: 'Briggs-Barnes', forename: 'George', dob: null, agencyRef: 'TEN09', uprn: '301', address: '3 Ingsmoor Close, Thrawmoor', postcode: 'S62 6BS' },
      { who: 'olivia-new', ...SCHOOL, surname: 'Briggs-Barnes', forename: 'Olivia', dob: '2014-01-08', address: '3 Ingsmoor Close, Thrawmoor', postcode: 'S62 6BS' },
      { who: 'madison', ...HOUSING, surname: 'Briggs', forename: 'Madison', dob: '1987-01-01', agencyRef: 'TEN09', uprn: '301', address: '3 Ingsmoor Close, Thrawmoor', postcode: 'S62 6BS' },
      { who: 'jack', ...SCHOOL, surname: 'Smith', forename: 'Jack', dob: '2014-01-08', address: '5 Ingsmoor Close, Thrawmoor', postcode: 'S62 6BS' },
      { who: 'jack-2', ...SCHOOL, surname: 'Smith', forename: 'Jack', dob: '2014-01-08', address: '9 Kestrel Court, Kelsworth', postcode: 'S26 3JW' },
    ],
    expected: [['george-new', 'george-old', 'madison', 'olivia-new', 'olivia-old', 'reece'], ['jack'], ['jack-2']],
  },
  {
    rule: 'two families each on an open tenancy are two homes, even with two children of the same names (one without a birth date)',
    records: [
      // a lone mother's tenancy lists her children, of their father's surname, without birth dates
      { who: 'poppy', ...HOUSING, surname: 'Harris', forename: 'Poppy', dob: '2000-05-19', agencyRef: 'T30695', tenancyStart: '2016-05-15', address: '13 Ings Terrace, Halifax', postcode: 'HX3 1FR' },
      { who: 'julie-ings', ...HOUSING, surname: 'Ali', forename: 'Julie', dob: null, agencyRef: 'T30695', tenancyStart: '2016-05-15', address: '13 Ings Terrace, Halifax', postcode: 'HX3 1FR' },
      { who: 'aisha-ings', ...HOUSING, surname: 'Ali', forename: 'Aisha', dob: null, agencyRef: 'T30695', tenancyStart: '2016-05-15', address: '13 Ings Terrace, Halifax', postcode: 'HX3 1FR' },
      // across the borough, the Alis on their own tenancy: a mother Aisha and a daughter Julie
      { who: 'aisha-norton', ...HOUSING, surname: 'Ali', forename: 'Aisha', dob: '1984-10-19', agencyRef: 'T30923', tenancyStart: '2017-12-17', address: '17 Norton Drive, Brighouse', postcode: 'HX6 1PX' },
      { who: 'julie-norton', ...HOUSING, surname: 'Ali', forename: 'Julie', dob: '2008-03-10', agencyRef: 'T30923', tenancyStart: '2017-12-17', address: '17 Norton Drive, Brighouse', postcode: 'HX6 1PX' },
      { who: 'harry', ...SCHOOL, surname: 'Ali', forename: 'Harry', dob: '2009-02-17', address: '17 Norton Drive, Brighouse', postcode: 'HX6 1PX' },
    ],
    expected: [['aisha-ings', 'julie-ings', 'poppy'], ['aisha-norton', 'harry', 'julie-norton']],
  },
  {
    rule: 'children move with a parent: a child still recorded at the old address joins the parent seen later at the new one',
    records: [
      { who: 'mum', ...POLICE, surname: 'BAKER', dob: '1995-01-01', address: 'FLAT 1 5 MARLFIELD CL, WEXTHORPE, S60 9ZW', eventDate: '2024-04-13' },
      { who: 'mum', ...POLICE, surname: 'BAKER', dob: '1995-01-01', address: '5 GARTHDALE TERR, WEXTHORPE, S61 6DQ', eventDate: '2025-03-05' },
      { who: 'kid', ...SCHOOL, surname: 'Russell', dob: '2016-05-01', address: 'Flat 1, 5 Marlfield Close, Wexthorpe', postcode: 'S60 9ZW' },
    ],
    expected: [['kid', 'mum']],
  },
  {
    rule: 'someone who moved between two occupied homes goes where their latest dated record puts them',
    records: [
      { who: 'parent', ...HOUSING, surname: 'Hall', dob: '1975-01-01', address: '4 Oak Road, Wexthorpe', postcode: 'S60 2AB' },
      { who: 'sibling', ...SCHOOL, surname: 'Hall', dob: '2010-01-01', address: '4 Oak Road, Wexthorpe', postcode: 'S60 2AB' },
      { who: 'partner', ...HOUSING, surname: 'Ward', dob: '2001-01-01', address: '9 Elm Road, Wexthorpe', postcode: 'S60 3CD' },
      { who: 'mover', ...POLICE, surname: 'HALL', dob: '2003-01-01', address: '4 OAK ROAD, WEXTHORPE, S60 2AB', eventDate: '2024-05-01' },
      { who: 'mover', ...POLICE, surname: 'HALL', dob: '2003-01-01', address: '9 ELM ROAD, WEXTHORPE, S60 3CD', eventDate: '2025-02-01' },
    ],
    expected: [['mover', 'partner'], ['parent', 'sibling']],
  },
  {
    rule: 'a parent seen only in benefits (postcode, no address) joins the family sharing their surname and postcode',
    records: [
      { who: 'kid1', ...SCHOOL, surname: 'Cook', dob: '2017-04-01', sex: 'F', address: '16 Coney Hill, Askerby', postcode: 'S66 4BP' },
      { who: 'kid2', ...SCHOOL, surname: 'Cook', dob: '2013-04-01', sex: 'M', address: '16 Coney Hill, Askerby', postcode: 'S66 4BP' },
      { who: 'mum', ...BENEFITS, surname: 'COOK', dob: '1986-08-01', sex: 'F', postcode: 'S66 4BP', agencyRef: 'UC1', eventDate: '2022-06-13' },
      { who: 'other', ...SCHOOL, surname: 'Ahmed', dob: '2015-01-01', address: '18 Coney Hill, Askerby', postcode: 'S66 4BP' },
    ],
    expected: [['kid1', 'kid2', 'mum'], ['other']],
  },
  {
    rule: 'two unrelated families at one postcode stay apart, and a postcode-only parent joins the right one',
    records: [
      { who: 'jones-kid', ...SCHOOL, surname: 'Jones', dob: '2014-01-01', address: '1 Mill Lane, Kelsworth', postcode: 'S26 1AA' },
      { who: 'patel-kid', ...SCHOOL, surname: 'Patel', dob: '2015-01-01', address: '3 Mill Lane, Kelsworth', postcode: 'S26 1AA' },
      { who: 'patel-dad', ...HEALTH, surname: 'PATEL', dob: '1980-01-01', sex: 'M', postcode: 'S26 1AA', eventDate: '2024-09-01' },
      { who: 'jones-mum', ...BENEFITS, surname: 'JONES', dob: '1984-01-01', sex: 'F', postcode: 'S26 1AA', agencyRef: 'UC9', eventDate: '2023-01-01' },
    ],
    expected: [['jones-kid', 'jones-mum'], ['patel-dad', 'patel-kid']],
  },
  {
    rule: 'a postcode-only person does not join when two households at the postcode fit equally well',
    records: [
      { who: 'smith-a', ...SCHOOL, surname: 'Smith', dob: '2014-01-01', address: '1 Mill Lane, Kelsworth', postcode: 'S26 1AA' },
      { who: 'smith-b', ...SCHOOL, surname: 'Smith', dob: '2014-06-01', address: '7 Mill Lane, Kelsworth', postcode: 'S26 1AA' },
      { who: 'smith-adult', ...HEALTH, surname: 'SMITH', dob: '1984-01-01', sex: 'F', postcode: 'S26 1AA', eventDate: '2024-09-01' },
    ],
    expected: [['smith-a'], ['smith-adult'], ['smith-b']],
  },
  {
    rule: 'family shape decides between two same-surname households: a second mother does not join a family that has one',
    records: [
      { who: 'a-kid', ...SCHOOL, surname: 'Watson', dob: '2012-01-01', address: '3 Bracken Street, Wexthorpe', postcode: 'S61 3GY' },
      { who: 'a-mum', ...POLICE, surname: 'WATSON', dob: '1984-01-01', sex: 'F', address: '3 BRACKEN ST, WEXTHORPE, S61 3GY', eventDate: '2024-05-01' },
      { who: 'b-kid', ...SCHOOL, surname: 'Watson', dob: '2016-01-01', address: '6 Bracken Street, Wexthorpe', postcode: 'S61 3GY' },
      { who: 'b-mum', ...HEALTH, surname: 'WATSON', dob: '1990-01-01', sex: 'F', postcode: 'S61 3GY', eventDate: '2024-07-01' },
    ],
    expected: [['a-kid', 'a-mum'], ['b-kid', 'b-mum']],
  },
  {
    rule: 'parents carrying both halves of the children’s double-barrelled surname join them',
    records: [
      { who: 'kid1', ...SCHOOL, surname: 'Watson-Atkinson', dob: '2019-01-01', address: '6 Bracken Street, Wexthorpe', postcode: 'S61 3GY' },
      { who: 'kid2', ...SCHOOL, surname: 'Watson-Atkinson', dob: '2016-01-01', address: '6 Bracken Street, Wexthorpe', postcode: 'S61 3GY' },
      { who: 'other-kid', ...SCHOOL, surname: 'Watson', dob: '2011-01-01', address: '3 Bracken Street, Wexthorpe', postcode: 'S61 3GY' },
      { who: 'dad', ...BENEFITS, surname: 'ATKINSON', dob: '1998-01-01', sex: 'M', postcode: 'S61 3GY', agencyRef: 'UC7645', eventDate: '2025-01-20' },
      { who: 'mum', ...BENEFITS, surname: 'WATSON', dob: '1996-06-01', sex: 'F', postcode: 'S61 3GY', agencyRef: 'UC7645', eventDate: '2025-01-20' },
    ],
    expected: [['dad', 'kid1', 'kid2', 'mum'], ['other-kid']],
  },
  {
    rule: 'a feminine surname form matches the masculine one (HORVATHOVA / HORVATH, KOWALSKA / KOWALSKI)',
    records: [
      { who: 'son', ...SCHOOL, surname: 'Horváth', dob: '2014-01-01', address: '40 Cooper Street, Askerby', postcode: 'S66 6DB' },
      { who: 'mum', ...HEALTH, surname: 'HORVÁTHOVÁ', dob: '1985-01-01', sex: 'F', postcode: 'S66 6DB', eventDate: '2024-05-27' },
      { who: 'boy', ...SCHOOL, surname: 'Kowalski', dob: '2015-01-01', address: '2 Cooper Street, Askerby', postcode: 'S66 6DA' },
      { who: 'mother', ...BENEFITS, surname: 'KOWALSKA', dob: '1987-01-01', sex: 'F', postcode: 'S66 6DA', agencyRef: 'JSA1', eventDate: '2024-01-01' },
    ],
    expected: [['boy', 'mother'], ['mum', 'son']],
  },
  {
    rule: 'a mother whose previous surname is her children’s joins them',
    records: [
      { who: 'kid', ...SCHOOL, surname: 'Smith', dob: '2015-01-01', address: '5 Cedar Street, Askerby', postcode: 'S66 9ZJ' },
      { who: 'mum', ...BENEFITS, surname: 'STEPHENSON', previousSurname: 'SMITH', dob: '1988-01-01', sex: 'F', postcode: 'S66 9ZJ', agencyRef: 'UC14' },
      { who: 'stranger', ...BENEFITS, surname: 'STEPHENSON', dob: '1960-01-01', sex: 'M', postcode: 'S66 1AA', agencyRef: 'UC15' },
    ],
    expected: [['kid', 'mum'], ['stranger']],
  },
  {
    rule: 'a shared tenancy or claim reference groups people within one Source, even with different surnames',
    records: [
      { who: 'lee', ...BENEFITS, surname: 'WILLIAMS', dob: '1987-01-01', sex: 'M', postcode: 'S60 1ZD', agencyRef: 'UC82096490', eventDate: '2020-03-06' },
      { who: 'tracey', ...BENEFITS, surname: 'CHAMBERS', dob: '1988-01-01', sex: 'F', postcode: 'S60 1ZD', agencyRef: 'UC82096490', eventDate: '2020-03-06' },
      { who: 'ann', ...HOUSING, surname: 'Hill', dob: '1990-01-01', address: 'Flat 5, 51 Hollin Street, Thrawmoor', postcode: 'S63 6YN', agencyRef: 'TEN871589' },
      { who: 'bob', ...HOUSING, surname: 'Green', dob: '1991-01-01', address: null, postcode: 'S63 6YN', agencyRef: 'TEN871589' },
    ],
    expected: [['ann', 'bob'], ['lee', 'tracey']],
  },
  {
    rule: 'a reference never groups across Sources, nor people it would move away from their own addresses',
    records: [
      { who: 'claimant', ...BENEFITS, surname: 'SHAW', postcode: 'S60 1AA', agencyRef: 'X123' },
      { who: 'patient', ...HEALTH, surname: 'PATEL', postcode: 'S60 1AA', agencyRef: 'X123' },
      { who: 'victim', ...POLICE, surname: 'BROWN', address: '1 ASH ROAD, WEXTHORPE, S60 4AA', agencyRef: '14/1/24', eventDate: '2024-06-01' },
      { who: 'suspect', ...POLICE, surname: 'GREY', address: '9 ELM ROAD, WEXTHORPE, S61 2BB', agencyRef: '14/1/24', eventDate: '2024-06-01' },
    ],
    expected: [['claimant'], ['patient'], ['suspect'], ['victim']],
  },
  {
    rule: 'a pseudo-postcode (NHS ZZ99: no fixed abode) places no one',
    records: [
      { who: 'a', ...HEALTH, surname: 'SMITH', dob: '1980-01-01', postcode: 'ZZ99 3VZ' },
      { who: 'b', ...HEALTH, surname: 'SMITH', dob: '1990-01-01', postcode: 'ZZ99 3VZ' },
    ],
    expected: [['a'], ['b']],
  },
  {
    rule: 'postcode-only people with one surname at one postcode form a household; a lone adult stays alone',
    records: [
      { who: 'helena', ...HEALTH, surname: 'NOWAK', dob: '2001-01-01', sex: 'F', postcode: 'S66 2AP', eventDate: '2024-11-12' },
      { who: 'filip', ...HEALTH, surname: 'NOWAK', dob: '2002-01-01', sex: 'M', postcode: 'S66 2AP', eventDate: '2025-03-22' },
      { who: 'loner', ...HEALTH, surname: 'KEMP', dob: '1950-01-01', sex: 'M', postcode: 'S66 2AP', eventDate: '2025-01-02' },
      { who: 'solo', ...POLICE, surname: 'DEAN', dob: '1970-01-01', address: '8 ASH ROAD, WEXTHORPE, S60 4AA', eventDate: '2024-06-01' },
      { who: 'nowhere', ...HEALTH, surname: 'NOWAK', dob: '1999-01-01', sex: 'F', postcode: null, eventDate: '2025-01-02' },
    ],
    expected: [['filip', 'helena'], ['loner'], ['nowhere'], ['solo']],
  },
  {
    rule: 'two postcode-only neighbours who share a surname stay two households when their flat numbers differ',
    records: [
      { who: 'gary', ...HEALTH, surname: 'TURNER', dob: '1979-03-01', sex: 'M', postcode: 'S65 1QT', address: 'Flat 25', eventDate: '2024-11-12' },
      { who: 'dean', ...HEALTH, surname: 'TURNER', dob: '1981-06-01', sex: 'M', postcode: 'S65 1QT', address: 'Flat 31', eventDate: '2025-01-22' },
      { who: 'kim', ...HEALTH, surname: 'TURNER', dob: '1983-06-01', sex: 'F', postcode: 'S65 1QT', address: 'FLAT 25', eventDate: '2025-02-02' },
    ],
    expected: [['dean'], ['gary', 'kim']],
  },
  {
    rule: 'a postcode-only person recorded at another flat does not join the household at the postcode that shares their surname',
    records: [
      { who: 'kid', ...SCHOOL, surname: 'Turner', dob: '2014-02-01', sex: 'F', address: 'Flat 31, Kestrel House, 5 Mill Road, Wexthorpe', postcode: 'S65 1QT' },
      { who: 'mum', ...HOUSING, surname: 'Turner', dob: '1986-02-01', sex: 'F', address: 'Flat 31, Kestrel House, 5 Mill Road, Wexthorpe', postcode: 'S65 1QT' },
      { who: 'neighbour', ...HEALTH, surname: 'TURNER', dob: '1980-05-01', sex: 'M', postcode: 'S65 1QT', address: 'Flat 25', eventDate: '2025-01-22' },
      { who: 'dad', ...BENEFITS, surname: 'TURNER', dob: '1984-05-01', sex: 'M', postcode: 'S65 1QT', eventDate: '2025-01-22' },
    ],
    expected: [['dad', 'kid', 'mum'], ['neighbour']],
  },
  {
    rule: 'two families at one flat at different times (an ended tenancy, then a new one) are two households, and the family that left does not drag the newcomers to its new home',
    records: [
      // the Shaws' tenancy ended in May 2024; they moved to Crag Lane
      { who: 'amy', ...HOUSING, surname: 'Shaw', dob: '1985-02-01', sex: 'F', uprn: '3003', address: 'Flat 2, 9 Mill Row, Wexthorpe', postcode: 'S60 2MR', eventDate: '2016-04-01', tenancyStart: '2016-04-01', tenancyEnd: '2024-05-20' },
      { who: 'amy', ...HOUSING, surname: 'Shaw', dob: '1985-02-01', sex: 'F', uprn: '4004', address: '14 Crag Lane, Askerby', postcode: 'S66 1CL', eventDate: '2024-05-21', tenancyStart: '2024-05-21' },
      { who: 'ben', ...SCHOOL, surname: 'Shaw', dob: '2014-09-01', address: 'Flat 2, 9 Mill Row, Wexthorpe', postcode: 'S60 2MR', asOf: '2024-01-18' },
      // the Okafors came in August 2024 and are seen there since
      { who: 'ngozi', ...HOUSING, surname: 'Okafor', dob: '1990-07-01', sex: 'F', uprn: '3003', address: 'Flat 2, 9 Mill Row, Wexthorpe', postcode: 'S60 2MR', eventDate: '2024-08-05', tenancyStart: '2024-08-05' },
      { who: 'chidi', ...SCHOOL, surname: 'Okafor', dob: '2016-03-01', address: 'Flat 2, 9 Mill Row, Wexthorpe', postcode: 'S60 2MR', asOf: '2025-01-16' },
      { who: 'emeka', ...HEALTH, surname: 'OKAFOR', dob: '1988-01-01', address: 'FLAT 2 9 MILL ROW, WEXTHORPE, S60 2MR', eventDate: '2025-02-02' },
    ],
    expected: [['amy', 'ben'], ['chidi', 'emeka', 'ngozi']],
  },
  {
    rule: 'one family on an ended and a renewed tenancy at the same flat, seen there throughout, stays one household',
    records: [
      { who: 'jo', ...HOUSING, surname: 'Reid', dob: '1980-02-01', sex: 'F', uprn: '5005', address: '3 Ash Walk, Wexthorpe', postcode: 'S60 3AW', eventDate: '2015-01-01', tenancyStart: '2015-01-01', tenancyEnd: '2024-03-01' },
      { who: 'jo', ...HOUSING, surname: 'Reid', dob: '1980-02-01', sex: 'F', uprn: '5005', address: '3 Ash Walk, Wexthorpe', postcode: 'S60 3AW', eventDate: '2024-03-02', tenancyStart: '2024-03-02' },
      { who: 'sam', ...HOUSING, surname: 'Hill', dob: '1979-02-01', sex: 'M', uprn: '5005', address: '3 Ash Walk, Wexthorpe', postcode: 'S60 3AW', eventDate: '2024-03-02', tenancyStart: '2024-03-02' },
      { who: 'kit', ...SCHOOL, surname: 'Reid', dob: '2012-02-01', address: '3 Ash Walk, Wexthorpe', postcode: 'S60 3AW', asOf: '2024-01-18' },
    ],
    expected: [['jo', 'kit', 'sam']],
  },
  {
    rule: 'a grown-up son on his own new tenancy, still seen by the police at his parents’ flat, has left home: two tenancies that have not ended are two homes',
    records: [
      { who: 'richard', ...HOUSING, surname: 'Baker', dob: '1977-03-21', sex: 'M', agencyRef: 'T1', uprn: '7007', address: 'Flat 3, 38 Larkcroft Street, Thrawmoor', postcode: 'S62 7PG', eventDate: '2012-06-01', tenancyStart: '2012-06-01' },
      { who: 'hayley', ...HOUSING, surname: 'Baker', dob: '1979-09-17', sex: 'F', agencyRef: 'T1', uprn: '7007', address: 'Flat 3, 38 Larkcroft Street, Thrawmoor', postcode: 'S62 7PG', eventDate: '2012-06-01', tenancyStart: '2012-06-01' },
      { who: 'joshua', ...SCHOOL, surname: 'Baker', dob: '2010-05-04', address: 'Flat 3, 38 Larkcroft Street, Thrawmoor', postcode: 'S62 7PG' },
      { who: 'jacob', ...POLICE, surname: 'BAKER', dob: '2001-06-07', address: 'FLAT 3 38 LARKCROFT ST, THRAWMOOR, S62 7PG', eventDate: '2024-11-02' },
      { who: 'jacob', ...HOUSING, surname: 'Baker', dob: '2001-06-07', sex: 'M', agencyRef: 'T2', uprn: '8008', address: 'Flat 2, 24 Wellmoor View, Wexthorpe', postcode: 'S65 8NT', eventDate: '2024-07-15', tenancyStart: '2024-07-15' },
    ],
    expected: [['hayley', 'joshua', 'richard'], ['jacob']],
  },
  {
    rule: 'a name one letter from the family’s at its postcode, with nothing in the family’s shape for them, is a neighbour',
    records: [
      { who: 'zain', ...HOUSING, surname: 'Mahmood', dob: '1987-03-21', sex: 'M', uprn: '9009', address: 'Flat 2, 12 Heronroyd Grove, Kelsworth', postcode: 'S26 7PP', eventDate: '2019-02-01', tenancyStart: '2019-02-01' },
      { who: 'mariam', ...HOUSING, surname: 'Mahmood', dob: '1990-07-15', sex: 'F', uprn: '9009', address: 'Flat 2, 12 Heronroyd Grove, Kelsworth', postcode: 'S26 7PP', eventDate: '2019-02-01', tenancyStart: '2019-02-01' },
      { who: 'khadija', ...SCHOOL, surname: 'Mahmood', dob: '2013-03-19', address: 'Flat 2, 12 Heronroyd Grove, Kelsworth', postcode: 'S26 7PP' },
      { who: 'samuel', ...BENEFITS, surname: 'MAHMOUD', dob: '2000-04-14', sex: 'M', postcode: 'S26 7PP', eventDate: '2024-09-01' },
      { who: 'sajid', ...BENEFITS, surname: 'MAHMOD', dob: '1988-01-02', sex: 'M', postcode: 'S26 7PP', eventDate: '2024-10-01' },
      { who: 'sajid', ...HEALTH, surname: 'MAHMOD', dob: '1988-01-02', sex: 'M', postcode: 'S26 7PP', eventDate: '2024-11-01' },
    ],
    expected: [['khadija', 'mariam', 'zain'], ['sajid'], ['samuel']],
  },
  {
    rule: 'a postcode-only mother with another surname who moved with her children (both postcodes) joins them; a neighbour at one of them does not',
    records: [
      { who: 'isabella', ...SCHOOL, surname: 'Smith', dob: '2016-09-02', sex: 'F', address: '37 Rookcliffe Street, Thrawmoor', postcode: 'S62 3TZ' },
      { who: 'isabella', ...HEALTH, surname: 'SMITH', dob: '2016-09-02', sex: 'F', postcode: 'S62 1AB', eventDate: '2024-05-01' },
      { who: 'noah', ...SCHOOL, surname: 'Murphy', dob: '2012-05-20', sex: 'M', address: '37 Rookcliffe Street, Thrawmoor', postcode: 'S62 3TZ' },
      { who: 'courtney', ...BENEFITS, surname: 'TAYLOR', dob: '1988-09-01', sex: 'F', postcode: 'S62 1AB', agencyRef: 'UC5', eventDate: '2023-01-01' },
      { who: 'courtney', ...HEALTH, surname: 'TAYLOR', dob: '1988-09-01', sex: 'F', postcode: 'S62 3TZ', eventDate: '2024-11-01' },
      { who: 'neighbour', ...HEALTH, surname: 'PRICE', dob: '1984-02-11', sex: 'F', postcode: 'S62 3TZ', eventDate: '2024-10-01' },
      { who: 'old-neighbour', ...BENEFITS, surname: 'HALL', dob: '1982-06-30', sex: 'F', postcode: 'S62 1AB', agencyRef: 'UC7', eventDate: '2023-03-01' },
    ],
    expected: [['courtney', 'isabella', 'noah'], ['neighbour'], ['old-neighbour']],
  },
  {
    rule: 'a postcode-only adult sharing only a surname with an adults-only household of their generation stays apart; a child or a parent’s age would say more',
    records: [
      { who: 'craig', ...HOUSING, surname: 'Wright', dob: '1985-03-08', sex: 'M', address: '4 Siddal Terrace, Brighouse', postcode: 'HX3 1LE' },
      { who: 'jade', ...HOUSING, surname: 'Wright', dob: '1987-01-10', sex: 'F', address: '4 Siddal Terrace, Brighouse', postcode: 'HX3 1LE' },
      { who: 'neighbour', ...HEALTH, surname: 'WRIGHT', dob: '1990-05-20', sex: 'M', postcode: 'HX3 1LE', eventDate: '2024-10-01' },
      { who: 'kid', ...SCHOOL, surname: 'Lumb', dob: '2015-01-01', address: '9 Siddal Terrace, Brighouse', postcode: 'HX3 1LE' },
      { who: 'lumb-mum', ...BENEFITS, surname: 'LUMB', dob: '1988-02-01', sex: 'F', postcode: 'HX3 1LE', agencyRef: 'UC3', eventDate: '2024-01-01' },
      { who: 'grandad', ...HOUSING, surname: 'Binns', dob: '1950-01-01', sex: 'M', address: '11 Siddal Terrace, Brighouse', postcode: 'HX3 1LE' },
      { who: 'binns-son', ...HEALTH, surname: 'BINNS', dob: '1982-01-01', sex: 'M', postcode: 'HX3 1LE', eventDate: '2024-06-01' },
    ],
    expected: [['binns-son', 'grandad'], ['craig', 'jade'], ['kid', 'lumb-mum'], ['neighbour']],
  },
  {
    rule: 'an adult old enough to be the children’s grandparent does not count as the parent a family lacks where it has a parent of that sex',
    records: [
      // two Mahmood households at one postcode: a father and son, a mother and daughter
      { who: 'lewis', ...HOUSING, surname: 'Mahmood', dob: '1994-04-12', sex: 'M', address: 'Flat 18, 71 Elm Gardens, Sowerby Bridge', postcode: 'HX3 8LG' },
      { who: 'andrew', ...SCHOOL, surname: 'Mahmood', dob: '2017-01-22', sex: 'M', address: 'Flat 18, 71 Elm Gardens, Sowerby Bridge', postcode: 'HX3 8LG' },
      { who: 'susan', ...HOUSING, surname: 'Mahmood', dob: '1986-11-19', sex: 'F', address: '3 Elm Gardens, Sowerby Bridge', postcode: 'HX3 8LG' },
      { who: 'amira', ...SCHOOL, surname: 'Mahmood', dob: '2016-05-02', sex: 'F', address: '3 Elm Gardens, Sowerby Bridge', postcode: 'HX3 8LG' },
      // 24 years older than Lewis: his father, perhaps; Susan's partner, perhaps — not Lewis's rival
      { who: 'connor', ...HEALTH, surname: 'MAHMOOD', dob: '1970-01-11', sex: 'M', postcode: 'HX3 8LG', eventDate: '2024-05-17' },
    ],
    expected: [['amira', 'connor', 'susan'], ['andrew', 'lewis']],
  },
  {
    rule: 'a child listed undated at an old and a new address lives where a dated postcode-only record last saw them, not with the family who moved into the old one',
    records: [
      { who: 'joshua', ...SCHOOL, surname: 'Shaw', dob: '2013-11-11', address: '19 Ovenden Terrace, Sowerby Bridge', postcode: 'HX4 3HJ' },
      { who: 'joshua', ...SCHOOL, surname: 'Shaw', dob: '2013-11-11', address: '47 Brunswick Lane, Todmorden', postcode: 'HX3 7UU' },
      { who: 'joshua', ...HEALTH, surname: 'Shaw', dob: '2013-11-11', postcode: 'HX3 7UU', eventDate: '2024-11-02' },
      { who: 'isabella', ...SCHOOL, surname: 'Shaw', dob: '2019-05-19', address: '47 Brunswick Lane, Todmorden', postcode: 'HX3 7UU' },
      { who: 'mum', ...POLICE, surname: 'SHAW', dob: '1985-02-02', sex: 'F', address: '47 BRUNSWICK LANE, TODMORDEN, HX3 7UU', eventDate: '2024-06-01' },
      { who: 'logan', ...HOUSING, surname: 'Chaudhry', dob: '1968-11-29', sex: 'M', address: '19 Ovenden Terrace, Sowerby Bridge', postcode: 'HX4 3HJ', agencyRef: 'T31560', tenancyStart: '2024-11-26' },
      { who: 'ava', ...HOUSING, surname: 'Chaudhry', dob: '1970-07-26', sex: 'F', address: '19 Ovenden Terrace, Sowerby Bridge', postcode: 'HX4 3HJ', agencyRef: 'T31560', tenancyStart: '2024-11-26' },
    ],
    expected: [['ava', 'logan'], ['isabella', 'joshua', 'mum']],
  },
  {
    rule: 'a child listed undated at an old and a new home does not join the old home to the family whose open tenancy there they are not on',
    records: [
      { who: 'joshua', ...SCHOOL, surname: 'Shaw', dob: '2013-11-11', address: '19 Ovenden Terrace, Sowerby Bridge', postcode: 'HX4 3HJ' },
      { who: 'joshua', ...SCHOOL, surname: 'Shaw', dob: '2013-11-11', address: '47 Brunswick Lane, Todmorden', postcode: 'HX3 7UU' },
      { who: 'joshua', ...HEALTH, surname: 'Shaw', dob: '2013-11-11', postcode: 'HX3 7UU', eventDate: '2024-11-02' },
      { who: 'isabella', ...SCHOOL, surname: 'Shaw', dob: '2019-05-19', address: '47 Brunswick Lane, Todmorden', postcode: 'HX3 7UU' },
      { who: 'logan', ...HOUSING, surname: 'Chaudhry', dob: '1968-11-29', sex: 'M', address: '19 Ovenden Terrace, Sowerby Bridge', postcode: 'HX4 3HJ', agencyRef: 'T31560', tenancyStart: '2024-11-26' },
      { who: 'ava', ...HOUSING, surname: 'Chaudhry', dob: '1970-07-26', sex: 'F', address: '19 Ovenden Terrace, Sowerby Bridge', postcode: 'HX4 3HJ', agencyRef: 'T31560', tenancyStart: '2024-11-26' },
    ],
    expected: [['ava', 'logan'], ['isabella', 'joshua']],
  },
  {
    rule: 'a child listed undated at an old and a new home does not live at the old one once a tenancy they are not on began there after they were last seen at it',
    records: [
      { who: 'ali', ...SCHOOL, surname: 'Bibi', dob: '2016-04-20', address: 'Flat 21, Calder Court, 11 Sycamore Way, Todmorden', postcode: 'HX7 9RW' },
      { who: 'ali', ...SCHOOL, surname: 'Bibi', dob: '2016-04-20', address: '7 Mixenden Lane, Hebden Bridge', postcode: 'HX5 1FD' },
      // A&E saw him at the old postcode in September, before the new tenants' tenancy began
      { who: 'ali', ...HEALTH, surname: 'Bibi', dob: '2016-04-20', postcode: 'HX7 9RW', eventDate: '2024-09-05' },
      { who: 'mum', ...POLICE, surname: 'BIBI', dob: '1984-03-03', sex: 'F', address: '7 MIXENDEN LANE, HEBDEN BRIDGE, HX5 1FD', eventDate: '2024-06-01' },
      { who: 'jennifer', ...HOUSING, surname: 'Stewart', dob: '1986-04-27', sex: 'F', address: 'Flat 21, Calder Court, 11 Sycamore Way, Todmorden', postcode: 'HX7 9RW', agencyRef: 'T31582', tenancyStart: '2024-11-10' },
      { who: 'ella', ...HOUSING, surname: 'Kowalski', dob: '2022-01-22', sex: 'F', address: 'Flat 21, Calder Court, 11 Sycamore Way, Todmorden', postcode: 'HX7 9RW', agencyRef: 'T31582', tenancyStart: '2024-11-10' },
    ],
    expected: [['ali', 'mum'], ['ella', 'jennifer']],
  },
  {
    rule: 'a lettered house number is the flat of that letter ("6c" is "Flat C, 6"), not the house or its other flats',
    records: [
      { who: 'olivia', ...SCHOOL, surname: 'Dawson', dob: '2009-08-12', address: '6c Southowram View, Todmorden', postcode: 'HX7 5EB' },
      { who: 'michelle', ...HOUSING, surname: 'Exley', dob: '1991-01-30', address: 'Flat C, 6 Southowram View, Todmorden', postcode: 'HX7 5EB' },
      { who: 'downstairs', ...HOUSING, surname: 'Akhtar', dob: '1970-01-01', address: '6A Southowram View, Todmorden', postcode: 'HX7 5EB' },
      { who: 'house', ...HOUSING, surname: 'Pollard', dob: '1960-01-01', address: '6 Southowram View, Todmorden', postcode: 'HX7 5EB' },
    ],
    expected: [['downstairs'], ['house'], ['michelle', 'olivia']],
  },
  {
    rule: 'a postcode-only adult who would be a second grown-up of their sex and generation in a family, with only the surname for it, stays apart; a grandparent still joins',
    records: [
      { who: 'dad', ...HOUSING, surname: 'Turner', dob: '1980-04-02', sex: 'M', address: '31 Elland Road, Halifax', postcode: 'HX1 2PQ' },
      { who: 'mum', ...HOUSING, surname: 'Turner', dob: '1982-09-14', sex: 'F', address: '31 Elland Road, Halifax', postcode: 'HX1 2PQ' },
      { who: 'teen', ...SCHOOL, surname: 'Turner', dob: '2009-01-20', sex: 'F', address: '31 Elland Road, Halifax', postcode: 'HX1 2PQ' },
      { who: 'neighbour', ...HEALTH, surname: 'TURNER', dob: '1995-07-07', sex: 'M', postcode: 'HX1 2PQ', eventDate: '2024-10-01' },
      { who: 'grandad', ...HEALTH, surname: 'TURNER', dob: '1950-03-03', sex: 'M', postcode: 'HX1 2PQ', eventDate: '2024-11-01' },
      // both sides postcode-only: a claimant couple and a man of their generation and surname
      { who: 'lee', ...BENEFITS, surname: 'HOLT', title: 'Mr', dob: '1984-05-05', postcode: 'HX2 7RB', agencyRef: 'C7', eventDate: '2024-01-01' },
      { who: 'gemma', ...BENEFITS, surname: 'HOLT', title: 'Mrs', dob: '1986-06-06', postcode: 'HX2 7RB', agencyRef: 'C7', eventDate: '2024-01-01' },
      { who: 'other-holt', ...HEALTH, surname: 'HOLT', dob: '1979-02-02', sex: 'M', postcode: 'HX2 7RB', eventDate: '2024-09-01' },
    ],
    expected: [['dad', 'grandad', 'mum', 'teen'], ['gemma', 'lee'], ['neighbour'], ['other-holt']],
  },
  {
    rule: 'a forename says the sex a police extract leaves out, as the other records with that forename teach it: a Kayleigh of the mother’s generation is a second mother, not one more namesake',
    records: [
      { who: 'dad', ...HOUSING, surname: 'Turner', dob: '1980-04-02', sex: 'M', address: '31 Elland Road, Halifax', postcode: 'HX1 2PQ' },
      { who: 'mum', ...HOUSING, surname: 'Turner', dob: '1982-09-14', sex: 'F', address: '31 Elland Road, Halifax', postcode: 'HX1 2PQ' },
      { who: 'teen', ...SCHOOL, surname: 'Turner', dob: '2009-01-20', sex: 'F', address: '31 Elland Road, Halifax', postcode: 'HX1 2PQ' },
      // no sex recorded, no title
      { who: 'kayleigh', forename: 'Kayleigh', ...POLICE, surname: 'TURNER', dob: '1984-07-07', postcode: 'HX1 2PQ', eventDate: '2024-10-01' },
      // five other Kayleighs in the extracts, every one recorded female
      ...['Ashworth', 'Begum', 'Clarke', 'Dawson', 'Ellis'].map((surname, i) => ({ who: `k${i}`, forename: 'Kayleigh', ...HEALTH, surname, sex: 'F' as const, dob: `199${i}-01-01`, postcode: `HX9 ${i}AA`, eventDate: '2024-09-01' })),
    ],
    expected: [['dad', 'mum', 'teen'], ['k0'], ['k1'], ['k2'], ['k3'], ['k4'], ['kayleigh']],
  },
  {
    rule: 'a title says the sex a benefits extract leaves out: a claimant couple (Mr, Mrs) of an age to parent the children joins them, not the neighbours of their surname',
    records: [
      { who: 'mason', ...SCHOOL, surname: 'Rushworth', dob: '2015-06-25', sex: 'M', address: '12 Horton Avenue, Sowerby Bridge', postcode: 'HX7 4TU' },
      { who: 'logan', ...SCHOOL, surname: 'Rushworth', dob: '2016-11-17', sex: 'M', address: '12 Horton Avenue, Sowerby Bridge', postcode: 'HX7 4TU' },
      { who: 'darren', ...BENEFITS, surname: 'RUSHWORTH', title: 'Mr', dob: '1996-08-02', postcode: 'HX7 4TU', agencyRef: 'C700360', eventDate: '2022-08-27' },
      { who: 'louise', ...BENEFITS, surname: 'RUSHWORTH', title: 'Mrs', dob: '1997-07-03', postcode: 'HX7 4TU', agencyRef: 'C700360', eventDate: '2022-08-27' },
      { who: 'joanne', ...HOUSING, surname: 'Rushworth', dob: '1974-11-28', sex: 'F', address: 'Flat 4, 18 Horton Avenue, Sowerby Bridge', postcode: 'HX7 4TU' },
      { who: 'oliver', ...HOUSING, surname: 'Rushworth', dob: '1998-07-18', sex: 'M', address: 'Flat 4, 18 Horton Avenue, Sowerby Bridge', postcode: 'HX7 4TU' },
      { who: 'inaya', ...HOUSING, surname: 'Rushworth', dob: '1998-10-21', sex: 'F', address: 'Flat 4, 18 Horton Avenue, Sowerby Bridge', postcode: 'HX7 4TU' },
      { who: 'poppy', ...HOUSING, surname: 'Rushworth', dob: '2008-06-25', sex: 'F', address: 'Flat 4, 18 Horton Avenue, Sowerby Bridge', postcode: 'HX7 4TU' },
    ],
    expected: [['darren', 'logan', 'louise', 'mason'], ['inaya', 'joanne', 'oliver', 'poppy']],
  },
  {
    rule: "a tenancy last month's extract showed open and this month's shows ended is ended: the family moved, one household at the new home",
    records: [
      // last month's housing extract: the tenancy at the old flat, open
      { who: 'mum', ...HOUSING, surname: 'Hirst', forename: 'Donna', dob: '1986-02-03', agencyRef: 'T30100', tenancyStart: '2019-03-01', address: 'Flat 2, 8 Mill Lane, Halifax', postcode: 'HX1 2AB' },
      { who: 'kid', ...HOUSING, surname: 'Hirst', forename: 'Kai', dob: '2014-06-07', agencyRef: 'T30100', tenancyStart: '2019-03-01', address: 'Flat 2, 8 Mill Lane, Halifax', postcode: 'HX1 2AB' },
      // this month's: the same tenancy ended, and their new one
      { who: 'mum', ...HOUSING2, surname: 'Hirst', forename: 'Donna', dob: '1986-02-03', agencyRef: 'T30100', tenancyStart: '2019-03-01', tenancyEnd: '2025-04-20', address: 'Flat 2, 8 Mill Lane, Halifax', postcode: 'HX1 2AB' },
      { who: 'kid', ...HOUSING2, surname: 'Hirst', forename: 'Kai', dob: '2014-06-07', agencyRef: 'T30100', tenancyStart: '2019-03-01', tenancyEnd: '2025-04-20', address: 'Flat 2, 8 Mill Lane, Halifax', postcode: 'HX1 2AB' },
      { who: 'mum', ...HOUSING2, surname: 'Hirst', forename: 'Donna', dob: '1986-02-03', agencyRef: 'T31000', tenancyStart: '2025-04-20', address: '14 Beech Grove, Elland', postcode: 'HX5 9QT' },
      { who: 'kid', ...HOUSING2, surname: 'Hirst', forename: 'Kai', dob: '2014-06-07', agencyRef: 'T31000', tenancyStart: '2025-04-20', address: '14 Beech Grove, Elland', postcode: 'HX5 9QT' },
      // the school census, both months, still at the old flat
      { who: 'kid', ...SCHOOL, surname: 'Hirst', forename: 'Kai', dob: '2014-06-07', address: 'Flat 2, 8 Mill Lane, Halifax', postcode: 'HX1 2AB' },
      // the family that took the old flat over
      { who: 'newcomer', ...HOUSING2, surname: 'Nowak', forename: 'Julia', dob: '1990-01-01', agencyRef: 'T31001', tenancyStart: '2025-05-02', address: 'Flat 2, 8 Mill Lane, Halifax', postcode: 'HX1 2AB' },
    ],
    expected: [['kid', 'mum'], ['newcomer']],
  },
  {
    rule: "a tenancy last month's extract showed open and this month's shows ended is not an open tenancy: the family that moved is one, children split by the person stage too",
    records: [
      // last month: the tenancy open, the children without birth dates
      { who: 'lena', ...HOUSING, surname: 'Stansfield', forename: 'Lena', dob: '2002-09-27', agencyRef: 'T30658', tenancyStart: '2024-10-14', address: 'Flat 17, 60 Sowerby Crescent, Brighouse', postcode: 'HX2 3WQ' },
      { who: 'aisha-old', ...HOUSING, surname: 'Bairstow', forename: 'Aisha', dob: null, agencyRef: 'T30658', tenancyStart: '2024-10-14', address: 'Flat 17, 60 Sowerby Crescent, Brighouse', postcode: 'HX2 3WQ' },
      { who: 'abigail-old', ...HOUSING, surname: 'Bairstow', forename: 'Abigail', dob: null, agencyRef: 'T30658', tenancyStart: '2024-10-14', address: 'Flat 17, 60 Sowerby Crescent, Brighouse', postcode: 'HX2 3WQ' },
      // this month: the same tenancy ended, and the new one
      { who: 'lena', ...HOUSING2, surname: 'Stansfield', forename: 'Lena', dob: '2002-09-27', agencyRef: 'T30658', tenancyStart: '2024-10-14', tenancyEnd: '2025-04-01', address: 'Flat 17, 60 Sowerby Crescent, Brighouse', postcode: 'HX2 3WQ' },
      { who: 'aisha-old', ...HOUSING2, surname: 'Bairstow', forename: 'Aisha', dob: null, agencyRef: 'T30658', tenancyStart: '2024-10-14', tenancyEnd: '2025-04-01', address: 'Flat 17, 60 Sowerby Crescent, Brighouse', postcode: 'HX2 3WQ' },
      { who: 'abigail-old', ...HOUSING2, surname: 'Bairstow', forename: 'Abigail', dob: null, agencyRef: 'T30658', tenancyStart: '2024-10-14', tenancyEnd: '2025-04-01', address: 'Flat 17, 60 Sowerby Crescent, Brighouse', postcode: 'HX2 3WQ' },
      { who: 'lena', ...HOUSING2, surname: 'Stansfield', forename: 'Lena', dob: '2002-09-27', agencyRef: 'T31008', tenancyStart: '2025-04-01', address: '48 Stanley Place, Halifax', postcode: 'HX6 2RN' },
      { who: 'aisha-new', ...HOUSING2, surname: 'Bairstow', forename: 'Aisha', dob: '2025-01-22', agencyRef: 'T31008', tenancyStart: '2025-04-01', address: '48 Stanley Place, Halifax', postcode: 'HX6 2RN' },
      { who: 'abigail-new', ...HOUSING2, surname: 'Bairstow', forename: 'Abigail', dob: null, agencyRef: 'T31008', tenancyStart: '2025-04-01', address: '48 Stanley Place, Halifax', postcode: 'HX6 2RN' },
    ],
    expected: [['abigail-new', 'abigail-old', 'aisha-new', 'aisha-old', 'lena']],
  },
  {
    rule: 'a tenancy names its household: a postcode-only namesake not on it joins only as a parent the children lack, while a family seen without a tenancy still takes them',
    records: [
      // a family on an open tenancy; a young man of their surname seen only by A&E at the postcode
      { who: 'karen', ...HOUSING, surname: 'Booth', dob: '1984-03-09', sex: 'F', agencyRef: 'T40001', tenancyStart: '2018-06-01', address: '7 Calder Street, Elland', postcode: 'HX5 0AB' },
      { who: 'jack', ...HOUSING, surname: 'Booth', dob: '2010-05-12', sex: 'M', agencyRef: 'T40001', tenancyStart: '2018-06-01', address: '7 Calder Street, Elland', postcode: 'HX5 0AB' },
      { who: 'amy', ...HOUSING, surname: 'Booth', dob: '2013-11-30', sex: 'F', agencyRef: 'T40001', tenancyStart: '2018-06-01', address: '7 Calder Street, Elland', postcode: 'HX5 0AB' },
      { who: 'ryan', ...HEALTH, surname: 'BOOTH', dob: '2003-02-14', sex: 'M', postcode: 'HX5 0AB', eventDate: '2024-09-01' },
      // the children's father, not on the tenancy either, but of an age to be the parent it lacks
      { who: 'wayne', ...BENEFITS, surname: 'BOOTH', title: 'Mr', dob: '1982-01-20', postcode: 'HX5 0AB', eventDate: '2024-05-01' },
      // the same shape of family seen only by the school and the police: nothing lists its members
      { who: 'lisa', ...POLICE, surname: 'SHAW', dob: '1984-03-09', sex: 'F', address: '9 Mill Row, Elland', postcode: 'HX5 0CD', eventDate: '2024-03-03' },
      { who: 'tom', ...SCHOOL, surname: 'Shaw', dob: '2010-05-12', sex: 'M', address: '9 Mill Row, Elland', postcode: 'HX5 0CD' },
      { who: 'dean', ...HEALTH, surname: 'SHAW', dob: '2003-02-14', sex: 'M', postcode: 'HX5 0CD', eventDate: '2024-09-01' },
    ],
    expected: [['amy', 'jack', 'karen', 'wayne'], ['dean', 'lisa', 'tom'], ['ryan']],
  },
  {
    rule: 'a postcode-only child goes with the postcode-only namesake of an age to be their parent, not into a household that has parents of its own; the same child split by the person stage does not wait',
    records: [
      // the Hussains at flat 2, both parents seen there
      { who: 'ayaan', ...SCHOOL, surname: 'Hussain', dob: '2012-04-03', sex: 'M', address: 'Flat 2, 11 Park Road, Halifax', postcode: 'HX6 1AA' },
      { who: 'imran', ...POLICE, surname: 'HUSSAIN', dob: '1980-02-02', sex: 'M', address: 'FLAT 2 11 PARK RD, HALIFAX, HX6 1AA', eventDate: '2024-06-01' },
      { who: 'nadia', ...POLICE, surname: 'HUSSAIN', dob: '1982-07-07', sex: 'F', address: 'FLAT 2 11 PARK RD, HALIFAX, HX6 1AA', eventDate: '2024-06-01' },
      // ayaan again in A&E under another spelling: one child split in two
      { who: 'ayan', ...HEALTH, surname: 'HUSSAIN', dob: '2012-04-03', sex: 'M', postcode: 'HX6 1AA', eventDate: '2024-10-01' },
      // another Hussain family at the postcode, seen only by A&E: a mother and her toddler
      { who: 'sana', ...HEALTH, surname: 'HUSSAIN', dob: '1990-05-05', sex: 'F', postcode: 'HX6 1AA', eventDate: '2024-08-01' },
      { who: 'zain', ...HEALTH, surname: 'HUSSAIN', dob: '2021-09-09', sex: 'M', postcode: 'HX6 1AA', eventDate: '2024-09-01' },
      // where the postcode-only mother is the parent a household lacks, her child follows her there
      { who: 'lily', ...SCHOOL, surname: 'Marsh', dob: '2013-01-01', sex: 'F', address: '4 Oak Road, Elland', postcode: 'HX5 1BB' },
      { who: 'kelly', ...HEALTH, surname: 'MARSH', dob: '1988-03-03', sex: 'F', postcode: 'HX5 1BB', eventDate: '2024-05-01' },
      { who: 'jake', ...HEALTH, surname: 'MARSH', dob: '2021-02-02', sex: 'M', postcode: 'HX5 1BB', eventDate: '2024-07-01' },
    ],
    expected: [['ayaan', 'ayan', 'imran', 'nadia'], ['jake', 'kelly', 'lily'], ['sana', 'zain']],
  },
];

describe('buildHouseholds: household rules (DESIGN §3 "Household")', () => {
  it.each(scenarios)('$rule', ({ records, expected }) => {
    expect(households(records)).toEqual(sorted(expected));
  });

  it('gives each person exactly one household index, dense from 0', () => {
    const out = buildHouseholds([], { personOf: new Int32Array(0), personCount: 0 });
    expect(out.householdCount).toBe(0);
    expect(out.householdOfPerson).toHaveLength(0);
    // a person with no records at all (possible after a merge upstream) is a household of one
    const lonely = buildHouseholds([], { personOf: new Int32Array(0), personCount: 2 });
    expect(lonely.householdCount).toBe(2);
    expect([...lonely.householdOfPerson].sort()).toEqual([0, 1]);
  });

  it('places no one by a crowded postcode (a hostel, a placeholder)', () => {
    const recs: Rec[] = [];
    for (let k = 0; k < 700; k++) recs.push({ who: `p${k}`, ...HEALTH, surname: 'JONES', dob: '1980-01-01', postcode: 'S60 1AA' });
    expect(households(recs)).toHaveLength(700);
  });

  it('says which rule placed each person', () => {
    const recs: Rec[] = [
      { who: 'kid', ...SCHOOL, surname: 'Cook', dob: '2017-04-01', address: '16 Coney Hill, Askerby', postcode: 'S66 4BP' },
      { who: 'sib', ...SCHOOL, surname: 'Cook', dob: '2015-04-01', address: '16 Coney Hill, Askerby', postcode: 'S66 4BP' },
      { who: 'mum', ...BENEFITS, surname: 'COOK', dob: '1986-08-01', sex: 'F', postcode: 'S66 4BP', agencyRef: 'UC1' },
      { who: 'partner', ...BENEFITS, surname: 'LEE', dob: '1985-08-01', sex: 'M', postcode: 'S66 4BP', agencyRef: 'UC1' },
      { who: 'alone', ...HEALTH, surname: 'DEAN', dob: '1950-01-01', postcode: 'S66 4BP' },
    ];
    const records = recs.map(record);
    const names = ['kid', 'sib', 'mum', 'partner', 'alone'];
    const personOf = Int32Array.from(recs.map((r) => names.indexOf(r.who)));
    const d = buildHouseholdsDetailed(records, { personOf, personCount: names.length });
    expect([...d.evidence]).toEqual([Evidence.ADDRESS, Evidence.ADDRESS, Evidence.SHARED_REF, Evidence.SHARED_REF, Evidence.ALONE]);
    expect(new Set([d.householdOfPerson[0], d.householdOfPerson[1], d.householdOfPerson[2], d.householdOfPerson[3]]).size).toBe(1);
  });
});

describe('buildHouseholdsDetailed: address history', () => {
  it('lists a moved household’s addresses, oldest first, the current one open-ended', () => {
    const recs: Rec[] = [
      { who: 'mum', ...POLICE, surname: 'BAKER', dob: '1995-01-01', address: 'FLAT 1 5 MARLFIELD CL, WEXTHORPE, S60 9ZW', eventDate: '2024-04-13' },
      { who: 'mum', ...POLICE, surname: 'BAKER', dob: '1995-01-01', address: '5 GARTHDALE TERR, WEXTHORPE, S61 6DQ', eventDate: '2025-03-05' },
      { who: 'kid', ...SCHOOL, surname: 'Baker', dob: '2016-05-01', address: 'Flat 1, 5 Marlfield Close, Wexthorpe', postcode: 'S60 9ZW', asOf: '2025-01-16' },
      { who: 'kid', ...HOUSING, surname: 'Baker', dob: '2016-05-01', address: '5 Garthdale Terrace, Wexthorpe', postcode: 'S61 6DQ', uprn: '100050479784', asOf: '2025-03-31' },
    ];
    const records = recs.map(record);
    const personOf = Int32Array.from(recs.map((r) => (r.who === 'mum' ? 0 : 1)));
    const d = buildHouseholdsDetailed(records, { personOf, personCount: 2 }, { history: true });
    expect(d.householdCount).toBe(1);
    expect(d.history?.[0]).toEqual([
      { uprn: null, address: 'FLAT 1, 5 MARLFIELD CLOSE, WEXTHORPE, S60 9ZW', postcode: 'S60 9ZW', from: '2024-04-13', to: '2025-01-16' },
      { uprn: '100050479784', address: '5 GARTHDALE TERRACE, WEXTHORPE, S61 6DQ', postcode: 'S61 6DQ', from: '2025-03-05', to: null },
    ]);
  });
});

describe('household keys of an address', () => {
  // records built in memory carry no stored parts: the linker parses their text with the importer's normaliser
  const cases: Array<[string, string | null, Partial<NonNullable<ReturnType<typeof householdAddress>>>]> = [
    ['Flat 2, 14 Kilnfield Road, Wexthorpe', 'S65 2RB', { postcode: 'S65 2RB', flat: '2', number: '14', street: 'KILNFIELD ROAD', town: 'WEXTHORPE' }],
    ['FLAT 2 14 KILNFIELD RD, WEXTHORPE, S65 2RB', null, { postcode: 'S65 2RB', flat: '2', number: '14', street: 'KILNFIELD ROAD', town: 'WEXTHORPE' }],
    ['Flat B, 21 Lindenfield Close, Askerby', null, { postcode: null, flat: 'B', number: '21', street: 'LINDENFIELD CLOSE' }],
    ['46 colliercroft gr, wexthorpe, s657sq', null, { postcode: 'S65 7SQ', flat: '', number: '46', street: 'COLLIERCROFT GROVE', town: 'WEXTHORPE' }],
    ['2/14 High St, Town', null, { flat: '2', number: '14', street: 'HIGH STREET', town: 'TOWN' }],
    ['Apartment 3B, 7 Mill Lane', null, { flat: '3B', number: '7', street: 'MILL LANE' }],
    ['14A Kilnfield Road Wexthorpe', null, { flat: 'A', number: '14', street: 'KILNFIELD ROAD', town: 'WEXTHORPE' }],
    ['Flat 2, 14A Kilnfield Road', null, { flat: '2', number: '14A' }],
    ['Rose Cottage, Mill Lane, Wexthorpe', null, { number: '', name: 'ROSE COTTAGE', street: 'MILL LANE', town: 'WEXTHORPE' }],
    ['Rose Cottage, Wexthorpe', null, { number: '', name: '' }],
    ["12 St John's Avenue, Thrawmoor", null, { number: '12', street: 'SAINT JOHNS AVENUE', town: 'THRAWMOOR' }],
  ];
  it.each(cases)('%s', (text, postcode, expected) => {
    expect(householdAddress({ ...blankLinkRecord(1), address: text, postcode })).toMatchObject(expected);
  });
});

describe('sexOfTitle: a title says the sex where no column does', () => {
  it.each([
    ['Mr', 1], ['MASTER', 1], ['Mrs', 2], ['Ms.', 2], ['miss', 2], ['Dr', 0], ['Mx', 0], [null, 0], ['', 0],
  ] as const)('%s → %i', (title, sex) => {
    expect(sexOfTitle(title)).toBe(sex);
  });
});

describe('fillSexFromForenames: a forename says the sex where the records with it agree', () => {
  it('fills an unknown sex only from a forename five or more people with a recorded sex share, nine in ten of one sex', () => {
    const names = ['Kayleigh', 'kayleigh', 'KAYLEIGH', 'Kayleigh', 'Kay-leigh', 'Kayleigh', 'Sam', 'Sam', 'Sam', 'Sam', 'Sam', 'Sam', 'Oliver', 'Oliver', 'Oliver', 'Oliver', 'Oliver', undefined];
    const sex = Uint8Array.from([2, 2, 2, 2, 2, 0, 1, 1, 1, 2, 2, 0, 1, 1, 1, 1, 0, 0]);
    fillSexFromForenames(names, sex);
    expect(sex[5]).toBe(2); // five Kayleighs, all female (case and hyphen ignored)
    expect(sex[11]).toBe(0); // Sam: three men, two women
    expect(sex[16]).toBe(0); // Oliver: only four with a sex recorded
    expect(sex[17]).toBe(0); // no forename
    expect(Array.from(sex.slice(0, 5))).toEqual([2, 2, 2, 2, 2]); // recorded sexes are never changed
  });
});
