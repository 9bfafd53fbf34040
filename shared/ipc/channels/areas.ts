// The areas feature's channels, the results of its jobs, and who may call them: reference
// files (IoD, ONS lookups, boundaries) imported as jobs, areas built from LSOAs, the area
// profile and the map. Co-ordinators see areas, profiles and the map (aggregates only);
// importing reference files and changing areas is for analysts.
import { z } from 'zod';
import { defineFeature } from '../feature.js';
import type { Role } from '../../domain/roles.js';
import { fileToken, isoDate, JobStarted } from '../schemas.js';

export const VINTAGES = [2001, 2011, 2021] as const;
export const vintage = z.union([z.literal(2001), z.literal(2011), z.literal(2021)]);
export type Vintage = z.infer<typeof vintage>;
export const RELEASE_IDS = ['IoD2004', 'IoD2007', 'IoD2010', 'IoD2015', 'IoD2019', 'IoD2025'] as const;
export const releaseId = z.enum(RELEASE_IDS);
export type ReleaseId = z.infer<typeof releaseId>;
export const AREA_KINDS = ['target', 'ward', 'custom'] as const;
/** IMD, the seven domains, IDACI/IDAOPI and the sub-domains, as the store keeps them. */
export const INDICATORS = [
  'imd', 'income', 'employment', 'education', 'health', 'crime', 'barriers', 'living_environment',
  'idaci', 'idaopi', 'cyp', 'adult_skills', 'geographical_barriers', 'wider_barriers', 'indoors', 'outdoors',
] as const;
export const indicator = z.enum(INDICATORS);
export type Indicator = z.infer<typeof indicator>;

const lsoaCode = z.string().trim().min(1).max(20);
const areaName = z.string().trim().min(1, 'Enter a name for the area').max(120);

export const GeoImportKind = z.enum(['auto', 'imd', 'lookup', 'boundaries']);
export type GeoImportKind = z.infer<typeof GeoImportKind>;

/** What an import recognised: the same facts the CLI's --json reports. */
export const GeoImportResult = z.object({
  kind: z.enum(['imd', 'lookup', 'boundaries']),
  file: z.string(),
  status: z.enum(['imported', 'skipped']),
  layout: z.string(),
  releases: z.array(z.string()),
  vintages: z.array(z.number().int()),
  lsoas: z.number().int(),
  rows: z.number().int(),
  problems: z.array(z.string()),
  problemCount: z.number().int(),
  message: z.string(),
  /** Everything the importer reported (layout id, coverage, columns …): reference data, no personal data. */
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type GeoImportResult = z.infer<typeof GeoImportResult>;

export const GeoStatus = z.object({
  releases: z.array(z.object({ release: releaseId, vintage, nationalLsoas: z.number().int(), lsoas: z.number().int() })),
  boundaries: z.array(z.object({ vintage, lsoas: z.number().int() })),
  postcodeVintages: z.array(vintage),
  changes: z.array(z.object({ from: vintage, to: vintage, fit: z.enum(['exact', 'best']), rows: z.number().int() })),
  wards: z.array(z.object({ year: z.number().int(), vintage, wards: z.number().int() })),
  imports: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(['imd', 'lookup', 'boundaries']),
      fileName: z.string(),
      layout: z.string(),
      releases: z.array(z.string()),
      vintage: z.number().int().nullable(),
      rows: z.number().int(),
      lsoas: z.number().int(),
      importedAt: z.string(),
    }),
  ),
  /** The district profiles compare with: set by the user, else the district most boundaries lie in. */
  borough: z.string().nullable(),
});
export type GeoStatus = z.infer<typeof GeoStatus>;

export const AreaRow = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(AREA_KINDS),
  vintage,
  effectiveDate: z.string().nullable(),
  origin: z.string().nullable(),
  lsoas: z.array(z.string()),
});
export type AreaRow = z.infer<typeof AreaRow>;

export const WardRow = z.object({ code: z.string(), name: z.string().nullable(), year: z.number().int(), vintage, lsoas: z.number().int() });
export type WardRow = z.infer<typeof WardRow>;

const tagged = { release: releaseId, vintage };
const change = z.enum(['U', 'S', 'M', 'X', 'best-fit']).nullable();
const IndexFigure = z.object({
  ...tagged,
  indicator: z.string(),
  label: z.string(),
  lsoasWithData: z.number().int(),
  decileCounts: z.array(z.number().int()),
  mostDeprived10: z.number().int(),
  mostDeprived20: z.number().int(),
  medianRank: z.number().nullable(),
});
export type IndexFigure = z.infer<typeof IndexFigure>;
const ReleaseSummary = z.object({
  ...tagged,
  nationalLsoas: z.number().int(),
  lsoas: z.number().int(),
  lsoasWithData: z.number().int(),
  missing: z.array(z.string()),
  imd: IndexFigure.nullable(),
  domains: z.array(IndexFigure),
  population: z
    .object({
      ...tagged,
      label: z.string(),
      total: z.number(),
      inMostDeprived10: z.number(),
      inMostDeprived20: z.number(),
      children0to15: z.number().nullable(),
      older60plus: z.number().nullable(),
      workingAge: z.number().nullable(),
      lsoasWithData: z.number().int(),
    })
    .nullable(),
  lsoaFigures: z.array(
    z.object({
      ...tagged,
      lsoa: z.string(),
      name: z.string().nullable(),
      imdRank: z.number().nullable(),
      imdDecile: z.number().nullable(),
      imdScore: z.number().nullable(),
      changed: change,
      carriedFrom: z.array(z.string()),
    }),
  ),
});
export type ReleaseSummary = z.infer<typeof ReleaseSummary>;
const point = z.object({ ...tagged, rank: z.number(), decile: z.number() });
const ChangeSummary = z.object({
  from: z.object(tagged),
  to: z.object(tagged),
  comparableLsoas: z.number().int(),
  moreDeprivedDecile: z.number().int(),
  lessDeprivedDecile: z.number().int(),
  sameDecile: z.number().int(),
  mostDeprived10: z.object({ from: z.object({ ...tagged, value: z.number() }), to: z.object({ ...tagged, value: z.number() }) }),
  lsoas: z.array(z.object({ lsoa: z.string(), toLsoa: z.string(), from: point, to: point, rankChange: z.number(), decileChange: z.number() })),
  flagged: z.array(z.object({ lsoa: z.string(), to: z.array(z.string()), change, reason: z.string() })),
  caveats: z.array(z.string()),
});
export type ChangeSummary = z.infer<typeof ChangeSummary>;

/** Household and person counts from the latest linkage Run; rounded and suppressed for co-ordinators. */
export const BaselineCounts = z.object({
  vintage,
  run: z.number().int().nullable(),
  /** 'exact' for analysts; 'rounded' = counts under 10 withheld, the rest rounded to the nearest 5. */
  disclosure: z.enum(['exact', 'rounded']),
  households: z.number().int().nullable(),
  persons: z.number().int().nullable(),
  boroughHouseholds: z.number().int().nullable(),
  unplacedHouseholds: z.number().int().nullable(),
  unmatchedPostcodes: z.number().int(),
});
export type BaselineCounts = z.infer<typeof BaselineCounts>;

export const AreaProfile = z.object({
  area: z.object({ name: z.string(), kind: z.string(), vintage, effectiveDate: z.string().nullable(), origin: z.string().nullable(), lsoas: z.array(z.string()) }),
  borough: z.object({ code: z.string(), names: z.array(z.string()) }).nullable(),
  releases: z.array(
    z.object({
      ...tagged,
      nationalLsoas: z.number().int(),
      carried: z
        .object({ from: vintage, to: vintage, codes: z.array(z.string()), unmapped: z.array(z.string()), warnings: z.array(z.string()), lookup: z.string() })
        .passthrough()
        .nullable(),
      area: ReleaseSummary,
      borough: ReleaseSummary.nullable(),
    }),
  ),
  changes: z.array(z.object({ from: releaseId, to: releaseId, area: ChangeSummary, borough: ChangeSummary.nullable() })),
  baseline: BaselineCounts.nullable(),
  warnings: z.array(z.string()),
  caveats: z.array(z.string()),
});
export type AreaProfile = z.infer<typeof AreaProfile>;

/** What colours the map: a release's IMD or one of its indices, population, or baseline counts. */
export const MapMeasure = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('decile'), release: releaseId, indicator }),
  z.object({ kind: z.literal('population'), release: releaseId }),
  z.object({ kind: z.enum(['households', 'persons']), vintage }),
]);
export type MapMeasure = z.infer<typeof MapMeasure>;

export const MapData = z.object({
  vintage,
  measure: MapMeasure,
  /** e.g. "IoD2025 Index of Multiple Deprivation decile (LSOA 2021)". */
  label: z.string(),
  scale: z.enum(['decile', 'count']),
  disclosure: z.enum(['exact', 'rounded']),
  /** [minLon, minLat, maxLon, maxLat] of the features. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  features: z.array(
    z.object({
      lsoa: z.string(),
      name: z.string().nullable(),
      /** GeoJSON Polygon/MultiPolygon, simplified and rounded for drawing. */
      geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
      /** Decile 1–10, or a count; null = no value (or withheld: see `withheld`). */
      value: z.number().nullable(),
      rank: z.number().nullable(),
      withheld: z.boolean(),
    }),
  ),
  notes: z.array(z.string()),
});
export type MapData = z.infer<typeof MapData>;

const AreaChange = z.object({
  area: AreaRow,
  warnings: z.array(z.string()),
  /** The LSOA codes this change added or removed. */
  added: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
});

/** Households of the latest linkage Run that no postcode lookup of the vintage places (analysts only). */
export const Unplaced = z.object({
  vintage,
  run: z.number().int().nullable(),
  households: z.number().int(),
  placedHouseholds: z.number().int(),
  withoutPostcode: z.number().int(),
  unmatchedPostcodes: z.number().int(),
  /** The postcodes with the most households first, at most 200. */
  unmatched: z.array(z.object({ postcode: z.string(), households: z.number().int() })),
});
export type Unplaced = z.infer<typeof Unplaced>;

export const AREA_CHANNELS = {
  'geo:import': {
    request: z.object({
      token: fileToken,
      kind: GeoImportKind.default('auto'),
      release: releaseId.optional(),
      vintage: vintage.optional(),
    }),
    response: JobStarted,
  },
  'geo:status': { request: z.object({}).strict(), response: GeoStatus },
  'geo:setBorough': { request: z.object({ borough: z.string().trim().min(1).max(100) }), response: z.object({ borough: z.string() }) },
  'areas:list': { request: z.object({}).strict(), response: z.array(AreaRow) },
  'areas:wards': { request: z.object({ borough: z.string().max(100).optional() }), response: z.array(WardRow) },
  'areas:create': {
    request: z.object({
      name: areaName,
      kind: z.enum(AREA_KINDS),
      vintage: vintage.optional(),
      lsoas: z.array(lsoaCode).max(5000).default([]),
      ward: z.string().trim().min(1).max(120).optional(),
      /** The ward lookup's year (default: the one in force at effectiveDate, else the latest). */
      wardYear: z.number().int().min(2001).max(2100).optional(),
      /** The district whose wards to search (default: the borough set for the store). */
      borough: z.string().trim().min(1).max(100).optional(),
      effectiveDate: isoDate.optional(),
    }),
    response: AreaChange,
  },
  'areas:addLsoas': { request: z.object({ name: areaName, lsoas: z.array(lsoaCode).min(1).max(5000) }), response: AreaChange },
  'areas:removeLsoas': { request: z.object({ name: areaName, lsoas: z.array(lsoaCode).min(1).max(5000) }), response: AreaChange },
  'areas:delete': { request: z.object({ name: areaName }), response: z.object({ deleted: z.string() }) },
  'areas:profile': {
    request: z.object({
      name: areaName,
      borough: z.string().trim().max(100).optional(),
      /** Analysts: add exact record counts per LSOA (ignored for every other role). */
      detail: z.boolean().optional(),
    }),
    response: AreaProfile.extend({ records: z.record(z.string(), z.unknown()).nullable().optional() }),
  },
  'areas:show': { request: z.object({ name: areaName }), response: AreaRow },
  'areas:map': { request: z.object({ measure: MapMeasure }), response: MapData },
  'areas:unplaced': { request: z.object({ vintage }), response: Unplaced },
  /** Records and households no postcode lookup places (the postcodes themselves: analysts only). */
  'geo:unmatched': {
    request: z.object({ vintage: vintage.optional() }).strict(),
    response: z.object({
      vintage,
      recordsWithPostcode: z.number().int(),
      placed: z.number().int(),
      unmatched: z.array(z.object({ postcode: z.string(), records: z.number().int() })),
      households: z.record(z.string(), z.unknown()),
    }),
  },
} as const;

export const AREA_JOB_RESULTS = { 'geo:import': GeoImportResult } as const;

const SEE: readonly Role[] = ['analyst', 'co-ordinator'];
const CHANGE: readonly Role[] = ['analyst'];

export const AREA_POLICY: { readonly [C in keyof typeof AREA_CHANNELS]: 'open' | readonly Role[] } = {
  'geo:import': CHANGE,
  'geo:status': SEE,
  'geo:setBorough': CHANGE,
  'areas:list': SEE,
  'areas:wards': SEE,
  'areas:create': CHANGE,
  'areas:addLsoas': CHANGE,
  'areas:removeLsoas': CHANGE,
  'areas:delete': CHANGE,
  'areas:profile': SEE,
  'areas:map': SEE,
  'areas:unplaced': CHANGE,
  'areas:show': SEE,
  'geo:unmatched': CHANGE,
};

export const AREA_FEATURE = defineFeature({
  id: 'areas',
  channels: AREA_CHANNELS,
  policy: AREA_POLICY,
  jobResults: AREA_JOB_RESULTS,
  auditActions: ['imd-import', 'lookup-import', 'boundaries-import', 'lookup-unmatched', 'area-create', 'area-add-lsoa', 'area-remove-lsoa', 'area-delete', 'area-profile'],
});
