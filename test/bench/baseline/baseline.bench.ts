// The baseline at scale: a store holding N people (default 300,000) in one linkage run, built
// straight into the tables a run writes (records, raw rows, assignments) so the bench measures
// the baseline, not the importer or the linker. Measures the baseline index build, person
// search through the engine (misspelt names, nicknames, name + date of birth, postcodes), grid
// pages (a view's first page, the pages after it by cursor, jumps to random depths) and the person page. Prints one JSON line; `--smoke` runs
// 3,000 people. Budgets (DESIGN §7): search p95 ≤ 50 ms, grid page ≤ 50 ms; person page ≤ 100 ms.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createEngine } from '../../../electron/engine/engine.js';
import { peoplePage } from '../../../electron/engine/baseline/grids.js';
import { baselineVersion, ensureBaselineIndex, invalidateBaselineIndex } from '../../../electron/engine/baseline/index-build.js';
import { allForenames } from '../../../electron/engine/demo/names.js';
import { Rng } from '../../../electron/engine/demo/prng.js';
import { nicknamesOf } from '../../../electron/engine/link/names.js';
import { Store } from '../../../electron/engine/store/store.js';

const smoke = process.argv.includes('--smoke');
const at = process.argv.indexOf('--persons');
const N = smoke ? 3_000 : at > 0 ? Number(process.argv[at + 1]) : 300_000;
const rng = new Rng(15, 'baseline-bench');
const pick = <T>(items: readonly T[]): T => items[rng.nextU32() % items.length] as T;

const FORENAMES = [...allForenames('M'), ...allForenames('F')].map((n) => n.charAt(0) + n.slice(1).toLowerCase());
const HEADS = 'Ash Brad Chad Dun Ell Fair Glad Hart Kings Lang Marsh North Oak Pen Rad Shep Thorn Wal West Whit Brook Crom Dart Fen Gold Hol Lock Mill Pick Rams Stan Tal Wood Yard Bar Clay Hayes Notting Sher Wick'.split(' ');
const TAILS = 'worth ley ford ton field well bury wood croft ham by thorpe dale hurst ridge stead wick more cliffe shaw'.split(' ');
const SURNAMES = HEADS.flatMap((h) => TAILS.map((t) => h + t));
const STREETS = HEADS.flatMap((h) => ['Road', 'Street', 'Lane', 'Close'].map((s) => `${h}${pick(TAILS)} ${s}`));

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

// `--store PATH` keeps the seeded store (and reuses it when it exists) for repeated runs
const storeAt = process.argv.indexOf('--store');
const kept = storeAt > 0 ? (process.argv[storeAt + 1] as string) : null;
const dir = kept ? dirname(kept) : mkdtempSync(join(tmpdir(), 'baseline-bench-'));
const path = kept ?? join(dir, 'bench.db');
const reuse = kept !== null && existsSync(kept);
const store = reuse ? Store.unlock(path, 'baseline bench passphrase') : Store.create(path, 'baseline bench passphrase');
const db = store.writer;
const t0 = performance.now();
interface Person { id: string; forename: string; surname: string; dob: string; postcode: string }
const people: Person[] = [];
if (reuse) {
  for (const p of db.prepare("SELECT person_id AS id, forename, surname, dob, postcode FROM baseline_person").all() as Person[]) people.push(p);
}
if (!reuse) db.transaction(() => {
  const now = new Date().toISOString();
  for (let s = 1; s <= 3; s++) {
    db.prepare(`INSERT INTO source(id, file_name, sha256, size, format, partner, kind, as_of, imported_at, imported_by, mapping_json) VALUES (?, ?, ?, 0, 'csv', ?, 'other', '2025-03-31', ?, 'bench', '{}')`).run(s, `source-${s}.csv`, `sha-${s}`, `Partner ${s}`, now);
    db.prepare(`INSERT INTO source_sheet(source_id, ordinal, sheet, header_row, headers_json, roles_json) VALUES (?, 0, '', 1, ?, '[]')`).run(s, JSON.stringify(['Forename', 'Surname', 'DOB', 'Address', 'Postcode', 'Ref']));
  }
  db.prepare(`INSERT INTO link_run(id, started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, as_of, records, candidate_pairs, stored_pairs, persons, households, blocking_json, training_json, summary_json)
              VALUES (1, ?, ?, 'bench', '{}', 0.9, 0.0001, '[]', '2025-03-31', 0, 0, 0, ?, 0, '{}', '{}', '{}')`).run(now, now, N);
  const raw = db.prepare(`INSERT INTO raw_row(source_id, sheet_ordinal, row_number, cells_json, status) VALUES (?, 0, ?, ?, 'record')`);
  const rec = db.prepare(`INSERT INTO record(raw_row_id, source_id, forename, surname, dob, sex, address, postcode, agency_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const person = db.prepare('INSERT INTO person(id, created_run) VALUES (?, 1)');
  const household = db.prepare('INSERT INTO household(id, created_run) VALUES (?, 1)');
  const assign = db.prepare('INSERT INTO run_record_person(run_id, record_id, person_id) VALUES (1, ?, ?)');
  const home = db.prepare('INSERT INTO run_person_household(run_id, person_id, household_id) VALUES (1, ?, ?)');
  const rows = [0, 0, 0, 0];
  let hh = 0;
  let left = 0;
  let address = '';
  let postcode = '';
  let surname = '';
  for (let i = 1; i <= N; i++) {
    if (left === 0) {
      hh++;
      left = 1 + (rng.nextU32() % 5);
      surname = pick(SURNAMES);
      address = `${1 + (rng.nextU32() % 200)} ${pick(STREETS)}, Wexthorpe`;
      postcode = `S${60 + (rng.nextU32() % 40)} ${rng.nextU32() % 10}${String.fromCharCode(65 + (rng.nextU32() % 26))}${String.fromCharCode(65 + (rng.nextU32() % 26))}`;
      household.run(`H${String(hh).padStart(7, '0')}`);
    }
    left--;
    const id = `P${String(i).padStart(7, '0')}`;
    const forename = pick(FORENAMES);
    const dob = iso(new Date(Date.UTC(1940 + (rng.nextU32() % 84), rng.nextU32() % 12, 1 + (rng.nextU32() % 28))));
    person.run(id);
    home.run(id, `H${String(hh).padStart(7, '0')}`);
    people.push({ id, forename, surname, dob, postcode });
    // one to three records, from different sources
    const count = 1 + (rng.nextU32() % 3);
    for (let k = 0; k < count; k++) {
      const s = 1 + ((i + k) % 3);
      const row = ++rows[s]!;
      const cells = [forename, surname, dob, address, postcode, `REF${i}-${k}`];
      const rawId = Number(raw.run(s, row + 1, JSON.stringify(cells)).lastInsertRowid);
      const recordId = Number(rec.run(rawId, s, forename, surname, dob, null, address, postcode, `REF${i}-${k}`).lastInsertRowid);
      assign.run(recordId, id);
    }
  }
})();
const seedSeconds = (performance.now() - t0) / 1000;
const say = (m: string): boolean => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
say(`seeded ${N} people in ${seedSeconds.toFixed(1)} s`);
// an LSOA for every postcode sector (S60 1 … S99 9: 400 areas of about 750 people), so the grids'
// LSOA filter picks what a real lookup would; a kept store seeded before this gets it once (a rebuild)
if ((db.prepare('SELECT count(*) FROM postcode_lsoa').pluck().get() as number) === 0) {
  db.transaction(() => {
    db.prepare(`INSERT INTO geo_import(id, kind, file_name, sha256, size, layout, vintage, rows, lsoas, imported_at, imported_by) VALUES (1, 'lookup', 'bench.csv', 'x', 0, 'postcode', 2021, 0, 400, ?, 'bench')`).run(new Date().toISOString());
    const add = db.prepare("INSERT OR IGNORE INTO postcode_lsoa(postcode, vintage, lsoa, import_id) VALUES (?, 2021, ?, 1)");
    for (const { postcode } of db.prepare('SELECT DISTINCT postcode FROM record').all() as Array<{ postcode: string }>) add.run(postcode, `E01${postcode.slice(1, 3)}000${postcode.charAt(4)}`);
  })();
  if (reuse) invalidateBaselineIndex(store);
}

let t = performance.now();
const cpu0 = process.cpuUsage();
ensureBaselineIndex(store);
const indexSeconds = (performance.now() - t) / 1000;
const cpu = process.cpuUsage(cpu0);
const indexCpuSeconds = (cpu.user + cpu.system) / 1e6;
say(`index built in ${indexSeconds.toFixed(1)} s (${indexCpuSeconds.toFixed(1)} s CPU)`);

const engine = createEngine({ storePath: path, host: 'cli', version: 'bench' });
engine.adoptStore(store);
const call = async (channel: string, request: unknown): Promise<number> => {
  const s = performance.now();
  const r = await engine.invoke(channel, request);
  const ms = performance.now() - s;
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return ms;
};

const typo = (w: string): string => (w.length > 4 ? w.slice(0, 2) + w.slice(3) : `${w}${w.slice(-1)}`);
const queries: string[] = [];
for (let q = 0; q < (smoke ? 20 : 200); q++) {
  const p = pick(people);
  const nick = nicknamesOf(p.forename.toUpperCase())[0];
  const [y, m, d] = p.dob.split('-');
  const kinds = [`${p.forename} ${typo(p.surname)}`, `${nick ?? typo(p.forename)} ${p.surname}`, `${p.surname} ${d}/${m}/${y}`, p.postcode];
  queries.push(kinds[q % kinds.length] as string);
}
await call('baseline:search', { query: queries[0] }); // warm statement cache
const searchMs: number[] = [];
for (const query of queries) searchMs.push(await call('baseline:search', { query, limit: 20 }));

say(`searched: p50 ${quantile(searchMs, 0.5).toFixed(1)} ms, p95 ${quantile(searchMs, 0.95).toFixed(1)} ms`);
// The grid as people use it: open a view (sort and filter), scroll on page by page (each page
// after the one before, by its cursor), and now and then drag the scroll bar to a random depth.
// Every kind of view the grids offer, four sorts each: jumps in unfiltered views start from the
// bookmarks written with the baseline, in views with one filter from the counts kept with them,
// in any other view from the view's own bookmarks (one walk on its first jump).
interface ViewKind {
  kind: string;
  grid: 'people' | 'households';
  sorts: string[];
  filters: Array<Record<string, unknown>>;
  /** a cohort's households (the grid's cohort filter, without evaluating a programme) */
  cohort?: string[];
}
const PEOPLE_SORTS = ['surname', 'dob', 'postcode', 'personId', 'age', 'forename', 'records'];
const HOUSEHOLD_SORTS = ['members', 'postcode', 'address', 'householdId', 'children'];
const lsoas = db.prepare('SELECT DISTINCT lsoa FROM baseline_person WHERE lsoa IS NOT NULL ORDER BY lsoa').pluck().all() as string[];
const households = db.prepare('SELECT household_id FROM baseline_household ORDER BY id').pluck().all() as string[];
const KINDS: ViewKind[] = [
  { kind: 'people, unfiltered', grid: 'people', sorts: PEOPLE_SORTS, filters: [{}] },
  { kind: 'people, one filter', grid: 'people', sorts: PEOPLE_SORTS, filters: [{ ageBand: '5-10' }, { sourceId: 2 }, { flag: 'no-dob' }] },
  { kind: 'people, two filters', grid: 'people', sorts: PEOPLE_SORTS, filters: [{ ageBand: '25-64', sourceId: 3 }, { ageBand: '65+', sourceId: 1 }] },
  { kind: 'people, LSOA', grid: 'people', sorts: PEOPLE_SORTS, filters: [{ lsoa: pick(lsoas) }, { lsoa: pick(lsoas) }] },
  { kind: 'people, LSOA and age band', grid: 'people', sorts: PEOPLE_SORTS, filters: [{ lsoa: pick(lsoas), ageBand: '25-64' }] },
  { kind: 'people, text', grid: 'people', sorts: PEOPLE_SORTS, filters: [{ text: 'ash' }, { text: 'wood' }, { text: 's61 2' }] },
  { kind: 'people, cohort (a tenth of households)', grid: 'people', sorts: PEOPLE_SORTS, filters: [{}], cohort: households.filter((_, i) => i % 10 === 3) },
  { kind: 'households, unfiltered', grid: 'households', sorts: HOUSEHOLD_SORTS, filters: [{}] },
  { kind: 'households, source', grid: 'households', sorts: HOUSEHOLD_SORTS, filters: [{ sourceId: 2 }] },
  { kind: 'households, LSOA', grid: 'households', sorts: HOUSEHOLD_SORTS, filters: [{ lsoa: pick(lsoas) }] },
  { kind: 'households, two filters', grid: 'households', sorts: HOUSEHOLD_SORTS, filters: [{ lsoa: pick(lsoas), sourceId: 3 }, { lsoa: pick(lsoas), sourceId: 1 }] },
  { kind: 'households, text', grid: 'households', sorts: HOUSEHOLD_SORTS, filters: [{ text: 'oak' }, { text: 'close' }] },
];
const VIEWS_PER_KIND = smoke ? 2 : 4;
const firstMs: number[] = [];
const nextMs: number[] = [];
const jumpMs: number[] = [];
const jumpPlainMs: number[] = [];
const jumpOneFilterMs: number[] = [];
const jumpFilteredMs: number[] = [];
// CPU milliseconds of each fetch too: on a shared machine wall time is mostly waiting for a core
const byKind: Record<string, { views: number; rows: number[]; first: number[]; next: number[]; jump: number[]; firstCpu: number[]; nextCpu: number[]; jumpCpu: number[] }> = {};
let viewNo = 0;
for (const k of KINDS) {
  const seen: (typeof byKind)[string] = { views: 0, rows: [], first: [], next: [], jump: [], firstCpu: [], nextCpu: [], jumpCpu: [] };
  byKind[k.kind] = seen;
  for (let v = 0; v < VIEWS_PER_KIND; v++, viewNo++) {
    const sort = [{ colId: k.sorts[viewNo % k.sorts.length]!, sort: v % 2 ? 'asc' : 'desc' }];
    const filters = k.filters[v % k.filters.length]!;
    const page = async (startRow: number, after?: string): Promise<{ ms: number; cpu: number; next: string | null; lastRow: number }> => {
      const request = { startRow, endRow: startRow + 100, sort, filters, ...(after ? { after } : {}) };
      const c0 = process.cpuUsage();
      const s = performance.now();
      let value: { next: string | null; lastRow: number };
      if (k.cohort) {
        // the grid's own code with the cohort's households, as the handler passes them
        value = peoplePage(store.reader, request as Parameters<typeof peoplePage>[1], '2025-03-31', baselineVersion(store), k.cohort);
      } else {
        const r = await engine.invoke(k.grid === 'people' ? 'baseline:people' : 'baseline:households', request);
        if (!r.ok) throw new Error(`${k.grid}: ${r.error.message}`);
        value = r.value as { next: string | null; lastRow: number };
      }
      const ms = performance.now() - s;
      const c = process.cpuUsage(c0);
      return { ms, cpu: (c.user + c.system) / 1000, next: value.next, lastRow: value.lastRow };
    };
    let p = await page(0);
    firstMs.push(p.ms);
    seen.first.push(p.ms);
    seen.firstCpu.push(p.cpu);
    seen.views++;
    const total = p.lastRow;
    seen.rows.push(total);
    for (let n = 1; n <= 5 && p.next; n++) {
      p = await page(n * 100, p.next);
      nextMs.push(p.ms);
      seen.next.push(p.ms);
      seen.nextCpu.push(p.cpu);
    }
    for (let j = 0; j < 3 && total > 200; j++) {
      const at = (rng.nextU32() % Math.floor(total / 100)) * 100;
      const { ms, cpu } = await page(at);
      jumpMs.push(ms);
      seen.jump.push(ms);
      seen.jumpCpu.push(cpu);
      if (k.grid === 'people' && !k.cohort && Object.keys(filters).every((f) => ['ageBand', 'sourceId', 'flag'].includes(f))) {
        [jumpPlainMs, jumpOneFilterMs, jumpFilteredMs][Math.min(2, Object.keys(filters).length)]!.push(ms);
      }
    }
  }
}
const gridMs = [...firstMs, ...nextMs, ...jumpMs];
say(`grid: first page p50 ${quantile(firstMs, 0.5).toFixed(1)} ms; next page p50 ${quantile(nextMs, 0.5).toFixed(1)} p95 ${quantile(nextMs, 0.95).toFixed(1)} ms; jump p50 ${quantile(jumpMs, 0.5).toFixed(1)} p95 ${quantile(jumpMs, 0.95).toFixed(1)} ms`);
for (const [kind, x] of Object.entries(byKind)) {
  say(`  ${kind} (${x.views} views, ${Math.min(...x.rows)}–${Math.max(...x.rows)} rows): first p95 ${quantile(x.first, 0.95).toFixed(1)}, next p95 ${quantile(x.next, 0.95).toFixed(1)}, jump p50 ${quantile(x.jump, 0.5).toFixed(1)} p95 ${quantile(x.jump, 0.95).toFixed(1)} max ${Math.max(...x.jump).toFixed(1)} ms; CPU p95 first ${quantile(x.firstCpu, 0.95).toFixed(1)}, next ${quantile(x.nextCpu, 0.95).toFixed(1)}, jump ${quantile(x.jumpCpu, 0.95).toFixed(1)} ms`);
}
const personMs: number[] = [];
for (let p = 0; p < (smoke ? 20 : 100); p++) personMs.push(await call('baseline:person', { personId: pick(people).id }));

t = performance.now();
engine.close();
if (!kept) rmSync(dir, { recursive: true, force: true });
const round = (v: number): number => Math.round(v * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    ok: true,
    persons: N,
    seedSeconds: round(seedSeconds),
    indexSeconds: round(indexSeconds),
    indexCpuSeconds: round(indexCpuSeconds),
    search: { p50: round(quantile(searchMs, 0.5)), p95: round(quantile(searchMs, 0.95)), max: round(Math.max(...searchMs)) },
    grid: { p50: round(quantile(gridMs, 0.5)), p95: round(quantile(gridMs, 0.95)), max: round(Math.max(...gridMs)) },
    gridFirst: { p50: round(quantile(firstMs, 0.5)), p95: round(quantile(firstMs, 0.95)), max: round(Math.max(...firstMs)) },
    gridNext: { p50: round(quantile(nextMs, 0.5)), p95: round(quantile(nextMs, 0.95)), max: round(Math.max(...nextMs)) },
    gridJump: { p50: round(quantile(jumpMs, 0.5)), p95: round(quantile(jumpMs, 0.95)), max: round(Math.max(...jumpMs)) },
    gridJumpUnfiltered: { n: jumpPlainMs.length, p50: round(quantile(jumpPlainMs, 0.5)), p95: round(quantile(jumpPlainMs, 0.95)), max: round(Math.max(...jumpPlainMs)) },
    gridJumpOneFilter: { n: jumpOneFilterMs.length, p50: round(quantile(jumpOneFilterMs, 0.5)), p95: round(quantile(jumpOneFilterMs, 0.95)), max: round(Math.max(...jumpOneFilterMs)) },
    gridJumpTwoFilters: { n: jumpFilteredMs.length, p50: round(quantile(jumpFilteredMs, 0.5)), p95: round(quantile(jumpFilteredMs, 0.95)), max: round(Math.max(...jumpFilteredMs)) },
    gridByKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, x]) => [
        kind,
        { rows: [Math.min(...x.rows), Math.max(...x.rows)], firstP95: round(quantile(x.first, 0.95)), nextP95: round(quantile(x.next, 0.95)), jumpP50: round(quantile(x.jump, 0.5)), jumpP95: round(quantile(x.jump, 0.95)), jumpMax: round(Math.max(...x.jump)),
          cpuP95: { first: round(quantile(x.firstCpu, 0.95)), next: round(quantile(x.nextCpu, 0.95)), jump: round(quantile(x.jumpCpu, 0.95)) } },
      ]),
    ),
    person: { p50: round(quantile(personMs, 0.5)), p95: round(quantile(personMs, 0.95)), max: round(Math.max(...personMs)) },
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  })}\n`,
);
