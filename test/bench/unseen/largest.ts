// The largest households a linked bench case made, against the truth: how many true households
// and people each holds (the "one household swallowed 22 families" check).
//   node --import tsx test/bench/unseen/largest.ts CACHE/CASE [N]
import { join } from 'node:path';
import { readCsv, rowKey } from '../link/harness.js';

const dir = process.argv[2] as string;
const top = Number(process.argv[3] ?? 10);
const truth = new Map<string, [string, string]>();
for (const r of readCsv(join(dir, 'input', 'truth.csv')).slice(1)) if (r.length >= 5) truth.set(rowKey(r[0] as string, r[1] as string, Number(r[2])), [r[3] as string, r[4] as string]);
const byHousehold = new Map<string, { rows: number; people: Set<string>; households: Map<string, number> }>();
for (const r of readCsv(join(dir, 'clusters.csv')).slice(1)) {
  if (r.length < 5) continue;
  const t = truth.get(rowKey(r[0] as string, r[1] as string, Number(r[2])));
  if (!t) continue;
  const h = byHousehold.get(r[4] as string) ?? { rows: 0, people: new Set(), households: new Map() };
  h.rows++;
  h.people.add(t[0]);
  h.households.set(t[1], (h.households.get(t[1]) ?? 0) + 1);
  byHousehold.set(r[4] as string, h);
}
const sorted = [...byHousehold.entries()].sort((a, b) => b[1].households.size - a[1].households.size || b[1].rows - a[1].rows);
for (const [id, h] of sorted.slice(0, top)) console.log(`${id}: ${h.rows} rows, ${h.people.size} people, ${h.households.size} true households (${[...h.households.values()].join(' ')})`);
