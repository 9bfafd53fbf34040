// The baseline's grid export, wards and streets from the command line: the same view as the
// people grid (filters, sort, chosen columns), with clear messages for a wrong option, and area
// counts disclosure-controlled for a co-ordinator.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBaselineIndex } from '../../electron/engine/baseline/index-build.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import { seedBaseline } from '../helpers/baseline-seed.js';
import { runCli } from '../helpers/cli.js';

const ANALYST = 'grid analyst passphrase';
const CORA = 'grid co-ordinator passphrase';
let dir: string;
let db: string;
let expected: Array<{ person: string; surname: string | null; dob: string | null }>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bw-grid-cli-'));
  db = join(dir, 'g.db');
  const store = Store.create(db, ANALYST);
  seedBaseline(store, 300);
  addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, CORA);
  ensureBaselineIndex(store);
  // the view asked for below, by SQL: born 1960-03-31 to 2000-03-31 (aged 25 to 64 on the run's
  // date), surname going down (no surname last), then ID going down
  expected = store.reader
    .prepare(
      `SELECT r.person_id AS person, max(rec.surname) AS surname, max(rec.dob) AS dob FROM run_record_person r JOIN record rec ON rec.id = r.record_id
       GROUP BY r.person_id HAVING max(rec.dob) > '1960-03-31' AND max(rec.dob) <= '2000-03-31'
       ORDER BY max(rec.surname) IS NULL, max(rec.surname) DESC, r.person_id DESC`,
    )
    .all() as typeof expected;
  store.close();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const as = (passphrase: string): Record<string, string> => ({ BASELINE_PASSPHRASE: passphrase, BASELINE_HOME: dir });

describe('baseline export, wards and streets', () => {
  it('exports the filtered, sorted view with the columns chosen, and says how many rows', () => {
    const out = join(dir, 'people.csv');
    const run = runCli(['baseline', 'export', 'people', '--out', out, '--sort', 'surname:desc', '--age-band', '25-64', '--columns', 'personId,surname,dob', '--db', db, '--json'], as(ANALYST));
    expect(run.stderr).toBe(`Wrote ${expected.length} people to ${out}.\n`);
    expect(run.code).toBe(0);
    expect(run.json).toEqual({ ok: true, command: 'baseline export', kind: 'people', out, rows: expected.length });
    expect(expected.length).toBeGreaterThan(50);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Person,Last name,Date of birth');
    expect(lines.slice(1)).toEqual(expected.map((e) => [e.person, e.surname ?? '', e.dob ?? ''].join(',')));
  }, 120_000);

  it('refuses a column it cannot sort by, an unknown age band and a missing --out, naming what it takes', () => {
    const sort = runCli(['baseline', 'export', 'households', '--out', join(dir, 'h.csv'), '--sort', 'sources', '--db', db], as(ANALYST));
    expect(sort.code).toBe(1);
    expect(sort.stderr).toContain('The households grid cannot sort by sources. It sorts by householdId, members');
    const band = runCli(['baseline', 'export', 'people', '--out', join(dir, 'p.csv'), '--age-band', '30-40', '--db', db], as(ANALYST));
    expect(band.code).toBe(1);
    expect(band.stderr).toContain('--age-band must be one of 0-4, 5-10');
    expect(runCli(['baseline', 'export', 'people', '--db', db], as(ANALYST)).stderr).toContain('needs --out FILE.csv');
  });

  it('counts households per ward and per street: exact for an analyst, counts under 10 withheld for a co-ordinator', () => {
    const exact = runCli(['baseline', 'wards', '--db', db, '--json'], as(ANALYST));
    expect(exact.code).toBe(0);
    expect(exact.json).toMatchObject({ command: 'baseline wards', run: 1, wardYear: null, suppressed: false, rows: [{ wardCode: null, households: 100, persons: 300 }] });
    const streets = runCli(['baseline', 'streets', '--db', db, '--json', '--user', 'cora'], as(CORA));
    expect(streets.code).toBe(0);
    const rows = (streets.json as { suppressed: boolean; rows: Array<{ households: number | null }> });
    expect(rows.suppressed).toBe(true);
    const streetRows = rows.rows as Array<{ street: string | null; households: number | null }>;
    // 50 households on the high street; the other 50 a few to each of 20 lanes
    expect(streetRows.find((r) => r.street === 'HIGH STREET')?.households).toBe(50);
    expect(streetRows.filter((r) => r.street?.startsWith('LANE'))).toHaveLength(20);
    expect(streetRows.filter((r) => r.street?.startsWith('LANE')).every((r) => r.households === null)).toBe(true);
  });
});
