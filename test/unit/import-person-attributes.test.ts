// A list of people (a register, a set of historical people) read as people: columns that describe
// the person are not events, a one-word name is one name, a year of birth is evidence.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile, previewImport } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { loadRecords } from '../../electron/engine/link/load-records.js';
import { identityValues, scrubRunNotes } from '../../electron/engine/baseline/erase-run-notes.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function importText(name: string, content: string): Promise<{ store: Store; path: string }> {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  const store = Store.openWithKey(join(tempDir(), 'baseline.db'), randomBytes(32), true);
  open.push(store);
  await importFile(store, path, { user: 't', today: '2025-03-01' }, silentJob());
  return { store, path };
}

type Row = { row_number: number; status: string; reason: string | null };
const rawRows = (store: Store): Row[] => store.reader.prepare("SELECT row_number, status, reason FROM raw_row WHERE status <> 'header' ORDER BY id").all() as Row[];
type Rec = { forename: string | null; surname: string | null; dob: string | null; address: string | null; addr_town: string | null; problems_json: string };
const recordsOf = (store: Store): Rec[] => store.reader.prepare('SELECT forename, surname, dob, address, addr_town, problems_json FROM record ORDER BY id').all() as Rec[];

// In the columns of a public set of historical people: no event date anywhere in the file.
const PEOPLE = [
  'unique_id,cluster,full_name,first_and_surname,first_name,surname,dob,birth_place,postcode_fake,gender,occupation',
  'Q1-1,Q1,thomas clifford,thomas clifford,thomas,clifford,1630-08-01,devon,tq13 8df,male,politician',
  'Q1-2,Q1,thomas of chudleigh,thomas chudleigh,thomas,chudleigh,1630-08-01,devon,tq13 8df,male,politician',
  'Q2-1,Q2,john smith,john smith,john,smith,,london,se4 1ts,,priest',
  'Q2-2,Q2,john smith,john smith,john,smith,,london,,,priest',
  'Q3-1,Q3,william,william,william,,1778-06-07,bury st edmunds,,male,',
  'Q4-1,Q4,mary jones,mary jones,mary,jones,,,,female,weaver',
].join('\n');

describe('columns that describe the person', () => {
  it('in a file with no dated event, a place of birth is the town and an occupation the occupation (both compared in linkage), not events', async () => {
    const path = join(tempDir(), 'people.csv');
    writeFileSync(path, PEOPLE);
    const preview = await previewImport(null, path, 't');
    const roles = Object.fromEntries((preview.sheets[0]?.columns ?? []).map((c) => [c.header, c.role]));
    expect(roles).toMatchObject({ birth_place: 'town', occupation: 'occupation', postcode_fake: 'postcode', dob: 'dob' });
    const { store } = await importText('people.csv', PEOPLE);
    // A name and a place of birth identify someone; a forename and surname with only an
    // occupation are kept too, flagged as only a name (a register's row with the rest unfilled).
    expect(rawRows(store).map((r) => r.status)).toEqual(['record', 'record', 'record', 'record', 'record', 'record']);
    expect(recordsOf(store)[5]?.problems_json).toMatch(/only a name/);
    expect(recordsOf(store)[3]).toMatchObject({ forename: 'john', surname: 'smith', address: 'london' });
    expect(recordsOf(store)[3]?.addr_town).toBeTruthy();
    // stored, and read by the linker through the index of records that hold one
    expect(loadRecords(store.reader).map((r) => r.occupation ?? null)).toEqual(['politician', 'politician', 'priest', 'priest', null, 'weaver']);
    expect((store.reader.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n).toBe(0);
  });

  it('keeps a category column as the event\'s type where the file dates an event', async () => {
    const path = join(tempDir(), 'incidents.csv');
    writeFileSync(path, 'Surname,Forename,DOB,Incident date,Incident type,Town\nLee,Ann,01/02/1990,03/02/2024,Noise,Leeds\nRay,Bob,03/04/1991,05/02/2024,Begging,York\n');
    const preview = await previewImport(null, path, 't');
    const roles = Object.fromEntries((preview.sheets[0]?.columns ?? []).map((c) => [c.header, c.role]));
    expect(roles).toMatchObject({ 'Incident date': 'event_date', 'Incident type': 'event_category', Town: 'town' });
  });

  it('keeps termly attendance columns as events in a school file with no event date', async () => {
    const { store } = await importText('attendance.csv', 'Surname,Forename,DOB,UPN,Sessions possible Autumn 2024,Unauthorised absences Autumn 2024\nLee,Ann,01/02/2012,,120,14\nRay,Bob,03/04/2013,,118,2\n');
    expect((store.reader.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n).toBe(2);
  });
});

describe('names and dates of birth as registers give them', () => {
  it('a one-word full name beside the same forename is one name part, not forename and surname both', async () => {
    const { store } = await importText('people.csv', PEOPLE);
    expect(recordsOf(store)[4]).toMatchObject({ forename: 'william', surname: null, dob: '1778-06-07' });
  });

  it('a year of birth alone (or month and year) counts as a date of birth for identifying someone, and is never read as a day number', async () => {
    const { store } = await importText('register.csv', 'Surname,Forename,Born,Father\nLee,Ann,1843,Jeremiah Lee\nRay,Bob,c. 1790,Amos Ray\nKay,Eve,Mar 1802,\nFox,,,\nLow,Sue,12/05/1840,\n');
    expect(rawRows(store).map((r) => r.status)).toEqual(['record', 'record', 'record', 'quarantine', 'record']);
    const recs = recordsOf(store);
    expect(recs.map((r) => r.dob)).toEqual([null, null, null, '1840-05-12']);
    expect(recs[0]?.problems_json).toMatch(/only the year of birth \(1843\): stored as the year of birth/);
    // the year alone is kept for linkage, and only where the date itself is unknown
    expect(store.reader.prepare('SELECT dob_year FROM record ORDER BY id').pluck().all()).toEqual([1843, 1790, 1802, null]);
    // and read by the linker
    expect(loadRecords(store.reader).map((r) => r.dobYear)).toEqual([1843, 1790, 1802, null]);
    // erasing a person scrubs their father's forename from a run's notes, as it does their own names
    const db = store.writer;
    db.prepare(
      `INSERT INTO link_run (started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, records, candidate_pairs, stored_pairs, persons, households, blocking_json, training_json, summary_json)
       VALUES ('t', 't', 't', '{}', 0.9, 0.001, '[]', 2, 0, 0, 2, 2, ?, '{}', '{}')`,
    ).run(JSON.stringify({ largest: ['JEREMIAH LEE', 'AMOS RAY'] }));
    const first = JSON.stringify([db.prepare('SELECT min(id) FROM record').pluck().get()]);
    expect(identityValues(db, first)).toContain('JEREMIAH LEE');
    expect(scrubRunNotes(db, identityValues(db, first))).toBe(1);
    expect(JSON.parse(db.prepare('SELECT blocking_json FROM link_run').pluck().get() as string)).toEqual({ largest: ['(erased)', 'AMOS RAY'] });
    // the name-only row says what it lacks
    expect(rawRows(store)[3]?.reason).toMatch(/^not enough to identify a person: the row has only a name/);
  });

  it('a name and an age is enough; a surname alone is not', async () => {
    const { store } = await importText('burials.csv', 'Surname,Forename,Age,Postcode\nLee,Ann,73,\nRay,,,\n');
    expect(rawRows(store).map((r) => r.status)).toEqual(['record', 'quarantine']);
  });
});
