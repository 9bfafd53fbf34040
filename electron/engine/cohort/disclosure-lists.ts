// Breakdowns of the qualifying families (by criterion combination, area, IMD decile) as a
// non-analyst may see them: each breakdown that adds up to the qualifying total is one sum, so a
// count under 10 withheld from it would follow from the total and the rest. Secondary suppression
// (disclosure/suppress.ts, the rules packs and neighbourhood outcomes use) withholds further
// cells until none can be worked out; shown counts are rounded to 5 as elsewhere.
import { suppressTable, type DisclosureRules, type SumGroup, type TableCell } from '../disclosure/suppress.js';
import { disclose, ROUND_TO, SUPPRESS_BELOW, type Disclosure } from '../geo/disclosure.js';

export interface CountEntry {
  key: string;
  families: number | null;
}

const RULES: DisclosureRules = { threshold: SUPPRESS_BELOW, suppressZero: false, minDenominator: SUPPRESS_BELOW, roundTo: ROUND_TO, protectSecondary: true };

const ordered = (counts: ReadonlyMap<string, number>): Array<[string, number]> => [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

export function discloseBreakdowns(total: number, breakdowns: ReadonlyArray<ReadonlyMap<string, number>>, disclosure: Disclosure): { total: number | null; breakdowns: CountEntry[][] } {
  if (disclosure === 'exact') return { total, breakdowns: breakdowns.map((b) => ordered(b).map(([key, n]) => ({ key, families: n }))) };
  const cells: TableCell[] = [{ id: 'total', value: total, published: true }];
  const groups: SumGroup[] = [];
  breakdowns.forEach((b, i) => {
    const parts = ordered(b).map(([key, n]) => {
      cells.push({ id: `${i}:${key}`, value: n, published: true });
      return `${i}:${key}`;
    });
    // Overlapping breakdowns (a family in two named areas) are no sum: their parts give nothing away about each other through the total.
    if ([...b.values()].reduce((n, v) => n + v, 0) === total) groups.push({ total: 'total', parts });
  });
  const status = suppressTable(cells, groups, RULES);
  const shown = (id: string, n: number): number | null => (status.get(id) === 'shown' ? disclose(n, disclosure) : null);
  return { total: shown('total', total), breakdowns: breakdowns.map((b, i) => ordered(b).map(([key, n]) => ({ key, families: shown(`${i}:${key}`, n) }))) };
}
