// The trained weights of the latest Run in a bench case's store, one line per comparison level,
// to compare two cases' models (e.g. one month imported against two):
//   node --import tsx test/bench/unseen/weights.ts CACHE/unseen-2000-2months [CACHE/unseen-2000-month2]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../../electron/engine/store/store.js';

interface Level { label: string; m: number | null; u: number | null; uSamePostcode?: number }
interface Comparison { name: string; levels: Level[] }

function weights(dir: string): Map<string, string> {
  const made = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { key: string };
  const store = Store.openWithKey(join(dir, 'bench.db'), Buffer.from(made.key, 'hex'), false);
  try {
    const run = store.reader.prepare('SELECT spec_json, summary_json, prior FROM link_run ORDER BY id DESC LIMIT 1').get() as { spec_json: string; summary_json: string; prior: number };
    const spec = JSON.parse(run.spec_json) as { comparisons: Comparison[] };
    const out = new Map<string, string>();
    out.set('prior', run.prior.toPrecision(3));
    out.set('warnings', JSON.stringify((JSON.parse(run.summary_json) as { warnings: unknown[] }).warnings));
    for (const c of spec.comparisons)
      for (const l of c.levels) {
        if (l.m === null || l.u === null) continue;
        const w = Math.log2(l.m / l.u).toFixed(2);
        const wpc = l.uSamePostcode ? ` (same postcode ${Math.log2(l.m / l.uSamePostcode).toFixed(2)})` : '';
        out.set(`${c.name}: ${l.label}`, `${w}${wpc}`);
      }
    return out;
  } finally {
    store.close();
  }
}
const dirs = process.argv.slice(2);
const all = dirs.map(weights);
for (const k of all[0]?.keys() ?? []) console.log(`${k.padEnd(60)} ${all.map((w) => (w.get(k) ?? '–').padEnd(28)).join(' ')}`);
