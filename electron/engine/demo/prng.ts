// A small seeded PRNG (sfc32, seeded through a string hash) and the helpers the demo
// generator needs. Nothing here reads the clock or Math.random: the same seed always yields the
// same sequence, on every platform (only 32-bit integer arithmetic is used).

/**
 * Hashes a string to four 32-bit words: FNV-1a over the UTF-16 code units, then four outputs of
 * a Weyl sequence passed through the MurmurHash3 32-bit finaliser.
 */
export function hash128(text: string): [number, number, number, number] {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const out: number[] = [];
  let x = h | 0;
  for (let k = 0; k < 4; k++) {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    out.push(z >>> 0);
  }
  return [out[0] as number, out[1] as number, out[2] as number, out[3] as number];
}

/** A cumulative-weight table for fast repeated weighted picks. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
  readonly total: number;
}

export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  const items: T[] = [];
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([item, weight], i) => {
    if (!(weight >= 0)) throw new Error(`weightedTable: bad weight ${String(weight)}`);
    total += weight;
    items.push(item);
    cumulative[i] = total;
  });
  if (items.length === 0 || total <= 0) throw new Error('weightedTable: no positive weights');
  return { items, cumulative, total };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` may be any number or string; `stream` names an independent sub-sequence. */
  constructor(seed: number | string, stream = '') {
    const [a, b, c, d] = hash128(`${String(seed)}\u0000${stream}`);
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // Warm up so that similar seeds diverge fully.
    for (let i = 0; i < 15; i++) this.nextU32();
  }

  /** An independent generator for a named sub-task, derived from this generator's seed stream. */
  static fork(seed: number | string, stream: string): Rng {
    return new Rng(seed, stream);
  }

  /** sfc32: next unsigned 32-bit integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    if (hi < lo) throw new Error(`Rng.int: empty range ${lo}..${hi}`);
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Weighted pick from [item, weight] pairs (linear; use a WeightedTable for hot paths). */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [item, w] of entries) {
      if (r < w) return item;
      r -= w;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('Rng.weighted: empty list');
    return last[0];
  }

  /** Weighted pick from a precomputed table (binary search). */
  fromTable<T>(table: WeightedTable<T>): T {
    const r = this.next() * table.total;
    const cum = table.cumulative;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return table.items[lo] as T;
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** Approximately normal (Irwin–Hall of 4 uniforms), mean and standard deviation given. */
  normal(mean: number, sd: number): number {
    const s = this.next() + this.next() + this.next() + this.next() - 2;
    return mean + sd * s * Math.sqrt(3);
  }

  /** Poisson-distributed count (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}
