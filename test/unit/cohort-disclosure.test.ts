// Non-analysts' cohort breakdowns: a count under 10 withheld from a breakdown that adds up to the
// qualifying total must not be recoverable from the total and the other cells.
import { describe, expect, it } from 'vitest';
import { discloseBreakdowns } from '../../electron/engine/cohort/disclosure-lists.js';
import { determinedCells } from '../../electron/engine/disclosure/suppress.js';

const map = (o: Record<string, number>): Map<string, number> => new Map(Object.entries(o));

describe('cohort breakdowns for co-ordinators', () => {
  it('withholds a second cell so a small count cannot be worked out from the total', () => {
    const deciles = map({ 'Decile 1': 40, 'Decile 2': 25, 'Decile 3': 4 });
    const shown = discloseBreakdowns(69, [deciles], 'rounded');
    expect(shown.total).toBe(70);
    const byKey = Object.fromEntries(shown.breakdowns[0]!.map((e) => [e.key, e.families]));
    expect(byKey['Decile 3']).toBeNull();
    // Before this, Decile 2 was shown and 69 − 40 − 25 gave the 4 back.
    expect(byKey['Decile 2']).toBeNull();
    expect(byKey['Decile 1']).toBe(40);
    const unknown = ['0:Decile 2', '0:Decile 3'];
    expect(determinedCells([{ total: 'total', parts: ['0:Decile 1', ...unknown] }], unknown)).toEqual([]);
  });

  it('protects every breakdown that sums to the total, and leaves overlapping ones (no sum) alone', () => {
    const combos = map({ 'a+b+c': 30, 'a+b+local_filter': 12, 'b+c+local_filter': 3 });
    const areas = map({ North: 20, South: 20, 'Not in a named area': 30 }); // overlaps: 70 ≠ 45
    const shown = discloseBreakdowns(45, [combos, areas], 'rounded');
    const nulls = shown.breakdowns[0]!.filter((e) => e.families === null).map((e) => e.key);
    expect(nulls.sort()).toEqual(['a+b+local_filter', 'b+c+local_filter']);
    expect(shown.breakdowns[1]!.every((e) => e.families !== null)).toBe(true);
  });

  it('gives analysts exact counts', () => {
    const shown = discloseBreakdowns(7, [map({ x: 4, y: 3 })], 'exact');
    expect(shown).toEqual({ total: 7, breakdowns: [[{ key: 'x', families: 4 }, { key: 'y', families: 3 }]] });
  });
});
