// The outcomes feature's entry points for other engine features (board packs, exports).
import type { IndicatorResult } from '../../../shared/ipc/channels/outcomes.js';
import { defaultBorough } from '../geo/geo-status.js';
import type { Store } from '../store/store.js';
import type { PeriodKind } from './periods.js';
import { areaIndicatorSeries } from './series.js';

export { areaIndicatorSeries, type SeriesOptions } from './series.js';
export { listIndicators, PRESET_INDICATORS } from './indicators.js';
export { CI_METHODS, TREND_TEST } from './stats.js';

/**
 * Per-area indicator series as they may be published: aggregates only, counts under 10
 * withheld with secondary suppression, rates only over denominators of 10 or more, compared with
 * the borough set on Areas & IMD. Every indicator and every area unless narrowed.
 */
export function publishedIndicatorSeries(store: Store, options: { period?: PeriodKind; indicator?: string; area?: string } = {}): IndicatorResult[] {
  return areaIndicatorSeries(store.reader, {
    period: options.period ?? 'quarter',
    disclosure: 'controlled',
    borough: defaultBorough(store),
    ...(options.indicator ? { indicator: options.indicator } : {}),
    ...(options.area ? { area: options.area } : {}),
  });
}
