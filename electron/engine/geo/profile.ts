// The area profile (issue 5 §4): for an area and the borough, per IoD release, the IMD decile
// distribution, LSOAs in England's most deprived 10%/20%, domains, population, and change
// between releases by rank and decile only (DOMAIN §2.4). Every figure names its release and
// LSOA vintage; LSOAs whose boundaries changed are flagged, never joined silently.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Db } from '../store/database.js';
import { getArea } from './areas.js';
import { carryLsoas, type CarriedLsoa, type CarryResult } from './carry.js';
import { INDEX_KEYS, INDEX_WORDING, type IndexKey } from './iod-layouts.js';
import { disclose, type Disclosure } from './disclosure.js';
import { placeHouseholds } from './household-placement.js';
import { placeRecords, postcodeVintages } from './placement.js';
import { RELEASES, type ReleaseId, type Vintage } from './releases.js';

interface Tagged {
  release: ReleaseId;
  vintage: Vintage;
}

export interface IndexFigure extends Tagged {
  indicator: IndexKey;
  label: string;
  lsoasWithData: number;
  /** LSOAs per national decile, index 0 = decile 1 (most deprived 10% in England). */
  decileCounts: number[];
  mostDeprived10: number;
  mostDeprived20: number;
  medianRank: number | null;
}

export interface LsoaFigure extends Tagged {
  lsoa: string;
  name: string | null;
  imdRank: number | null;
  imdDecile: number | null;
  imdScore: number | null;
  /** Boundary change on the way from the area's vintage to this release's (null = unchanged). */
  changed: CarriedLsoa['change'] | null;
  carriedFrom: string[];
}

export interface PopulationFigure extends Tagged {
  label: string;
  total: number;
  inMostDeprived10: number;
  inMostDeprived20: number;
  children0to15: number | null;
  older60plus: number | null;
  workingAge: number | null;
  lsoasWithData: number;
}

export interface ReleaseSummary extends Tagged {
  nationalLsoas: number;
  lsoas: number;
  lsoasWithData: number;
  missing: string[];
  imd: IndexFigure | null;
  domains: IndexFigure[];
  population: PopulationFigure | null;
  lsoaFigures: LsoaFigure[];
}

export interface ChangeSummary {
  from: Tagged;
  to: Tagged;
  comparableLsoas: number;
  moreDeprivedDecile: number;
  lessDeprivedDecile: number;
  sameDecile: number;
  mostDeprived10: { from: Tagged & { value: number }; to: Tagged & { value: number } };
  lsoas: Array<{ lsoa: string; toLsoa: string; from: Tagged & { rank: number; decile: number }; to: Tagged & { rank: number; decile: number }; rankChange: number; decileChange: number }>;
  flagged: Array<{ lsoa: string; to: string[]; change: CarriedLsoa['change']; reason: string }>;
  caveats: string[];
}

export interface ProfileSide {
  releases: ReleaseSummary[];
  changes: ChangeSummary[];
}

export interface AreaProfile {
  area: { name: string; kind: string; vintage: Vintage; effectiveDate: string | null; origin: string | null; lsoas: string[] };
  borough: { code: string; names: string[] } | null;
  releases: Array<{ release: ReleaseId; vintage: Vintage; nationalLsoas: number; carried: Omit<CarryResult, 'mappings'> | null; area: ReleaseSummary; borough: ReleaseSummary | null }>;
  changes: Array<{ from: ReleaseId; to: ReleaseId; area: ChangeSummary; borough: ChangeSummary | null }>;
  records: { vintage: Vintage; recordsWithPostcode: number; placedInArea: number; byLsoa: Array<{ lsoa: string; records: number }>; unmatchedPostcodes: number } | null;
  /** Households and persons of the latest linkage Run placed in the area (and the borough). */
  baseline: BaselineCounts | null;
  warnings: string[];
  caveats: string[];
}

export interface BaselineCounts {
  vintage: Vintage;
  run: number | null;
  disclosure: Disclosure;
  households: number | null;
  persons: number | null;
  boroughHouseholds: number | null;
  unplacedHouseholds: number | null;
  unmatchedPostcodes: number;
}

export const CAVEATS = [
  'The Indices of Deprivation are relative: ranks and deciles say how an LSOA compares with all LSOAs in England in that release. They are not a measure of absolute change in deprivation over time (MHCLG).',
  'Compare releases by rank and decile only. Scores are not comparable between releases, and a rank change can reflect new indicators or methods rather than real change.',
  'IoD2004–2010 use LSOA 2001 codes, IoD2015/2019 LSOA 2011, IoD2025 LSOA 2021. An LSOA whose boundary changed (split, merged or irregular) is flagged and not compared like for like.',
  'Deprivation describes an area, not everyone living in it.',
];

const PAIR_CAVEATS: Record<string, string> = {
  'IoD2019>IoD2025': 'IoD2025 uses 55 indicators (20 new, 14 modified) against 39 in IoD2019, measures income after housing costs and is on LSOA 2021 geography: compare with great care.',
  'IoD2010>IoD2015': 'IoD2015 moved to LSOA 2011 geography.',
};

interface IodRow {
  lsoa: string;
  [column: string]: number | string | null;
}

function loadRows(db: Db, release: ReleaseId, codes: readonly string[]): Map<string, IodRow> {
  const rows = db.prepare('SELECT * FROM iod_lsoa WHERE release = ? AND lsoa IN (SELECT value FROM json_each(?))').all(release, JSON.stringify(codes)) as IodRow[];
  return new Map(rows.map((r) => [r.lsoa, r]));
}

function indexFigure(key: IndexKey, rows: IodRow[], tag: Tagged): IndexFigure | null {
  const withDecile = rows.filter((r) => typeof r[`${key}_decile`] === 'number');
  if (withDecile.length === 0) return null;
  const decileCounts = Array.from({ length: 10 }, () => 0);
  for (const r of withDecile) decileCounts[(r[`${key}_decile`] as number) - 1]! += 1;
  const ranks = rows.map((r) => r[`${key}_rank`]).filter((x): x is number => typeof x === 'number').sort((a, b) => a - b);
  const mid = ranks.length / 2;
  const medianRank = ranks.length === 0 ? null : ranks.length % 2 ? (ranks[Math.floor(mid)] ?? null) : Math.round(((ranks[mid - 1] ?? 0) + (ranks[mid] ?? 0)) / 2);
  return {
    ...tag,
    indicator: key,
    label: INDEX_WORDING.find((w) => w.key === key)?.label ?? key,
    lsoasWithData: withDecile.length,
    decileCounts,
    mostDeprived10: decileCounts[0] ?? 0,
    mostDeprived20: (decileCounts[0] ?? 0) + (decileCounts[1] ?? 0),
    medianRank,
  };
}

function summarise(db: Db, release: ReleaseId, vintage: Vintage, nationalLsoas: number, codes: readonly string[], carry: CarryResult | null): ReleaseSummary {
  const tag = { release, vintage };
  const byCode = loadRows(db, release, codes);
  const rows = [...byCode.values()];
  const names = new Map(
    (db.prepare('SELECT lsoa, name FROM lsoa_name WHERE vintage = ? AND lsoa IN (SELECT value FROM json_each(?))').all(vintage, JSON.stringify(codes)) as Array<{ lsoa: string; name: string }>).map((r) => [r.lsoa, r.name]),
  );
  const changeOf = new Map<string, { change: CarriedLsoa['change']; from: string[] }>();
  for (const m of carry?.mappings ?? []) {
    for (const t of m.to) {
      const prev = changeOf.get(t);
      changeOf.set(t, { change: prev && prev.change !== 'U' ? prev.change : m.change, from: [...(prev?.from ?? []), m.from] });
    }
  }
  const popRows = rows.filter((r) => typeof r.pop_total === 'number');
  const sum = (list: IodRow[], col: string): number => list.reduce((n, r) => n + (typeof r[col] === 'number' ? (r[col] as number) : 0), 0);
  const anyOf = (col: string): number | null => (popRows.some((r) => typeof r[col] === 'number') ? sum(popRows, col) : null);
  const population: PopulationFigure | null =
    popRows.length === 0
      ? null
      : {
          ...tag,
          label: String(popRows[0]?.pop_label ?? 'Total population'),
          total: sum(popRows, 'pop_total'),
          inMostDeprived10: sum(popRows.filter((r) => r.imd_decile === 1), 'pop_total'),
          inMostDeprived20: sum(popRows.filter((r) => typeof r.imd_decile === 'number' && r.imd_decile <= 2), 'pop_total'),
          children0to15: anyOf('pop_0_15'),
          older60plus: anyOf('pop_60_plus'),
          workingAge: anyOf('pop_working_age'),
          lsoasWithData: popRows.length,
        };
  return {
    ...tag,
    nationalLsoas,
    lsoas: codes.length,
    lsoasWithData: rows.length,
    missing: codes.filter((c) => !byCode.has(c)),
    imd: indexFigure('imd', rows, tag),
    domains: INDEX_KEYS.filter((k) => k !== 'imd').map((k) => indexFigure(k, rows, tag)).filter((f): f is IndexFigure => f !== null),
    population,
    lsoaFigures: [...codes].sort().map((code) => {
      const r = byCode.get(code);
      const ch = changeOf.get(code);
      return {
        ...tag,
        lsoa: code,
        name: names.get(code) ?? null,
        imdRank: typeof r?.imd_rank === 'number' ? r.imd_rank : null,
        imdDecile: typeof r?.imd_decile === 'number' ? r.imd_decile : null,
        imdScore: typeof r?.imd_score === 'number' ? r.imd_score : null,
        changed: ch && ch.change !== 'U' ? ch.change : null,
        carriedFrom: ch?.from ?? [code],
      };
    }),
  };
}

function compare(db: Db, a: ReleaseSummary, b: ReleaseSummary): ChangeSummary {
  const from = { release: a.release, vintage: a.vintage };
  const to = { release: b.release, vintage: b.vintage };
  const fromCodes = a.lsoaFigures.map((f) => f.lsoa);
  const carry = carryLsoas(db, fromCodes, a.vintage, b.vintage);
  const bBy = new Map(b.lsoaFigures.map((f) => [f.lsoa, f]));
  const aBy = new Map(a.lsoaFigures.map((f) => [f.lsoa, f]));
  const out: ChangeSummary = {
    from,
    to,
    comparableLsoas: 0,
    moreDeprivedDecile: 0,
    lessDeprivedDecile: 0,
    sameDecile: 0,
    mostDeprived10: { from: { ...from, value: a.imd?.mostDeprived10 ?? 0 }, to: { ...to, value: b.imd?.mostDeprived10 ?? 0 } },
    lsoas: [],
    flagged: [],
    caveats: PAIR_CAVEATS[`${a.release}>${b.release}`] ? [PAIR_CAVEATS[`${a.release}>${b.release}`] as string] : [],
  };
  for (const m of carry.mappings) {
    if (m.change !== 'U' || m.to.length !== 1) {
      out.flagged.push({ lsoa: m.from, to: m.to, change: m.change, reason: m.change === 'best-fit' ? 'placed by a best-fit lookup' : `boundary changed (${m.change}) between LSOA ${a.vintage} and ${b.vintage}` });
      continue;
    }
    const target = m.to[0] as string;
    const x = aBy.get(m.from);
    const y = bBy.get(target);
    if (!x || !y || x.imdRank === null || y.imdRank === null || x.imdDecile === null || y.imdDecile === null) continue;
    out.comparableLsoas++;
    const decileChange = y.imdDecile - x.imdDecile;
    if (decileChange < 0) out.moreDeprivedDecile++;
    else if (decileChange > 0) out.lessDeprivedDecile++;
    else out.sameDecile++;
    out.lsoas.push({ lsoa: m.from, toLsoa: target, from: { ...from, rank: x.imdRank, decile: x.imdDecile }, to: { ...to, rank: y.imdRank, decile: y.imdDecile }, rankChange: y.imdRank - x.imdRank, decileChange });
  }
  for (const code of carry.unmapped) out.flagged.push({ lsoa: code, to: [], change: null, reason: `not in the LSOA ${a.vintage} → ${b.vintage} lookup` });
  return out;
}

/** LSOAs of the borough (a district, matched on its code or any name it has in the files) per vintage. */
export function boroughLsoas(db: Db, borough: string, vintage: Vintage): string[] {
  const names = (db.prepare('SELECT DISTINCT lad_name FROM lsoa_lad WHERE (lad_code = @a OR lad_name = @a COLLATE NOCASE) AND lad_name IS NOT NULL').all({ a: borough }) as Array<{ lad_name: string }>).map((r) => r.lad_name);
  const rows = db
    .prepare(
      `SELECT DISTINCT lsoa FROM lsoa_lad WHERE vintage = ? AND (lad_code = ? OR lad_name IN (SELECT value FROM json_each(?)) COLLATE NOCASE) ORDER BY lsoa`,
    )
    .all(vintage, borough, JSON.stringify(names)) as Array<{ lsoa: string }>;
  return rows.map((r) => r.lsoa);
}

function boroughNames(db: Db, borough: string): string[] {
  return (db.prepare('SELECT DISTINCT lad_name FROM lsoa_lad WHERE (lad_code = @a OR lad_name = @a COLLATE NOCASE) AND lad_name IS NOT NULL').all({ a: borough }) as Array<{ lad_name: string }>).map((r) => r.lad_name);
}

/** The borough's own summary per imported release (its native LSOAs in each vintage). */
export function boroughReleaseSummaries(db: Db, borough: string): ReleaseSummary[] {
  return importedReleases(db).map((r) => summarise(db, r.id, r.vintage, r.nationalLsoas, boroughLsoas(db, borough, r.vintage), null));
}

function importedReleases(db: Db): typeof RELEASES {
  const have = new Set((db.prepare('SELECT release FROM iod_release').all() as Array<{ release: string }>).map((r) => r.release));
  return RELEASES.filter((r) => have.has(r.id));
}

export function areaProfile(db: Db, name: string, options: { borough?: string; disclosure?: Disclosure } = {}): AreaProfile {
  const area = getArea(db, name);
  const releases = importedReleases(db);
  if (releases.length === 0) throw new WorkbenchError('bad-input', 'No Indices of Deprivation file has been imported yet (imd import FILE…).');
  const warnings: string[] = [];
  const borough = options.borough?.trim();
  const names = borough ? boroughNames(db, borough) : [];
  if (borough && names.length === 0 && boroughLsoas(db, borough, 2021).length === 0) {
    throw new WorkbenchError('not-found', `No district "${borough}" in the imported IoD files or lookups (give its code, e.g. E08000018, or its name).`);
  }
  const out: AreaProfile = {
    area: { name: area.name, kind: area.kind, vintage: area.vintage, effectiveDate: area.effectiveDate, origin: area.origin, lsoas: area.lsoas },
    borough: borough ? { code: borough, names } : null,
    releases: [],
    changes: [],
    records: null,
    baseline: null,
    warnings,
    caveats: CAVEATS,
  };
  const areaSummaries: ReleaseSummary[] = [];
  const boroughSummaries: ReleaseSummary[] = [];
  for (const r of releases) {
    const carry = carryLsoas(db, area.lsoas, area.vintage, r.vintage);
    for (const w of carry.warnings) warnings.push(`${r.id}: ${w}`);
    const a = summarise(db, r.id, r.vintage, r.nationalLsoas, carry.codes, carry);
    if (a.missing.length > 0 && carry.codes.length > 0) warnings.push(`${r.id}: no ${r.id} values imported for ${a.missing.length} of the area's LSOA ${r.vintage} codes (${a.missing.slice(0, 5).join(', ')}${a.missing.length > 5 ? ', …' : ''}).`);
    const b = borough ? summarise(db, r.id, r.vintage, r.nationalLsoas, boroughLsoas(db, borough, r.vintage), null) : null;
    if (b && b.lsoas === 0) warnings.push(`${r.id}: no LSOA ${r.vintage} codes are known to lie in ${borough}; import a file with district columns or an LSOA lookup.`);
    areaSummaries.push(a);
    if (b) boroughSummaries.push(b);
    const { mappings: _m, ...carried } = carry;
    out.releases.push({ release: r.id, vintage: r.vintage, nationalLsoas: r.nationalLsoas, carried: carry.lookup === 'same' ? null : carried, area: a, borough: b });
  }
  for (let i = 1; i < areaSummaries.length; i++) {
    const a = areaSummaries[i - 1] as ReleaseSummary;
    const b = areaSummaries[i] as ReleaseSummary;
    const ba = boroughSummaries[i - 1];
    const bb = boroughSummaries[i];
    out.changes.push({ from: a.release, to: b.release, area: compare(db, a, b), borough: ba && bb ? compare(db, ba, bb) : null });
  }
  const vintages = postcodeVintages(db);
  const recordVintage = vintages.includes(area.vintage) ? area.vintage : vintages[vintages.length - 1];
  if (recordVintage !== undefined) {
    const placement = placeRecords(db, recordVintage);
    const codes = carryLsoas(db, area.lsoas, area.vintage, recordVintage).codes;
    const byLsoa = codes.map((lsoa) => ({ lsoa, records: placement.byLsoa.get(lsoa) ?? 0 }));
    out.records = {
      vintage: recordVintage,
      recordsWithPostcode: placement.recordsWithPostcode,
      placedInArea: byLsoa.reduce((n, r) => n + r.records, 0),
      byLsoa,
      unmatchedPostcodes: placement.unmatched.length,
    };
    if (placement.unmatched.length > 0) warnings.push(`${placement.unmatched.length} record postcode(s) are not in the LSOA ${recordVintage} postcode lookup (lookup unmatched lists them).`);
    out.baseline = baselineCounts(db, codes, recordVintage, borough, options.disclosure ?? 'exact');
    if (out.baseline.run === null) warnings.push('Nothing has been linked yet, so the area has no household or person counts.');
  } else warnings.push('No postcode → LSOA lookup has been imported, so records cannot be counted by LSOA.');
  return out;
}

function baselineCounts(db: Db, codes: readonly string[], vintage: Vintage, borough: string | undefined, disclosure: Disclosure): BaselineCounts {
  const placement = placeHouseholds(db, vintage);
  let households = 0;
  let persons = 0;
  for (const code of codes) {
    const c = placement.byLsoa.get(code);
    households += c?.households ?? 0;
    persons += c?.persons ?? 0;
  }
  const inBorough = borough ? boroughLsoas(db, borough, vintage).reduce((n, code) => n + (placement.byLsoa.get(code)?.households ?? 0), 0) : null;
  const unplaced = placement.withoutPostcode + placement.unmatched.reduce((n, u) => n + u.households, 0);
  const shown = (n: number | null): number | null => (n === null || placement.run === null ? null : disclose(n, disclosure));
  return {
    vintage,
    run: placement.run,
    disclosure,
    households: shown(households),
    persons: shown(persons),
    boroughHouseholds: shown(inBorough),
    unplacedHouseholds: shown(unplaced),
    unmatchedPostcodes: placement.unmatched.length,
  };
}
