// Statistical disclosure control for published tables of counts (DOMAIN.md §5.1): counts under
// the threshold (10 by default, zero included) are withheld — primary suppression — and further
// cells are withheld where a total and the other parts of a sum would give a withheld count
// back — secondary suppression. Rates are shown only over denominators of at least 10 and never
// where their count is withheld (a rate times a published denominator is the count).
// Pure: the caller says which cells make up which totals; nothing here knows about areas.

export interface DisclosureRules {
  /** Counts below this are withheld. */
  threshold: number;
  /** Whether a zero is withheld too (UK LLC: "no counts < 10, including zero"). */
  suppressZero: boolean;
  /** Rates and percentages only over denominators of at least this. */
  minDenominator: number;
}

export const DEFAULT_RULES: DisclosureRules = { threshold: 10, suppressZero: true, minDenominator: 10 };

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
export function isSmall(value: number, rules: DisclosureRules = DEFAULT_RULES): boolean {
  if (value === 0) return rules.suppressZero;
  return value < rules.threshold;
}

/**
 * Primary and secondary suppression over a set of sums. Every group holding a sensitive unknown
 * cell (a withheld count, or an unpublished small one) ends up with at least two unknown cells,
 * so no withheld count can be back-calculated from one sum. Secondary cells are chosen smallest
 * first among the group's published parts (the least information lost), the total last.
 */
export function suppressTable(cells: readonly TableCell[], groups: readonly SumGroup[], rules: DisclosureRules = DEFAULT_RULES): Map<string, CellStatus> {
  const byId = new Map(cells.map((c) => [c.id, c]));
  const status = new Map<string, CellStatus>();
  for (const c of cells) status.set(c.id, !c.published ? 'unpublished' : isSmall(c.value, rules) ? 'primary' : 'shown');
  const unknown = (id: string): boolean => status.get(id) !== 'shown';
  const sensitive = (id: string): boolean => {
    const s = status.get(id);
    const c = byId.get(id);
    return s === 'primary' || (s === 'unpublished' && c !== undefined && isSmall(c.value, rules));
  };
  // Each pass can only withhold more cells, so this ends within |cells| passes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      const members = [g.total, ...g.parts].filter((id) => byId.has(id));
      const hidden = members.filter(unknown);
      if (hidden.length !== 1 || !sensitive(hidden[0] as string)) continue;
      const candidates = g.parts
        .filter((id) => byId.has(id) && !unknown(id))
        .sort((a, b) => (byId.get(a)?.value ?? 0) - (byId.get(b)?.value ?? 0) || a.localeCompare(b));
      const pick = candidates[0] ?? (byId.has(g.total) && !unknown(g.total) ? g.total : undefined);
      if (pick === undefined) continue;
      status.set(pick, 'secondary');
      changed = true;
    }
  }
  return status;
}

/** A rate may be shown only when its count is shown and its denominator is large enough. */
export function rateShown(countStatus: CellStatus, denominator: number | null, rules: DisclosureRules = DEFAULT_RULES): boolean {
  return countStatus === 'shown' && denominator !== null && denominator >= rules.minDenominator;
}

/** A count as it may be published: the value, or null when withheld. */
export function publishedValue(value: number, s: CellStatus): number | null {
  return s === 'shown' ? value : null;
}
