// Statistical disclosure control for board packs, applied to every table and figure before
// anything is rendered: the pack's tables and settings put to the shared rules in
// disclosure/suppress.ts (the one implementation, also behind neighbourhood outcomes). Counts from
// 1 to threshold−1 are withheld (primary suppression; a zero is shown); further cells are withheld
// so that no withheld count can be worked out from the row and column totals (secondary
// suppression); shown counts are rounded to 5 unless the template says otherwise; rates are shown
// only over denominators of at least `minDenominator`, worked out from the shown (rounded) numbers.
// Pure: no store, no I/O.
import { SUPPRESSED_SYMBOL, type Block, type DisclosureSettings, type ShownCell, type ShownTable } from '../../../shared/ipc/channels/packs.js';
import { determinedCells, isSmall, rateShown, roundCount, suppressTable, type DisclosureRules, type SumGroup, type TableCell } from '../disclosure/suppress.js';
import type { RawBlock, RawTable, RawValue } from './model.js';

export const DEFAULT_DISCLOSURE: DisclosureSettings = { threshold: 10, roundTo: 5, minDenominator: 10 };

/** A cell of a table by row and column index. */
type CellRef = readonly [row: number, col: number];
const keyOf = (r: number, c: number): string => `${r}:${c}`;

/** One additive relation the table shows: the parts sum to the total. */
interface Relation {
  total: CellRef;
  parts: CellRef[];
}

/** The pack's settings as the shared rules: zeros are shown, and no withheld cell may be worked out. */
export const rulesOf = (settings: Pick<DisclosureSettings, 'threshold'> & Partial<DisclosureSettings>): DisclosureRules => ({
  threshold: settings.threshold,
  suppressZero: false,
  minDenominator: settings.minDenominator ?? DEFAULT_DISCLOSURE.minDenominator,
  roundTo: settings.roundTo ?? DEFAULT_DISCLOSURE.roundTo,
  protectSecondary: true,
});

const isSmallCount = (v: RawValue, threshold: number): boolean => typeof v === 'number' && v > 0 && isSmall(v, rulesOf({ threshold }));

/** Row totals (columns with `sumOf`) and column totals (a `total` row) as relations. */
export function relationsOf(table: RawTable): Relation[] {
  const relations: Relation[] = [];
  const colIndex = new Map(table.columns.map((c, i) => [c.key, i]));
  table.rows.forEach((_row, r) => {
    table.columns.forEach((col, c) => {
      if (!col.sumOf) return;
      relations.push({ total: [r, c], parts: col.sumOf.map((k) => [r, colIndex.get(k) ?? -1] as const).filter(([, i]) => i >= 0) });
    });
  });
  const totalRows = table.rows.flatMap((row, r) => (row.total ? [r] : []));
  const bodyRows = table.rows.flatMap((row, r) => (row.total ? [] : [r]));
  for (const t of totalRows) {
    table.columns.forEach((col, c) => {
      if (col.kind !== 'count') return;
      relations.push({ total: [t, c], parts: bodyRows.map((r) => [r, c] as const) });
    });
  }
  return relations;
}

const groupsOf = (table: RawTable): SumGroup[] => relationsOf(table).map((rel) => ({ total: keyOf(...rel.total), parts: rel.parts.map(([r, c]) => keyOf(r, c)) }));

/** Withheld cells whose value can still be worked out from what is shown (see disclosure/suppress.ts). */
export function recoverableCells(table: RawTable, withheld: ReadonlySet<string>): string[] {
  return determinedCells(groupsOf(table), [...withheld]);
}

/** The cells to withhold: primary (small counts), then secondary until nothing can be worked out. */
export function suppressedCells(table: RawTable, threshold: number): Set<string> {
  const cells: TableCell[] = [];
  table.rows.forEach((row, r) =>
    table.columns.forEach((col, c) => {
      const v = row.cells[col.key];
      if (col.kind === 'count') cells.push({ id: keyOf(r, c), value: typeof v === 'number' ? v : 0, published: true });
    }),
  );
  const status = suppressTable(cells, groupsOf(table), rulesOf({ threshold }));
  return new Set([...status].flatMap(([id, s]) => (s === 'shown' ? [] : [id])));
}

export { roundCount };

/** A single count as it may be shown: withheld under the threshold, else rounded. */
export function showCount(n: number | null, settings: DisclosureSettings): ShownCell {
  if (n === null) return { v: null };
  if (isSmallCount(n, settings.threshold)) return { v: SUPPRESSED_SYMBOL, c: true };
  return { v: roundCount(n, settings.roundTo) };
}

/** The table as it may be shown. */
export function controlTable(table: RawTable, settings: DisclosureSettings): ShownTable {
  const withheld = suppressedCells(table, settings.threshold);
  const shownNumber = (r: number, c: number): ShownCell => {
    const col = table.columns[c];
    const v = table.rows[r]?.cells[col?.key ?? ''] ?? null;
    if (col?.kind !== 'count' || typeof v !== 'number') return { v };
    if (withheld.has(keyOf(r, c))) return { v: SUPPRESSED_SYMBOL, c: true };
    return { v: roundCount(v, settings.roundTo) };
  };
  const colIndex = new Map(table.columns.map((c, i) => [c.key, i]));
  const rows = table.rows.map((row, r) => ({
    total: row.total === true,
    cells: table.columns.map((col, c): ShownCell => {
      if (!col.rate) return shownNumber(r, c);
      const num = shownNumber(r, colIndex.get(col.rate.numerator) ?? -1);
      const den = shownNumber(r, colIndex.get(col.rate.denominator) ?? -1);
      const rawDen = row.cells[col.rate.denominator];
      if (typeof rawDen !== 'number' || !rateShown(num.c || den.c ? 'secondary' : 'shown', rawDen, settings)) return { v: SUPPRESSED_SYMBOL, c: true };
      if (typeof num.v !== 'number' || typeof den.v !== 'number' || den.v === 0) return { v: null };
      return { v: Math.round((num.v / den.v) * col.rate.per * 10) / 10 };
    }),
  }));
  return {
    type: 'table',
    id: table.id,
    caption: table.caption,
    columns: table.columns.map(({ key, label, kind }) => ({ key, label, kind })),
    rows,
    notes: [...(table.notes ?? [])],
  };
}

/** Every block as it may be shown. */
export function controlBlock(block: RawBlock, settings: DisclosureSettings): Block {
  if (block.type === 'table') return controlTable(block, settings);
  if (block.type === 'figures') {
    return {
      type: 'figures',
      items: block.items.map((item) => ({ label: item.label, kind: item.kind, value: item.kind === 'count' ? showCount(typeof item.value === 'number' ? item.value : null, settings) : { v: item.value } })),
    };
  }
  return block;
}

/** The footnotes that explain the marks and rounding a pack uses. */
export function disclosureFootnotes(settings: DisclosureSettings, anyWithheld: boolean): string[] {
  const notes: string[] = [];
  if (anyWithheld) {
    notes.push(
      `${SUPPRESSED_SYMBOL} withheld: fewer than ${settings.threshold} people or households, or withheld so that a smaller number cannot be worked out from the totals.`,
    );
  }
  if (settings.roundTo > 0) notes.push(`Counts of people and households are rounded to the nearest ${settings.roundTo}, so totals may not equal the sum of their parts.`);
  notes.push(`Rates are shown only where the denominator is at least ${settings.minDenominator}; they are worked out from the rounded counts.`);
  return notes;
}
