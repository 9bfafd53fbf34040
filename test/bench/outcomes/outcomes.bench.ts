// Benchmark: every indicator for 25 areas on the demo borough — the whole question the Outcomes
// page and `outcomes areas` answer (read the baseline, count, aggregate, disclosure control,
// trend, displacement). Cold: the first question after the store opens (reads the persons,
// records and events); warm: the next one (the app switching indicator or period), which reuses
// what was read while the store is unchanged. The first question is timed with the outcomes'
// compact copy of the baseline (outcome_frame, written after each linkage run) and without it,
// and the step that writes it is timed too. The demo's extracts cover one year, so besides
// quarters it is timed by month (12+ periods). Prints one JSON line.
import { mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { areaIndicatorSeries, baselineFor, keepOutcomeBaseline } from '../../../electron/engine/outcomes/series.js';
import { Store } from '../../../electron/engine/store/store.js';
import { demoStore, PASS } from './demo-store.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const households = Number(arg('households', '110000'));
const dir = arg('dir', join(tmpdir(), 'bw-outcomes-bench'));
mkdirSync(dir, { recursive: true });

const built = performance.now();
const path = await demoStore(dir, households, 25);
const buildSeconds = (performance.now() - built) / 1000;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function time(store: Store, period: 'quarter' | 'month', disclosure: 'exact' | 'controlled') {
  const c = cpuMs();
  const t = performance.now();
  const results = areaIndicatorSeries(store.reader, { period, disclosure });
  return {
    seconds: (performance.now() - t) / 1000,
    cpuSeconds: (cpuMs() - c) / 1000,
    periods: Math.max(...results.map((r) => r.periods.length)),
    areas: results[0]?.areas.length ?? 0,
    indicators: results.length,
  };
}

const load = loadavg()[0];
const measure = <T>(work: () => T): { value: T; seconds: number; cpuSeconds: number } => {
  const c = cpuMs();
  const t = performance.now();
  const value = work();
  return { value, seconds: (performance.now() - t) / 1000, cpuSeconds: (cpuMs() - c) / 1000 };
};
// The step after a linkage run (and a first question that finds the copy stale) writes the
// outcomes' compact copy of the baseline: timed from nothing.
const keepCopy = (): { seconds: number; cpuSeconds: number } => {
  const writer = Store.unlock(path, PASS);
  writer.writer.prepare('DELETE FROM outcome_frame').run();
  const kept = measure(() => keepOutcomeBaseline(writer.reader, writer.writer));
  writer.close();
  return { seconds: kept.seconds, cpuSeconds: kept.cpuSeconds };
};
const kept = keepCopy();
const copyBytes = (() => {
  const s = Store.unlock(path, PASS);
  const n = s.reader.prepare('SELECT sum(length(data)) FROM outcome_frame').pluck().get() as number;
  s.close();
  return n;
})();
// The first question after opening: nothing of the counting has run in this process yet.
const store = Store.unlock(path, PASS);
const cold = time(store, 'quarter', 'exact');
const warmQuarter = time(store, 'quarter', 'controlled');
const warmMonth = time(store, 'month', 'controlled');
store.close();
// The first question again on a fresh open, split: reading the copy (what a first call adds to
// the next one) and the counting that follows.
const again = Store.unlock(path, PASS);
const read = measure(() => baselineFor(again.reader));
const counted = time(again, 'quarter', 'exact');
again.close();
// Without the copy (a store from before it, or one just made stale and opened read-only): the
// first question reads every record and event, as every first question did before the copy.
const stale = Store.unlock(path, PASS);
stale.writer.prepare('DELETE FROM outcome_frame').run();
const withoutCopy = time(stale, 'quarter', 'exact');
stale.close();
keepCopy();
const reopened = Store.unlock(path, PASS);
const counts = reopened.reader.prepare('SELECT (SELECT count(*) FROM record) AS records, (SELECT count(*) FROM event) AS events, (SELECT persons FROM link_run ORDER BY id DESC LIMIT 1) AS persons').get() as Record<string, number>;
reopened.close();
process.stdout.write(
  `${JSON.stringify({
    ok: true,
    households,
    buildSeconds,
    loadAverage: load,
    ...counts,
    withoutCopy,
    keepCopy: { ...kept, bytes: copyBytes },
    cold,
    warmQuarter,
    warmMonth,
    firstCallSplit: { read: { seconds: read.seconds, cpuSeconds: read.cpuSeconds }, counted },
    loadAverageAfter: loadavg()[0],
  })}\n`,
);
