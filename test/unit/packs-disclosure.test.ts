// Disclosure control for board packs, on small tables: primary suppression of counts 1–9,
// secondary suppression so that totals cannot give a withheld count away (checked by an
// independent brute-force search for other values consistent with what is shown), rounding,
// and rates only over large enough denominators.
import { describe, expect, it } from 'vitest';
import { SUPPRESSED_SYMBOL } from '../../shared/ipc/channels/packs.js';
import { controlBlock, controlTable, DEFAULT_DISCLOSURE, recoverableCells, relationsOf, suppressedCells } from '../../electron/engine/packs/disclosure.js';
import type { RawTable } from '../../electron/engine/packs/model.js';

const NO_ROUNDING = { ...DEFAULT_DISCLOSURE, roundTo: 0 as const };

/** Areas × three bands with a row total and a total row, from a matrix of counts. */
function crossTable(matrix: number[][]): RawTable {
  const body = matrix.map((row, i) => ({ cells: { area: `Area ${String.fromCharCode(65 + i)}`, a: row[0] ?? 0, b: row[1] ?? 0, c: row[2] ?? 0, total: row.reduce((n, v) => n + v, 0) } }));
  const sum = (k: 'a' | 'b' | 'c' | 'total'): number => body.reduce((n, r) => n + r.cells[k], 0);
  return {
    type: 'table',
    id: 't',
    caption: 'test',
    columns: [
      { key: 'area', label: 'Area', kind: 'text' },
      { key: 'a', label: 'A', kind: 'count' },
      { key: 'b', label: 'B', kind: 'count' },
      { key: 'c', label: 'C', kind: 'count' },
      { key: 'total', label: 'Total', kind: 'count', sumOf: ['a', 'b', 'c'] },
    ],
    rows: [...body, { total: true, cells: { area: 'All', a: sum('a'), b: sum('b'), c: sum('c'), total: sum('total') } }],
  };
}

/**
 * Independent of the module's algebra: for each withheld cell, searches for a second assignment of
 * all withheld cells (non-negative integers) that satisfies every shown total but changes that
 * cell. If none exists, the cell can be worked out.
 */
function bruteForceDisclosed(table: RawTable, withheld: Set<string>): string[] {
  const cells = [...withheld];
  const value = (k: string): number => {
    const [r, c] = k.split(':').map(Number) as [number, number];
    return table.rows[r]?.cells[table.columns[c]?.key ?? ''] as number;
  };
  const truth = new Map(cells.map((k) => [k, value(k)]));
  const relations = relationsOf(table).map((rel) => [rel.total, ...rel.parts].map(([r, c], i) => ({ key: `${r}:${c}`, sign: i === 0 ? -1 : 1 })));
  // Relations as lists of members, each checked as soon as all its withheld members have values.
  const order = new Map(cells.map((k, i) => [k, i]));
  const checkAt = relations.map((rel) => Math.max(-1, ...rel.map((m) => order.get(m.key) ?? -1)));
  const disclosed: string[] = [];
  for (const target of cells) {
    let found = false;
    const assign = new Map<string, number>();
    const holds = (i: number): boolean =>
      relations.every((rel, r) => checkAt[r] !== i || rel.reduce((n, m) => n + m.sign * (assign.get(m.key) ?? value(m.key)), 0) === 0);
    const search = (i: number): void => {
      if (found) return;
      if (i === cells.length) {
        found = assign.get(target) !== truth.get(target);
        return;
      }
      const k = cells[i] as string;
      for (let v = 0; v <= (truth.get(k) ?? 0) + 10 && !found; v++) {
        assign.set(k, v);
        if (holds(i)) search(i + 1);
      }
      assign.delete(k);
    };
    search(0);
    if (!found) disclosed.push(target);
  }
  return disclosed;
}

describe('primary suppression', () => {
  it('withholds counts from 1 to 9 and keeps 0 and 10+', () => {
    const shown = controlTable(
      {
        type: 'table',
        id: 'x',
        caption: 'x',
        columns: [
          { key: 'k', label: 'k', kind: 'text' },
          { key: 'n', label: 'n', kind: 'count' },
        ],
        rows: [0, 1, 9, 10, 57].map((n) => ({ cells: { k: String(n), n } })),
      },
      NO_ROUNDING,
    );
    expect(shown.rows.map((r) => r.cells[1])).toEqual([{ v: 0 }, { v: SUPPRESSED_SYMBOL, c: true }, { v: SUPPRESSED_SYMBOL, c: true }, { v: 10 }, { v: 57 }]);
  });

  it('leaves ranks, deciles and percentages alone: they are not counts of people', () => {
    const shown = controlTable(
      {
        type: 'table',
        id: 'x',
        caption: 'x',
        columns: [
          { key: 'rank', label: 'rank', kind: 'rank' },
          { key: 'decile', label: 'decile', kind: 'decile' },
          { key: 'pct', label: 'pct', kind: 'percent' },
        ],
        rows: [{ cells: { rank: 3, decile: 1, pct: 5 } }],
      },
      DEFAULT_DISCLOSURE,
    );
    expect(shown.rows[0]?.cells).toEqual([{ v: 3 }, { v: 1 }, { v: 5 }]);
  });

  it('a headline figure under the threshold is withheld; others are rounded to 5', () => {
    const block = controlBlock({ type: 'figures', items: [{ label: 'a', value: 7, kind: 'count' }, { label: 'b', value: 1234, kind: 'count' }] }, DEFAULT_DISCLOSURE);
    expect(block).toEqual({ type: 'figures', items: [{ label: 'a', kind: 'count', value: { v: SUPPRESSED_SYMBOL, c: true } }, { label: 'b', kind: 'count', value: { v: 1235 } }] });
  });
});

describe('secondary suppression', () => {
  it('a lone small cell in a row takes a second cell with it, and its column too', () => {
    const table = crossTable([
      [3, 40, 25],
      [30, 22, 41],
      [18, 35, 60],
    ]);
    const withheld = suppressedCells(table, 10);
    expect(withheld.has('0:1')).toBe(true);
    // Every relation touching a withheld cell holds at least two.
    for (const rel of relationsOf(table)) {
      const n = [rel.total, ...rel.parts].filter(([r, c]) => withheld.has(`${r}:${c}`)).length;
      expect(n === 0 || n >= 2).toBe(true);
    }
    expect(recoverableCells(table, withheld)).toEqual([]);
    expect(bruteForceDisclosed(table, withheld)).toEqual([]);
  });

  it('the naive primary-only table would give the small count away (the check can fail)', () => {
    const table = crossTable([
      [3, 40, 25],
      [30, 22, 41],
    ]);
    const primaryOnly = new Set(['0:1']);
    expect(recoverableCells(table, primaryOnly)).toEqual(['0:1']);
    expect(bruteForceDisclosed(table, primaryOnly)).toEqual(['0:1']);
  });

  it('withheld cells that pair up across rows and columns still cannot be solved', () => {
    // Two small cells in one row and one column each: pairs alone would leave a solvable system.
    const table = crossTable([
      [4, 6, 30],
      [2, 25, 33],
      [20, 31, 19],
    ]);
    const withheld = suppressedCells(table, 10);
    for (const k of ['0:1', '0:2', '1:1']) expect(withheld.has(k)).toBe(true);
    expect(recoverableCells(table, withheld)).toEqual([]);
    expect(bruteForceDisclosed(table, withheld)).toEqual([]);
  });

  it('a row whose only other cells are zero withholds its total', () => {
    const table = crossTable([
      [5, 0, 0],
      [30, 22, 41],
      [18, 35, 60],
    ]);
    const withheld = suppressedCells(table, 10);
    expect(withheld.has('0:4')).toBe(true);
    expect(bruteForceDisclosed(table, withheld)).toEqual([]);
  });

  it('shows every count as [c], 0, or a multiple of 5 of at least 10', () => {
    const shown = controlTable(crossTable([[3, 40, 25], [30, 22, 41], [8, 35, 1]]), DEFAULT_DISCLOSURE);
    for (const row of shown.rows) {
      for (const [i, cell] of row.cells.entries()) {
        if (shown.columns[i]?.kind !== 'count') continue;
        expect(cell.c === true || cell.v === 0 || (typeof cell.v === 'number' && cell.v >= 10 && cell.v % 5 === 0), JSON.stringify(cell)).toBe(true);
      }
    }
  });
});

describe('rates', () => {
  const rateTable = (n: number, d: number): RawTable => ({
    type: 'table',
    id: 'r',
    caption: 'r',
    columns: [
      { key: 'n', label: 'n', kind: 'count' },
      { key: 'd', label: 'd', kind: 'count' },
      { key: 'rate', label: 'rate', kind: 'rate', rate: { numerator: 'n', denominator: 'd', per: 1000 } },
    ],
    rows: [{ cells: { n, d, rate: null } }],
  });

  it('are worked out from the shown (rounded) numbers', () => {
    expect(controlTable(rateTable(52, 1003), DEFAULT_DISCLOSURE).rows[0]?.cells[2]).toEqual({ v: Math.round((50 / 1005) * 10000) / 10 });
  });

  it('are withheld over a small denominator or a withheld numerator', () => {
    expect(controlTable(rateTable(4, 1000), DEFAULT_DISCLOSURE).rows[0]?.cells[2]).toMatchObject({ c: true });
    expect(controlTable(rateTable(12, 40), { ...DEFAULT_DISCLOSURE, minDenominator: 50 }).rows[0]?.cells[2]).toMatchObject({ c: true });
  });
});
