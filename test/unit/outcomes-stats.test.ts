// The pure parts of neighbourhood outcomes: intervals against published values, the gap's trend,
// periods, and the reusable disclosure control.
import { describe, expect, it } from 'vitest';
import { comparablePeriods } from '../../electron/engine/outcomes/series.js';
import { determinedCells, isSmall, rateShown, suppressTable } from '../../electron/engine/disclosure/suppress.js';
import { periodOf, periodsBetween } from '../../electron/engine/outcomes/periods.js';
import { byar, slopeWithCi, trendDirection, wilson } from '../../electron/engine/outcomes/stats.js';

describe('intervals', () => {
  it('Wilson: 21 of 30 is 0.5212–0.8334 (Newcombe 1998 method 3)', () => {
    const r = wilson(21, 30);
    expect(r.rate).toBe(700);
    expect(r.lower).toBeCloseTo(521.2, 1);
    expect(r.upper).toBeCloseTo(833.4, 1);
    expect(wilson(0, 50).lower).toBe(0);
  });
  it("Byar: 10 events is 4.80–18.39 (exact Poisson 4.80–18.39)", () => {
    const r = byar(10, 1000);
    expect(r.rate).toBe(10);
    expect(r.lower).toBeCloseTo(4.8, 1);
    expect(r.upper).toBeCloseTo(18.39, 1);
    expect(byar(0, 100).lower).toBe(0);
  });
});

describe('trend of the gap', () => {
  it('a noisy fall with 3 points is stable; more points make it closing; a positive slope on a negative gap is closing', () => {
    const three = slopeWithCi([{ x: 0, y: 250 }, { x: 1, y: 150 }, { x: 2, y: 112.5 }]);
    // slope −68.75, se 18.04, t(1) 12.706 → −298.0 to 160.5
    expect(three?.slope).toBeCloseTo(-68.75, 6);
    expect(three?.lower).toBeCloseTo(-298.0, 0);
    expect(three?.upper).toBeCloseTo(160.5, 0);
    expect(trendDirection(three, 250)).toBe('stable');
    const six = slopeWithCi([250, 210, 180, 150, 120, 80].map((y, x) => ({ x, y })));
    expect(trendDirection(six, 250)).toBe('closing');
    const rising = slopeWithCi([10, 20, 30].map((y, x) => ({ x, y })));
    expect(trendDirection(rising, 10)).toBe('widening');
    expect(trendDirection(rising, -40)).toBe('closing');
    expect(slopeWithCi([{ x: 0, y: 1 }, { x: 1, y: 2 }])).toBeNull();
    expect(trendDirection(null, 5)).toBe('insufficient-data');
  });
});

describe('periods', () => {
  it('quarters, terms and months tile the dates', () => {
    expect(periodOf('quarter', '2024-05-15')).toMatchObject({ key: '2024-Q2', start: '2024-04-01', end: '2024-06-30' });
    expect(periodOf('term', '2024-04-14').key).toBe('2024-T2');
    expect(periodOf('term', '2024-04-15')).toMatchObject({ key: '2024-T3', end: '2024-08-31' });
    expect(periodOf('month', '2024-02-10').end).toBe('2024-02-29');
    expect(periodsBetween('quarter', '2023-12-31', '2024-07-01').map((p) => p.key)).toEqual(['2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3']);
    expect(periodsBetween('term', '2024-01-01', '2024-12-31').map((p) => p.key)).toEqual(['2024-T2', '2024-T3', '2024-T1']);
  });
});

describe('disclosure control (suppressTable)', () => {
  it('withholds small counts and a second cell in every sum that would give one back', () => {
    const cells = [
      { id: 'total', value: 60, published: true },
      { id: 'a', value: 4, published: true },
      { id: 'b', value: 25, published: true },
      { id: 'c', value: 31, published: true },
    ];
    const s = suppressTable(cells, [{ total: 'total', parts: ['a', 'b', 'c'] }]);
    expect(Object.fromEntries(s)).toEqual({ total: 'shown', a: 'primary', b: 'secondary', c: 'shown' });
  });
  it('an unpublished small remainder is protected too', () => {
    // area 55 of a borough of 60: the rest (5) follows from the two shown counts.
    const s = suppressTable(
      [
        { id: 'B', value: 60, published: true },
        { id: 'A', value: 55, published: true },
        { id: 'C', value: 5, published: false },
      ],
      [{ total: 'B', parts: ['A', 'C'] }],
    );
    expect(s.get('A')).toBe('secondary');
  });
  it('chains: a secondary cell in one sum triggers another in the next', () => {
    const s = suppressTable(
      [
        { id: 'T1', value: 50, published: true },
        { id: 'x', value: 3, published: true },
        { id: 'y', value: 47, published: true },
        { id: 'T2', value: 80, published: true },
        { id: 'z', value: 33, published: true },
      ],
      [
        { total: 'T1', parts: ['x', 'y'] },
        { total: 'T2', parts: ['y', 'z'] },
      ],
    );
    // y is withheld to protect x; but T2 − z gives y back, and then T1 − y gives x: so T1 goes too.
    expect(s.get('y')).toBe('secondary');
    expect(s.get('T1')).toBe('secondary');
    expect(s.get('z')).toBe('shown');
  });
  it('no withheld small count can be worked out by combining sums (solved, not only one sum at a time)', () => {
    const cells = [
      { id: 'T1', value: 50, published: true },
      { id: 'x', value: 3, published: true },
      { id: 'y', value: 47, published: true },
      { id: 'T2', value: 80, published: true },
      { id: 'z', value: 33, published: true },
    ];
    const groups = [
      { total: 'T1', parts: ['x', 'y'] },
      { total: 'T2', parts: ['y', 'z'] },
    ];
    const s = suppressTable(cells, groups);
    const unknown = cells.map((c) => c.id).filter((id) => s.get(id) !== 'shown');
    expect(determinedCells(groups, unknown)).not.toContain('x');
    // The check itself can fail: with only x and y withheld, x follows.
    expect(determinedCells(groups, ['x', 'y'])).toEqual(['x', 'y']);
  });
  it('zero counts as small, rates need a denominator of 10', () => {
    expect(isSmall(0)).toBe(true);
    expect(isSmall(10)).toBe(false);
    expect(rateShown('shown', 9)).toBe(false);
    expect(rateShown('shown', 10)).toBe(true);
    expect(rateShown('secondary', 100)).toBe(false);
  });
});

describe('trends compare like with like', () => {
  const period = (key: string, start: string, end: string, status = 'complete') => ({ p: { key, start, end, status }, i: 0 });
  it('leaves out a period a source covers only in part, and says so', () => {
    const r = comparablePeriods('quarter', 'in-period', [period('2024-Q1', '2024-01-01', '2024-03-31'), period('2024-Q2', '2024-04-01', '2024-06-30', 'partial'), period('2024-Q3', '2024-07-01', '2024-09-30')]);
    expect(r.comparable.map((c) => c.p.key)).toEqual(['2024-Q1', '2024-Q3']);
    // Quarters are within 2% of each other: gaps used as they are.
    expect(r.lengthScale(r.comparable[1]!.p)).toBe(1);
    expect(r.note).toBe('1 period that a source covers only in part is left out of the trend (not compared with whole periods).');
  });

  it('scales event gaps of terms and months to an average length; people counts are not scaled', () => {
    const spring = { key: '2024-T2', start: '2024-01-01', end: '2024-04-14', status: 'complete' };
    const summer = { key: '2024-T3', start: '2024-04-15', end: '2024-08-31', status: 'complete' };
    const terms = comparablePeriods('term', 'in-period', [{ p: spring, i: 0 }, { p: summer, i: 1 }]);
    // Spring is 105 days, summer 139: the same daily rate gives the same scaled gap.
    expect(terms.lengthScale(spring) * 105).toBeCloseTo(terms.lengthScale(summer) * 139, 9);
    expect(terms.note).toMatch(/Terms differ in length.*average term \(122 days\)/);
    const feb = { key: '2025-02', start: '2025-02-01', end: '2025-02-28', status: 'complete' };
    expect(comparablePeriods('month', 'in-period', [{ p: feb, i: 0 }]).lengthScale(feb)).toBeCloseTo(30.4375 / 28, 9);
    const people = comparablePeriods('term', 'open-at-period-end', [{ p: spring, i: 0 }]);
    expect(people.lengthScale(spring)).toBe(1);
    expect(people.note).toBeNull();
  });
});
