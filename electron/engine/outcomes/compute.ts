// Counts one indicator per LSOA and period over the frame: the numerator (events, or people
// each once), the baseline's own denominator (persons living there at the period's end in the
// denominator's age band), and each person's own value (for the displacement check). People and
// their events count where their household lived at the end of the period. A period no source
// covers has no figures at all: missing data is never a zero.
import type { IndicatorDefinition } from '../../../shared/ipc/channels/outcomes.js';
import { dayOf, isoOf, NO_DAY, termBefore } from '../cohort/facts.js';
import { sharedBaselineEvents } from '../snapshot/baseline-read.js';
import type { Db } from '../store/database.js';
import { ageAt, dateNumber, householdsOn, inBand, residentsOn, type Frame } from './frame.js';
import { periodIndex, periodsBetween, type Period, type PeriodKind } from './periods.js';

export type PeriodStatus = 'complete' | 'partial' | 'missing';

export interface CountedPeriod extends Period {
  status: PeriodStatus;
  missingSources: string[];
  /** Per LSOA index (null when the period is missing). */
  counts: Float64Array | null;
  denominators: Float64Array | null;
  /** person index → that person's count in the period (only non-zero values). */
  personValues: Map<number, number>;
}

export interface Counted {
  periods: CountedPeriod[];
  sources: string[];
  /** Events of the indicator's kinds on records the latest linkage Run has not seen. */
  unlinkedEvents: number;
  personsWithoutDob: number;
}

export interface EventRow {
  person: number;
  kind: string;
  category: string | null;
  start: string | null;
  end: string | null;
  value: number | null;
  /** Attendance only: sessions possible, unauthorised and authorised absences. */
  possible: number | null;
  unauthorised: number | null;
  authorised: number | null;
}

export interface SourceWindow {
  partnerLabel: string;
  kind: string;
  firstStart: string | null;
  firstEnd: string | null;
  last: string | null;
  asOf: string;
  /** The distinct end dates of its events (for attendance: the terms it reports). */
  ends: string[];
}

export interface LoadedEvents {
  rows: EventRow[];
  windows: SourceWindow[];
  /** Per event kind: events on records the latest linkage Run has not seen. */
  unlinked: Map<string, number>;
}

const BANDS: Record<IndicatorDefinition['denominator'], [number, number] | null> = { children: [0, 15], 'working-age': [16, 64], total: null };

export const DENOMINATOR_WORDS: Record<IndicatorDefinition['denominator'], string> = {
  children: 'children aged 0–15',
  'working-age': 'working-age people (16–64)',
  total: 'residents (all ages)',
};

/** The events of some kinds (one pass over the table), with their persons in the frame, and each source's coverage. */
export function loadEvents(db: Db, frame: Frame, kinds: readonly string[]): LoadedEvents {
  const rows: EventRow[] = [];
  const unlinked = new Map<string, number>();
  const json = JSON.stringify([...new Set(kinds)]);
  // One pass over the events: each source's coverage (first and last dates, the terms it reports)
  // is gathered from the same rows that are counted, rather than by scanning the table again.
  const sources = new Map((db.prepare('SELECT id, partner, kind AS sourceKind, as_of AS asOf FROM source').all() as Array<{ id: number; partner: string; sourceKind: string; asOf: string }>).map((s) => [s.id, s]));
  const seen = new Map<string, { id: number; kind: string; firstStart: string | null; firstEnd: string | null; last: string | null; ends: Set<string> }>();
  const take = (record: number, source: number, kind: string, category: string | null, start: string | null, end: string | null, value: number | null, possible: number | null, unauthorised: number | null, authorised: number | null): void => {
    const key = `${source}|${kind}`;
    let w = seen.get(key);
    if (!w) seen.set(key, (w = { id: source, kind, firstStart: null, firstEnd: null, last: null, ends: new Set() }));
    if (start !== null && (w.firstStart === null || start < w.firstStart)) w.firstStart = start;
    if (end !== null && (w.firstEnd === null || end < w.firstEnd)) w.firstEnd = end;
    const latest = end ?? start;
    if (latest !== null && (w.last === null || latest > w.last)) w.last = latest;
    if (kind === 'attendance' && end !== null) w.ends.add(end);
    const person = (frame.personOfRecord[record] ?? 0) - 1;
    if (person < 0) {
      unlinked.set(kind, (unlinked.get(kind) ?? 0) + 1);
      return;
    }
    rows.push({ person, kind, category, start, end, value, possible, unauthorised, authorised });
  };
  const cell = (detail: Record<string, unknown>, key: string): number | null => (detail[key] ?? null) as number | null;
  const unheadedTerm = (source: number, back: number): { start: string; end: string } | null => {
    const asOf = dayOf(sources.get(source)?.asOf);
    if (asOf === NO_DAY) return null;
    const t = termBefore(asOf, back);
    return t.start === NO_DAY || t.end === NO_DAY ? null : { start: isoOf(t.start), end: isoOf(t.end) };
  };
  const takeRow = (record: number, source: number, kind: string, category: string | null, start: string | null, end: string | null, value: number | null, detail: string | null): void => {
    // Attendance carries its sessions in the detail cells; other kinds are counted by their dates.
    if (kind !== 'attendance' || detail === null) take(record, source, kind, category, start, end, value, null, null, null);
    else {
      const d = JSON.parse(detail) as Record<string, unknown>;
      // A table of term figures with no heading names no term: its last term is the extract's
      // own, and each is dated back from there exactly as the cohort facts date it.
      const term = start === null && typeof d.termsBeforeLast === 'number' ? unheadedTerm(source, d.termsBeforeLast) : null;
      take(record, source, kind, category, term?.start ?? start, term?.end ?? end, value, cell(d, 'sessionsPossible'), cell(d, 'unauthorisedAbsences'), cell(d, 'authorisedAbsences'));
    }
  };
  const shared = sharedBaselineEvents(db);
  if (shared) {
    // A board pack has read every event for the cohort already: take these kinds from that read.
    const wanted = new Set(kinds);
    for (const [, record, source, kind, category, start, end, value, detail] of shared) if (wanted.has(kind)) takeRow(record, source, kind, category, start, end, value, detail);
  } else {
    const all = db
      .prepare(
        `SELECT record_id, source_id, kind, category, start_date, end_date, value, CASE WHEN kind = 'attendance' THEN detail_json END
         FROM event WHERE kind IN (SELECT value FROM json_each(?))`,
      )
      .raw()
      .all(json) as Array<[number, number, string, string | null, string | null, string | null, number | null, string | null]>;
    for (const row of all) takeRow(...row);
  }
  const windows: SourceWindow[] = [...seen.values()]
    .sort((a, b) => a.id - b.id || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
    .flatMap((w) => {
      const s = sources.get(w.id);
      if (!s) return [];
      return [{ partnerLabel: `${s.partner} (${s.sourceKind})`, kind: w.kind, firstStart: w.firstStart, firstEnd: w.firstEnd, last: w.last, asOf: s.asOf, ends: [...w.ends].sort().slice(0, 200) }];
    });
  return { rows, windows, unlinked };
}

/** Coverage of one partner's extracts: the dates its events say it can speak for. */
function coverage(def: IndicatorDefinition, w: SourceWindow): Array<[string, string]> {
  // Attendance is reported per term and counted in the period its term ends in: a period in
  // which no reported term ends has no attendance data (not a zero).
  if (def.rule === 'absence-rate') return w.ends.map((d) => [d, d]);
  const end = w.asOf > (w.last ?? '') ? w.asOf : (w.last as string);
  // A spells extract lists the spells open, or ended since its earliest closure: before that
  // date it cannot say who was on a benefit.
  const start = def.rule === 'open-at-period-end' ? (w.firstEnd ?? w.asOf) : w.firstStart;
  return start ? [[start, end]] : [];
}

function matchesCategory(def: IndicatorDefinition, category: string | null): boolean {
  if (def.categories.length === 0) return true;
  if (!category) return false;
  const c = category.toLowerCase();
  return def.categories.some((k) => c.includes(k.toLowerCase()));
}

function absenceShare(e: EventRow): number | null {
  if (!e.possible || e.possible <= 0) return null;
  return ((e.unauthorised ?? e.value ?? 0) + (e.authorised ?? 0)) / e.possible;
}

const byKind = new WeakMap<LoadedEvents, Map<string, EventRow[]>>();

/** The events of some kinds, grouped by kind once per read so each indicator walks only its own. */
function* rowsOfKinds(events: LoadedEvents, kinds: readonly string[]): Generator<EventRow> {
  let groups = byKind.get(events);
  if (!groups) {
    groups = new Map();
    for (const e of events.rows) {
      const list = groups.get(e.kind);
      if (list) list.push(e);
      else groups.set(e.kind, [e]);
    }
    byKind.set(events, groups);
  }
  for (const kind of new Set(kinds)) yield* groups.get(kind) ?? [];
}

/** Every period from the earliest any source covers to the latest, each with its counts. */
export function countIndicator(frame: Frame, def: IndicatorDefinition, kind: PeriodKind, events: LoadedEvents): Counted {
  const windows = new Map<string, Array<[string, string]>>();
  for (const w of events.windows) {
    if (!def.eventKinds.includes(w.kind as (typeof def.eventKinds)[number])) continue;
    const c = coverage(def, w);
    if (c.length === 0) continue;
    windows.set(w.partnerLabel, [...(windows.get(w.partnerLabel) ?? []), ...c]);
  }
  const sources = [...windows.keys()].sort();
  const all = [...windows.values()].flat();
  const unlinkedEvents = def.eventKinds.reduce((n, k) => n + (events.unlinked.get(k) ?? 0), 0);
  if (all.length === 0) return { periods: [], sources, unlinkedEvents, personsWithoutDob: 0 };
  const from = all.reduce((m, w) => (w[0] < m ? w[0] : m), all[0]![0]);
  const to = all.reduce((m, w) => (w[1] > m ? w[1] : m), all[0]![1]);
  const nL = frame.lsoaCodes.length;
  const periods: CountedPeriod[] = periodsBetween(kind, from, to).map((p) => {
    const missing: string[] = [];
    let full = 0;
    for (const [label, ws] of windows) {
      const covers = def.rule === 'open-at-period-end' ? ws.some(([a, b]) => a <= p.end && p.end <= b) : ws.some(([a, b]) => a <= p.end && b >= p.start);
      const fully = def.rule === 'in-period' ? ws.some(([a, b]) => a <= p.start && b >= p.end) : covers;
      if (!covers) missing.push(label);
      else if (fully) full++;
    }
    const status: PeriodStatus = missing.length === windows.size ? 'missing' : full === windows.size ? 'complete' : 'partial';
    return { ...p, status, missingSources: missing, counts: status === 'missing' ? null : new Float64Array(nL), denominators: null, personValues: new Map() };
  });

  // Numerators: each person's value per period, then placed where their household lived at the period's end.
  // Each distinct category is matched once, not once per event.
  const matched = new Map<string | null, boolean>();
  for (const e of rowsOfKinds(events, def.eventKinds)) {
    let matches = matched.get(e.category);
    if (matches === undefined) matched.set(e.category, (matches = matchesCategory(def, e.category)));
    if (!matches) continue;
    let at: number;
    if (def.rule === 'open-at-period-end') {
      // A spell counts in every period whose last day it is open on (an open spell runs on).
      const start = e.start ?? e.end;
      if (!start) continue;
      const first = periodIndex(periods, start);
      const from = first >= 0 ? first : start < (periods[0] as Period).start ? 0 : periods.length;
      for (let i = from; i < periods.length; i++) {
        const p = periods[i] as CountedPeriod;
        if (start > p.end) continue;
        if (e.end !== null && e.end < p.end) break;
        if (!p.counts || !inBand(ageAt(frame.dob[e.person] as number, dateNumber(p.end)), def.ageMin, def.ageMax)) continue;
        // People once per period however many spells they have open; events: each open spell.
        p.personValues.set(e.person, def.count === 'people' ? 1 : (p.personValues.get(e.person) ?? 0) + 1);
      }
      continue;
    }
    const date = def.rule === 'absence-rate' ? (e.end ?? e.start) : (e.start ?? e.end);
    if (!date) continue;
    at = periodIndex(periods, date);
    if (at < 0) continue;
    const p = periods[at] as CountedPeriod;
    if (!p.counts) continue;
    if (def.rule === 'absence-rate') {
      const share = absenceShare(e);
      if (share === null || share < (def.absenceThreshold ?? 0.1)) continue;
      if (!inBand(ageAt(frame.dob[e.person] as number, dateNumber(p.end)), def.ageMin, def.ageMax)) continue;
    } else if (!inBand(ageAt(frame.dob[e.person] as number, dateNumber(date)), def.ageMin, def.ageMax)) continue;
    if (def.count === 'people') p.personValues.set(e.person, 1);
    else p.personValues.set(e.person, (p.personValues.get(e.person) ?? 0) + 1);
  }
  const band = BANDS[def.denominator];
  let withoutDob = 0;
  if (band) for (let person = 0; person < frame.persons; person++) if (frame.dob[person] === 0) withoutDob++;
  for (const p of periods) {
    if (!p.counts) continue;
    const placed = householdsOn(frame, p.end);
    for (const [person, v] of p.personValues) {
      const l = placed[frame.householdOf[person] as number] as number;
      if (l >= 0) p.counts[l] = (p.counts[l] as number) + v;
    }
    p.denominators = residentsOn(frame, p.end, band);
  }
  return { periods, sources, unlinkedEvents, personsWithoutDob: withoutDob };
}

/** Whether a person is in the denominator's age band at a date (for the displacement groups). */
export function inDenominatorBand(def: IndicatorDefinition, dob: number, date: number): boolean {
  const band = BANDS[def.denominator];
  return !band || inBand(ageAt(dob, date), band[0], band[1]);
}
