// The shapes outcomes hand over, as the contract defines them (one definition, shared with the app).
export type { AreaSeries, IndicatorResult, SeriesPoint } from '../../../shared/ipc/channels/outcomes.js';
export type { PeriodKind } from './periods.js';
