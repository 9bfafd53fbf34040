// Benchmark: every indicator for 25 areas on the demo borough — the whole question the Outcomes
// page and `outcomes areas` answer (load the frame, count, aggregate, disclosure, trend,
// displacement). The demo's extracts cover one year, so besides quarters it is timed by month
// (12+ periods). Prints one JSON line.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { areaIndicatorSeries } from '../../../electron/engine/outcomes/series.js';
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
const store = Store.unlock(path, PASS);
const time = (period: 'quarter' | 'month', disclosure: 'exact' | 'controlled'): { seconds: number; periods: number; areas: number; indicators: number } => {
  const t = performance.now();
  const results = areaIndicatorSeries(store.reader, { period, disclosure });
  const seconds = (performance.now() - t) / 1000;
  return { seconds, periods: Math.max(...results.map((r) => r.periods.length)), areas: results[0]?.areas.length ?? 0, indicators: results.length };
};
time('quarter', 'exact'); // warm the page cache and the JIT
const quarter = time('quarter', 'exact');
const month = time('month', 'controlled');
const counts = store.reader.prepare('SELECT (SELECT count(*) FROM record) AS records, (SELECT count(*) FROM event) AS events, (SELECT persons FROM link_run ORDER BY id DESC LIMIT 1) AS persons').get() as Record<string, number>;
store.close();
process.stdout.write(`${JSON.stringify({ ok: true, households, buildSeconds, ...counts, quarter, month })}\n`);
