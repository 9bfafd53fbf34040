// More layouts of the unseen model's extracts (test/bench/unseen/variants.ts v6–v8), cut down to
// the column that went wrong: numbers kept as text with a leading apostrophe, a system's
// placeholder date of birth, group headings above the header, an address over several columns
// or lines without a header.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../electron/engine/import/pipeline.js';
import { valueAt } from '../../electron/engine/import/row-batch.js';
import { RECORD_COLUMNS, recordIndex } from '../../electron/engine/import/row-builder.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

type Field = (typeof RECORD_COLUMNS)[number];
interface Read {
  roles: string[][];
  headerRows: Array<number | null>;
  records: Array<Record<Field, string | number | null>>;
  /** each raw row's status, in file order */
  statuses: string[];
}

function read(path: string): Read {
  const out: Read = { roles: [], headerRows: [], records: [], statuses: [] };
  runPipeline({ path, fileName: basename(path), mode: 'import', pivotYear: 2025, today: '2025-04-14' }, (m) => {
    if (m.type === 'sheet') {
      out.roles.push(m.sheet.roles);
      out.headerRows.push(m.sheet.headerRow);
    }
    if (m.type === 'rows') {
      for (let i = 0; i < m.data.raw.rows; i++) out.statuses.push(String(valueAt(m.data.raw, 1, i)));
      for (let i = 0; i < m.data.records.rows; i++) {
        const r = {} as Record<Field, string | number | null>;
        for (const f of RECORD_COLUMNS) r[f] = valueAt(m.data.records, 1 + recordIndex(f), i) as string | number | null;
        out.records.push(r);
      }
    }
  });
  return out;
}

/** A valid NHS number from nine digits (its mod-11 check digit added), or null when none fits. */
function nhs(nine: number): string | null {
  const d = String(nine).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : `${d}${check}`;
}
const NHS = Array.from({ length: 80 }, (_, i) => nhs(485_777_300 + i * 7)).filter((n): n is string => n !== null).slice(0, 30);
const FORENAMES = ['David', 'Sarah', 'Mohammed', 'Emma', 'Gary', 'Aisha', 'Paul', 'Julie', 'Imran', 'Claire'];
const SURNAMES = ['Kelly', 'Singh', 'Hussain', 'Walker', 'Booth', 'Khan', 'Sykes', 'Hirst', 'Ahmed', 'Lee'];
const STREETS = ['Mill Lane', 'Exley Grove', 'Gladstone Mount', 'Ovenden Terrace', 'Lister Close'];
const TOWNS = ['Halifax', 'Todmorden', 'Sowerby Bridge', 'Elland'];
const dob = (i: number): string => `${String((i % 27) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${1950 + ((i * 7) % 60)}`;

describe("other partners' layouts, read by their cells", () => {
  it('numbers kept as text with a leading apostrophe: NHS numbers, UPRNs and phones are read without it, headed or not', () => {
    const rows = NHS.map((n, i) => [`ED${9_100_000 + i}`, `'${n}`, SURNAMES[i % 10], FORENAMES[(i * 3) % 10], dob(i), `'1000237${String(19_000 + i * 13)}`, `'07700 9${String(100_00 + i)}`]);
    const headed = join(tempDir(), 'ed.csv');
    writeFileSync(headed, `ATTEND_ID,NHS_NO,SURNAME,FORENAME,DOB,UPRN,MOBILE\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const a = read(headed);
    expect(a.records).toHaveLength(NHS.length);
    expect(a.records.map((r) => r.nhs_number)).toEqual(NHS);
    expect(a.records.every((r) => r.nhs_number_valid === 1 && r.uprn !== null && /^\d+$/.test(String(r.uprn)) && r.phone !== null)).toBe(true);
    expect(a.records.every((r) => !String(r.problems_json).includes('NHS') && !String(r.problems_json).includes('UPRN'))).toBe(true);

    const bare = join(tempDir(), 'extract_03.csv');
    writeFileSync(bare, `${rows.map((r) => r.join(',')).join('\n')}\n`);
    const b = read(bare);
    expect(b.roles[0]?.[1]).toBe('nhs_number');
    expect(b.roles[0]?.[5]).toBe('uprn');
    expect(b.records.map((r) => r.nhs_number)).toEqual(NHS);
  });
});

describe('a placeholder date of birth', () => {
  it('01/01/1900 for a birth date not known is not used, and the age beside it still reads as an age without a header', () => {
    const rows = Array.from({ length: 40 }, (_, i) => {
      const born = 1950 + ((i * 7) % 55);
      const on = `${String((i % 27) + 1).padStart(2, '0')}/${String(((i * 5) % 12) + 1).padStart(2, '0')}/2024`;
      const age = 2024 - born - (((i * 5) % 12) + 1 < 6 || (((i * 5) % 12) + 1 === 6 && (i % 27) + 1 < 15) ? 1 : 0);
      // a third of the births not known: the system wrote its default
      return [`WY-${240_000 + i}-24`, on, `${SURNAMES[i % 10]?.toUpperCase()}, ${FORENAMES[(i * 3) % 10]}`, i % 3 === 0 ? '01/01/1900' : `15/06/${born}`, String(age), `${i + 1} ${STREETS[i % 5]}, ${TOWNS[i % 4]}`];
    });
    const path = join(tempDir(), 'asb.csv');
    writeFileSync(path, `${rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n')}\n`);
    const { roles, records } = read(path);
    expect(roles[0]?.[3]).toBe('dob');
    expect(roles[0]?.[4]).toBe('age');
    expect(records).toHaveLength(40);
    expect(records.filter((r) => r.dob === null)).toHaveLength(14);
    expect(records.some((r) => String(r.dob).startsWith('1900'))).toBe(false);
    expect(records.every((r) => typeof r.age === 'number')).toBe(true);
    expect(String(records[0]?.problems_json)).toContain('placeholder');
  });
});

describe('group headings above the header', () => {
  it('"Person" spanning the name, birth and sex columns is a group label over the header, not the header', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`YJ${5100 + i}`, SURNAMES[i % 10], FORENAMES[(i * 3) % 10], dob(i), i % 2 ? 'M' : 'F', `HX${(i % 7) + 1} ${(i % 9) + 1}AB`, i % 3 ? 'Referral Order' : 'Youth Caution', `0${(i % 9) + 1}/0${(i % 8) + 1}/2024`]);
    const path = join(tempDir(), 'yot.csv');
    writeFileSync(path, `Case details,Person,,,,Address,Case details,\nCase Reference,Family Name,Given Name,Birth Date,Gender,Postal Code,Disposal,Outcome Date\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const { roles, records, statuses } = read(path);
    expect(roles[0]?.slice(1, 6)).toEqual(['surname', 'forename', 'dob', 'sex', 'postcode']);
    expect(statuses.slice(0, 2)).toEqual(['header', 'header']);
    expect(records).toHaveLength(30);
    expect(records.every((r) => r.forename !== null && r.dob !== null)).toBe(true);
  });
});

describe('an address over several lines of one cell', () => {
  it('each line break parts the address as a comma would: flat, building, street and town stay apart', () => {
    const path = join(tempDir(), 'ed.csv');
    const rows = Array.from({ length: 12 }, (_, i) => [`ED${9_100_000 + i}`, SURNAMES[i % 10] ?? '', FORENAMES[i % 10] ?? '', dob(i), `"Flat ${i + 1}\r\nCopley Court\r\n${14 + i} Gladstone Mount\r\nSowerby Bridge\r\nHX4 5PJ"`]);
    writeFileSync(path, `ATTEND_ID,SURNAME,FORENAME,DOB,HOME_ADDRESS\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
    const { records } = read(path);
    expect(records).toHaveLength(12);
    expect(records[0]).toMatchObject({ addr_flat: '1', addr_name: 'COPLEY COURT', addr_number: '14', addr_street: 'GLADSTONE MOUNT', addr_town: 'SOWERBY BRIDGE', postcode: 'HX4 5PJ' });
  });
});

describe('an address over Address Line 1–4 without a header', () => {
  it('the columns between the first line and the postcode are lines of the address: the street under a flat, the town, a postcode typed into the last line', () => {
    const rows = Array.from({ length: 40 }, (_, i) => {
      const town = TOWNS[i % 4] as string;
      const street = `${(i % 30) + 1} ${STREETS[i % 5] as string}`;
      const postcode = `HX${(i % 7) + 1} ${(i % 9) + 1}AB`;
      // a flat on a line of its own, then the street; or the street, then the town
      let lines = i % 3 === 0 ? [`Flat ${(i % 6) + 1}`, street, town] : [street, town];
      // a postcode typed into the last line, its own cell left blank
      const typedIn = i % 7 === 3;
      if (typedIn) lines = [...lines.slice(0, -1), `${lines[lines.length - 1] as string} ${postcode}`];
      while (lines.length < 4) lines.push('');
      return [`YJ${5100 + i}`, SURNAMES[i % 10], FORENAMES[(i * 3) % 10], dob(i), i % 2 ? 'Male' : 'Female', ...lines, typedIn ? '' : postcode, i % 3 ? 'Referral Order' : 'Youth Caution', `0${(i % 9) + 1}/0${(i % 8) + 1}/2024`];
    });
    const path = join(tempDir(), 'yot.csv');
    writeFileSync(path, `${rows.map((r) => r.join(',')).join('\n')}\n`);
    const { roles, records } = read(path);
    expect(roles[0]?.slice(5, 10)).toEqual(['address_line', 'address_line', 'address_line', 'address_line', 'postcode']);
    expect(roles[0]?.[10]).not.toBe('address_line');
    expect(records).toHaveLength(40);
    expect(records.every((r) => r.addr_town !== null && r.postcode !== null)).toBe(true);
    expect(records[0]).toMatchObject({ addr_flat: '1', addr_number: '1', addr_street: 'MILL LANE', addr_town: 'HALIFAX' });
  });
});

describe('a house number in a column of its own', () => {
  it('without a header, numbers before the first address line that the line itself lacks are the house number', () => {
    const rows = Array.from({ length: 40 }, (_, i) => {
      const flat = i % 4 === 0;
      const number = String((i % 30) + 1);
      // the number apart where the first line is the street; a flat's line keeps its own
      const [no, line1, line2] = flat ? ['', `Flat ${(i % 6) + 1}`, `${number} ${STREETS[i % 5] as string}`] : [number, STREETS[i % 5] as string, TOWNS[i % 4] as string];
      return [`YJ${5100 + i}`, SURNAMES[i % 10], FORENAMES[(i * 3) % 10], dob(i), no, line1, line2, flat ? TOWNS[i % 4] : '', `HX${(i % 7) + 1} ${(i % 9) + 1}AB`, i % 3 ? 'Referral Order' : 'Youth Caution'];
    });
    const path = join(tempDir(), 'yot.csv');
    writeFileSync(path, `${rows.map((r) => r.join(',')).join('\n')}\n`);
    const { roles, records } = read(path);
    expect(roles[0]?.slice(4, 9)).toEqual(['address_line', 'address_line', 'address_line', 'address_line', 'postcode']);
    expect(records[1]).toMatchObject({ addr_number: '2', addr_street: 'EXLEY GROVE', addr_town: 'TODMORDEN' });
    expect(records[0]).toMatchObject({ addr_flat: '1', addr_number: '1', addr_street: 'MILL LANE', addr_town: 'HALIFAX' });
  });

  it('an age or a count before the address is not a house number: the first line has its own number', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`YJ${5100 + i}`, SURNAMES[i % 10], FORENAMES[(i * 3) % 10], String(10 + (i % 8)), `${(i % 30) + 1} ${STREETS[i % 5] as string}`, TOWNS[i % 4], `HX${(i % 7) + 1} ${(i % 9) + 1}AB`]);
    const path = join(tempDir(), 'yot2.csv');
    writeFileSync(path, `${rows.map((r) => r.join(',')).join('\n')}\n`);
    const { roles } = read(path);
    expect(roles[0]?.[3]).not.toBe('address_line');
    expect(roles[0]?.[4]).toBe('address_line');
  });
});

describe('a column of middle names', () => {
  const MIDDLE = ['Rose', '', 'James', '', 'Grace', 'Lily May', '', 'Thomas', 'Ann', '', 'Oliver', 'Marie'];
  const rows = Array.from({ length: 36 }, (_, i) => [`A8${String(100_000_000 + i * 7919).slice(-9)}`, SURNAMES[i % 10], FORENAMES[(i * 3) % 10], MIDDLE[i % 12], dob(i), i % 2 ? 'M' : 'F', `HX${(i % 7) + 1} ${(i % 9) + 1}AB`]);
  it('under a heading that only says "name" ("MName") beside the forename and surname: middle names, not whole names', () => {
    const path = join(tempDir(), 'census.csv');
    writeFileSync(path, `Ref,Sname,Fname,MName,DOB,Sx,PCode\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const { roles, records } = read(path);
    expect(roles[0]?.[3]).toBe('middle_names');
    expect(records[0]?.middle_names).toBe('Rose');
    expect(records[5]?.middle_names).toBe('Lily May');
  });
  it('without a header: given names beside the forename that differ from it are middle names', () => {
    const path = join(tempDir(), 'census_bare.csv');
    writeFileSync(path, `${rows.map((r) => r.join(',')).join('\n')}\n`);
    const { roles, records } = read(path);
    expect(roles[0]?.slice(1, 4)).toEqual(['surname', 'forename', 'middle_names']);
    expect(records[0]?.middle_names).toBe('Rose');
  });
  it('given names no list of ours holds are middle names too when the sheet gives them as forenames', () => {
    // a borough's Polish, South Asian, Irish and West African names beside familiar ones: the middle
    // names are none of them in the linker's name list, but each is someone's forename in the
    // same sheet, as a town never is
    const GIVEN = ['David', 'Wojciech', 'Sarah', 'Zainab', 'Mohammed', 'Kwame', 'Emma', 'Oisin', 'Aisha', 'Niamh'];
    const MID = ['Kwame', '', 'Wojciech', 'Zainab', '', 'Niamh', 'Oisin', '', 'Kwame', 'Zainab', 'Wojciech', 'Niamh'];
    const bare = Array.from({ length: 36 }, (_, i) => [`A8${String(100_000_000 + i * 7919).slice(-9)}`, SURNAMES[i % 10], GIVEN[(i * 3) % 10], MID[i % 12], dob(i), i % 2 ? 'M' : 'F', `HX${(i % 7) + 1} ${(i % 9) + 1}AB`]);
    const path = join(tempDir(), 'census_names.csv');
    writeFileSync(path, `${bare.map((r) => r.join(',')).join('\n')}\n`);
    const { roles, records } = read(path);
    expect(roles[0]?.slice(1, 4)).toEqual(['surname', 'forename', 'middle_names']);
    expect(records[0]?.middle_names).toBe('Kwame');
  });
});

describe('forenames no list of ours holds, without a header', () => {
  it('the column whose names a family at one postcode shares is the surname, the other the forenames', () => {
    // a borough whose first names are few of them English ones: the name list knows almost none
    const FIRST = ['Aisha', 'Fatima', 'Imran', 'Yusuf', 'Priya', 'Agnieszka', 'Hamza', 'Zahra', 'Omar', 'Amina', 'Maryam', 'Deepak', 'Andrei', 'Elena', 'Ioana', 'Musa', 'Hodan', 'Abdi', 'Sunil', 'Anita'];
    const FAMILY = ['Begum', 'Hussain', 'Kowalczyk', 'Okafor', 'Patel', 'Popescu', 'Rahman', 'Mirza', 'Warsame', 'Nowak', 'Chaudhry', 'Osei'];
    const rows: string[][] = [];
    for (let h = 0; h < 24; h++) {
      const size = 2 + (h % 3);
      for (let m = 0; m < size; m++) {
        const i = rows.length;
        rows.push([`YJ${5100 + i}`, FAMILY[h % 12] as string, FIRST[(h * 7 + m * 3) % 20] as string, dob(i), i % 2 ? 'Male' : 'Female', `B${10 + h} ${1 + (h % 9)}AB`]);
      }
    }
    const path = join(tempDir(), 'yot_cases.csv');
    writeFileSync(path, `${rows.map((r) => r.join(',')).join('\n')}\n`);
    const { roles, records } = read(path);
    expect(roles[0]?.slice(1, 3)).toEqual(['surname', 'forename']);
    expect(records[0]?.surname).toBe('Begum');
    expect(records[0]?.forename).toBe('Aisha');
  });
});

describe('a second reference column of UPRNs', () => {
  it('of two columns headed as references, the one whose cells are all UPRNs is the property\'s UPRN', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`T${30_000 + Math.floor(i / 3)}`, `1000237${String(19_000 + Math.floor(i / 3) * 13)}`, `${(i % 30) + 1} ${STREETS[i % 5] as string}, ${TOWNS[i % 4] as string}`, `HX${(i % 7) + 1} ${(i % 9) + 1}AB`, FORENAMES[i % 10], SURNAMES[Math.floor(i / 3) % 10], dob(i)]);
    const path = join(tempDir(), 'tenancies.csv');
    writeFileSync(path, `Tenancy Ref,Property Ref,Property Address,Postcode,First Name,Surname,Date of Birth\n${rows.map((r) => r.map((c) => (String(c).includes(',') ? `"${c}"` : c)).join(',')).join('\n')}\n`);
    const { roles, records } = read(path);
    expect(roles[0]?.slice(0, 2)).toEqual(['agency_ref', 'uprn']);
    expect(records[0]?.uprn).toBe('100023719000');
    expect(records[0]?.agency_ref).toBe('T30000');
  });
});

describe('dates written as instants', () => {
  it('a UTC instant is dated as the UK saw it: a birth at midnight in British Summer Time is that day, not the one before', () => {
    const rows = [
      ['Amy', 'Reid', '2009-08-10T23:00:00.000Z', '2024-07-01T09:15:00Z'],
      ['Tom', 'Reid', '2013-01-17T00:00:00.000Z', '2024-07-13T23:30:00Z'],
      ['Zara', 'Khan', '1985-07-14T00:00:00+01:00', '2024-12-01T23:30:00Z'],
      ['Ben', 'Hirst', '1972-10-29T00:00:00Z', '2024-03-31T00:30:00Z'],
    ];
    const path = join(tempDir(), 'cloud.csv');
    writeFileSync(path, `firstName,lastName,dateOfBirth,arrivedAt\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const { records } = read(path);
    expect(records.map((r) => r.dob)).toEqual(['2009-08-11', '2013-01-17', '1985-07-14', '1972-10-29']);
    expect(records.map((r) => r.event_date)).toEqual(['2024-07-01', '2024-07-14', '2024-12-01', '2024-03-31']);
  });
});

describe('month-first dates', () => {
  it('a column that writes its dates month first ("3/30/2008") is read as dates, headed or not, and each date the right way round', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`YJ${5100 + i}`, SURNAMES[i % 10], FORENAMES[(i * 3) % 10], `${(i % 12) + 1}/${(i % 28) + 1}/${1995 + (i % 15)}`, i % 2 ? 'Male' : 'Female', `HX${(i % 7) + 1} ${(i % 9) + 1}AB`, i % 3 ? 'Referral Order' : 'Youth Caution', `${(i % 12) + 1}/${((i * 7) % 28) + 1}/2024`]);
    const headed = join(tempDir(), 'yot.csv');
    writeFileSync(headed, `YOT Number,Family Name,Forename,Date of Birth,Sex,Postcode,Disposal,Outcome Date\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const a = read(headed);
    expect(a.roles[0]?.[7]).toBe('event_date');
    expect(a.records[13]).toMatchObject({ dob: '2008-02-14', event_date: '2024-02-08' });
    const bare = join(tempDir(), 'yot_bare.csv');
    writeFileSync(bare, `${rows.map((r) => r.join(',')).join('\n')}\n`);
    const b = read(bare);
    expect([b.roles[0]?.[3], b.roles[0]?.[7]]).toEqual(['dob', 'event_date']);
    expect(b.records[13]).toMatchObject({ dob: '2008-02-14', event_date: '2024-02-08' });
  });
});

describe('a phone number that lost its leading 0', () => {
  it('in a number cell ("7700900123") or with the + of +44 gone ("447700900123") is the same UK number as "07700 900123"', () => {
    const rows = [['C1', 'Julie', 'Reid', '02/03/1985', '7700900123'], ['C2', 'Gary', 'Hill', '05/04/1990', '447700900124'], ['C3', 'Emma', 'Sykes', '07/08/1979', '07700 900125'], ['C4', 'Paul', 'Lee', '01/02/1970', '1422 345678']];
    const path = join(tempDir(), 'dwp.csv');
    writeFileSync(path, `CLAIM_REF,FORENAME,SURNAME,DOB,MOBILE_NUMBER\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const { records } = read(path);
    expect(records.map((r) => r.phone)).toEqual(['07700900123', '07700900124', '07700900125', '01422345678']);
  });
});

describe("Excel's text formula", () => {
  it('a cell written ="4857773456" (an export keeping leading zeros for Excel) is read as its text, headed or not', () => {
    const rows = NHS.map((n, i) => [`ED${9_100_000 + i}`, `="${n}"`, SURNAMES[i % 10], FORENAMES[(i * 3) % 10], dob(i), `"=""1000237${String(19_000 + i * 13)}"""`]);
    const headed = join(tempDir(), 'ed.csv');
    writeFileSync(headed, `ATTEND_ID,NHS_NO,SURNAME,FORENAME,DOB,UPRN\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const a = read(headed);
    expect(a.records.map((r) => r.nhs_number)).toEqual(NHS);
    expect(a.records.every((r) => r.nhs_number_valid === 1 && /^\d{12}$/.test(String(r.uprn)))).toBe(true);
    const bare = join(tempDir(), 'extract_04.csv');
    writeFileSync(bare, `${rows.map((r) => r.join(',')).join('\n')}\n`);
    const b = read(bare);
    expect(b.roles[0]?.[1]).toBe('nhs_number');
    expect(b.records.map((r) => r.nhs_number)).toEqual(NHS);
  });
});

describe('a person number beside a claim or tenancy reference', () => {
  // 40 claims at 40 postcodes: every fourth a joint claim (two people), and five claimants with a
  // second claim; each person has their own number, which comes first
  const people: Array<{ id: string; forename: string; surname: string; dob: string; postcode: string }> = [];
  const rows: string[][] = [];
  for (let c = 0; c < 40; c++) {
    const postcode = `HX${1 + (c % 7)} ${c % 10}AB`;
    const claimant = { id: String(4_100_000 + people.length * 13), forename: FORENAMES[c % 10]!, surname: SURNAMES[(c * 3) % 10]!, dob: dob(c), postcode };
    people.push(claimant);
    const claim = `C${700_000 + c}`;
    rows.push([claimant.id, claim, claimant.forename, claimant.surname, claimant.dob, postcode]);
    if (c % 4 === 0) {
      const partner = { id: String(4_100_000 + people.length * 13), forename: FORENAMES[(c + 5) % 10]!, surname: claimant.surname, dob: dob(c + 3), postcode };
      people.push(partner);
      rows.push([partner.id, claim, partner.forename, partner.surname, partner.dob, postcode]);
    }
  }
  // their second claims, three with a clerk's typo in the forename and one in the date of birth:
  // still one person's rows
  for (let k = 0; k < 5; k++) {
    const p = people[k * 7]!;
    const forename = k < 3 ? `${p.forename.slice(0, 2)}${p.forename.slice(3)}` : p.forename;
    const born = k === 3 ? p.dob.replace(/^(\d)(\d)/, (_, a: string, b: string) => `${a}${(Number(b) + 1) % 10}`) : p.dob;
    rows.push([p.id, `C${710_000 + k}`, forename, p.surname, born, p.postcode]);
  }

  it("the reference people living together share (a joint claim) is the record's, not each person's own number that comes first", () => {
    const path = join(tempDir(), 'dwp.csv');
    writeFileSync(path, `PERSON_ID,CLAIM_REFERENCE,FORENAME,SURNAME,DOB,POSTCODE,AWARD_START\n${rows.map((r, i) => [...r, dob(i + 11).replace(/\d{4}$/, '2024')].join(',')).join('\n')}\n`);
    const { roles, records } = read(path);
    expect(roles[0]?.slice(0, 2)).toEqual(['person_ref', 'agency_ref']);
    expect(records.map((r) => r.agency_ref)).toEqual(rows.map((r) => r[1]));
    expect(records.map((r) => r.person_ref)).toEqual(rows.map((r) => r[0]));
  });

  /** The same people as tenancies: person number, tenancy reference, names, birth, the flat
   * (written two ways on alternate rows, so a tenancy's two people disagree), postcode, start. */
  const tenancies = (): string[][] =>
    rows.map((r, i) => {
      const n = Number(r[1]!.slice(1)) % 40;
      const flat = i % 2 === 0 ? `Flat ${(n % 9) + 1}, ${n + 2} Mill Lane, Halifax` : `${(n % 9) + 1}/${n + 2} Mill Lane, Halifax`;
      return [r[0]!, r[1]!.replace('C', 'T'), r[2]!, r[3]!, r[4]!, flat, r[5]!, dob(i + 11).replace(/\d{4}$/, '2019')];
    });
  const csvLines = (cells: string[][]): string => `${cells.map((r) => r.map((v) => (v.includes(',') ? `"${v}"` : v)).join(',')).join('\n')}\n`;

  it('a tenancy whose flat is written two ways is still shared by people living together', () => {
    const homes = tenancies();
    const path = join(tempDir(), 'housing.csv');
    writeFileSync(path, `Person Ref,Tenancy Ref,Forename,Surname,Date of Birth,Address,Postcode,Tenancy Start\n${csvLines(homes)}`);
    const { roles, records } = read(path);
    expect(roles[0]?.slice(0, 2)).toEqual(['person_ref', 'agency_ref']);
    expect(records.map((r) => r.agency_ref)).toEqual(homes.map((r) => r[1]));
  });

  it('without a header, a tenancy reference its household shares stays the reference though the flat is written two ways', () => {
    const homes = tenancies().map((r) => r.slice(1));
    const path = join(tempDir(), 'extract_11.csv');
    writeFileSync(path, csvLines(homes));
    const { roles, records } = read(path);
    expect(roles[0]?.[0]).toBe('agency_ref');
    expect(records.map((r) => r.agency_ref)).toEqual(homes.map((r) => r[0]));
  });

  it('a code shared by people living apart (an incident\'s) does not displace the person number', () => {
    // the same rows, the shared code now held by people at different postcodes (a victim and a suspect)
    const apart = rows.map((r, i) => [r[0], r[1], r[2], r[3], r[4], i % 2 === 0 ? r[5] : `S${i % 9} 1XY`]);
    const path = join(tempDir(), 'asb.csv');
    writeFileSync(path, `NOMINAL_ID,GROUP_REF,FORENAME,SURNAME,DOB,POSTCODE\n${apart.map((r) => r.join(',')).join('\n')}\n`);
    const { roles, records } = read(path);
    // the person's number, and the code after it kept, not read (it never was the record's reference)
    expect(roles[0]?.slice(0, 2)).toEqual(['person_ref', 'ignore']);
    expect(records.map((r) => r.person_ref)).toEqual(apart.map((r) => r[0]));
    expect(records.every((r) => r.agency_ref === null)).toBe(true);
  });
});
