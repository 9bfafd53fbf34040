// The Matching page's channels against a real encrypted store holding a linked demo borough:
// histogram and threshold counts checked against the stored pairs themselves, a saved threshold
// used by the next run, review decisions that persist and split a person on re-run, cancel that
// leaves nothing behind, roles and audit events.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import type { BlockingReport, MatchingRunResult, ModelView, PairDetail, ReviewItem, ThresholdCounts, WeightHistogram } from '../../shared/ipc/channels/matching.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import { runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const PASS = 'matching test passphrase';
const tempDir = useTempDirs();
let seedDir: string;

async function value<T>(engine: Engine, channel: string, request: unknown): Promise<T> {
  const result = await engine.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind} ${result.error.message}`);
  return result.value as T;
}

/** Starts a job and resolves with its finished event (and the phases it reported). */
async function runJob(engine: Engine, channel: string, request: unknown, onProgress?: (phase: string, job: string) => void): Promise<{ event: Extract<EngineEvent, { type: 'job:finished' }>; phases: string[] }> {
  const phases: string[] = [];
  let job = '';
  const finished = new Promise<Extract<EngineEvent, { type: 'job:finished' }>>((resolve) => {
    const off = engine.onEvent((event) => {
      if (event.type === 'job:progress' && event.job === job) {
        if (phases[phases.length - 1] !== event.phase) phases.push(event.phase);
        onProgress?.(event.phase, job);
      }
      if (event.type === 'job:finished' && event.job === job) {
        off();
        resolve(event);
      }
    });
  });
  job = (await value<{ job: string }>(engine, channel, request)).job;
  return { event: await finished, phases };
}

beforeAll(async () => {
  seedDir = mkdtempSync(join(tmpdir(), 'bw-matching-seed-'));
  const engine = createEngine({ storePath: join(seedDir, 'baseline.db'), host: 'browser', version: 't', demoOutDir: join(seedDir, 'demo') });
  await value(engine, 'store:create', { passphrase: PASS });
  const { event } = await runJob(engine, 'demo:create', { households: 120, seed: 5 });
  expect(event.result).toMatchObject({ ok: true });
  engine.close();
}, 120_000);
afterAll(() => rmSync(seedDir, { recursive: true, force: true }));

/** A copy of the linked demo store, unlocked by the analyst. */
async function demoEngine(): Promise<{ engine: Engine; path: string }> {
  const dir = tempDir();
  const path = join(dir, 'baseline.db');
  copyFileSync(join(seedDir, 'baseline.db'), path);
  copyFileSync(join(seedDir, 'baseline.db.keys'), `${path}.keys`);
  const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
  await value(engine, 'store:unlock', { passphrase: PASS });
  return { engine, path };
}

function storedPairs(path: string): Array<{ a: number; b: number; p: number; w: number }> {
  const store = Store.unlock(path, PASS);
  try {
    return store.reader
      .prepare('SELECT record_a AS a, record_b AS b, probability AS p, match_weight AS w FROM link_pair WHERE run_id = (SELECT max(id) FROM link_run)')
      .all() as Array<{ a: number; b: number; p: number; w: number }>;
  } finally {
    store.close();
  }
}

function auditRows(path: string, action: string): Array<Record<string, unknown>> {
  const store = Store.unlock(path, PASS);
  try {
    return (store.reader.prepare('SELECT payload_json FROM audit_event WHERE action = ? ORDER BY id').all(action) as Array<{ payload_json: string }>).map(
      (r) => JSON.parse(r.payload_json) as Record<string, unknown>,
    );
  } finally {
    store.close();
  }
}

describe('histogram and threshold counts', () => {
  it('bins every stored pair once, as a direct count of the pairs says', async () => {
    const { engine, path } = await demoEngine();
    const histogram = await value<WeightHistogram>(engine, 'matching:histogram', {});
    const summary = await value<{ latest: { candidatePairs: number; storedPairs: number } }>(engine, 'matching:summary', {});
    engine.close();
    const pairs = storedPairs(path);
    expect(pairs.length).toBeGreaterThan(50);
    expect(histogram.storedPairs).toBe(pairs.length);
    expect(histogram.bins.reduce((s, b) => s + b.count, 0)).toBe(pairs.length);
    expect(histogram.belowFloor).toBe(summary.latest.candidatePairs - pairs.length);
    for (const bin of histogram.bins) {
      const direct = pairs.filter((x) => x.w >= bin.from && x.w < bin.from + histogram.width).length;
      expect(bin.count, `bin from ${bin.from}`).toBe(direct);
    }
    // bins are contiguous and cover the lowest and highest weight
    const weights = pairs.map((x) => x.w);
    expect(histogram.bins[0]!.from).toBeLessThanOrEqual(Math.min(...weights));
    expect(histogram.bins.at(-1)!.from + histogram.width).toBeGreaterThan(Math.max(...weights));
  });

  it('counts that would link, go to review or stay apart move with the threshold and add up', async () => {
    const { engine, path } = await demoEngine();
    const summary = await value<{ latest: { candidatePairs: number } }>(engine, 'matching:summary', {});
    const strict = await value<ThresholdCounts>(engine, 'matching:counts', { reviewFrom: 0.5, threshold: 0.99 });
    const loose = await value<ThresholdCounts>(engine, 'matching:counts', { reviewFrom: 0.05, threshold: 0.6 });
    const refused = await engine.invoke('matching:counts', { reviewFrom: 0.9, threshold: 0.5 });
    engine.close();
    const pairs = storedPairs(path);
    for (const [band, counts] of [
      [{ reviewFrom: 0.5, threshold: 0.99 }, strict],
      [{ reviewFrom: 0.05, threshold: 0.6 }, loose],
    ] as const) {
      expect(counts.autoLink).toBe(pairs.filter((x) => x.p >= band.threshold).length);
      expect(counts.review).toBe(pairs.filter((x) => x.p >= band.reviewFrom && x.p < band.threshold).length);
      expect(counts.autoLink + counts.review + counts.apart).toBe(summary.latest.candidatePairs);
    }
    expect(loose.autoLink).toBeGreaterThan(strict.autoLink);
    expect(loose.apart).toBeLessThan(strict.apart);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });
});

describe('running linkage from the page', () => {
  it('uses the saved threshold, reports its phases, and a cancelled run writes nothing', async () => {
    const { engine, path } = await demoEngine();
    const saved = await value<{ threshold: number; saved: boolean }>(engine, 'matching:saveSettings', { reviewFrom: 0.3, threshold: 0.95 });
    expect(saved).toMatchObject({ threshold: 0.95, saved: true });
    const { event, phases } = await runJob(engine, 'matching:run', {});
    expect(event.result.ok).toBe(true);
    const result = (event.result as { ok: true; value: MatchingRunResult }).value;
    expect(result).toMatchObject({ run: 2, threshold: 0.95 });
    expect(result.personIds.kept + result.personIds.created).toBe(result.persons);
    expect(phases).toEqual(expect.arrayContaining(['loading', 'blocking', 'comparing', 'training', 'scoring', 'clustering', 'households', 'saving']));
    const summary = await value<{ latest: { run: number; threshold: number; persons: number }; settings: { reviewFrom: number } }>(engine, 'matching:summary', {});
    expect(summary.latest).toMatchObject({ run: 2, threshold: 0.95, persons: result.persons });
    expect(summary.settings.reviewFrom).toBe(0.3);

    const cancelled = await runJob(engine, 'matching:run', { threshold: 0.8 }, (phase, job) => {
      if (phase === 'training') void engine.invoke('jobs:cancel', { job });
    });
    expect(cancelled.event.result).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect((await value<{ latest: { run: number } }>(engine, 'matching:summary', {})).latest.run).toBe(2);
    engine.close();
    const store = Store.unlock(path, PASS);
    const n = (sql: string): number => (store.reader.prepare(sql).get() as { n: number }).n;
    expect(n('SELECT count(*) AS n FROM link_run')).toBe(2);
    expect(n('SELECT count(*) AS n FROM link_pair WHERE run_id > 2')).toBe(0);
    expect(n('SELECT count(*) AS n FROM run_record_person WHERE run_id > 2')).toBe(0);
    expect(n("SELECT count(*) AS n FROM audit_event WHERE action = 'link-run'")).toBe(2);
    store.close();
    expect(auditRows(path, 'matching-threshold')).toEqual([{ threshold: 0.95, reviewFrom: 0.3 }]);
    // the command line's `link` uses the saved threshold too, unless told otherwise
    const env = { BASELINE_PASSPHRASE: PASS };
    expect(runCli(['--db', path, 'link', '--json'], env).json).toMatchObject({ run: 3, threshold: 0.95 });
    expect(runCli(['--db', path, 'link', '--threshold', '0.8', '--json'], env).json).toMatchObject({ run: 4, threshold: 0.8 });
  }, 60_000);

  it('shows the engine\'s message for records without dates of birth, and for no records', async () => {
    const dir = tempDir();
    const engine = createEngine({ storePath: join(dir, 'baseline.db'), host: 'browser', version: 't' });
    await value(engine, 'store:create', { passphrase: PASS });
    const none = await runJob(engine, 'matching:run', {});
    expect(none.event.result).toMatchObject({ ok: false, error: { kind: 'bad-input', message: expect.stringMatching(/no records to link/) } });
    const csv = join(dir, 'school.csv');
    writeFileSync(csv, 'Forename,Surname,Postcode\nAda,Quill,S60 1AA\nBen,Quill,S60 1AA\n');
    const chosen = await value<{ token: string }>(engine, 'files:fromPath', { path: csv });
    expect((await runJob(engine, 'import:start', { token: chosen.token })).event.result.ok).toBe(true);
    const summary = await value<{ records: number; latest: unknown; recordsSinceRun: number }>(engine, 'matching:summary', {});
    expect(summary).toMatchObject({ records: 2, latest: null, recordsSinceRun: 2 });
    expect(await value(engine, 'matching:histogram', {})).toBeNull();
    expect(await value(engine, 'matching:counts', { reviewFrom: 0.5, threshold: 0.9 })).toBeNull();
    const noDob = await runJob(engine, 'matching:run', {});
    expect(noDob.event.result).toMatchObject({ ok: false, error: { kind: 'bad-input', message: expect.stringMatching(/No record has a date of birth/) } });
    engine.close();
  }, 30_000);
});

describe('blocking analysis and model', () => {
  it('are the figures `blocking --json` and `model show --json` give', async () => {
    const { engine, path } = await demoEngine();
    const fresh = await value<BlockingReport>(engine, 'matching:blocking', { fresh: true });
    const saved = await value<BlockingReport>(engine, 'matching:blocking', { fresh: false });
    const model = await value<ModelView>(engine, 'matching:model', {});
    engine.close();
    const env = { BASELINE_PASSPHRASE: PASS };
    const cli = runCli(['--db', path, 'blocking', '--json'], env);
    expect(cli.code, cli.stderr).toBe(0);
    const summary = cli.json as { totalComparisons: number; rules: Array<{ rule: string; comparisons: number; newComparisons: number; largestBlocks: unknown[] }> };
    expect(fresh.run).toBeNull();
    expect(fresh.totalComparisons).toBe(summary.totalComparisons);
    expect(fresh.rules.map((r) => [r.rule, r.comparisons, r.newComparisons, r.largestBlocks])).toEqual(summary.rules.map((r) => [r.rule, r.comparisons, r.newComparisons, r.largestBlocks]));
    // nothing was imported since the run, so the run's analysis is the same
    expect(saved.run).toBe(1);
    expect(saved.totalComparisons).toBe(fresh.totalComparisons);

    const shown = runCli(['--db', path, 'model', 'show', '--json'], env).json as { spec: { comparisons: Array<{ name: string; levels: Array<{ label: string; m: number | null; u: number | null }> }> } };
    expect(model.comparisons.map((c) => c.name)).toEqual(shown.spec.comparisons.map((c) => c.name));
    model.comparisons.forEach((c, k) =>
      c.levels.forEach((l, li) => {
        const level = shown.spec.comparisons[k]!.levels[li]!;
        expect([l.label, l.m, l.u]).toEqual([level.label, level.m, level.u]);
        if (!l.missing && l.m !== null && l.u !== null) expect(l.weight).toBeCloseTo(Math.log2(l.m / l.u), 9);
      }),
    );
  }, 60_000);
});

describe('review', () => {
  it('lists the review band, shows a pair side by side with its waterfall, and audits the view by ids', async () => {
    const { engine, path } = await demoEngine();
    const list = await value<{ total: number; items: ReviewItem[] }>(engine, 'matching:reviewList', { reviewFrom: 0.01, threshold: 0.99, startRow: 0, endRow: 20 });
    const pairs = storedPairs(path);
    expect(list.total).toBe(pairs.filter((x) => x.p >= 0.01 && x.p < 0.99).length);
    expect(list.items.length).toBe(Math.min(20, list.total));
    const first = list.items[0]!;
    const detail = await value<PairDetail>(engine, 'matching:pair', { recordA: first.recordB, recordB: first.recordA });
    // deciding it takes it out of the queue of undecided pairs; the full list keeps it, marked
    const band = { reviewFrom: 0.01, threshold: 0.99, startRow: 0, endRow: 20 };
    expect((await value<{ total: number }>(engine, 'matching:reviewList', { ...band, undecidedOnly: true })).total).toBe(list.total);
    await value(engine, 'matching:decide', { recordA: first.recordA, recordB: first.recordB, decision: 'unsure' });
    expect((await value<{ total: number }>(engine, 'matching:reviewList', { ...band, undecidedOnly: true })).total).toBe(list.total - 1);
    const after = await value<{ total: number; items: ReviewItem[] }>(engine, 'matching:reviewList', band);
    expect(after.total).toBe(list.total);
    expect(after.items[0]).toMatchObject({ recordA: first.recordA, recordB: first.recordB, decision: 'unsure' });
    engine.close();
    expect(detail.a.id).toBe(first.recordA);
    expect(detail.b.id).toBe(first.recordB);
    expect(detail.a.source).toBe(first.sourceA);
    expect(detail.a.rowNumber).toBeGreaterThan(0);
    expect(detail.termFrequencies).toBe('applied');
    // the waterfall adds up to the pair's match weight
    expect(detail.priorWeight + detail.comparisons.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(first.matchWeight, 2);
    const views = auditRows(path, 'view-pair');
    expect(views).toEqual([{ run: 1, recordA: first.recordA, recordB: first.recordB }]);
    const text = JSON.stringify(views);
    for (const value of [detail.a.surname, detail.a.forename, detail.a.dob]) if (value) expect(text).not.toContain(value);
  });

  it('a non-match decision persists and splits the person on the next run', async () => {
    const { engine, path } = await demoEngine();
    // a pair the run joined into one person
    const joined = storedPairs(path).filter((x) => x.p >= 0.99);
    expect(joined.length).toBeGreaterThan(0);
    const pair = joined[0]!;
    const before = await value<PairDetail>(engine, 'matching:pair', { recordA: pair.a, recordB: pair.b });
    expect(before.a.personId).toBe(before.b.personId);
    expect(before.decision).toBeNull();
    expect(await value(engine, 'matching:decide', { recordA: pair.a, recordB: pair.b, decision: 'non-match' })).toEqual({ decision: 'non-match', decisions: 1 });
    const { event } = await runJob(engine, 'matching:run', {});
    expect(event.result.ok).toBe(true);
    const after = await value<PairDetail>(engine, 'matching:pair', { recordA: pair.a, recordB: pair.b });
    expect(after.run).toBe(2);
    expect(after.decision).toBe('non-match');
    expect(after.a.personId).not.toBe(after.b.personId);
    // still there after a second run, and changeable
    expect((await runJob(engine, 'matching:run', {})).event.result.ok).toBe(true);
    expect((await value<{ decisions: number }>(engine, 'matching:summary', {})).decisions).toBe(1);
    expect(await value(engine, 'matching:decide', { recordA: pair.b, recordB: pair.a, decision: 'unsure' })).toEqual({ decision: 'unsure', decisions: 1 });
    engine.close();
    expect(auditRows(path, 'link-decision')).toEqual([
      { recordA: pair.a, recordB: pair.b, decision: 'non-match' },
      { recordA: pair.a, recordB: pair.b, decision: 'unsure' },
    ]);
  }, 60_000);
});

describe('roles', () => {
  it('a co-ordinator sees the aggregate figures but no pair, record, block key or decision', async () => {
    const { engine, path } = await demoEngine();
    engine.close();
    const store = Store.unlock(path, PASS);
    addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
    store.close();
    const co = createEngine({ storePath: path, host: 'browser', version: 't' });
    await value(co, 'store:unlock', { passphrase: 'coordinator passphrase' });
    expect(await co.invoke('matching:summary', {})).toMatchObject({ ok: true, value: { latest: { run: 1 } } });
    expect(await co.invoke('matching:counts', { reviewFrom: 0.5, threshold: 0.9 })).toMatchObject({ ok: true });
    expect(await co.invoke('matching:histogram', {})).toMatchObject({ ok: true });
    expect(await co.invoke('matching:model', {})).toMatchObject({ ok: true, value: { run: 1, trained: true } });
    const forbidden = [
      ['matching:run', {}],
      ['matching:blocking', { fresh: false }],
      ['matching:reviewList', { reviewFrom: 0.01, threshold: 0.99, startRow: 0, endRow: 10 }],
      ['matching:pair', { recordA: 1, recordB: 2 }],
      ['matching:decide', { recordA: 1, recordB: 2, decision: 'match' }],
      ['matching:saveSettings', { reviewFrom: 0.5, threshold: 0.9 }],
    ] as const;
    for (const [channel, request] of forbidden) expect(await co.invoke(channel, request), channel).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    co.close();
    expect(auditRows(path, 'view-pair')).toEqual([]);
  });
});
