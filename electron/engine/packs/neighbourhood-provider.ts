// Neighbourhood indicators for a pack, read through the outcomes feature's published series: the
// figures arrive already under disclosure control (counts under 10 withheld with secondary
// suppression, rates only over denominators of 10 or more), and only rates leave here — no count
// or denominator reaches the pack, so the pack's own count rounding has nothing to add.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { publishedIndicatorSeries } from '../outcomes/index.js';
import type { Store } from '../store/store.js';
import type { NeighbourhoodIndicatorsProvider, PublishedIndicator } from './providers.js';

/** Target and custom areas report; wards are too many for a board. */
const REPORTED_KINDS = new Set(['target', 'custom']);

export function neighbourhoodProvider(store: Store, period: 'quarter' | 'year' = 'quarter'): NeighbourhoodIndicatorsProvider {
  // A pack shows the sections whose data exists: without a lookup to place households (or with no
  // events) the outcomes feature refuses, and the section says "no data yet" instead of the whole
  // pack failing.
  const series = (): ReturnType<typeof publishedIndicatorSeries> => {
    try {
      return publishedIndicatorSeries(store, { period });
    } catch (error) {
      if (error instanceof WorkbenchError && (error.kind === 'bad-input' || error.kind === 'not-found')) return [];
      throw error;
    }
  };
  return {
    indicators: () =>
      series().map((r): PublishedIndicator => {
        const areas = r.areas.filter((a) => REPORTED_KINDS.has(a.kind));
        // The borough's rate is the same on every area's series; take it from any area that has the period.
        const boroughRates = r.periods.map((p) => {
          for (const a of r.areas) {
            const point = a.series.find((s) => s.period === p.key);
            if (point && point.boroughRate !== null) return point.boroughRate;
          }
          return null;
        });
        return {
          indicator: r.indicator.name,
          label: r.indicator.label,
          per: 1000,
          denominator: r.denominator.label,
          periodKind: r.period,
          periods: r.periods.map((p) => ({ key: p.key, label: p.label, status: p.status })),
          borough: { name: r.borough.name, rates: boroughRates },
          areas: areas.map((a) => {
            const byPeriod = new Map(a.series.map((s) => [s.period, s]));
            return {
              area: a.name,
              rates: r.periods.map((p) => byPeriod.get(p.key)?.rate ?? null),
              gaps: r.periods.map((p) => byPeriod.get(p.key)?.gap?.difference ?? null),
              trend: { direction: a.trend.direction, slope: a.trend.slope, lower: a.trend.lower, upper: a.trend.upper, periods: a.trend.periods },
            };
          }),
        };
      }),
  };
}
