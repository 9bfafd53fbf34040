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

// ---- Providers over the cohort engine (programmes, cohorts and family outcomes) ----

/** Families counted in one place (exact: the pack applies disclosure control before rendering). */
export interface CohortCounts {
  /** Families meeting each criterion, by criterion key. */
  byCriterion: Record<string, number>;
  qualifying: number;
}

/** Families meeting a programme's criteria, by criterion and area (the cohort engine). */
export interface CohortProvider {
  cohortByCriterionAndArea(): {
    programme: string;
    version: number;
    asOf: string;
    /** Criteria a source can feed; `noData` ones are named with what they need, never counted as zero. */
    criteria: Array<{ key: string; label: string; noData: boolean }>;
    /** Families per reported area meeting each criterion, and those qualifying overall. */
    areas: Array<{ area: string } & CohortCounts>;
    /** Families in none of the areas, including those no postcode lookup places. */
    elsewhere: CohortCounts;
    /** The whole baseline: the areas and elsewhere add up to it when no two areas share an LSOA. */
    borough: CohortCounts;
    overlapping: boolean;
    /** Whether any family could be placed on an LSOA (false without a postcode lookup). */
    placed: boolean;
  } | null;
}

/** One payment-by-results measure: families attached on a date by the measure's status. */
export interface OutcomeMeasureCounts {
  label: string;
  achieved: number;
  onTrack: number;
  notYet: number;
  insufficientData: number;
  notApplicable: number;
  /** What data the measure lacks where families have insufficient data ("no source gives …"). */
  missing: string | null;
}

/** Family outcomes achieved / on track / not yet, per outcome (the cohort engine). */
export interface FamilyOutcomesProvider {
  familyOutcomes(): {
    programme: string;
    version: number;
    asOf: string;
    attachedOn: string;
    /** Families attached (qualifying on the attachment date). */
    families: number;
    /** Families with a result that can be claimed in the window. */
    claimable: number;
    outcomes: OutcomeMeasureCounts[];
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
