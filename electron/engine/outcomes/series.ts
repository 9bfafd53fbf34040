// Per area and period: the rate per 1,000 with its interval, the borough's rate, the gap
// (difference and ratio) and its trend since the baseline period, the displacement check and
// the IMD position beside it — under disclosure control when the viewer is not an analyst, and
// always in anything published. This is the engine function other features (board packs) call.
import type { AreaSeries, IndicatorResult, PeriodKind as PeriodKindWire, SeriesPoint } from './wire.js';
import { EVENT_KINDS } from '../../../shared/domain/record-fields.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { getArea, listAreas } from '../geo/areas.js';
import { carryLsoas } from '../geo/carry.js';
import { boroughLsoas } from '../geo/profile.js';
import type { Db } from '../store/database.js';
import { rateShown, suppressTable, type CellStatus, type SumGroup, type TableCell } from '../disclosure/suppress.js';
import { countIndicator, DENOMINATOR_WORDS, loadEvents, type LoadedEvents } from './compute.js';
import { displacementChecks } from './displacement.js';
import { frameVintage, loadFrame, type Frame } from './frame.js';
import { currentStamps, eventsOfKinds, freshParts, keepParts, readEvents, readFrame, storedParts } from './frame-table.js';
import { imdPositions } from './imd-position.js';
import { getIndicator, listIndicators, type IndicatorRow } from './indicators.js';
import { byar, CI_METHODS, slopeWithCi, TREND_TEST, trendDirection, wilson } from './stats.js';

export type Disclosure = 'exact' | 'controlled';

export interface SeriesOptions {
  /** One indicator by name; all of them when absent. */
  indicator?: string;
  period: PeriodKindWire;
  /** One area by name; every area when absent (disclosure is still worked out over all of them). */
  area?: string;
  /** exact: analysts' own view; controlled: counts under 10 withheld with secondary suppression. */
  disclosure: Disclosure;
  /** The district to compare with (code or name); else every LSOA the baseline's households live in. */
  borough?: string | null;
  /** The store's writer: a stale compact copy of the baseline is written again (see baselineFor). */
  keep?: Db | null;
}

export interface AreaFrame {
  name: string;
  kind: string;
  lsoaCodes: string[];
  index: number[];
  flags: string[];
  imd: ReturnType<typeof imdPositions>;
}

interface Denominators {
  basis: 'iod' | 'baseline';
  label: string;
  /** Per LSOA index when from the IoD (the same for every period). */
  perLsoa: Float64Array | null;
}

const POP_COLUMN: Record<IndicatorRow['denominator'], string> = { children: 'pop_0_15', 'working-age': 'coalesce(pop_working_age, pop_16_59)', total: 'pop_total' };

export function denominatorsFor(db: Db, frame: Frame, def: IndicatorRow, borough: readonly number[], warnings: string[]): Denominators {
  const words = DENOMINATOR_WORDS[def.denominator];
  const baseline: Denominators = { basis: 'baseline', label: `the baseline's own ${words} living there at the period's end`, perLsoa: null };
  const releases = db.prepare('SELECT release FROM iod_release WHERE vintage = ? ORDER BY release DESC').all(frame.vintage) as Array<{ release: string }>;
  for (const { release } of releases) {
    const rows = db.prepare(`SELECT lsoa, ${POP_COLUMN[def.denominator]} AS n, pop_label AS label FROM iod_lsoa WHERE release = ? AND ${POP_COLUMN[def.denominator]} IS NOT NULL`).all(release) as Array<{ lsoa: string; n: number; label: string | null }>;
    if (rows.length === 0) continue;
    const per = new Float64Array(frame.lsoaCodes.length).fill(Number.NaN);
    for (const r of rows) {
      const i = frame.lsoaIndex.get(r.lsoa);
      if (i !== undefined) per[i] = r.n;
    }
    const missing = borough.filter((i) => Number.isNaN(per[i] as number));
    if (missing.length > 0) {
      warnings.push(`${release} has no population of ${words} for ${missing.length} of the borough's LSOAs (${missing.slice(0, 5).map((i) => frame.lsoaCodes[i]).join(', ')}${missing.length > 5 ? ', …' : ''}): rates use the baseline's own counts instead.`);
      return baseline;
    }
    return { basis: 'iod', label: `${words} in the ${release} population denominators (${rows[0]?.label ?? 'as published'})`, perLsoa: per };
  }
  return baseline;
}

export function boroughIndex(db: Db, frame: Frame, borough: string | null | undefined): { index: number[]; name: string; basis: string } {
  if (borough) {
    const codes = boroughLsoas(db, borough, frame.vintage);
    const index = codes.map((c) => frame.lsoaIndex.get(c)).filter((i): i is number => i !== undefined);
    if (index.length > 0) return { index, name: borough, basis: `the ${codes.length} LSOA ${frame.vintage} codes of ${borough} in the imported lookups` };
  }
  const seen = new Set<number>();
  for (const l of frame.historyLsoa) seen.add(l);
  return { index: [...seen].sort((a, b) => a - b), name: 'the whole baseline', basis: `every LSOA the baseline's households have lived in (${seen.size}); no district is set` };
}

export function areaFrames(db: Db, frame: Frame): AreaFrame[] {
  return listAreas(db).map((row) => {
    const area = getArea(db, row.name);
    const flags: string[] = [];
    let codes = area.lsoas;
    if (area.vintage !== frame.vintage) {
      const carried = carryLsoas(db, area.lsoas, area.vintage, frame.vintage);
      codes = carried.codes;
      for (const c of carried.changed) flags.push(`LSOA ${c.from} ${c.change === 'S' ? 'split' : c.change === 'M' ? 'merged' : c.change === 'X' ? 'changed irregularly' : 'placed by best fit'} between the ${area.vintage} and ${frame.vintage} vintages (counted as ${c.to.join(', ') || 'nothing'}${c.coversMore ? ', which also covers ground outside the area' : ''}).`);
      for (const c of carried.unmapped) flags.push(`LSOA ${c} is not in the LSOA ${area.vintage} → ${frame.vintage} lookup: not counted.`);
      flags.push(...carried.warnings);
    }
    const index: number[] = [];
    const absent: string[] = [];
    for (const c of codes) {
      const i = frame.lsoaIndex.get(c);
      if (i === undefined) absent.push(c);
      else index.push(i);
    }
    if (absent.length > 0) flags.push(`${absent.length} of the area's LSOAs have no postcode in the LSOA ${frame.vintage} lookup, so nobody is placed there (${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''}).`);
    return { name: area.name, kind: area.kind, lsoaCodes: area.lsoas, index, flags, imd: imdPositions(db, area.lsoas, area.vintage) };
  });
}

const DAY_MS = 86_400_000;
const daysIn = (p: { start: string; end: string }): number => Math.round((Date.parse(p.end) - Date.parse(p.start)) / DAY_MS) + 1;
/** Average length in days of each kind of period: months and terms differ by 10% and a third. */
const AVERAGE_DAYS: Record<string, number> = { month: 365.25 / 12, term: 365.25 / 3 };

/**
 * The periods a trend compares, like with like. A period a source covers only in part undercounts
 * against whole ones, so it is left out. Event counts grow with a period's length: months (28–31
 * days) and terms (autumn 122, spring 104, summer 139 days) differ enough that a gap per period
 * would move with the calendar, so for event counts those gaps are scaled to an average month or
 * term before the slope is fitted. Quarters (90–92 days) and years differ by under 2%: used as
 * they are. Counts of people at a date or over a term (absence) are proportions: not scaled.
 */
export function comparablePeriods<P extends { status: string; key: string; start: string; end: string }>(
  kind: string,
  rule: string,
  usable: ReadonlyArray<{ p: P; i: number }>,
): { comparable: Array<{ p: P; i: number }>; lengthScale: (p: P) => number; note: string | null } {
  const comparable = usable.filter(({ p }) => p.status === 'complete');
  const partial = usable.length - comparable.length;
  const average = rule === 'in-period' ? AVERAGE_DAYS[kind] : undefined;
  const notes: string[] = [];
  if (partial > 0) notes.push(`${partial} period${partial === 1 ? '' : 's'} that a source covers only in part ${partial === 1 ? 'is' : 'are'} left out of the trend (not compared with whole periods).`);
  if (average !== undefined) notes.push(`${kind === 'term' ? 'Terms' : 'Months'} differ in length, so each period's gap is scaled to an average ${kind} (${Math.round(average)} days) before the trend is fitted; the rates shown are per ${kind} as counted.`);
  return { comparable, lengthScale: average === undefined ? () => 1 : (p) => average / daysIn(p), note: notes.length ? notes.join(' ') : null };
}

const sumOver = (values: Float64Array, index: readonly number[]): number => index.reduce((n, i) => n + (values[i] as number), 0);

interface Cellset {
  count: number;
  denominator: number;
}

/** Which areas' counts are withheld in a period: primary, then secondary through the borough total. */
function periodStatuses(areas: readonly AreaFrame[], values: readonly Cellset[], borough: Cellset, boroughIdx: ReadonlySet<number>): { areas: CellStatus[]; borough: CellStatus } {
  const cells: TableCell[] = [{ id: 'B', value: borough.count, published: true }];
  const groups: SumGroup[] = [];
  values.forEach((v, i) => {
    cells.push({ id: `A${i}`, value: v.count, published: true });
    // The rest of the borough (borough minus the area) is never shown but follows from both.
    const inside = (areas[i] as AreaFrame).index.every((l) => boroughIdx.has(l));
    if (inside) {
      cells.push({ id: `C${i}`, value: borough.count - v.count, published: false });
      groups.push({ total: 'B', parts: [`A${i}`, `C${i}`] });
    }
  });
  // Areas that do not overlap (wards, most target areas) add up with the rest of the borough.
  const seen = new Set<number>();
  const disjoint = areas.filter((a) => {
    if (!a.index.every((l) => boroughIdx.has(l) && !seen.has(l))) return false;
    for (const l of a.index) seen.add(l);
    return true;
  });
  if (disjoint.length > 1) {
    const ids = disjoint.map((a) => `A${areas.indexOf(a)}`);
    // When the areas cover the whole borough there is no rest: the parts add up to the total.
    if (seen.size < boroughIdx.size) {
      cells.push({ id: 'R', value: borough.count - disjoint.reduce((n, a) => n + (values[areas.indexOf(a)] as Cellset).count, 0), published: false });
      ids.push('R');
    }
    groups.push({ total: 'B', parts: ids });
  }
  const status = suppressTable(cells, groups);
  return { areas: values.map((_, i) => status.get(`A${i}`) as CellStatus), borough: status.get('B') as CellStatus };
}

function round(x: number, dp = 2): number {
  const f = 10 ** dp;
  return Math.round(x * f) / f;
}

function indicatorResult(db: Db, frame: Frame, def: IndicatorRow, options: SeriesOptions, events: LoadedEvents, areas: AreaFrame[], borough: ReturnType<typeof boroughIndex>): IndicatorResult {
  const warnings: string[] = [];
  const controlled = options.disclosure === 'controlled';
  const counted = countIndicator(frame, def, options.period, events);
  const den = denominatorsFor(db, frame, def, borough.index, warnings);
  if (counted.sources.length === 0) warnings.push(`No imported extract holds ${def.eventKinds.join(' or ')} events, so this indicator has no figures.`);
  if (counted.unlinkedEvents > 0) warnings.push(`${counted.unlinkedEvents} ${def.eventKinds.join('/')} events are on records imported since the last matching run and are not counted: run matching again.`);
  if (den.basis === 'baseline' && counted.personsWithoutDob > 0 && def.denominator !== 'total') warnings.push(`${counted.personsWithoutDob} people have no date of birth, so they are in no age band.`);
  if (frame.unplacedHouseholds > 0) warnings.push(`${frame.unplacedHouseholds} households have no postcode the lookup knows, so they are in no area.`);
  const ci = def.count === 'people' ? wilson : byar;
  const boroughSet = new Set(borough.index);
  const series: SeriesPoint[][] = areas.map(() => []);
  for (const p of counted.periods) {
    const denominators = den.perLsoa ?? p.denominators;
    const exact = p.counts && denominators ? areas.map((a) => ({ count: sumOver(p.counts as Float64Array, a.index), denominator: sumOver(denominators, a.index) })) : null;
    const b = p.counts && denominators ? { count: sumOver(p.counts, borough.index), denominator: sumOver(denominators, borough.index) } : null;
    const statuses = exact && b && controlled ? periodStatuses(areas, exact, b, boroughSet) : null;
    const boroughShown = b !== null && (!statuses || rateShown(statuses.borough, b.denominator)) && b.denominator > 0;
    const bRate = boroughShown && b ? ci(b.count, b.denominator) : null;
    areas.forEach((_, i) => {
      const list = series[i] as SeriesPoint[];
      if (!exact || !b) {
        list.push({ period: p.key, status: p.status, count: null, denominator: null, rate: null, ci: null, boroughCount: null, boroughDenominator: null, boroughRate: null, boroughCi: null, gap: null, withheld: false, note: `No data from ${p.missingSources.join(', ')} for this period.` });
        return;
      }
      const v = exact[i] as Cellset;
      const status = statuses?.areas[i] ?? 'shown';
      const shown = statuses ? rateShown(status, v.denominator) : v.denominator > 0;
      const r = shown ? ci(v.count, v.denominator) : null;
      const note = Number.isNaN(v.denominator)
        ? `No ${den.label.replace(/ \(.*$/, '')} for some of the area's LSOAs (outside the borough's denominators): no rate.`
        : v.denominator === 0 ? 'No denominator: nobody in the denominator lives here.' : !shown ? (status !== 'shown' ? (status === 'secondary' ? 'Withheld so that a small count elsewhere cannot be worked out.' : 'Fewer than 10: withheld.') : 'Denominator under 10: no rate.') : p.status === 'partial' ? `Partly covered: ${p.missingSources.length ? `no data from ${p.missingSources.join(', ')}` : 'a source covers only part of the period'}.` : null;
      list.push({
        period: p.key,
        status: p.status,
        count: shown || !controlled ? v.count : null,
        denominator: Number.isNaN(v.denominator) || (controlled && den.basis === 'baseline' && v.denominator < 10) ? null : v.denominator,
        rate: r ? round(r.rate) : null,
        ci: r ? { lower: round(r.lower), upper: round(r.upper) } : null,
        boroughCount: bRate ? b.count : null,
        boroughDenominator: b.denominator,
        boroughRate: bRate ? round(bRate.rate) : null,
        boroughCi: bRate ? { lower: round(bRate.lower), upper: round(bRate.upper) } : null,
        gap: r && bRate ? { difference: round(r.rate - bRate.rate), ratio: bRate.rate > 0 ? round(r.rate / bRate.rate, 3) : null } : null,
        withheld: controlled && !shown,
        note,
      });
    });
  }
  const usable = counted.periods.map((p, i) => ({ p, i })).filter(({ p }) => p.status !== 'missing');
  const first = usable[0]?.p;
  const last = usable[usable.length - 1]?.p;
  const wanted = areas.map((a) => options.area === undefined || a.name.toLowerCase() === options.area.toLowerCase());
  const displacements = first && last && first !== last ? displacementChecks(frame, def, first, last, areas.map((a, i) => (wanted[i] ? a.index : [])), controlled) : null;
  const { comparable, lengthScale, note: likeWithLike } = comparablePeriods(options.period, def.rule, usable);
  const out: AreaSeries[] = [];
  areas.forEach((a, ai) => {
    if (!wanted[ai]) return;
    const list = series[ai] as SeriesPoint[];
    // The trend: exact gaps for analysts; only the gaps shown for everyone else; whole periods only.
    const points = comparable.flatMap(({ p, i }) => {
      const s = list[i] as SeriesPoint;
      if (s.gap) return [{ x: i, y: s.gap.difference * lengthScale(p), key: p.key }];
      if (controlled || !p.counts) return [];
      const d = den.perLsoa ?? p.denominators;
      if (!d) return [];
      const n = sumOver(d, a.index);
      const bn = sumOver(d, borough.index);
      if (!(n > 0) || !(bn > 0)) return [];
      return [{ x: i, y: (sumOver(p.counts, a.index) / n - sumOver(p.counts, borough.index) / bn) * 1000 * lengthScale(p), key: p.key }];
    });
    const slope = slopeWithCi(points);
    out.push({
      name: a.name,
      kind: a.kind,
      lsoas: a.lsoaCodes.length,
      flags: a.flags,
      series: list,
      trend: {
        direction: trendDirection(slope, points[0]?.y ?? null),
        baselinePeriod: points[0]?.key ?? null,
        latestPeriod: points[points.length - 1]?.key ?? null,
        slope: slope ? round(slope.slope, 3) : null,
        lower: slope ? round(slope.lower, 3) : null,
        upper: slope ? round(slope.upper, 3) : null,
        periods: points.length,
        test: TREND_TEST,
        note: likeWithLike,
      },
      displacement: displacements?.[ai] ?? null,
      imd: a.imd,
    });
  });
  return {
    indicator: def,
    period: options.period,
    vintage: frame.vintage,
    disclosure: controlled ? 'controlled' : 'exact',
    ciMethod: CI_METHODS[def.count],
    denominator: { kind: def.denominator, basis: den.basis, label: den.label },
    borough: { name: borough.name, lsoas: borough.index.length, basis: borough.basis },
    periods: counted.periods.map((p) => ({ key: p.key, label: p.label, start: p.start, end: p.end, status: p.status, missingSources: p.missingSources })),
    sources: counted.sources,
    areas: out,
    warnings,
  };
}

interface Cached {
  version: string;
  frame: Frame;
  events: LoadedEvents;
}
const cache = new WeakMap<Db, Cached>();

/**
 * The frame and the events of every kind an indicator can count, kept while the store is
 * unchanged. Read from the store's own compact copy (frame-table.ts) when it is fresh, else from
 * the records and events; with `keep` (the store's writer) a stale copy is written again, so the
 * next first question is quick. Held in memory while the copy's tokens are the same, or — read
 * from the records — while the connection's data_version (it moves whenever another connection
 * commits) and the stamps are.
 */
export function baselineFor(db: Db, keep?: Db | null): { frame: Frame; events: LoadedEvents } {
  const kinds = [...new Set(listIndicators(db).flatMap((d) => d.eventKinds))].sort();
  const stamps = currentStamps(db);
  let held = storedParts(db);
  let fresh = freshParts(stamps, held);
  const tokens = (): string => `kept|${held.frame?.token}|${held.events?.token}|${kinds.join(',')}`;
  const live = `live|${db.pragma('data_version', { simple: true }) as number}|${stamps.events}|${kinds.join(',')}`;
  const version = fresh.frame && fresh.events ? tokens() : live;
  const writable = keep && !keep.inTransaction && !keep.readonly ? keep : null;
  const hit = cache.get(db)?.version === version ? cache.get(db) : undefined;
  // Held in memory but not yet kept in the store: with the writer at hand it is kept now.
  if (hit && !(writable && !(fresh.frame && fresh.events))) return hit;
  const frame = hit?.frame ?? (fresh.frame ? readFrame(db) : loadFrame(db));
  let events: LoadedEvents;
  let wrote = false;
  if (fresh.events) events = eventsOfKinds(readEvents(db), kinds);
  else if (writable) {
    // Kept for every kind, so an indicator added later finds its events in the copy.
    const all = loadEvents(db, frame, EVENT_KINDS);
    wrote = keepParts(writable, stamps, { ...(fresh.frame ? { frameToken: held.frame?.token ?? '' } : { frame }), events: all });
    events = eventsOfKinds(all, kinds);
  } else events = loadEvents(db, frame, kinds);
  if (wrote) {
    held = storedParts(db);
    fresh = freshParts(stamps, held);
  }
  const kept = { version: fresh.frame && fresh.events ? tokens() : live, frame, events };
  cache.set(db, kept);
  return kept;
}

/** After a linkage run (or anything else that makes the copy stale): writes the outcomes' compact copy of the baseline. Seconds taken, or null when there is nothing to place (no Run, no lookup). */
export function keepOutcomeBaseline(reader: Db, writer: Db): number | null {
  const t = performance.now();
  // Nothing to place before the first Run or without a lookup: say so without reading the records.
  if (reader.prepare('SELECT max(id) FROM link_run').pluck().get() === null || frameVintage(reader) === null) return null;
  try {
    baselineFor(reader, writer);
  } catch (error) {
    if (error instanceof WorkbenchError) return null;
    throw error;
  }
  return (performance.now() - t) / 1000;
}

/**
 * Per-area indicator series: aggregates only. With `disclosure: 'controlled'` (anything shown to
 * a non-analyst or published) counts under 10 are withheld with secondary suppression and rates
 * are given only over denominators of 10 or more.
 */
export function areaIndicatorSeries(db: Db, options: SeriesOptions): IndicatorResult[] {
  const indicators = options.indicator ? [getIndicator(db, options.indicator)] : listIndicators(db);
  const { frame, events } = baselineFor(db, options.keep);
  const areas = areaFrames(db, frame);
  if (options.area !== undefined && !areas.some((a) => a.name.toLowerCase() === options.area?.toLowerCase())) {
    throw new WorkbenchError('not-found', `There is no area named "${options.area}" (see areas list).`);
  }
  const borough = boroughIndex(db, frame, options.borough);
  return indicators.map((def) => {
    const result = indicatorResult(db, frame, def, options, events, areas, borough);
    if (areas.length === 0) result.warnings.push('No areas have been made yet: build target neighbourhoods or wards on the Areas & IMD page (or area create).');
    return result;
  });
}
