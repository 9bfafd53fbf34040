// Events: the demo borough's extracts, through the normal importer, give every kind of dated
// fact its partner sends, each linked to its Record and Source.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoBorough } from '../../electron/engine/demo/index.js';
import { eventKindOf, eventsOf, planEvents, termDates, yearGroupOf } from '../../electron/engine/import/events.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

interface EventRow {
  kind: string;
  category: string | null;
  start_date: string | null;
  end_date: string | null;
  value: number | null;
  detail_json: string;
  source_kind: string;
}

describe('events from the demo borough', () => {
  it('stores the dated facts of every extract, linked to their record and source', async () => {
    const demo = writeDemoBorough({ households: 200, seed: 11, outDir: tempDir() });
    const store = Store.openWithKey(join(tempDir(), 'demo.db'), randomBytes(32), true);
    let summed = 0;
    for (const file of demo.files) summed += (await importFile(store, file, { user: 't', today: '2025-03-31' }, silentJob())).events;
    const events = store.reader
      .prepare('SELECT e.kind, e.category, e.start_date, e.end_date, e.value, e.detail_json, s.kind AS source_kind FROM event e JOIN record r ON r.id = e.record_id AND r.source_id = e.source_id JOIN source s ON s.id = e.source_id')
      .all() as EventRow[];
    expect(events.length).toBe(summed);
    const byKind = (kind: string): EventRow[] => events.filter((e) => e.kind === kind);
    const kinds = new Set(events.map((e) => `${e.source_kind}/${e.kind}`));
    for (const k of ['school/attendance', 'school/exclusion', 'police/asb-incident', 'youth-justice/offence', 'benefits/benefit-spell', 'housing/tenancy', 'housing/asb-case', 'health/ae-attendance']) {
      expect(kinds, k).toContain(k);
    }
    // Attendance per term, dated by the term, with unauthorised absence as the value.
    const terms = new Set(byKind('attendance').map((e) => e.category));
    expect(terms).toEqual(new Set(['Sum 2024', 'Aut 2024', 'Spr 2025']));
    expect(byKind('attendance').find((e) => e.category === 'Aut 2024')).toMatchObject({ start_date: '2024-09-01', end_date: '2024-12-31' });
    for (const e of byKind('attendance')) expect(JSON.parse(e.detail_json)).toHaveProperty('sessionsPossible');
    // the census's NC Year ("R" for Reception) is kept on each term's attendance
    const years = new Set(byKind('attendance').map((e) => (JSON.parse(e.detail_json) as { ncYear?: number }).ncYear));
    expect([...years].sort((a, b) => (a ?? 99) - (b ?? 99))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Exclusions carry their type, start date and sessions.
    for (const e of byKind('exclusion')) {
      expect(e.start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.category).toBeTruthy();
    }
    // Benefit spells: type and start, an end where the claim ended.
    expect(byKind('benefit-spell').every((e) => e.category && e.start_date)).toBe(true);
    expect(byKind('benefit-spell').some((e) => e.end_date)).toBe(true);
    // Tenancy Start and End are the tenancy's dates.
    expect(byKind('tenancy').every((e) => e.start_date)).toBe(true);
    expect(byKind('tenancy').some((e) => e.end_date && e.start_date && e.end_date >= e.start_date)).toBe(true);
    // Offences keep their outcome as detail.
    expect(byKind('offence').some((e) => 'Outcome' in (JSON.parse(e.detail_json) as object))).toBe(true);
    expect(byKind('ae-attendance').every((e) => e.start_date)).toBe(true);
    store.close();
  });
});

describe('event kinds and term dates', () => {
  it('names an event from its sheet and headers, else from the source kind', () => {
    expect(eventKindOf('exclusions start date', 'school')).toBe('exclusion');
    expect(eventKindOf('pru placements start date', 'school')).toBe('alternative-provision');
    expect(eventKindOf('offence date', 'youth-justice')).toBe('offence');
    expect(eventKindOf('tenancy start tenancy end', 'housing')).toBe('tenancy');
    expect(eventKindOf('claim start date benefit type', 'benefits')).toBe('benefit-spell');
    expect(eventKindOf('incident date incident type', 'police')).toBe('asb-incident');
    expect(eventKindOf('attendance date', 'health')).toBe('ae-attendance');
    expect(eventKindOf('date', 'health')).toBe('ae-attendance');
    expect(eventKindOf('date', 'other')).toBe('event');
  });

  it('dates school terms from their labels', () => {
    expect(termDates('aut 2024')).toEqual({ start: '2024-09-01', end: '2024-12-31' });
    expect(termDates('spring 2025')).toEqual({ start: '2025-01-01', end: '2025-04-14' });
    expect(termDates('sum 2024')).toEqual({ start: '2024-04-15', end: '2024-07-31' });
    expect(termDates('term 3')).toBeNull();
  });
});

describe('event details', () => {
  it('keeps a "__proto__" header as a plain key of the detail', () => {
    const plan = planEvents({ sheet: 'Incidents', headers: ['Incident Date', '__proto__', 'Outcome'], roles: ['event_date', 'event', 'event'], sourceKind: 'police', pivotYear: 2025 });
    const [event] = eventsOf(['2024-01-02', 'polluted', 'Warning'], plan ?? ({} as never));
    expect(event?.[0]).toBe('asb-incident');
    expect(event?.[2]).toBe('2024-01-02');
    expect(JSON.parse(event?.[5] ?? '{}')).toEqual({ ['__proto__']: 'polluted', Outcome: 'Warning' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('a pupil\'s year group', () => {
  it('keeps the NC Year on each term\'s attendance, and reads only year groups from its cells', () => {
    const headers = ['Surname', 'NC Year', 'Sessions Possible Aut 2024', 'Unauthorised Absences Aut 2024', 'Year'];
    const plan = planEvents({ sheet: 'Attendance', headers, roles: ['surname', 'event', 'event', 'event', 'event'], sourceKind: 'school', pivotYear: 2025 })!;
    expect(plan.yearGroup).toBe(1);
    const [term] = eventsOf(['Dobson', '11', '140', '28', '2024'], plan);
    expect(JSON.parse(term?.[5] ?? '{}')).toEqual({ sessionsPossible: 140, unauthorisedAbsences: 28, ncYear: 11 });
    // no year group in the cell: nothing is made up
    expect(JSON.parse(eventsOf(['Dobson', '2024/25', '140', '28', ''], plan)[0]?.[5] ?? '{}')).toEqual({ sessionsPossible: 140, unauthorisedAbsences: 28 });
    expect(['R', 'Rec', 'N1', 'N2', 'Y7', 'Year 10', '07', '14', '15', '0', '2024', '3/4', ''].map(yearGroupOf)).toEqual([0, 0, -2, -1, 7, 10, 7, 14, null, null, null, null, null]);
    // the headings systems give it, and ones that are not it
    const headed = (h: string): number | null | undefined => planEvents({ sheet: 'A', headers: ['Surname', h, 'Sessions Possible Aut 2024', 'Unauthorised Absences Aut 2024'], roles: ['surname', 'event', 'event', 'event'], sourceKind: 'school', pivotYear: 2025 })?.yearGroup;
    expect(['NC Year', 'NCYear', 'PUP_NC_YEAR', 'Year Group', 'Yr Grp', 'National Curriculum Year', 'N.C. Year', 'Academic Year', 'Year of Entry', 'Sync year'].map(headed)).toEqual([1, 1, 1, 1, 1, 1, 1, null, null, null]);
    // a column the user marked "keep, not used" stays unused
    expect(planEvents({ sheet: 'Attendance', headers, roles: ['surname', 'ignore', 'event', 'event', 'event'], sourceKind: 'school', pivotYear: 2025 })?.yearGroup).toBe(4);
    // a sheet with no termly attendance has no year group to keep
    expect(planEvents({ sheet: 'Exclusions', headers: ['Start Date', 'NC Year'], roles: ['event_date', 'event'], sourceKind: 'school', pivotYear: 2025 })?.yearGroup).toBeNull();
  });
});
