// The narrow interfaces pack sections read through: aggregates only (counts, ranks, deciles,
// dates), never a person-level field. Each later feature plugs in by implementing one provider;
// a section whose provider is absent says "no data yet" (see sections/placeholders.ts).
import type { ReleaseId, Vintage } from '../../../shared/ipc/channels/areas.js';
import type { MapDataView } from '../geo/map-data.js';

export interface SourceFacts {
  id: number;
  fileName: string;
  partner: string;
  kind: string;
  asOf: string;
  importedAt: string;
  rows: number;
  records: number;
  quarantined: number;
}

export interface LinkFacts {
  run: number;
  finishedAt: string;
  records: number;
  persons: number;
  households: number;
  candidatePairs: number;
  matchedPairs: number;
  threshold: number;
  reviewFrom: number;
  /** Pairs in the review band nobody has decided yet. */
  reviewBacklog: number;
  /** Human match / non-match / unsure decisions held. */
  decisions: number;
}

export interface BaselineProvider {
  sources(): SourceFacts[];
  /** The latest linkage run, or null before the first. */
  latestLink(): LinkFacts | null;
  /** Records imported since that run (they join people and households at the next). */
  recordsSinceRun(): number;
}

export interface AreaFacts {
  name: string;
  kind: string;
  vintage: Vintage;
  effectiveDate: string | null;
  lsoas: readonly string[];
}

/** One IoD release as seen from an area: ranks and deciles only, never scores across releases. */
export interface AreaReleaseFacts {
  release: ReleaseId;
  vintage: Vintage;
  nationalLsoas: number;
  lsoasWithData: number;
  /** LSOAs of the area in each national IMD decile, 1 (most deprived) to 10. */
  decileCounts: number[];
  mostDeprived10: number;
  mostDeprived20: number;
  medianRank: number | null;
}

export interface AreaHouseholds {
  /** The LSOA vintage households were placed on (by postcode). */
  vintage: Vintage;
  households: number;
  persons: number;
  /** Households by the national IMD decile of their LSOA in `release` (index 0 = decile 1). */
  byDecile: { release: ReleaseId; counts: number[] } | null;
}

export interface AreasProvider {
  /** The areas a pack reports on: target neighbourhoods first, then custom areas (wards are too many). */
  reportAreas(): AreaFacts[];
  releases(area: string): AreaReleaseFacts[];
  /** Household and person counts of the latest linkage run placed in the area; null before linking or without a postcode lookup. */
  households(area: string): AreaHouseholds | null;
  /** The whole borough's counts on the same basis, for the totals row. */
  boroughHouseholds(): { households: number; persons: number; unplaced: number } | null;
  /** The IMD deciles of the latest release with boundaries, simplified for drawing; null without boundaries. */
  decileMap(): MapDataView | null;
}

// ---- Providers that later features supply (wired after their engines merge) ----

/** Families meeting a programme's criteria, by criterion and area (the cohort engine). */
export interface CohortProvider {
  cohortByCriterionAndArea(): {
    programme: string;
    asOf: string;
    criteria: Array<{ key: string; label: string }>;
    /** Families per area meeting each criterion, and those qualifying overall. */
    areas: Array<{ area: string; byCriterion: Record<string, number>; qualifying: number }>;
  } | null;
}

/** Family outcomes achieved / on track / not yet, per outcome (the outcomes engine). */
export interface FamilyOutcomesProvider {
  familyOutcomes(): {
    programme: string;
    asOf: string;
    outcomes: Array<{ label: string; achieved: number; onTrack: number; notYet: number }>;
  } | null;
}

/** One community indicator as published: rates only, already under disclosure control (null = withheld or no data). */
export interface PublishedIndicator {
  indicator: string;
  label: string;
  /** Rates are per this many people (1,000). */
  per: number;
  /** Who the rate is over, in words ("children aged 0 to 15 (IoD mid-year estimates)"). */
  denominator: string;
  /** 'quarter', 'year' and so on. */
  periodKind: string;
  periods: Array<{ key: string; label: string; status: 'complete' | 'partial' | 'missing' }>;
  borough: { name: string; rates: Array<number | null> };
  areas: Array<{
    area: string;
    rates: Array<number | null>;
    /** Area rate minus borough rate, per period. */
    gaps: Array<number | null>;
    trend: { direction: 'widening' | 'stable' | 'closing' | 'insufficient-data'; slope: number | null; lower: number | null; upper: number | null; periods: number };
  }>;
}

/** Community indicators per area and period, with the borough's rate, the gap and its trend. */
export interface NeighbourhoodIndicatorsProvider {
  indicators(): PublishedIndicator[];
}

export interface PackProviders {
  baseline: BaselineProvider;
  areas: AreasProvider;
  cohort?: CohortProvider;
  familyOutcomes?: FamilyOutcomesProvider;
  neighbourhood?: NeighbourhoodIndicatorsProvider;
}
