// Statistical disclosure control for counts of households and persons shown to roles that
// must see aggregates only (DOMAIN §5.1, derived default for board packs): counts under 10 are
// withheld (shown as "<10"), the rest rounded to the nearest 5.
export type Disclosure = 'exact' | 'rounded';

export const SUPPRESS_BELOW = 10;
export const ROUND_TO = 5;

/** The count as it may be shown: itself, rounded, or null when withheld. */
export function disclose(count: number, disclosure: Disclosure): number | null {
  if (disclosure === 'exact') return count;
  if (count < SUPPRESS_BELOW) return null;
  return Math.round(count / ROUND_TO) * ROUND_TO;
}
