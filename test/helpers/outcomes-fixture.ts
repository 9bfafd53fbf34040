// A small baseline written straight into a real store, so outcome figures can be worked out by
// hand: five households in three LSOAs over three quarters of 2024, one family moving out of the
// target area in May and one moving in in August, ASB incidents from the police, and A&E
// attendances from two health extracts that leave April–June uncovered.
//
//   household  people  lives                         ASB incidents per quarter (Q1, Q2, Q3)
//   H1         20      L1 throughout                 12, 12, 12
//   H2         10      L1, then L3 from 2024-05-15    9,  9,  9
//   H3          5      L2, then L1 from 2024-08-01    0,  0,  3
//   H4         30      L2 throughout                 12, 12, 17
//   H5         15      L3 throughout                  3,  3,  3
//
// DWP benefit spells in H4 (see below). Areas: Target = {L1}, Other = {L2}, Small = {L3}. No district is set, so the borough is every
// LSOA the households live in.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Store } from '../../electron/engine/store/store.js';

export const L1 = 'E01000001';
export const L2 = 'E01000002';
export const L3 = 'E01000003';
export const FIXTURE_PASS = 'outcomes fixture passphrase';

interface Household {
  id: string;
  people: number;
  /** [date from, postcode] oldest first */
  addresses: Array<[string, string]>;
  asb: [number, number, number];
}

export const HOUSEHOLDS: Household[] = [
  { id: 'H1', people: 20, addresses: [['2023-12-01', 'S1 1AA']], asb: [12, 12, 12] },
  { id: 'H2', people: 10, addresses: [['2023-12-01', 'S1 1AA'], ['2024-05-15', 'S3 3CC']], asb: [9, 9, 9] },
  { id: 'H3', people: 5, addresses: [['2023-12-01', 'S2 2BB'], ['2024-08-01', 'S1 1AA']], asb: [0, 0, 3] },
  { id: 'H4', people: 30, addresses: [['2023-12-01', 'S2 2BB']], asb: [12, 12, 17] },
  { id: 'H5', people: 15, addresses: [['2023-12-01', 'S3 3CC']], asb: [3, 3, 3] },
];

const QUARTER_DAYS = ['2024-02-10', '2024-05-20', '2024-08-20'];

/**
 * `pupils`: adds H6, four children born 2014-05-01 living in L1, with spring and summer 2024
 * attendance (absence shares: A 11%, 8%; B 9%, 9%; C exactly 10%, 5%; D no sessions given).
 */
export function buildOutcomesFixture(dir: string, options: { pupils?: boolean } = {}): string {
  const path = join(dir, 'outcomes.db');
  const store = Store.create(path, FIXTURE_PASS, 'analyst');
  const db = store.writer;
  const now = '2024-10-01T00:00:00Z';
  let sha = 0;
  const source = (partner: string, kind: string, asOf: string): number =>
    Number(
      db
        .prepare(`INSERT INTO source(file_name, sha256, size, format, partner, kind, as_of, imported_at, imported_by, mapping_json) VALUES (?, ?, 1, 'csv', ?, ?, ?, ?, 'analyst', '{}')`)
        .run(`${partner}.csv`, createHash('sha256').update(String(sha++)).digest('hex'), partner, kind, asOf, now).lastInsertRowid,
    );
  let row = 0;
  const record = (sourceId: number, postcode: string, date: string, dob: string): number => {
    const raw = db.prepare(`INSERT INTO raw_row(source_id, sheet_ordinal, row_number, cells_json, status) VALUES (?, 0, ?, '[]', 'record')`).run(sourceId, ++row).lastInsertRowid;
    return Number(db.prepare('INSERT INTO record(raw_row_id, source_id, postcode, event_date, dob) VALUES (?, ?, ?, ?, ?)').run(raw, sourceId, postcode, date, dob).lastInsertRowid);
  };
  db.transaction(() => {
    const geo = db.prepare(`INSERT INTO geo_import(kind, file_name, sha256, size, layout, rows, lsoas, imported_at, imported_by) VALUES ('lookup', 'pc.csv', 'x', 1, 'postcode', 3, 3, ?, 'analyst')`).run(now).lastInsertRowid;
    for (const [pc, lsoa] of [['S1 1AA', L1], ['S2 2BB', L2], ['S3 3CC', L3]]) db.prepare('INSERT INTO postcode_lsoa(postcode, vintage, lsoa, import_id) VALUES (?, 2021, ?, ?)').run(pc, lsoa, geo);
    // Three squares side by side near Rotherham, so the map has something to draw.
    [L1, L2, L3].forEach((lsoa, i) => {
      const x = -1.36 + i * 0.01;
      const ring = [[x, 53.43], [x + 0.01, 53.43], [x + 0.01, 53.44], [x, 53.44], [x, 53.43]];
      db.prepare("INSERT INTO lsoa_boundary(vintage, lsoa, name, geometry_json, import_id) VALUES (2021, ?, ?, ?, ?)").run(lsoa, `Fixture ${i + 1}`, JSON.stringify({ type: 'Polygon', coordinates: [ring] }), geo);
    });
    const housing = source('Housing', 'housing', '2024-09-30');
    const police = source('Police', 'police', '2024-09-30');
    const healthEarly = source('Health', 'health', '2024-03-31');
    const healthLate = source('Health', 'health', '2024-09-30');
    db.prepare(
      `INSERT INTO link_run(id, started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, records, candidate_pairs, stored_pairs, persons, households, blocking_json, training_json, summary_json)
       VALUES (1, ?, ?, 'analyst', '{}', 0.9, 0.001, '[]', 0, 0, 0, 0, 0, '{}', '{}', '{}')`,
    ).run(now, now);
    const event = db.prepare('INSERT INTO event(record_id, source_id, kind, category, start_date) VALUES (?, ?, ?, ?, ?)');
    let person = 0;
    for (const h of HOUSEHOLDS) {
      db.prepare('INSERT INTO household(id, created_run) VALUES (?, 1)').run(h.id);
      const people: number[] = [];
      for (let i = 0; i < h.people; i++) {
        const pid = `P${++person}`;
        db.prepare('INSERT INTO person(id, created_run) VALUES (?, 1)').run(pid);
        db.prepare('INSERT INTO run_person_household(run_id, person_id, household_id) VALUES (1, ?, ?)').run(pid, h.id);
        for (const [from, pc] of h.addresses) {
          const rec = record(housing, pc, from, '1980-01-01');
          db.prepare('INSERT INTO run_record_person(run_id, record_id, person_id) VALUES (1, ?, ?)').run(rec, pid);
        }
        people.push(person);
      }
      // Events hang off a police record of the person (the postcode on it does not place them).
      h.asb.forEach((n, q) => {
        for (let k = 0; k < n; k++) {
          const pid = `P${people[k % people.length]}`;
          const rec = record(police, null as unknown as string, QUARTER_DAYS[q] as string, '1980-01-01');
          db.prepare('INSERT INTO run_record_person(run_id, record_id, person_id) VALUES (1, ?, ?)').run(rec, pid);
          event.run(rec, police, 'asb-incident', 'ASB - Nuisance', QUARTER_DAYS[q]);
        }
      });
    }
    // The police extract covers 1 January to 30 September.
    const first = record(police, null as unknown as string, '2024-01-01', '1980-01-01');
    db.prepare("INSERT INTO run_record_person(run_id, record_id, person_id) VALUES (1, ?, 'P1')").run(first);
    event.run(first, police, 'asb-incident', 'Burglary - Residential', '2024-01-01');
    // DWP benefit spells for people in H4 (persons 36–65): three on JSA throughout (the first
    // also with a second JSA claim), two on ESA from February to 10 May, one on Housing Benefit
    // (not an out-of-work benefit); a spell closed on 15 January says the extract speaks from then.
    const dwp = source('DWP', 'benefits', '2024-09-30');
    const h4First = HOUSEHOLDS.slice(0, 3).reduce((n, h) => n + h.people, 0) + 1;
    const spell = (k: number, category: string, start: string, end: string | null): void => {
      const rec = record(dwp, null as unknown as string, start, '1980-01-01');
      db.prepare('INSERT INTO run_record_person(run_id, record_id, person_id) VALUES (1, ?, ?)').run(rec, `P${h4First + k}`);
      db.prepare('INSERT INTO event(record_id, source_id, kind, category, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?)').run(rec, dwp, 'benefit-spell', category, start, end);
    };
    for (const k of [0, 1, 2]) spell(k, "Jobseeker's Allowance", '2023-06-01', null);
    spell(0, "Jobseeker's Allowance", '2023-09-01', null);
    for (const k of [3, 4]) spell(k, 'Employment and Support Allowance', '2024-02-01', '2024-05-10');
    spell(5, 'Housing Benefit', '2023-01-01', null);
    spell(6, 'Universal Credit', '2023-01-01', '2024-01-15');
    if (options.pupils) {
      const school = source('School', 'school', '2024-07-31');
      db.prepare("INSERT INTO household(id, created_run) VALUES ('H6', 1)").run();
      const shares: Array<[number, number, number, number]> = [
        // [spring unauthorised, spring authorised, summer unauthorised, summer authorised] of 100 sessions
        [8, 3, 8, 0],
        [5, 4, 9, 0],
        [10, 0, 5, 0],
        [20, 20, 20, 20],
      ];
      shares.forEach(([su, sa, mu, ma], k) => {
        const pid = `C${k + 1}`;
        db.prepare('INSERT INTO person(id, created_run) VALUES (?, 1)').run(pid);
        db.prepare("INSERT INTO run_person_household(run_id, person_id, household_id) VALUES (1, ?, 'H6')").run(pid);
        const home = record(housing, 'S1 1AA', '2023-12-01', '2014-05-01');
        db.prepare('INSERT INTO run_record_person(run_id, record_id, person_id) VALUES (1, ?, ?)').run(home, pid);
        const rec = record(school, null as unknown as string, '2024-07-31', '2014-05-01');
        db.prepare('INSERT INTO run_record_person(run_id, record_id, person_id) VALUES (1, ?, ?)').run(rec, pid);
        const term = db.prepare("INSERT INTO event(record_id, source_id, kind, category, start_date, end_date, value, detail_json) VALUES (?, ?, 'attendance', ?, ?, ?, ?, ?)");
        const detail = (u: number, a: number): string => JSON.stringify(k === 3 ? { unauthorisedAbsences: u } : { sessionsPossible: 100, unauthorisedAbsences: u, authorisedAbsences: a });
        term.run(rec, school, 'Spr 2024', '2024-01-01', '2024-04-14', su, detail(su, sa));
        term.run(rec, school, 'Sum 2024', '2024-04-15', '2024-07-31', mu, detail(mu, ma));
      });
    }
    // A&E: January–March and July–September only.
    for (const [src, date] of [[healthEarly, '2024-01-01'], [healthEarly, '2024-03-20'], [healthLate, '2024-07-01'], [healthLate, '2024-08-20']] as Array<[number, string]>) {
      const rec = record(src, null as unknown as string, date, '1980-01-01');
      db.prepare("INSERT INTO run_record_person(run_id, record_id, person_id) VALUES (1, ?, 'P1')").run(rec);
      event.run(rec, src, 'ae-attendance', 'Fall', date);
    }
    const area = db.prepare("INSERT INTO area(name, kind, vintage, created_at, created_by) VALUES (?, 'target', 2021, ?, 'analyst')");
    const member = db.prepare('INSERT INTO area_lsoa(area_id, lsoa) VALUES (?, ?)');
    for (const [name, lsoa] of [['Target', L1], ['Other', L2], ['Small', L3]] as const) member.run(area.run(name, now).lastInsertRowid, lsoa);
  })();
  store.close();
  return path;
}
