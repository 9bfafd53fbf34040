// Statistical disclosure control for board packs, applied to every table and figure before
// anything is rendered (DOMAIN §5.1): counts from 1 to threshold−1 are withheld (primary
// suppression); further cells are withheld so that no withheld count can be worked out from the
// row and column totals (secondary suppression, checked by solving the totals' equations);
// shown counts are optionally rounded to 5; rates are shown only over denominators of at least
// `minDenominator`, worked out from the shown (rounded) numbers. Pure: no store, no I/O.
import { SUPPRESSED_SYMBOL, type Block, type DisclosureSettings, type ShownCell, type ShownTable } from '../../../shared/ipc/channels/packs.js';
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

const isSmall = (v: RawValue, threshold: number): boolean => typeof v === 'number' && v > 0 && v < threshold;

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

const numeric = (table: RawTable, [r, c]: CellRef): number => {
  const key = table.columns[c]?.key ?? '';
  const v = table.rows[r]?.cells[key];
  return typeof v === 'number' ? v : 0;
};

/**
 * Withheld cells whose value can still be worked out from what is shown: a cell is determined
 * when its unit vector lies in the row space of the relations' equations over the withheld cells
 * (shown cells are constants). Gaussian elimination on small integer systems.
 */
export function recoverableCells(table: RawTable, withheld: ReadonlySet<string>): string[] {
  const unknowns = [...withheld];
  if (unknowns.length === 0) return [];
  const index = new Map(unknowns.map((k, i) => [k, i]));
  const rows: number[][] = [];
  for (const rel of relationsOf(table)) {
    const eq = new Array<number>(unknowns.length).fill(0);
    let any = false;
    const add = ([r, c]: CellRef, sign: number): void => {
      const i = index.get(keyOf(r, c));
      if (i !== undefined) {
        eq[i] = (eq[i] ?? 0) + sign;
        any = true;
      }
    };
    add(rel.total, -1);
    for (const p of rel.parts) add(p, 1);
    if (any) rows.push(eq);
  }
  // Reduced row echelon form.
  const m = rows.map((r) => [...r]);
  const pivots: number[] = [];
  let lead = 0;
  for (let col = 0; col < unknowns.length && lead < m.length; col++) {
    let pivot = -1;
    for (let r = lead; r < m.length; r++) if (Math.abs(m[r]?.[col] ?? 0) > 1e-9) pivot = pivot === -1 ? r : pivot;
    if (pivot === -1) continue;
    [m[lead], m[pivot]] = [m[pivot] as number[], m[lead] as number[]];
    const p = m[lead] as number[];
    const pv = p[col] as number;
    for (let j = 0; j < p.length; j++) p[j] = (p[j] as number) / pv;
    for (let r = 0; r < m.length; r++) {
      if (r === lead) continue;
      const row = m[r] as number[];
      const f = row[col] as number;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < row.length; j++) row[j] = (row[j] as number) - f * (p[j] as number);
    }
    pivots.push(col);
    lead++;
  }
  // An unknown is determined when some reduced row has it as its only non-zero entry.
  const determined: string[] = [];
  for (const row of m.slice(0, lead)) {
    const nonZero = row.flatMap((v, j) => (Math.abs(v) > 1e-9 ? [j] : []));
    if (nonZero.length === 1) determined.push(unknowns[nonZero[0] as number] as string);
  }
  return determined;
}

/** The cells to withhold: primary (small counts), then secondary until nothing can be worked out. */
export function suppressedCells(table: RawTable, threshold: number): Set<string> {
  const withheld = new Set<string>();
  table.rows.forEach((row, r) =>
    table.columns.forEach((col, c) => {
      if (col.kind === 'count' && isSmall(row.cells[col.key] ?? null, threshold)) withheld.add(keyOf(r, c));
    }),
  );
  if (withheld.size === 0) return withheld;
  const relations = relationsOf(table);
  /** Withholds the member of a relation that gives least away: the smallest positive part, else the total, else a zero. */
  const withholdOneMore = (rel: Relation): boolean => {
    const open = rel.parts.filter(([r, c]) => !withheld.has(keyOf(r, c)));
    const positive = open.filter((p) => numeric(table, p) > 0).sort((a, b) => numeric(table, a) - numeric(table, b));
    const pick = positive[0] ?? (withheld.has(keyOf(...rel.total)) ? open[0] : rel.total);
    if (!pick) return false;
    withheld.add(keyOf(...pick));
    return true;
  };
  for (let guard = 0; guard < 10_000; guard++) {
    // A relation with exactly one withheld member gives that member away.
    const lone = relations.find((rel) => [rel.total, ...rel.parts].filter(([r, c]) => withheld.has(keyOf(r, c))).length === 1);
    if (lone) {
      if (!withholdOneMore(lone)) break;
      continue;
    }
    // Two or more per relation can still combine across relations; solve to be sure.
    const recoverable = recoverableCells(table, withheld);
    if (recoverable.length === 0) return withheld;
    const [r, c] = (recoverable[0] as string).split(':').map(Number) as [number, number];
    const touching = relations.filter((rel) => [rel.total, ...rel.parts].some(([a, b]) => a === r && b === c));
    if (!touching.some((rel) => withholdOneMore(rel))) break;
  }
  // Nothing left to withhold selectively: withhold every count rather than disclose one.
  table.rows.forEach((_row, r) => table.columns.forEach((col, c) => col.kind === 'count' && withheld.add(keyOf(r, c))));
  return withheld;
}

export const roundCount = (n: number, roundTo: number): number => (roundTo > 0 ? Math.round(n / roundTo) * roundTo : n);

/** A single count as it may be shown: withheld under the threshold, else rounded. */
export function showCount(n: number | null, settings: DisclosureSettings): ShownCell {
  if (n === null) return { v: null };
  if (isSmall(n, settings.threshold)) return { v: SUPPRESSED_SYMBOL, c: true };
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
      if (num.c || den.c || typeof rawDen !== 'number' || rawDen < settings.minDenominator) return { v: SUPPRESSED_SYMBOL, c: true };
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
