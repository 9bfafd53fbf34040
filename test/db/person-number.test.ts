// A partner system's own number for the person (a police Nominal, a Client ID) is read from the
// cells — rows sharing it agree on date of birth and sex — not from the heading alone; a tenancy's
// or an occurrence's reference, whose rows are different people, stays a reference. Records
// sharing the number within one partner's Sources of one kind are one person, alias rows
// included, unless their dates of birth are more than a keying slip apart or they are a
// generation apart; another partner's equal number means nothing.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoBorough } from '../../electron/engine/demo/index.js';
import { importFile, previewImport } from '../../electron/engine/import/import-file.js';
import { diffSources } from '../../electron/engine/import/source-diff.js';
import { ensureBaselineIndex } from '../../electron/engine/baseline/index-build.js';
import { searchPeople } from '../../electron/engine/baseline/search.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { loadRecords } from '../../electron/engine/link/load-records.js';
import { mayShareNumber, personNumberLinks, withoutAliasTwins } from '../../electron/engine/link/person-numbers.js';
import { runLink } from '../../electron/engine/link/run-link.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { Store } from '../../electron/engine/store/store.js';
import { blankLinkRecord } from '../helpers/link-record.js';
import { personByRow } from '../helpers/person-by-row.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

const POLICE_HEAD = 'Occurrence No,Occurrence Date,Nominal,Name Type,Surname,Forename 1,DOB,Gender,Role,Home Address';
/** Police rows: twelve people each seen at three occurrences with others, the family of 14 Bow Road among them. */
function policeRows(): string[] {
  const people: Array<[nominal: string, nameType: string, surname: string, forename: string, dob: string, sex: string, address: string]> = [
    ['N0100001', 'Primary', 'AHMED', 'Rashid', '02/03/1979', 'Male', '3 MILE END ROAD LONDON E1 4TT'],
    ['N0100002', 'Primary', 'BEGUM', 'Salma', '14/07/1985', 'Female', '9 GLOBE ROAD LONDON E1 4DU'],
    ['N0100003', 'Primary', 'COLE', 'Dean', '30/11/1990', 'Male', '22 ROMAN ROAD LONDON E2 0HU'],
    ['N0100004', 'Primary', 'DOYLE', 'Siobhan', '05/05/1972', 'Female', '7 GROVE ROAD LONDON E3 5AX'],
    ['N0100005', 'Primary', 'EZE', 'Chinedu', '19/09/2001', 'Male', '41 BURDETT ROAD LONDON E3 4TU'],
    ['N0100006', 'Primary', 'FARAH', 'Hodan', '08/02/1995', 'Female', '12 ARBERY ROAD LONDON E3 5DD'],
    ['N0100007', 'Primary', 'GRAY', 'Lewis', '23/06/1988', 'Male', '5 ALFRED STREET LONDON E3 2BE'],
    ['N0100008', 'Primary', 'HUSSAIN', 'Amir', '11/12/1999', 'Male', '18 TREDEGAR SQUARE LONDON E3 5AD'],
    ['N0100009', 'Primary', 'IBRAHIM', 'Fatma', '27/04/1983', 'Female', '30 MORGAN STREET LONDON E3 5AA'],
    ['N0100010', 'Primary', 'JAMES', 'Kayla', '16/01/2003', 'Female', '2 COBORN ROAD LONDON E3 2DA'],
    // the family of 14 Bow Road: a father and mother, and their son George, who gives his name as Mark too
    ['N0100042', 'Primary', 'SMITH', 'George', '06/05/2004', 'Male', '14 BOW ROAD LONDON E3 2SE'],
    ['N0100043', 'Primary', 'SMITH', 'John', '02/03/1975', 'Male', '14 BOW ROAD LONDON E3 2SE'],
  ];
  const rows: string[] = [];
  const row = (occ: number, p: (typeof people)[number], nameType = p[1], forename = p[3], role = 'Suspect'): string =>
    [`01/1000${occ}/26`, `1${occ % 9}/03/2026 14:33`, p[0], nameType, p[2], forename, p[4], p[5], role, `"${p[6]}"`].join(',');
  people.forEach((p, k) => {
    rows.push(row(10 + k, p));
    // each occurrence has a victim too: people share occurrence numbers, never nominals
    rows.push(row(10 + k, people[(k + 3) % people.length]!, undefined, undefined, 'Victim'));
    rows.push(row(10 + k, people[(k + 5) % people.length]!, undefined, undefined, 'Witness'));
  });
  // George's alias row: another forename, the same nominal, date of birth and home
  rows.push(row(40, people[10]!, 'Alias', 'Mark'));
  // Mary SMITH, the mother, seen once (the home holds a family: another date of birth)
  rows.push([`01/100041/26`, `11/04/2026 10:00`, 'N0100044', 'Primary', 'SMITH', 'Mary', '19/10/1977', 'Female', 'Witness', '"14 BOW ROAD LONDON E3 2SE"'].join(','));
  // one number keyed for two people: John SMITH's on a row of his son's friend's father, born 1952
  rows.push([`01/100042/26`, `12/04/2026 10:00`, 'N0100043', 'Primary', 'SMITH', 'John', '04/08/1952', 'Male', 'Witness', '"80 BOW ROAD LONDON E3 4DH"'].join(','));
  return rows;
}

async function withStore<T>(dir: string, files: Array<{ path: string; partner?: string; kind?: 'police' | 'housing' | 'health' }>, body: (store: Store) => Promise<T>): Promise<T> {
  const store = Store.openWithKey(join(dir, 'pid.db'), randomBytes(32), true);
  try {
    for (const f of files) await importFile(store, f.path, { user: 'tester', ...(f.partner ? { partner: f.partner } : {}), ...(f.kind ? { kind: f.kind } : {}) }, silentJob());
    return await body(store);
  } finally {
    store.close();
  }
}

function rolesOf(preview: Awaited<ReturnType<typeof previewImport>>): Record<string, string> {
  return Object.fromEntries(preview.sheets[0]!.columns.map((c) => [c.header, c.suggestedRole]));
}

describe('a partner system’s own number for the person', () => {
  it('is told from an occurrence’s, a tenancy’s and a case’s reference by the cells', async () => {
    const dir = tempDir();
    const police = join(dir, 'Niche_Nominals.csv');
    writeFileSync(police, [POLICE_HEAD, ...policeRows()].join('\n'));
    const roles = rolesOf(await previewImport(null, police, 't'));
    expect(roles['Nominal']).toBe('person_ref');
    expect(roles['Occurrence No']).not.toBe('person_ref');

    // a tenancy's reference is shared by a household (different dates of birth); the client's number, held once each, is headed as one
    const housing = join(dir, 'Housing_Tenancies.csv');
    const homes = ['Ahmed', 'Begum', 'Cole', 'Doyle', 'Eze', 'Farah', 'Gray', 'Hussain', 'Ibrahim', 'James', 'Khan', 'Lee'];
    writeFileSync(
      housing,
      [
        'Tenancy Ref,Client ID,Surname,Forename,DOB,Sex,Address,Postcode',
        ...homes.flatMap((s, k) => [
          `T${1000 + k},${88000 + 3 * k},${s},Adam,0${(k % 9) + 1}/03/1980,M,${k + 1} Mile End Road,E1 4TT`,
          `T${1000 + k},${88001 + 3 * k},${s},Bella,1${k % 9}/06/1982,F,${k + 1} Mile End Road,E1 4TT`,
          `T${1000 + k},${88002 + 3 * k},${s},Cara,2${k % 9}/09/2012,F,${k + 1} Mile End Road,E1 4TT`,
        ]),
      ].join('\n'),
    );
    const housed = rolesOf(await previewImport(null, housing, 't'));
    expect(housed['Tenancy Ref']).toBe('agency_ref');
    expect(housed['Client ID']).toBe('person_ref');

    // a case reference some people hold alone and others share with their family stays a reference
    const cases = join(dir, 'Case_List.csv');
    writeFileSync(
      cases,
      [
        'Case Ref,Surname,Forename,DOB,Sex,Postcode',
        ...homes.flatMap((s, k) => [`C${k},${s},Adam,0${(k % 9) + 1}/03/1980,M,E1 4TT`, ...(k % 2 ? [`C${k},${s},Cara,2${k % 9}/09/2012,F,E1 4TT`] : [])]),
      ].join('\n'),
    );
    expect(rolesOf(await previewImport(null, cases, 't'))['Case Ref']).toBe('agency_ref');
  });

  it('is stored, and joins an alias row to its person but not a mis-keyed number’s other person', async () => {
    const dir = tempDir();
    const { files } = writeDemoBorough({ households: 300, seed: 23, outDir: dir });
    const police = join(dir, 'Niche_Nominals.csv');
    writeFileSync(police, [POLICE_HEAD, ...policeRows()].join('\n'));
    // another partner numbers its patients its own way: N0100042 is someone else there
    const health = join(dir, 'PAS_Patients.csv');
    writeFileSync(health, ['Patient ID,Surname,Forename,DOB,Sex,Postcode', 'N0100042,KHAN,Aisha,06/05/2004,F,E14 8EB', 'N0100099,KHAN,Omar,01/01/1970,M,E14 8EB'].join('\n'));
    // A&E knows George by his own name at home: his alias row's birthday and home are the same, so the
    // possible-twins rule would keep "Mark" and "George" apart, and with them George's two records
    const ae = join(dir, 'AE_Attendances.csv');
    writeFileSync(ae, ['Arrival,Surname,Forename,DOB,Sex,Address,Postcode', '02/02/2026 10:00,SMITH,George,06/05/2004,M,14 Bow Road,E3 2SE', '03/02/2026 11:00,SMITH,Mary,19/10/1977,F,14 Bow Road,E3 2SE'].join('\n'));
    await withStore(dir, [...files.map((path) => ({ path })), { path: police, partner: 'Metropolitan Police', kind: 'police' }, { path: health, partner: 'Barts Health', kind: 'health' }, { path: ae, partner: 'Royal London', kind: 'health' }], async (store) => {
      const stored = store.reader.prepare("SELECT DISTINCT forename, dob, person_ref AS ref FROM record WHERE person_ref IN ('N0100042', 'N0100043') ORDER BY ref, dob, forename").all();
      expect(stored).toEqual([
        { forename: 'Aisha', dob: '2004-05-06', ref: 'N0100042' },
        { forename: 'George', dob: '2004-05-06', ref: 'N0100042' },
        { forename: 'Mark', dob: '2004-05-06', ref: 'N0100042' },
        { forename: 'John', dob: '1952-08-04', ref: 'N0100043' },
        { forename: 'John', dob: '1975-03-02', ref: 'N0100043' },
      ]);
      expect(new Set(loadRecords(store.reader).filter((r) => r.personRef === 'N0100042').map((r) => r.forename))).toEqual(new Set(['George', 'Mark', 'Aisha']));

      const summary = await runLink(store, { user: 'tester' }, silentJob());
      expect(summary.personNumbers.joined).toBeGreaterThan(0);
      // the 1952 row shares John's number but is a generation older: kept apart by the guard
      expect(summary.personNumbers.keptApart).toBe(1);
      const person = personByRow(store.reader, join(dir, 'clusters.csv'));
      const lines = [POLICE_HEAD, ...policeRows()];
      const rowOf = (forename: string, dob: string): string => `Niche_Nominals.csv:${lines.findIndex((l) => l.includes(`,${forename},${dob},`)) + 1}`;
      const lastRowOf = (forename: string, dob: string): string => `Niche_Nominals.csv:${lines.length - [...lines].reverse().findIndex((l) => l.includes(`,${forename},${dob},`))}`;
      // George and his alias Mark: one person, though the twins rule keeps two forenames with one birthday at one home apart
      expect(person.get(rowOf('George', '06/05/2004'))).toBe(person.get(rowOf('Mark', '06/05/2004')));
      expect(person.get(rowOf('George', '06/05/2004'))).toBe(person.get(lastRowOf('George', '06/05/2004')));
      expect(person.get('AE_Attendances.csv:2')).toBe(person.get(rowOf('George', '06/05/2004')));
      // John and the man born 1952 the same number was keyed for: two people
      expect(person.get(rowOf('John', '02/03/1975'))).not.toBe(person.get(rowOf('John', '04/08/1952')));
      // the hospital's N0100042 is not the police's
      expect(person.get('PAS_Patients.csv:2')).not.toBe(person.get(rowOf('George', '06/05/2004')));
      // the number finds its people in the baseline's search, as an identifier does: the police's George and the hospital's Aisha
      ensureBaselineIndex(store);
      const found = searchPeople(store.reader, 'N0100042', 10, '2026-11-01').hits.map((h) => h.personId).sort();
      expect(found).toEqual([person.get('PAS_Patients.csv:2'), person.get(rowOf('George', '06/05/2004'))].sort());
    });
  }, 180_000);
});

describe('next month’s extract of the same partner', () => {
  it('is compared row by row on the person’s number, as it was when the number was the record’s reference', async () => {
    const dir = tempDir();
    const rows = policeRows();
    const first = join(dir, 'Niche_Nominals_2026-10.csv');
    const second = join(dir, 'Niche_Nominals_2026-11.csv');
    writeFileSync(first, [POLICE_HEAD, ...rows].join('\n'));
    // a month on: the last row gone, one row's role changed
    writeFileSync(second, [POLICE_HEAD, ...rows.slice(0, -1).map((r, k) => (k === 0 ? r.replace(',Suspect,', ',Victim,') : r))].join('\n'));
    await withStore(dir, [{ path: first, partner: 'Metropolitan Police', kind: 'police' }, { path: second, partner: 'Metropolitan Police', kind: 'police' }], async (store) => {
      const latest = (store.reader.prepare('SELECT max(id) AS id FROM source').get() as { id: number }).id;
      const diff = diffSources(store.reader, latest);
      expect(diff?.keyedBy).toEqual([{ sheet: '', key: 'agency reference' }]);
    });
  });
});

describe('which records sharing a number are joined', () => {
  const record = (id: number, over: Partial<LinkRecord>): LinkRecord => ({
    ...blankLinkRecord(id), sourceKind: 'police', partner: 'Met', forename: 'George', surname: 'SMITH', dob: '2004-05-06', sex: 'M', personRef: 'N1', ...over,
  });

  it('only within one partner’s Sources of one kind', () => {
    const links = personNumberLinks([record(1, {}), record(2, { partner: 'Barts', sourceKind: 'health' }), record(3, { sourceKind: 'youth-justice' }), record(4, { sourceId: 2, forename: 'Mark' })]);
    expect(links.pairs).toEqual([[0, 3]]);
  });

  it('not across dates of birth more than a keying slip apart, a generation, or sexes', () => {
    const george = record(1, {});
    expect(mayShareNumber(george, record(2, { dob: '2004-06-05' }))).toBe(true); // day and month swapped
    expect(mayShareNumber(george, record(2, { dob: '2005-05-06' }))).toBe(true); // a year out
    expect(mayShareNumber(george, record(2, { dob: '2004-05-16' }))).toBe(true); // one digit
    expect(mayShareNumber(george, record(2, { dob: '1998-02-11' }))).toBe(false);
    expect(mayShareNumber(george, record(2, { dob: null, dobYear: 1975 }))).toBe(false); // a generation
    expect(mayShareNumber(george, record(2, { dob: null, dobYear: 2004 }))).toBe(true);
    expect(mayShareNumber(record(1, { dob: null, title: 'Master' }), record(2, { dob: null, title: 'Mr' }))).toBe(false);
    expect(mayShareNumber(george, record(2, { sex: 'F' }))).toBe(false);
    // a number keyed for two people gives two groups, not one bridged by a record without a date
    const links = personNumberLinks([george, record(2, { dob: '1975-03-02' }), record(3, { dob: null }), record(4, { dob: '1975-03-02' })]);
    expect(links.pairs).toEqual([[0, 2], [1, 3]]);
    expect(links.keptApart).toBe(1);
  });

  it('a possible-twins pair stays unless the partner’s number gives the one the other’s forename', () => {
    // 0 George and 1 Mark share a number; 2 is another partner's George, 3 a twin Gary
    const records = [record(1, {}), record(2, { forename: 'Mark' }), record(3, { partner: 'Barts', sourceKind: 'health', personRef: null }), record(4, { forename: 'Gary', personRef: null })];
    const links = personNumberLinks(records);
    const fn = Int32Array.from([0, 1, 0, 2]);
    expect(withoutAliasTwins([[1, 2], [1, 3], [0, 3]], links, fn)).toEqual([[1, 3], [0, 3]]);
  });
});
