// Writing a Run's scored pairs into a real encrypted store: one INSERT per pair with two fresh
// Buffers (how runs were written up to 2026-12-07, kept here as the reference) against
// insertPairs (many rows to an INSERT, levels and weights as two blobs per statement). Reports
// CPU seconds (this process; the machine is shared, so wall-clock says little) and checks that
// both write the same bytes.
//
//   tsx test/bench/link/write-pairs.bench.ts [--pairs 300000] [--rounds 2]
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probabilityOf } from '../../../electron/engine/link/model.js';
import { insertPairs } from '../../../electron/engine/link/write-pairs.js';
import type { Db } from '../../../electron/engine/store/database.js';
import { Store } from '../../../electron/engine/store/store.js';

const K = 13; // comparisons in the default MatchSpec
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('pairs', 300_000);
const ROUNDS = arg('rounds', 2);

function synthetic() {
  const records = Math.max(1000, Math.round(N / 12)); // about a dozen stored pairs per record, as at 1M rows
  let seed = 1;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const pairs = { a: new Int32Array(N), b: new Int32Array(N), weight: new Float32Array(N), count: N, levels: new Uint8Array(N * K), weights: new Float32Array(N * K) };
  const seen = new Set<number>();
  for (let x = 0; x < N; x++) {
    let i: number;
    let j: number;
    do {
      i = Math.floor(rnd() * records);
      j = Math.floor(rnd() * records);
    } while (i === j || seen.has(Math.min(i, j) * records + Math.max(i, j)));
    seen.add(Math.min(i, j) * records + Math.max(i, j));
    pairs.a[x] = i;
    pairs.b[x] = j;
    pairs.weight[x] = rnd() * 40 - 10;
    for (let c = 0; c < K; c++) {
      pairs.levels[x * K + c] = Math.floor(rnd() * 4);
      pairs.weights[x * K + c] = rnd() * 10 - 5;
    }
  }
  return { recordIds: Array.from({ length: records }, (_, i) => i * 3 + 7), pairs };
}

type Pairs = ReturnType<typeof synthetic>['pairs'];

function onePerStatement(db: Db, recordIds: number[], pairs: Pairs): void {
  const lo = (x: number): number => Math.min(recordIds[pairs.a[x]!]!, recordIds[pairs.b[x]!]!);
  const hi = (x: number): number => Math.max(recordIds[pairs.a[x]!]!, recordIds[pairs.b[x]!]!);
  const order = Int32Array.from({ length: pairs.count }, (_, i) => i).sort((x, y) => lo(x) - lo(y) || hi(x) - hi(y));
  const insert = db.prepare('INSERT INTO link_pair(run_id, record_a, record_b, probability, match_weight, levels, weights) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const levelBytes = Buffer.from(pairs.levels.buffer);
  const weightBytes = Buffer.from(pairs.weights.buffer);
  for (const x of order) {
    const w = pairs.weight[x]!;
    insert.run(1, lo(x), hi(x), probabilityOf(w), Math.round(w * 1000) / 1000, Buffer.from(levelBytes.subarray(x * K, x * K + K)), Buffer.from(weightBytes.subarray(x * K * 4, (x * K + K) * 4)));
  }
}

function measure(way: 'one per statement' | 'insertPairs', data: ReturnType<typeof synthetic>): { cpuSeconds: number; digest: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bw-write-pairs-'));
  try {
    const store = Store.openWithKey(join(dir, 'bench.db'), randomBytes(32), true);
    const db = store.writer;
    db.prepare(
      `INSERT INTO link_run(id, started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, records, candidate_pairs, stored_pairs, persons, households, blocking_json, training_json, summary_json)
       VALUES (1, '', '', 'bench', '{}', 0.9, 0.1, '[]', 0, 0, 0, 0, 0, '{}', '{}', '{}')`,
    ).run();
    const before = process.cpuUsage();
    db.transaction(() => (way === 'insertPairs' ? insertPairs(db, 1, data.recordIds, data.pairs, K) : onePerStatement(db, data.recordIds, data.pairs)))();
    const used = process.cpuUsage(before);
    const hash = createHash('sha256');
    for (const row of db.prepare('SELECT record_a, record_b, probability, match_weight, levels, weights FROM link_pair ORDER BY run_id, record_a, record_b').raw(true).iterate() as IterableIterator<unknown[]>) {
      hash.update(`${row[0]},${row[1]},${row[2]},${row[3]},`);
      hash.update(row[4] as Buffer);
      hash.update(row[5] as Buffer);
    }
    store.close();
    return { cpuSeconds: (used.user + used.system) / 1e6, digest: hash.digest('hex') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const data = synthetic();
const results: Array<{ way: string; cpuSeconds: number }> = [];
let digest: string | null = null;
for (let round = 0; round < ROUNDS; round++) {
  // interleaved, so a change in the machine's load falls on both ways alike
  for (const way of round % 2 === 0 ? (['one per statement', 'insertPairs'] as const) : (['insertPairs', 'one per statement'] as const)) {
    const r = measure(way, data);
    if (digest !== null && r.digest !== digest) throw new Error(`${way} wrote different rows`);
    digest = r.digest;
    results.push({ way, cpuSeconds: r.cpuSeconds });
    process.stderr.write(`${way}: ${r.cpuSeconds.toFixed(2)} CPU s for ${N} pairs (${((r.cpuSeconds / N) * 1e6).toFixed(2)} µs a pair)\n`);
  }
}
process.stdout.write(`${JSON.stringify({ ok: true, pairs: N, results })}\n`);
