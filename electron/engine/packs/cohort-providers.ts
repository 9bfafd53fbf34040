// Cohort and family-outcome figures for a pack, from the cohort engine: Troubled Families phase 1
// (the preset the board's target is set against) at the latest extract's as-of date. Exact counts
// leave here — the pack's disclosure control withholds and rounds them before anything is
// rendered — and only counts: no family ID, no row, no member.
import type { OutcomeStatus } from '../../../shared/ipc/channels/cohort.js';
import { cohortByLsoa, type PlaceCounts } from '../cohort/cohort.js';
import { familyOutcomes, MEASURES } from '../cohort/outcomes.js';
import { getProgramme } from '../cohort/programmes.js';
import { carryLsoas } from '../geo/carry.js';
import type { Vintage } from '../geo/releases.js';
import { latestRunRow } from '../matching/latest-run.js';
import type { Store } from '../store/store.js';
import type { AreaFacts, CohortCounts, CohortProvider, FamilyOutcomesProvider, OutcomeMeasureCounts } from './providers.js';

export const PACK_PROGRAMME = 'troubled-families-phase-1';

/** The programme and date a pack's cohort is made for; null before any extract or matching run. */
function cohortBasis(store: Store): { name: string; version: number; asOf: string; definition: ReturnType<typeof getProgramme>['definition'] } | null {
  const db = store.reader;
  if (!latestRunRow(db)) return null;
  const asOf = (db.prepare('SELECT max(as_of) AS d FROM source').get() as { d: string | null }).d?.slice(0, 10);
  if (!asOf) return null;
  const p = getProgramme(db, PACK_PROGRAMME);
  return { name: p.definition.title, version: p.version, asOf, definition: p.definition };
}

export function cohortProvider(store: Store, reportAreas: () => AreaFacts[]): CohortProvider {
  return {
    cohortByCriterionAndArea: () => {
      const basis = cohortBasis(store);
      if (!basis) return null;
      const db = store.reader;
      const counts = cohortByLsoa(db, { definition: basis.definition, asOf: basis.asOf });
      const keys = counts.criteria.map((c) => c.key);
      const asCounts = (c: PlaceCounts): CohortCounts => ({ byCriterion: Object.fromEntries(keys.map((k, i) => [k, c.criteria[i] ?? 0])), qualifying: c.qualifying });
      const add = (into: PlaceCounts, c: PlaceCounts): void => {
        c.criteria.forEach((n, i) => (into.criteria[i] = (into.criteria[i] ?? 0) + n));
        into.localFilter += c.localFilter;
        into.qualifying += c.qualifying;
      };
      const blank = (): PlaceCounts => ({ criteria: keys.map(() => 0), localFilter: 0, qualifying: 0 });
      const vintage = counts.vintage as Vintage | null;
      const inSomeArea = new Set<string>();
      let overlapping = false;
      const areas = reportAreas().map((area) => {
        const sum = blank();
        if (vintage !== null) {
          for (const code of carryLsoas(db, area.lsoas, area.vintage, vintage).codes) {
            if (inSomeArea.has(code)) overlapping = true;
            inSomeArea.add(code);
            const c = counts.byLsoa.get(code);
            if (c) add(sum, c);
          }
        }
        return { area: area.name, ...asCounts(sum) };
      });
      const elsewhere = blank();
      for (const [lsoa, c] of counts.byLsoa) if (lsoa === null || !inSomeArea.has(lsoa)) add(elsewhere, c);
      return {
        programme: basis.name,
        version: basis.version,
        asOf: basis.asOf,
        criteria: counts.criteria,
        areas,
        elsewhere: asCounts(elsewhere),
        borough: asCounts(counts.total),
        overlapping,
        placed: vintage !== null && [...counts.byLsoa.keys()].some((k) => k !== null),
      };
    },
  };
}

const STATUS_KEY: Record<OutcomeStatus, keyof Omit<OutcomeMeasureCounts, 'label' | 'missing'>> = {
  achieved: 'achieved',
  'on-track': 'onTrack',
  'not-yet': 'notYet',
  'insufficient-data': 'insufficientData',
  'not-applicable': 'notApplicable',
};

/** "No source gives attendance by term (schools)." → "no source gives attendance by term (schools)": what is missing, with no figure of any family in it. */
function missingData(detail: string): string | null {
  const m = /no source gives [^.]*/i.exec(detail);
  return m ? m[0].charAt(0).toLowerCase() + m[0].slice(1) : null;
}

/** Outcomes of the families attached on `attachedOn` (default: six months before the as-of date, as `outcomes families`). */
export function familyOutcomesProvider(store: Store, options: { attachedOn?: string } = {}): FamilyOutcomesProvider {
  return {
    familyOutcomes: () => {
      const basis = cohortBasis(store);
      if (!basis) return null;
      const report = familyOutcomes(store.reader, { name: basis.name, version: basis.version, definition: basis.definition, asOf: basis.asOf, disclosure: 'exact', ...(options.attachedOn ? { attachedOn: options.attachedOn } : {}) });
      const outcomes = MEASURES.map((m): OutcomeMeasureCounts => {
        const row: OutcomeMeasureCounts = { label: m.label, achieved: 0, onTrack: 0, notYet: 0, insufficientData: 0, notApplicable: 0, missing: null };
        const missing = new Set<string>();
        for (const f of report.families) {
          const measure = f.measures.find((x) => x.id === m.id);
          if (!measure) continue;
          row[STATUS_KEY[measure.status]]++;
          if (measure.status === 'insufficient-data') {
            const what = missingData(measure.detail);
            if (what) missing.add(what);
          }
        }
        row.missing = missing.size > 0 ? [...missing].sort().join('; ') : null;
        return row;
      });
      return {
        programme: basis.name,
        version: basis.version,
        asOf: basis.asOf,
        attachedOn: report.attachedOn,
        families: report.families.length,
        claimable: report.families.filter((f) => f.claimable).length,
        outcomes,
      };
    },
  };
}
