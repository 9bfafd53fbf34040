// Neighbourhood (area) outcomes: indicators as data, and per area and period the rate per 1,000
// with its interval, the borough's rate, the gap and its trend, the displacement check and the
// IMD position beside it. Co-ordinators see everything here under disclosure control; defining
// indicators is for analysts. (Family outcomes for a cohort live on their own channels.)
import { z } from 'zod';
import { defineFeature } from '../feature.js';
import type { Role } from '../../domain/roles.js';
import { EVENT_KINDS } from '../../domain/record-fields.js';

export const PERIOD_KINDS = ['month', 'quarter', 'term', 'year'] as const;
export const periodKind = z.enum(PERIOD_KINDS);

export const indicatorName = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lower-case letters, digits and hyphens (e.g. "asb-incidents")');

/** An indicator: a count of events or of people over a period, over a population denominator. */
export const IndicatorDefinition = z.object({
  name: indicatorName,
  label: z.string().trim().min(2).max(120),
  description: z.string().max(600).default(''),
  /** Count events (each one), or people (each person at most once per period). */
  count: z.enum(['events', 'people']),
  eventKinds: z.array(z.enum(EVENT_KINDS)).min(1).max(10),
  /** Only events whose category contains one of these (case-insensitive); empty = every category. */
  categories: z.array(z.string().trim().min(1).max(80)).max(30).default([]),
  /**
   * in-period: dated in the period; open-at-period-end: a spell open on the period's last day;
   * absence-rate: a pupil whose absences in a term reach the threshold share of sessions.
   */
  rule: z.enum(['in-period', 'open-at-period-end', 'absence-rate']),
  absenceThreshold: z.number().gt(0).lte(1).optional(),
  ageMin: z.number().int().min(0).max(120).optional(),
  ageMax: z.number().int().min(0).max(120).optional(),
  denominator: z.enum(['children', 'working-age', 'total']),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

export const IndicatorRow = IndicatorDefinition.extend({
  preset: z.boolean(),
  version: z.number().int(),
  savedAt: z.string().nullable(),
  savedBy: z.string().nullable(),
});
export type IndicatorRow = z.infer<typeof IndicatorRow>;

const num = z.number().nullable();
const ci = z.object({ lower: z.number(), upper: z.number() }).nullable();

export const PeriodRow = z.object({
  key: z.string(),
  label: z.string(),
  start: z.string(),
  end: z.string(),
  /** complete: every source covers it; partial: some; missing: none (no figure, never a zero). */
  status: z.enum(['complete', 'partial', 'missing']),
  missingSources: z.array(z.string()),
});
export type PeriodRow = z.infer<typeof PeriodRow>;

export const SeriesPoint = z.object({
  period: z.string(),
  status: z.enum(['complete', 'partial', 'missing']),
  count: num,
  denominator: num,
  rate: num,
  ci,
  boroughCount: num,
  boroughDenominator: num,
  boroughRate: num,
  boroughCi: ci,
  gap: z.object({ difference: z.number(), ratio: z.number().nullable() }).nullable(),
  /** Why figures are missing: "withheld" (disclosure control), "no data", "no denominator". */
  withheld: z.boolean(),
  note: z.string().nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const Trend = z.object({
  direction: z.enum(['widening', 'stable', 'closing', 'insufficient-data']),
  baselinePeriod: z.string().nullable(),
  latestPeriod: z.string().nullable(),
  /** Change in the gap per period (per 1,000), with its 95% interval. */
  slope: num,
  lower: num,
  upper: num,
  periods: z.number().int(),
  test: z.string(),
  /** How the periods were made comparable, or which were left out of the trend and why. */
  note: z.string().nullable().optional(),
});
export type Trend = z.infer<typeof Trend>;

const GroupRates = z.object({ people: num, rateBefore: num, rateAfter: num });
export const Displacement = z.object({
  baselinePeriod: z.string(),
  latestPeriod: z.string(),
  /** Everyone living in the area at the baseline (rate then), and now (rate now). */
  areaBefore: GroupRates,
  areaAfter: GroupRates,
  /** The same people in the area in both periods. */
  stayed: GroupRates,
  /** Lived in the area at the baseline and elsewhere now, followed to where they live. */
  movedOut: GroupRates,
  /** Live in the area now and lived elsewhere at the baseline. */
  movedIn: GroupRates,
  /** The baseline's residents wherever they live now: the same people's outcomes. */
  samePeople: GroupRates,
  changeInArea: num,
  changeSamePeople: num,
  /** The part of the area's change that comes from people moving in and out. */
  changeFromMoves: num,
  note: z.string(),
});
export type Displacement = z.infer<typeof Displacement>;

export const ImdPosition = z.object({
  release: z.string(),
  vintage: z.number().int(),
  lsoasWithData: z.number().int(),
  medianRank: num,
  mostDeprived10: z.number().int(),
  mostDeprived20: z.number().int(),
  decileCounts: z.array(z.number().int()),
});

export const AreaSeries = z.object({
  name: z.string(),
  kind: z.string(),
  lsoas: z.number().int(),
  flags: z.array(z.string()),
  series: z.array(SeriesPoint),
  trend: Trend,
  displacement: Displacement.nullable(),
  imd: z.array(ImdPosition),
});
export type AreaSeries = z.infer<typeof AreaSeries>;

export const IndicatorResult = z.object({
  indicator: IndicatorRow,
  period: periodKind,
  /** The LSOA vintage households are placed on (the postcode lookup's). */
  vintage: z.union([z.literal(2001), z.literal(2011), z.literal(2021)]),
  disclosure: z.enum(['exact', 'controlled']),
  ciMethod: z.string(),
  denominator: z.object({ kind: z.string(), basis: z.enum(['iod', 'baseline']), label: z.string() }),
  borough: z.object({ name: z.string(), lsoas: z.number().int(), basis: z.string() }),
  periods: z.array(PeriodRow),
  sources: z.array(z.string()),
  areas: z.array(AreaSeries),
  warnings: z.array(z.string()),
});
export type IndicatorResult = z.infer<typeof IndicatorResult>;

export const OutcomesRequest = z.object({
  indicator: indicatorName.optional(),
  period: periodKind.default('quarter'),
  area: z.string().trim().min(1).max(120).optional(),
  /** For a download or a pack: disclosure control whoever asks. */
  published: z.boolean().default(false),
});

export const OutcomesMapRequest = z.object({
  indicator: indicatorName,
  period: periodKind.default('quarter'),
  measure: z.enum(['rate', 'change']).default('rate'),
});
export const OutcomesMap = z.object({
  vintage: z.number().int(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  measure: z.enum(['rate', 'change']),
  /** Per LSOA; null where withheld or without data. */
  values: z.array(z.object({ lsoa: z.string(), value: num })),
  note: z.string(),
});
export type OutcomesMap = z.infer<typeof OutcomesMap>;

export const OUTCOME_CHANNELS = {
  'outcomes:indicators': { request: z.object({}).strict(), response: z.array(IndicatorRow) },
  'outcomes:saveIndicator': { request: IndicatorDefinition, response: IndicatorRow },
  'outcomes:areas': { request: OutcomesRequest, response: z.object({ results: z.array(IndicatorResult) }) },
  'outcomes:map': { request: OutcomesMapRequest, response: OutcomesMap },
} as const;

export const OUTCOME_JOB_RESULTS = {} as const;

const SEE: readonly Role[] = ['analyst', 'co-ordinator'];
export const OUTCOME_POLICY: { readonly [C in keyof typeof OUTCOME_CHANNELS]: 'open' | readonly Role[] } = {
  'outcomes:indicators': SEE,
  'outcomes:saveIndicator': ['analyst'],
  'outcomes:areas': SEE,
  'outcomes:map': SEE,
};

export const OUTCOME_FEATURE = defineFeature({
  id: 'outcomes',
  channels: OUTCOME_CHANNELS,
  policy: OUTCOME_POLICY,
  jobResults: OUTCOME_JOB_RESULTS,
  auditActions: ['indicator-save'],
});
