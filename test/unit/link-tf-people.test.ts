// Term frequencies counted among other people (tf-people.ts): a name one person holds in many
// records is rare evidence, not common; a name many people hold once each stays common. The
// second scoring that uses them rescores only the pairs they change, and agrees with scoring all;
// the comparisons and weights behind it agree whether worked out on worker threads or on this one, and the
// within-postcode u sample is drawn as before from typed arrays.
import { describe, expect, it } from 'vitest';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { compareInto, compareRange, compilePlan } from '../../electron/engine/link/compare.js';
import { GammaPool, WARM_INLINE_LIMIT } from '../../electron/engine/link/gamma-pool.js';
import { linkPersons } from '../../electron/engine/link/link-persons.js';
import { edgesByWeight } from '../../electron/engine/link/sort-edges.js';
import { buildModel, explainInto, explainRange, rescoreRange, scoreRange, tfChange, TF_MAX_BOOST_BITS } from '../../electron/engine/link/model.js';
import { surnameChangeLift } from '../../electron/engine/link/surname-change.js';
import { i32, prepare } from '../../electron/engine/link/prepare.js';
import { levelWeight } from '../../electron/engine/link/spec.js';
import { rng, sampleSamePostcodePairs } from '../../electron/engine/link/train.js';
import { countsAmongOthers, tfCountsAmongOthers } from '../../electron/engine/link/tf-people.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

describe('counts among other people', () => {
  it('sets aside each holder\'s own records', () => {
    // value 0: three records of one person; value 1: three people once each; value 2: unused
    const values = Int32Array.from([0, 0, 0, 1, 1, 1, -1]);
    const personOf = Int32Array.from([0, 0, 0, 1, 2, 3, 4]);
    expect([...countsAmongOthers(values, [3, 3, 0], personOf, 5)]).toEqual([0, 2, 0]);
  });

  it('weighs a name one person holds in many records as rare, and a name held by many as before', () => {
    // 6 records of Giles Ashworth (one person), 6 Johns (six people), and 28 others
    const records: LinkRecord[] = [];
    const add = (forename: string, surname: string): number => records.push({ ...blankLinkRecord(records.length + 1), forename, surname }) - 1;
    for (let k = 0; k < 6; k++) add('Giles', 'Ashworth');
    for (let k = 0; k < 6; k++) add('John', `Other${String.fromCharCode(65 + k)}`);
    for (let k = 0; k < 28; k++) add(`Name${String.fromCharCode(65 + (k % 26))}${k}`, `Family${k}`);
    const spec = fixedSpec();
    const plan = compilePlan(spec);
    const p = prepare(records);
    const personOf = Int32Array.from(records, (_, i) => (i < 6 ? 0 : i));
    const forename = spec.comparisons.findIndex((c) => c.field === 'forename');
    const exactWeight = levelWeight(spec.comparisons[forename]!.levels.find((l) => l.kind === 'exact')!);
    const forenameWeight = (i: number, j: number, counted: boolean): number => {
      const model = buildModel(spec, plan, p, 0.0001, counted ? tfCountsAmongOthers(p, personOf, records.length) : {});
      const gammas = new Uint8Array(plan.comparisons.length);
      compareInto(p, plan, i, j, gammas, 0);
      const out = new Float32Array(plan.comparisons.length);
      explainInto(model, gammas, 0, i, out, 0, j);
      return out[forename] as number;
    };
    // counted over records, Giles (6 of 40) is as common as John (6 of 40)
    expect(forenameWeight(0, 1, false)).toBeCloseTo(forenameWeight(6, 7, false), 5);
    // among other people, Giles is held by no one else: the rarest a name can weigh
    expect(forenameWeight(0, 1, true)).toBeCloseTo(exactWeight + TF_MAX_BOOST_BITS, 3);
    // John, held by six people once each: the other five of six records, a little rarer than before
    expect(forenameWeight(6, 7, true)).toBeCloseTo(forenameWeight(6, 7, false) + Math.log2(6 / 5), 3);
  });
});

/** A seeded corpus where people have one to six records each, names are common or rare, and spellings and dates slip. */
function corpus(people: number, seed: number): LinkRecord[] {
  let state = seed;
  const random = (): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() ** 2 * list.length)] as T; // the first ones common
  const forenames = ['John', 'Mary', 'Mohammed', 'Sarah', 'David', 'Aisha', 'James', 'Emma', 'Oliver', 'Chloe', 'Tomasz', 'Grainne', 'Ezekiel', 'Philippa', 'Hamish', 'Ottoline'];
  const surnames = ['Smith', 'Khan', 'Jones', 'Taylor', 'Brown', 'Patel', 'Wilson', 'Evans', 'Ashworth', 'Featherstonehaugh', 'Nowak', 'Okafor', 'Lindqvist', 'Penhaligon'];
  const slip = (name: string): string => {
    const at = 1 + Math.floor(random() * (name.length - 2));
    return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
  };
  const records: LinkRecord[] = [];
  for (let person = 0; person < people; person++) {
    const home = Math.floor(person / 3); // three people a home
    const forename = pick(forenames);
    const surname = pick(surnames);
    const dob = `${1940 + Math.floor(random() * 70)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    const postcode = `S${60 + (home % 9)} ${home % 10}${'ABDEFGHJ'[home % 8]}${'LNPQRSTU'[Math.floor(home / 8) % 8]}`;
    const copies = 1 + Math.floor(random() ** 2 * 6);
    for (let c = 0; c < copies; c++) {
      const r = random();
      records.push({
        ...blankLinkRecord(records.length + 1),
        sourceId: 1 + (c % 3),
        forename: r < 0.1 ? slip(forename) : forename,
        surname: r > 0.9 ? slip(surname) : surname,
        dob: r > 0.45 && r < 0.5 ? dob.replace(/.$/, (d) => String((Number(d) + 1) % 10)) : dob,
        sex: person % 2 ? 'M' : 'F',
        postcode: r > 0.3 && r < 0.35 ? null : postcode,
        postcodeRaw: null,
        address: `${1 + (home % 40)} Street ${Math.floor(home / 40)}`,
        email: r < 0.2 ? `p${person}@example.org` : null,
      });
    }
  }
  return records;
}

describe('scoring again after counting among other people', () => {
  it('scores again only the pairs the new counts change, with the same weights and the same persons as scoring every pair again', async () => {
    const records = corpus(450, 7);
    const options = { spec: fixedSpec(), threads: 1 };
    const full = await linkPersons(records, { ...options, fullRescore: true }, silentJob());
    const some = await linkPersons(records, options, silentJob());
    expect(some.rescoredPairs).toBeGreaterThan(0);
    expect(some.rescoredPairs).toBeLessThan(some.candidatePairs);
    expect(full.rescoredPairs).toBe(full.candidatePairs);
    expect(some.pairs.count).toBe(full.pairs.count);
    expect(some.pairs.a).toEqual(full.pairs.a);
    expect(some.pairs.b).toEqual(full.pairs.b);
    expect(some.pairs.weight).toEqual(full.pairs.weight);
    expect(some.pairs.weights).toEqual(full.pairs.weights);
    expect(some.clusters.personOf).toEqual(full.clusters.personOf);
    expect(some.matchedPairs).toBe(full.matchedPairs);
    // the corpus is one where counting among other people moves pairs: some weights differ from the first count
    expect(some.pairs.count).toBeGreaterThan(100);
  });

  it('counts holders as a set of value–person keys would', () => {
    let state = 3;
    const random = (n: number): number => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return Math.floor((state / 2 ** 32) * n);
    };
    const n = 5000;
    const personCount = 900;
    const values = Int32Array.from({ length: n }, () => random(400) - 40); // some missing (−1…−40 → −1)
    for (let i = 0; i < n; i++) if ((values[i] as number) < 0) values[i] = -1;
    const personOf = Int32Array.from({ length: n }, () => random(personCount));
    const counts = new Int32Array(360);
    for (const v of values) if (v >= 0) counts[v]!++;
    const straightforward = (): number[] => {
      const people = new Map<number, Set<number>>();
      values.forEach((v, i) => {
        if (v >= 0) people.set(v, (people.get(v) ?? new Set()).add(personOf[i] as number));
      });
      return [...counts].map((c, v) => {
        const holders = people.get(v)?.size ?? 0;
        return holders > 0 ? c * (1 - 1 / holders) : c;
      });
    };
    expect([...countsAmongOthers(values, counts, personOf, personCount)]).toEqual(straightforward());
  });
});

describe('pairs at or above the threshold, strongest first', () => {
  it('orders as a comparator sort by weight descending, then pair index', () => {
    let state = 11;
    const random = (): number => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state / 2 ** 32;
    };
    // ties, negative weights, zero and −0 included
    const weight = Float32Array.from({ length: 20_000 }, () => (random() < 0.3 ? Math.round(random() * 20 - 10) : random() * 60 - 30));
    weight[5] = -0;
    weight[6] = 0;
    for (const threshold of [-100, -3.5, 0, 12.25]) {
      const expected = [...weight.keys()].filter((x) => (weight[x] as number) >= threshold).sort((x, y) => (weight[y] as number) - (weight[x] as number) || x - y);
      expect([...edgesByWeight(weight, weight.length, threshold)]).toEqual(expected);
    }
  });
});

describe('comparison levels on worker threads', () => {
  it('a training-sized batch goes to the running workers, with the same levels, weights and waterfalls as working them out on this thread', async () => {
    const records = corpus(120, 5);
    const p = prepare(records);
    const plan = compilePlan(fixedSpec());
    const n = p.n;
    const count = (n * (n - 1)) / 2;
    expect(count).toBeGreaterThan(WARM_INLINE_LIMIT);
    const a = i32(count);
    const b = i32(count);
    let x = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) (a[x] = i), (b[x++] = j);
    const here = new Uint8Array(count * plan.comparisons.length);
    compareRange(p, plan, a, b, 0, count, here);
    const pool = new GammaPool(2);
    try {
      pool.warmUp();
      pool.setData(p, plan);
      const there = await pool.compare(a, b, count, silentJob(), 'comparing');
      expect(Buffer.from(there).equals(Buffer.from(here))).toBe(true);

      // and so are the weights, the second pass and the waterfalls, bit for bit
      const spec = fixedSpec();
      const before = buildModel(spec, plan, p, 0.001);
      const personOf = Int32Array.from({ length: n }, (_, i) => i % 40);
      const after = buildModel(spec, plan, p, 0.001, tfCountsAmongOthers(p, personOf, 40));
      const shared = (length: number): Float32Array => new Float32Array(new SharedArrayBuffer(length * 4));
      const bytes = (array: Float32Array): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
      const weightHere = new Float32Array(count);
      scoreRange(before, here, a, b, 0, count, weightHere);
      const weightThere = shared(count);
      await pool.score(before, there, a, b, count, weightThere, silentJob());
      expect(bytes(weightThere).equals(bytes(weightHere))).toBe(true);
      const lift = surnameChangeLift(spec, after);
      const rescoredHere = rescoreRange(tfChange(before, after), lift, -10, here, a, b, 0, count, weightHere);
      const rescoredThere = await pool.rescore(tfChange(before, after), lift, -10, there, a, b, count, weightThere, silentJob());
      expect(rescoredHere).toBeGreaterThan(0);
      expect(rescoredThere).toBe(rescoredHere);
      expect(bytes(weightThere).equals(bytes(weightHere))).toBe(true);
      const kept = i32(count).map((_, x) => x);
      const k = plan.comparisons.length;
      const levelsHere = new Uint8Array(count * k);
      const waterfallHere = new Float32Array(count * k);
      explainRange(after, here, a, b, kept, 0, count, levelsHere, waterfallHere);
      const levelsThere = new Uint8Array(new SharedArrayBuffer(count * k));
      const waterfallThere = shared(count * k);
      await pool.explain(after, there, a, b, kept, levelsThere, waterfallThere, silentJob());
      expect(Buffer.from(levelsThere).equals(Buffer.from(levelsHere))).toBe(true);
      expect(bytes(waterfallThere).equals(bytes(waterfallHere))).toBe(true);
    } finally {
      await pool.close();
    }
  });
});

describe('the within-postcode u sample', () => {
  /** The sample as drawn from a map of growing arrays, postcodes in order of first appearance. */
  function straightforward(p: ReturnType<typeof prepare>, size: number, allowed: (i: number, j: number) => boolean, seed: number): number[][] {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < p.n; i++) {
      const pc = p.pc[i] as number;
      if (pc >= 0) groups.set(pc, [...(groups.get(pc) ?? []), i]);
    }
    const lists = [...groups.values()].filter((g) => g.length > 1);
    const cumulative = [0];
    for (const g of lists) cumulative.push((cumulative.at(-1) as number) + (g.length * (g.length - 1)) / 2);
    const total = cumulative.at(-1) as number;
    const cap = Math.min(size, Math.ceil(total));
    const out: number[][] = [];
    if (total <= size) {
      for (const g of lists) for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) {
        const i = Math.min(g[x]!, g[y]!);
        const j = Math.max(g[x]!, g[y]!);
        if (allowed(i, j) && out.length < cap) out.push([i, j]);
      }
      return out;
    }
    const random = rng(seed);
    for (let attempts = 0; out.length < cap && attempts < cap * 20; attempts++) {
      const r = random() * total;
      const lo = cumulative.findIndex((c, k) => k > 0 && c > r) - 1;
      const g = lists[lo]!;
      const x = Math.floor(random() * g.length);
      const y = Math.floor(random() * g.length);
      if (x === y) continue;
      const i = Math.min(g[x]!, g[y]!);
      const j = Math.max(g[x]!, g[y]!);
      if (allowed(i, j)) out.push([i, j]);
    }
    return out;
  }

  it('draws the same pairs as from a map of growing arrays, exhaustive or sampled', () => {
    const p = prepare(corpus(300, 9));
    const allowed = (i: number, j: number): boolean => (i + j) % 7 !== 0;
    for (const size of [1_000_000, 500]) {
      const s = sampleSamePostcodePairs(p, size, allowed, 42);
      const pairs = Array.from({ length: s.count }, (_, x) => [s.a[x], s.b[x]]);
      expect(pairs).toEqual(straightforward(p, size, allowed, 42));
      expect(pairs.length).toBeGreaterThan(100);
    }
  });
});
