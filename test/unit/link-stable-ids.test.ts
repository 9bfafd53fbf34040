import { describe, expect, it } from 'vitest';
import { assignStableIds } from '../../electron/engine/link/stable-ids.js';

const minter = (): (() => string) => {
  let n = 100;
  return () => `P${n++}`;
};

describe('stable IDs by overlap', () => {
  it('keeps every ID when the clusters are unchanged, whatever their order', () => {
    const previous = new Map([
      [1, 'P1'],
      [2, 'P1'],
      [3, 'P2'],
    ]);
    const r = assignStableIds([3, 1, 2], [0, 1, 1], 2, previous, minter());
    expect(r.ids).toEqual(['P2', 'P1']);
    expect(r).toMatchObject({ kept: 2, created: 0, retired: [], events: [] });
  });

  it('mints IDs for new clusters and keeps old ones for clusters that grew', () => {
    const previous = new Map([[1, 'P1']]);
    const r = assignStableIds([1, 2, 3], [0, 0, 1], 2, previous, minter());
    expect(r.ids).toEqual(['P1', 'P100']);
    expect(r.created).toBe(1);
  });

  it('records a merge: the larger part keeps its ID', () => {
    const previous = new Map([
      [1, 'P1'],
      [2, 'P1'],
      [3, 'P2'],
    ]);
    const r = assignStableIds([1, 2, 3], [0, 0, 0], 1, previous, minter());
    expect(r.ids).toEqual(['P1']);
    expect(r.retired).toEqual(['P2']);
    expect(r.events).toEqual([{ kind: 'merge', id: 'P1', others: ['P2'] }]);
  });

  it('records a split: the larger part keeps the ID, the rest get new ones', () => {
    const previous = new Map([
      [1, 'P1'],
      [2, 'P1'],
      [3, 'P1'],
    ]);
    const r = assignStableIds([1, 2, 3], [0, 0, 1], 2, previous, minter());
    expect(r.ids).toEqual(['P1', 'P100']);
    expect(r.events).toEqual([{ kind: 'split', id: 'P1', others: ['P100'] }]);
  });

  it('is reproducible on ties', () => {
    const previous = new Map([
      [1, 'P7'],
      [2, 'P3'],
    ]);
    const a = assignStableIds([1, 2], [0, 0], 1, previous, minter());
    const b = assignStableIds([2, 1], [0, 0], 1, previous, minter());
    expect(a.ids).toEqual(['P3']);
    expect(b.ids).toEqual(['P3']);
  });
});
