// Benchmark: every indicator for 25 areas on the demo borough — the whole question the Outcomes
// page and `outcomes areas` answer (read the baseline, count, aggregate, disclosure control,
// trend, displacement). Cold: the first question after the store opens (reads the persons,
// records and events); warm: the next one (the app switching indicator or period), which reuses
// what was read while the store is unchanged. The demo's extracts cover one year, so besides
// quarters it is timed by month (12+ periods). Prints one JSON line.
import { mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { areaIndicatorSeries, baselineFor } from '../../../electron/engine/outcomes/series.js';
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
const store = Store.unlock(path, PASS);
const cold = time(store, 'quarter', 'exact');
const warmQuarter = time(store, 'quarter', 'controlled');
const warmMonth = time(store, 'month', 'controlled');
store.close();
// The first question again on a fresh open, split: reading the baseline (the frame and the
// events, what a first call adds to the next one) and the counting that follows.
const again = Store.unlock(path, PASS);
const c0 = cpuMs();
const t0 = performance.now();
baselineFor(again.reader);
const read = { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpuMs() - c0) / 1000 };
const counted = time(again, 'quarter', 'exact');
again.close();
const reopened = Store.unlock(path, PASS);
const counts = reopened.reader.prepare('SELECT (SELECT count(*) FROM record) AS records, (SELECT count(*) FROM event) AS events, (SELECT persons FROM link_run ORDER BY id DESC LIMIT 1) AS persons').get() as Record<string, number>;
reopened.close();
process.stdout.write(`${JSON.stringify({ ok: true, households, buildSeconds, loadAverage: load, ...counts, cold, warmQuarter, warmMonth, firstCallSplit: { read, counted } })}\n`);
