// Writing a Run's scored pairs: at a million records that is over ten million rows, so the cost
// per row is what matters. Rows go in key order (record_a, record_b) so both B-trees only ever
// append, many rows to one INSERT, and each INSERT's levels and weights travel as two blobs
// that SQL slices per row — a row binds four numbers, not seven values and two fresh Buffers.
import type { Db } from '../store/database.js';
import type { ScoredPairs } from './link-persons.js';
import { probabilityOf } from './model.js';

/** Rows per INSERT: enough to spread a statement's fixed cost, few enough to keep its SQL small. */
const ROWS_PER_INSERT = 128;

/**
 * Pair indexes ordered by (smaller record id, larger record id): a counting sort on the smaller
 * id's rank, then each bucket (a record's partners, a few dozen at most as a rule) by the other.
 */
export function pairKeyOrder(recordIds: ArrayLike<number>, pairs: Pick<ScoredPairs, 'a' | 'b' | 'count'>): Int32Array {
  const n = recordIds.length;
  // rank of each record in id order (records are loaded in id order, so usually rank = index)
  const rank = new Int32Array(n);
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) ascending = (recordIds[i] as number) > (recordIds[i - 1] as number);
  if (ascending) for (let i = 0; i < n; i++) rank[i] = i;
  else {
    const byId = Array.from({ length: n }, (_, i) => i).sort((x, y) => (recordIds[x] as number) - (recordIds[y] as number));
    for (let r = 0; r < n; r++) rank[byId[r] as number] = r;
  }
  const { a, b, count } = pairs;
  // the ranks are looked up again rather than kept: two more arrays of ten million entries
  // would be the Run's peak memory
  const lo = (x: number): number => Math.min(rank[a[x] as number] as number, rank[b[x] as number] as number);
  const hi = (x: number): number => Math.max(rank[a[x] as number] as number, rank[b[x] as number] as number);
  const start = new Int32Array(n + 1);
  for (let x = 0; x < count; x++) start[lo(x) + 1]!++;
  for (let r = 0; r < n; r++) start[r + 1]! += start[r] as number;
  const fill = start.slice(0, n);
  const order = new Int32Array(count);
  for (let x = 0; x < count; x++) order[fill[lo(x)]!++] = x;
  for (let r = 0; r < n; r++) {
    const from = start[r] as number;
    const to = start[r + 1] as number;
    if (to - from < 2) continue;
    if (to - from <= 32) {
      // insertion sort by the partner's rank (no two pairs share both records)
      for (let i = from + 1; i < to; i++) {
        const x = order[i] as number;
        const key = hi(x);
        let j = i - 1;
        while (j >= from && hi(order[j] as number) > key) {
          order[j + 1] = order[j] as number;
          j--;
        }
        order[j + 1] = x;
      }
    } else order.subarray(from, to).sort((x, y) => hi(x) - hi(y));
  }
  return order;
}

/** Inserts the pairs into link_pair for `runId`, in key order; returns how many were written. */
export function insertPairs(db: Db, runId: number, recordIds: ArrayLike<number>, pairs: ScoredPairs, k: number): number {
  const order = pairKeyOrder(recordIds, pairs);
  const statementFor = (rows: number) => {
    const values: string[] = [];
    for (let j = 0; j < rows; j++) values.push(`(@run, ?, ?, ?, ?, substr(@levels, ${j * k + 1}, ${k}), substr(@weights, ${j * k * 4 + 1}, ${k * 4}))`);
    return db.prepare(`INSERT INTO link_pair(run_id, record_a, record_b, probability, match_weight, levels, weights) VALUES ${values.join(', ')}`);
  };
  const full = statementFor(ROWS_PER_INSERT);
  const levels = Buffer.alloc(ROWS_PER_INSERT * k);
  const weights = Buffer.alloc(ROWS_PER_INSERT * k * 4);
  // weights are copied as their bits (32-bit words), so the stored floats are exactly the scored ones
  const weightWords = new Uint32Array(weights.buffer, weights.byteOffset, ROWS_PER_INSERT * k);
  const sourceWords = new Uint32Array(pairs.weights.buffer, pairs.weights.byteOffset, pairs.count * k);
  const args: number[] = new Array<number>(ROWS_PER_INSERT * 4);
  let j = 0;
  const flush = (rows: number): void => {
    if (rows === ROWS_PER_INSERT) full.run(args, { run: runId, levels, weights });
    else statementFor(rows).run(args.slice(0, rows * 4), { run: runId, levels: levels.subarray(0, rows * k), weights: weights.subarray(0, rows * k * 4) });
  };
  for (let p = 0; p < order.length; p++) {
    const x = order[p] as number;
    const idA = recordIds[pairs.a[x] as number] as number;
    const idB = recordIds[pairs.b[x] as number] as number;
    const w = pairs.weight[x] as number;
    const at = j * 4;
    args[at] = idA < idB ? idA : idB;
    args[at + 1] = idA < idB ? idB : idA;
    args[at + 2] = probabilityOf(w);
    args[at + 3] = Math.round(w * 1000) / 1000;
    for (let c = 0; c < k; c++) {
      levels[j * k + c] = pairs.levels[x * k + c] as number;
      weightWords[j * k + c] = sourceWords[x * k + c] as number;
    }
    if (++j === ROWS_PER_INSERT) {
      flush(j);
      j = 0;
    }
  }
  if (j > 0) flush(j);
  return order.length;
}
