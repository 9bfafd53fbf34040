// Counts one indicator per LSOA and period over the frame: the numerator (events, or people
// each once), the baseline's own denominator (persons living there at the period's end in the
// denominator's age band), and each person's own value (for the displacement check). People and
// their events count where their household lived at the end of the period. A period no source
// covers has no figures at all: missing data is never a zero.
import type { IndicatorDefinition } from '../../../shared/ipc/channels/outcomes.js';
import type { Db } from '../store/database.js';
import { ageOn, householdsOn, type Frame } from './frame.js';
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

interface EventRow {
  person: number;
  source: string;
  category: string | null;
  start: string | null;
  end: string | null;
  value: number | null;
  detail: string;
}

export interface SourceWindow {
  partnerLabel: string;
  firstStart: string | null;
  firstEnd: string | null;
  last: string | null;
  asOf: string;
  /** The distinct end dates of its events (for attendance: the terms it reports). */
  ends: string[];
}

export interface LoadedEvents {
  rows: EventRow[];
  windows: Map<string, SourceWindow>;
  unlinked: number;
}

const BANDS: Record<IndicatorDefinition['denominator'], [number, number] | null> = { children: [0, 15], 'working-age': [16, 64], total: null };

export const DENOMINATOR_WORDS: Record<IndicatorDefinition['denominator'], string> = {
  children: 'children aged 0–15',
  'working-age': 'working-age people (16–64)',
  total: 'residents (all ages)',
};

/** The events of some kinds, with their persons in the frame, and each source's coverage. */
export function loadEvents(db: Db, frame: Frame, kinds: readonly string[]): LoadedEvents {
  const rows: EventRow[] = [];
  let unlinked = 0;
  const windows: LoadedEvents['windows'] = new Map();
  const sourceRows = db
    .prepare(
      `SELECT s.id AS id, s.partner AS partner, s.kind AS kind, s.as_of AS asOf, min(e.start_date) AS firstStart, min(e.end_date) AS firstEnd, max(coalesce(e.end_date, e.start_date)) AS last
       FROM event e JOIN source s ON s.id = e.source_id
       WHERE e.kind IN (SELECT value FROM json_each(?)) GROUP BY s.id`,
    )
    .all(JSON.stringify(kinds)) as Array<{ id: number; partner: string; kind: string; asOf: string; firstStart: string | null; firstEnd: string | null; last: string | null }>;
  const ends = db.prepare('SELECT DISTINCT end_date AS d FROM event WHERE source_id = ? AND kind IN (SELECT value FROM json_each(?)) AND end_date IS NOT NULL ORDER BY d LIMIT 200');
  for (const s of sourceRows) {
    const list = (ends.all(s.id, JSON.stringify(kinds)) as Array<{ d: string }>).map((r) => r.d);
    windows.set(String(s.id), { partnerLabel: `${s.partner} (${s.kind})`, firstStart: s.firstStart, firstEnd: s.firstEnd, last: s.last, asOf: s.asOf, ends: list });
  }
  const it = db
    .prepare(
      `SELECT rp.person_id, e.source_id, e.category, e.start_date, e.end_date, e.value, e.detail_json
       FROM event e LEFT JOIN run_record_person rp ON rp.run_id = ? AND rp.record_id = e.record_id
       WHERE e.kind IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .iterate(frame.run, JSON.stringify(kinds)) as Iterable<[string | null, number, string | null, string | null, string | null, number | null, string]>;
  for (const [pid, source, category, start, end, value, detail] of it) {
    const person = pid === null ? undefined : frame.personIndex.get(pid);
    if (person === undefined) {
      unlinked++;
      continue;
    }
    rows.push({ person, source: String(source), category, start, end, value, detail });
  }
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

function inAgeBand(age: number | null, min: number | undefined, max: number | undefined): boolean {
  if (min === undefined && max === undefined) return true;
  if (age === null) return false;
  return (min === undefined || age >= min) && (max === undefined || age <= max);
}

function absenceShare(detail: string, value: number | null): number | null {
  let d: { sessionsPossible?: number; unauthorisedAbsences?: number; authorisedAbsences?: number };
  try {
    d = JSON.parse(detail) as typeof d;
  } catch {
    return null;
  }
  const possible = d.sessionsPossible;
  if (!possible || possible <= 0) return null;
  return ((d.unauthorisedAbsences ?? value ?? 0) + (d.authorisedAbsences ?? 0)) / possible;
}

/** Every period from the earliest any source covers to the latest, each with its counts. */
export function countIndicator(frame: Frame, def: IndicatorDefinition, kind: PeriodKind, events: LoadedEvents): Counted {
  const windows = new Map<string, Array<[string, string]>>();
  for (const w of events.windows.values()) {
    const c = coverage(def, w);
    if (c.length === 0) continue;
    windows.set(w.partnerLabel, [...(windows.get(w.partnerLabel) ?? []), ...c]);
  }
  const sources = [...windows.keys()].sort();
  const all = [...windows.values()].flat();
  if (all.length === 0) return { periods: [], sources, unlinkedEvents: events.unlinked, personsWithoutDob: 0 };
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
    return { ...p, status, missingSources: missing, counts: status === 'missing' ? null : new Float64Array(nL), denominators: status === 'missing' ? null : new Float64Array(nL), personValues: new Map() };
  });

  // Numerators: each person's value per period, then placed where their household lived at the period's end.
  const counted = new Set<string>();
  for (const e of events.rows) {
    if (!matchesCategory(def, e.category)) continue;
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
        if (!p.counts || !inAgeBand(ageOn(frame.dob[e.person] ?? null, p.end), def.ageMin, def.ageMax)) continue;
        const key = `${i}|${e.person}`;
        if (counted.has(key)) continue;
        counted.add(key);
        p.personValues.set(e.person, 1);
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
      const share = absenceShare(e.detail, e.value);
      if (share === null || share < (def.absenceThreshold ?? 0.1)) continue;
      if (!inAgeBand(ageOn(frame.dob[e.person] ?? null, p.end), def.ageMin, def.ageMax)) continue;
    } else if (!inAgeBand(ageOn(frame.dob[e.person] ?? null, date), def.ageMin, def.ageMax)) continue;
    if (def.count === 'people') p.personValues.set(e.person, 1);
    else p.personValues.set(e.person, (p.personValues.get(e.person) ?? 0) + 1);
  }
  const band = BANDS[def.denominator];
  let withoutDob = 0;
  for (let person = 0; person < frame.householdOf.length; person++) if (band && !frame.dob[person]) withoutDob++;
  for (const p of periods) {
    if (!p.counts || !p.denominators) continue;
    const placed = householdsOn(frame, p.end);
    for (const [person, v] of p.personValues) {
      const l = placed[frame.householdOf[person] as number] as number;
      if (l >= 0) p.counts[l] = (p.counts[l] as number) + v;
    }
    for (let person = 0; person < frame.householdOf.length; person++) {
      if (band && !inAgeBand(ageOn(frame.dob[person] ?? null, p.end), band[0], band[1])) continue;
      const l = placed[frame.householdOf[person] as number] as number;
      if (l >= 0) p.denominators[l] = (p.denominators[l] as number) + 1;
    }
  }
  return { periods, sources, unlinkedEvents: events.unlinked, personsWithoutDob: withoutDob };
}

/** Whether a person is in the denominator's age band at a date (for the displacement groups). */
export function inDenominatorBand(def: IndicatorDefinition, dob: string | null, date: string): boolean {
  const band = BANDS[def.denominator];
  return !band || inAgeBand(ageOn(dob, date), band[0], band[1]);
}
