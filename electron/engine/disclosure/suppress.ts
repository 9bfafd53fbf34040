// Statistical disclosure control for published tables of counts (DOMAIN.md §5.1) — the one
// implementation both published outputs use (neighbourhood outcomes, board packs). Counts under
// the threshold (10 by default) are withheld — primary suppression — and further cells are
// withheld until no protected count can be worked out from the sums shown beside it — secondary
// suppression, checked by solving the sums' equations, so combinations of several sums are caught
// too, not only a sum with one cell missing. Shown counts may be rounded (to 5 in packs). Rates are
// shown only over denominators of at least 10 and never where their count is withheld (a rate
// times a published denominator is the count).
// Pure: the caller says which cells make up which totals; nothing here knows about areas or tables.

export interface DisclosureRules {
  /** Counts below this are withheld. */
  threshold: number;
  /** Whether a zero is withheld too (UK LLC: "no counts < 10, including zero"). */
  suppressZero: boolean;
  /** Rates and percentages only over denominators of at least this. */
  minDenominator: number;
  /** Shown counts rounded to the nearest multiple of this; 0 leaves them exact. */
  roundTo: number;
  /**
   * Whether a secondary cell must not be worked out either (so a reader cannot tell which withheld
   * cells are the small ones). Without it only the small counts are protected.
   */
  protectSecondary: boolean;
}

export const DEFAULT_RULES: DisclosureRules = { threshold: 10, suppressZero: true, minDenominator: 10, roundTo: 0, protectSecondary: false };

export interface TableCell {
  id: string;
  value: number;
  /**
   * False for a cell that is never published but is implied by the others (the rest of the
   * borough outside an area: borough minus area). It is unknown to a reader, so it can protect
   * a withheld cell, and when it is small it must itself be protected.
   */
  published: boolean;
}

/** total = sum of parts. A reader who knows all but one member of a group can work it out. */
export interface SumGroup {
  total: string;
  parts: string[];
}

export type CellStatus = 'shown' | 'primary' | 'secondary' | 'unpublished';

/** Whether a count would be withheld on its own. */
export function isSmall(value: number, rules: Pick<DisclosureRules, 'threshold' | 'suppressZero'> = DEFAULT_RULES): boolean {
  if (value === 0) return rules.suppressZero;
  return value < rules.threshold;
}

/** A shown count, rounded to the rules' multiple (0: exact). */
export const roundCount = (n: number, roundTo: number): number => (roundTo > 0 ? Math.round(n / roundTo) * roundTo : n);

/**
 * The unknown cells whose value a reader can still work out from the sums: a cell is determined
 * when its unit vector lies in the row space of the sums' equations over the unknowns (known cells
 * are constants). Gaussian elimination on small integer systems; returned in `unknowns` order.
 */
export function determinedCells(groups: readonly SumGroup[], unknowns: readonly string[]): string[] {
  if (unknowns.length === 0) return [];
  const index = new Map(unknowns.map((k, i) => [k, i]));
  const m: number[][] = [];
  for (const g of groups) {
    const eq = new Array<number>(unknowns.length).fill(0);
    let any = false;
    const add = (id: string, sign: number): void => {
      const i = index.get(id);
      if (i !== undefined) {
        eq[i] = (eq[i] ?? 0) + sign;
        any = true;
      }
    };
    add(g.total, -1);
    for (const p of g.parts) add(p, 1);
    if (any) m.push(eq);
  }
  // Reduced row echelon form.
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
    lead++;
  }
  // An unknown is determined when some reduced row has it as its only non-zero entry.
  const determined = new Set<number>();
  for (const row of m.slice(0, lead)) {
    const nonZero = row.flatMap((v, j) => (Math.abs(v) > 1e-9 ? [j] : []));
    if (nonZero.length === 1) determined.add(nonZero[0] as number);
  }
  return unknowns.filter((_u, i) => determined.has(i));
}

/**
 * Primary and secondary suppression over a set of sums. A protected cell (a withheld small count,
 * an unpublished small one, and with `protectSecondary` every withheld cell) ends up impossible to
 * work out from the sums. Secondary cells are chosen smallest first among a sum's shown parts (the
 * least information lost), the total when no positive part is left, a zero part last; if nothing
 * selective is left, every published cell is withheld rather than one count disclosed.
 */
export function suppressTable(cells: readonly TableCell[], groups: readonly SumGroup[], rules: DisclosureRules = DEFAULT_RULES): Map<string, CellStatus> {
  const byId = new Map(cells.map((c) => [c.id, c]));
  const status = new Map<string, CellStatus>();
  for (const c of cells) status.set(c.id, !c.published ? 'unpublished' : isSmall(c.value, rules) ? 'primary' : 'shown');
  const unknown = (id: string): boolean => status.get(id) !== 'shown';
  const protectedCell = (id: string): boolean => {
    const s = status.get(id);
    const c = byId.get(id);
    return s === 'primary' || (s === 'secondary' && rules.protectSecondary) || (s === 'unpublished' && c !== undefined && isSmall(c.value, rules));
  };
  const members = (g: SumGroup): string[] => [g.total, ...g.parts].filter((id) => byId.has(id));
  const withholdOneMore = (g: SumGroup): boolean => {
    const open = g.parts.filter((id) => byId.has(id) && !unknown(id));
    const value = (id: string): number => byId.get(id)?.value ?? 0;
    const byValue = (a: string, b: string): number => value(a) - value(b) || a.localeCompare(b);
    const positive = open.filter((id) => value(id) > 0).sort(byValue);
    const pick = positive[0] ?? (byId.has(g.total) && !unknown(g.total) ? g.total : open.sort(byValue)[0]);
    if (pick === undefined) return false;
    status.set(pick, 'secondary');
    return true;
  };
  // Each step withholds one more cell, so this ends within |cells| steps.
  for (let guard = 0; guard <= cells.length; guard++) {
    // A sum with exactly one unknown member gives that member away.
    let changed = false;
    for (const g of groups) {
      const hidden = members(g).filter(unknown);
      if (hidden.length === 1 && protectedCell(hidden[0] as string) && withholdOneMore(g)) changed = true;
    }
    if (changed) continue;
    // Two or more per sum can still combine across sums; solve to be sure.
    const exposed = determinedCells(groups, cells.map((c) => c.id).filter(unknown)).filter(protectedCell);
    if (exposed.length === 0) return status;
    const target = exposed[0] as string;
    if (!groups.some((g) => members(g).includes(target) && withholdOneMore(g))) break;
  }
  for (const c of cells) if (c.published) status.set(c.id, status.get(c.id) === 'primary' ? 'primary' : 'secondary');
  return status;
}

/** A rate may be shown only when its count is shown and its denominator is large enough. */
export function rateShown(countStatus: CellStatus, denominator: number | null, rules: Pick<DisclosureRules, 'minDenominator'> = DEFAULT_RULES): boolean {
  return countStatus === 'shown' && denominator !== null && denominator >= rules.minDenominator;
}

/** A count as it may be published: the value, or null when withheld. */
export function publishedValue(value: number, s: CellStatus): number | null {
  return s === 'shown' ? value : null;
}
