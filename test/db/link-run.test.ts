// Linkage against a real encrypted store: a demo borough is imported, linked, exported and
// re-linked — stable IDs across runs and a changed month, decisions that persist, identifier
// constraints, and runs that either write everything or nothing.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoBorough } from '../../electron/engine/demo/index.js';
import { exportClusters } from '../../electron/engine/export/clusters.js';
import { exportPairs } from '../../electron/engine/export/pairs.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { createJobContext, silentJob } from '../../electron/engine/jobs/job-context.js';
import { recordDecision } from '../../electron/engine/link/decisions.js';
import { explainPair } from '../../electron/engine/link/explain.js';
import { runLink } from '../../electron/engine/link/run-link.js';
import { RunWriteThread } from '../../electron/engine/link/run-write-thread.js';
import { Store } from '../../electron/engine/store/store.js';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { pairwiseScore } from '../helpers/pairwise-score.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

interface Fixture {
  dir: string;
  files: string[];
  truth: Map<string, string>;
  /** The demo imported once, not linked: each test links a copy of it. */
  imported: string;
  /** The same store after its first Run, for tests about what later Runs do. */
  linked: string;
}

// One raw key for the templates and their copies (the file is the store; the key opens it).
const KEY = randomBytes(32);
let fixture: Fixture;
beforeAll(async () => {
  // written and imported once; each test works on a copy of the store file
  const dir = mkdtempSync(join(tmpdir(), 'bw-link-demo-'));
  const { files } = writeDemoBorough({ households: 250, seed: 42, outDir: dir });
  const truth = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'truth.csv'), 'utf8').trim().split(/\r?\n/).slice(1)) {
    const [file, sheet, row, person] = line.split(',');
    truth.set(`${file},${sheet},${row}`, person as string);
  }
  const imported = join(dir, 'imported.db');
  const store = Store.openWithKey(imported, KEY, true);
  for (const f of files) await importFile(store, f, { user: 'tester' }, silentJob());
  store.close();
  const linked = copyStore(imported, join(dir, 'linked.db'));
  const once = Store.openWithKey(linked, KEY, false);
  await runLink(once, { user: 'tester' }, silentJob());
  once.close();
  fixture = { dir, files, truth, imported, linked };
}, 120_000);
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

function copyStore(from: string, to: string): string {
  copyFileSync(from, to);
  if (existsSync(`${from}.keys`)) copyFileSync(`${from}.keys`, `${to}.keys`);
  return to;
}

/** A fresh copy of the demo store: imported only, or (`linked`) after one Run. */
function demoStore(which: 'imported' | 'linked' = 'imported'): Store {
  return Store.openWithKey(copyStore(fixture[which], join(tempDir(), 'link.db')), KEY, false);
}

function clusters(store: Store): Array<{ key: string; person: string; household: string }> {
  const out = join(tempDir(), 'clusters.csv');
  exportClusters(store.reader, out);
  return readFileSync(out, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [file, sheet, row, person, household] = line.split(',');
      return { key: `${file},${sheet},${row}`, person: person as string, household: household as string };
    });
}

const count = (store: Store, sql: string): number => (store.reader.prepare(sql).get() as { n: number }).n;

describe('runLink', () => {
  it('links a demo borough: persons and households with stable IDs, one run row, explained pairs', async () => {
    const store = demoStore();
    try {
      const before = clusters(store);
      expect(before[0]?.person).toMatch(/^P\d+$/);
      const summary = await runLink(store, { user: 'tester' }, silentJob());
      expect(summary.run).toBe(1);
      expect(summary.persons).toBeLessThan(summary.records);
      expect(count(store, 'SELECT count(*) AS n FROM link_run')).toBe(1);
      expect(count(store, 'SELECT count(*) AS n FROM run_record_person')).toBe(summary.records);
      expect(count(store, 'SELECT count(DISTINCT person_id) AS n FROM run_record_person')).toBe(summary.persons);
      expect(count(store, 'SELECT count(DISTINCT household_id) AS n FROM run_person_household')).toBe(summary.households);
      expect(count(store, 'SELECT count(*) AS n FROM link_pair')).toBe(summary.storedPairs);
      const rows = clusters(store);
      expect(rows.length).toBe(before.length);
      expect(rows[0]?.person).toMatch(/^P\d{7}$/);
      expect(rows[0]?.household).toMatch(/^H\d{7}$/);
      const score = pairwiseScore(
        rows.map((r) => r.person),
        rows.map((r) => fixture.truth.get(r.key)),
      );
      expect(score.f1).toBeGreaterThan(0.97);
      // a person holds two different valid NINOs only where one is a keying error of the other
      // (no check digit: a typo makes another valid NINO, so a NINO is not a veto)
      const ninos = store.reader
        .prepare(`SELECT rp.person_id AS person, group_concat(DISTINCT r.nino) AS values_ FROM run_record_person rp JOIN record r ON r.id = rp.record_id WHERE r.nino_valid = 1 GROUP BY rp.person_id HAVING count(DISTINCT r.nino) > 1`)
        .all() as Array<{ person: string; values_: string }>;
      for (const { values_ } of ninos) {
        const [a = '', b = ''] = values_.split(',');
        expect([...a].filter((c, k) => c !== b[k]).length, values_).toBeLessThanOrEqual(2);
      }
      // no person holds two different valid NHS numbers or UPNs (check digits: two valid ones are two people)
      for (const column of ['nhs_number', 'upn']) {
        const conflicts = count(
          store,
          `SELECT count(*) AS n FROM (SELECT rp.person_id FROM run_record_person rp JOIN record r ON r.id = rp.record_id
             WHERE r.${column}_valid = 1 GROUP BY rp.person_id HAVING count(DISTINCT r.${column}) > 1)`,
        );
        expect(conflicts, column).toBe(0);
      }
      // explanations: the stored weights add up to the match weight
      const pair = store.reader.prepare('SELECT match_weight, weights, levels FROM link_pair ORDER BY match_weight DESC LIMIT 1').get() as { match_weight: number; weights: Buffer; levels: Buffer };
      const weights = new Float32Array(pair.weights.buffer.slice(pair.weights.byteOffset, pair.weights.byteOffset + pair.weights.byteLength));
      const spec = JSON.parse((store.reader.prepare('SELECT spec_json FROM link_run').get() as { spec_json: string }).spec_json) as { comparisons: unknown[]; probabilityTwoRandomRecordsMatch: number };
      expect(weights.length).toBe(spec.comparisons.length);
      const prior = Math.log2(spec.probabilityTwoRandomRecordsMatch / (1 - spec.probabilityTwoRandomRecordsMatch));
      expect(prior + weights.reduce((a, b) => a + b, 0)).toBeCloseTo(pair.match_weight, 1);
      // the waterfall of any pair: a stored one as scored, another scored afresh
      const top = store.reader.prepare('SELECT record_a AS a, record_b AS b, match_weight AS w FROM link_pair ORDER BY match_weight DESC LIMIT 1').get() as { a: number; b: number; w: number };
      const stored = explainPair(store.reader, top.b, top.a);
      expect(stored).toMatchObject({ run: 1, recordA: top.a, recordB: top.b, termFrequencies: 'applied' });
      expect(stored.matchWeight).toBeCloseTo(top.w, 1);
      expect(stored.comparisons.map((c) => c.name)).toEqual(['forename', 'surname', 'forename/surname swapped', 'date of birth', 'sex', 'postcode', 'address', 'NHS number', 'National Insurance number', 'UPN', 'other national identifier', 'e-mail', 'phone']);
      const ids = store.reader.prepare('SELECT id FROM record ORDER BY id LIMIT 2 OFFSET 5').all() as Array<{ id: number }>;
      const fresh = explainPair(store.reader, ids[0]!.id, ids[1]!.id);
      expect(fresh.termFrequencies).toBe('not applied');
      expect(fresh.matchWeight).toBeCloseTo(fresh.priorWeight + fresh.comparisons.reduce((s2, c) => s2 + c.weight, 0), 6);
      expect(fresh.probability).toBeGreaterThan(0);
      const pairsOut = join(tempDir(), 'pairs.csv');
      const exported = exportPairs(store.reader, pairsOut);
      expect(exported.rows).toBe(summary.storedPairs);
      expect(readFileSync(pairsOut, 'utf8').split('\r\n')[0]).toMatch(/^a_file,a_sheet,a_row_number,a_person_id,b_file,.*,probability,match_weight,prior_weight,forename_level,forename_weight,/);
    } finally {
      store.close();
    }
  });

  it('a re-run keeps every ID; a changed month keeps ≥ 99% of unchanged people', async () => {
    const store = demoStore('linked');
    try {
      const first = new Map(clusters(store).map((r) => [r.key, r.person]));
      const again = await runLink(store, { user: 'tester' }, silentJob());
      expect(again.personIds.kept).toBe(again.persons);
      expect(again.personIds.created).toBe(0);

      // next month's health extract: 5% of rows gone, the rest re-ordered, 3 rows with a new postcode
      const health = fixture.files.find((f) => f.includes('health')) as string;
      const [header, ...lines] = readFileSync(health, 'utf8').trim().split(/\r?\n/);
      const kept = lines.filter((_, k) => k % 20 !== 7).reverse();
      const next = join(tempDir(), 'demo-health-ae-attendances-2025-04.csv');
      writeFileSync(next, `${[header, ...kept].join('\r\n')}\r\n`);
      await importFile(store, next, { user: 'tester' }, silentJob());
      const changed = await runLink(store, { user: 'tester' }, silentJob());
      expect(changed.records).toBeGreaterThan(again.records);
      const second = new Map(clusters(store).map((r) => [r.key, r.person]));
      // per true person with records in the first run: the ID most of its old records had
      const byTruth = new Map<string, { before: Map<string, number>; after: Map<string, number> }>();
      for (const [key, id] of first) {
        const person = fixture.truth.get(key) as string;
        const entry = byTruth.get(person) ?? { before: new Map(), after: new Map() };
        byTruth.set(person, entry);
        entry.before.set(id, (entry.before.get(id) ?? 0) + 1);
        const now = second.get(key) as string;
        entry.after.set(now, (entry.after.get(now) ?? 0) + 1);
      }
      const top = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] as string;
      let same = 0;
      for (const { before, after } of byTruth.values()) if (top(before) === top(after)) same++;
      expect(same / byTruth.size).toBeGreaterThanOrEqual(0.99);
    } finally {
      store.close();
    }
  }, 60_000);

  it('a non-match decision persists across runs and splits the person, recorded as a split', async () => {
    const store = demoStore('linked');
    try {
      const pair = store.reader
        .prepare(
          `SELECT a.record_id AS a, b.record_id AS b, a.person_id AS person FROM run_record_person a
           JOIN run_record_person b ON b.run_id = a.run_id AND b.person_id = a.person_id AND b.record_id > a.record_id
           WHERE a.run_id = 1 AND (SELECT count(*) FROM run_record_person c WHERE c.run_id = 1 AND c.person_id = a.person_id) = 2
           LIMIT 1`,
        )
        .get() as { a: number; b: number; person: string };
      recordDecision(store, pair.a, pair.b, 'non-match', 'tester');
      const second = await runLink(store, { user: 'tester' }, silentJob());
      expect(second.decisions).toBe(1);
      const ids = store.reader.prepare('SELECT record_id, person_id FROM run_record_person WHERE run_id = 2 AND record_id IN (?, ?)').all(pair.a, pair.b) as Array<{ person_id: string }>;
      expect(ids[0]?.person_id).not.toBe(ids[1]?.person_id);
      expect(ids.map((r) => r.person_id)).toContain(pair.person);
      const event = store.reader.prepare("SELECT others_json FROM link_id_event WHERE run_id = 2 AND kind = 'split' AND subject = ?").get(pair.person) as { others_json: string } | undefined;
      expect(event).toBeDefined();
      // and a third run still honours it
      await runLink(store, { user: 'tester' }, silentJob());
      const third = store.reader.prepare('SELECT count(DISTINCT person_id) AS n FROM run_record_person WHERE run_id = 3 AND record_id IN (?, ?)').get(pair.a, pair.b) as { n: number };
      expect(third.n).toBe(2);
    } finally {
      store.close();
    }
  }, 60_000);

  it('a Run written on a worker (its own connection) stores what the engine\'s thread stores; a failure there rolls back', async () => {
    const inline = Store.openWithKey(fixture.linked, KEY, false);
    const store = demoStore();
    try {
      // the worker commits only once told to, after the last saving step is reported here (a
      // kill then, as in crash-link.test.ts, leaves nothing): given time, it still has not
      const seenAtLastStep: number[] = [];
      const job = {
        ...silentJob(),
        progress: (phase: string, done: number) => {
          if (phase !== 'saving' || done !== 4) return;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
          seenAtLastStep.push(count(store, 'SELECT count(*) AS n FROM link_run'));
        },
      };
      const summary = await runLink(store, { user: 'tester', writeOnWorker: true }, job);
      expect(summary.run).toBe(1);
      expect(seenAtLastStep).toEqual([0]);
      // every row of the Run the same as the fixture's, written on the engine's connection
      const rows = (db: Store): Record<string, unknown> => ({
        run: db.reader.prepare('SELECT run_by, threshold, prior, sources_json, as_of, records, candidate_pairs, stored_pairs, persons, households, blocking_json, training_json FROM link_run').all(),
        persons: db.reader.prepare('SELECT id, created_run FROM person ORDER BY id').all(),
        households: db.reader.prepare('SELECT id, created_run FROM household ORDER BY id').all(),
        assignments: db.reader.prepare('SELECT run_id, record_id, person_id FROM run_record_person ORDER BY record_id').all(),
        homes: db.reader.prepare('SELECT run_id, person_id, household_id FROM run_person_household ORDER BY person_id').all(),
        pairs: db.reader.prepare('SELECT run_id, record_a, record_b, probability, match_weight, hex(levels) AS l, hex(weights) AS w FROM link_pair ORDER BY record_a, record_b').all(),
        events: db.reader.prepare('SELECT run_id, entity, kind, subject, others_json FROM link_id_event ORDER BY id').all(),
        sequences: db.reader.prepare('SELECT entity, next FROM link_id_sequence ORDER BY entity').all(),
        audit: db.reader.prepare("SELECT actor, payload_json FROM audit_event WHERE action = 'link-run'").all(),
      });
      const written = rows(store);
      expect((written.pairs as unknown[]).length).toBe(summary.storedPairs);
      expect(written).toEqual(rows(inline));
      expect(store.verifyAudit().ok).toBe(true);

      // the worker's transaction fails at the pairs: nothing of the Run is kept, and it says why
      store.writer.exec("CREATE TRIGGER refuse_pairs BEFORE INSERT ON link_pair BEGIN SELECT RAISE(ABORT, 'no pairs today'); END");
      const failed = await runLink(store, { user: 'tester', writeOnWorker: true }, silentJob()).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(WorkbenchError);
      expect((failed as WorkbenchError).message).toMatch(/could not be saved.*no pairs today.*Nothing was saved/);
      store.writer.exec('DROP TRIGGER refuse_pairs');
      expect(rows(store)).toEqual(written);
      // and the worker's lock is gone: the engine's connection writes at once
      store.writer.pragma('busy_timeout = 0');
      store.setMeta('after-failed-run', 'yes');

      // a failure on the engine's thread (the household stage) abandons the worker's transaction
      const ids = Int32Array.from(store.reader.prepare('SELECT id FROM record ORDER BY id').pluck().all() as number[]);
      const none = new Int32Array(0);
      const thread = new RunWriteThread(store, {
        run: { startedAt: '', runBy: 'tester', specJson: '{}', threshold: 0.9, prior: 0, sourcesJson: '[]', asOf: null, records: ids.length, candidatePairs: 0, storedPairs: 0, persons: ids.length, blockingJson: '{}', trainingJson: '{}', summaryJson: '{}' },
        recordIds: ids,
        personOf: Int32Array.from(ids, (_, i) => i),
        personCount: ids.length,
        pairs: { a: none, b: none, weight: new Float32Array(0), count: 0, levels: new Uint8Array(0), weights: new Float32Array(0) },
        k: 0,
        user: 'tester',
      }, false);
      thread.abandon();
      expect(rows(store)).toEqual(written);
      store.setMeta('after-abandoned-run', 'yes');

      // a re-run on the worker reads the previous Run's IDs there: every person and household keeps its ID
      const again = await runLink(store, { user: 'tester', writeOnWorker: true }, silentJob());
      expect(again.run).toBe(2);
      expect(again.personIds).toMatchObject({ kept: again.persons, created: 0, retired: 0 });
      expect(again.householdIds).toMatchObject({ kept: again.households, created: 0, retired: 0 });
      const moved = count(store, 'SELECT count(*) AS n FROM run_record_person a JOIN run_record_person b ON b.record_id = a.record_id AND b.run_id = 2 WHERE a.run_id = 1 AND a.person_id <> b.person_id');
      expect(moved).toBe(0);
    } finally {
      store.close();
      inline.close();
    }
  }, 60_000);

  it('writes nothing when cancelled or when the input is unusable', async () => {
    const store = demoStore();
    try {
      const controller = new AbortController();
      const job = createJobContext(controller.signal, (phase) => {
        if (phase === 'comparing') controller.abort();
      });
      await expect(runLink(store, { user: 'tester' }, job)).rejects.toMatchObject({ kind: 'cancelled' });
      expect(count(store, 'SELECT count(*) AS n FROM link_run')).toBe(0);
      expect(count(store, 'SELECT count(*) AS n FROM run_record_person')).toBe(0);
      expect(clusters(store)[0]?.person).toMatch(/^P\d+$/);
    } finally {
      store.close();
    }
    const empty = Store.openWithKey(join(tempDir(), 'empty.db'), randomBytes(32), true);
    try {
      const error = await runLink(empty, { user: 'tester' }, silentJob()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).kind).toBe('bad-input');
      expect(count(empty, 'SELECT count(*) AS n FROM link_run')).toBe(0);
    } finally {
      empty.close();
    }
  }, 60_000);
});
