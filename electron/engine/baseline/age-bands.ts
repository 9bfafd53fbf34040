// The grid's age bands as date-of-birth ranges on a date: one definition for the filter's SQL and
// for the per-band counts kept with the bookmarks.
import type { AGE_BANDS } from '../../../shared/ipc/channels/baseline.js';

export type KnownAgeBand = Exclude<(typeof AGE_BANDS)[number], 'unknown'>;

export const BANDS: Readonly<Record<KnownAgeBand, [number, number]>> = {
  '0-4': [0, 4],
  '5-10': [5, 10],
  '11-15': [11, 15],
  '16-17': [16, 17],
  '18-24': [18, 24],
  '25-64': [25, 64],
  '65+': [65, 200],
};

/** The date `years` before the ISO date `on`. */
const yearsBefore = (on: string, years: number): string => `${String(Number(on.slice(0, 4)) - years).padStart(4, '0')}${on.slice(4)}`;

/** Born after `from` and on or before `to`: aged within the band on `asOf`. */
export function bandBounds(band: KnownAgeBand, asOf: string): { from: string; to: string } {
  const [lo, hi] = BANDS[band];
  return { from: yearsBefore(asOf, hi + 1), to: yearsBefore(asOf, lo) };
}
