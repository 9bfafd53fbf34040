// The baseline's channels on a real encrypted store holding a linked demo borough: search by a
// misspelt name, a nickname, a date of birth, a postcode and an identifier; the person and
// household pages; a split and pair decisions that hold at the next link; conflicting decisions
// shown resolved; grids and street counts by role; subject access; erasure that leaves no trace
// (a scan of every table); audit events for views that never hold the search text.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdPage, PairCluster, PersonPage, ReviewQueue, SearchResponse, StreetRow } from '../../shared/ipc/channels/baseline.js';
import { runDemo } from '../../electron/engine/demo-job.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { nicknamesOf } from '../../electron/engine/link/names.js';
import { runLink } from '../../electron/engine/link/run-link.js';
import { invalidateBaselineIndex } from '../../electron/engine/baseline/index-build.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';

const PASS = 'baseline test passphrase';
let dir: string;
let path: string;
let engine: Engine;

async function value<T>(channel: string, request: unknown, e: Engine = engine): Promise<T> {
  const result = await e.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind} ${result.error.message}`);
  return result.value as T;
}

const store = (): Store => (engine as unknown as { requireStore(): Store }).requireStore();

async function relink(): Promise<void> {
  await runLink(store(), { user: 'analyst' }, silentJob());
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-baseline-'));
  path = join(dir, 'baseline.db');
  const s = Store.create(path, PASS);
  await runDemo(s, { households: 120, seed: 5, outDir: join(dir, 'demo'), user: 'analyst' }, silentJob());
  engine = createEngine({ storePath: path, host: 'browser', version: 't' });
  engine.adoptStore(s);
}, 120_000);

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('search', () => {
  it('finds a person by a misspelt name, a nickname, a date of birth, a postcode and an identifier', async () => {
    await value('baseline:people', { startRow: 0, endRow: 1, sort: [], filters: {} }); // builds the index
    const people = store().reader.prepare('SELECT person_id AS id, forename, surname, dob, postcode FROM baseline_person WHERE forename IS NOT NULL AND surname IS NOT NULL AND dob IS NOT NULL').all() as Array<{ id: string; forename: string; surname: string; dob: string; postcode: string | null }>;
    const long = people.find((p) => p.surname.length >= 6 && /^[A-Za-z]+$/.test(p.surname))!;
    // one letter dropped from the surname, one doubled in the forename
    const typo = `${long.forename}${long.forename.slice(-1)} ${long.surname.slice(0, 2)}${long.surname.slice(3)}`;
    const byTypo = await value<SearchResponse>('baseline:search', { query: typo });
    expect(byTypo.hits.slice(0, 5).map((h) => h.personId), typo).toContain(long.id);

    const nick = people.find((p) => nicknamesOf(p.forename.toUpperCase()).length > 0)!;
    const nickname = nicknamesOf(nick.forename.toUpperCase()).find((n) => n !== nick.forename.toUpperCase())!;
    const byNickname = await value<SearchResponse>('baseline:search', { query: `${nickname} ${nick.surname}` });
    expect(byNickname.hits.slice(0, 5).map((h) => h.personId), `${nickname} ${nick.surname}`).toContain(nick.id);

    const [y, m, d] = long.dob.split('-');
    const byDob = await value<SearchResponse>('baseline:search', { query: `${long.surname} ${d}/${m}/${y}` });
    expect(byDob.hits[0]?.personId).toBe(long.id);
    expect(byDob.hits[0]).toMatchObject({ forename: long.forename, dob: long.dob, householdId: expect.stringMatching(/^H\d+$/) });
    expect(byDob.hits[0]?.sources.length).toBeGreaterThan(0);

    const withPostcode = people.find((p) => p.postcode)!;
    const byPostcode = await value<SearchResponse>('baseline:search', { query: withPostcode.postcode!.replace(' ', '').toLowerCase(), limit: 50 });
    expect(byPostcode.hits.map((h) => h.personId)).toContain(withPostcode.id);

    const upn = store().reader.prepare("SELECT rp.person_id AS id, r.upn FROM record r JOIN run_record_person rp ON rp.record_id = r.id WHERE r.upn_valid = 1 ORDER BY rp.run_id DESC LIMIT 1").get() as { id: string; upn: string };
    expect((await value<SearchResponse>('baseline:search', { query: upn.upn })).hits[0]?.personId).toBe(upn.id);

    // audited by the people found, never by what was typed
    const events = store().reader.prepare("SELECT payload_json FROM audit_event WHERE action = 'person-search'").pluck().all() as string[];
    expect(events.length).toBeGreaterThanOrEqual(4);
    for (const e of events) {
      expect(e).not.toContain(long.surname);
      expect(e).not.toContain(nickname);
    }
    expect((await value<SearchResponse>('baseline:search', { query: 'zzqxv' })).hits).toEqual([]);
  });
});

describe('person and household pages', () => {
  it('shows every record as sent, the settled identity with disagreements, events and the household', async () => {
    const id = store().reader.prepare('SELECT person_id FROM baseline_person WHERE records >= 2 ORDER BY records DESC LIMIT 1').pluck().get() as string;
    const page = await value<PersonPage>('baseline:person', { personId: id });
    expect(page.records.length).toBeGreaterThanOrEqual(2);
    for (const r of page.records) {
      expect(r.cells.length).toBeGreaterThan(0);
      expect(r.row).toBeGreaterThan(0);
      for (const f of r.disagrees) expect((r.fields as Record<string, string | null>)[f]?.toUpperCase()).not.toBe((page.identity as Record<string, string | null>)[f]?.toUpperCase());
    }
    expect(page.pairs.length).toBeGreaterThan(0);
    expect(page.households[0]?.householdId).toBe(page.householdId);
    const household = await value<HouseholdPage>('baseline:household', { householdId: page.householdId! });
    expect(household.members.map((m) => m.personId)).toContain(id);
    expect(household.addresses.length).toBeGreaterThan(0);
    for (const a of household.addresses) expect(a.from <= a.to).toBe(true);
    const actions = store().reader.prepare("SELECT action, payload_json AS p FROM audit_event WHERE action IN ('view-person', 'view-household') ORDER BY id DESC LIMIT 2").all() as Array<{ action: string; p: string }>;
    expect(actions.map((a) => a.action).sort()).toEqual(['view-household', 'view-person']);
    expect(await engine.invoke('baseline:person', { personId: 'P9999999' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});

describe('decisions and splits hold across runs', () => {
  it('a split record stays apart after link, and the rest of the person stays together', async () => {
    const id = store().reader.prepare('SELECT person_id FROM baseline_person WHERE records >= 3 ORDER BY person_id LIMIT 1').pluck().get() as string;
    const before = await value<PersonPage>('baseline:person', { personId: id });
    const off = before.records[0]!.recordId;
    const rest = before.records.slice(1).map((r) => r.recordId);
    await value('baseline:split', { personId: id, recordId: off });
    await relink();
    await relink();
    const personOf = (record: number): string =>
      store().reader.prepare('SELECT person_id FROM run_record_person WHERE record_id = ? AND run_id = (SELECT max(id) FROM link_run)').pluck().get(record) as string;
    for (const r of rest) expect(personOf(r)).not.toBe(personOf(off));
    const page = await value<PersonPage>('baseline:person', { personId: personOf(off) });
    expect(page.decisions.filter((d) => d.decision === 'non-match').every((d) => d.status === 'applied')).toBe(true);
  }, 60_000);

  it('conflicting decisions (A=B, B=C, A≠C) are resolved in the open: the non-match holds and the overridden match is shown', async () => {
    const three = store().reader
      .prepare('SELECT min(record_id) FROM run_record_person WHERE run_id = (SELECT max(id) FROM link_run) GROUP BY person_id ORDER BY person_id LIMIT 3 OFFSET 40')
      .pluck()
      .all() as number[];
    const [a, b, c] = three as [number, number, number];
    const pid = (x: number, y: number): string => (x < y ? `${x}-${y}` : `${y}-${x}`);
    await value('review:decide', { id: pid(a, b), decision: 'match' });
    await value('review:decide', { id: pid(b, c), decision: 'match' });
    await value('review:decide', { id: pid(a, c), decision: 'non-match' });
    await relink();
    const personOf = (record: number): string =>
      store().reader.prepare('SELECT person_id FROM run_record_person WHERE record_id = ? AND run_id = (SELECT max(id) FROM link_run)').pluck().get(record) as string;
    expect(personOf(a)).not.toBe(personOf(c));
    const pages = await Promise.all([a, c].map((r) => value<PersonPage>('baseline:person', { personId: personOf(r) })));
    const shown = new Map(pages.flatMap((p) => p.decisions).map((d) => [d.id, d.status]));
    expect(shown.get(pid(a, c))).toBe('applied');
    // exactly one of the two matches could not be honoured, and the page says so
    expect([shown.get(pid(a, b)), shown.get(pid(b, c))].sort()).toEqual(['applied', 'conflict']);
  }, 60_000);
});

describe('household decisions hold across runs', () => {
  it('a merged household stays one, and a person split off stays apart', async () => {
    await value('baseline:people', { startRow: 0, endRow: 1, sort: [], filters: {} });
    const homes = store().reader.prepare('SELECT household_id AS id, members FROM baseline_household WHERE members >= 2 ORDER BY household_id LIMIT 3').all() as Array<{ id: string }>;
    const [a, b, c] = homes as [{ id: string }, { id: string }, { id: string }];
    const membersOf = (h: string): string[] => store().reader.prepare('SELECT person_id FROM baseline_person WHERE household_id = ? ORDER BY person_id').pluck().all(h) as string[];
    const inA = membersOf(a.id);
    const inB = membersOf(b.id);
    const [leaver, ...stay] = membersOf(c.id) as [string, ...string[]];
    await value('baseline:householdDecide', { kind: 'merge', householdId: b.id, intoHouseholdId: a.id });
    await value('baseline:householdDecide', { kind: 'split', householdId: c.id, personId: leaver });
    for (let i = 0; i < 2; i++) await relink();
    await value('baseline:people', { startRow: 0, endRow: 1, sort: [], filters: {} });
    const homeOf = (p: string): string => store().reader.prepare('SELECT household_id FROM baseline_person WHERE person_id = ?').pluck().get(p) as string;
    const joined = new Set([...inA, ...inB].map(homeOf));
    expect(joined.size).toBe(1);
    for (const p of stay) expect(homeOf(p)).not.toBe(homeOf(leaver));
    const page = await value<HouseholdPage>('baseline:household', { householdId: homeOf(inA[0]!) });
    expect(page.members.filter((m) => m.current).map((m) => m.personId).sort()).toEqual([...inA, ...inB].sort());
  }, 60_000);
});

describe('grids and streets', () => {
  it('filters people by flag and age band, and households by source', async () => {
    const all = await value<{ rows: unknown[]; lastRow: number }>('baseline:people', { startRow: 0, endRow: 50, sort: [{ colId: 'surname', sort: 'asc' }], filters: {} });
    expect(all.lastRow).toBeGreaterThan(100);
    const children = await value<{ rows: Array<{ age: number | null }>; lastRow: number }>('baseline:people', { startRow: 0, endRow: 500, sort: [], filters: { ageBand: '5-10' } });
    expect(children.lastRow).toBeGreaterThan(0);
    for (const r of children.rows) expect(r.age).toBeGreaterThanOrEqual(5), expect(r.age).toBeLessThanOrEqual(10);
    const noDob = await value<{ rows: Array<{ dob: string | null; flags: string[] }> }>('baseline:people', { startRow: 0, endRow: 500, sort: [], filters: { flag: 'no-dob' } });
    for (const r of noDob.rows) expect(r.dob).toBeNull();
    const households = await value<{ rows: Array<{ members: number }>; lastRow: number }>('baseline:households', { startRow: 0, endRow: 20, sort: [{ colId: 'members', sort: 'desc' }], filters: { sourceId: 1 } });
    expect(households.lastRow).toBeGreaterThan(0);
    expect(households.rows[0]!.members).toBeGreaterThanOrEqual(households.rows[households.rows.length - 1]!.members);
    const none = await value<{ rows: unknown[]; lastRow: number }>('baseline:people', { startRow: 0, endRow: 50, sort: [], filters: { text: 'no such name at all' } });
    expect(none).toMatchObject({ rows: [], lastRow: 0 });
  });

  it('gives co-ordinators street counts with small numbers suppressed, and no people', async () => {
    addUser(store(), { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
    const cora = createEngine({ storePath: path, host: 'browser', version: 't' });
    await value('store:unlock', { passphrase: 'coordinator passphrase' }, cora);
    const streets = await value<{ suppressed: boolean; rows: StreetRow[] }>('baseline:streets', {}, cora);
    expect(streets.suppressed).toBe(true);
    for (const r of streets.rows) for (const n of [r.households, r.persons, r.children]) expect(n === null || n === 0 || n >= 10).toBe(true);
    expect(streets.rows.filter((r) => r.households === null).length).not.toBe(1);
    for (const channel of ['baseline:search', 'baseline:people', 'baseline:person', 'review:queue']) {
      const request = channel === 'baseline:search' ? { query: 'Smith' } : channel === 'baseline:person' ? { personId: 'P0000001' } : channel === 'review:queue' ? {} : { startRow: 0, endRow: 5, sort: [], filters: {} };
      expect(await cora.invoke(channel, request), channel).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    cora.close();
  });
});

describe('grid paging, filters and export', () => {
  type Page = { rows: Array<{ personId: string; surname: string | null; imdDecile: number | null; householdId: string | null }>; lastRow: number; next: string | null };
  const people = (request: Record<string, unknown>): Promise<Page> => value<Page>('baseline:people', { sort: [], filters: {}, ...request });

  it('pages by cursor and by jumps give the one order the sort defines, NULLs last going down', async () => {
    const db = store().reader;
    const source = db.prepare('SELECT source_id FROM baseline_person_source GROUP BY source_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    // the order by itself: surname descending, no surname last, then ID descending
    const order = (rows: Array<{ id: string; surname: string | null }>): string[] =>
      [...rows].sort((a, b) => (a.surname === b.surname ? (a.id < b.id ? 1 : -1) : a.surname === null ? 1 : b.surname === null ? -1 : a.surname < b.surname ? 1 : -1)).map((r) => r.id);
    const everyone = db.prepare('SELECT person_id AS id, surname, id AS rowId FROM baseline_person').all() as Array<{ id: string; surname: string | null; rowId: number }>;
    const ofSource = new Set(db.prepare('SELECT id FROM baseline_person_source WHERE source_id = ?').pluck().all(source) as number[]);
    const sort = [{ colId: 'surname', sort: 'desc' }];
    // unfiltered (a sort index leads) and filtered by source (the source's people lead)
    for (const [filters, expected] of [[{}, order(everyone)], [{ sourceId: source }, order(everyone.filter((p) => ofSource.has(p.rowId)))]] as const) {
      expect(expected.length).toBeGreaterThan(60);
      const walked: string[] = [];
      let after: string | undefined;
      for (let start = 0; start < expected.length; start += 37) {
        const page = await people({ startRow: start, endRow: start + 37, sort, filters, ...(after ? { after } : {}) });
        expect(page.lastRow).toBe(expected.length);
        walked.push(...page.rows.map((r) => r.personId));
        after = page.next ?? undefined;
        if (!after) break;
      }
      expect(walked).toEqual(expected);
      // a jump to a row no page ended at
      const jump = await people({ startRow: 50, endRow: 87, sort, filters });
      expect(jump.rows.map((r) => r.personId)).toEqual(expected.slice(50, 87));
    }
  });

  it('filters by IMD decile (from the LSOA of the postcode) and by cohort, and counts households by ward', async () => {
    const s = store();
    const w = s.writer;
    // reference data for a few postcodes: their LSOA, and the LSOA's IMD decile
    const postcodes = w.prepare("SELECT DISTINCT upper(postcode) FROM baseline_person WHERE postcode IS NOT NULL LIMIT 6").pluck().all() as string[];
    const geo = Number(w.prepare("INSERT INTO geo_import(kind, file_name, sha256, size, layout, rows, lsoas, imported_at, imported_by) VALUES ('lookup', 't.csv', 'sha-t', 0, 't', 0, 0, '2026-01-01', 'analyst')").run().lastInsertRowid);
    w.prepare("INSERT OR IGNORE INTO iod_release(release, vintage, national_lsoas) VALUES ('IoD2025', 2021, 33755)").run();
    postcodes.forEach((pc, i) => {
      w.prepare('INSERT OR REPLACE INTO postcode_lsoa(postcode, vintage, lsoa, import_id) VALUES (?, 2021, ?, ?)').run(pc, `E0100000${i}`, geo);
      w.prepare("INSERT OR REPLACE INTO iod_lsoa(release, lsoa, imd_decile, import_id) VALUES ('IoD2025', ?, ?, ?)").run(`E0100000${i}`, i < 3 ? 1 : 7, geo);
    });
    invalidateBaselineIndex(s);
    const first = await people({ startRow: 0, endRow: 500, filters: { imdDecile: 1 } });
    const firstPostcodes = postcodes.slice(0, 3);
    const want = s.reader.prepare('SELECT count(*) FROM baseline_person WHERE upper(postcode) IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(firstPostcodes)) as number;
    expect(want).toBeGreaterThan(0);
    expect(first.lastRow).toBe(want);
    for (const r of first.rows) expect(r.imdDecile).toBe(1);

    // the area view by ward: households of the LSOAs the ward lookup puts in each ward
    postcodes.forEach((_pc, i) => {
      w.prepare('INSERT OR REPLACE INTO lsoa_ward(vintage, ward_year, lsoa, ward_code, ward_name, import_id) VALUES (2021, 2024, ?, ?, ?, ?)').run(`E0100000${i}`, i < 3 ? 'E05000001' : 'E05000002', i < 3 ? 'North' : 'South', geo);
    });
    const wards = await value<{ wardYear: number; rows: Array<{ wardCode: string | null; wardName: string | null; households: number | null }> }>('baseline:wards', {});
    expect(wards.wardYear).toBe(2024);
    const north = s.reader.prepare("SELECT count(*) FROM baseline_household WHERE lsoa IN ('E01000000', 'E01000001', 'E01000002')").pluck().get() as number;
    expect(north).toBeGreaterThan(0);
    expect(wards.rows.find((r) => r.wardName === 'North')?.households).toBe(north);
    expect(wards.rows.at(-1)?.wardCode).toBeNull();
    expect(wards.rows.reduce((n, r) => n + (r.households ?? 0), 0)).toBe(s.reader.prepare('SELECT count(*) FROM baseline_household').pluck().get());

    // the cohort as last made (its as-of date), as the filter takes it
    const summary = await value<{ qualifying: number }>('cohort:evaluate', { programme: 'troubled-families-phase-1', asOf: '2025-03-31' });
    const inCohort = await value<{ lastRow: number }>('baseline:households', { startRow: 0, endRow: 10, sort: [], filters: { cohort: 'troubled-families-phase-1' } });
    expect(inCohort.lastRow).toBe(summary.qualifying);
    const compared = summary.qualifying;
    expect(compared).toBeGreaterThan(0);
    expect(await engine.invoke('baseline:people', { startRow: 0, endRow: 10, sort: [], filters: { cohort: 'no-such-programme' } })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('exports the view as CSV for people: chosen columns, formulas kept as text, audited without the filter text', async () => {
    const target = store().reader.prepare('SELECT person_id FROM baseline_person ORDER BY id LIMIT 1').pluck().get() as string;
    // a name a spreadsheet would run as a formula
    store().writer.prepare("UPDATE baseline_person SET forename = '=HYPERLINK(\"http://x\")' WHERE person_id = ?").run(target);
    const out = join(dir, 'people.csv');
    const done = await value<{ saved: boolean; rows: number }>('baseline:gridExport', { kind: 'people', sort: [{ colId: 'personId', sort: 'asc' }], filters: { text: target }, columns: ['personId', 'forename', 'imdDecile'], path: out });
    expect(done).toMatchObject({ saved: true, rows: 1 });
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Person,First name,IMD decile');
    expect(lines[1]).toMatch(new RegExp(`^${target},"'=HYPERLINK`));
    const all = await value<{ rows: number }>('baseline:gridExport', { kind: 'households', sort: [], filters: {}, path: join(dir, 'households.csv') });
    expect(all.rows).toBe((await value<{ lastRow: number }>('baseline:households', { startRow: 0, endRow: 1, sort: [], filters: {} })).lastRow);
    const audit = store().reader.prepare("SELECT payload_json FROM audit_event WHERE action = 'baseline-grid-export' ORDER BY id").pluck().all() as string[];
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!)).toEqual({ kind: 'people', rows: 1, columns: 3, filters: 'text' });
    expect(audit[0]).not.toContain(target);
    expect(await engine.invoke('baseline:gridExport', { kind: 'people', sort: [], filters: {}, columns: ['nhsNumber'], path: join(dir, 'x.csv') })).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
  });
});

describe('review queue', () => {
  it('has one entry per pair of people, filters by scenario and source pair, and flags the cluster a pair would join', async () => {
    await runLink(store(), { user: 'analyst', threshold: 0.999 }, silentJob());
    const all = await value<ReviewQueue>('review:queue', { limit: 1000 });
    expect(all.total).toBeGreaterThan(5);
    const people = all.entries.map((e) => [e.a.personId, e.b.personId].sort().join('|'));
    expect(new Set(people).size).toBe(people.length);
    const sameDob = await value<ReviewQueue>('review:queue', { limit: 1000, scenario: 'same-dob-different-name' });
    expect(sameDob.total).toBeLessThan(all.total);
    for (const e of sameDob.entries) {
      expect(e.a.dob).toBe(e.b.dob);
      expect(`${e.a.forename} ${e.a.surname}`.toUpperCase()).not.toBe(`${e.b.forename} ${e.b.surname}`.toUpperCase());
    }
    const first = all.entries[0]!;
    const between = await value<ReviewQueue>('review:queue', { limit: 1000, sources: [first.b.file, first.a.file] });
    expect(between.entries.map((e) => e.id)).toContain(first.id);
    for (const e of between.entries) expect([e.a.file, e.b.file].sort()).toEqual([first.a.file, first.b.file].sort());
    const cluster = await value<PairCluster>('review:cluster', { id: first.id });
    expect(cluster.records.map((r) => r.recordId)).toEqual(expect.arrayContaining([first.recordA, first.recordB]));
    expect(cluster.density).toBeGreaterThanOrEqual(0);
  }, 60_000);
});

describe('subject rights', () => {
  it('exports everything held about a person, then erases them leaving no trace in any table', async () => {
    const id = store().reader.prepare('SELECT person_id FROM baseline_person WHERE records >= 2 ORDER BY person_id DESC LIMIT 1').pluck().get() as string;
    await value('baseline:person', { personId: id });
    const out = join(dir, 'sar.xlsx');
    const sar = await value<{ saved: boolean; records: number; views: number }>('baseline:subjectAccess', { personId: id, path: out });
    expect(sar).toMatchObject({ saved: true });
    expect(sar.views).toBeGreaterThan(0);
    const wb = XLSX.read(readFileSync(out));
    expect(wb.SheetNames).toEqual(['Summary', 'Identity', 'Records as sent', 'Events', 'Households', 'Decisions', 'Who viewed']);
    const pdf = join(dir, 'sar.pdf');
    expect(await value('baseline:subjectAccess', { personId: id, path: pdf })).toMatchObject({ saved: true, path: pdf, records: sar.records });
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/NotoSans/);
    expect(store().reader.prepare("SELECT json_extract(payload_json, '$.format') FROM audit_event WHERE action = 'subject-access-export' ORDER BY id DESC LIMIT 1").pluck().get()).toBe('pdf');

    // what only this person's rows hold: after erasure none of it may be anywhere
    const db = store().reader;
    const mine = db.prepare('SELECT w.id, w.cells_json FROM raw_row w JOIN record r ON r.raw_row_id = w.id JOIN run_record_person rp ON rp.record_id = r.id WHERE rp.person_id = ? AND rp.run_id = (SELECT max(id) FROM link_run)').all(id) as Array<{ id: number; cells_json: string }>;
    const others = (db.prepare('SELECT cells_json FROM raw_row WHERE id NOT IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(mine.map((m) => m.id))) as string[]).join('\n');
    const distinctive = [...new Set(mine.flatMap((m) => JSON.parse(m.cells_json) as Array<string | null>))].filter((v): v is string => typeof v === 'string' && v.length >= 6 && !others.includes(v));
    expect(distinctive.length).toBeGreaterThan(0);
    const sarCells = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Records as sent']!, { header: 1 }).flat().map(String);
    for (const v of distinctive) expect(sarCells).toContain(v);

    expect(await engine.invoke('baseline:erase', { personId: id, confirm: 'wrong' })).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    const report = await value<{ deleted: Record<string, number>; kept: unknown[] }>('baseline:erase', { personId: id, confirm: id });
    expect(report.deleted.records).toBe(mine.length);
    expect(report.deleted.rawRows).toBe(mine.length);
    expect(report.kept.length).toBeGreaterThan(0);

    await value('baseline:people', { startRow: 0, endRow: 1, sort: [], filters: {} }); // rebuilds the baseline without them
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table}"`).raw(true).all() as unknown[][];
      const text = rows.map((r) => r.map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v))).join('\u0001')).join('\n');
      for (const v of distinctive) expect(text.includes(v), `${table} still holds a value of the erased person`).toBe(false);
      if (table !== 'audit_event') expect(text.includes(`"${id}"`) || new RegExp(`\\b${id}\\b`).test(text), `${table} still names ${id}`).toBe(false);
    }
    expect(await engine.invoke('baseline:person', { personId: id })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const audit = db.prepare("SELECT payload_json FROM audit_event WHERE action = 'person-erased'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ personId: id, records: mine.length });
    expect(existsSync(out)).toBe(true);
  }, 60_000);
});
