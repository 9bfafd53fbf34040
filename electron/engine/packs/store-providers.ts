// The providers a pack reads today, answered from the store with aggregate queries only: no
// query here selects a name, date of birth, address, postcode or identifier into its result.
// Household placement (from the cohort facts, read once and shared with the cohort sections) and
// the map are computed once per build.
import { carryLsoas } from '../geo/carry.js';
import { cohortFacts } from '../cohort/cohort.js';
import type { HouseholdPlacement } from '../geo/household-placement.js';
import { mapData, type MapDataView } from '../geo/map-data.js';
import { RELEASES, type ReleaseInfo, type Vintage } from '../geo/releases.js';
import { latestRunRow } from '../matching/latest-run.js';
import { matchingSettings } from '../matching/settings.js';
import { listSources } from '../queries/records.js';
import type { Store } from '../store/store.js';
import { cohortProvider, familyOutcomesProvider } from './cohort-providers.js';
import { neighbourhoodProvider } from './neighbourhood-provider.js';
import { placementFromFacts } from './placement.js';
import type { AreaFacts, AreaHouseholds, AreaReleaseFacts, AreasProvider, BaselineProvider, LinkFacts, PackProviders, SourceFacts } from './providers.js';

function baselineProvider(store: Store): BaselineProvider {
  const db = store.reader;
  return {
    sources: () =>
      listSources(db)
        .map((s): SourceFacts => ({ id: s.id, fileName: s.fileName, partner: s.partner, kind: s.kind, asOf: s.asOf, importedAt: s.importedAt, rows: s.rows, records: s.records, quarantined: s.quarantined }))
        .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.id - b.id),
    latestLink: (): LinkFacts | null => {
      const run = latestRunRow(db);
      if (!run) return null;
      const settings = matchingSettings(store);
      const extra = JSON.parse(run.summary_json) as { matchedPairs?: number };
      const backlog = db
        .prepare(
          `SELECT count(*) AS n FROM link_pair p WHERE p.run_id = ? AND p.probability >= ? AND p.probability < ?
             AND NOT EXISTS (SELECT 1 FROM link_decision d WHERE d.record_a = p.record_a AND d.record_b = p.record_b)`,
        )
        .get(run.id, settings.reviewFrom, settings.threshold) as { n: number };
      return {
        run: run.id,
        finishedAt: run.finished_at,
        records: run.records,
        persons: run.persons,
        households: run.households,
        candidatePairs: run.candidate_pairs,
        matchedPairs: extra.matchedPairs ?? 0,
        threshold: settings.threshold,
        reviewFrom: settings.reviewFrom,
        reviewBacklog: backlog.n,
        decisions: (db.prepare('SELECT count(*) AS n FROM link_decision').get() as { n: number }).n,
      };
    },
    recordsSinceRun: () => {
      const run = latestRunRow(db);
      const sql = run
        ? 'SELECT count(*) AS n FROM record r WHERE NOT EXISTS (SELECT 1 FROM run_record_person p WHERE p.run_id = ? AND p.record_id = r.id)'
        : 'SELECT count(*) AS n FROM record WHERE ? IS NULL';
      return (db.prepare(sql).get(run?.id ?? null) as { n: number }).n;
    },
  };
}

function areasProvider(store: Store): AreasProvider {
  const db = store.reader;
  const imported = new Set((db.prepare('SELECT release FROM iod_release').all() as Array<{ release: string }>).map((r) => r.release));
  const releases = RELEASES.filter((r) => imported.has(r.id));
  const postcodeVintages = (db.prepare('SELECT DISTINCT vintage FROM postcode_lsoa ORDER BY vintage').all() as Array<{ vintage: Vintage }>).map((r) => r.vintage);
  const placements = new Map<Vintage, HouseholdPlacement>();
  const placed = (vintage: Vintage): HouseholdPlacement => {
    let p = placements.get(vintage);
    if (!p) {
      p = placementFromFacts(db, cohortFacts(db), vintage);
      placements.set(vintage, p);
    }
    return p;
  };
  const areas = (
    db
      .prepare(
        `SELECT a.name, a.kind, a.vintage, a.effective_date AS effectiveDate, json_group_array(l.lsoa) AS codes
         FROM area a JOIN area_lsoa l ON l.area_id = a.id WHERE a.kind IN ('target', 'custom')
         GROUP BY a.id ORDER BY a.kind = 'custom', a.name`,
      )
      .all() as Array<{ name: string; kind: string; vintage: Vintage; effectiveDate: string | null; codes: string }>
  ).map((a): AreaFacts => ({ name: a.name, kind: a.kind, vintage: a.vintage, effectiveDate: a.effectiveDate, lsoas: (JSON.parse(a.codes) as string[]).sort() }));
  const byName = new Map(areas.map((a) => [a.name, a]));
  const decilesOf = (release: ReleaseInfo, codes: readonly string[]): Map<string, { rank: number | null; decile: number | null }> =>
    new Map(
      (
        db.prepare('SELECT lsoa, imd_rank AS rank, imd_decile AS decile FROM iod_lsoa WHERE release = ? AND lsoa IN (SELECT value FROM json_each(?))').all(release.id, JSON.stringify(codes)) as Array<{
          lsoa: string;
          rank: number | null;
          decile: number | null;
        }>
      ).map((r) => [r.lsoa, r]),
    );
  // The vintage households are counted on: the area's own if a lookup exists for it, else the latest lookup.
  const countVintage = (area: AreaFacts): Vintage | null => (postcodeVintages.includes(area.vintage) ? area.vintage : (postcodeVintages.at(-1) ?? null));
  let mapCache: MapDataView | null | undefined;

  return {
    reportAreas: () => areas,
    releases: (name) => {
      const area = byName.get(name);
      if (!area) return [];
      return releases.map((r): AreaReleaseFacts => {
        const codes = carryLsoas(db, area.lsoas, area.vintage, r.vintage).codes;
        const rows = [...decilesOf(r, codes).values()].filter((x) => x.rank !== null && x.decile !== null);
        const deciles = new Array<number>(10).fill(0);
        for (const x of rows) deciles[(x.decile as number) - 1] = (deciles[(x.decile as number) - 1] ?? 0) + 1;
        const ranks = rows.map((x) => x.rank as number).sort((a, b) => a - b);
        const mid = ranks.length / 2;
        const medianRank = ranks.length === 0 ? null : ranks.length % 2 ? (ranks[Math.floor(mid)] as number) : Math.round(((ranks[mid - 1] as number) + (ranks[mid] as number)) / 2);
        return {
          release: r.id,
          vintage: r.vintage,
          nationalLsoas: r.nationalLsoas,
          lsoasWithData: rows.length,
          decileCounts: deciles,
          mostDeprived10: deciles[0] ?? 0,
          mostDeprived20: (deciles[0] ?? 0) + (deciles[1] ?? 0),
          medianRank,
        };
      });
    },
    households: (name): AreaHouseholds | null => {
      const area = byName.get(name);
      if (!area) return null;
      const vintage = countVintage(area);
      if (vintage === null) return null;
      const placement = placed(vintage);
      if (placement.run === null) return null;
      const codes = carryLsoas(db, area.lsoas, area.vintage, vintage).codes;
      let households = 0;
      let persons = 0;
      for (const code of codes) {
        households += placement.byLsoa.get(code)?.households ?? 0;
        persons += placement.byLsoa.get(code)?.persons ?? 0;
      }
      const release = [...releases].reverse().find((r) => r.vintage === vintage);
      let byDecile: AreaHouseholds['byDecile'] = null;
      if (release) {
        const deciles = decilesOf(release, codes);
        const counts = new Array<number>(10).fill(0);
        for (const code of codes) {
          const d = deciles.get(code)?.decile;
          if (typeof d === 'number') counts[d - 1] = (counts[d - 1] ?? 0) + (placement.byLsoa.get(code)?.households ?? 0);
        }
        byDecile = { release: release.id, counts };
      }
      return { vintage, households, persons, byDecile };
    },
    boroughHouseholds: () => {
      const vintage = postcodeVintages.at(-1);
      if (vintage === undefined) return null;
      const p = placed(vintage);
      if (p.run === null) return null;
      return { households: p.households, persons: p.persons, unplaced: p.households - p.placedHouseholds };
    },
    decileMap: () => {
      if (mapCache !== undefined) return mapCache;
      const boundaryVintages = new Set((db.prepare('SELECT DISTINCT vintage FROM lsoa_boundary').all() as Array<{ vintage: number }>).map((r) => r.vintage));
      const release = [...releases].reverse().find((r) => boundaryVintages.has(r.vintage));
      // Deciles are not counts of people: the map carries no disclosure risk ('rounded' only matters for counts).
      mapCache = release ? mapData(db, { kind: 'decile', release: release.id, indicator: 'imd' }, 'rounded') : null;
      return mapCache;
    },
  };
}

/** The providers a pack reads, answered from the store (see providers.ts). */
export function storeProviders(store: Store): PackProviders {
  const areas = areasProvider(store);
  return {
    baseline: baselineProvider(store),
    areas,
    cohort: cohortProvider(store, () => areas.reportAreas()),
    familyOutcomes: familyOutcomesProvider(store),
    neighbourhood: neighbourhoodProvider(store),
  };
}
