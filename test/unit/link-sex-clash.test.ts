// A person has one sex: clustering never joins a cluster of men and one of women through a record
// whose sex is not recorded (an undated "Frances/Francis Hall" bridging two namesakes), yet a pair
// that itself holds both sexes is the model's own evidence and still decides.
import { describe, expect, it } from 'vitest';
import { clusterRecords } from '../../electron/engine/link/cluster.js';
import { prepare } from '../../electron/engine/link/prepare.js';
import { blankLinkRecord } from '../helpers/link-record.js';

const M = 1;
const F = 2;

function cluster(sex: number[], edges: Array<[number, number]>): number[] {
  const result = clusterRecords({
    n: sex.length,
    edgesA: Int32Array.from(edges.map((e) => e[0])),
    edgesB: Int32Array.from(edges.map((e) => e[1])),
    edgeCount: edges.length,
    identifiers: [],
    source: new Int32Array(sex.length),
    noDuplicatesWithin: new Set(),
    matches: [],
    nonMatches: [],
    sex: Int8Array.from(sex),
  });
  return [...result.personOf];
}

describe('one sex per person', () => {
  it('does not bridge a man and a woman through a record without a sex', () => {
    // 0 (M) – 1 (not recorded), then 1 – 2 (F): the second join would make one person of both
    const [a, b, c] = cluster([M, 0, F], [[0, 1], [1, 2]]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('lets a pair that holds both sexes decide (a sex keyed wrongly, weighed by the model)', () => {
    const [a, b] = cluster([M, F], [[0, 1]]);
    expect(a).toBe(b);
  });

  it('joins records whose sexes agree or are not recorded', () => {
    const ids = cluster([M, 0, M, 0], [[0, 1], [1, 2], [2, 3]]);
    expect(new Set(ids).size).toBe(1);
  });

  it('once a person holds both sexes (by a weighed pair), a record without one still joins', () => {
    const ids = cluster([M, F, 0], [[0, 1], [1, 2]]);
    expect(new Set(ids).size).toBe(1);
  });
});

describe('a title gives the sex where no column does', () => {
  it('reads Mr, Mrs, Miss and Master as the sex a benefits or housing extract leaves out; a recorded sex wins', () => {
    const rows = [
      { title: 'Mr', sex: null },
      { title: 'MRS', sex: null },
      { title: 'Miss', sex: null },
      { title: 'Master', sex: null },
      { title: 'Dr', sex: null },
      { title: 'Mrs', sex: 'M' as const },
    ].map((r, i) => ({ ...blankLinkRecord(i + 1), forename: 'Sam', surname: 'Hirst', ...r }));
    expect([...prepare(rows).sex]).toEqual([M, F, F, M, 0, M]);
  });
});
