// Writing a Run's pairs many rows to an INSERT: the rows stored are exactly those scored (ids in
// order, probability, rounded weight, the levels and the weights' bits), in key order, whatever
// the batch boundaries; and RowBatch writes every row it is given.
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { probabilityOf } from '../../electron/engine/link/model.js';
import { RowBatch } from '../../electron/engine/link/row-batch.js';
import { insertPairs, pairKeyOrder } from '../../electron/engine/link/write-pairs.js';

const K = 3;

function scored(list: Array<[number, number, number]>) {
  const count = list.length;
  const pairs = { a: new Int32Array(count), b: new Int32Array(count), weight: new Float32Array(count), count, levels: new Uint8Array(count * K), weights: new Float32Array(count * K) };
  list.forEach(([a, b, w], x) => {
    pairs.a[x] = a;
    pairs.b[x] = b;
    pairs.weight[x] = w;
    for (let c = 0; c < K; c++) {
      pairs.levels[x * K + c] = (x + c) % 5;
      pairs.weights[x * K + c] = w / (c + 1) - x / 7;
    }
  });
  return pairs;
}

function pairTable(): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE link_pair (run_id INTEGER NOT NULL, record_a INTEGER NOT NULL, record_b INTEGER NOT NULL, probability REAL NOT NULL,
    match_weight REAL NOT NULL, levels BLOB NOT NULL, weights BLOB NOT NULL, PRIMARY KEY (run_id, record_a, record_b), CHECK (record_a < record_b)) STRICT`);
  return db;
}

describe('pairKeyOrder', () => {
  it('orders pairs by (smaller record id, larger record id), whichever way round they were scored and however the records were loaded', () => {
    // record ids not in index order; record index 0 (id 50) has more partners than a bucket's insertion sort takes
    const recordIds = [50, 10, 30, 20, ...Array.from({ length: 60 }, (_, i) => 100 + ((i * 37) % 60))];
    const list: Array<[number, number, number]> = [[0, 1, 1], [2, 1, 2], [3, 0, 3], [1, 3, 4], [2, 3, 5]];
    for (let i = 4; i < recordIds.length; i++) list.push(i % 2 === 0 ? [0, i, 6] : [i, 0, 6]);
    const pairs = scored(list);
    const keys = Array.from(pairKeyOrder(recordIds, pairs), (x) => {
      const ids = [recordIds[pairs.a[x]!]!, recordIds[pairs.b[x]!]!].sort((p, q) => p - q);
      return ids[0]! * 1000 + ids[1]!;
    });
    expect(keys).toHaveLength(list.length);
    expect(keys).toEqual([...keys].sort((p, q) => p - q));
    expect(new Set(keys).size).toBe(list.length);
  });
});

describe('insertPairs', () => {
  it('stores every scored pair as it was scored, across full and part batches', () => {
    const recordIds = Array.from({ length: 400 }, (_, i) => 1000 - i * 2);
    const list: Array<[number, number, number]> = [];
    for (let i = 0; i < 399; i++) list.push([i, i + 1, (i % 40) - 12.3456], [i + 1 < 399 ? i + 2 : 0, i, i / 9]);
    const pairs = scored(list); // 798 pairs: six batches of 128 and a part batch
    const db = pairTable();
    expect(insertPairs(db, 7, recordIds, pairs, K)).toBe(list.length);
    const rows = db.prepare('SELECT run_id, record_a, record_b, probability, match_weight, levels, weights FROM link_pair ORDER BY rowid').raw(true).all() as Array<[number, number, number, number, number, Buffer, Buffer]>;
    expect(rows).toHaveLength(list.length);
    const byKey = new Map(list.map((_, x) => [[recordIds[pairs.a[x]!]!, recordIds[pairs.b[x]!]!].sort((p, q) => p - q).join(','), x]));
    let previous = -1;
    for (const [run, a, b, probability, weight, levels, weights] of rows) {
      expect(run).toBe(7);
      expect(a * 10000 + b).toBeGreaterThan(previous); // appended in key order
      previous = a * 10000 + b;
      const x = byKey.get(`${a},${b}`)!;
      expect(x).toBeDefined();
      const w = pairs.weight[x]!;
      expect(probability).toBe(probabilityOf(w));
      expect(weight).toBe(Math.round(w * 1000) / 1000);
      expect([...levels]).toEqual([...pairs.levels.subarray(x * K, x * K + K)]);
      expect(weights.equals(Buffer.from(pairs.weights.buffer, x * K * 4, K * 4))).toBe(true);
    }
  });
});

describe('RowBatch', () => {
  it('writes every row added, with the shared named values, however many batches they fill', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (run INTEGER, id INTEGER, name TEXT)');
    const batch = new RowBatch(db, 'INSERT INTO t(run, id, name)', '(@run, ?, ?)', { run: 3 }, 4);
    for (let i = 0; i < 10; i++) batch.add(i, `P${i}`);
    expect(batch.finish()).toBe(10);
    expect(db.prepare('SELECT run, id, name FROM t ORDER BY rowid').raw(true).all()).toEqual(Array.from({ length: 10 }, (_, i) => [3, i, `P${i}`]));
  });
});
